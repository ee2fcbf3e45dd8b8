package io.rediha.node.sentinel;

/**
 * Acts on the INFO of a master or replica: learns run ids (a change is a {@code +reboot}),
 * discovers replicas from the master's {@code slaveN} lines, tracks reported roles, follows the
 * progress of a failover, and corrects replicas that disagree with the configuration.
 *
 * <p><b>A replica that calls itself master.</b> Redis waits until it has reported master for
 * four hello periods (8 s) before sending it SLAVEOF, in case a newer configuration is on its
 * way; meanwhile, a resumed old master accepts writes that will be thrown away. We keep that
 * grace period in general, but convert at once the one case we can recognise with certainty: the
 * instance is the master we failed over from ({@link InstanceFlag#DEMOTED_MASTER}), our current
 * master looks sane, no failover is in progress, and no epoch has been started anywhere since
 * our configuration was set (a newer failover, the only thing that could legitimately make it
 * master again, would have advanced our epoch by asking for our vote or by its hello).
 */
final class InfoHandler {
    private final Sentinel s;

    InfoHandler(Sentinel s) {
        this.s = s;
    }

    void handle(Instance ri, String text) {
        long now = s.clock.now();
        InfoReply info = InfoReply.parse(text);
        ri.cachedInfo = text;

        if (info.runId() != null) {
            if (ri.runId != null && !ri.runId.equals(info.runId())) {
                s.events.emit(SentinelLog.Level.NOTICE, "+reboot", ri, "");
                if (ri instanceof MonitoredMaster m && m.rebootDownAfterPeriodMs > 0) {
                    m.flags.add(InstanceFlag.MASTER_REBOOT);
                    m.rebootSince = now;
                }
            }
            ri.runId = info.runId();
        }

        if (ri instanceof MonitoredMaster m && info.role() == InfoReply.Role.MASTER) {
            discoverReplicas(m, info, now);
        }

        if (ri instanceof MonitoredReplica r) {
            r.masterLinkDownTime = info.masterLinkDownSinceSeconds() * 1000;
        }

        InfoReply.Role previous = ri.roleReported;
        if (info.role() != InfoReply.Role.UNKNOWN && info.role() != previous) {
            ri.roleReported = info.role();
            ri.roleReportedTime = now;
            if (info.role() == InfoReply.Role.SLAVE && ri instanceof MonitoredReplica r) {
                r.confChangeTime = now;
            }
            boolean coherent = (info.role() == InfoReply.Role.MASTER) == (ri instanceof MonitoredMaster);
            s.events.emit(SentinelLog.Level.VERBOSE, coherent ? "+role-change" : "-role-change", ri,
                    "new reported role is " + (info.role() == InfoReply.Role.MASTER ? "master" : "slave"));
        }

        if (ri instanceof MonitoredReplica r && info.role() == InfoReply.Role.SLAVE) {
            if (r.masterHost == null || !r.masterHost.equals(info.masterHost()) || r.masterPort != info.masterPort()) {
                r.confChangeTime = now;
            }
            r.masterHost = info.masterHost();
            r.masterPort = info.masterPort();
            r.masterLinkUp = info.masterLinkUp();
            r.priority = info.replicaPriority();
            r.replOffset = info.replicaOffset();
            r.announced = info.replicaAnnounced();
        }
        ri.infoRefresh = now;

        if (s.tilt.inTilt()) {
            return;
        }
        if (ri instanceof MonitoredReplica r) {
            if (info.role() == InfoReply.Role.MASTER) {
                replicaReportsMaster(r, now);
            } else if (info.role() == InfoReply.Role.SLAVE) {
                replicaReportsReplica(r, now);
            }
            if (r.master().failoverState == FailoverState.SELECT_SLAVE) {
                // The selection may have been waiting for exactly this fresh INFO.
                s.failover.step(r.master());
            }
        }
    }

    private void discoverReplicas(MonitoredMaster m, InfoReply info, long now) {
        for (InfoReply.ReplicaLine line : info.replicas()) {
            MonitoredReplica known = m.findReplica(line.ip(), line.port());
            if (known != null) {
                known.lastListedByMaster = now;
                continue;
            }
            try {
                InstanceAddress addr = InstanceAddress.of(line.ip(), line.port(), s.config.resolveHostnames);
                if (addr.sameAs(m.address)) {
                    continue;
                }
                s.addReplica(m, addr, true);
                s.flushConfig();
            } catch (IllegalArgumentException e) {
                s.log.warning("Ignoring replica " + line.ip() + ":" + line.port() + " of " + m.name() + ": " + e.getMessage());
            }
        }
    }

    private void replicaReportsMaster(MonitoredReplica r, long now) {
        MonitoredMaster m = r.master();
        if (r.is(InstanceFlag.PROMOTED)) {
            if (m.failoverInProgress() && m.failoverState == FailoverState.WAIT_PROMOTION && m.promoted == r) {
                s.failover.promotionObserved(m, r);
            }
            return;
        }
        if (!m.looksSane(now, s.timing.infoPeriod)) {
            return;
        }
        boolean sureItIsTheOldMaster = r.is(InstanceFlag.DEMOTED_MASTER) && !m.failoverInProgress()
                && s.epochs.current() == m.epochAtConfigChange;
        long wait = sureItIsTheOldMaster ? 0 : s.timing.publishPeriod * 4;
        if (r.noDownFor(now, wait) && now - r.roleReportedTime >= wait && !r.is(InstanceFlag.S_DOWN)) {
            if (s.failover.sendReplicaOf(r, m.address)) {
                s.events.emit(SentinelLog.Level.NOTICE, "+convert-to-slave", r, "");
                // Watch it follow: next INFO in a second at most.
                r.infoRefresh = now - s.timing.infoPeriod + 1000;
            }
        }
    }

    private void replicaReportsReplica(MonitoredReplica r, long now) {
        MonitoredMaster m = r.master();
        r.flags.remove(InstanceFlag.DEMOTED_MASTER);
        boolean followsOurMaster = r.masterHost != null && m.address.sameAs(r.masterHost, r.masterPort);
        if (!followsOurMaster && !r.is(InstanceFlag.RECONF_SENT) && !r.is(InstanceFlag.RECONF_INPROG)
                && !r.is(InstanceFlag.PROMOTED)) {
            long wait = m.failoverTimeoutMs;
            if (m.looksSane(now, s.timing.infoPeriod) && r.noDownFor(now, wait) && now - r.confChangeTime > wait) {
                if (s.failover.sendReplicaOf(r, m.address)) {
                    s.events.emit(SentinelLog.Level.NOTICE, "+fix-slave-config", r, "");
                }
            }
        }
        if (r.is(InstanceFlag.RECONF_SENT) || r.is(InstanceFlag.RECONF_INPROG)) {
            MonitoredReplica p = m.promoted;
            boolean progressed = false;
            if (r.is(InstanceFlag.RECONF_SENT) && p != null && r.masterHost != null
                    && p.address.sameAs(r.masterHost, r.masterPort)) {
                r.flags.remove(InstanceFlag.RECONF_SENT);
                r.flags.add(InstanceFlag.RECONF_INPROG);
                s.events.emit(SentinelLog.Level.NOTICE, "+slave-reconf-inprog", r, "");
                progressed = true;
            }
            if (r.is(InstanceFlag.RECONF_INPROG) && r.masterLinkUp) {
                r.flags.remove(InstanceFlag.RECONF_INPROG);
                r.flags.add(InstanceFlag.RECONF_DONE);
                s.events.emit(SentinelLog.Level.NOTICE, "+slave-reconf-done", r, "");
                progressed = true;
            }
            if (progressed) {
                s.failover.replicaProgressed(m);
            }
        }
    }
}
