/**
 * A small asynchronous RESP client on Netty, for the node's own outgoing links: the Sentinel's
 * links to masters, replicas and peer sentinels, and anything else in the node that has to talk
 * to a Redis-compatible server.
 *
 * <p><b>Why not Jedis or Lettuce.</b> The Sentinel keeps many links open, pipelines periodic
 * commands on them, and must never block its single thread on the network. Both libraries are
 * test dependencies only; a hundred lines of Netty give exactly the contract the Sentinel needs
 * and no more.
 *
 * <p><b>Design.</b> The node's own codec ({@code resp.RespReplyDecoder}) turns bytes into
 * {@code RespValue}s (RESP2 and RESP3), {@link io.rediha.node.client.CommandEncoder} writes
 * commands as RESP arrays, {@link io.rediha.node.client.Replies} answers the usual questions
 * about a reply, and {@link
 * io.rediha.node.client.RespConnection} matches replies to commands in order (so any number of
 * commands may be in flight: pipelining is the normal mode) and routes pub/sub messages to a
 * listener.
 *
 * <p><b>Guarantees.</b> Every future returned by a connection completes on the connection's
 * event loop, in the order the commands were sent; when the connection closes, every pending
 * future fails with {@link io.rediha.node.client.ConnectionClosedException}. A caller that runs its
 * own state on the same event loop therefore needs no locks.
 */
package io.rediha.node.client;
