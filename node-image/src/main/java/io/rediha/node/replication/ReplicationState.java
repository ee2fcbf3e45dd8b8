package io.rediha.node.replication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The replication state of one server: role, replication IDs, the stream offset and backlog,
 * the attached replicas (as master), and the link to a master (as replica). It owns the single
 * replication stream: every propagated command is encoded once here, goes into the backlog and
 * to every online replica; a replica feeds its master's stream through unchanged, so its own
 * replicas (chained) and its backlog see the exact same bytes and offsets.
 *
 * <p>Everything here runs on the command thread, except the getters INFO uses, which read
 * fields that are only ever replaced whole.
 */
public final class ReplicationState {
    /** Makes the RDB payload of the current dataset; called on the command thread. */
    public interface SnapshotSource {
        byte[] rdbPayload(String replid, long offset);

        /** True when the payload can be streamed to {@code peer} in the EOF-marked (diskless) form. */
        default boolean canStream(ReplicaPeer peer) {
            return false;
        }

        /**
         * Sends {@code $EOF:<mark>}, the RDB and the mark to {@code peer}, after the replies
         * already queued, producing the RDB while it is sent; the image is taken now.
         */
        default void streamPayload(ReplicaPeer peer, String replid, long offset) {
            throw new UnsupportedOperationException("this snapshot source does not stream");
        }
    }

    private final ReplicationIds ids = new ReplicationIds();
    private ReplicationBacklog backlog;
    private long offsetWithoutBacklog;
    private int backlogSize = 1024 * 1024;
    private int streamDb = -1;
    private final List<ReplicaPeer> replicas = new ArrayList<>();
    private long noReplicasSinceMillis = System.currentTimeMillis();

    private volatile long syncFull;
    private volatile long syncPartialOk;
    private volatile long syncPartialErr;

    /** Offset just after the last command that changed data (not PING, not GETACK). */
    private long dataOffset;
    private volatile String failoverState = "no-failover";

    private volatile ReplicaLink link;
    private volatile boolean everLinkedUp;
    private volatile long linkDownSinceMillis = -1;
    private volatile boolean linkUp;

    /** Full resyncs served, partial resyncs accepted, partial resyncs refused (INFO stats names). */
    public long syncFull() {
        return syncFull;
    }

    public long syncPartialOk() {
        return syncPartialOk;
    }

    public long syncPartialErr() {
        return syncPartialErr;
    }

    public ReplicationIds ids() {
        return ids;
    }

    public boolean isMaster() {
        return link == null;
    }

    public ReplicaLink link() {
        return link;
    }

    public List<ReplicaPeer> replicas() {
        return replicas;
    }

    public long masterReplOffset() {
        return backlog != null ? backlog.masterReplOffset() : offsetWithoutBacklog;
    }

    public ReplicationBacklog backlog() {
        return backlog;
    }

    public void setBacklogSize(int size) {
        backlogSize = size;
        if (backlog != null) {
            backlog.resize(size);
        }
    }

    public boolean linkUp() {
        return linkUp;
    }

    // ------------------------------------------------------------------ MASTER: the stream

    /** A propagated command from this server's own clients (as master). */
    public void feed(int db, byte[][] argv) {
        if (backlog == null && replicas.isEmpty()) {
            return; // Redis keeps no stream until the first replica (offset stays put)
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (db != streamDb) {
            encode(out, "SELECT".getBytes(StandardCharsets.US_ASCII), Integer.toString(db).getBytes(StandardCharsets.US_ASCII));
            streamDb = db;
        }
        encode(out, argv);
        byte[] bytes = out.toByteArray();
        appendToStream(bytes, 0, bytes.length);
        dataOffset = masterReplOffset();
    }

    /** The exact bytes of our master's stream (as replica), already applied. */
    public void feedFromMaster(byte[] raw, int off, int len) {
        ensureBacklog(false);
        appendToStream(raw, off, len);
        dataOffset = masterReplOffset();
    }

    private void appendToStream(byte[] bytes, int off, int len) {
        ensureBacklog(true);
        backlog.append(bytes, off, len);
        byte[] copy = null;
        for (ReplicaPeer r : replicas) {
            if (r.state == ReplicaPeer.State.WAIT_BGSAVE) {
                continue;
            }
            if (copy == null) {
                copy = off == 0 && len == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, off, off + len);
            }
            if (r.state == ReplicaPeer.State.ONLINE) {
                r.channel.write(copy);
            } else {
                r.pendingStream.add(copy);
            }
        }
    }

    private void ensureBacklog(boolean asMaster) {
        if (backlog == null) {
            if (asMaster && isMaster()) {
                // first replica ever: a fresh history that shares nothing with any earlier one
                ids.reset(ReplicationIds.newId());
            }
            backlog = new ReplicationBacklog(backlogSize, offsetWithoutBacklog);
        }
    }

    static void encode(ByteArrayOutputStream out, byte[]... argv) {
        out.writeBytes(("*" + argv.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : argv) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes(CRLF);
        }
    }

    public static byte[] encodeCommand(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        encode(out, argv);
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Adds a command we generate (PING, REPLCONF GETACK) to the stream, like any write. */
    public void feedGenerated(String... args) {
        if (!isMaster() || (backlog == null && replicas.isEmpty())) {
            return;
        }
        byte[] b = encodeCommand(args);
        appendToStream(b, 0, b.length);
    }

    // ------------------------------------------------------------------ MASTER: PSYNC

    /**
     * Handles PSYNC from {@code peer}: partial resync from the backlog when the history matches,
     * otherwise a full resync with a snapshot taken right now (so its offset is exact).
     * Returns the reply bytes already written (for logs/tests).
     */
    public String psync(ReplicaPeer peer, String replid, long offset, SnapshotSource snapshots) {
        if (!replicas.contains(peer)) {
            replicas.add(peer);
        }
        boolean canContinue = !replid.equals("?") && backlog != null && ids.sharesHistory(replid, offset)
                && backlog.canServeFrom(offset);
        if (canContinue) {
            syncPartialOk++;
            String reply = peer.capaPsync2 ? "+CONTINUE " + ids.replid() + "\r\n" : "+CONTINUE\r\n";
            peer.channel.write(reply.getBytes(StandardCharsets.US_ASCII));
            byte[] missing = backlog.copyFrom(offset);
            if (missing.length > 0) {
                peer.channel.write(missing);
            }
            peer.state = ReplicaPeer.State.ONLINE;
            peer.ackOffset = offset - 1;
            peer.ackTimeMillis = System.currentTimeMillis();
            return reply.trim();
        }
        if (!replid.equals("?")) {
            syncPartialErr++;
        }
        syncFull++;
        ensureBacklog(true);
        long at = masterReplOffset();
        String reply = "+FULLRESYNC " + ids.replid() + " " + at + "\r\n";
        if (snapshots.canStream(peer)) {
            // diskless: the replica cannot tell where the payload ends but by the mark, so the
            // stream follows only once it has loaded the payload and says so with its first ACK
            peer.state = ReplicaPeer.State.SEND_BULK;
            peer.pendingStream.clear();
            peer.onlineOnAck = true;
            streamDb = -1;
            peer.channel.write(reply.getBytes(StandardCharsets.US_ASCII));
            snapshots.streamPayload(peer, ids.replid(), at);
            return reply.trim();
        }
        byte[] rdb = snapshots.rdbPayload(ids.replid(), at);
        byte[] head = ((peer.legacySync ? "" : reply) + "$" + rdb.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[head.length + rdb.length];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(rdb, 0, payload, head.length, rdb.length);
        // from now on the stream is queued for this replica and follows the payload
        peer.state = ReplicaPeer.State.SEND_BULK;
        peer.pendingStream.clear();
        streamDb = -1; // the next write starts with SELECT, as after any full sync
        peer.channel.writeBulk(payload, () -> putOnline(peer));
        return reply.trim();
    }

    /** The payload is through: the stream queued meanwhile follows it, then the live stream. */
    private void putOnline(ReplicaPeer peer) {
        if (!replicas.contains(peer)) {
            return;
        }
        for (byte[] b : peer.pendingStream) {
            peer.channel.write(b);
        }
        peer.pendingStream.clear();
        peer.state = ReplicaPeer.State.ONLINE;
        peer.ackTimeMillis = System.currentTimeMillis();
    }

    /** REPLCONF ACK from an attached replica. */
    public void ack(ReplicaPeer peer, long offset) {
        if (peer.onlineOnAck && peer.state == ReplicaPeer.State.SEND_BULK) {
            peer.onlineOnAck = false;
            putOnline(peer);
        }
        if (offset > peer.ackOffset) {
            peer.ackOffset = offset;
        }
        peer.ackTimeMillis = System.currentTimeMillis();
    }

    public void removeReplica(ReplicaPeer peer) {
        if (replicas.remove(peer) && replicas.isEmpty()) {
            noReplicasSinceMillis = System.currentTimeMillis();
        }
    }

    /** Replicas whose ack offset has reached {@code offset}. */
    public int replicasAckedAtLeast(long offset) {
        int n = 0;
        for (ReplicaPeer r : replicas) {
            if (r.state == ReplicaPeer.State.ONLINE && r.ackOffset >= offset) {
                n++;
            }
        }
        return n;
    }

    /**
     * True when every attached replica is online and has acknowledged every data change (what a
     * shutdown waits for: stream PINGs and GETACKs carry no data, and a replica answers a GETACK
     * with the offset before it).
     */
    public boolean replicasHaveAllData() {
        long target = Math.min(dataOffset, masterReplOffset());
        for (ReplicaPeer r : replicas) {
            if (r.state != ReplicaPeer.State.ONLINE || r.ackOffset < target) {
                return false;
            }
        }
        return true;
    }

    /** Offset after the last data change in the stream. */
    public long dataOffset() {
        return Math.min(dataOffset, masterReplOffset());
    }

    /** INFO's master_failover_state. */
    public void setFailoverState(String s) {
        failoverState = s;
    }

    /** Online replicas whose last ACK is at most {@code maxLagSeconds} old (min-replicas-to-write). */
    public int goodReplicas(long maxLagSeconds, long nowMillis) {
        int n = 0;
        for (ReplicaPeer r : replicas) {
            if (r.state == ReplicaPeer.State.ONLINE && r.lagSeconds(nowMillis) <= maxLagSeconds) {
                n++;
            }
        }
        return n;
    }

    /** Disconnects every attached replica (promotion, demotion): they reconnect and PSYNC. */
    public void disconnectReplicas() {
        for (ReplicaPeer r : new ArrayList<>(replicas)) {
            r.channel.close();
        }
        replicas.clear();
        noReplicasSinceMillis = System.currentTimeMillis();
    }

    public long noReplicasSinceMillis() {
        return noReplicasSinceMillis;
    }

    // ------------------------------------------------------------------ role changes

    /** REPLICAOF NO ONE: keep the history as replid2 so other replicas can continue with us. */
    public void promote() {
        ReplicaLink l = link;
        link = null;
        if (l != null) {
            l.stop();
            ids.shift(masterReplOffset());
            disconnectReplicas();
            streamDb = -1;
        }
        linkUp = false;
    }

    /** REPLICAOF host port: our own history becomes the PSYNC offer to the new master. */
    public void demote(ReplicaLink newLink) {
        ReplicaLink old = link;
        if (old != null) {
            old.stop();
        }
        disconnectReplicas();
        link = newLink;
        linkUp = false;
        everLinkedUp = false;
        linkDownSinceMillis = -1;
        if (backlog == null) {
            // a master that never had replicas has no history worth offering
            ensureBacklog(false);
        }
        streamDb = -1;
    }

    /** (replid, offset+1) for PSYNC, from our own history. */
    public String[] psyncOffer() {
        if (backlog == null) {
            return null;
        }
        return new String[] {ids.replid(), Long.toString(masterReplOffset() + 1)};
    }

    /** A full sync installed a new dataset with the master's history. */
    public void adoptFullSync(String replid, long offset) {
        ids.reset(replid);
        backlog = new ReplicationBacklog(backlogSize, offset);
        offsetWithoutBacklog = offset;
        dataOffset = offset;
        streamDb = -1;
        // our own replicas must resync: their history no longer matches ours
        disconnectReplicas();
    }

    public void adoptContinue(String newReplid) {
        if (newReplid != null && !newReplid.equals(ids.replid())) {
            ids.adoptContinuingId(newReplid, masterReplOffset());
            disconnectReplicas();
        }
    }

    public void setLinkUp(boolean up) {
        linkUp = up;
        if (up) {
            everLinkedUp = true;
            linkDownSinceMillis = -1;
        } else {
            linkDownSinceMillis = System.currentTimeMillis();
        }
    }

    // ------------------------------------------------------------------ INFO and ROLE

    /** The replication section, field by field as Redis 7.0 prints it. */
    public String info(Settings s, long nowMillis) {
        StringBuilder sb = new StringBuilder(512);
        ReplicaLink l = link;
        if (l == null) {
            sb.append("role:master\r\n");
        } else {
            sb.append("role:slave\r\n");
            sb.append("master_host:").append(l.masterHost()).append("\r\n");
            sb.append("master_port:").append(l.masterPort()).append("\r\n");
            boolean up = linkUp;
            sb.append("master_link_status:").append(up ? "up" : "down").append("\r\n");
            sb.append("master_last_io_seconds_ago:")
                    .append(up ? (nowMillis - l.lastIoMillis()) / 1000 : -1).append("\r\n");
            boolean syncing = l.state() == ReplicaLinkState.TRANSFER;
            sb.append("master_sync_in_progress:").append(syncing ? 1 : 0).append("\r\n");
            sb.append("slave_read_repl_offset:").append(up ? Math.max(l.readOffset(), masterReplOffset()) : masterReplOffset()).append("\r\n");
            sb.append("slave_repl_offset:").append(masterReplOffset()).append("\r\n");
            if (syncing) {
                long total = l.transferTotal();
                long read = l.transferRead();
                sb.append("master_sync_total_bytes:").append(total).append("\r\n");
                sb.append("master_sync_read_bytes:").append(read).append("\r\n");
                sb.append("master_sync_left_bytes:").append(total < 0 ? -1 : total - read).append("\r\n");
                sb.append("master_sync_perc:").append(total <= 0 ? "0.00" : String.format("%.2f", 100.0 * read / total)).append("\r\n");
                sb.append("master_sync_last_io_seconds_ago:").append((nowMillis - l.lastIoMillis()) / 1000).append("\r\n");
            }
            if (!up) {
                long since = linkDownSinceMillis;
                sb.append("master_link_down_since_seconds:")
                        .append(!everLinkedUp || since < 0 ? -1 : (nowMillis - since) / 1000).append("\r\n");
            }
            sb.append("slave_priority:").append(s.replicaPriority()).append("\r\n");
            sb.append("slave_read_only:").append(s.replicaReadOnly() ? 1 : 0).append("\r\n");
            sb.append("replica_announced:").append(s.replicaAnnounced() ? 1 : 0).append("\r\n");
        }
        sb.append("connected_slaves:").append(replicas.size()).append("\r\n");
        if (s.minReplicasToWrite() > 0 && s.minReplicasMaxLag() > 0) {
            sb.append("min_slaves_good_slaves:").append(goodReplicas(s.minReplicasMaxLag(), nowMillis)).append("\r\n");
        }
        int i = 0;
        for (ReplicaPeer r : replicas) {
            sb.append("slave").append(i++).append(":ip=").append(r.ip()).append(",port=").append(r.listeningPort)
                    .append(",state=").append(r.state.infoName).append(",offset=").append(r.ackOffset)
                    .append(",lag=").append(r.state == ReplicaPeer.State.ONLINE ? r.lagSeconds(nowMillis) : 0)
                    .append("\r\n");
        }
        sb.append("master_failover_state:").append(failoverState).append("\r\n");
        sb.append("master_replid:").append(ids.replid()).append("\r\n");
        sb.append("master_replid2:").append(ids.replid2()).append("\r\n");
        sb.append("master_repl_offset:").append(masterReplOffset()).append("\r\n");
        sb.append("second_repl_offset:").append(ids.secondReplOffset()).append("\r\n");
        ReplicationBacklog b = backlog;
        sb.append("repl_backlog_active:").append(b != null ? 1 : 0).append("\r\n");
        sb.append("repl_backlog_size:").append(b != null ? b.size() : backlogSize).append("\r\n");
        sb.append("repl_backlog_first_byte_offset:").append(b != null ? b.firstByteOffset() : 0).append("\r\n");
        sb.append("repl_backlog_histlen:").append(b != null ? b.histlen() : 0).append("\r\n");
        return sb.toString();
    }

    /** The settings INFO and the guards read; supplied by the server's config. */
    public interface Settings {
        int replicaPriority();

        boolean replicaReadOnly();

        boolean replicaAnnounced();

        int minReplicasToWrite();

        int minReplicasMaxLag();
    }
}
