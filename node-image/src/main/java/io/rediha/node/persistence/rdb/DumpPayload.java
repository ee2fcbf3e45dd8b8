package io.rediha.node.persistence.rdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The DUMP / RESTORE serialization: one RDB value (type byte and body, no key), then the RDB
 * version as 2 bytes little-endian, then the CRC64 of everything before it, 8 bytes little-endian.
 * Payloads from Redis 7.0 (version 10) and older load here; RESTORE refuses newer versions and
 * bad checksums with Redis's error text.
 */
public final class DumpPayload {
    /** Redis's reply when a payload does not check out. */
    public static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";

    private DumpPayload() {
    }

    public static byte[] serialize(RdbValue value) {
        byte[] encoded = RdbWriter.encodeValue(value, true);
        byte[] body = java.util.Arrays.copyOf(encoded, encoded.length + 2);
        body[encoded.length] = (byte) RdbConstants.RDB_VERSION;
        body[encoded.length + 1] = 0;
        long crc = Crc64.of(body);
        byte[] out = java.util.Arrays.copyOf(body, body.length + 8);
        for (int i = 0; i < 8; i++) {
            out[body.length + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    /** Parses a payload; throws {@link RdbFormatException} with {@link #BAD_PAYLOAD} semantics on any mismatch. */
    public static RdbValue deserialize(byte[] payload) throws RdbFormatException {
        if (payload.length < 10) {
            throw new RdbFormatException("payload too short", 0);
        }
        int footer = payload.length - 10;
        int version = (payload[footer] & 0xff) | (payload[footer + 1] & 0xff) << 8;
        if (version > RdbReader.MAX_VERSION) {
            throw new RdbFormatException("payload RDB version " + version + " is newer than ours", footer);
        }
        long stored = 0;
        for (int i = 7; i >= 0; i--) {
            stored = (stored << 8) | (payload[payload.length - 8 + i] & 0xff);
        }
        long computed = Crc64.update(0, payload, 0, payload.length - 8);
        if (stored != computed) {
            throw new RdbFormatException("payload checksum mismatch", payload.length - 8);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(payload, 0, footer);
        try {
            return RdbReader.readDumpBody(in, version, footer);
        } catch (RdbFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new RdbFormatException("truncated payload: " + e.getMessage(), footer);
        }
    }
}
