package io.rediha.cli.runtime;

import io.rediha.cli.CliException;
import io.rediha.cli.ExitCodes;
import io.rediha.cli.Messages;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the local runtime starts a node: a command prefix to which the role word ({@code server} or
 * {@code sentinel}) and redis-server-style arguments are appended.
 *
 * <p>The product runs our node jar ({@code java -jar node.jar server node.conf --port N}). For
 * tests only, env {@code REDIHA_NODE_CMD} replaces the prefix, e.g. with a script that maps
 * {@code server}/{@code sentinel} to Debian's redis-server/redis-sentinel, which is how the runtime
 * mechanics are tested against the reference implementation.
 */
public record NodeCommand(List<String> prefix, String description) {

    public static final String ENV_OVERRIDE = "REDIHA_NODE_CMD";
    /** Small-footprint, fast-start JVM flags for a node process; REDIHA_NODE_JAVA_OPTS replaces them. */
    static final List<String> NODE_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-XX:+IgnoreUnrecognizedVMOptions");

    /** The full command line for one role. */
    public List<String> forRole(String roleWord, List<String> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(roleWord);
        cmd.addAll(args);
        return cmd;
    }

    /** The command the product uses, or the test override when {@code REDIHA_NODE_CMD} is set. */
    public static NodeCommand resolve(Map<String, String> env) {
        String override = env.get(ENV_OVERRIDE);
        if (override != null && !override.isBlank()) {
            return new NodeCommand(List.of(override.trim().split("\\s+")), override.trim());
        }
        Path jar = findNodeJar(env);
        List<String> prefix = new ArrayList<>();
        prefix.add(javaExecutable());
        String opts = env.get("REDIHA_NODE_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            prefix.addAll(List.of(opts.trim().split("\\s+")));
        } else {
            prefix.addAll(NODE_JVM_FLAGS);
        }
        prefix.add("-jar");
        prefix.add(jar.toString());
        return new NodeCommand(List.copyOf(prefix), jar.toString());
    }

    /** REDIHA_HOME (set by the ./rediha launcher), then next to the CLI jar, then the source tree layout. */
    static Path findNodeJar(Map<String, String> env) {
        Set<Path> candidates = new LinkedHashSet<>();
        String home = env.get("REDIHA_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, "node-image", "target", "node.jar"));
            candidates.add(Path.of(home, "node.jar"));
        }
        cliJarDir().ifPresent(dir -> {
            candidates.add(dir.resolve("node.jar"));
            candidates.add(dir.resolve("../../node-image/target/node.jar").normalize());
        });
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new CliException(Messages.nodeJarMissing(candidates), Messages.NODE_JAR_HINT, ExitCodes.UNHEALTHY);
    }

    private static Optional<Path> cliJarDir() {
        try {
            var src = NodeCommand.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                return Optional.empty();
            }
            Path p = Path.of(src.getLocation().toURI());
            return Optional.ofNullable(Files.isDirectory(p) ? p : p.getParent());
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
