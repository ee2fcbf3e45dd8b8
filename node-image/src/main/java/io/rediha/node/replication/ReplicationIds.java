package io.rediha.node.replication;

import java.security.SecureRandom;

/**
 * The replication history identity: the current replid, and the previous one (replid2) with the
 * offset up to which that history is shared ({@code second_repl_offset}). Promotion "shifts" the
 * IDs so replicas of the old master can continue with the new one by partial resync.
 * Mutated only on the command thread.
 */
public final class ReplicationIds {
    public static final String ZERO_ID = "0".repeat(40);
    private static final SecureRandom RANDOM = new SecureRandom();

    private String replid = newId();
    private String replid2 = ZERO_ID;
    private long secondReplOffset = -1;

    public static String newId() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder(40);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    public String replid() {
        return replid;
    }

    public String replid2() {
        return replid2;
    }

    public long secondReplOffset() {
        return secondReplOffset;
    }

    /** Promotion: the current history becomes the "previous" one, valid up to {@code masterReplOffset + 1}. */
    public void shift(long masterReplOffset) {
        replid2 = replid;
        secondReplOffset = masterReplOffset + 1;
        replid = newId();
    }

    /** A new history that shares nothing with the old one (first backlog, full sync as a replica). */
    public void reset(String newReplid) {
        replid = newReplid;
        replid2 = ZERO_ID;
        secondReplOffset = -1;
    }

    /** A master answered +CONTINUE with a different ID: keep ours as replid2 up to {@code offset + 1}. */
    public void adoptContinuingId(String newReplid, long offset) {
        if (!newReplid.equals(replid)) {
            replid2 = replid;
            secondReplOffset = offset + 1;
            replid = newReplid;
        }
    }

    /** Whether a PSYNC for ({@code id}, {@code offset}) belongs to a history we share. */
    public boolean sharesHistory(String id, long offset) {
        return id.equals(replid) || (id.equals(replid2) && offset <= secondReplOffset);
    }
}
