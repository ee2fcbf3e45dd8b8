package io.rediha.cli.drill;

import redis.clients.jedis.HostAndPort;

/**
 * One data node as the drill knows it.
 *
 * @param announced the address the sentinels use for it (and hand to clients)
 * @param reachable the address this machine reaches it at; equal to {@code announced} except behind
 *                  port mappings
 * @param runId     its INFO run_id, which names it across address views; empty when unknown
 * @param pid       its INFO process_id, or -1 when unknown
 */
public record NodeRef(HostAndPort announced, HostAndPort reachable, String runId, long pid) {
    @Override
    public String toString() {
        return announced.equals(reachable) ? announced.toString() : announced + " (reached at " + reachable + ")";
    }
}
