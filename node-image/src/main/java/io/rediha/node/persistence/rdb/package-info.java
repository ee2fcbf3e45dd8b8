/**
 * The RDB format, read and written the way Redis 7.0 does (version 10), so that snapshots,
 * full-resync payloads and DUMP/RESTORE values move between rediha and real Redis unchanged.
 *
 * <p>Design: the codec knows bytes and {@link io.rediha.node.persistence.rdb.RdbValue}s, never the
 * store. Reading expands every compact encoding (listpack, ziplist, intset, zipmap, quicklist)
 * into plain values; writing picks the encoding Redis would pick for the same contents with its
 * default size limits. A CRC64 runs alongside both directions, so checking costs no second pass.
 *
 * <p>Guarantees: a reader either returns after the EOF opcode and a matching checksum (or a zero
 * checksum, meaning "not computed") or throws {@link io.rediha.node.persistence.rdb.RdbFormatException}
 * with the byte offset; it never reports success on a truncated or corrupt input. Types the store
 * does not have (streams, modules) are refused, not skipped.
 */
package io.rediha.node.persistence.rdb;
