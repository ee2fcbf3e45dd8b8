package io.rediha.node.sentinel;

/** A replica of a monitored master, found in the master's INFO or remembered from the config. */
final class MonitoredReplica extends Instance {
    private final MonitoredMaster master;
    private final String key;

    long masterLinkDownTime;
    String masterHost;
    int masterPort;
    boolean masterLinkUp;
    int priority = InfoReply.DEFAULT_PRIORITY;
    long replOffset;
    boolean announced = true;
    long confChangeTime;
    long reconfSentTime;
    /** Last time the master's INFO listed this replica (or when we learned of it otherwise). */
    long lastListedByMaster;

    MonitoredReplica(MonitoredMaster master, InstanceAddress address, long now) {
        super(address, InstanceFlag.SLAVE, now, master.downAfterMs);
        this.master = master;
        this.key = key(address.hostname(), address.port());
        this.confChangeTime = now;
    }

    static String key(String host, int port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    String key() {
        return key;
    }

    @Override
    String name() {
        return key;
    }

    @Override
    MonitoredMaster master() {
        return master;
    }
}
