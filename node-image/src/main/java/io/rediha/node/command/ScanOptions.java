package io.rediha.node.command;

/** MATCH / COUNT (/ TYPE for SCAN) options of the SCAN family. */
final class ScanOptions {
    byte[] pattern;
    long count = 10;
    String type;

    static ScanOptions parse(byte[][] a, int from, boolean allowType) {
        ScanOptions o = new ScanOptions();
        for (int i = from; i < a.length; i++) {
            boolean hasNext = i + 1 < a.length;
            if (Args.is(a[i], "count") && hasNext) {
                o.count = Args.parseLong(a[++i]);
                if (o.count < 1) {
                    throw CommandException.syntax();
                }
            } else if (Args.is(a[i], "match") && hasNext) {
                o.pattern = a[++i];
                if (io.rediha.node.store.Glob.isMatchAll(o.pattern)) {
                    o.pattern = null;
                }
            } else if (allowType && Args.is(a[i], "type") && hasNext) {
                o.type = Args.lower(a[++i]);
            } else {
                throw CommandException.syntax();
            }
        }
        return o;
    }
}
