#!/usr/bin/env bash
# Starts Debian's redis-server + redis-sentinel as a reference deployment on loopback:
# one master, two replicas, three sentinels (quorum 2) watching it as "mymaster".
#   reference-cluster.sh start DIR BASEPORT DOWN_AFTER_MS   prints the sentinel list (host:port,...)
#   reference-cluster.sh stop DIR                            resumes and stops every process it started
# Data nodes use BASEPORT..BASEPORT+2, sentinels BASEPORT+100..+102. Used by bench/drill.
set -euo pipefail

cmd="${1:?usage: reference-cluster.sh start DIR BASEPORT DOWN_AFTER_MS | stop DIR}"
dir="${2:?directory}"

start() {
    local base="$1" down_after="$2"
    mkdir -p "$dir"
    : > "$dir/pids"
    for i in 0 1 2; do
        local port=$((base + i)) args=()
        mkdir -p "$dir/node$port"
        [[ $i -gt 0 ]] && args=(--replicaof 127.0.0.1 "$base")
        redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir/node$port" \
            --repl-diskless-sync-delay 0 --daemonize no "${args[@]}" >"$dir/node$port.log" 2>&1 &
        echo $! >> "$dir/pids"
    done
    for i in 0 1 2; do
        local port=$((base + 100 + i))
        cat > "$dir/sentinel$port.conf" <<CONF
port $port
bind 127.0.0.1
dir $dir
sentinel monitor mymaster 127.0.0.1 $base 2
sentinel down-after-milliseconds mymaster $down_after
sentinel failover-timeout mymaster 6000
CONF
        redis-sentinel "$dir/sentinel$port.conf" >"$dir/sentinel$port.log" 2>&1 &
        echo $! >> "$dir/pids"
    done
    # Settled: every sentinel knows both replicas and both peers (bounded: 30 s).
    local deadline=$((SECONDS + 30))
    for i in 0 1 2; do
        local port=$((base + 100 + i))
        until [[ "$(redis-cli -p "$port" sentinel master mymaster 2>/dev/null | awk 'prev=="num-slaves"||prev=="num-other-sentinels"{printf "%s ", $0} {prev=$0}')" == "2 2 " ]]; do
            if (( SECONDS > deadline )); then
                echo "reference cluster did not settle within 30 s (sentinel $port)" >&2
                return 1
            fi
            sleep 0.2
        done
    done
    echo "127.0.0.1:$((base + 100)),127.0.0.1:$((base + 101)),127.0.0.1:$((base + 102))"
}

stop() {
    [[ -f "$dir/pids" ]] || return 0
    while read -r pid; do
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done < "$dir/pids"
    local deadline=$((SECONDS + 5))
    while read -r pid; do
        while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done < "$dir/pids"
    rm -f "$dir/pids"
}

case "$cmd" in
    start) start "${3:?baseport}" "${4:?down-after ms}" ;;
    stop) stop ;;
    *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
