package io.rediha.node.boot;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import io.rediha.node.sentinel.SentinelMain;
import io.rediha.node.server.ServerMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar node.jar image <role> [--directive value ...]}: the image's entrypoint. Reads
 * the environment, plans a safe start, writes the config and then runs the server or the sentinel
 * in this same JVM (one process per container, so signals reach the node directly). Directives
 * after the role are passed on to the server or sentinel as command-line overrides.
 */
public final class Entrypoint {
    static final String USAGE = """
            Usage: <image> [master|slave|replica|sentinel|help] [--directive value ...]
              master    become master unless a sentinel knows another master (default)
              slave     replicate the master the sentinels name, else master_host:master_port
              replica   same as slave
              sentinel  monitor the master; config kept in /data/sentinel.conf
              help      print this text
              version   print the node's version
            Inside the image the JVM runs: java -jar /opt/rediha/node.jar image <role>.""";

    private static final Duration SENTINEL_TIMEOUT = Duration.ofMillis(1500);

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    Entrypoint(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static int run(String... args) {
        limitDnsCaching();
        useJdkLoggingForNetty();
        return new Entrypoint(System.getenv(), System.out, System.err).start(args);
    }

    /**
     * Containers come and go under their names: a sentinel looked up before it started must be
     * found once it has, and a master recreated with a new IP must be reached at the new one. The
     * JVM's defaults (30 s for found names, 10 s for missing ones) would pin both, so the node keeps
     * names for 1 s and missing names not at all. An operator can still choose with
     * {@code -Dsun.net.inetaddr.ttl} / {@code -Dsun.net.inetaddr.negative.ttl} (JAVA_TOOL_OPTIONS).
     */
    static void limitDnsCaching() {
        java.security.Security.setProperty("networkaddress.cache.ttl", System.getProperty("sun.net.inetaddr.ttl", "1"));
        java.security.Security.setProperty("networkaddress.cache.negative.ttl", System.getProperty("sun.net.inetaddr.negative.ttl", "0"));
    }

    /**
     * Netty would look for SLF4J, then Log4j 2, then Log4j before settling on java.util.logging;
     * the node jar has none of them, and each failed lookup costs a class search and an exception
     * at start. Same outcome, without the search.
     */
    static void useJdkLoggingForNetty() {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    int start(String... args) {
        Prepared p = prepare(args);
        if (p instanceof Prepared.Exit exit) {
            return exit.code();
        }
        Prepared.Launch launch = (Prepared.Launch) p;
        if (!launch.role().isDataNode()) {
            return SentinelMain.run(launch.args());
        }
        GracefulStop stop = new GracefulStop(launch.settings(), GracefulStop.DEFAULT_WAIT, out);
        return ServerMain.run(stop::attach, launch.args());
    }

    /** The outcome of everything before the node runs: an exit code, or the main to run with its arguments. */
    sealed interface Prepared {
        record Exit(int code) implements Prepared {
        }

        record Launch(Role role, String[] args, BootSettings settings) implements Prepared {
        }
    }

    /** Reads the environment, plans the start and writes the config; runs nothing. */
    Prepared prepare(String... args) {
        String argument = args.length == 0 ? "master" : args[0];
        List<String> overrides = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        if (argument.equals("help") || argument.equals("--help") || argument.equals("-h")) {
            out.println(USAGE);
            out.println(BootSettings.HELP);
            return new Prepared.Exit(ExitStatus.OK.code());
        }
        if (argument.equals("version") || argument.equals("--version")) {
            out.println("rediha node v=" + io.rediha.node.Version.get());
            return new Prepared.Exit(ExitStatus.OK.code());
        }
        if (argument.equals(CdsTraining.ROLE)) {
            return new Prepared.Exit(new CdsTraining(out).run());
        }
        Optional<Role> role = Role.parse(argument);
        if (role.isEmpty()) {
            err.println("Unknown role '" + argument + "'. Use master, slave, replica, sentinel or help.");
            err.println(USAGE);
            return new Prepared.Exit(ExitStatus.USAGE.code());
        }
        try {
            BootSettings settings = BootSettings.fromEnvironment(env);
            Path config = role.get().isDataNode()
                    ? prepareDataNode(role.get(), settings)
                    : prepareSentinel(settings);
            return new Prepared.Launch(role.get(), withOverrides(config, overrides), settings);
        } catch (BootException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return new Prepared.Exit(e.status().code());
        }
    }

    private Path prepareDataNode(Role role, BootSettings s) throws BootException {
        SentinelProbe.Result answers = new SentinelProbe(SENTINEL_TIMEOUT).ask(s.sentinels(), s.masterName());
        ServerConfigFile config = new ServerConfigFile(s.dataDir(), s.confDir());
        StartPlan plan = new StartPlanner(new SelfAddress(s))
                .plan(role, s, answers, new DataDirectory(s.dataDir()).hasData(), config.lastReplicaOf());
        plan.reasons().forEach(r -> out.println("rediha: " + r));
        printLoudly(plan.warnings());
        if (plan.refusal().isPresent()) {
            throw new BootException(ExitStatus.REFUSED, plan.refusal().get());
        }
        Path file = writeOrExplain(() -> config.write(s, plan.replicaOf()), config.path());
        writeOrExplain(() -> HealthcheckState.write(s.runDir(), "server", s.redisPort(), s.masterName()), s.runDir());
        out.println("rediha: starting the server as " + (plan.asMaster() ? "master" : "replica of " + plan.replicaOf().get())
                + " on port " + s.redisPort() + ", config " + file);
        out.flush();
        return file;
    }

    private Path prepareSentinel(BootSettings s) throws BootException {
        SentinelConfigFile config = new SentinelConfigFile(s.dataDir(), s.confDir());
        Path file = writeOrExplain(() -> config.write(s), config.path());
        writeOrExplain(() -> HealthcheckState.write(s.runDir(), "sentinel", s.sentinelPort(), s.masterName()), s.runDir());
        out.println("rediha: starting the sentinel for '" + s.masterName() + "' on port " + s.sentinelPort() + ", config " + file);
        out.flush();
        return file;
    }

    private static String[] withOverrides(Path config, List<String> overrides) {
        List<String> args = new ArrayList<>();
        args.add(config.toString());
        args.addAll(overrides);
        return args.toArray(String[]::new);
    }

    private void printLoudly(List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        String bar = "!".repeat(100);
        err.println(bar);
        warnings.forEach(w -> err.println("!!! WARNING: " + w));
        err.println(bar);
        err.flush();
    }

    private interface FileWrite<T> {
        T write() throws IOException;
    }

    private static <T> T writeOrExplain(FileWrite<T> write, Path where) throws BootException {
        try {
            return write.write();
        } catch (AccessDeniedException e) {
            throw new BootException(ExitStatus.BAD_CONFIG, "Cannot write " + e.getFile() + ": permission denied. The node runs as user "
                    + System.getProperty("user.name") + "; make " + where.getParent() + " writable by it (for a volume: chown it to that user).");
        } catch (IOException e) {
            throw new BootException(ExitStatus.BAD_CONFIG, "Cannot write " + where + ": " + e + ". Check the volume mounted there.");
        }
    }
}
