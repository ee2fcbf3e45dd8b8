package io.rediha.cli.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A minimal Java runtime for the node jar, made by jlink from a {@link LocalJdk} with the modules
 * jdeps finds in the jar, less {@link #UNUSED_MODULES}. Making one takes about 20 s, so runtimes are cached in a
 * directory keyed by the JDK (its release file), the module list and the jlink options: a warm
 * build reuses it, and any change to those three makes a new one. A runtime is moved into the
 * cache only once complete, so an interrupted build never leaves a half runtime to be reused.
 *
 * @param home      the runtime's directory (bin/java, lib/...)
 * @param modules   the modules it holds
 * @param fromCache whether it was reused
 */
public record JlinkRuntime(Path home, List<String> modules, boolean fromCache) {

    /**
     * zip-9 costs nothing at start: the node's classes come from the class archive, not from
     * lib/modules (measured: same start time and RSS as an uncompressed lib/modules, 14 MB smaller).
     */
    private static final List<String> JLINK_OPTIONS = List.of(
            "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=zip-9");
    /**
     * Modules jdeps names only because of code the node never runs, all of it behind a
     * {@code catch (Throwable)} in Netty: its JFR allocator events (jdk.jfr), its probe of the JVM's
     * arguments for -XX:MaxDirectMemorySize (java.management; without it Netty falls back to
     * Runtime.maxMemory() and the node skips loading JMX at start), and its TLS trust manager
     * (java.naming); plus the node's own CPU-time fallback for a system without /proc (INFO cpu),
     * which a Linux container always has. Leaving them out saves 1.7 MB and about 40 classes at start.
     * Dockerfile.alpine drops the same three.
     */
    static final Set<String> UNUSED_MODULES = Set.of("jdk.jfr", "java.management", "java.naming");
    /** Bumped when the way a runtime is made changes, so old cache entries are not reused. */
    private static final String RECIPE_VERSION = "3";

    /**
     * A runtime for {@code nodeJar}, from the cache under {@code cacheRoot} or freshly linked.
     *
     * @throws ImageBuildException when jdeps or jlink fails, with their output
     */
    public static JlinkRuntime obtain(LocalJdk jdk, Path nodeJar, Path cacheRoot, Consumer<String> progress) {
        try {
            Files.createDirectories(cacheRoot);
            List<String> modules = modules(jdk, nodeJar, cacheRoot, progress);
            String key = sha256(RECIPE_VERSION + "\n" + jdk.home() + "\n" + jdk.release() + "\n" + modules + "\n" + JLINK_OPTIONS).substring(0, 16);
            Path dir = cacheRoot.resolve("jre-" + jdk.feature() + "-" + key);
            if (Files.isRegularFile(dir.resolve("bin/java"))) {
                progress.accept("jlink: reusing the cached runtime " + dir + " (" + String.join(",", modules) + ")");
                return new JlinkRuntime(dir, modules, true);
            }
            progress.accept("jlink: linking a runtime from " + jdk + " with " + String.join(",", modules) + " (about 20 s, cached afterwards)");
            long t0 = System.nanoTime();
            Path tmp = cacheRoot.resolve(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            deleteTree(tmp);
            List<String> cmd = new ArrayList<>(List.of(jdk.tool("jlink").toString(), "--add-modules", String.join(",", modules)));
            cmd.addAll(JLINK_OPTIONS);
            cmd.addAll(List.of("--output", tmp.toString()));
            Processes.runOrFail(cmd, Duration.ofMinutes(5));
            stripNativeSymbols(tmp, progress);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another build finished the same runtime first; theirs is as good as ours.
                deleteTree(tmp);
            }
            progress.accept("jlink: runtime ready in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms: " + dir);
            return new JlinkRuntime(dir, modules, false);
        } catch (IOException e) {
            throw new ImageBuildException("cannot prepare the jlink runtime under " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    /** The modules jdeps finds in the jar, cached by the jar's content hash (jdeps takes a few seconds). */
    private static List<String> modules(LocalJdk jdk, Path nodeJar, Path cacheRoot, Consumer<String> progress) throws IOException {
        Path cached = cacheRoot.resolve("modules-" + jdk.feature() + "-" + sha256(nodeJar).substring(0, 16) + ".txt");
        String line;
        if (Files.isRegularFile(cached)) {
            line = Files.readString(cached).strip();
        } else {
            progress.accept("jdeps: finding the modules " + nodeJar.getFileName() + " needs");
            line = Processes.runOrFail(List.of(jdk.tool("jdeps").toString(), "--multi-release", Integer.toString(jdk.feature()),
                    "--print-module-deps", "--ignore-missing-deps", nodeJar.toString()), Duration.ofMinutes(2)).strip();
            // jdeps may print warnings first; the module list is its last line.
            line = line.lines().reduce((a, b) -> b).orElse("").strip();
            if (!line.matches("[a-z0-9.]+(,[a-z0-9.]+)*")) {
                throw new ImageBuildException("jdeps printed no module list for " + nodeJar + ": " + line);
            }
            Files.writeString(cached, line + "\n");
        }
        return Stream.of(line.split(",")).filter(m -> !UNUSED_MODULES.contains(m)).toList();
    }

    /**
     * Drops the symbol tables of the runtime's native libraries (libjvm.so alone loses about
     * 5 MB); the dynamic symbols the JVM and its libraries need stay. Skipped when the host has
     * no {@code strip}.
     */
    private static void stripNativeSymbols(Path runtime, Consumer<String> progress) throws IOException {
        Path strip = Path.of("/usr/bin/strip");
        if (!Files.isExecutable(strip)) {
            progress.accept("jlink: no /usr/bin/strip (binutils) on this host; native libraries keep their symbol tables");
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(strip.toString(), "--strip-unneeded"));
        try (Stream<Path> files = Files.walk(runtime)) {
            files.filter(p -> p.getFileName().toString().endsWith(".so")).forEach(p -> cmd.add(p.toString()));
        }
        Processes.Result r = Processes.run(cmd, java.util.Map.of(), Duration.ofMinutes(2));
        if (r.exitCode() != 0) {
            progress.accept("jlink: strip failed, keeping the symbols: " + r.output().strip());
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
