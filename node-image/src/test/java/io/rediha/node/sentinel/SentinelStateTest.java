package io.rediha.node.sentinel;

import io.rediha.node.sentinel.support.Deployment;
import io.rediha.node.sentinel.support.ExternalProcess;
import io.rediha.node.sentinel.support.FreePorts;
import io.rediha.node.sentinel.support.Poll;
import io.rediha.node.sentinel.support.RedisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What operators do to sentinels and what sentinels remember: manual failover, scripts, the
 * state saved in sentinel.conf across a crash, RESET, and runtime MONITOR/REMOVE/SET.
 */
class SentinelStateTest {
    @TempDir
    Path dir;

    @Test
    void manualFailoverRunsScriptsAndACrashedSentinelResumesFromItsConfig() throws Exception {
        Path notified = dir.resolve("notified.txt");
        Path reconfigured = dir.resolve("reconfigured.txt");
        Path notify = script("notify.sh", notified);
        Path reconfig = script("reconfig.sh", reconfigured);
        try (Deployment d = Deployment.spec().sentinelLines(
                "sentinel notification-script " + Deployment.MASTER + " " + notify,
                "sentinel client-reconfig-script " + Deployment.MASTER + " " + reconfig).start(dir)) {
            int oldPort = d.initialMasterPort();
            int leaderPort = d.sentinels().get(0).port();

            assertEquals("OK\n", RedisCli.run(leaderPort, "SENTINEL", "FAILOVER", Deployment.MASTER));

            int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofSeconds(10), d.sentinels());
            Poll.until(Duration.ofSeconds(10), "the client-reconfig-script to run as leader and as observer",
                    () -> read(reconfigured), text -> text.contains(Deployment.MASTER + " leader start 127.0.0.1 " + oldPort
                            + " 127.0.0.1 " + newPort) && text.contains(Deployment.MASTER + " observer start 127.0.0.1 "
                            + oldPort + " 127.0.0.1 " + newPort));
            Poll.until(Duration.ofSeconds(10), "the notification-script to get +switch-master", () -> read(notified),
                    text -> text.contains("+switch-master " + Deployment.MASTER + " 127.0.0.1 " + oldPort));

            // Crash a sentinel that learned the new configuration, and start it again.
            ExternalProcess s1 = d.sentinels().get(1);
            String myId = RedisCli.run(s1.port(), "SENTINEL", "MYID").trim();
            Poll.until(Duration.ofSeconds(10), "sentinel 1 to list the old master as a replica",
                    () -> Deployment.sentinelMaster(s1.port()), m -> m.get("num-slaves").equals("2"));
            ExternalProcess restarted = d.restartSentinel(1, s1.port());
            // The port opens before the config is read; until then it answers LOADING, as Redis does.
            Poll.until(Duration.ofSeconds(10), "the restarted sentinel to finish loading",
                    () -> RedisCli.run(restarted.port(), "SENTINEL", "MYID").trim(), id -> !id.startsWith("LOADING"));

            assertEquals(myId, RedisCli.run(restarted.port(), "SENTINEL", "MYID").trim(), "same identity");
            Map<String, String> master = Deployment.sentinelMaster(restarted.port());
            assertEquals(Integer.toString(newPort), master.get("port"), "it remembers the new master");
            assertEquals("1", master.get("config-epoch"), "and the epoch of that configuration");
            assertEquals("2", master.get("num-slaves"), "and the replicas, before any INFO");
            assertEquals("2", master.get("num-other-sentinels"), "and its peers, before any hello");
            String conf = Files.readString(dir.resolve("sentinel1").resolve("sentinel.conf"));
            assertTrue(conf.contains("sentinel current-epoch 1") && conf.contains("sentinel known-sentinel")
                    && conf.contains("sentinel known-replica " + Deployment.MASTER + " 127.0.0.1 " + oldPort), conf);
        }
    }

    @Test
    void resetMonitorRemoveAndSetChangeWhatIsSaved() throws Exception {
        try (Deployment d = Deployment.spec().start(dir)) {
            int port = d.sentinels().get(0).port();
            Path conf = dir.resolve("sentinel0").resolve("sentinel.conf");
            int masterPort = d.initialMasterPort();

            assertEquals("1\n", RedisCli.run(port, "SENTINEL", "RESET", "*"));
            Poll.until(Duration.ofSeconds(2), "+reset-master to be published", () -> d.events(0).all(),
                    all -> all.stream().anyMatch(e -> e.startsWith("+reset-master master " + Deployment.MASTER + " ")));
            Poll.until(Duration.ofSeconds(10), "replicas and peers to be found again after RESET",
                    () -> Deployment.sentinelMaster(port), m -> m.get("num-slaves").equals("2")
                            && m.get("num-other-sentinels").equals("2"));

            assertEquals("OK\n", RedisCli.run(port, "SENTINEL", "SET", Deployment.MASTER, "down-after-milliseconds", "1500",
                    "parallel-syncs", "2"));
            assertTrue(Files.readString(conf).contains("sentinel down-after-milliseconds " + Deployment.MASTER + " 1500"));
            assertEquals("1500", Deployment.sentinelMaster(port).get("down-after-milliseconds"));

            assertEquals("OK\n", RedisCli.run(port, "SENTINEL", "REMOVE", Deployment.MASTER));
            assertTrue(!Files.readString(conf).contains("sentinel monitor"), "the master is gone from the file");
            assertEquals("\n", RedisCli.run(port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", Deployment.MASTER));

            assertEquals("OK\n", RedisCli.run(port, "SENTINEL", "MONITOR", "again", "127.0.0.1",
                    Integer.toString(masterPort), "2"));
            assertTrue(Files.readString(conf).contains("sentinel monitor again 127.0.0.1 " + masterPort + " 2"));
            Poll.until(Duration.ofSeconds(10), "the re-monitored master's replicas",
                    () -> RedisCli.run(port, "SENTINEL", "MASTER", "again"), out -> out.contains("num-slaves\n2\n"));
            assertEquals(List.of("127.0.0.1", Integer.toString(masterPort)),
                    List.of(RedisCli.run(port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "again").split("\n")));
        }
    }

    @Test
    void configSetOfAnnounceAddressIsSavedAndUsedInHello() throws Exception {
        try (Deployment d = Deployment.spec().start(dir)) {
            int port = d.sentinels().get(0).port();
            int fakePort = FreePorts.next();
            assertEquals("OK\n", RedisCli.run(port, "SENTINEL", "CONFIG", "SET", "announce-port", Integer.toString(fakePort)));
            assertTrue(Files.readString(dir.resolve("sentinel0").resolve("sentinel.conf"))
                    .contains("sentinel announce-port " + fakePort));
            String myId = RedisCli.run(port, "SENTINEL", "MYID").trim();
            // Peers learn the announced address from the next hellos (and drop the old one).
            int peer = d.sentinels().get(1).port();
            Poll.until(Duration.ofSeconds(10), "the peer to see the announced port",
                    () -> RedisCli.run(peer, "SENTINEL", "SENTINELS", Deployment.MASTER),
                    out -> out.contains("name\n" + myId + "\nip\n127.0.0.1\nport\n" + fakePort + "\n"));
        }
    }

    private Path script(String name, Path output) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\necho \"$@\" >> " + output + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
