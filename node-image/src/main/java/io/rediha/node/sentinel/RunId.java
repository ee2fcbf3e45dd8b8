package io.rediha.node.sentinel;

import java.security.SecureRandom;

/** 40 lowercase hex characters: the form of Redis run IDs and sentinel IDs. */
final class RunId {
    static final int LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {
    }

    static String random() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return sb.toString();
    }

    /** Redis checks only the length of a configured id; so do we, to accept any file it accepts. */
    static boolean isValid(String id) {
        return id != null && id.length() == LENGTH;
    }
}
