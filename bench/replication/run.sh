#!/usr/bin/env bash
# Replication benchmark: ours (rediha master + rediha replica) vs a pair of Debian redis-servers,
# in one run, on loopback.
#   1. full-sync time: master holds KEYS keys (default 1,000,000); a fresh replica runs REPLICAOF;
#      time until master_link_status:up and DBSIZE equal on both.
#   2. replication lag under load: redis-benchmark SET load on the master while a replica is
#      attached; the master/replica offset gap is sampled every 50 ms (bytes behind, and in ms:
#      bytes over the rate the master's stream grew at, since the two servers do not take the
#      load at the same rate), and the time the replica needs to catch up after the load stops.
# Prints a table and the ours/redis ratios (lower is better; target <= 1.5).
# Usage: bench/replication/run.sh [KEYS] [LOAD_REQUESTS]
# Env: NODE_JAR (default node-image/target/node.jar), JAVA (default: JDK 25 if installed, else java),
#      JVM_OPTS (default: the flags of bench/server-throughput), BASE_PORT (default 27400).
# The machine may be shared: numbers are only comparable within one run.
set -euo pipefail
KEYS=${1:-1000000}
LOAD=${2:-300000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NODE_JAR=${NODE_JAR:-$ROOT/node-image/target/node.jar}
. "$ROOT/bench/node-jvm.sh" # the same JVM and flags as bench/server-throughput
BASE_PORT=${BASE_PORT:-27400}
WORK=$(mktemp -d /tmp/rediha-bench-repl.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
cli() { redis-cli -p "$1" "${@:2}"; }
info_field() { cli "$1" info replication | tr -d '\r' | awk -F: -v f="$2" '$1==f{print $2}'; }

wait_ping() {
  local port=$1 deadline=$(( $(now_ms) + 60000 ))
  until [ "$(cli "$port" ping 2>/dev/null)" = "PONG" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "server on $port did not start" >&2; exit 1; }
    sleep 0.05
  done
}

start_server() { # kind port dir
  local kind=$1 port=$2 dir=$3
  mkdir -p "$dir"
  if [ "$kind" = redis ]; then
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly no \
      --repl-diskless-sync-delay 0 --logfile "$dir/log" > "$dir/out" 2>&1 &
  else
    # shellcheck disable=SC2086
    MALLOC_ARENA_MAX=2 "$JAVA" $JVM_OPTS -jar "$NODE_JAR" server --port "$port" --bind 127.0.0.1 --dir "$dir" --save "" \
      --appendonly no --logfile "$dir/log" > "$dir/out" 2>&1 &
  fi
  PIDS+=($!)
  wait_ping "$port"
}

load_keys() { # port count
  awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) { k = "key:" i; v = "value-" i "-abcdefghij";
    printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length(k), k, length(v), v } }' \
    | redis-cli -p "$1" --pipe >/dev/null
}

full_sync_ms() { # kind master_port replica_port (replica already started)
  local kind=$1 mp=$2 rp=$3
  local t0; t0=$(now_ms)
  cli "$rp" replicaof 127.0.0.1 "$mp" >/dev/null
  local want; want=$(cli "$mp" dbsize)
  local deadline=$(( t0 + 600000 ))
  until [ "$(info_field "$rp" master_link_status)" = "up" ] && [ "$(cli "$rp" dbsize)" = "$want" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "full sync did not finish" >&2; exit 1; }
    sleep 0.02
  done
  echo $(( $(now_ms) - t0 ))
}

lag_under_load() { # master_port replica_port -> "max_bytes avg_bytes avg_ms catchup_ms bench_rps"
  local mp=$1 rp=$2
  local samples="$WORK/samples-$mp"
  : > "$samples"
  local m_start t_start; m_start=$(info_field "$mp" master_repl_offset); t_start=$(now_ms)
  redis-benchmark -p "$mp" -t set -n "$LOAD" -r 100000 -c 50 -P 8 -d 64 -q > "$WORK/bench-$mp.txt" 2>&1 &
  local bp=$!
  while kill -0 "$bp" 2>/dev/null; do
    local m r
    r=$(info_field "$rp" slave_repl_offset); m=$(info_field "$mp" master_repl_offset)  # replica first: m >= r
    [ -n "$m" ] && [ -n "$r" ] && echo $(( m - r )) >> "$samples"
    sleep 0.05
  done
  wait "$bp" || true
  local m_end t_end; m_end=$(info_field "$mp" master_repl_offset); t_end=$(now_ms)
  local t0; t0=$(now_ms)
  local deadline=$(( t0 + 120000 ))
  until [ "$(info_field "$mp" master_repl_offset)" = "$(info_field "$rp" slave_repl_offset)" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "replica did not catch up" >&2; break; }
    sleep 0.01
  done
  local catchup=$(( $(now_ms) - t0 ))
  local rps; rps=$(tr '\r' '\n' < "$WORK/bench-$mp.txt" | awk '/SET:/{print $2}' | tail -1)
  # the lag in time: bytes behind over the rate the master produced its stream at
  local per_ms=$(( (m_end - m_start) / (t_end - t_start > 0 ? t_end - t_start : 1) ))
  awk -v c="$catchup" -v rps="${rps:-0}" -v rate="$per_ms" '{ if ($1 > max) max = $1; sum += $1; n++ }
    END { avg = n ? sum / n : 0; printf "%d %d %d %d %s\n", max, avg, (rate > 0 ? avg / rate : 0), c, rps }' "$samples"
}

run_kind() { # kind port_offset -> appends a result line to $WORK/results
  local kind=$1 off=$2
  local mp=$(( BASE_PORT + off )) rp=$(( BASE_PORT + off + 1 ))
  # servers are started here, in the main shell: a server started inside $(...) would keep the
  # command substitution open, and its pid would be lost for the cleanup
  start_server "$kind" "$mp" "$WORK/$kind-master"
  start_server "$kind" "$rp" "$WORK/$kind-replica"
  local t0; t0=$(now_ms)
  load_keys "$mp" "$KEYS"
  local load_ms=$(( $(now_ms) - t0 ))
  local sync_ms; sync_ms=$(full_sync_ms "$kind" "$mp" "$rp")
  local lag; lag=$(lag_under_load "$mp" "$rp")
  echo "$kind $load_ms $sync_ms $lag" >> "$WORK/results"
  if [ "$kind" = rediha ]; then # where the full-sync time went, from the nodes' own logs
    grep -h "snapshot sent\|Streamed the RDB\|loaded .* keys in" "$WORK/$kind-master/log" "$WORK/$kind-replica/log" | sed 's/^/  /' >&2 || true
  fi
  cli "$mp" shutdown nosave >/dev/null 2>&1 || true
  cli "$rp" shutdown nosave >/dev/null 2>&1 || true
}

command -v redis-server >/dev/null || { echo "redis-server not installed" >&2; exit 1; }
[ -f "$NODE_JAR" ] || { echo "missing $NODE_JAR (mvn -pl node-image -am package -DskipTests)" >&2; exit 1; }

echo "keys=$KEYS load_requests=$LOAD cores=$(nproc) load average: $(cut -d' ' -f1-3 /proc/loadavg) (machine shared with other work: compare within this run only)"
echo "JVM: $("$JAVA" -version 2>&1 | head -1), flags: $JVM_OPTS"
run_kind redis 0
run_kind rediha 10
R=$(sed -n 1p "$WORK/results")
O=$(sed -n 2p "$WORK/results")
printf "%-8s %12s %12s %14s %14s %11s %12s %12s\n" impl load_ms full_sync_ms lag_max_bytes lag_avg_bytes lag_avg_ms catchup_ms bench_rps
for line in "$R" "$O"; do
  # shellcheck disable=SC2086
  printf "%-8s %12s %12s %14s %14s %11s %12s %12s\n" $line
done
read -r _ rl rs rmax ravg rms rc rrps <<< "$R"
read -r _ ol os omax oavg oms oc orps <<< "$O"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 1; printf "%.2f", a / b }'; }
echo "ratio ours/redis: full_sync=$(ratio "$os" "$rs") lag_avg=$(ratio "$oavg" "$ravg") lag_avg_ms=$(ratio "$oms" "$rms") catchup=$(ratio "$oc" "$rc") load=$(ratio "$ol" "$rl") (<= 1.5 is the target)"
