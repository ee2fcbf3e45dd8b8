package io.rediha.node.persistence.rdb;

import java.util.List;

/**
 * A value as the RDB format sees it, independent of how the store keeps it in memory. The
 * reader produces these whatever encoding the file used (listpack, ziplist, intset, plain);
 * the writer picks the encoding Redis 7.0 would pick for the same contents.
 */
public sealed interface RdbValue {

    record Str(byte[] value) implements RdbValue {
    }

    /** Elements head to tail. */
    record ListValue(List<byte[]> elements) implements RdbValue {
    }

    record SetValue(List<byte[]> members) implements RdbValue {
    }

    /** Fields and values alternating: field0, value0, field1, value1, ... */
    record HashValue(List<byte[]> fieldsAndValues) implements RdbValue {
        public int size() {
            return fieldsAndValues.size() / 2;
        }
    }

    record ZSetValue(List<ScoredMember> members) implements RdbValue {
    }

    record ScoredMember(byte[] member, double score) {
    }

    /** A stream with its nodes, metadata and consumer groups ({@link RdbStreams}). */
    record StreamValue(RdbStreams.Stream stream) implements RdbValue {
    }
}
