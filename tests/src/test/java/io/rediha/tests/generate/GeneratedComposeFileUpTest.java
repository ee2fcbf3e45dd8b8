package io.rediha.tests.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.rediha.cli.RedihaCommand;
import io.rediha.cli.generate.EnvFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The compose target runs with nothing but {@code docker-compose up -d}: the file {@code rediha generate}
 * writes, the .env next to it and the node image give a healthy cluster of 1 master, 2 replicas and
 * 3 sentinels. Healthy means what {@code rediha up} waits for: every container passes the image's
 * HEALTHCHECK, the master has both replicas, each replica's link is up, and each sentinel monitors the
 * master with both replicas and the two other sentinels and {@code SENTINEL CKQUORUM} is OK.
 *
 * <p>Needs docker-compose, a Docker engine and the node image (rediha/node:latest, or the image named
 * by -Drediha.nodeImage); skips without them unless REDIHA_REQUIRE_DOCKER=1. The test reaches the
 * containers at their bridge addresses, which the host routes to on Linux.
 */
class GeneratedComposeFileUpTest {

    private static final String IMAGE = System.getProperty("rediha.nodeImage", "rediha/node:latest");
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(90);
    private static final String MASTER_NAME = "mymaster";

    @TempDir
    Path dir;

    @Test
    void plainDockerComposeUpStartsAHealthyCluster() throws Exception {
        requireDockerComposeEngineAndImage();
        String project = "redihagen" + ProcessHandle.current().pid();
        generate("--image", IMAGE);
        String password = EnvFile.readPassword(dir.resolve(".env"));
        try {
            long start = System.nanoTime();
            Result up = run(UP_TIMEOUT, "docker-compose", "-p", project, "up", "-d");
            assertEquals(0, up.code(), "docker-compose up -d failed:\n" + up.output());

            String lastSeen = waitUntilHealthy(project, password);
            System.out.printf("GeneratedComposeFileUpTest: docker-compose up -d to healthy in %.1f s (%s)%n",
                    (System.nanoTime() - start) / 1e9, lastSeen);

            Result down = run(UP_TIMEOUT, "docker-compose", "-p", project, "down", "-v");
            assertEquals(0, down.code(), "docker-compose down -v failed:\n" + down.output());
            assertEquals("", run(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter",
                    "label=com.docker.compose.project=" + project).output().strip(), "no container of the project is left");
            assertEquals("", run(Duration.ofSeconds(30), "docker", "network", "ls", "-q", "--filter",
                    "label=com.docker.compose.project=" + project).output().strip(), "no network of the project is left");
        } finally {
            run(UP_TIMEOUT, "docker-compose", "-p", project, "down", "-v", "--remove-orphans");
        }
    }

    /** Polls until the cluster is healthy; fails with what it saw last when the deadline passes. */
    private String waitUntilHealthy(String project, String password) throws Exception {
        long deadline = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
        String problem = "not checked yet";
        while (System.nanoTime() < deadline) {
            problem = findProblem(project, password);
            if (problem == null) {
                return "1 master, 2 replicas, 3 sentinels, CKQUORUM OK";
            }
            Thread.sleep(500);
        }
        Result logs = run(Duration.ofSeconds(30), "docker-compose", "-p", project, "logs", "--tail", "20");
        fail("the cluster was not healthy within " + HEALTHY_TIMEOUT.toSeconds() + " s; last seen: " + problem
                + "\n" + logs.output());
        return problem;
    }

    /** Null when healthy, else the first thing that is not right yet. */
    private String findProblem(String project, String password) throws Exception {
        Map<String, List<Container>> byService = containers(project);
        List<Container> masters = byService.getOrDefault("master", List.of());
        List<Container> slaves = byService.getOrDefault("slave", List.of());
        List<Container> sentinels = byService.getOrDefault("sentinel", List.of());
        if (masters.size() != 1 || slaves.size() != 2 || sentinels.size() != 3) {
            return "containers per service: " + byService.keySet() + " master=" + masters.size()
                    + " slave=" + slaves.size() + " sentinel=" + sentinels.size();
        }
        for (List<Container> service : List.of(masters, slaves, sentinels)) {
            for (Container c : service) {
                if (!c.health().equals("healthy")) {
                    return c.name() + " is " + c.health();
                }
            }
        }
        JedisClientConfig auth = DefaultJedisClientConfig.builder().password(password).timeoutMillis(2000).build();
        try (Jedis master = new Jedis(new HostAndPort(masters.get(0).ip(), 6379), auth)) {
            String info = master.info("replication");
            if (!info.contains("role:master") || !info.contains("connected_slaves:2")) {
                return "master replication: " + info.replace("\r\n", " ");
            }
        }
        for (Container slave : slaves) {
            try (Jedis replica = new Jedis(new HostAndPort(slave.ip(), 6379), auth)) {
                String info = replica.info("replication");
                if (!info.contains("role:slave") || !info.contains("master_link_status:up")) {
                    return slave.name() + " replication: " + info.replace("\r\n", " ");
                }
            }
        }
        for (Container sentinel : sentinels) {
            try (Jedis s = new Jedis(new HostAndPort(sentinel.ip(), 26379),
                    DefaultJedisClientConfig.builder().timeoutMillis(2000).build())) {
                Map<String, String> m = s.sentinelMaster(MASTER_NAME);
                if (!"2".equals(m.get("num-slaves")) || !"2".equals(m.get("num-other-sentinels"))
                        || !"master".equals(m.get("flags"))) {
                    return sentinel.name() + " sees master " + MASTER_NAME + " as " + m;
                }
                String ckquorum = SafeEncoder.encode((byte[]) s.sendCommand(Protocol.Command.SENTINEL,
                        "CKQUORUM", MASTER_NAME));
                if (!ckquorum.startsWith("OK")) {
                    return sentinel.name() + " CKQUORUM: " + ckquorum;
                }
            }
        }
        return null;
    }

    record Container(String name, String service, String health, String ip) {
    }

    private Map<String, List<Container>> containers(String project) throws Exception {
        Result ids = run(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project);
        Map<String, List<Container>> byService = new java.util.TreeMap<>();
        for (String id : ids.output().strip().split("\\s+")) {
            if (id.isEmpty()) {
                continue;
            }
            Result inspect = run(Duration.ofSeconds(30), "docker", "inspect", "--format",
                    "{{.Name}} {{index .Config.Labels \"com.docker.compose.service\"}} "
                            + "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}-no-healthcheck{{end}} "
                            + "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", id);
            String[] f = inspect.output().strip().split(" ");
            Container c = new Container(f[0], f[1], f[2], f.length > 3 ? f[3] : "");
            byService.computeIfAbsent(c.service(), k -> new ArrayList<>()).add(c);
        }
        return byService;
    }

    private void generate(String... options) {
        List<String> args = new ArrayList<>(List.of("generate", "-o", dir.resolve("docker-compose.yml").toString()));
        args.addAll(List.of(options));
        CommandLine cl = RedihaCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute(args.toArray(String[]::new)), "rediha generate failed: " + err);
    }

    private void requireDockerComposeEngineAndImage() throws Exception {
        String missing = null;
        if (run(Duration.ofSeconds(30), "docker-compose", "version").code() != 0) {
            missing = "docker-compose is not installed";
        } else if (run(Duration.ofSeconds(30), "docker", "version", "--format", "{{.Server.Version}}").code() != 0) {
            missing = "no Docker engine answers (start one with scripts/docker-engine)";
        } else if (run(Duration.ofSeconds(30), "docker", "image", "inspect", IMAGE).code() != 0) {
            missing = "the node image " + IMAGE + " is not built (run rediha build)";
        }
        if (missing != null) {
            if ("1".equals(System.getenv("REDIHA_REQUIRE_DOCKER"))) {
                fail(missing + ", and REDIHA_REQUIRE_DOCKER=1 requires it");
            }
            Assumptions.abort(missing + "; skipping (set REDIHA_REQUIRE_DOCKER=1 to make this a failure)");
        }
    }

    record Result(int code, String output) {
    }

    private Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return new Result(127, notInstalled.getMessage());
        }
        // Drain in the background so a chatty command cannot block on a full pipe past the timeout.
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The process died; its exit code tells the story.
            }
        });
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            return new Result(124, String.join(" ", command) + " timed out after " + timeout.toSeconds() + " s\n" + out);
        }
        reader.join(5000);
        return new Result(p.exitValue(), out.toString());
    }
}
