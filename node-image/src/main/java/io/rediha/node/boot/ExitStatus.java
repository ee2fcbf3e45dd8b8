package io.rediha.node.boot;

/**
 * Exit codes of the image's entrypoint, so an orchestrator (and a test) can tell a typo in the
 * command from a bad environment from a deliberate refusal. Codes the server or sentinel return
 * themselves are passed through unchanged.
 */
public enum ExitStatus {
    /** Help was printed, or the node ran and stopped cleanly. */
    OK(0),
    /** Unknown role argument: usage was printed. */
    USAGE(2),
    /** An environment variable or a file it names is invalid: the message says which and how to fix it. */
    BAD_CONFIG(3),
    /** Starting would risk data loss (empty master with no sentinel to confirm it) and REDIHA_REFUSE_EMPTY_MASTER=yes. */
    REFUSED(4);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
