package io.rediha.cli.drill;

import io.rediha.cli.drill.DrillTarget.FaultPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One round of the drill: preflight, load, fault, failover, verification, heal, rejoin, convergence.
 * Each wait is bounded by the drill's timeout and each outcome lands in the {@link RoundResult}; a
 * round never throws for a cluster that misbehaves, it records why. The fault is healed on every path
 * (through the {@link FaultGuard}), before the round returns.
 */
public final class DrillRound {
    /** Poll period while waiting for the failover: fine enough for the timeline, cheap for the sentinels. */
    private static final long POLL_MILLIS = 50;
    /** Writes before the fault, so the timeline shows the steady state the fault interrupts. */
    private static final long WARM_UP_MILLIS = 500;
    /** Writes after recovery, for the same reason. */
    private static final long TAIL_MILLIS = 1000;

    private final int round;
    private final DrillSettings settings;
    private final DrillTarget target;
    private final Probe probe;
    private final FaultGuard guard;
    private final DrillClock clock;
    private final KeySpace keys;
    private final PrintWriter progress;

    public DrillRound(int round, DrillSettings settings, DrillTarget target, Probe probe, FaultGuard guard,
                      DrillClock clock, KeySpace keys, PrintWriter progress) {
        this.round = round;
        this.settings = settings;
        this.target = target;
        this.probe = probe;
        this.guard = guard;
        this.clock = clock;
        this.keys = keys;
        this.progress = progress;
    }

    /**
     * Runs the round. {@code preflightWithin} is how long the cluster may take to look healthy first;
     * problems the cluster is clearing by itself get up to the drill's timeout.
     */
    public RoundResult run(Duration preflightWithin) {
        RoundResult r = new RoundResult(round, settings.waitReplicas() > 0);
        Preflight.Report pre = new Preflight(target, probe, settings.masterName(), settings.waitReplicas())
                .awaitHealthy(preflightWithin, settings.timeout());
        pre.warnings().forEach(w -> r.note("warning: " + w));
        pre.warnings().forEach(w -> say("warning: " + w));
        if (!pre.healthy()) {
            r.preflightFailed(pre.problems());
            return r;
        }
        Topology before = pre.topology();
        r.masters(before.master().announced().toString(), null);
        say("preflight ok: master " + before.master() + ", " + before.replicas().size() + " replica(s), "
                + before.sentinels().size() + " sentinel(s) agree");

        FaultPlan plan;
        try {
            plan = target.plan(before.master(), settings.fault());
        } catch (DrillException e) {
            r.fail(e.getMessage());
            return r;
        }
        try (SentinelEvents events = new SentinelEvents(before.sentinels(), probe, clock, settings.masterName())
                .start(2000)) {
            try {
                runUnderLoad(r, before, plan, events);
            } catch (DrillException e) {
                r.fail(e.getMessage());
            } finally {
                r.events(events.events());
                readEventMilestones(r, events, before.master());
            }
        }
        return r;
    }

    private void runUnderLoad(RoundResult r, Topology before, FaultPlan plan, SentinelEvents events) {
        HostAndPort newMaster = null;
        boolean healed = false;
        try (JedisSentinelPool pool = newPool(before)) {
            WriteLoad load = new WriteLoad(pool, keys, round, settings, clock).start();
            try {
                if (!warmUp(r, load)) {
                    return;
                }
                say("injecting " + plan.describe());
                long injecting = clock.nanos();
                try {
                    guard.inject(plan);
                } catch (DrillException e) {
                    r.fail("fault injection failed: " + e.getMessage() + hintOf(e));
                    healed = true;
                    return;
                }
                // t0 is when the fault is surely in place: a fault command takes milliseconds to run, and
                // writes the master acknowledged meanwhile happened before the fault, not after it.
                long t0 = clock.nanos();
                r.faultAt(t0, plan.describe(), DrillClock.millisBetween(injecting, t0));
                load.markFault(t0);
                newMaster = awaitNewMaster(r, before, events);
                if (newMaster != null) {
                    say("new master " + newMaster + " after " + r.timeToNewMasterMillis() + " ms");
                    awaitWritesAndReplicas(r, before, newMaster, load);
                    sleepUpTo(TAIL_MILLIS);
                }
            } finally {
                load.stop();
                r.writes(load.logs(), load.servers(), load.errorKinds());
            }
            if (newMaster != null) {
                verify(r, before, newMaster);
            }
        } finally {
            if (!healed && r.t0() >= 0) {
                heal(r, plan);
            }
        }
        if (r.millisFromFault(Milestone.HEALED) != null && newMaster != null) {
            HostAndPort oldAt = plan.reachableAfterHeal(before.master());
            awaitRejoin(r, before, newMaster, oldAt);
            awaitConvergence(r, before, newMaster, oldAt);
            removeRoundKeys(r, before, newMaster);
        } else if (r.millisFromFault(Milestone.HEALED) != null) {
            awaitAnswer(r, plan.reachableAfterHeal(before.master()));
        }
    }

    // ---- load ----

    private JedisSentinelPool newPool(Topology before) {
        GenericObjectPoolConfig<Jedis> pc = new GenericObjectPoolConfig<>();
        pc.setMaxTotal(settings.writers() + 1);
        pc.setMaxIdle(settings.writers() + 1);
        pc.setMinIdle(0);
        pc.setMaxWait(Duration.ofSeconds(1));
        pc.setJmxEnabled(false);
        DefaultJedisClientConfig.Builder master = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.clientTimeout().toMillis())
                .socketTimeoutMillis((int) settings.clientTimeout().toMillis())
                .clientName("rediha-drill-writer")
                // sentinels may announce names only the cluster's network resolves; the target knows where they are
                .hostAndPortMapper(announced -> target.reachable(announced, ""));
        if (settings.password() != null) {
            master.password(settings.password());
        }
        JedisClientConfig sentinel = probe.configFor(before.sentinels().get(0));
        try {
            return new JedisSentinelPool(settings.masterName(), new HashSet<>(before.sentinels()), pc, master.build(), sentinel);
        } catch (JedisException e) {
            throw new DrillException("cannot start the Sentinel client (JedisSentinelPool): " + Probe.reason(e),
                    "check that the sentinels answer from this machine and --master-name is right");
        }
    }

    /** Waits until every writer was acknowledged at least once and the load ran a little; false if writes never succeed. */
    private boolean warmUp(RoundResult r, WriteLoad load) {
        long start = System.nanoTime();
        long deadline = start + settings.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            boolean ranLongEnough = System.nanoTime() - start >= WARM_UP_MILLIS * 1_000_000L;
            if (load.acked() >= settings.writers() && ranLongEnough) {
                return true;
            }
            sleepUpTo(POLL_MILLIS);
        }
        r.fail("writes do not succeed before the fault (" + load.acked() + " acknowledged in "
                + settings.timeout().toMillis() + " ms); last error: " + load.lastError());
        return false;
    }

    // ---- failover ----

    /** Polls the sentinels until all name one new master; records when the first and the last did. Null on timeout. */
    private HostAndPort awaitNewMaster(RoundResult r, Topology before, SentinelEvents events) {
        HostAndPort old = before.master().announced();
        long deadline = r.t0() + settings.timeout().toNanos();
        Map<HostAndPort, HostAndPort> named = new LinkedHashMap<>();
        while (clock.nanos() < deadline) {
            HostAndPort agreed = null;
            boolean allAgree = true;
            for (HostAndPort s : before.sentinels()) {
                HostAndPort m = masterNamedBy(s);
                long now = clock.nanos();
                if (m == null) {
                    allAgree = false;
                    continue;
                }
                named.put(s, m);
                if (!m.equals(old)) {
                    r.markEarliest(Milestone.NEW_MASTER_NAMED, now);
                }
                if (m.equals(old) || (agreed != null && !agreed.equals(m))) {
                    allAgree = false;
                }
                agreed = m;
            }
            SentinelEvents.Event sw = events.first("+switch-master", r.t0(), false);
            if (sw != null) {
                r.markEarliest(Milestone.NEW_MASTER_NAMED, sw.nanos());
            }
            if (allAgree && agreed != null) {
                r.mark(Milestone.SENTINELS_AGREE, clock.nanos());
                r.masters(null, agreed.toString());
                return agreed;
            }
            sleepUpTo(POLL_MILLIS);
        }
        r.fail("no failover within " + settings.timeout().toMillis() + " ms: " + describeNaming(named, old)
                + "; " + diagnoseNoFailover(events, r.t0(), old));
        return null;
    }

    private HostAndPort masterNamedBy(HostAndPort sentinel) {
        List<String> a = probe.askOrNull(sentinel, j -> j.sentinelGetMasterAddrByName(settings.masterName()));
        return a == null || a.size() != 2 ? null : new HostAndPort(a.get(0), Integer.parseInt(a.get(1)));
    }

    private static String describeNaming(Map<HostAndPort, HostAndPort> named, HostAndPort old) {
        if (named.isEmpty()) {
            return "no sentinel answered";
        }
        List<String> parts = new ArrayList<>();
        named.forEach((s, m) -> parts.add("sentinel " + s + " names " + m + (m.equals(old) ? " (the faulted master)" : "")));
        return String.join(", ", parts);
    }

    /** Which step of a failover did not happen, from the events seen: the likeliest reason first. */
    static String diagnoseNoFailover(SentinelEvents events, long t0, HostAndPort old) {
        List<String> aborts = new ArrayList<>();
        long sdowns = 0;
        boolean odown = false;
        boolean elected = false;
        boolean tilt = false;
        for (SentinelEvents.Event e : events.events()) {
            if (e.nanos() < t0) {
                continue;
            }
            switch (e.type()) {
                case "+sdown" -> sdowns += e.message().startsWith("master ") ? 1 : 0;
                case "+odown" -> odown = true;
                case "+elected-leader" -> elected = true;
                case "+tilt" -> tilt = true;
                default -> {
                    if (e.type().startsWith("-failover-abort")) {
                        aborts.add(e.type() + " from " + e.sentinel());
                    }
                }
            }
        }
        String why;
        if (sdowns == 0) {
            why = "no sentinel reported +sdown for " + old
                    + " (is the fault real? is down-after-milliseconds longer than --timeout?)";
        } else if (!odown) {
            why = sdowns + " sentinel(s) saw the master down (+sdown) but none reached the quorum (+odown):"
                    + " too few sentinels are running or reachable";
        } else if (!elected) {
            why = "the quorum agreed the master is down (+odown) but no sentinel was elected leader:"
                    + " a majority of all known sentinels must vote";
        } else {
            why = "a leader was elected but the failover did not complete";
        }
        if (tilt) {
            why += "; a sentinel entered TILT mode";
        }
        if (!aborts.isEmpty()) {
            why += "; " + String.join(", ", aborts);
        }
        return why;
    }

    /** Waits for the first acknowledged write on the new master and for the other replicas to follow it. */
    private void awaitWritesAndReplicas(RoundResult r, Topology before, HostAndPort newMaster, WriteLoad load) {
        long deadline = clock.nanos() + settings.timeout().toNanos();
        List<NodeRef> others = otherReplicas(before, newMaster);
        Map<NodeRef, String> lastSeen = new LinkedHashMap<>();
        while (clock.nanos() < deadline) {
            long first = load.firstAckAfterFault(newMaster);
            if (first >= 0) {
                r.mark(Milestone.FIRST_WRITE, first);
            }
            if (r.millisFromFault(Milestone.REPLICAS_REPOINTED) == null) {
                boolean all = true;
                for (NodeRef o : others) {
                    String state = followState(o.reachable());
                    lastSeen.put(o, state);
                    all &= state.equals("follows " + newMaster + ", link up");
                }
                if (all) {
                    r.mark(Milestone.REPLICAS_REPOINTED, clock.nanos());
                }
            }
            if (first >= 0 && r.millisFromFault(Milestone.REPLICAS_REPOINTED) != null) {
                return;
            }
            sleepUpTo(POLL_MILLIS);
        }
        if (r.millisFromFault(Milestone.FIRST_WRITE) == null) {
            r.fail("no write was acknowledged by the new master " + newMaster + " within "
                    + settings.timeout().toMillis() + " ms; last writer error: " + load.lastError());
        }
        if (r.millisFromFault(Milestone.REPLICAS_REPOINTED) == null) {
            List<String> parts = new ArrayList<>();
            lastSeen.forEach((n, s) -> parts.add("replica " + n + " " + s));
            r.fail("not every replica follows the new master " + newMaster + " within "
                    + settings.timeout().toMillis() + " ms: " + String.join(", ", parts));
        }
    }

    /** "follows host:port, link up", or what the node says instead. */
    private String followState(HostAndPort node) {
        Map<String, String> info = probe.askOrNull(node, j -> Info.parse(j.info("replication")));
        if (info == null) {
            return "does not answer";
        }
        if (!"slave".equals(info.get("role"))) {
            return "reports role:" + info.get("role");
        }
        return "follows " + info.get("master_host") + ":" + info.get("master_port") + ", link "
                + info.get("master_link_status");
    }

    private static List<NodeRef> otherReplicas(Topology before, HostAndPort newMaster) {
        return before.replicas().stream().filter(n -> !n.announced().equals(newMaster)).toList();
    }

    private NodeRef newMasterRef(Topology before, HostAndPort newMaster) {
        NodeRef known = before.byAnnounced(newMaster);
        return known != null ? known : new NodeRef(newMaster, target.reachable(newMaster, ""), "", -1);
    }

    // ---- verification while the fault is still in place ----

    private void verify(RoundResult r, Topology before, HostAndPort newMaster) {
        NodeRef promoted = newMasterRef(before, newMaster);
        List<String> masters = new ArrayList<>();
        for (NodeRef n : before.dataNodes()) {
            String role = probe.askOrNull(n.reachable(), j -> Info.parse(j.info("replication")).get("role"));
            if ("master".equals(role)) {
                if (n == before.master()) {
                    r.note("the faulted master " + n + " still answers as a master (clients that can reach it may write there)");
                } else {
                    masters.add(n.announced().toString());
                }
            }
        }
        if (!masters.equals(List.of(newMaster.toString()))) {
            r.fail("expected exactly one master, " + newMaster + ", among the healthy nodes; found: "
                    + (masters.isEmpty() ? "none" : String.join(", ", masters)));
        }
        for (HostAndPort s : before.sentinels()) {
            HostAndPort m = masterNamedBy(s);
            if (!newMaster.equals(m)) {
                r.fail("sentinel " + s + " names " + m + " while the others name " + newMaster);
            }
        }
        try {
            probe.ask(promoted.reachable(), j -> {
                j.set(keys.probeKey(round), keys.probeValue(round));
                if (settings.waitReplicas() > 0) {
                    long n = j.waitReplicas(settings.waitReplicas(), settings.waitTimeout().toMillis());
                    if (n < settings.waitReplicas()) {
                        r.fail("a write on the new master " + newMaster + " was confirmed by " + n + " of "
                                + settings.waitReplicas() + " replicas (WAIT)");
                    }
                }
                return null;
            });
        } catch (JedisException e) {
            r.fail("a write on the new master " + newMaster + " fails: " + Probe.reason(e));
        }
        DataCheck.Verdict v;
        try {
            v = probe.ask(promoted.reachable(), j -> DataCheck.check(j, keys, round, r.logs()));
        } catch (JedisException e) {
            r.fail("cannot read the written keys back from the new master " + newMaster + ": " + Probe.reason(e));
            return;
        }
        r.data(v);
        if (v.ackedLost() > 0) {
            String lost = v.ackedLost() + " acknowledged write(s) missing on the new master (e.g. "
                    + String.join(", ", v.lostSamples().subList(0, Math.min(3, v.lostSamples().size()))) + ")";
            if (settings.waitReplicas() > 0) {
                r.fail(lost + " although WAIT " + settings.waitReplicas() + " confirmed them");
            } else {
                r.note(lost + ": asynchronous replication loses what the master had not yet sent;"
                        + " use --wait-replicas to measure confirmed writes");
            }
        }
        if (v.wrongValues() > 0 || v.unknownKeys() > 0) {
            r.fail((v.wrongValues() + v.unknownKeys()) + " key(s) on the new master hold values that were never written: "
                    + String.join(", ", v.wrongSamples()));
        }
    }

    // ---- heal and after ----

    private void heal(RoundResult r, FaultPlan plan) {
        say("healing " + plan.describe());
        try {
            guard.heal(plan);
            r.mark(Milestone.HEALED, clock.nanos());
        } catch (DrillException e) {
            r.fail("heal failed: " + e.getMessage() + hintOf(e));
        }
    }

    private void awaitRejoin(RoundResult r, Topology before, HostAndPort newMaster, HostAndPort oldAt) {
        long deadline = clock.nanos() + settings.timeout().toNanos();
        String last = "";
        while (clock.nanos() < deadline) {
            last = followState(oldAt);
            if (last.equals("follows " + newMaster + ", link up")) {
                r.mark(Milestone.REJOINED, clock.nanos());
                say("old master " + before.master() + " rejoined as a replica");
                return;
            }
            sleepUpTo(100);
        }
        r.fail("the old master " + before.master() + " did not rejoin as a replica of " + newMaster + " within "
                + settings.timeout().toMillis() + " ms: it " + last);
    }

    private void awaitConvergence(RoundResult r, Topology before, HostAndPort newMaster, HostAndPort oldAt) {
        List<NodeRef> nodes = new ArrayList<>();
        NodeRef promoted = newMasterRef(before, newMaster);
        nodes.add(promoted);
        nodes.addAll(otherReplicas(before, newMaster));
        NodeRef old = before.master();
        nodes.add(new NodeRef(old.announced(), oldAt, old.runId(), old.pid()));
        long deadline = clock.nanos() + settings.timeout().toNanos();
        Map<NodeRef, NodeDigest> digests = new LinkedHashMap<>();
        while (clock.nanos() < deadline) {
            digests.clear();
            for (NodeRef n : nodes) {
                NodeDigest d = probe.askOrNull(n.reachable(), j -> NodeDigest.of(j, keys.roundPrefix(round)));
                digests.put(n, d);
            }
            if (!digests.containsValue(null) && digests.values().stream().distinct().count() == 1) {
                r.mark(Milestone.CONVERGED, clock.nanos());
                break;
            }
            sleepUpTo(200);
        }
        for (NodeRef n : nodes) {
            String role = probe.askOrNull(n.reachable(), j -> Info.parse(j.info("replication")).get("role"));
            r.node(new RoundResult.NodeState(n.announced().toString(), role == null ? "no answer" : role, digests.get(n)));
        }
        if (r.millisFromFault(Milestone.CONVERGED) == null) {
            List<String> parts = new ArrayList<>();
            digests.forEach((n, d) -> parts.add(n.announced() + " " + (d == null ? "does not answer" : d.keys() + " keys, digest " + d.shortDigest())));
            r.fail("the nodes do not hold the same keys after " + settings.timeout().toMillis() + " ms: "
                    + String.join("; ", parts));
        }
    }

    private void removeRoundKeys(RoundResult r, Topology before, HostAndPort newMaster) {
        if (settings.keepKeys()) {
            return;
        }
        if (!r.passed()) {
            r.note("the round's keys are kept for inspection: " + keys.roundPrefix(round) + "*");
            return;
        }
        try {
            probe.ask(newMasterRef(before, newMaster).reachable(), j -> {
                List<String> all = DataCheck.scan(j, keys.roundPrefix(round));
                for (int i = 0; i < all.size(); i += 500) {
                    j.unlink(all.subList(i, Math.min(all.size(), i + 500)).toArray(String[]::new));
                }
                return null;
            });
        } catch (JedisException e) {
            r.note("could not remove the drill's keys " + keys.roundPrefix(round) + "*: " + Probe.reason(e));
        }
    }

    /** After a round without failover: wait until the healed master answers again, so the cluster is left as found. */
    private void awaitAnswer(RoundResult r, HostAndPort node) {
        long deadline = clock.nanos() + settings.timeout().toNanos();
        while (clock.nanos() < deadline) {
            if (probe.askOrNull(node, Jedis::ping) != null) {
                return;
            }
            sleepUpTo(100);
        }
        r.fail("the healed master " + node + " does not answer within " + settings.timeout().toMillis() + " ms");
    }

    // ---- events ----

    private void readEventMilestones(RoundResult r, SentinelEvents events, NodeRef oldMaster) {
        if (r.t0() < 0) {
            return;
        }
        String oldAddr = oldMaster.announced().getHost() + " " + oldMaster.announced().getPort();
        markEvent(r, Milestone.FIRST_SDOWN, events, "+sdown", true, oldAddr);
        markEvent(r, Milestone.ODOWN, events, "+odown", true, oldAddr);
        markEvent(r, Milestone.ELECTED_LEADER, events, "+elected-leader", true, oldAddr);
        markEvent(r, Milestone.PROMOTED, events, "+promoted-slave", false, null);
        markEvent(r, Milestone.SWITCH_MASTER, events, "+switch-master", false, null);
        markEvent(r, Milestone.FAILOVER_END, events, "+failover-end", true, null);
        String oldName = "slave " + oldMaster.announced().getHost() + ":" + oldMaster.announced().getPort() + " ";
        for (SentinelEvents.Event e : events.events()) {
            if (e.type().equals("+convert-to-slave") && e.message().startsWith(oldName) && e.nanos() >= r.t0()) {
                r.mark(Milestone.CONVERTED, e.nanos());
                break;
            }
        }
        SentinelEvents.Event sw = events.first("+switch-master", r.t0(), false);
        if (sw != null && r.millisFromFault(Milestone.SENTINELS_AGREE) != null) {
            r.markEarliest(Milestone.NEW_MASTER_NAMED, sw.nanos());
        }
    }

    private static void markEvent(RoundResult r, Milestone m, SentinelEvents events, String type,
                                  boolean aboutMaster, String mustContain) {
        for (SentinelEvents.Event e : events.events()) {
            if (e.nanos() >= r.t0() && e.type().equals(type)
                    && (!aboutMaster || e.message().startsWith("master "))
                    && (mustContain == null || e.message().contains(mustContain))) {
                r.mark(m, e.nanos());
                return;
            }
        }
    }

    // ---- helpers ----

    private void say(String line) {
        if (progress != null) {
            progress.println("round " + round + ": " + line);
            progress.flush();
        }
    }

    private static String hintOf(DrillException e) {
        return e.hint() == null ? "" : " (" + e.hint() + ")";
    }

    private static void sleepUpTo(long millis) {
        Preflight.sleepQuietly(millis);
    }
}
