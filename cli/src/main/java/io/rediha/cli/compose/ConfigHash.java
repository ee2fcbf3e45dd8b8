package io.rediha.cli.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code com.docker.compose.config-hash} of a service: SHA-256 over its settings with the
 * scale left out, in a canonical form (keys sorted), so the same file always gives the same hash
 * and a change of scale never recreates containers. The runtime mixes in the image ID, so a
 * rebuilt image counts as drift, as it does for Compose. Compose v2 only lists containers that
 * carry this label at all; the value is ours, so Compose itself would recreate on its own {@code up}.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    /** The hash of a service's raw (substituted) YAML map, without {@code scale} and {@code deploy.replicas}. */
    public static String ofService(Map<?, ?> service) {
        Map<String, Object> copy = new TreeMap<>();
        service.forEach((k, v) -> copy.put(String.valueOf(k), v));
        copy.remove("scale");
        if (copy.get("deploy") instanceof Map<?, ?> deploy) {
            Map<String, Object> d = new TreeMap<>();
            deploy.forEach((k, v) -> d.put(String.valueOf(k), v));
            d.remove("replicas");
            copy.put("deploy", d);
        }
        StringBuilder sb = new StringBuilder();
        canonical(copy, sb);
        return sha256(sb.toString());
    }

    /** Mixes the image ID (or anything else that must recreate on change) into a service hash. */
    public static String combine(String serviceHash, String extra) {
        return sha256(serviceHash + "\n" + (extra == null ? "" : extra));
    }

    private static void canonical(Object node, StringBuilder sb) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sb.append('{');
            sorted.forEach((k, v) -> {
                sb.append(quote(k)).append(':');
                canonical(v, sb);
                sb.append(',');
            });
            sb.append('}');
        } else if (node instanceof List<?> list) {
            sb.append('[');
            list.forEach(v -> {
                canonical(v, sb);
                sb.append(',');
            });
            sb.append(']');
        } else if (node == null) {
            sb.append("null");
        } else {
            sb.append(quote(String.valueOf(node)));
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
