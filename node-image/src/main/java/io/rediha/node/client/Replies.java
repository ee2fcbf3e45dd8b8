package io.rediha.node.client;

import io.rediha.node.resp.RespValue;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small questions asked of replies, null-safe, so callers need not switch over every RESP type. */
public final class Replies {
    private Replies() {
    }

    /** The reply as text (simple, error, bulk, verbatim, numbers), or null for aggregates and nulls. */
    public static String text(RespValue v) {
        if (v instanceof RespValue.SimpleString || v instanceof RespValue.Error || v instanceof RespValue.Integer
                || v instanceof RespValue.Bulk || v instanceof RespValue.Verbatim || v instanceof RespValue.Double
                || v instanceof RespValue.BigNumber) {
            return v.asText();
        }
        return null;
    }

    public static boolean isError(RespValue v) {
        return v instanceof RespValue.Error;
    }

    /** True for {@code +PONG}, and for the {@code ["pong", ""]} array a subscribed RESP2 link answers. */
    public static boolean isPong(RespValue v) {
        if (v instanceof RespValue.Array a && !a.items().isEmpty()) {
            return "pong".equals(text(a.items().get(0)));
        }
        return !(v instanceof RespValue.Error) && "PONG".equalsIgnoreCase(text(v));
    }

    /** The elements of an array, set or push; null for anything else. */
    public static List<RespValue> items(RespValue v) {
        if (v instanceof RespValue.Array a) {
            return a.items();
        }
        if (v instanceof RespValue.Push p) {
            return p.items();
        }
        if (v instanceof RespValue.Set s) {
            return s.items();
        }
        return null;
    }

    static byte[] bytes(RespValue v) {
        if (v instanceof RespValue.Bulk b) {
            return b.data();
        }
        String t = text(v);
        return t == null ? new byte[0] : t.getBytes(StandardCharsets.UTF_8);
    }
}
