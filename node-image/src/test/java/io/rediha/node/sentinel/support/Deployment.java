package io.rediha.node.sentinel.support;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.rediha.node.client.RespConnection;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A master, its replicas and a set of sentinels as real processes on loopback ports, for
 * failover scenarios. The data-node and sentinel implementations are parameters, so one scenario
 * runs against Debian's Redis, ours, or a mix.
 */
public final class Deployment implements AutoCloseable {
    public static final String MASTER = "mymaster";

    private final Path dir;
    private final DataNode dataNode;
    private final List<ExternalProcess> nodes = new ArrayList<>();
    private final List<ExternalProcess> sentinels = new ArrayList<>();
    private final List<EventLog> eventLogs = new ArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private int initialMasterPort;
    private final List<SentinelKind> sentinelKinds = new ArrayList<>();

    private Deployment(Path dir, DataNode dataNode) {
        this.dir = dir;
        this.dataNode = dataNode;
    }

    /** What to start; defaults: 2 replicas, 3 of our sentinels, quorum 2, down-after 1000, failover-timeout 6000. */
    public static final class Spec {
        DataNode dataNode = DataNode.REDIS;
        int replicas = 2;
        List<SentinelKind> sentinelKinds = List.of(SentinelKind.REDIHA, SentinelKind.REDIHA, SentinelKind.REDIHA);
        int quorum = 2;
        long downAfterMs = 1000;
        long failoverTimeoutMs = 6000;
        List<String> nodeArgs = List.of();
        List<String> sentinelLines = List.of();
        String masterHost = "127.0.0.1";
        String nodePassword;
        String sentinelPassword;

        /** The name sentinels monitor the master by and replicas replicate from (e.g. a hostname). */
        public Spec masterHost(String host) {
            masterHost = host;
            return this;
        }

        /** Starts with password-protected nodes and sentinels; the helpers authenticate with these. */
        public Deployment startAuthenticated(Path dir, String nodePassword, String sentinelPassword) {
            this.nodePassword = nodePassword;
            this.sentinelPassword = sentinelPassword;
            return start(dir);
        }

        public Spec dataNode(DataNode d) {
            dataNode = d;
            return this;
        }

        public Spec sentinels(SentinelKind... kinds) {
            sentinelKinds = List.of(kinds);
            return this;
        }

        public Spec quorum(int q) {
            quorum = q;
            return this;
        }

        public Spec failoverTimeout(long ms) {
            failoverTimeoutMs = ms;
            return this;
        }

        public Spec nodeArgs(String... args) {
            nodeArgs = List.of(args);
            return this;
        }

        public Spec sentinelLines(String... lines) {
            sentinelLines = List.of(lines);
            return this;
        }

        public Deployment start(Path dir) {
            Deployment d = new Deployment(dir, dataNode);
            try {
                d.startAll(this);
            } catch (RuntimeException | Error e) {
                d.close();
                throw e;
            }
            return d;
        }
    }

    public static Spec spec() {
        return new Spec();
    }

    private void startAll(Spec spec) {
        ExternalProcess master = dataNode.start(dir, "node0", spec.nodeArgs);
        nodes.add(master);
        remember(master.port(), spec.nodePassword);
        initialMasterPort = master.port();
        for (int i = 1; i <= spec.replicas; i++) {
            List<String> args = new ArrayList<>(spec.nodeArgs);
            args.addAll(List.of("--replicaof", spec.masterHost, Integer.toString(master.port())));
            ExternalProcess replica = dataNode.start(dir, "node" + i, args);
            remember(replica.port(), spec.nodePassword);
            nodes.add(replica);
        }
        Poll.until(Duration.ofSeconds(20), "replicas online on the master", () -> info(master.port(), "replication"),
                info -> info.contains("connected_slaves:" + spec.replicas) && countOnline(info) == spec.replicas);
        for (int i = 0; i < spec.sentinelKinds.size(); i++) {
            List<String> lines = new ArrayList<>();
            lines.add("sentinel monitor " + MASTER + " " + spec.masterHost + " " + master.port() + " " + spec.quorum);
            lines.add("sentinel down-after-milliseconds " + MASTER + " " + spec.downAfterMs);
            lines.add("sentinel failover-timeout " + MASTER + " " + spec.failoverTimeoutMs);
            lines.addAll(spec.sentinelLines);
            ExternalProcess sentinel = spec.sentinelKinds.get(i).start(dir, "sentinel" + i, lines);
            remember(sentinel.port(), spec.sentinelPassword);
            sentinels.add(sentinel);
            sentinelKinds.add(spec.sentinelKinds.get(i));
        }
        for (ExternalProcess s : sentinels) {
            eventLogs.add(new EventLog(s.port()));
        }
        int peers = sentinels.size() - 1;
        for (ExternalProcess s : sentinels) {
            Poll.until(Duration.ofSeconds(20), "sentinel " + s.port() + " to discover replicas and peers",
                    () -> sentinelMaster(s.port()),
                    m -> m.get("num-slaves").equals(Integer.toString(spec.replicas))
                            && m.get("num-other-sentinels").equals(Integer.toString(peers)));
        }
    }

    private static int countOnline(String info) {
        int n = 0;
        for (String line : info.split("\r\n")) {
            if (line.startsWith("slave") && line.contains("state=online")) {
                n++;
            }
        }
        return n;
    }

    public int initialMasterPort() {
        return initialMasterPort;
    }

    public List<ExternalProcess> sentinels() {
        return sentinels;
    }

    public List<ExternalProcess> nodes() {
        return nodes;
    }

    public ExternalProcess node(int port) {
        for (ExternalProcess n : nodes) {
            if (n.port() == port) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node on " + port);
    }

    /** Kills sentinel {@code i} (SIGKILL: no chance to save anything) and starts it again from its config. */
    public ExternalProcess restartSentinel(int i, int port) {
        ExternalProcess old = sentinels.get(i);
        old.kill();
        eventLogs.get(i).close();
        ExternalProcess fresh = sentinelKinds.get(i).restart(dir, old.name(), port);
        remember(port, PASSWORDS.get(old.port()));
        sentinels.set(i, fresh);
        eventLogs.set(i, new EventLog(port));
        return fresh;
    }

    /** Kills node {@code port} and starts the same role again on {@code newPort} (a restart elsewhere). */
    public ExternalProcess restartNode(int port, int newPort, List<String> args) {
        ExternalProcess old = node(port);
        old.kill();
        ExternalProcess fresh = dataNode.start(dir, old.name() + "-" + newPort, newPort, args);
        remember(newPort, PASSWORDS.get(port));
        nodes.set(nodes.indexOf(old), fresh);
        return fresh;
    }

    public Path dir() {
        return dir;
    }

    public EventLog events(int sentinelIndex) {
        return eventLogs.get(sentinelIndex);
    }

    /** Passwords of password-protected test processes, by port, for the static helpers. */
    private static final Map<Integer, String> PASSWORDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static void remember(int port, String password) {
        if (password != null) {
            PASSWORDS.put(port, password);
        }
    }

    static Jedis jedis(int port) {
        Jedis j = new Jedis("127.0.0.1", port, 2000);
        String password = PASSWORDS.get(port);
        if (password != null) {
            j.auth(password);
        }
        return j;
    }

    public static String info(int port, String section) {
        try (Jedis j = jedis(port)) {
            return j.info(section);
        }
    }

    public static Map<String, String> sentinelMaster(int sentinelPort) {
        try (Jedis j = jedis(sentinelPort)) {
            return j.sentinelMaster(MASTER);
        }
    }

    /** The master port this sentinel gives clients. */
    public static int masterPortSeenBy(int sentinelPort) {
        try (Jedis j = jedis(sentinelPort)) {
            return Integer.parseInt(j.sentinelGetMasterAddrByName(MASTER).get(1));
        }
    }

    /** Waits until every sentinel that is alive and not paused names the same master, not {@code oldPort}. */
    public int awaitNewMasterEverywhere(int oldPort, Duration timeout, List<ExternalProcess> live) {
        return Poll.until(timeout, "all live sentinels to name a new master instead of " + oldPort, () -> {
            List<Integer> seen = new ArrayList<>();
            for (ExternalProcess s : live) {
                seen.add(masterPortSeenBy(s.port()));
            }
            return seen;
        }, seen -> seen.get(0) != oldPort && Collections.frequency(seen, seen.get(0)) == seen.size()).get(0);
    }

    /** Pub/sub events of one sentinel (PSUBSCRIBE *), as "channel message" lines, in arrival order. */
    public final class EventLog {
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final RespConnection conn;

        EventLog(int port) {
            try {
                conn = RespConnection.connect(group, "127.0.0.1", port, Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS);
                String password = PASSWORDS.get(port);
                if (password != null) {
                    conn.send("AUTH", password).get(5, TimeUnit.SECONDS);
                }
                conn.onMessage(m -> events.add(m.channel() + " " + m.text()));
                conn.psubscribe("*").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot subscribe to sentinel " + port, e);
            }
        }

        public List<String> all() {
            return List.copyOf(events);
        }

        public boolean contains(String prefix) {
            return events.stream().anyMatch(e -> e.startsWith(prefix));
        }

        public long count(String prefix) {
            return events.stream().filter(e -> e.startsWith(prefix)).count();
        }

        void close() {
            conn.close();
        }
    }

    @Override
    public void close() {
        for (EventLog e : eventLogs) {
            e.close();
        }
        for (ExternalProcess s : sentinels) {
            s.close();
        }
        for (ExternalProcess n : nodes) {
            n.close();
        }
        for (ExternalProcess p : sentinels) {
            PASSWORDS.remove(p.port());
        }
        for (ExternalProcess p : nodes) {
            PASSWORDS.remove(p.port());
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
