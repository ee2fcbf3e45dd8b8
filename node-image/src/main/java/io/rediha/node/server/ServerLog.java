package io.rediha.node.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The server log, in redis-server's line format so existing log tooling reads it:
 * {@code pid:R dd Mon yyyy HH:mm:ss.SSS L message}, where R is the role (M master, S replica,
 * X sentinel) and L the level ({@code .} debug, {@code -} verbose, {@code *} notice, {@code #}
 * warning). Lines go to {@code logfile}, or standard output when it is empty.
 */
public final class ServerLog {
    /** Levels in loglevel order. */
    public enum Level {
        DEBUG('.'), VERBOSE('-'), NOTICE('*'), WARNING('#');

        final char mark;

        Level(char mark) {
            this.mark = mark;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);
    private final long pid = ProcessHandle.current().pid();
    private volatile Level threshold = Level.NOTICE;
    private volatile Supplier<Character> role = () -> 'M';
    private volatile PrintStream out = System.out;

    public void setLevel(String loglevel) {
        threshold = Level.valueOf(loglevel.toUpperCase(Locale.ROOT));
    }

    public void setRole(Supplier<Character> role) {
        this.role = role;
    }

    /** Appends to {@code file}, or writes to standard output when it is empty. */
    public void setFile(String file) throws IOException {
        if (file == null || file.isEmpty()) {
            out = System.out;
        } else {
            out = new PrintStream(Files.newOutputStream(Path.of(file), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
        }
    }

    public void debug(String msg) {
        log(Level.DEBUG, msg);
    }

    public void verbose(String msg) {
        log(Level.VERBOSE, msg);
    }

    public void notice(String msg) {
        log(Level.NOTICE, msg);
    }

    public void warning(String msg) {
        log(Level.WARNING, msg);
    }

    public boolean enabled(Level level) {
        return level.ordinal() >= threshold.ordinal();
    }

    public void log(Level level, String msg) {
        if (!enabled(level)) {
            return;
        }
        String line = pid + ":" + role.get() + " " + LocalDateTime.now().format(TIME) + " " + level.mark + " " + msg;
        PrintStream o = out;
        synchronized (this) {
            o.println(line);
        }
    }
}
