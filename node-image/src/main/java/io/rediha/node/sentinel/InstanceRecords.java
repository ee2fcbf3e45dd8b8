package io.rediha.node.sentinel;

/**
 * The records of SENTINEL MASTER(S), REPLICAS and SENTINELS: Redis Sentinel's field names in its
 * order, every value a bulk string, times in milliseconds ago. Clients read these fields by name
 * (redis-py reads flags, ip, port, num-other-sentinels; Lettuce reads ip, port and flags).
 */
final class InstanceRecords {
    private InstanceRecords() {
    }

    static SentinelReply.MapOf of(Sentinel s, Instance ri) {
        long now = s.clock.now();
        boolean hn = s.announceHostnames[0];
        InstanceLink link = ri.link;
        SentinelReply.Fields f = new SentinelReply.Fields()
                .add("name", ri.name())
                .add("ip", ri.address.announced(hn))
                .add("port", ri.address.port())
                .add("runid", ri.runId == null ? "" : ri.runId)
                .add("flags", ri.flagsText())
                .add("link-pending-commands", link == null ? 0 : link.pendingCommands())
                .add("link-refcount", link == null ? 0 : link.refCount);
        if (ri instanceof MonitoredMaster m && m.failoverInProgress()) {
            f.add("failover-state", m.failoverState.wireName);
        }
        f.add("last-ping-sent", link == null || link.actPingTime == 0 ? 0 : now - link.actPingTime)
                .add("last-ok-ping-reply", link == null ? 0 : now - link.lastAvailTime)
                .add("last-ping-reply", link == null ? 0 : now - link.lastPongTime);
        if (ri.is(InstanceFlag.S_DOWN)) {
            f.add("s-down-time", now - ri.sDownSince);
        }
        if (ri instanceof MonitoredMaster m && m.is(InstanceFlag.O_DOWN)) {
            f.add("o-down-time", now - m.oDownSince);
        }
        f.add("down-after-milliseconds", ri.downAfterMs);
        if (!(ri instanceof PeerSentinel)) {
            f.add("info-refresh", ri.infoRefresh == 0 ? 0 : now - ri.infoRefresh)
                    .add("role-reported", ri.roleReported == InfoReply.Role.MASTER ? "master" : "slave")
                    .add("role-reported-time", now - ri.roleReportedTime);
        }
        if (ri instanceof MonitoredMaster m) {
            f.add("config-epoch", m.configEpoch)
                    .add("num-slaves", m.replicas.size())
                    .add("num-other-sentinels", m.sentinels.size())
                    .add("quorum", m.quorum)
                    .add("failover-timeout", m.failoverTimeoutMs)
                    .add("parallel-syncs", m.parallelSyncs);
            if (m.notificationScript != null) {
                f.add("notification-script", m.notificationScript);
            }
            if (m.clientReconfigScript != null) {
                f.add("client-reconfig-script", m.clientReconfigScript);
            }
        } else if (ri instanceof MonitoredReplica r) {
            f.add("master-link-down-time", r.masterLinkDownTime)
                    .add("master-link-status", r.masterLinkUp ? "ok" : "err")
                    .add("master-host", r.masterHost == null ? "?" : r.masterHost)
                    .add("master-port", r.masterPort)
                    .add("slave-priority", r.priority)
                    .add("slave-repl-offset", r.replOffset)
                    .add("replica-announced", r.announced ? 1 : 0);
        } else if (ri instanceof PeerSentinel p) {
            f.add("last-hello-message", now - p.lastHelloTime)
                    .add("voted-leader", p.leader == null ? "?" : p.leader)
                    .add("voted-leader-epoch", p.leaderEpoch);
        }
        return f.build();
    }
}
