package io.rediha.node.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SLOWLOG: the last {@code slowlog-max-len} commands that took longer than
 * {@code slowlog-log-slower-than} microseconds. Arguments are cut as Redis cuts them (32 arguments,
 * 128 bytes each) so the log cannot hold a big value.
 */
public final class SlowLog {
    /** One entry, as SLOWLOG GET returns it. */
    public record Entry(long id, long unixSeconds, long micros, List<byte[]> args, String peer, String clientName) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;
    private long maxLen = 128;

    void setMaxLen(long n) {
        maxLen = n;
        trim();
    }

    void record(Client c, byte[][] argv, long micros, long threshold) {
        if (threshold < 0 || micros < threshold) {
            return;
        }
        int n = Math.min(argv.length, 32);
        List<byte[]> args = new ArrayList<>(n);
        int redactFrom = secretsFrom(argv);
        for (int i = 0; i < n; i++) {
            if (i >= redactFrom && !(i == 31 && argv.length > 32)) {
                args.add(REDACTED);
                continue;
            }
            if (i == 31 && argv.length > 32) {
                args.add(("... (" + (argv.length - 31) + " more arguments)").getBytes());
                break;
            }
            byte[] a = argv[i];
            if (a.length > 128) {
                byte[] cut = Arrays.copyOf(a, 128 + ("... (" + (a.length - 128) + " more bytes)").length());
                byte[] tail = ("... (" + (a.length - 128) + " more bytes)").getBytes();
                System.arraycopy(tail, 0, cut, 128, tail.length);
                a = cut;
            }
            args.add(a);
        }
        String name = c.name() == null ? "" : new String(c.name());
        entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, micros, args, c.address(), name));
        trim();
    }

    private static final byte[] REDACTED = "(redacted)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Where the secrets of a command begin, so the slow log never keeps them (as Redis): the
     * user rules of ACL SETUSER, which may hold passwords. AUTH and HELLO skip the log altogether.
     */
    private static int secretsFrom(byte[][] argv) {
        if (argv.length > 2 && io.rediha.node.command.Args.is(argv[0], "acl")
                && io.rediha.node.command.Args.is(argv[1], "setuser")) {
            return 2;
        }
        return Integer.MAX_VALUE;
    }

    private void trim() {
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    public List<Entry> latest(int count) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= count) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    public int size() {
        return entries.size();
    }

    public void reset() {
        entries.clear();
    }
}
