package io.rediha.node.sentinel;

import io.rediha.node.sentinel.support.DataNode;
import io.rediha.node.sentinel.support.Deployment;
import io.rediha.node.sentinel.support.ExternalProcess;
import io.rediha.node.sentinel.support.Poll;
import io.rediha.node.sentinel.support.SentinelKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our sentinels and Debian's redis-sentinel in one deployment: they must discover each other
 * through hello messages, vote for each other, and agree on the result of the failover, whoever
 * leads it.
 */
class MixedFleetTest {
    @TempDir
    Path dir;

    enum Fleet {
        /** Two of ours and one redis-sentinel, watching Debian redis-server nodes. */
        TWO_OURS_ONE_REDIS_ON_REDIS_NODES(DataNode.REDIS, SentinelKind.REDIHA, SentinelKind.REDIHA, SentinelKind.REDIS),
        /** One of ours and two redis-sentinels, watching our nodes. */
        ONE_OURS_TWO_REDIS_ON_OUR_NODES(DataNode.REDIHA, SentinelKind.REDIS, SentinelKind.REDIS, SentinelKind.REDIHA),
        /** Only redis-sentinels, watching our nodes: our server must do what Redis Sentinel asks of a node. */
        REDIS_SENTINELS_ON_OUR_NODES(DataNode.REDIHA, SentinelKind.REDIS, SentinelKind.REDIS, SentinelKind.REDIS);

        final DataNode dataNode;
        final SentinelKind[] kinds;

        Fleet(DataNode dataNode, SentinelKind... kinds) {
            this.dataNode = dataNode;
            this.kinds = kinds;
        }
    }

    @ParameterizedTest
    @EnumSource(Fleet.class)
    void sentinelsAgreeOnTheFailover(Fleet fleet) {
        try (Deployment d = Deployment.spec().dataNode(fleet.dataNode).sentinels(fleet.kinds).start(dir)) {
            int oldPort = d.initialMasterPort();

            d.node(oldPort).pause();

            int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofSeconds(20), d.sentinels());
            assertTrue(Deployment.info(newPort, "replication").contains("role:master"), "a replica was promoted");
            for (int i = 0; i < d.sentinels().size(); i++) {
                Deployment.EventLog events = d.events(i);
                Poll.until(Duration.ofSeconds(5), "+switch-master on sentinel " + i + " (" + fleet.kinds[i] + ")",
                        events::all, all -> all.contains("+switch-master " + Deployment.MASTER + " 127.0.0.1 " + oldPort
                                + " 127.0.0.1 " + newPort));
            }
            for (ExternalProcess s : d.sentinels()) {
                Poll.until(Duration.ofSeconds(10), "sentinel " + s.port() + " to list both other nodes as replicas",
                        () -> Deployment.sentinelMaster(s.port()).get("num-slaves"), n -> n.equals("2"));
                assertEquals("2", Deployment.sentinelMaster(s.port()).get("num-other-sentinels"), "no duplicate peers");
            }

            if (fleet == Fleet.REDIS_SENTINELS_ON_OUR_NODES) {
                return; // redis-sentinel converts the old master only after ~10 s; nothing of ours to check there
            }
            d.node(oldPort).resume();
            Poll.until(Duration.ofSeconds(20), "the old master to rejoin as a replica",
                    () -> Deployment.info(oldPort, "replication"),
                    info -> info.contains("role:slave") && info.contains("master_port:" + newPort));
        }
    }
}
