package io.rediha.node.sentinel;

import io.rediha.node.client.Replies;
import io.rediha.node.resp.RespValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The failover of one master, led by this sentinel, from election to the switch:
 * wait_start (win the vote) → select_slave → send_slaveof_noone → wait_promotion →
 * reconf_slaves → update_config.
 *
 * <p>Each step runs as soon as the previous one allows, not at the next tick: elected, the
 * leader selects and sends {@code SLAVEOF NO ONE} at once, and asks the promoted replica for
 * INFO right behind it in the same pipeline, so the promotion is seen in one round trip. Once
 * promoted, the new address is what this sentinel answers and announces (hello is sent
 * immediately), while the other replicas are reconfigured, at most parallel-syncs at a time.
 *
 * <p>An attempt can be aborted until the promoted replica has accepted its new role; after that
 * the new configuration stands and only the reconfiguration of the others can time out.
 */
final class FailoverStateMachine {
    private static final long WAIT_FOR_FRESH_INFO_MS = 2_000;

    private final Sentinel s;

    FailoverStateMachine(Sentinel s) {
        this.s = s;
    }

    void step(MonitoredMaster m) {
        if (!m.failoverInProgress() || s.tilt.inTilt()) {
            return;
        }
        for (int i = 0; i < 8; i++) {
            FailoverState before = m.failoverState;
            switch (m.failoverState) {
                case WAIT_START -> waitStart(m);
                case SELECT_SLAVE -> selectReplica(m);
                case SEND_SLAVEOF_NOONE -> sendReplicaOfNoOne(m);
                case WAIT_PROMOTION -> waitPromotion(m);
                case RECONF_SLAVES -> reconfigureNextReplicas(m);
                default -> { }
            }
            if (m.failoverState == before) {
                return;
            }
        }
    }

    private void setState(MonitoredMaster m, FailoverState state) {
        m.failoverState = state;
        m.failoverStateChangeTime = s.clock.now();
    }

    // ---------------------------------------------------------------- wait_start

    private void waitStart(MonitoredMaster m) {
        long now = s.clock.now();
        List<LeaderElection.PeerVote> votes = new ArrayList<>();
        int pending = 0;
        for (PeerSentinel p : m.sentinels.values()) {
            votes.add(new LeaderElection.PeerVote(p.leader, p.leaderEpoch));
            if (p.answeredVoteEpoch != m.failoverEpoch && !p.is(InstanceFlag.S_DOWN)) {
                pending++;
            }
        }
        LeaderElection.Result result = LeaderElection.count(votes, m.failoverEpoch, s.myId, m.quorum,
                proposal -> {
                    LeaderVote.Outcome o = s.agreement.vote(m, m.failoverEpoch, proposal);
                    return o.leaderEpoch() == m.failoverEpoch ? o.leader() : null;
                }, pending);
        boolean elected = s.myId.equals(result.winner());
        if (!elected && !m.is(InstanceFlag.FORCE_FAILOVER)) {
            long electionTimeout = Math.min(s.timing.electionTimeout, m.failoverTimeoutMs);
            if (result.winner() != null) {
                // Another sentinel has the votes for this epoch: let it work.
                s.events.emit(SentinelLog.Level.WARNING, "-failover-abort-not-elected", m, "");
                abort(m);
                m.holdingBackFor = result.winner();
                m.nextAttemptNotBefore = Math.max(m.nextAttemptNotBefore,
                        now + m.failoverTimeoutMs + s.random.nextInt(1000));
            } else if (result.undecidable() || now - m.failoverStartTime > electionTimeout) {
                s.events.emit(SentinelLog.Level.WARNING, "-failover-abort-not-elected", m, "");
                abort(m);
                s.agreement.scheduleRetry(m, result.undecidable());
            }
            return;
        }
        s.events.emit(SentinelLog.Level.WARNING, "+elected-leader", m, "");
        if ((s.simulateFailureFlags & Sentinel.SIMFAILURE_CRASH_AFTER_ELECTION) != 0) {
            s.simulateFailureCrash();
        }
        setState(m, FailoverState.SELECT_SLAVE);
        s.events.emit(SentinelLog.Level.NOTICE, "+failover-state-select-slave", m, "");
    }

    // ---------------------------------------------------------------- select_slave

    private void selectReplica(MonitoredMaster m) {
        long now = s.clock.now();
        ReplicaSelector.Selection sel = ReplicaSelector.select(m, now, s.timing);
        if (sel.replica() == null) {
            if (sel.waitingForInfo() > 0 && now - m.failoverStateChangeTime < WAIT_FOR_FRESH_INFO_MS) {
                // Some replicas were rejected only for old INFO, which was just requested.
                for (MonitoredReplica r : m.replicaList()) {
                    s.links.sendInfo(r);
                }
                return;
            }
            s.log.warning("No replica of " + m.name() + " can be promoted: "
                    + (sel.rejected().isEmpty() ? "none known" : String.join("; ", sel.rejected())));
            s.events.emit(SentinelLog.Level.WARNING, "-failover-abort-no-good-slave", m, "");
            abort(m);
            s.agreement.scheduleRetry(m, false);
            return;
        }
        MonitoredReplica r = sel.replica();
        s.events.emit(SentinelLog.Level.WARNING, "+selected-slave", r, "");
        r.flags.add(InstanceFlag.PROMOTED);
        m.promoted = r;
        setState(m, FailoverState.SEND_SLAVEOF_NOONE);
        s.events.emit(SentinelLog.Level.NOTICE, "+failover-state-send-slaveof-noone", r, "");
    }

    // ---------------------------------------------------------------- send_slaveof_noone

    private void sendReplicaOfNoOne(MonitoredMaster m) {
        MonitoredReplica r = m.promoted;
        if (r.link == null || r.link.cmd == null || !r.link.cmd.isOpen()) {
            if (s.clock.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
                s.events.emit(SentinelLog.Level.WARNING, "-failover-abort-slave-timeout", m, "");
                abort(m);
                s.agreement.scheduleRetry(m, false);
            }
            return;
        }
        if (!sendReplicaOf(r, null)) {
            return;
        }
        // INFO behind the transaction on the same connection: its reply shows the new role.
        r.infoPending = false;
        s.links.sendInfo(r);
        setState(m, FailoverState.WAIT_PROMOTION);
        s.events.emit(SentinelLog.Level.NOTICE, "+failover-state-wait-promotion", r, "");
    }

    /**
     * Sends SLAVEOF (to {@code target}, or NO ONE when null) the way Redis Sentinel does: in a
     * transaction with CONFIG REWRITE and CLIENT KILL of normal and pub/sub clients, so clients
     * reconnect and rediscover the topology. Replies inside the transaction are not looked at (a
     * node without a config file fails CONFIG REWRITE and that is fine); the effect is observed
     * through INFO. If the whole transaction is refused (EXECABORT: the node does not know one of
     * the commands, or has it renamed), SLAVEOF is sent again on its own, since the role change is
     * the one part that matters.
     */
    boolean sendReplicaOf(Instance ri, InstanceAddress target) {
        String host = target == null ? "NO" : target.announced(s.announceHostnames[0]);
        String port = target == null ? "ONE" : Integer.toString(target.port());
        CompletableFuture<RespValue> first = s.links.send(ri, "MULTI");
        if (first == null) {
            return false;
        }
        s.links.send(ri, "SLAVEOF", host, port);
        s.links.send(ri, "CONFIG", "REWRITE");
        s.links.send(ri, "CLIENT", "KILL", "TYPE", "normal");
        s.links.send(ri, "CLIENT", "KILL", "TYPE", "pubsub");
        s.links.whenReplied(ri, s.links.send(ri, "EXEC"), reply -> {
            if (reply instanceof RespValue.Error || reply instanceof RespValue.Null) {
                s.log.warning("Transaction refused by " + ri.address + " (" + Replies.text(reply)
                        + "); sending SLAVEOF " + host + " " + port + " on its own");
                s.links.send(ri, "SLAVEOF", host, port);
                s.links.sendInfo(ri);
            }
        });
        return true;
    }

    // ---------------------------------------------------------------- wait_promotion

    private void waitPromotion(MonitoredMaster m) {
        if (s.clock.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
            s.events.emit(SentinelLog.Level.WARNING, "-failover-abort-slave-timeout", m, "");
            abort(m);
            s.agreement.scheduleRetry(m, false);
        }
    }

    /** Called by the INFO handler when the promoted replica reports role:master. */
    void promotionObserved(MonitoredMaster m, MonitoredReplica r) {
        m.configEpoch = m.failoverEpoch;
        setState(m, FailoverState.RECONF_SLAVES);
        s.events.emit(SentinelLog.Level.WARNING, "+promoted-slave", r, "");
        if ((s.simulateFailureFlags & Sentinel.SIMFAILURE_CRASH_AFTER_PROMOTION) != 0) {
            s.simulateFailureCrash();
        }
        s.events.emit(SentinelLog.Level.NOTICE, "+failover-state-reconf-slaves", m, "");
        // Tell everyone first, then save: a crash in between only loses what the peers' hellos
        // give back (the highest config epoch wins).
        s.periodic.forceHello(m);
        step(m);
        s.flushConfig();
        s.hello.callClientReconfigScript(m, "leader", m.address, r.address);
    }

    // ---------------------------------------------------------------- reconf_slaves

    private void reconfigureNextReplicas(MonitoredMaster m) {
        long now = s.clock.now();
        int inProgress = 0;
        for (MonitoredReplica r : m.replicas.values()) {
            if (r.is(InstanceFlag.RECONF_SENT) || r.is(InstanceFlag.RECONF_INPROG)) {
                inProgress++;
            }
        }
        for (MonitoredReplica r : m.replicaList()) {
            if (inProgress >= m.parallelSyncs) {
                break;
            }
            if (r.is(InstanceFlag.PROMOTED) || r.is(InstanceFlag.RECONF_DONE)) {
                continue;
            }
            if (r.is(InstanceFlag.RECONF_SENT) && now - r.reconfSentTime > s.timing.slaveReconfTimeout) {
                s.events.emit(SentinelLog.Level.NOTICE, "-slave-reconf-sent-timeout", r, "");
                r.flags.remove(InstanceFlag.RECONF_SENT);
                r.flags.add(InstanceFlag.RECONF_DONE);
                inProgress--;
                continue;
            }
            if (r.is(InstanceFlag.RECONF_SENT) || r.is(InstanceFlag.RECONF_INPROG)) {
                continue;
            }
            if (r.isDisconnected() || r.is(InstanceFlag.S_DOWN)) {
                continue;
            }
            if (sendReplicaOf(r, m.promoted.address)) {
                r.flags.add(InstanceFlag.RECONF_SENT);
                r.reconfSentTime = now;
                s.events.emit(SentinelLog.Level.NOTICE, "+slave-reconf-sent", r, "");
                inProgress++;
            }
        }
        detectEnd(m);
    }

    private void detectEnd(MonitoredMaster m) {
        MonitoredReplica p = m.promoted;
        if (p == null || p.is(InstanceFlag.S_DOWN)) {
            return;
        }
        long now = s.clock.now();
        int notReconfigured = 0;
        for (MonitoredReplica r : m.replicas.values()) {
            if (r.is(InstanceFlag.PROMOTED) || r.is(InstanceFlag.RECONF_DONE) || r.is(InstanceFlag.S_DOWN)) {
                continue;
            }
            notReconfigured++;
        }
        boolean timedOut = false;
        if (now - m.failoverStateChangeTime > m.failoverTimeoutMs) {
            notReconfigured = 0;
            timedOut = true;
            s.events.emit(SentinelLog.Level.WARNING, "+failover-end-for-timeout", m, "");
        }
        if (notReconfigured != 0) {
            return;
        }
        s.events.emit(SentinelLog.Level.WARNING, "+failover-end", m, "");
        setState(m, FailoverState.UPDATE_CONFIG);
        if (timedOut) {
            // Best effort: tell the stragglers anyway.
            for (MonitoredReplica r : m.replicaList()) {
                if (r.is(InstanceFlag.PROMOTED) || r.is(InstanceFlag.RECONF_DONE) || r.is(InstanceFlag.RECONF_SENT)
                        || r.isDisconnected()) {
                    continue;
                }
                if (sendReplicaOf(r, p.address)) {
                    s.events.emit(SentinelLog.Level.NOTICE, "+slave-reconf-sent-be", r, "");
                    r.flags.add(InstanceFlag.RECONF_SENT);
                }
            }
        }
        // The switch itself happens on the next tick, as in Redis; do it now instead.
        s.switchToPromoted(m);
    }

    /** Called by the INFO handler after a replica's reconfiguration progressed. */
    void replicaProgressed(MonitoredMaster m) {
        if (m.failoverState == FailoverState.RECONF_SLAVES) {
            step(m);
        }
    }

    // ---------------------------------------------------------------- abort

    void abort(MonitoredMaster m) {
        m.flags.remove(InstanceFlag.FAILOVER_IN_PROGRESS);
        m.flags.remove(InstanceFlag.FORCE_FAILOVER);
        setState(m, FailoverState.NONE);
        if (m.promoted != null) {
            m.promoted.flags.remove(InstanceFlag.PROMOTED);
            m.promoted = null;
        }
    }
}
