package io.rediha.node.replication;

/**
 * The replication backlog: a ring buffer of the last {@code repl-backlog-size} bytes of the
 * replication stream, addressed by stream offset, from which a replica that lost its link for a
 * moment is served ("+CONTINUE") instead of a full resync. Offsets are Redis's: the first byte
 * of the stream has offset 1, and {@code masterReplOffset} is the offset of the last byte.
 * Written and read on the command thread only.
 */
public final class ReplicationBacklog {
    private byte[] ring;
    private int writeIndex;
    private long histlen;
    private long masterReplOffset;

    public ReplicationBacklog(int size, long startOffset) {
        this.ring = new byte[Math.max(size, 16 * 1024)];
        this.masterReplOffset = startOffset;
    }

    public long masterReplOffset() {
        return masterReplOffset;
    }

    public int size() {
        return ring.length;
    }

    public long histlen() {
        return histlen;
    }

    /** Offset of the oldest byte held, as INFO's repl_backlog_first_byte_offset. */
    public long firstByteOffset() {
        return masterReplOffset - histlen + 1;
    }

    public void append(byte[] data, int off, int len) {
        masterReplOffset += len;
        if (len >= ring.length) {
            System.arraycopy(data, off + len - ring.length, ring, 0, ring.length);
            writeIndex = 0;
            histlen = ring.length;
            return;
        }
        int first = Math.min(len, ring.length - writeIndex);
        System.arraycopy(data, off, ring, writeIndex, first);
        System.arraycopy(data, off + first, ring, 0, len - first);
        writeIndex = (writeIndex + len) % ring.length;
        histlen = Math.min(ring.length, histlen + len);
    }

    public void append(byte[] data) {
        append(data, 0, data.length);
    }

    /** Whether the bytes from {@code offset} (1-based, PSYNC's argument) to the end are all held. */
    public boolean canServeFrom(long offset) {
        return histlen > 0 ? offset >= firstByteOffset() && offset <= masterReplOffset + 1
                : offset == masterReplOffset + 1;
    }

    /** The bytes from {@code offset} to the end; call only when {@link #canServeFrom} said yes. */
    public byte[] copyFrom(long offset) {
        int n = (int) (masterReplOffset + 1 - offset);
        byte[] out = new byte[n];
        int start = Math.floorMod(writeIndex - n, ring.length);
        int first = Math.min(n, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        return out;
    }

    /** repl-backlog-size changed: keep what fits, newest bytes first. */
    public void resize(int newSize) {
        newSize = Math.max(newSize, 16 * 1024);
        if (newSize == ring.length) {
            return;
        }
        long keep = Math.min(histlen, newSize);
        byte[] tail = copyFrom(masterReplOffset + 1 - keep);
        ring = new byte[newSize];
        writeIndex = 0;
        histlen = 0;
        long offsetBefore = masterReplOffset - keep;
        masterReplOffset = offsetBefore;
        append(tail);
    }
}
