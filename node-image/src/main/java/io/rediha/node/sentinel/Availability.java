package io.rediha.node.sentinel;

/**
 * SDOWN and ODOWN. An instance is subjectively down when it gave no valid PING reply for longer
 * than down-after-milliseconds (measured from the oldest unanswered PING, or from the last valid
 * reply while the link is down), when a master has been reporting itself a replica for too long,
 * or when a rebooted master did not answer in time. A master is objectively down when it is SDOWN
 * here and at least quorum sentinels, counting this one, say so.
 *
 * <p>Also keeps links honest: a cmd link with a PING stuck for half of down-after, or a pubsub
 * link silent for three hello periods, is closed and reopened (after 15 s of life), since a half
 * dead TCP connection must not hide a live instance.
 */
final class Availability {
    private final Sentinel s;

    Availability(Sentinel s) {
        this.s = s;
    }

    void checkSubjectivelyDown(Instance ri) {
        InstanceLink link = ri.link;
        if (link == null) {
            return;
        }
        long now = s.clock.now();
        long elapsed = 0;
        if (link.actPingTime != 0) {
            elapsed = now - link.actPingTime;
        } else if (link.cmd == null) {
            elapsed = now - link.lastAvailTime;
        }
        long minLife = s.timing.minLinkReconnectPeriod;
        if (link.cmd != null && now - link.cmdConnectedAt > minLife && link.actPingTime != 0
                && now - link.actPingTime > ri.downAfterMs / 2 && now - link.lastPongTime > ri.downAfterMs / 2) {
            link.cmd.close();
        }
        if (link.pubsub != null && now - link.pubsubConnectedAt > minLife
                && now - link.pubsubLastActivity > s.timing.publishPeriod * 3) {
            link.pubsub.close();
        }
        boolean down = elapsed > ri.downAfterMs;
        if (ri instanceof MonitoredMaster m) {
            down |= m.roleReported == InfoReply.Role.SLAVE
                    && now - m.roleReportedTime > m.downAfterMs + 2 * s.timing.infoPeriod;
            down |= m.is(InstanceFlag.MASTER_REBOOT) && now - m.rebootSince > m.rebootDownAfterPeriodMs;
        }
        if (down) {
            if (!ri.is(InstanceFlag.S_DOWN)) {
                s.events.emit(SentinelLog.Level.WARNING, "+sdown", ri, "");
                ri.sDownSince = now;
                ri.flags.add(InstanceFlag.S_DOWN);
                if (ri instanceof MonitoredMaster m) {
                    masterWentDown(m);
                }
            }
        } else if (ri.is(InstanceFlag.S_DOWN)) {
            s.events.emit(SentinelLog.Level.WARNING, "-sdown", ri, "");
            ri.flags.remove(InstanceFlag.S_DOWN);
            ri.flags.remove(InstanceFlag.SCRIPT_KILL_SENT);
        }
    }

    /** A failover may follow: ask peers now, and get fresh INFO from every replica to choose from. */
    private void masterWentDown(MonitoredMaster m) {
        for (MonitoredReplica r : m.replicaList()) {
            s.links.sendInfo(r);
        }
        s.agreement.askOtherSentinels(m, true);
    }

    void checkObjectivelyDown(MonitoredMaster m) {
        int votes = 0;
        boolean odown = false;
        if (m.is(InstanceFlag.S_DOWN)) {
            votes = 1;
            for (PeerSentinel p : m.sentinels.values()) {
                if (p.is(InstanceFlag.MASTER_DOWN)) {
                    votes++;
                }
            }
            odown = votes >= m.quorum;
        }
        if (odown) {
            if (!m.is(InstanceFlag.O_DOWN)) {
                s.events.emit(SentinelLog.Level.WARNING, "+odown", m, "#quorum " + votes + "/" + m.quorum);
                m.flags.add(InstanceFlag.O_DOWN);
                m.oDownSince = s.clock.now();
            }
        } else if (m.is(InstanceFlag.O_DOWN)) {
            s.events.emit(SentinelLog.Level.WARNING, "-odown", m, "");
            m.flags.remove(InstanceFlag.O_DOWN);
        }
    }
}
