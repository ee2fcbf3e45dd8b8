package io.rediha.cli.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project files a build uses: the recipe folder {@code node-image/docker/} and the node jar
 * {@code node-image/target/node.jar}, found from the project root.
 */
public record RecipeFiles(Path root) {
    /** Flags of jvm.options that older JDKs reject (the JVM would not start), by the first JDK that has them. */
    private static final Map<String, Integer> FLAGS_SINCE = Map.of(
            "UseCompactObjectHeaders", 25,
            "--sun-misc-unsafe-memory-access", 23);

    /**
     * The project root from REDIHA_HOME (the {@code ./rediha} launcher sets it), else the working
     * directory or one of its parents holding {@code node-image/docker}.
     *
     * @throws ImageBuildException when neither holds the recipe
     */
    public static RecipeFiles locate() {
        String home = System.getenv("REDIHA_HOME");
        if (home != null && !home.isBlank()) {
            return check(Path.of(home));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("node-image/docker"))) {
                return new RecipeFiles(p);
            }
        }
        throw new ImageBuildException("cannot find node-image/docker from " + Path.of("").toAbsolutePath()
                + ". Run rediha from the project (./rediha build), or set REDIHA_HOME to the project root.");
    }

    public static RecipeFiles check(Path root) {
        RecipeFiles f = new RecipeFiles(root.toAbsolutePath().normalize());
        if (!Files.isDirectory(f.dockerDir())) {
            throw new ImageBuildException("no image recipe at " + f.dockerDir() + "; is " + f.root() + " the rediha project root?");
        }
        return f;
    }

    public Path dockerDir() {
        return root.resolve("node-image/docker");
    }

    public Path docker(String name) {
        return dockerDir().resolve(name);
    }

    /**
     * @throws ImageBuildException when the jar has not been built
     */
    public Path nodeJar() {
        Path jar = root.resolve("node-image/target/node.jar");
        if (!Files.isRegularFile(jar)) {
            throw new ImageBuildException(jar + " is missing. Build it first: ./rediha builds it on its first run, "
                    + "or run mvn -pl node-image -am package -DskipTests.");
        }
        return jar;
    }

    /** Where jlink runtimes are cached: next to the node jar, so mvn clean drops them too. */
    public Path jlinkCache() {
        return root.resolve("node-image/target/jlink");
    }

    /**
     * The JVM flags file for a JDK: flags an older JDK does not know are left out (a JVM refuses
     * to start on an unknown -XX flag).
     */
    public String jvmOptions(int jdkFeature) {
        try {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(docker("jvm.options"))) {
                int needs = FLAGS_SINCE.entrySet().stream().filter(f -> line.contains(f.getKey()))
                        .mapToInt(Map.Entry::getValue).max().orElse(0);
                kept.add(jdkFeature < needs ? "# (left out for JDK " + jdkFeature + ") " + line : line);
            }
            return String.join("\n", kept) + "\n";
        } catch (IOException e) {
            throw new ImageBuildException("cannot read " + docker("jvm.options") + ": " + e.getMessage(), e);
        }
    }
}
