package io.rediha.cli.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's shared libraries a runtime needs, found by running {@code ldd} on every ELF file in
 * it (the launcher and each {@code .so}), not from a hand-kept list: a different JDK or host then
 * simply yields a different, still exact, set. Libraries inside the runtime itself are not
 * listed; the dynamic loader is. Paths are the ones ldd prints, which is where the loader looks
 * for them in the image.
 */
public final class SharedLibraries {
    /** {@code libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)} */
    private static final Pattern RESOLVED = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    /** {@code libjvm.so => not found} */
    private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found\\s*$");
    /** {@code /lib64/ld-linux-x86-64.so.2 (0x...)}: the loader, named by absolute path. */
    private static final Pattern LOADER = Pattern.compile("^\\s*(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");

    private SharedLibraries() {
    }

    /**
     * @throws ImageBuildException when ldd is missing or a library is found nowhere
     */
    public static Set<Path> of(Path runtime) {
        List<Path> elfFiles = elfFiles(runtime);
        // The runtime's own libraries resolve through these, as the launcher arranges at run time.
        String libPath = runtime.resolve("lib") + ":" + runtime.resolve("lib/server");
        Set<Path> libraries = new TreeSet<>();
        for (Path elf : elfFiles) {
            Processes.Result r = Processes.run(List.of("ldd", elf.toString()), Map.of("LD_LIBRARY_PATH", libPath), Duration.ofSeconds(30));
            if (r.exitCode() != 0) {
                // "not a dynamic executable": a static file needs nothing.
                continue;
            }
            for (String line : r.output().lines().toList()) {
                Matcher m;
                if ((m = RESOLVED.matcher(line)).matches()) {
                    Path lib = Path.of(m.group(2)).normalize();
                    if (!lib.startsWith(runtime)) {
                        libraries.add(lib);
                    }
                } else if ((m = NOT_FOUND.matcher(line)).matches()) {
                    throw new ImageBuildException(elf + " needs " + m.group(1) + ", which ldd finds nowhere on this host.");
                } else if ((m = LOADER.matcher(line)).matches()) {
                    libraries.add(Path.of(m.group(1)).normalize());
                }
            }
        }
        if (libraries.isEmpty()) {
            throw new ImageBuildException("ldd found no libraries for " + runtime + "; is ldd (libc-bin) installed and the host glibc-based?");
        }
        return libraries;
    }

    private static List<Path> elfFiles(Path runtime) {
        List<Path> elf = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (isElf(p)) {
                    elf.add(p);
                }
            }
        } catch (IOException e) {
            throw new ImageBuildException("cannot read the runtime " + runtime + ": " + e.getMessage(), e);
        }
        return elf;
    }

    static boolean isElf(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }
}
