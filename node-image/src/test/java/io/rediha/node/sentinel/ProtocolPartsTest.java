package io.rediha.node.sentinel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INFO parsing, the hello message, glob patterns: the wire formats Sentinel shares with Redis. */
class ProtocolPartsTest {

    /** Captured from redis-server 7.0.15 (master with two replicas), abridged. */
    static final String MASTER_INFO = "# Server\r\nredis_version:7.0.15\r\nrun_id:0dbe29bbf216af350dfd59a1ee2d5930ae44eff4\r\n"
            + "tcp_port:17001\r\n\r\n# Replication\r\nrole:master\r\nconnected_slaves:2\r\n"
            + "slave0:ip=127.0.0.1,port=17002,state=online,offset=205,lag=1\r\n"
            + "slave1:ip=127.0.0.1,port=17003,state=online,offset=205,lag=0\r\n"
            + "master_failover_state:no-failover\r\nmaster_replid:adb5000000000000000000000000000000000000\r\n";

    static final String REPLICA_INFO = "# Server\r\nrun_id:1111111111111111111111111111111111111111\r\n"
            + "# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:17001\r\nmaster_link_status:up\r\n"
            + "master_last_io_seconds_ago:1\r\nmaster_sync_in_progress:0\r\nslave_read_repl_offset:5000\r\n"
            + "slave_repl_offset:4999\r\nslave_priority:50\r\nslave_read_only:1\r\nreplica_announced:1\r\n"
            + "connected_slaves:0\r\n";

    @Test
    void masterInfoYieldsRunIdRoleAndReplicas() {
        InfoReply i = InfoReply.parse(MASTER_INFO);
        assertEquals("0dbe29bbf216af350dfd59a1ee2d5930ae44eff4", i.runId());
        assertEquals(InfoReply.Role.MASTER, i.role());
        assertEquals(List.of(new InfoReply.ReplicaLine("127.0.0.1", 17002), new InfoReply.ReplicaLine("127.0.0.1", 17003)),
                i.replicas());
    }

    @Test
    void replicaInfoYieldsItsMasterLinkAndPromotionFacts() {
        InfoReply i = InfoReply.parse(REPLICA_INFO);
        assertEquals(InfoReply.Role.SLAVE, i.role());
        assertEquals("127.0.0.1", i.masterHost());
        assertEquals(17001, i.masterPort());
        assertTrue(i.masterLinkUp());
        assertEquals(50, i.replicaPriority());
        assertEquals(4999, i.replicaOffset());
        assertTrue(i.replicaAnnounced());
        assertEquals(0, i.masterLinkDownSinceSeconds());
    }

    @Test
    void oldReplicaLineFormatAndDownLinkAreUnderstood() {
        InfoReply i = InfoReply.parse("role:master\nslave0:10.0.0.2,6380,online\n");
        assertEquals(List.of(new InfoReply.ReplicaLine("10.0.0.2", 6380)), i.replicas());
        InfoReply r = InfoReply.parse("role:slave\r\nmaster_link_status:down\r\nmaster_link_down_since_seconds:7\r\n"
                + "replica_announced:0\r\n");
        assertFalse(r.masterLinkUp());
        assertEquals(7, r.masterLinkDownSinceSeconds());
        assertFalse(r.replicaAnnounced());
        assertNull(InfoReply.parse("run_id:short\r\n").runId(), "a run id must have 40 characters");
    }

    @Test
    void helloHasRedisEightFieldsInOrder() {
        HelloMessage h = new HelloMessage("127.0.0.1", 20101, "94b706c27a5133b767d620c436a0c7b1984e1c84", 0,
                "mymaster", "127.0.0.1", 20001, 0);
        // The exact message captured from redis-sentinel 7.0.15.
        assertEquals("127.0.0.1,20101,94b706c27a5133b767d620c436a0c7b1984e1c84,0,mymaster,127.0.0.1,20001,0", h.format());
        assertEquals(h, HelloMessage.parse(h.format()));
        assertNull(HelloMessage.parse("127.0.0.1,20101,id,0,mymaster,127.0.0.1,20001"), "seven fields");
        assertNull(HelloMessage.parse("127.0.0.1,20101,id,0,mymaster,127.0.0.1,20001,0,extra"), "nine fields");
        assertNull(HelloMessage.parse("127.0.0.1,port,id,0,mymaster,127.0.0.1,20001,0"), "non-numeric port");
    }

    @Test
    void globMatchesLikeRedis() {
        assertTrue(Glob.matches("*", "mymaster"));
        assertTrue(Glob.matches("my*", "mymaster"));
        assertTrue(Glob.matches("m?master", "mymaster"));
        assertTrue(Glob.matches("[lm]ymaster", "mymaster"));
        assertFalse(Glob.matches("[^m]ymaster", "mymaster"));
        assertTrue(Glob.matches("announce-*", "announce-ip"));
        assertFalse(Glob.matches("other", "mymaster"));
        assertTrue(Glob.matches("a\\*", "a*"));
    }

    @Test
    void ipLiteralsAreToldFromHostnames() {
        assertTrue(InstanceAddress.isIpLiteral("127.0.0.1"));
        assertTrue(InstanceAddress.isIpLiteral("::1"));
        assertFalse(InstanceAddress.isIpLiteral("256.1.1.1"));
        assertFalse(InstanceAddress.isIpLiteral("redis-master"));
        InstanceAddress a = InstanceAddress.of("127.0.0.1", 6379, false);
        assertTrue(a.sameAs("127.0.0.1", 6379));
        assertFalse(a.sameAs("127.0.0.1", 6380));
    }
}
