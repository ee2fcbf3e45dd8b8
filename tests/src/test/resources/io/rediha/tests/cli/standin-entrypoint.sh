#!/bin/sh
# Test stand-in for rediha/node's entrypoint, on Debian's reference redis-server: the same role
# argument and environment contract, so the CLI's Docker runtime can be tested before (and
# independently of) our own node. Never part of the product.
set -e
role="${1:-master}"
port="${REDIS_PORT:-${redis_port:-6379}}"
mhost="${REDIS_MASTER_HOST:-${master_host:-redis-master}}"
mport="${REDIS_MASTER_PORT:-${master_port:-6379}}"
sport="${SENTINEL_PORT:-${sentinel_port:-26379}}"
name="${MASTER_NAME:-mymaster}"
set -- --protected-mode no --dir /data --appendonly yes --repl-diskless-sync-delay 0
if [ -n "$REDIS_PASSWORD" ]; then
    set -- "$@" --requirepass "$REDIS_PASSWORD" --masterauth "$REDIS_PASSWORD"
fi
case "$role" in
    master)
        exec /usr/bin/redis-server --port "$port" "$@" ;;
    slave|replica)
        exec /usr/bin/redis-server --port "$port" --replicaof "$mhost" "$mport" "$@" ;;
    sentinel)
        conf=/data/sentinel.conf
        if [ ! -f "$conf" ]; then
            {
                echo "port $sport"
                echo "protected-mode no"
                echo "dir /data"
                echo "sentinel resolve-hostnames yes"
                echo "sentinel monitor $name $mhost $mport ${SENTINEL_QUORUM:-2}"
                echo "sentinel down-after-milliseconds $name ${SENTINEL_DOWN_AFTER:-30000}"
                echo "sentinel failover-timeout $name ${SENTINEL_FAILOVER:-180000}"
                if [ -n "$REDIS_PASSWORD" ]; then echo "sentinel auth-pass $name $REDIS_PASSWORD"; fi
            } > "$conf"
        fi
        exec /usr/bin/redis-server "$conf" --sentinel ;;
    *)
        echo "unknown role '$role' (master, slave, sentinel)" >&2
        exit 2 ;;
esac
