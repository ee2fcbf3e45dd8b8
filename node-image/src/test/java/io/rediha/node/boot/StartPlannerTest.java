package io.rediha.node.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartPlannerTest {
    private static final HostPort SELF = new HostPort("10.0.0.1", 6379);
    private static final HostPort OTHER = new HostPort("10.0.0.2", 6379);
    private static final HostPort S1 = new HostPort("s1", 26379);
    private static final HostPort S2 = new HostPort("s2", 26379);
    private static final HostPort S3 = new HostPort("s3", 26379);

    private final StartPlanner planner = new StartPlanner(SELF::equals);

    private static BootSettings settings(String... env) throws BootException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("REDIS_SENTINELS", "s1,s2,s3");
        for (int i = 0; i < env.length; i += 2) {
            m.put(env[i], env[i + 1]);
        }
        return BootSettings.fromEnvironment(m);
    }

    private static SentinelProbe.Result named(Map<HostPort, HostPort> answers) {
        return new SentinelProbe.Result(answers, List.of(), Map.of());
    }

    private static SentinelProbe.Result noneAnswered() {
        return new SentinelProbe.Result(Map.of(), List.of(), Map.of(S1, "refused", S2, "refused", S3, "refused"));
    }

    @Test
    void masterArgumentStartsAsReplicaWhenSentinelsNameAnotherMaster() throws Exception {
        StartPlan p = planner.plan(Role.MASTER, settings(), named(Map.of(S1, OTHER, S2, OTHER)), true, Optional.empty());
        assertEquals(Optional.of(OTHER), p.replicaOf(), "replica of the master the sentinels name");
        assertTrue(p.warnings().isEmpty());
    }

    @Test
    void majorityOfSentinelsWinsWhenOneLagsBehindAFailover() throws Exception {
        Map<HostPort, HostPort> answers = new LinkedHashMap<>();
        answers.put(S1, SELF);
        answers.put(S2, OTHER);
        answers.put(S3, OTHER);
        assertEquals(Optional.of(OTHER), planner.plan(Role.MASTER, settings(), named(answers), true, Optional.empty()).replicaOf());
    }

    @Test
    void nodeTheSentinelsNameStartsAsMaster() throws Exception {
        StartPlan p = planner.plan(Role.REPLICA, settings(), named(Map.of(S1, SELF)), true, Optional.empty());
        assertTrue(p.asMaster(), "named master starts as master even with the replica argument");
    }

    @Test
    void replicaFollowsMasterHostWhenSentinelsDoNotKnowTheMasterYet() throws Exception {
        SentinelProbe.Result unaware = new SentinelProbe.Result(Map.of(), List.of(S1), Map.of());
        StartPlan p = planner.plan(Role.REPLICA, settings("master_host", "m", "master_port", "6400"), unaware, false, Optional.empty());
        assertEquals(Optional.of(new HostPort("m", 6400)), p.replicaOf());
    }

    @Test
    void emptyMasterWithUnreachableSentinelsWarnsLoudlyAndStarts() throws Exception {
        StartPlan p = planner.plan(Role.MASTER, settings(), noneAnswered(), false, Optional.empty());
        assertTrue(p.asMaster());
        assertTrue(p.warnings().get(0).contains("EMPTY data directory"), p.warnings().toString());
        assertEquals(Optional.empty(), p.refusal());
    }

    @Test
    void emptyMasterWithUnreachableSentinelsIsRefusedWhenAsked() throws Exception {
        StartPlan p = planner.plan(Role.MASTER, settings("REDIHA_REFUSE_EMPTY_MASTER", "yes"), noneAnswered(), false, Optional.empty());
        assertTrue(p.refusal().orElseThrow().contains("REDIHA_REFUSE_EMPTY_MASTER=yes"), p.refusal().toString());
    }

    @Test
    void masterWithDataAndUnreachableSentinelsStartsWithoutWarning() throws Exception {
        StartPlan p = planner.plan(Role.MASTER, settings("REDIHA_REFUSE_EMPTY_MASTER", "yes"), noneAnswered(), true, Optional.empty());
        assertTrue(p.asMaster());
        assertTrue(p.warnings().isEmpty() && p.refusal().isEmpty());
    }

    @Test
    void demotedOldMasterStaysReplicaWhenSentinelsAreUnreachable() throws Exception {
        StartPlan p = planner.plan(Role.MASTER, settings(), noneAnswered(), true, Optional.of(OTHER));
        assertEquals(Optional.of(OTHER), p.replicaOf(), "last known role from the rewritten config");
    }
}
