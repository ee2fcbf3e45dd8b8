package io.rediha.node.sentinel;

import java.util.ArrayList;
import java.util.List;

/**
 * Processes hello messages from other sentinels, received on any instance's hello channel or
 * published to this sentinel directly: discovers peers, follows peers that moved to a new
 * address, adopts newer epochs, and switches a master to the address announced with a newer
 * config epoch ("the last failover wins").
 */
final class HelloHandler {
    private final Sentinel s;

    HelloHandler(Sentinel s) {
        this.s = s;
    }

    /** A hello from any instance's pubsub link, or PUBLISHed to this sentinel directly. */
    void process(String text) {
        if (text.contains(s.myId)) {
            return; // our own hello, echoed back by an instance
        }
        HelloMessage h = HelloMessage.parse(text);
        if (h == null || !RunId.isValid(h.sentinelRunId()) || h.sentinelPort() <= 0 || h.sentinelPort() > 65535
                || h.masterPort() <= 0 || h.masterPort() > 65535) {
            return; // not a hello we could save and read back
        }
        MonitoredMaster m = s.masters.get(h.masterName());
        if (m == null) {
            return;
        }
        long now = s.clock.now();
        PeerSentinel si = m.sentinels.get(h.sentinelRunId());
        if (si != null && !si.address.sameAs(h.sentinelIp(), h.sentinelPort())) {
            si = null;
        }
        if (si == null) {
            si = introduce(m, h);
            if (si == null) {
                return;
            }
        }
        boolean changed = false;
        if (s.epochs.observe(h.currentEpoch())) {
            changed = true;
            s.events.emitRaw(SentinelLog.Level.WARNING, "+new-epoch", m, Long.toString(s.epochs.current()));
        }
        if (m.configEpoch < h.masterConfigEpoch()) {
            changed = true;
            m.configEpoch = h.masterConfigEpoch();
            if (!m.address.sameAs(h.masterIp(), h.masterPort())) {
                InstanceAddress newAddr;
                try {
                    newAddr = InstanceAddress.of(h.masterIp(), h.masterPort(), s.config.resolveHostnames);
                } catch (IllegalArgumentException e) {
                    s.log.warning("Ignoring master address " + h.masterIp() + " in hello: " + e.getMessage());
                    return;
                }
                s.events.emit(SentinelLog.Level.NOTICE, "+config-update-from", si, "");
                InstanceAddress old = m.address;
                boolean hn = s.announceHostnames[0];
                s.events.emitRaw(SentinelLog.Level.WARNING, "+switch-master", m, m.name() + " "
                        + old.announced(hn) + " " + old.port() + " " + newAddr.announced(hn) + " " + newAddr.port());
                s.resetMasterAndChangeAddress(m, newAddr);
                callClientReconfigScript(m, "observer", old, newAddr);
            }
        }
        if (changed) {
            s.flushConfig();
        }
        si.lastHelloTime = now;
    }

    /** A hello from a sentinel not known at that address: create it, replacing stale entries. */
    private PeerSentinel introduce(MonitoredMaster m, HelloMessage h) {
        InstanceAddress addr;
        try {
            addr = InstanceAddress.of(h.sentinelIp(), h.sentinelPort(), s.config.resolveHostnames);
        } catch (IllegalArgumentException e) {
            s.log.warning("Ignoring sentinel " + h.sentinelIp() + ":" + h.sentinelPort() + ": " + e.getMessage());
            return null;
        }
        // Same runid at another address: the sentinel moved (a container restarted with a new IP).
        PeerSentinel moved = m.sentinels.remove(h.sentinelRunId());
        if (moved != null) {
            s.releaseInstance(moved);
            s.events.emit(SentinelLog.Level.NOTICE, "+sentinel-address-switch", m,
                    "ip " + h.sentinelIp() + " port " + h.sentinelPort() + " for " + h.sentinelRunId());
        }
        // Another runid at this address: that sentinel is gone (only one process listens on an
        // address), most likely restarted without its config. Drop it everywhere, or it would
        // count as a voter forever and make the majority unreachable.
        for (PeerSentinel other : new ArrayList<>(m.sentinels.values())) {
            if (other.address.sameAs(addr)) {
                s.events.emit(SentinelLog.Level.NOTICE, "+sentinel-invalid-addr", other, "");
                removeEverywhere(other.runId);
            }
        }
        PeerSentinel si = s.addSentinel(m, addr, h.sentinelRunId());
        if (moved == null) {
            s.events.emit(SentinelLog.Level.NOTICE, "+sentinel", si, "");
        } else {
            s.links.updateSentinelAddressInAllMasters(si);
        }
        s.flushConfig();
        return si;
    }

    private void removeEverywhere(String runId) {
        for (MonitoredMaster m : s.masters.values()) {
            PeerSentinel p = m.sentinels.remove(runId);
            if (p != null) {
                s.releaseInstance(p);
            }
        }
    }

    /** client-reconfig-script {@code <master> <role> start <from ip> <from port> <to ip> <to port>}. */
    void callClientReconfigScript(MonitoredMaster m, String role, InstanceAddress from, InstanceAddress to) {
        if (m.clientReconfigScript == null) {
            return;
        }
        boolean hn = s.announceHostnames[0];
        List<String> args = List.of(m.name(), role, "start", from.announced(hn), Integer.toString(from.port()),
                to.announced(hn), Integer.toString(to.port()));
        s.scripts.schedule(m.clientReconfigScript, args.toArray(String[]::new));
    }
}
