package io.rediha.node.command;

/**
 * A command that fails with a Redis error reply. Handlers throw it instead of threading "already
 * replied" flags through every helper; dispatch sends {@link #getMessage()} (which starts with the
 * error code) as the reply. It carries no stack trace: it is a reply, not a bug.
 */
public final class CommandException extends RuntimeException {
    public CommandException(String errorReply) {
        super(errorReply, null, false, false);
    }

    public static CommandException wrongType() {
        return new CommandException(ErrorReplies.WRONGTYPE);
    }

    public static CommandException syntax() {
        return new CommandException(ErrorReplies.SYNTAX);
    }
}
