package io.rediha.node.sentinel;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The sentinel's log, in redis-server's line format ({@code pid:X date level-mark message}) so
 * logs of mixed fleets read the same. Level marks: {@code .} debug, {@code -} verbose,
 * {@code *} notice, {@code #} warning.
 */
final class SentinelLog {
    enum Level {
        DEBUG('.'), VERBOSE('-'), NOTICE('*'), WARNING('#');

        final char mark;

        Level(char mark) {
            this.mark = mark;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);
    private final PrintStream out;
    private final Level minimum;
    private final long pid = ProcessHandle.current().pid();

    SentinelLog(PrintStream out, Level minimum) {
        this.out = out;
        this.minimum = minimum;
    }

    /** Logs to {@code logfile}, or to stdout when it is empty, as Redis does. */
    static SentinelLog open(String logfile, String level) throws IOException {
        Level min = switch (level.toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.DEBUG;
            case "verbose" -> Level.VERBOSE;
            case "warning" -> Level.WARNING;
            default -> Level.NOTICE;
        };
        PrintStream out = logfile == null || logfile.isEmpty() ? System.out
                : new PrintStream(new FileOutputStream(logfile, true), true, StandardCharsets.UTF_8);
        return new SentinelLog(out, min);
    }

    void log(Level level, String message) {
        if (level.ordinal() < minimum.ordinal()) {
            return;
        }
        out.println(pid + ":X " + LocalDateTime.now().format(TIME) + " " + level.mark + " " + message);
    }

    void warning(String message) {
        log(Level.WARNING, message);
    }

    void notice(String message) {
        log(Level.NOTICE, message);
    }

    void verbose(String message) {
        log(Level.VERBOSE, message);
    }
}
