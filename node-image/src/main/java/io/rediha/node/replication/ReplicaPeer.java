package io.rediha.node.replication;

/**
 * The master's view of one attached replica: where it says it listens, what it can do, how far
 * it has acknowledged. Used on the command thread only.
 */
public final class ReplicaPeer {
    /** How far the replica is in its sync, as INFO shows it. */
    public enum State {
        WAIT_BGSAVE("wait_bgsave"), SEND_BULK("send_bulk"), ONLINE("online");

        final String infoName;

        State(String infoName) {
            this.infoName = infoName;
        }
    }

    /** How bytes reach the replica's socket (the server's connection, in order). */
    public interface Channel {
        void write(byte[] bytes);

        /**
         * Sends a large payload straight to the socket, paced by the socket (not through the
         * reply buffer, whose client-output-buffer-limit a big dataset would exceed), starting
         * after the replies already queued; runs {@code done} on the command thread when the
         * last byte is written, or never if the connection fails.
         */
        void writeBulk(byte[] payload, Runnable done);

        void close();

        /** Peer IP of the replication socket. */
        String peerIp();

        /** The socket itself, for a payload streamed from another thread; null when there is none. */
        default io.netty.channel.Channel socket() {
            return null;
        }
    }

    final Channel channel;
    int listeningPort;
    String announcedIp;
    boolean capaEof;
    boolean capaPsync2;
    /** A diskless payload was sent: the replica goes online (and gets the stream) at its first ACK. */
    boolean onlineOnAck;
    /** Attached with the old SYNC command: its payload has no +FULLRESYNC line before it. */
    boolean legacySync;
    State state = State.WAIT_BGSAVE;
    long ackOffset;
    long ackTimeMillis = System.currentTimeMillis();
    /** Stream bytes produced while the payload is still being sent; they follow it. */
    final java.util.List<byte[]> pendingStream = new java.util.ArrayList<>();

    public ReplicaPeer(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    public String ip() {
        return announcedIp != null ? announcedIp : channel.peerIp();
    }

    public int listeningPort() {
        return listeningPort;
    }

    public State state() {
        return state;
    }

    public long ackOffset() {
        return ackOffset;
    }

    public long ackTimeMillis() {
        return ackTimeMillis;
    }

    /** Seconds since the last ACK, as INFO's lag. */
    public long lagSeconds(long nowMillis) {
        return (nowMillis - ackTimeMillis) / 1000;
    }
}
