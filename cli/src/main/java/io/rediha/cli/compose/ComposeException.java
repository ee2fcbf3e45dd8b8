package io.rediha.cli.compose;

import io.rediha.cli.CliException;
import io.rediha.cli.ExitCodes;

/** The compose file cannot be used: unreadable, not YAML, or not a file rediha generated. */
public class ComposeException extends CliException {
    public ComposeException(String message) {
        this(message, null);
    }

    public ComposeException(String message, String hint) {
        super(message, hint, ExitCodes.USAGE);
    }
}
