package io.rediha.node.persistence.aof;

import io.rediha.node.persistence.rdb.RdbFormatException;
import io.rediha.node.persistence.rdb.RdbReader;
import io.rediha.node.persistence.rdb.RdbVisitor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a Redis 7 multi-part AOF (manifest, base file in RDB or AOF form, incremental files in
 * order), or an old single-file AOF found directly in {@code dir}. The policy on bad endings:
 * a truncated LAST file is cut back to its last whole command when {@code aof-load-truncated}
 * is on (the dropped byte count goes into the report); a truncation anywhere else, or any
 * corruption, stops the load with an error naming the file and the offset.
 */
public final class AofLoader {
    /** What loading found. {@code source} tells whether there was no AOF, a manifest, or a legacy file. */
    public record Report(Source source, long commands, long baseKeys, List<String> warnings) {
    }

    public enum Source { NONE, MANIFEST, LEGACY_FILE }

    private AofLoader() {
    }

    public static Report load(Path dir, String appendDirName, String appendFilename, boolean loadTruncated,
                              RdbVisitor baseVisitor, AofCommandReader.Sink sink) throws IOException {
        Path aofDir = dir.resolve(appendDirName);
        Path manifestFile = aofDir.resolve(AofManifest.manifestName(appendFilename));
        List<String> warnings = new ArrayList<>();
        if (Files.exists(manifestFile)) {
            AofManifest manifest;
            try {
                manifest = AofManifest.read(aofDir, appendFilename);
            } catch (IllegalArgumentException e) {
                throw new AofLoadException("Bad AOF manifest " + manifestFile + ": " + e.getMessage());
            }
            long baseKeys = 0;
            long commands = 0;
            List<AofManifest.Entry> incrs = manifest.incrs();
            if (manifest.base() != null) {
                long[] counts = loadFile(aofDir.resolve(manifest.base().name()), incrs.isEmpty() && loadTruncated,
                        baseVisitor, sink, warnings);
                baseKeys += counts[0];
                commands += counts[1];
            }
            for (int i = 0; i < incrs.size(); i++) {
                boolean last = i == incrs.size() - 1;
                long[] counts = loadFile(aofDir.resolve(incrs.get(i).name()), last && loadTruncated,
                        baseVisitor, sink, warnings);
                commands += counts[1];
            }
            return new Report(Source.MANIFEST, commands, baseKeys, warnings);
        }
        Path legacy = dir.resolve(appendFilename);
        if (Files.exists(legacy)) {
            long[] counts = loadFile(legacy, loadTruncated, baseVisitor, sink, warnings);
            return new Report(Source.LEGACY_FILE, counts[1], counts[0], warnings);
        }
        return new Report(Source.NONE, 0, 0, warnings);
    }

    /** Loads one file (RDB preamble, then commands); returns {keys from RDB, commands}. */
    static long[] loadFile(Path file, boolean mayTruncate, RdbVisitor baseVisitor, AofCommandReader.Sink sink,
                           List<String> warnings) throws IOException {
        if (!Files.exists(file)) {
            throw new AofLoadException("The AOF file " + file + " listed in the manifest doesn't exist");
        }
        long size = Files.size(file);
        long rdbKeys = 0;
        long start = 0;
        if (startsWithRdbSignature(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                RdbReader.Result r = RdbReader.read(in, baseVisitor);
                rdbKeys = r.keys();
                start = r.length();
            } catch (RdbFormatException e) {
                throw new AofLoadException("Bad file format reading the append only file " + file.getFileName()
                        + " (RDB part): " + e.getMessage()
                        + ". Make a backup of your AOF file, then use check-aof --fix <filename.manifest>", e);
            } catch (java.io.EOFException e) {
                throw new AofLoadException("Unexpected end of file reading the RDB part of the append only file "
                        + file.getFileName() + ": " + e.getMessage(), e);
            }
        }
        AofCommandReader.Outcome outcome;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(start);
            outcome = AofCommandReader.scan(in, sink);
        }
        long validEnd = start + outcome.validBytes();
        switch (outcome.status()) {
            case COMPLETE -> {
                return new long[] {rdbKeys, outcome.commands()};
            }
            case TRUNCATED -> {
                if (!mayTruncate) {
                    throw new AofLoadException("Unexpected end of file reading the append only file "
                            + file.getFileName() + " at offset " + (start + outcome.problemOffset())
                            + ". You can: 1) Make a backup of your AOF file, then use check-aof --fix <filename>."
                            + " 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes"
                            + " and restart the server.");
                }
                long dropped = size - validEnd;
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(validEnd);
                    ch.force(true);
                }
                warnings.add("!!! Warning: short read while loading the AOF file " + file.getFileName() + "!!!");
                warnings.add("AOF " + file.getFileName() + " loaded anyway because aof-load-truncated is enabled;"
                        + " dropped " + dropped + " bytes of an incomplete command at the end (kept "
                        + validEnd + " of " + size + " bytes)");
                return new long[] {rdbKeys, outcome.commands()};
            }
            default -> throw new AofLoadException("Bad file format reading the append only file "
                    + file.getFileName() + " at offset " + (start + outcome.problemOffset()) + ": "
                    + outcome.problem() + ". Make a backup of your AOF file, then use check-aof --fix <filename>"
                    + " (it cuts the file at offset " + validEnd + ", losing everything after it)");
        }
    }

    static boolean startsWithRdbSignature(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(5);
            return head.length == 5 && new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("REDIS");
        }
    }
}
