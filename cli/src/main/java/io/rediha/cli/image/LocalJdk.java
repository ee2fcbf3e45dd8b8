package io.rediha.cli.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A JDK on this machine that can make a runtime image: it has jlink and jdeps, and either jmods or
 * (JDK 24 and later) a linkable runtime. The newest one is preferred, because newer JDKs start
 * faster and JDK 25's compact object headers save heap.
 *
 * @param release the text of the JDK's {@code release} file (part of the jlink cache key)
 */
public record LocalJdk(Path home, Runtime.Version version, String implementor, String libc, String release) {

    /** Where JDKs are looked for: REDIHA_JDK, JAVA_HOME, the running JVM, then /usr/lib/jvm/*. */
    static List<Path> candidateHomes() {
        Set<Path> homes = new LinkedHashSet<>();
        Optional.ofNullable(System.getenv("REDIHA_JDK")).map(Path::of).ifPresent(homes::add);
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(homes::add);
        homes.add(Path.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
                dirs.forEach(homes::add);
            } catch (IOException e) {
                // only the other candidates then
            }
        }
        return new ArrayList<>(homes);
    }

    /**
     * The JDK to use: the one REDIHA_JDK names when set, otherwise the newest usable one.
     *
     * @throws ImageBuildException listing where it looked when none is usable
     */
    public static LocalJdk newest() {
        String forced = System.getenv("REDIHA_JDK");
        if (forced != null && !forced.isBlank()) {
            return inspect(Path.of(forced)).orElseThrow(() -> new ImageBuildException(
                    "REDIHA_JDK=" + forced + " is not a JDK with jlink and jdeps (and jmods, before JDK 24). Point it at one, or unset it."));
        }
        List<Path> homes = candidateHomes();
        return homes.stream()
                .map(LocalJdk::inspect)
                .flatMap(Optional::stream)
                .max(Comparator.comparing(LocalJdk::version))
                .orElseThrow(() -> new ImageBuildException("no JDK with jlink found (looked in " + homes
                        + "). Install one (e.g. apt-get install openjdk-17-jdk-headless), or set REDIHA_JDK."));
    }

    static Optional<LocalJdk> inspect(Path home) {
        try {
            Path real = home.toRealPath();
            // The running JVM may be a JRE inside a JDK (JDK 8 layout); only a full JDK qualifies.
            Path releaseFile = real.resolve("release");
            if (!Files.isExecutable(real.resolve("bin/jlink")) || !Files.isExecutable(real.resolve("bin/jdeps"))
                    || !Files.isRegularFile(releaseFile)) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(releaseFile)) {
                p.load(in);
            }
            String versionText = unquote(p.getProperty("JAVA_VERSION", ""));
            if (versionText.isEmpty()) {
                return Optional.empty();
            }
            Runtime.Version version = Runtime.Version.parse(versionText);
            boolean linkable = Files.isDirectory(real.resolve("jmods")) || version.feature() >= 24;
            if (!linkable) {
                return Optional.empty();
            }
            return Optional.of(new LocalJdk(real, version, unquote(p.getProperty("IMPLEMENTOR", "unknown")),
                    unquote(p.getProperty("LIBC", "gnu")), Files.readString(releaseFile)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    public Path tool(String name) {
        return home.resolve("bin").resolve(name);
    }

    public int feature() {
        return version.feature();
    }

    @Override
    public String toString() {
        return implementor + " " + version + " (" + home + ")";
    }
}
