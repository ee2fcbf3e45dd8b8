package io.rediha.node.persistence.aof;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest of a Redis 7 multi-part AOF: which base file and which incremental files, in
 * order, make up the dataset. One line per file, {@code file <name> seq <n> type b|i|h}, in the
 * file {@code <appendfilename>.manifest} inside {@code appenddirname}. The manifest is replaced
 * atomically (write a temp file, fsync, rename, fsync the directory), which is what makes a
 * rewrite crash-safe: until the rename the old base and incr files are the truth.
 */
public final class AofManifest {
    public enum Kind {
        BASE('b'), INCR('i'), HISTORY('h');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(String s) {
            for (Kind k : values()) {
                if (s.length() == 1 && s.charAt(0) == k.code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown file type '" + s + "'");
        }
    }

    public record Entry(String name, long seq, Kind kind) {
        String render() {
            return "file " + name + " seq " + seq + " type " + kind.code + "\n";
        }
    }

    private final String prefix;
    private Entry base;
    private final List<Entry> incrs = new ArrayList<>();
    private final List<Entry> history = new ArrayList<>();
    private long lastIncrSeq;
    private long lastBaseSeq;

    public AofManifest(String appendFilename) {
        this.prefix = appendFilename;
    }

    public static String manifestName(String appendFilename) {
        return appendFilename + ".manifest";
    }

    public static AofManifest parse(String appendFilename, String text) {
        AofManifest m = new AofManifest(appendFilename);
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String name = null;
            long seq = -1;
            Kind kind = null;
            try {
                for (int i = 0; i + 1 < parts.length; i += 2) {
                    switch (parts[i]) {
                        case "file" -> name = parts[i + 1];
                        case "seq" -> seq = Long.parseLong(parts[i + 1]);
                        case "type" -> kind = Kind.of(parts[i + 1]);
                        default -> {
                            // unknown keys are ignored, as Redis does, for forward compatibility
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid AOF manifest line " + lineNo + ": " + e.getMessage());
            }
            if (name == null || seq < 0 || kind == null || parts.length % 2 != 0) {
                throw new IllegalArgumentException("Invalid AOF manifest line " + lineNo + ": '" + line + "'");
            }
            Entry e = new Entry(name, seq, kind);
            switch (kind) {
                case BASE -> {
                    if (m.base != null) {
                        throw new IllegalArgumentException("Found duplicate base file information in the AOF manifest");
                    }
                    m.base = e;
                    m.lastBaseSeq = seq;
                }
                case INCR -> {
                    if (seq <= m.lastIncrSeq) {
                        throw new IllegalArgumentException("Found a non-monotonic sequence number of incr file " + name);
                    }
                    m.incrs.add(e);
                    m.lastIncrSeq = seq;
                }
                case HISTORY -> m.history.add(e);
            }
        }
        return m;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        if (base != null) {
            sb.append(base.render());
        }
        for (Entry h : history) {
            sb.append(h.render());
        }
        for (Entry i : incrs) {
            sb.append(i.render());
        }
        return sb.toString();
    }

    public Entry base() {
        return base;
    }

    public List<Entry> incrs() {
        return List.copyOf(incrs);
    }

    public List<Entry> history() {
        return List.copyOf(history);
    }

    /** Adds a new incremental file and returns it; the caller creates the file. */
    public Entry addNextIncr() {
        Entry e = new Entry(prefix + "." + (lastIncrSeq + 1) + ".incr.aof", lastIncrSeq + 1, Kind.INCR);
        lastIncrSeq++;
        incrs.add(e);
        return e;
    }

    /** The manifest that holds after a rewrite: new base, the old base and older incrs become history. */
    public AofManifest afterRewrite(boolean rdbBase, Entry keptIncr) {
        AofManifest next = new AofManifest(prefix);
        next.lastBaseSeq = lastBaseSeq + 1;
        next.base = new Entry(prefix + "." + next.lastBaseSeq + ".base." + (rdbBase ? "rdb" : "aof"),
                next.lastBaseSeq, Kind.BASE);
        next.history.addAll(history);
        if (base != null) {
            next.history.add(new Entry(base.name, base.seq, Kind.HISTORY));
        }
        boolean kept = false;
        for (Entry i : incrs) {
            if (i.equals(keptIncr)) {
                next.incrs.add(i);
                kept = true;
            } else if (!kept) {
                next.history.add(new Entry(i.name, i.seq, Kind.HISTORY));
            } else {
                next.incrs.add(i);
            }
        }
        next.lastIncrSeq = lastIncrSeq;
        return next;
    }

    /** The same manifest without the history lines (after the history files are deleted). */
    public AofManifest withoutHistory() {
        AofManifest next = new AofManifest(prefix);
        next.base = base;
        next.incrs.addAll(incrs);
        next.lastBaseSeq = lastBaseSeq;
        next.lastIncrSeq = lastIncrSeq;
        return next;
    }

    public void writeAtomically(Path dir) throws IOException {
        Path target = dir.resolve(manifestName(prefix));
        Path tmp = dir.resolve("temp-" + manifestName(prefix));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(render().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(dir);
    }

    public static AofManifest read(Path dir, String appendFilename) throws IOException {
        return parse(appendFilename, Files.readString(dir.resolve(manifestName(appendFilename))));
    }

    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems do not allow opening a directory; the rename is still atomic
        }
    }
}
