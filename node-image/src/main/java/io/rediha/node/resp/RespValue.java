package io.rediha.node.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A reply read by {@link RespReplyParser}: one record per RESP2/RESP3 type. Only clients of other
 * servers build these; the server itself writes replies with {@link RespWriter}.
 */
public sealed interface RespValue {

    /** The value as text: simple strings, errors, bulk and verbatim strings, numbers. */
    default String asText() {
        throw new IllegalStateException("not a text reply: " + this);
    }

    /** {@code +OK}. */
    record SimpleString(String text) implements RespValue {
        @Override
        public String asText() {
            return text;
        }
    }

    /** {@code -ERR ...} or RESP3 {@code !len} blob error; the text starts with the code. */
    record Error(String text) implements RespValue {
        @Override
        public String asText() {
            return text;
        }
    }

    /** {@code :n}. */
    record Integer(long value) implements RespValue {
        @Override
        public String asText() {
            return Long.toString(value);
        }
    }

    /** {@code $len data}; bytes are not copied again by the caller. */
    record Bulk(byte[] data) implements RespValue {
        @Override
        public String asText() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** {@code $-1}, {@code *-1} or RESP3 {@code _}. */
    record Null() implements RespValue {
    }

    /** {@code *n}. */
    record Array(List<RespValue> items) implements RespValue {
    }

    /** RESP3 {@code %n}: keys and values alternate in {@code items}. */
    record Map(List<RespValue> items) implements RespValue {
    }

    /** RESP3 {@code ~n}. */
    record Set(List<RespValue> items) implements RespValue {
    }

    /** RESP3 {@code >n}: an out-of-band message (pub/sub, invalidation). */
    record Push(List<RespValue> items) implements RespValue {
    }

    /** RESP3 {@code ,d}. */
    record Double(double value) implements RespValue {
        @Override
        public String asText() {
            return RespWriter.formatDouble(value);
        }
    }

    /** RESP3 {@code #t} / {@code #f}. */
    record Boolean(boolean value) implements RespValue {
    }

    /** RESP3 {@code (n}. */
    record BigNumber(String digits) implements RespValue {
        @Override
        public String asText() {
            return digits;
        }
    }

    /** RESP3 {@code =len fmt:text}. */
    record Verbatim(String format, String text) implements RespValue {
        @Override
        public String asText() {
            return text;
        }
    }
}
