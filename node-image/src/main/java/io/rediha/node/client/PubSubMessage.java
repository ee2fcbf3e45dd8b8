package io.rediha.node.client;

import java.nio.charset.StandardCharsets;

/**
 * A message delivered to a subscribed connection. {@code pattern} is the matching pattern for
 * {@code PSUBSCRIBE} deliveries and null for plain {@code SUBSCRIBE} ones.
 */
public record PubSubMessage(String pattern, String channel, byte[] payload) {
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
