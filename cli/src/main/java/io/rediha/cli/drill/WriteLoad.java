package io.rediha.cli.drill;

import io.rediha.cli.drill.WriteLog.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * K writers that behave like an application: each borrows a connection from a real
 * {@link JedisSentinelPool}, writes the next unique key, optionally waits for replicas with WAIT, and
 * logs when it started, when it was answered and what the answer was. After an error a writer backs off
 * briefly and goes on with the next key, so every key is written at most once and "present but never
 * acknowledged" means exactly that.
 */
public final class WriteLoad implements AutoCloseable {
    /** Pause after a failed write: a client retrying in a tight loop would only measure itself. */
    private static final long BACKOFF_MILLIS = 20;

    private final JedisSentinelPool pool;
    private final KeySpace keys;
    private final int round;
    private final DrillSettings settings;
    private final DrillClock clock;
    private final List<WriteLog> logs = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<HostAndPort> servers = new CopyOnWriteArrayList<>();
    private final Map<HostAndPort, Integer> serverIndex = new ConcurrentHashMap<>();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
    private final Map<HostAndPort, Long> firstAckAfterFault = new ConcurrentHashMap<>();
    private volatile long faultAt = Long.MAX_VALUE;
    private volatile boolean running = true;

    public WriteLoad(JedisSentinelPool pool, KeySpace keys, int round, DrillSettings settings, DrillClock clock) {
        this.pool = pool;
        this.keys = keys;
        this.round = round;
        this.settings = settings;
        this.clock = clock;
        for (int w = 0; w < settings.writers(); w++) {
            WriteLog log = new WriteLog(w);
            logs.add(log);
            Thread t = new Thread(() -> write(log), "rediha-drill-writer-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public WriteLoad start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** Acknowledged writes so far, across writers. */
    public long acked() {
        return acked.get();
    }

    /** From now on, writers note the first acknowledged write per node that started at or after {@code t0}. */
    public void markFault(long t0) {
        faultAt = t0;
    }

    /** When the first write started after the fault was acknowledged by {@code node}, or -1. */
    public long firstAckAfterFault(HostAndPort node) {
        return firstAckAfterFault.getOrDefault(node, -1L);
    }

    /** The last error a writer saw, as "ExceptionType: message", or null. */
    public String lastError() {
        return lastError.get();
    }

    /** How often each kind of error happened (READONLY, timeout, connection refused, ...). */
    public Map<String, Long> errorKinds() {
        Map<String, Long> m = new java.util.TreeMap<>();
        errorKinds.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** The nodes that answered writes, in first-seen order; {@link WriteLog#server} indexes into it. */
    public List<HostAndPort> servers() {
        return List.copyOf(servers);
    }

    /** The logs, one per writer. Complete only after {@link #stop}. */
    public List<WriteLog> logs() {
        return logs;
    }

    /**
     * Stops the writers and waits for them. A writer blocked on a frozen master returns when its read
     * times out, so the wait is bounded by the client's socket timeout plus a margin.
     */
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + (settings.clientTimeout().toMillis() * 2 + 3000) * 1_000_000L;
        for (Thread t : threads) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Thread t : threads) {
            if (t.isAlive()) {
                throw new DrillException("a writer did not stop within the client's timeout", null);
            }
        }
    }

    @Override
    public void close() {
        running = false;
    }

    private void write(WriteLog log) {
        int w = log.writer();
        long intervalNanos = settings.writeInterval().toNanos();
        for (long seq = 0; running; seq++) {
            long start = clock.nanos();
            Outcome outcome = Outcome.FAILED;
            int server = -1;
            Jedis jedis = null;
            try {
                jedis = pool.getResource();
                server = indexOf(jedis.getConnection().getHostAndPort());
                jedis.set(keys.key(round, w, seq), keys.value(round, w, seq));
                outcome = Outcome.ACKED;
                if (settings.waitReplicas() > 0) {
                    long confirmed = jedis.waitReplicas(settings.waitReplicas(), settings.waitTimeout().toMillis());
                    outcome = confirmed >= settings.waitReplicas() ? Outcome.ACKED : Outcome.UNCONFIRMED;
                    if (outcome == Outcome.UNCONFIRMED) {
                        noteError("WAIT confirmed " + confirmed + " of " + settings.waitReplicas() + " replicas");
                    }
                }
            } catch (JedisException e) {
                // also when SET succeeded and WAIT then failed: the application got an error, not a promise
                outcome = Outcome.FAILED;
                noteError(kind(e));
                lastError.set(e.getClass().getSimpleName() + ": " + Probe.reason(e));
            } finally {
                if (jedis != null) {
                    try {
                        jedis.close();
                    } catch (RuntimeException ignored) {
                        // a broken connection is discarded by the pool either way
                    }
                }
            }
            long end = clock.nanos();
            log.append(start, end, outcome, server);
            if (outcome == Outcome.ACKED) {
                acked.incrementAndGet();
                if (start >= faultAt && server >= 0) {
                    firstAckAfterFault.merge(servers.get(server), end, Math::min);
                }
                pause(intervalNanos);
            } else {
                pause(BACKOFF_MILLIS * 1_000_000L);
            }
        }
    }

    private void noteError(String kind) {
        errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** A short name for an error, so a report can say "40 timeouts, 3 READONLY". */
    static String kind(JedisException e) {
        String reason = Probe.reason(e);
        if (reason.startsWith("no answer within")) {
            return "timeout";
        }
        if (reason.equals("connection refused")) {
            return "connection refused";
        }
        int space = reason.indexOf(' ');
        String first = space > 0 ? reason.substring(0, space) : reason;
        if (!first.isEmpty() && first.chars().allMatch(c -> Character.isUpperCase(c) || c == '_')) {
            return first;
        }
        return reason.length() > 60 ? reason.substring(0, 60) + "..." : reason;
    }

    private int indexOf(HostAndPort at) {
        return serverIndex.computeIfAbsent(at, a -> {
            synchronized (servers) {
                servers.add(a);
                return servers.size() - 1;
            }
        });
    }

    private static void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
