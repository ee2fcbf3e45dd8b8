package io.rediha.node.server;

import java.nio.charset.StandardCharsets;

/** Fixed reply bytes shared by every client. */
final class Replies {
    private Replies() {
    }

    static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
}
