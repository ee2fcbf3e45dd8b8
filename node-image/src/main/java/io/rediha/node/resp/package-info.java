/**
 * RESP, the Redis serialization protocol, over Netty {@code ByteBuf}s.
 *
 * <p>Why it exists: the server reads commands in it, and the replica and Sentinel links read
 * replies in it. Keeping the codec apart means the same bytes-and-frames code serves both
 * directions, and can be tested byte by byte on an {@code EmbeddedChannel}.
 *
 * <p>Design: the codec knows bytes and frames, never commands. It imports nothing else of
 * rediha's.
 * <ul>
 *   <li>{@link io.rediha.node.resp.RespCommandDecoder} turns a request stream (multibulk arrays
 *       and inline lines, as redis-server accepts them) into {@code byte[][]} argument vectors.
 *       Limits are checked at the boundary, before bytes are buffered, so a client cannot make us
 *       hold more than {@code proto-max-bulk-len} for one argument; a broken frame raises
 *       {@link io.rediha.node.resp.RespProtocolException} carrying the text Redis puts after
 *       {@code -ERR Protocol error: }.</li>
 *   <li>{@link io.rediha.node.resp.RespWriter} writes every RESP2 and RESP3 reply type with no
 *       intermediate objects.</li>
 *   <li>{@link io.rediha.node.resp.RespReplyParser} and {@link io.rediha.node.resp.RespReplyDecoder}
 *       read replies (RESP2 and RESP3) into {@link io.rediha.node.resp.RespValue} records, for
 *       clients of other servers: the replica's link to its master, Sentinel's links, tests.</li>
 *   <li>{@link io.rediha.node.resp.ArgSplitter} splits a line the way redis-server splits inline
 *       commands and redis.conf lines (quotes, {@code \xHH} escapes).</li>
 * </ul>
 *
 * <p>Guarantees: decoders never throw anything but {@link io.rediha.node.resp.RespProtocolException}
 * for bad input, and after one the decoder must not be used again (the server closes the
 * connection, as Redis does).
 */
package io.rediha.node.resp;
