package io.rediha.cli.drill;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Short-timeout admin connections the drill uses to ask sentinels and nodes what they think, one
 * cached connection per address. A paused node must cost the drill at most one timeout per question,
 * never a hang, so every connection has small connect and read timeouts.
 *
 * <p>Authentication: a node is first asked without a password; if it answers {@code NOAUTH} (or
 * refuses our AUTH because it has none configured) the other way is remembered for that address.
 * This lets one drill talk to password-protected data nodes and open sentinels, or both protected.
 */
public final class Probe implements AutoCloseable {
    /** Connect timeout: loopback or a LAN answers far quicker; a frozen process never does. */
    static final int CONNECT_TIMEOUT_MILLIS = 500;
    static final int READ_TIMEOUT_MILLIS = 1000;

    private final JedisClientConfig plain;
    private final JedisClientConfig authed;
    private final Map<HostAndPort, Jedis> open = new HashMap<>();
    private final Map<HostAndPort, Boolean> needsPassword = new HashMap<>();

    public Probe(String password) {
        this(password, READ_TIMEOUT_MILLIS);
    }

    public Probe(String password, int readTimeoutMillis) {
        this.plain = config(null, readTimeoutMillis);
        this.authed = password == null ? null : config(password, readTimeoutMillis);
    }

    private static JedisClientConfig config(String password, int readTimeoutMillis) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .socketTimeoutMillis(readTimeoutMillis)
                .clientName("rediha-drill-probe");
        if (password != null) {
            b.password(password);
        }
        return b.build();
    }

    /**
     * Runs {@code question} on the node at {@code at}. Returns its answer; throws the client's
     * exception when the node cannot be reached or answers with an error. A broken connection is
     * dropped, so the next question reconnects.
     */
    public synchronized <T> T ask(HostAndPort at, Function<Jedis, T> question) {
        boolean reused = open.containsKey(at);
        Jedis jedis = connection(at);
        try {
            return question.apply(jedis);
        } catch (JedisConnectionException e) {
            drop(at);
            // A failover kills client connections (Sentinel sends CLIENT KILL TYPE normal), so a cached
            // connection may be dead while the node is fine: ask once more on a fresh one. Not after a
            // timeout: a frozen node would only cost a second timeout.
            if (reused && !isTimeout(e)) {
                return question.apply(connection(at));
            }
            throw e;
        } catch (JedisException e) {
            drop(at);
            throw e;
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Like {@link #ask} but answers null instead of throwing; for polls where "no answer" is data. */
    public <T> T askOrNull(HostAndPort at, Function<Jedis, T> question) {
        try {
            return ask(at, question);
        } catch (JedisException | IllegalStateException e) {
            return null;
        }
    }

    /** The config that worked for this address, for clients the drill builds itself (the writers' pool). */
    public synchronized JedisClientConfig configFor(HostAndPort at) {
        return Boolean.TRUE.equals(needsPassword.get(at)) ? authed : plain;
    }

    private Jedis connection(HostAndPort at) {
        Jedis jedis = open.get(at);
        if (jedis != null && jedis.isConnected() && !jedis.getConnection().isBroken()) {
            return jedis;
        }
        drop(at);
        boolean usePassword = needsPassword.getOrDefault(at, false);
        jedis = connectOnce(at, usePassword);
        open.put(at, jedis);
        return jedis;
    }

    private Jedis connectOnce(HostAndPort at, boolean usePassword) {
        JedisClientConfig first = usePassword ? authed : plain;
        Jedis jedis = new Jedis(at, first);
        try {
            jedis.ping();
            needsPassword.put(at, usePassword);
            return jedis;
        } catch (JedisDataException e) {
            jedis.close();
            if (!usePassword && authed != null && isAuthProblem(e)) {
                return connectOnce(at, true);
            }
            throw e;
        } catch (JedisException e) {
            jedis.close();
            throw e;
        }
    }

    private static boolean isAuthProblem(JedisDataException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("NOAUTH") || m.contains("WRONGPASS") || m.contains("without any password");
    }

    private void drop(HostAndPort at) {
        Jedis old = open.remove(at);
        if (old != null) {
            try {
                old.close();
            } catch (RuntimeException ignored) {
                // closing a connection to a frozen node may fail; it is gone either way
            }
        }
    }

    @Override
    public synchronized void close() {
        for (HostAndPort at : new LinkedHashMap<>(open).keySet()) {
            drop(at);
        }
    }

    /** A one-line reason for a failed question, for messages: the server's error or the connection problem. */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (true) {
            if (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            } else if (root.getSuppressed().length > 0) {
                // Jedis tries every address a name resolves to and reports each failure as suppressed
                root = root.getSuppressed()[0];
            } else {
                break;
            }
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof java.net.SocketTimeoutException) {
            return "no answer within " + READ_TIMEOUT_MILLIS + " ms (paused or overloaded?)";
        }
        if (root instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host " + m + " (a name only the cluster's network resolves?)";
        }
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
