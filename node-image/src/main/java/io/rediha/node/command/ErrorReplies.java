package io.rediha.node.command;

import java.nio.charset.StandardCharsets;

/**
 * Every error text the server sends, spelled once, exactly as Redis 7 spells it (with its code
 * prefix). Formatted errors are methods; they replace CR/LF and cut arguments the way Redis does,
 * so an error can never break the protocol.
 */
public final class ErrorReplies {
    private ErrorReplies() {
    }

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String AUTH_NO_PASSWORD = "ERR AUTH <password> called without any password configured "
            + "for the default user. Are you sure your configuration is correct?";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String INCR_OVERFLOW = "ERR increment or decrement would overflow";
    public static final String INCR_NAN_OR_INF = "ERR increment would produce NaN or Infinity";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String INDEX_OUT_OF_RANGE = "ERR index out of range";
    public static final String DB_INDEX_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String INVALID_DB_INDEX = "ERR invalid DB index";
    public static final String SAME_OBJECT = "ERR source and destination objects are the same";
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String READONLY = "READONLY You can't write against a read only replica.";
    public static final String NOREPLICAS = "NOREPLICAS Not enough good replicas to write.";
    public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
    public static final String MULTI_NESTED = "ERR MULTI calls can not be nested";
    public static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
    public static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
    public static final String WATCH_IN_MULTI = "ERR WATCH inside MULTI is not allowed";
    public static final String INVALID_EXPIRE = "ERR invalid expire time in '%s' command";
    public static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    public static final String BIT_VALUE = "ERR bit is not an integer or out of range";
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
    public static final String TIMEOUT_NOT_FLOAT = "ERR timeout is not a float or out of range";
    public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    public static final String NOPROTO = "NOPROTO unsupported protocol version";
    public static final String BUSYKEY = "BUSYKEY Target key name already exists.";
    public static final String NO_PERMISSION_SUB = "ERR Can't execute '%s': only (P|S)SUBSCRIBE / "
            + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
    public static final String COMMAND_NOT_ALLOWED_IN_MULTI = "ERR Command not allowed inside a transaction";
    public static final String MIN_GT_MAX = "ERR min or max is not a float";
    public static final String MIN_MAX_NOT_STRING = "ERR min or max not valid string range item";
    public static final String LOADING = "LOADING Redis is loading the dataset in memory";
    public static final String MASTERDOWN = "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
    public static final String UNKNOWN_CLIENT_TYPE = "ERR Unknown client type '%s'";
    public static final String NO_SUCH_CLIENT = "ERR No such client";
    public static final String OOM_CLIENT = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
    public static final String NX_XX_GT_LT = "ERR NX and XX, GT or LT options at the same time are not compatible";
    public static final String GT_LT_NX = "ERR GT, LT, and/or NX options at the same time are not compatible";

    /** {@code ERR wrong number of arguments for 'get' command} (subcommands as {@code config|get}). */
    public static String arity(String fullName) {
        return "ERR wrong number of arguments for '" + fullName + "' command";
    }

    /**
     * {@code ERR unknown command 'foo', with args beginning with: 'a' 'b' } — Redis cuts the name and
     * each shown argument at 128 bytes.
     */
    public static String unknownCommand(byte[][] argv) {
        StringBuilder sb = new StringBuilder("ERR unknown command '").append(cut(argv[0])).append("', with args beginning with: ");
        for (int i = 1; i < argv.length && sb.length() < 128; i++) {
            sb.append('\'').append(cut(argv[i])).append("' ");
        }
        return sanitize(sb.toString());
    }

    /** {@code ERR unknown subcommand 'x'. Try CONFIG HELP.} */
    public static String unknownSubcommand(String parent, byte[] sub) {
        return sanitize("ERR unknown subcommand '" + cut(sub) + "'. Try " + parent.toUpperCase(java.util.Locale.ROOT)
                + " HELP.");
    }

    /** An {@code ERR} error with a formatted message. */
    public static String err(String format, Object... args) {
        return sanitize("ERR " + String.format(format, args));
    }

    /** The format with its arguments, CR/LF made spaces. */
    public static String format(String format, Object... args) {
        return sanitize(String.format(format, args));
    }

    private static String cut(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    static String sanitize(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
