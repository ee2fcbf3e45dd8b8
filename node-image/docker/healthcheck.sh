#!/bin/sh
# HEALTHCHECK of the rediha node: busybox sh and nc only, no JVM per probe.
#   master:   healthy when it answers PING
#   replica:  healthy only with master_link_status:up
#   sentinel: healthy when it monitors the master (get-master-addr-by-name answers an address)
# The entrypoint writes the node's kind and port to /tmp/rediha-health.env at start.
state="${REDIHA_RUN_DIR:-/tmp}/rediha-health.env"
[ -r "$state" ] || { echo "not started yet ($state missing)"; exit 1; }
. "$state"

password="${REDIS_PASSWORD:-}"
if [ -z "$password" ] && [ -n "${REDIS_PASSWORD_FILE:-}" ]; then
    password="$(sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$REDIS_PASSWORD_FILE" 2>/dev/null)"
fi

# One command in RESP, so any password (spaces, quotes, %) goes through unchanged.
resp() {
    printf '*%d\r\n' "$#"
    for arg in "$@"; do
        printf '$%d\r\n%s\r\n' "$(printf '%s' "$arg" | wc -c)" "$arg"
    done
}

# Sends the commands given as "word word|word word" and QUIT, so the server closes the link.
ask() {
    {
        if [ "$kind" = server ] && [ -n "$password" ]; then resp AUTH "$password"; fi
        for cmd in "$@"; do
            # shellcheck disable=SC2086
            resp $cmd
        done
        resp QUIT
    } | timeout 3 nc 127.0.0.1 "$port" | tr -d '\r'
}

case "$kind" in
server)
    reply="$(ask PING 'INFO replication')"
    if ! echo "$reply" | grep -q '^+PONG$'; then
        echo "no PONG on port $port: $(echo "$reply" | grep '^-' | head -1)"
        exit 1
    fi
    if echo "$reply" | grep -q '^role:slave$'; then
        link="$(echo "$reply" | sed -n 's/^master_link_status://p')"
        echo "replica of $(echo "$reply" | sed -n 's/^master_host://p'):$(echo "$reply" | sed -n 's/^master_port://p'), link $link"
        [ "$link" = up ]
        exit $?
    fi
    echo "master, $(echo "$reply" | grep '^connected_slaves:')"
    exit 0
    ;;
sentinel)
    reply="$(ask PING "SENTINEL get-master-addr-by-name $master_name")"
    if echo "$reply" | grep -q '^\*2$'; then
        echo "monitoring $master_name at $(echo "$reply" | sed -n '4p'):$(echo "$reply" | sed -n '6p')"
        exit 0
    fi
    echo "not monitoring $master_name: $(echo "$reply" | tr '\n' ' ')"
    exit 1
    ;;
*)
    echo "unknown node kind '$kind' in $state"
    exit 1
    ;;
esac
