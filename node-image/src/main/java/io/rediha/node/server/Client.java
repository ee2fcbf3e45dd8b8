package io.rediha.node.server;

import io.netty.buffer.ByteBuf;
import io.rediha.node.resp.RespOutput;
import io.netty.channel.Channel;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.ErrorReplies;
import io.rediha.node.resp.RespLimits;
import io.rediha.node.store.Bytes;
import io.rediha.node.store.Database;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One connection's state — selected database, authentication, protocol version, MULTI queue,
 * watched keys, subscriptions — and the reply methods command handlers write through.
 *
 * <p>All of it is used on the command thread only. Replies go into a per-client buffer that the
 * server writes and flushes once per event-loop round ({@link RedisServer#flushPendingWrites}), so
 * a pipeline of a hundred commands costs one write system call, not a hundred.
 *
 * <p>A client without a channel ({@link RedisServer#createPseudoClient}) is how replication feeds
 * its master's stream and how persistence replays the AOF: it runs commands through the same
 * dispatch, and its replies are dropped.
 */
public final class Client implements RespLimits {
    /** How CLIENT REPLY is set. */
    public enum ReplyMode { ON, OFF, SKIP, SKIP_NEXT }

    /** What kind of peer this is (CLIENT LIST flags, output-buffer-limit classes, KILL TYPE). */
    public enum Kind { NORMAL, REPLICA, MASTER, PUBSUB }

    private final RedisServer server;
    private final Channel channel;
    private final long id;
    private final long createdMillis = System.currentTimeMillis();
    long lastInteractionMillis = createdMillis;
    private int dbIndex;
    private boolean authenticated;
    private io.rediha.node.acl.User user;
    private int protocol = 2;
    private byte[] name;
    private String libName = "";
    private String libVersion = "";
    private final RespOutput out = new RespOutput(512);
    private boolean pendingWrite;
    private ReplyMode replyMode = ReplyMode.ON;
    private boolean closeAfterReply;
    private boolean closed;
    private boolean noEvict;
    private boolean noTouch;
    private boolean monitor;
    boolean replica;
    boolean master;
    private String lastCommand = "NULL";

    // MULTI/EXEC
    boolean inMulti;
    boolean execAborted;
    boolean watchBroken;
    final List<byte[][]> queued = new ArrayList<>();
    final Set<WatchedKey> watched = new HashSet<>();

    // Pub/sub
    final Set<Bytes> channels = new LinkedHashSet<>();
    final Set<Bytes> patterns = new LinkedHashSet<>();

    // Blocking and pausing: commands that arrive meanwhile wait here, in order.
    private Object blockedBy;
    final ArrayDeque<byte[][]> waiting = new ArrayDeque<>();

    // Propagation overrides for the command being run.
    byte[][] propagateAs;
    boolean propagationPrevented;
    CommandSpec currentCommand;

    Client(RedisServer server, Channel channel, long id) {
        this.server = server;
        this.channel = channel;
        this.id = id;
        // A pseudo client (master stream, AOF replay) speaks for the server itself.
        this.user = server.acl().defaultUser();
        this.authenticated = channel == null || !server.requiresAuth();
    }

    // ------------------------------------------------------------------ identity and state

    public RedisServer server() {
        return server;
    }

    /** The connection, or null for a pseudo client. */
    public Channel channel() {
        return channel;
    }

    public long id() {
        return id;
    }

    public Database db() {
        return server.keyspace().db(dbIndex);
    }

    public int dbIndex() {
        return dbIndex;
    }

    public void select(int index) {
        this.dbIndex = index;
    }

    /** Logged in, or needs no login (the default user is on and nopass), as Redis decides it per call. */
    public boolean isAuthenticated() {
        return authenticated || !server.requiresAuth();
    }

    /** AUTH, HELLO AUTH, RESET, or the user's deletion: who this connection now acts as. */
    public void logInAs(io.rediha.node.acl.User user, boolean authenticated) {
        this.user = user;
        this.authenticated = authenticated;
    }

    /** The ACL user this connection acts as. */
    public io.rediha.node.acl.User aclUser() {
        return user;
    }

    /** The name of {@link #aclUser()} (CLIENT LIST's user=). */
    public String user() {
        return user.name();
    }

    /** 2 or 3 (HELLO). */
    public int protocol() {
        return protocol;
    }

    public void setProtocol(int protocol) {
        this.protocol = protocol;
    }

    public byte[] name() {
        return name;
    }

    public void setName(byte[] name) {
        this.name = name;
    }

    public String libName() {
        return libName;
    }

    public String libVersion() {
        return libVersion;
    }

    public void setLibName(String s) {
        libName = s;
    }

    public void setLibVersion(String s) {
        libVersion = s;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    public String lastCommand() {
        return lastCommand;
    }

    void setLastCommand(String s) {
        lastCommand = s;
    }

    public boolean inMulti() {
        return inMulti;
    }

    public int queuedCount() {
        return queued.size();
    }

    public int watchedCount() {
        return watched.size();
    }

    public Set<Bytes> channels() {
        return channels;
    }

    public Set<Bytes> patterns() {
        return patterns;
    }

    /** Subscriptions of all kinds; a RESP2 client with any is in the pub/sub context. */
    public int subscriptionCount() {
        return channels.size() + patterns.size();
    }

    public boolean isPseudo() {
        return channel == null;
    }

    public boolean isReplica() {
        return replica;
    }

    /** Marks the connection as a replica's link (set by the PSYNC/SYNC handler). */
    public void markReplica(boolean replica) {
        this.replica = replica;
    }

    public boolean isMaster() {
        return master;
    }

    /** Marks the pseudo client that applies the master's stream on a replica. */
    public void markMaster(boolean master) {
        this.master = master;
    }

    public boolean isMonitor() {
        return monitor;
    }

    void setMonitor(boolean m) {
        monitor = m;
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void setNoEvict(boolean b) {
        noEvict = b;
    }

    public boolean noTouch() {
        return noTouch;
    }

    public void setNoTouch(boolean b) {
        noTouch = b;
    }

    public Kind kind() {
        if (replica) {
            return Kind.REPLICA;
        }
        if (master) {
            return Kind.MASTER;
        }
        return subscriptionCount() > 0 ? Kind.PUBSUB : Kind.NORMAL;
    }

    public ReplyMode replyMode() {
        return replyMode;
    }

    public void setReplyMode(ReplyMode m) {
        replyMode = m;
    }

    /** The peer as {@code ip:port}, or an empty string for a pseudo client. */
    public String address() {
        return format(channel == null ? null : channel.remoteAddress());
    }

    /** The local side as {@code ip:port}. */
    public String localAddress() {
        return format(channel == null ? null : channel.localAddress());
    }

    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress isa) {
            String host = isa.getAddress() != null ? isa.getAddress().getHostAddress() : isa.getHostString();
            return host + ":" + isa.getPort();
        }
        return "";
    }

    // ------------------------------------------------------------------ blocking

    /** True while the client waits (WAIT, a paused server): its new commands are held back. */
    public boolean isBlocked() {
        return blockedBy != null;
    }

    public Object blockedBy() {
        return blockedBy;
    }

    /**
     * Blocks the client: the command that blocks sends no reply now; whoever unblocks it replies and
     * calls {@link #unblock}. Commands that arrive meanwhile run afterwards, in order.
     */
    public void block(Object reason) {
        this.blockedBy = reason;
    }

    boolean denyBlocking;

    /**
     * True when a blocking command must answer at once instead of waiting: inside EXEC, and for
     * pseudo clients (a replica applying its master's stream, an AOF being replayed).
     */
    public boolean mayBlock() {
        return !denyBlocking && channel != null && !master;
    }

    /** Ends the block without running the held-back commands (the caller runs them). */
    void unblockQuietly() {
        this.blockedBy = null;
    }

    /** Ends the block and runs the commands that arrived meanwhile. */
    public void unblock() {
        this.blockedBy = null;
        server.dispatcher().resumeWaiting(this);
    }

    // ------------------------------------------------------------------ propagation

    /**
     * Propagates {@code argv} instead of the command as received (SET EX to SET PXAT, INCRBYFLOAT to
     * SET KEEPTTL). Only for the command being run.
     */
    public void propagateAs(byte[]... argv) {
        this.propagateAs = argv;
    }

    /** The command changed the dataset but must not be propagated (it propagated its effect itself). */
    public void preventPropagation() {
        this.propagationPrevented = true;
    }

    /** The command being run, or null. */
    public CommandSpec currentCommand() {
        return currentCommand;
    }

    // ------------------------------------------------------------------ output

    /** Closes the connection once the replies already queued are written (QUIT, errors). */
    public void closeAfterReply() {
        closeAfterReply = true;
        server.markPendingWrite(this);
    }

    boolean shouldCloseAfterReply() {
        return closeAfterReply;
    }

    public boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
        out.reset();
    }

    /** Bytes of replies waiting to be written (ours plus the socket's unflushed ones). */
    public long outputBufferBytes() {
        long n = out.size();
        if (channel != null && channel.unsafe().outboundBuffer() != null) {
            n += channel.unsafe().outboundBuffer().totalPendingWriteBytes();
        }
        return n;
    }

    /**
     * Moves the replies of this round into a socket buffer (one copy) and empties the reply
     * buffer; null when there is nothing to write.
     */
    ByteBuf takeOutput() {
        pendingWrite = false;
        if (out.isEmpty() || channel == null) {
            out.reset();
            return null;
        }
        ByteBuf b = channel.alloc().directBuffer(out.size());
        b.writeBytes(out.array(), 0, out.size());
        out.reset();
        return b;
    }

    boolean pendingWrite() {
        return pendingWrite;
    }

    private boolean capturing;

    /**
     * Keeps this pseudo client's replies in memory instead of dropping them: a script's client
     * reads what each command it called answered ({@link #takeCapturedReply}).
     */
    public void captureReplies() {
        capturing = true;
    }

    /** The replies written since the last call, as RESP bytes; empties the buffer. */
    public byte[] takeCapturedReply() {
        byte[] b = java.util.Arrays.copyOf(out.array(), out.size());
        out.reset();
        return b;
    }

    private RespOutput out() {
        if (!pendingWrite && !capturing) {
            pendingWrite = true;
            server.markPendingWrite(this);
        }
        return out;
    }

    /** False when replies are dropped (pseudo clients, CLIENT REPLY OFF/SKIP). */
    private boolean replying() {
        return (channel != null || capturing) && replyMode == ReplyMode.ON && !closed && !master;
    }

    /** Raw RESP bytes (replication stream, MONITOR lines); not subject to CLIENT REPLY. */
    public void writeRaw(byte[] bytes) {
        if (channel == null || closed) {
            return;
        }
        out().writeRaw(bytes);
    }

    /** Raw RESP bytes from a buffer (not released: the caller still owns {@code bytes}). */
    public void writeRaw(ByteBuf bytes) {
        if (channel == null || closed) {
            return;
        }
        out().writeRaw(bytes);
    }

    /** Fixed reply bytes, subject to CLIENT REPLY like any reply. */
    void writeRawReply(byte[] bytes) {
        if (replying()) {
            out().writeRaw(bytes);
        }
    }

    public void addOk() {
        if (replying()) {
            out().writeRaw(Replies.OK);
        }
    }

    public void addSimple(String s) {
        if (replying()) {
            out().writeSimple(s);
        }
    }

    /** An error reply; {@code text} starts with its code ({@code ERR ...}, {@code WRONGTYPE ...}). */
    public void addError(String text) {
        server.stats().countError(text);
        if (currentCommand != null) {
            failedCommand = true;
        }
        if (replying()) {
            out().writeError(text);
        }
    }

    boolean failedCommand;

    public void addInteger(long n) {
        if (replying()) {
            out().writeInteger(n);
        }
    }

    public void addBulk(byte[] b) {
        if (replying()) {
            out().writeBulk(b);
        }
    }

    public void addBulk(byte[] b, int offset, int len) {
        if (replying()) {
            out().writeBulk(b, offset, len);
        }
    }

    public void addBulk(String s) {
        if (replying()) {
            out().writeBulk(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A number as a bulk string (GET of a counter, INCRBYFLOAT). */
    public void addBulkDecimal(long n) {
        if (replying()) {
            out().writeBulkDecimal(n);
        }
    }

    /** A bulk string, or the null reply when {@code b} is null. */
    public void addBulkOrNull(byte[] b) {
        if (b == null) {
            addNull();
        } else {
            addBulk(b);
        }
    }

    /** The null reply: {@code $-1} (RESP2) or {@code _} (RESP3). */
    public void addNull() {
        if (replying()) {
            out().writeNull(protocol);
        }
    }

    /** The null array: {@code *-1} (RESP2) or {@code _} (RESP3). */
    public void addNullArray() {
        if (replying()) {
            out().writeNullArray(protocol);
        }
    }

    public void addArrayLen(long n) {
        if (replying()) {
            out().writeArrayHeader(n);
        }
    }

    /** A map of {@code pairs} key/value pairs (RESP3 map, RESP2 flat array). */
    public void addMapLen(long pairs) {
        if (replying()) {
            out().writeMapHeader(protocol, pairs);
        }
    }

    public void addSetLen(long n) {
        if (replying()) {
            out().writeSetHeader(protocol, n);
        }
    }

    /** Header of an out-of-band message (pub/sub); sent even under CLIENT REPLY OFF, as Redis does. */
    public void addPushLen(long n) {
        if (channel != null && !closed) {
            out().writePushHeader(protocol, n);
        }
    }

    /** A bulk string inside a push message (see {@link #addPushLen}). */
    public void addPushBulk(byte[] b) {
        if (channel != null && !closed) {
            out().writeBulk(b);
        }
    }

    /** An array inside a push message (the keys of a tracking invalidation). */
    public void addPushArrayLen(long n) {
        if (channel != null && !closed) {
            out().writeArrayHeader(n);
        }
    }

    /** Client-side caching state; null while CLIENT TRACKING is off. */
    Tracking.ClientState tracking;

    /** A null inside a push message (UNSUBSCRIBE with no subscriptions). */
    public void addNullPush() {
        if (channel != null && !closed) {
            out().writeNull(protocol);
        }
    }

    /** An integer inside a push message. */
    public void addPushInteger(long n) {
        if (channel != null && !closed) {
            out().writeInteger(n);
        }
    }

    public void addDouble(double d) {
        if (replying()) {
            out().writeDouble(protocol, d);
        }
    }

    public void addBoolean(boolean b) {
        if (replying()) {
            out().writeBoolean(protocol, b);
        }
    }

    /** A big number: RESP3's {@code (} type, a bulk string in RESP2. */
    public void addBigNumber(String digits) {
        if (protocol >= 3) {
            writeRawReply(("(" + digits + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } else {
            addBulk(digits);
        }
    }

    /** The header of RESP3 attributes ({@code |n}); RESP3 clients only. */
    public void addAttributeLen(int pairs) {
        writeRawReply(("|" + pairs + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Text for humans (INFO, CLIENT LIST): a verbatim string in RESP3, a bulk string in RESP2. */
    public void addVerbatim(String text) {
        if (replying()) {
            out().writeVerbatim(protocol, "txt", text);
        }
    }

    /** An array of bulk strings. */
    public void addBulkArray(List<byte[]> items) {
        addArrayLen(items.size());
        for (byte[] b : items) {
            addBulkOrNull(b);
        }
    }

    /** Error for the wrong number of arguments of the running command. */
    public void addArityError() {
        addError(ErrorReplies.arity(currentCommand == null ? "?" : currentCommand.fullName()));
    }

    /** Called by dispatch before and after each command: CLIENT REPLY SKIP applies to one command. */
    void afterCommand() {
        if (replyMode == ReplyMode.SKIP) {
            replyMode = ReplyMode.ON;
        } else if (replyMode == ReplyMode.SKIP_NEXT) {
            replyMode = ReplyMode.SKIP;
        }
    }

    // ------------------------------------------------------------------ protocol limits

    @Override
    public long maxBulkLength() {
        return master ? Long.MAX_VALUE : server.limits().protoMaxBulkLen;
    }

    @Override
    public long maxQueryBuffer() {
        return master ? Long.MAX_VALUE : server.limits().queryBufferLimit;
    }

    @Override
    public boolean authenticated() {
        return isAuthenticated();
    }

    @Override
    public String toString() {
        return "client id=" + id + " addr=" + address();
    }
}
