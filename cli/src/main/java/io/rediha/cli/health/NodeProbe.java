package io.rediha.cli.health;

import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.runtime.ClusterRuntime.Node;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Asks one node what it is, over one short-lived connection. Never throws: failures become {@link NodeStatus#error()}. */
public final class NodeProbe {
    private final Duration timeout;
    private final String password;
    private final String masterName;

    /**
     * @param timeout    connect and read timeout; a paused node costs exactly this
     * @param password   the data nodes' password, or null
     * @param masterName the name the sentinels monitor the master under
     */
    public NodeProbe(Duration timeout, String password, String masterName) {
        this.timeout = timeout;
        this.password = password;
        this.masterName = masterName;
    }

    public NodeStatus probe(Node node, NodeRole role) {
        if (!node.isRunning()) {
            return NodeStatus.unreachable(node, role, "is " + node.state());
        }
        if (node.host() == null || node.host().isEmpty() || node.port() <= 0) {
            return NodeStatus.unreachable(node, role, "has no address");
        }
        try (Jedis jedis = connect(node, role == NodeRole.SENTINEL ? null : password)) {
            return role == NodeRole.SENTINEL ? probeSentinel(node, role, jedis) : probeDataNode(node, role, jedis);
        } catch (JedisDataException e) {
            if (role == NodeRole.SENTINEL && password != null && String.valueOf(e.getMessage()).startsWith("NOAUTH")) {
                // A sentinel that was given a password of its own; try the shared one.
                try (Jedis jedis = connect(node, password)) {
                    return probeSentinel(node, role, jedis);
                } catch (JedisException again) {
                    return NodeStatus.unreachable(node, role, describe(again));
                }
            }
            return NodeStatus.unreachable(node, role, describe(e));
        } catch (JedisException | IllegalStateException | ClassCastException e) {
            return NodeStatus.unreachable(node, role, describe(e));
        }
    }

    private Jedis connect(Node node, String pass) {
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (pass != null && !pass.isEmpty()) {
            cfg.password(pass);
        }
        Jedis jedis = new Jedis(new HostAndPort(node.host(), node.port()), cfg.build());
        jedis.connect();
        return jedis;
    }

    private NodeStatus probeDataNode(Node node, NodeRole role, Jedis jedis) {
        List<Object> roleReply = jedis.role();
        String liveRole = text(roleReply.get(0));
        Map<String, String> info = parseInfo(jedis.info("replication"));
        boolean master = "master".equals(liveRole);
        long offset = parseLong(info.get(master ? "master_repl_offset" : "slave_repl_offset"), -1);
        boolean linkUp = "up".equals(info.get("master_link_status"));
        List<NodeStatus.LinkedReplica> replicas = new ArrayList<>();
        if (master) {
            for (Map.Entry<String, String> e : info.entrySet()) {
                if (e.getKey().matches("slave\\d+")) {
                    Map<String, String> fields = parseFields(e.getValue());
                    replicas.add(new NodeStatus.LinkedReplica(fields.get("ip"), (int) parseLong(fields.get("port"), -1),
                            fields.get("state"), parseLong(fields.get("offset"), -1)));
                }
            }
        }
        return new NodeStatus(node, role, null, liveRole, offset, linkUp, List.copyOf(replicas), null);
    }

    private NodeStatus probeSentinel(Node node, NodeRole role, Jedis jedis) {
        String liveRole = text(jedis.role().get(0));
        Map<String, String> m;
        try {
            m = jedis.sentinelMaster(masterName);
        } catch (JedisDataException e) {
            // "ERR No such master with that name": the sentinel monitors nothing under this name.
            return new NodeStatus(node, role, null, liveRole, -1, false, List.of(),
                    new NodeStatus.SentinelView(null, -1, e.getMessage(), 0, 0, 0, e.getMessage()));
        }
        String ck;
        try {
            Object reply = jedis.sendCommand(Protocol.Command.SENTINEL, "CKQUORUM", masterName);
            ck = text(reply);
        } catch (JedisDataException e) {
            ck = e.getMessage();
        }
        NodeStatus.SentinelView view = new NodeStatus.SentinelView(m.get("ip"), (int) parseLong(m.get("port"), -1),
                m.get("flags"), (int) parseLong(m.get("num-slaves"), 0), (int) parseLong(m.get("num-other-sentinels"), 0),
                (int) parseLong(m.get("quorum"), 0), ck);
        return new NodeStatus(node, role, null, liveRole, -1, false, List.of(), view);
    }

    static Map<String, String> parseInfo(String info) {
        Map<String, String> out = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** {@code ip=10.0.0.3,port=6379,state=online,...} into a map. */
    static Map<String, String> parseFields(String value) {
        Map<String, String> out = new HashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    private static String text(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return String.valueOf(o);
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof JedisConnectionException) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.SocketTimeoutException) {
                    return "does not answer (timed out)";
                }
                if (t instanceof java.net.ConnectException) {
                    return "is not listening yet (connection refused)";
                }
            }
            return "does not answer (" + e.getMessage() + ")";
        }
        return "answers with an error: " + e.getMessage();
    }
}
