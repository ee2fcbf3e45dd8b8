package io.rediha.node.sentinel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReplicaSelectorTest {
    static final long NOW = 1_000_000;
    final SentinelTiming timing = new SentinelTiming();

    private static MonitoredMaster master() {
        MonitoredMaster m = new MonitoredMaster("m", InstanceAddress.of("10.0.0.1", 6379, false), 2, NOW);
        m.downAfterMs = 1000;
        m.flags.add(InstanceFlag.S_DOWN);
        m.sDownSince = NOW - 2000;
        return m;
    }

    /** A replica with a live link, fresh INFO and recent PONG unless changed by the test. */
    private static MonitoredReplica replica(MonitoredMaster m, int port, int priority, long offset, String runId) {
        MonitoredReplica r = new MonitoredReplica(m, InstanceAddress.of("10.0.0.2", port, false), NOW);
        r.link = new InstanceLink(true, NOW) {
            @Override
            boolean isDisconnected() {
                return false;
            }
        };
        r.link.lastAvailTime = NOW - 100;
        r.infoRefresh = NOW - 100;
        r.priority = priority;
        r.replOffset = offset;
        r.runId = runId;
        m.replicas.put(r.key(), r);
        return r;
    }

    private MonitoredReplica select(MonitoredMaster m) {
        return ReplicaSelector.select(m, NOW, timing).replica();
    }

    @Test
    void lowerPriorityWinsThenHigherOffsetThenSmallerRunId() {
        MonitoredMaster m = master();
        replica(m, 1, 100, 500, "b".repeat(40));
        MonitoredReplica preferred = replica(m, 2, 50, 10, "c".repeat(40));
        assertEquals(preferred, select(m), "priority 50 beats 100 whatever the offset");

        MonitoredMaster m2 = master();
        replica(m2, 1, 100, 10, "a".repeat(40));
        MonitoredReplica ahead = replica(m2, 2, 100, 900, "b".repeat(40));
        assertEquals(ahead, select(m2), "the most data wins at equal priority");

        MonitoredMaster m3 = master();
        replica(m3, 1, 100, 10, null);
        MonitoredReplica smaller = replica(m3, 2, 100, 10, "a".repeat(40));
        assertEquals(smaller, select(m3), "a known run id before an unknown one");
    }

    @Test
    void unsuitableReplicasAreNeverPromoted() {
        MonitoredMaster m = master();
        replica(m, 1, 0, 1000, "a".repeat(40));
        MonitoredReplica down = replica(m, 2, 100, 1000, "b".repeat(40));
        down.flags.add(InstanceFlag.S_DOWN);
        MonitoredReplica silent = replica(m, 3, 100, 1000, "c".repeat(40));
        silent.link.lastAvailTime = NOW - 6000;
        MonitoredReplica stale = replica(m, 4, 100, 1000, "d".repeat(40));
        stale.masterLinkDownTime = 60_000;
        assertNull(select(m), "priority 0, SDOWN, silent to PING, and long-disconnected replicas are skipped");
        MonitoredReplica ok = replica(m, 5, 100, 1, "e".repeat(40));
        assertEquals(ok, select(m));
    }

    @Test
    void oldInfoMakesTheSelectorWaitRatherThanGuess() {
        MonitoredMaster m = master();
        MonitoredReplica r = replica(m, 1, 100, 1, "a".repeat(40));
        r.infoRefresh = NOW - 6000;
        ReplicaSelector.Selection s = ReplicaSelector.select(m, NOW, timing);
        assertNull(s.replica());
        assertEquals(1, s.waitingForInfo());
    }
}
