package io.rediha.node.persistence;

import io.rediha.node.persistence.aof.AofCommandReader;
import io.rediha.node.persistence.aof.AofManifest;
import io.rediha.node.persistence.rdb.RdbReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar node.jar check-aof [--fix] <file.aof | file.manifest>}: the counterpart of
 * redis-check-aof. Checks one AOF file (plain or with an RDB preamble) or every file a manifest
 * lists; reports how far the file is valid in redis-check-aof's own words; with {@code --fix}
 * cuts the (last) file back to its last whole command. Exit code 0 when the result is valid
 * (or was fixed), 1 when not, 2 on bad usage.
 */
public final class CheckAof {
    private CheckAof() {
    }

    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        boolean fix = false;
        String file = null;
        for (String a : args) {
            if (a.equals("--fix")) {
                fix = true;
            } else if (file == null && !a.startsWith("--")) {
                file = a;
            } else {
                file = null;
                break;
            }
        }
        if (file == null) {
            err.println("Usage: java -jar node.jar check-aof [--fix] <file.aof | file.manifest>");
            return 2;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            err.println("Cannot open file " + file + ": No such file or directory");
            return 1;
        }
        try {
            if (file.endsWith(".manifest")) {
                return checkManifest(out, path, fix);
            }
            out.println("Start checking Old-Style AOF");
            return checkFile(out, path, fix, true) ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("Error checking " + file + ": " + e.getMessage());
            return 1;
        }
    }

    private static int checkManifest(PrintStream out, Path manifestPath, boolean fix) throws IOException {
        String name = manifestPath.getFileName().toString();
        String prefix = name.substring(0, name.length() - ".manifest".length());
        AofManifest m = AofManifest.parse(prefix, Files.readString(manifestPath));
        Path dir = manifestPath.toAbsolutePath().getParent();
        out.println("Start checking Multi Part AOF");
        List<AofManifest.Entry> files = new ArrayList<>();
        if (m.base() != null) {
            files.add(m.base());
        }
        files.addAll(m.incrs());
        for (int i = 0; i < files.size(); i++) {
            AofManifest.Entry e = files.get(i);
            boolean last = i == files.size() - 1;
            out.println("Start to check " + (e.kind() == AofManifest.Kind.BASE ? "BASE" : "INCR") + " AOF: " + e.name());
            if (!checkFile(out, dir.resolve(e.name()), fix, last)) {
                return 1;
            }
        }
        out.println("All AOF files and manifest are valid");
        return 0;
    }

    /** Checks one file; with fix and fixable, truncates it. Returns whether it is valid afterwards. */
    private static boolean checkFile(PrintStream out, Path file, boolean fix, boolean fixable) throws IOException {
        long size = Files.size(file);
        long rdbLength = 0;
        if (startsWithRdb(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                rdbLength = RdbReader.read(in, (db, key, value, exp) -> { }).length();
                out.println("RDB preamble is OK, proceeding with AOF tail...");
            } catch (IOException e) {
                out.println("RDB preamble of AOF file is not sane, aborting: " + e.getMessage());
                out.println("AOF " + file.getFileName() + " is not valid");
                return false;
            }
        }
        AofCommandReader.Outcome o;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(rdbLength);
            o = AofCommandReader.scan(in, (argv, end) -> { });
        }
        long okUpTo = rdbLength + o.validBytes();
        if (o.status() != AofCommandReader.Status.COMPLETE) {
            out.printf("0x%16x: %s%n", rdbLength + o.problemOffset(), o.problem());
        }
        out.println("AOF analyzed: filename=" + file.getFileName() + ", size=" + size + ", ok_up_to=" + okUpTo
                + ", ok_up_to_line=" + (o.validLines() + 1) + ", diff=" + (size - okUpTo));
        if (o.status() == AofCommandReader.Status.COMPLETE) {
            out.println("AOF " + file.getFileName() + " is valid");
            return true;
        }
        if (!fix) {
            out.println("AOF " + file.getFileName() + " is not valid. Use the --fix option to try fixing it.");
            return false;
        }
        if (!fixable) {
            out.println("AOF " + file.getFileName() + " is not the last file of the manifest; it cannot be fixed by truncation.");
            return false;
        }
        out.println("This will shrink the AOF " + file.getFileName() + " from " + size + " bytes, with "
                + (size - okUpTo) + " bytes, to " + okUpTo + " bytes");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(okUpTo);
            ch.force(true);
        }
        out.println("Successfully truncated AOF " + file.getFileName());
        return true;
    }

    private static boolean startsWithRdb(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("REDIS");
        }
    }
}
