package io.rediha.node.sentinel;

import io.rediha.node.sentinel.support.DataNode;
import io.rediha.node.sentinel.support.Deployment;
import io.rediha.node.sentinel.support.ExternalProcess;
import io.rediha.node.sentinel.support.FreePorts;
import io.rediha.node.sentinel.support.Poll;
import io.rediha.node.sentinel.support.RedisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passwords (auth-pass/auth-user towards the nodes, requirepass on the sentinels, used between
 * sentinels too), hostnames instead of IPs, and instances that come back at a new address.
 */
class AccessAndAddressingTest {
    @TempDir
    Path dir;

    @Test
    void passwordProtectedDeploymentFailsOver() {
        try (Deployment d = Deployment.spec().dataNode(DataNode.REDIHA)
                .nodeArgs("--requirepass", "node-secret", "--masterauth", "node-secret")
                .sentinelLines("sentinel auth-user " + Deployment.MASTER + " default",
                        "sentinel auth-pass " + Deployment.MASTER + " node-secret",
                        "requirepass sentinel-secret")
                .startAuthenticated(dir, "node-secret", "sentinel-secret")) {
            int oldPort = d.initialMasterPort();
            int s0 = d.sentinels().get(0).port();
            assertTrue(RedisCli.run(s0, "SENTINEL", "MASTERS").startsWith("NOAUTH"), "the sentinel asks for its password");
            assertTrue(RedisCli.run(s0, "--no-auth-warning", "-a", "sentinel-secret", "SENTINEL", "MASTER", Deployment.MASTER)
                    .contains("num-other-sentinels\n2\n"), "peers authenticated to each other with requirepass");

            d.node(oldPort).pause();

            int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofSeconds(15), d.sentinels());
            assertTrue(RedisCli.run(newPort, "--no-auth-warning", "-a", "node-secret", "ROLE").startsWith("master"),
                    "the promoted node was reached with auth-user/auth-pass");
        }
    }

    @Test
    void hostnamesAreKeptAndAnnouncedWithResolveAndAnnounceHostnames() {
        try (Deployment d = Deployment.spec().nodeArgs("--replica-announce-ip", "localhost").masterHost("localhost")
                .sentinelLines("sentinel resolve-hostnames yes", "sentinel announce-hostnames yes").start(dir)) {
            int oldPort = d.initialMasterPort();
            int s0 = d.sentinels().get(0).port();
            assertEquals("localhost\n" + oldPort + "\n", RedisCli.run(s0, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", Deployment.MASTER));
            assertTrue(RedisCli.run(s0, "SENTINEL", "REPLICAS", Deployment.MASTER).contains("ip\nlocalhost\n"),
                    "replicas are known by the names they announce");

            d.node(oldPort).pause();

            int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofSeconds(15), d.sentinels());
            Poll.until(Duration.ofSeconds(5), "+switch-master with hostnames", () -> d.events(0).all(),
                    all -> all.contains("+switch-master " + Deployment.MASTER + " localhost " + oldPort + " localhost " + newPort));
            int other = d.nodes().stream().mapToInt(ExternalProcess::port).filter(p -> p != oldPort && p != newPort)
                    .findFirst().orElseThrow();
            Poll.until(Duration.ofSeconds(10), "the other replica to be pointed at the new master by name",
                    () -> Deployment.info(other, "replication"),
                    info -> info.contains("master_host:localhost") && info.contains("master_port:" + newPort));
        }
    }

    @Test
    void instancesBackAtANewAddressLeaveNoStaleEntries() {
        try (Deployment d = Deployment.spec().start(dir)) {
            int masterPort = d.initialMasterPort();
            List<ExternalProcess> sentinels = d.sentinels();
            for (ExternalProcess s : sentinels) {
                RedisCli.run(s.port(), "SENTINEL", "DEBUG", "info-period", "1000");
            }
            // A replica restarted on the same address has a new run id: +reboot.
            int replicaPort = d.nodes().get(1).port();
            d.restartNode(replicaPort, replicaPort, List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort)));
            Poll.until(Duration.ofSeconds(10), "+reboot of the restarted replica", () -> d.events(0).all(),
                    all -> all.stream().anyMatch(e -> e.startsWith("+reboot slave 127.0.0.1:" + replicaPort + " ")));

            // A replica that comes back elsewhere is a new entry; the old one must not stay forever.
            int movedFrom = d.nodes().get(2).port();
            int movedTo = FreePorts.next();
            d.restartNode(movedFrom, movedTo, List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort)));
            int s0 = sentinels.get(0).port();
            Poll.until(Duration.ofSeconds(25), "the new replica address in, the old one out",
                    () -> RedisCli.run(s0, "SENTINEL", "REPLICAS", Deployment.MASTER),
                    out -> out.contains("name\n127.0.0.1:" + movedTo + "\n") && !out.contains("127.0.0.1:" + movedFrom));

            // A sentinel that comes back at another port with its config keeps its identity.
            int oldSentinelPort = sentinels.get(2).port();
            String id = RedisCli.run(oldSentinelPort, "SENTINEL", "MYID").trim();
            int newSentinelPort = FreePorts.next();
            d.restartSentinel(2, newSentinelPort);
            Poll.until(Duration.ofSeconds(10), "peers to follow the moved sentinel",
                    () -> RedisCli.run(s0, "SENTINEL", "SENTINELS", Deployment.MASTER),
                    out -> out.contains("name\n" + id + "\nip\n127.0.0.1\nport\n" + newSentinelPort + "\n"));
            assertEquals("2", Deployment.sentinelMaster(s0).get("num-other-sentinels"), "no duplicate peer");
            assertTrue(d.events(0).contains("+sentinel-address-switch"), "the move was announced");
            assertFalse(RedisCli.run(s0, "SENTINEL", "SENTINELS", Deployment.MASTER).contains("port\n" + oldSentinelPort + "\n"));
        }
    }
}
