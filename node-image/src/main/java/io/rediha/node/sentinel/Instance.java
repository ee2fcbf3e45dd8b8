package io.rediha.node.sentinel;

import java.util.EnumSet;

/**
 * What Sentinel knows about one instance it talks to: a master, a replica of a master, or a peer
 * sentinel watching the same master. Holds the link, the availability timestamps and the last
 * INFO facts; the subclasses add what only masters, replicas or sentinels have.
 *
 * <p>All times are milliseconds of {@link SentinelClock#now()}; 0 means "never".
 */
abstract class Instance {
    final EnumSet<InstanceFlag> flags = EnumSet.noneOf(InstanceFlag.class);
    InstanceAddress address;
    String runId;
    InstanceLink link;
    /** Set when the instance is dropped (reset, remove, address switch); late replies then do nothing. */
    boolean released;

    long sDownSince;
    long downAfterMs;

    // Last INFO, for masters and replicas.
    String cachedInfo;
    long infoRefresh;
    InfoReply.Role roleReported;
    long roleReportedTime;
    /** An INFO was sent and its reply has not arrived: do not send another. */
    boolean infoPending;
    /** Last time our hello was published to (or through) this instance. */
    long lastHelloSent;

    Instance(InstanceAddress address, InstanceFlag kind, long now, long downAfterMs) {
        this.address = address;
        this.flags.add(kind);
        this.downAfterMs = downAfterMs;
        this.roleReported = kind == InstanceFlag.MASTER ? InfoReply.Role.MASTER : InfoReply.Role.SLAVE;
        this.roleReportedTime = now;
    }

    /** The record {@code name}: master name, {@code ip:port} for replicas, runid for sentinels. */
    abstract String name();

    /** The master this instance belongs to (itself for a master). */
    abstract MonitoredMaster master();

    /** "master", "slave" or "sentinel", as events and records spell the type. */
    final String typeName() {
        if (flags.contains(InstanceFlag.MASTER)) {
            return "master";
        }
        return flags.contains(InstanceFlag.SLAVE) ? "slave" : "sentinel";
    }

    final boolean is(InstanceFlag f) {
        return flags.contains(f);
    }

    final boolean isDisconnected() {
        return link == null || link.isDisconnected();
    }

    /** Redis's "no S_DOWN or O_DOWN began within the last {@code ms}" test. */
    boolean noDownFor(long now, long ms) {
        long since = sDownSince;
        if (this instanceof MonitoredMaster m && m.oDownSince > since) {
            since = m.oDownSince;
        }
        return since == 0 || now - since > ms;
    }

    /** The flags field: public flags in Redis's order, with "disconnected" taken from the link. */
    String flagsText() {
        StringBuilder sb = new StringBuilder();
        for (InstanceFlag f : InstanceFlag.values()) {
            boolean set = f == InstanceFlag.DISCONNECTED ? isDisconnected() : flags.contains(f);
            if (set && f.wireName != null) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(f.wireName);
            }
        }
        return sb.toString();
    }
}
