package io.rediha.cli.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Listens to every sentinel's events ({@code PSUBSCRIBE *}) for one round and keeps those about the
 * drilled master, stamped with the drill clock on arrival. Events are the sentinels' own account of the
 * failover (+sdown, +odown, +elected-leader, +promoted-slave, +switch-master, ...); the round's polls
 * confirm them from the outside. A listener whose sentinel goes away retries until the round ends.
 */
public final class SentinelEvents implements AutoCloseable {
    /** More than any failover produces; keeps a misbehaving sentinel from filling memory. */
    private static final int MAX_EVENTS = 20_000;
    private static final long RETRY_MILLIS = 200;

    /** One event: channel name as the type ("+sdown"), the payload as the message. */
    public record Event(long nanos, HostAndPort sentinel, String type, String message) {
        /** True when the event is about the master named {@code name} (or is a global one such as +tilt). */
        public boolean concerns(String name) {
            return message.startsWith("master " + name + " ") || message.contains(" @ " + name + " ")
                    || message.startsWith(name + " ") || message.equals(name)
                    || type.equals("+tilt") || type.equals("-tilt") || type.equals("+new-epoch")
                    || type.equals("+vote-for-leader");
        }

        /** True when the event names the master {@code name} itself (not one of its replicas). */
        public boolean aboutMaster(String name) {
            return message.startsWith("master " + name + " ");
        }
    }

    private final List<HostAndPort> sentinels;
    private final Probe probe;
    private final DrillClock clock;
    private final String masterName;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final CountDownLatch subscribed;
    private volatile boolean running = true;

    public SentinelEvents(List<HostAndPort> sentinels, Probe probe, DrillClock clock, String masterName) {
        this.sentinels = List.copyOf(sentinels);
        this.probe = probe;
        this.clock = clock;
        this.masterName = masterName;
        this.subscribed = new CountDownLatch(sentinels.size());
    }

    /** Starts one listener per sentinel and waits (at most {@code waitMillis}) until all are subscribed. */
    public SentinelEvents start(long waitMillis) {
        for (HostAndPort s : sentinels) {
            Listener l = new Listener(s);
            listeners.add(l);
            l.thread.start();
        }
        try {
            subscribed.await(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** Every event kept so far, in arrival order. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The first event of {@code type} at or after {@code fromNanos} that {@code concerns} the master, or null. */
    public Event first(String type, long fromNanos, boolean aboutMasterOnly) {
        for (Event e : events) {
            if (e.nanos() >= fromNanos && e.type().equals(type)
                    && (!aboutMasterOnly || e.aboutMaster(masterName))) {
                return e;
            }
        }
        return null;
    }

    private void record(HostAndPort sentinel, String type, String message) {
        Event e = new Event(clock.nanos(), sentinel, type, message);
        if (events.size() < MAX_EVENTS && e.concerns(masterName)) {
            events.add(e);
        }
    }

    @Override
    public void close() {
        running = false;
        for (Listener l : listeners) {
            l.stop();
        }
        for (Listener l : listeners) {
            try {
                l.thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Listener {
        private final HostAndPort sentinel;
        private final Thread thread;
        private volatile Jedis jedis;
        private volatile JedisPubSub pubSub;
        private boolean counted;

        Listener(HostAndPort sentinel) {
            this.sentinel = sentinel;
            this.thread = new Thread(this::listen, "rediha-drill-events-" + sentinel);
            this.thread.setDaemon(true);
        }

        private void listen() {
            while (running) {
                try (Jedis j = new Jedis(sentinel, probe.configFor(sentinel))) {
                    jedis = j;
                    JedisPubSub ps = new JedisPubSub() {
                        @Override
                        public void onPSubscribe(String pattern, int subscribedChannels) {
                            if (!counted) {
                                counted = true;
                                subscribed.countDown();
                            }
                        }

                        @Override
                        public void onPMessage(String pattern, String channel, String message) {
                            record(sentinel, channel, message);
                        }
                    };
                    pubSub = ps;
                    if (!running) {
                        return;
                    }
                    j.psubscribe(ps, "*");
                } catch (JedisException | IllegalStateException e) {
                    if (!running) {
                        return;
                    }
                }
                sleep();
            }
        }

        private void sleep() {
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            JedisPubSub ps = pubSub;
            try {
                if (ps != null && ps.isSubscribed()) {
                    ps.punsubscribe();
                }
            } catch (RuntimeException ignored) {
                // the connection is already gone; disconnecting below ends the thread
            }
            Jedis j = jedis;
            if (j != null) {
                try {
                    j.disconnect();
                } catch (RuntimeException ignored) {
                    // as above
                }
            }
            thread.interrupt();
        }
    }
}
