package io.rediha.node.server;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connected clients: ids, CLIENT LIST, MONITOR feeds, idle timeouts and output buffer limits.
 * Used on the command thread, except {@link #create}, which Netty calls on the same thread
 * (there is only one event loop).
 */
public final class ClientRegistry {
    private final RedisServer server;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final List<Client> monitors = new ArrayList<>();
    /** When each client first went over its soft output limit (ms), for the soft-seconds rule. */
    private final Map<Long, Long> softLimitSince = new java.util.HashMap<>();

    ClientRegistry(RedisServer server) {
        this.server = server;
    }

    Client create(Channel ch) {
        Client c = new Client(server, ch, nextId.getAndIncrement());
        return c;
    }

    Client createPseudo() {
        Client c = new Client(server, null, nextId.getAndIncrement());
        // Pseudo clients replay the master's stream and the AOF: trusted input, never asked for AUTH.
        c.logInAs(server.acl().superuser(), true);
        return c;
    }

    /** Registers a connected client; false when maxclients is reached. */
    boolean register(Client c) {
        if (clients.size() >= server.limits().maxClients) {
            return false;
        }
        clients.put(c.id(), c);
        return true;
    }

    /** Forgets a client whose connection closed: subscriptions, watches, monitors, blocks. */
    void unregister(Client c) {
        if (clients.remove(c.id()) == null && c.isClosed()) {
            return;
        }
        server.pubsub().unsubscribeAll(c);
        server.watches().unwatchAll(c);
        server.tracking().disable(c);
        server.blocking().clientClosed(c);
        monitors.remove(c);
        softLimitSince.remove(c.id());
        server.fireClientClosed(c);
        c.markClosed();
    }

    public int size() {
        return clients.size();
    }

    public Client get(long id) {
        return clients.get(id);
    }

    /** Connected clients in id order. */
    public List<Client> all() {
        return new ArrayList<>(clients.values());
    }

    void closeAll() {
        for (Client c : all()) {
            if (c.channel() != null) {
                c.channel().close();
            }
            unregister(c);
        }
    }

    /** Closes a client's connection (CLIENT KILL, limits, timeouts). */
    public void kill(Client c) {
        if (c.channel() != null) {
            c.channel().close();
        }
        unregister(c);
    }

    // ------------------------------------------------------------------ MONITOR

    boolean hasMonitors() {
        return !monitors.isEmpty();
    }

    /** MONITOR: the client receives every command from now on. */
    public void startMonitor(Client c) {
        if (!monitors.contains(c)) {
            monitors.add(c);
            c.setMonitor(true);
        }
    }

    /** RESET: the client stops receiving the command feed. */
    public void stopMonitor(Client c) {
        if (monitors.remove(c)) {
            c.setMonitor(false);
        }
    }

    /** {@code +1339518083.107412 [0 127.0.0.1:60866] "keys" "*"} to every monitor. */
    void feedMonitors(Client c, byte[][] argv) {
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        StringBuilder sb = new StringBuilder(64);
        sb.append('+').append(micros / 1000000).append('.').append(String.format("%06d", micros % 1000000))
                .append(" [").append(c.dbIndex()).append(' ');
        if (c.isPseudo()) {
            sb.append(c.isMaster() ? "master" : "lua");
        } else {
            sb.append(c.address());
        }
        sb.append(']');
        for (byte[] a : argv) {
            sb.append(' ').append('"');
            appendEscaped(sb, a);
            sb.append('"');
        }
        sb.append("\r\n");
        byte[] line = sb.toString().getBytes(StandardCharsets.UTF_8);
        for (Client m : monitors) {
            m.writeRaw(line);
        }
    }

    /** Escapes like Redis's sdscatrepr: \\ \" \n \r \t \a \b and \xHH for other unprintables. */
    static void appendEscaped(StringBuilder sb, byte[] a) {
        for (byte b : a) {
            int ch = b & 0xff;
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                default -> {
                    if (ch >= 32 && ch < 127) {
                        sb.append((char) ch);
                    } else {
                        sb.append(String.format("\\x%02x", ch));
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ limits

    /** Closes clients idle longer than {@code timeout} (not replicas, masters, subscribers, blocked). */
    void checkTimeouts(long now) {
        long timeout = server.limits().timeoutSeconds;
        if (timeout <= 0) {
            return;
        }
        for (Client c : all()) {
            if (c.isReplica() || c.isMaster() || c.subscriptionCount() > 0 || c.isBlocked() || c.isPseudo()) {
                continue;
            }
            if (now - c.lastInteractionMillis > timeout * 1000) {
                server.log().verbose("Closing idle client");
                kill(c);
            }
        }
    }

    /**
     * Applies client-output-buffer-limit for the client's class: over the hard limit, or over the
     * soft limit for longer than its seconds, the client is disconnected (a slow subscriber must not
     * make the server grow without bound).
     */
    void checkOutputLimits(Client c) {
        Limits l = server.limits();
        long[] limit = switch (c.kind()) {
            case REPLICA -> l.replicaOutput;
            case PUBSUB -> l.pubsubOutput;
            default -> l.normalOutput;
        };
        if (limit[0] == 0 && limit[1] == 0) {
            return;
        }
        long used = c.outputBufferBytes();
        boolean overHard = limit[0] > 0 && used >= limit[0];
        boolean overSoft = false;
        if (limit[1] > 0 && used >= limit[1]) {
            long now = System.currentTimeMillis();
            long since = softLimitSince.computeIfAbsent(c.id(), k -> now);
            overSoft = now - since > limit[2] * 1000;
        } else {
            softLimitSince.remove(c.id());
        }
        if (overHard || overSoft) {
            server.stats().clientOutputBufferLimitDisconnections++;
            server.log().warning("Client " + describe(c) + " scheduled to be closed ASAP for overcoming of output buffer limits.");
            kill(c);
        }
    }

    /** The CLIENT LIST line of a client. */
    public String describe(Client c) {
        long now = System.currentTimeMillis();
        StringBuilder flags = new StringBuilder();
        if (c.isReplica()) {
            flags.append('S');
        }
        if (c.isMaster()) {
            flags.append('M');
        }
        if (c.subscriptionCount() > 0) {
            flags.append('P');
        }
        if (c.inMulti()) {
            flags.append('x');
        }
        if (c.isBlocked()) {
            flags.append('b');
        }
        if (c.isMonitor()) {
            flags.append('O');
        }
        if (c.noEvict()) {
            flags.append('e');
        }
        if (c.noTouch()) {
            flags.append('T');
        }
        flags.append(server.tracking().listFlags(c));
        if (flags.length() == 0) {
            flags.append('N');
        }
        byte[] name = c.name();
        return "id=" + c.id()
                + " addr=" + c.address()
                + " laddr=" + c.localAddress()
                + " fd=" + (c.isPseudo() ? -1 : 8)
                + " name=" + (name == null ? "" : new String(name, StandardCharsets.UTF_8))
                + " age=" + (now - c.createdMillis()) / 1000
                + " idle=" + (now - c.lastInteractionMillis()) / 1000
                + " flags=" + flags
                + " db=" + c.dbIndex()
                + " sub=" + c.channels().size()
                + " psub=" + c.patterns().size()
                + " ssub=0"
                + " multi=" + (c.inMulti() ? c.queuedCount() : -1)
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0"
                + " rbs=1024 rbp=0"
                + " obl=0 oll=0 omem=" + c.outputBufferBytes()
                + " tot-mem=" + (1024 + c.outputBufferBytes())
                + " events=r"
                + " cmd=" + c.lastCommand()
                + " user=" + c.user()
                + " redir=-1"
                + " resp=" + c.protocol()
                + " lib-name=" + c.libName() + " lib-ver=" + c.libVersion();
    }
}
