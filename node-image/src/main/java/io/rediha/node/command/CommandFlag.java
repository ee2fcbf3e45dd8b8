package io.rediha.node.command;

import java.util.Locale;

/**
 * What a command may do, as COMMAND INFO reports it. Dispatch checks these before running a
 * command: the meaning of each flag is written here, once.
 */
public enum CommandFlag {
    /** Changes the dataset: refused on a read-only replica and by min-replicas-to-write. */
    WRITE,
    /** Only reads keys. */
    READONLY,
    /** May grow memory: refused with OOM when over maxmemory and nothing can be evicted. */
    DENYOOM,
    /** Administrative (CONFIG, DEBUG, SHUTDOWN...). */
    ADMIN,
    /** Pub/sub: allowed while a RESP2 connection is subscribed only if also in the subscribe set. */
    PUBSUB,
    /** Not allowed from scripts. */
    NOSCRIPT,
    /** May block the client (WAIT, BLPOP). */
    BLOCKING,
    /** Allowed while the dataset is loading. */
    LOADING,
    /** Allowed on a replica whose link is down with replica-serve-stale-data no. */
    STALE,
    /** Not shown to MONITOR clients (AUTH, HELLO: they carry passwords). */
    SKIP_MONITOR,
    /** Never entered in the slow log. */
    SKIP_SLOWLOG,
    /**
     * O(1) or O(log N) and never blocks: a hint for clients and ACL categories. SET is not fast,
     * because a big value makes it copy a lot.
     */
    FAST,
    /** May run before AUTH (AUTH, HELLO, QUIT...). */
    NO_AUTH,
    /** Not a write, but may propagate something (PUBLISH, PING to replicas). */
    MAY_REPLICATE,
    /** Its key positions may hold no key at all (EVAL with 0 keys). */
    NO_MANDATORY_KEYS,
    /** Refused inside MULTI. */
    NO_MULTI,
    /** Key positions cannot be told from first/last/step alone (SORT STORE, ZUNIONSTORE). */
    MOVABLEKEYS,
    /** Allowed while a script is busy. */
    ALLOW_BUSY;

    /** The name COMMAND INFO prints. */
    public String wireName() {
        return this == MOVABLEKEYS ? "movablekeys" : name().toLowerCase(Locale.ROOT);
    }
}
