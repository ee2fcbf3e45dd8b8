package io.rediha.node.sentinel;

import io.rediha.node.sentinel.support.Deployment;
import io.rediha.node.sentinel.support.ExternalProcess;
import io.rediha.node.sentinel.support.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agreement rules with quorum 2 of 3: a failover needs a majority of all known sentinels, so one
 * stopped sentinel does not prevent it, two stopped sentinels do, and a leader that dies right
 * after being elected is replaced in a later epoch.
 */
class QuorumTest {
    @TempDir
    Path dir;

    @Test
    void failoverHappensWithOneOfThreeSentinelsStopped() {
        try (Deployment d = Deployment.spec().start(dir)) {
            int oldPort = d.initialMasterPort();
            d.sentinels().get(2).close();

            d.node(oldPort).pause();

            List<ExternalProcess> live = d.sentinels().subList(0, 2);
            int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofSeconds(15), live);
            assertTrue(Deployment.info(newPort, "replication").contains("role:master"), "a replica was promoted");
        }
    }

    @Test
    void noFailoverWithTwoOfThreeSentinelsStopped() {
        try (Deployment d = Deployment.spec().start(dir)) {
            int oldPort = d.initialMasterPort();
            ExternalProcess survivor = d.sentinels().get(0);
            d.sentinels().get(1).close();
            d.sentinels().get(2).close();

            d.node(oldPort).pause();

            // The survivor sees the master down, but alone it is neither quorum nor majority.
            Poll.until(Duration.ofSeconds(10), "the survivor to flag the master s_down",
                    () -> Deployment.sentinelMaster(survivor.port()).get("flags"), f -> f.contains("s_down"));
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                assertEquals(oldPort, Deployment.masterPortSeenBy(survivor.port()), "the master address must not change");
                assertFalse(Deployment.sentinelMaster(survivor.port()).get("flags").contains("o_down"), "no ODOWN without quorum");
                sleep(200);
            }
            Deployment.EventLog events = d.events(0);
            assertFalse(events.contains("+try-failover") || events.contains("+elected-leader")
                    || events.contains("+switch-master"), "no failover attempt: " + events.all());
            for (ExternalProcess n : d.nodes()) {
                if (n.port() != oldPort) {
                    assertTrue(Deployment.info(n.port(), "replication").contains("role:slave"), "no replica was promoted");
                }
            }
        }
    }

    @Test
    void laterEpochFinishesFailoverWhenTheLeaderCrashesAfterElection() {
        // Sentinel 0 sees ODOWN alone (quorum 1) and twice as early as the others, so it starts
        // first and is elected; it is set to crash right after its election, mid-failover.
        // The others voted for it in epoch 1; they must take over in a later epoch well within
        // failover-timeout instead of waiting twice the failover-timeout as Redis does.
        long failoverTimeout = 15_000;
        try (Deployment d = Deployment.spec().failoverTimeout(failoverTimeout).start(dir)) {
            int oldPort = d.initialMasterPort();
            ExternalProcess first = d.sentinels().get(0);
            redis(first.port(), "SENTINEL", "SET", Deployment.MASTER, "quorum", "1");
            redis(first.port(), "SENTINEL", "SIMULATE-FAILURE", "crash-after-election");
            for (ExternalProcess s : d.sentinels().subList(1, 3)) {
                redis(s.port(), "SENTINEL", "SET", Deployment.MASTER, "down-after-milliseconds", "2500");
            }

            long pausedAt = System.nanoTime();
            d.node(oldPort).pause();

            Poll.until(Duration.ofSeconds(10), "the first leader to crash after its election",
                    () -> first.isAlive(), alive -> !alive);
            List<ExternalProcess> live = d.sentinels().subList(1, 3);
            int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofMillis(failoverTimeout), live);
            long tookMs = (System.nanoTime() - pausedAt) / 1_000_000;
            System.out.println("failover finished by a later epoch " + tookMs + " ms after the pause");
            assertTrue(tookMs < failoverTimeout, "finished within failover-timeout: " + tookMs + " ms");
            assertTrue(Deployment.info(newPort, "replication").contains("role:master"), "a replica was promoted");
            assertTrue(d.events(1).contains("+vote-for-leader") && d.events(1).count("+new-epoch") >= 2,
                    "a later epoch was used: " + d.events(1).all());
        }
    }

    static String redis(int port, String... args) {
        try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis("127.0.0.1", port, 2000)) {
            Object reply = j.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode(args[0]),
                    java.util.Arrays.copyOfRange(args, 1, args.length));
            return reply instanceof byte[] b ? new String(b) : String.valueOf(reply);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
