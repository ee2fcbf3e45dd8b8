package io.rediha.node.sentinel;

import io.rediha.node.client.Replies;
import io.rediha.node.resp.RespValue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Agreement between sentinels: asking peers whether they see a master down (for ODOWN), asking
 * them for votes, answering their vote requests, and deciding when this sentinel may start a
 * failover attempt.
 *
 * <p><b>Asking.</b> While the master is SDOWN here, each peer is asked every second, as Redis
 * does, but every 100 ms until ODOWN is reached, and every answer is acted on at once: ODOWN is
 * declared, and a failover started, in the answer that completes the quorum rather than at the
 * next timer tick.
 *
 * <p><b>Who starts.</b> A sentinel that knows no replica it could promote does not start an
 * attempt (it would win and then abort); sentinels that reach ODOWN together start in runid order,
 * 100 ms apart, so they do not split the vote.
 *
 * <p><b>When to start an attempt</b> (our failover-timeout rules). Redis waits twice the
 * failover-timeout after any attempt, or after voting for someone else. We wait:
 * <ul>
 *   <li>after voting for another sentinel: until that leader looks down (SDOWN here) or one
 *       failover-timeout has passed, plus up to one second of random desynchronisation; so a
 *       leader that died mid-failover is replaced well within failover-timeout;</li>
 *   <li>after a split vote (every peer has answered and nobody can win): 0.2 to 1.2 s, random,
 *       so sentinels that started together do not collide again;</li>
 *   <li>after an election that timed out, no suitable replica, or a replica that did not accept
 *       promotion: one failover-timeout.</li>
 * </ul>
 * Safety does not depend on these delays: each attempt uses a new epoch, a sentinel votes once
 * per epoch, and a leader needs a majority of all sentinels ever seen.
 */
final class Agreement {
    private final Sentinel s;

    Agreement(Sentinel s) {
        this.s = s;
    }

    // ---------------------------------------------------------------- asking peers

    void askOtherSentinels(MonitoredMaster m, boolean force) {
        long now = s.clock.now();
        for (PeerSentinel p : List.copyOf(m.sentinels.values())) {
            long elapsed = now - p.lastMasterDownReplyTime;
            if (elapsed > s.timing.askPeriod * 5) {
                p.flags.remove(InstanceFlag.MASTER_DOWN);
                p.leader = null;
            }
            if (!m.is(InstanceFlag.S_DOWN)) {
                continue;
            }
            if (p.link == null || p.link.cmd == null || !p.link.cmd.isOpen()) {
                continue;
            }
            long period = m.is(InstanceFlag.O_DOWN) || m.failoverInProgress()
                    ? s.timing.askPeriod : Math.min(s.timing.askPeriod, 100);
            if (!force && (elapsed < period || p.askPending)) {
                continue;
            }
            boolean votingRound = m.failoverState != FailoverState.NONE;
            long askedEpoch = votingRound ? m.failoverEpoch : 0;
            CompletableFuture<RespValue> f = s.links.send(p, "SENTINEL", "is-master-down-by-addr",
                    m.address.announced(s.announceHostnames[0]), Integer.toString(m.address.port()),
                    Long.toString(s.epochs.current()), votingRound ? s.myId : "*");
            if (f == null) {
                continue;
            }
            p.askPending = true;
            f.whenCompleteAsync((reply, err) -> {
                p.askPending = false;
                if (err == null && !p.released && !m.released) {
                    answered(m, p, reply, askedEpoch);
                }
            }, s.loop);
        }
    }

    private void answered(MonitoredMaster m, PeerSentinel p, RespValue reply, long askedEpoch) {
        if (!(reply instanceof RespValue.Array a) || a.items().size() != 3
                || !(a.items().get(0) instanceof RespValue.Integer down)
                || !(a.items().get(1) instanceof RespValue.Bulk || a.items().get(1) instanceof RespValue.SimpleString)
                || !(a.items().get(2) instanceof RespValue.Integer leaderEpoch)) {
            return;
        }
        p.lastMasterDownReplyTime = s.clock.now();
        if (down.value() == 1) {
            p.flags.add(InstanceFlag.MASTER_DOWN);
        } else {
            p.flags.remove(InstanceFlag.MASTER_DOWN);
        }
        String leader = a.items().get(1).asText();
        if (!"*".equals(leader)) {
            p.leader = leader;
            p.leaderEpoch = leaderEpoch.value();
        }
        if (askedEpoch != 0) {
            p.answeredVoteEpoch = askedEpoch;
        }
        if (s.tilt.inTilt()) {
            return;
        }
        // Act on the answer now instead of at the next tick.
        s.availability.checkObjectivelyDown(m);
        if (startFailoverIfNeeded(m)) {
            askOtherSentinels(m, true);
        }
        if (m.failoverState == FailoverState.WAIT_START) {
            s.failover.step(m);
        }
    }

    // ---------------------------------------------------------------- votes

    /**
     * Handles a vote request (from a peer's is-master-down-by-addr, or our own election) and
     * emits what Redis emits. Returns the vote now held.
     */
    LeaderVote.Outcome vote(MonitoredMaster m, long requestEpoch, String candidate) {
        LeaderVote.Outcome o = m.vote.vote(s.epochs, requestEpoch, candidate);
        if (o.epochAdvanced() || o.voted()) {
            // Saved before the vote is counted or answered: a restart must not vote twice in an epoch.
            s.flushConfig();
        }
        if (o.epochAdvanced()) {
            s.events.emitRaw(SentinelLog.Level.WARNING, "+new-epoch", m, Long.toString(s.epochs.current()));
        }
        if (o.voted()) {
            s.events.emitRaw(SentinelLog.Level.WARNING, "+vote-for-leader", m, o.leader() + " " + o.leaderEpoch());
            if (!candidate.equals(s.myId)) {
                long now = s.clock.now();
                m.holdingBackFor = candidate;
                m.nextAttemptNotBefore = Math.max(m.nextAttemptNotBefore,
                        now + m.failoverTimeoutMs + s.random.nextInt(1000));
            }
        }
        return o;
    }

    // ---------------------------------------------------------------- starting

    boolean startFailoverIfNeeded(MonitoredMaster m) {
        if (!m.is(InstanceFlag.O_DOWN) || m.failoverInProgress()) {
            return false;
        }
        long now = s.clock.now();
        if (m.holdingBackFor != null) {
            PeerSentinel leader = m.sentinels.get(m.holdingBackFor);
            if (leader == null || leader.is(InstanceFlag.S_DOWN)) {
                s.log.warning("The leader we voted for (" + m.holdingBackFor + ") looks down; "
                        + "no longer holding back the failover of " + m.name());
                m.holdingBackFor = null;
                m.nextAttemptNotBefore = now + s.random.nextInt(1000);
            }
        }
        if (now < m.nextAttemptNotBefore) {
            if (m.delayLoggedAt < m.failoverStartTime || m.delayLoggedAt == 0) {
                m.delayLoggedAt = now;
                Instant at = Instant.ofEpochMilli(s.clock.wallMillis() + (m.nextAttemptNotBefore - now));
                s.log.warning("Next failover delay: I will not start a failover before " + at);
            }
            return false;
        }
        if (now - m.oDownSince < STAGGER_MS * peersBefore(m)) {
            return false;
        }
        ReplicaSelector.Selection sel = ReplicaSelector.select(m, now, s.timing);
        if (sel.replica() == null && sel.waitingForInfo() == 0) {
            // Leading would end in -failover-abort-no-good-slave and a failover-timeout of delay;
            // a peer that knows a promotable replica should lead instead.
            if (now - m.noCandidateLoggedAt > 5_000) {
                m.noCandidateLoggedAt = now;
                s.log.warning("Not starting a failover of " + m.name() + ": no replica known that could be promoted ("
                        + (sel.rejected().isEmpty() ? "none known" : String.join("; ", sel.rejected())) + ")");
            }
            return false;
        }
        startFailover(m, false);
        return true;
    }

    /** Spacing of the start of attempts by sentinels that reach ODOWN together (see {@link #peersBefore}). */
    static final long STAGGER_MS = 100;

    /**
     * How many peers should try before us: those with a smaller runid that also report the master
     * down. With fast detection, sentinels reach ODOWN within milliseconds of each other; if all
     * start at once each votes for itself and the epoch is lost. Deferring by rank lets the first
     * in runid order ask first, and the others vote for it. A deferred sentinel still starts if the
     * one before it does not (it waits at most its rank times 100 ms); safety never depends on it.
     */
    private int peersBefore(MonitoredMaster m) {
        int n = 0;
        for (PeerSentinel p : m.sentinels.values()) {
            if (p.is(InstanceFlag.MASTER_DOWN) && !p.is(InstanceFlag.S_DOWN) && p.runId.compareTo(s.myId) < 0) {
                n++;
            }
        }
        return n;
    }

    /** Begins an attempt in a new epoch; {@code forced} is SENTINEL FAILOVER (no ODOWN, no votes). */
    void startFailover(MonitoredMaster m, boolean forced) {
        long now = s.clock.now();
        m.failoverState = FailoverState.WAIT_START;
        m.failoverStateChangeTime = now;
        m.flags.add(InstanceFlag.FAILOVER_IN_PROGRESS);
        if (forced) {
            m.flags.add(InstanceFlag.FORCE_FAILOVER);
        }
        m.failoverEpoch = s.epochs.next();
        m.failoverStartTime = now;
        m.delayLoggedAt = 0;
        // No flush here: the new epoch is saved with our own vote, before anything depends on it.
        s.events.emitRaw(SentinelLog.Level.WARNING, "+new-epoch", m, Long.toString(m.failoverEpoch));
        s.events.emit(SentinelLog.Level.WARNING, "+try-failover", m, "");
        for (MonitoredReplica r : m.replicaList()) {
            s.links.sendInfo(r);
        }
    }

    /** Attempt abandoned: when may we try again (see the class comment). */
    void scheduleRetry(MonitoredMaster m, boolean splitVote) {
        long now = s.clock.now();
        long next;
        if (m.holdingBackFor != null) {
            next = m.nextAttemptNotBefore;
        } else if (splitVote) {
            next = now + 200 + s.random.nextInt(1000);
        } else {
            next = now + m.failoverTimeoutMs + s.random.nextInt(1000);
        }
        m.nextAttemptNotBefore = Math.max(next, now);
    }
}
