#!/usr/bin/env bash
# Failover benchmark: our Sentinel vs Debian's redis-sentinel, in one run, on loopback.
# Each flavour runs 1 master + 2 replicas + 3 sentinels (quorum 2, down-after-milliseconds 1000,
# failover-timeout 10000), serves a short redis-benchmark run, and does ROUNDS rounds of:
#   1. SIGSTOP the current master; time from the pause to the first successful SET on the new
#      master, found the way a client finds it (SENTINEL get-master-addr-by-name, any sentinel);
#   2. SIGCONT the old master; count the SETs it still accepts, and the time until it refuses
#      them with READONLY (converted to a replica) - those writes are lost;
# then MINREP_ROUNDS more rounds with min-replicas-to-write 1 on the data nodes, counting only
# the writes the returning old master accepts.
# Prints min/median/max per flavour and the ratio ours/redis.
# Usage: bench/failover/run.sh [ROUNDS] [MINREP_ROUNDS]
# Env: NODE_JAR (default node-image/target/node.jar), JAVA (default java), BASE_PORT (default 27600),
#      OURS_DATA=redis|rediha: data nodes under our sentinels (default: rediha if our server can
#      replicate, else Debian's redis-server), DOWN_AFTER (1000), FAILOVER_TIMEOUT (10000).
set -euo pipefail
ROUNDS=${1:-10}
MINREP_ROUNDS=${2:-2}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NODE_JAR=${NODE_JAR:-$ROOT/node-image/target/node.jar}
JAVA=${JAVA:-java}
BASE_PORT=${BASE_PORT:-27600}
DOWN_AFTER=${DOWN_AFTER:-1000}
FAILOVER_TIMEOUT=${FAILOVER_TIMEOUT:-10000}
WORK=$(mktemp -d /tmp/rediha-bench-failover.XXXXXX)
PIDS=()
declare -A PID_OF

cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -CONT "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
cli() { timeout 1 redis-cli -h 127.0.0.1 -p "$1" "${@:2}" 2>/dev/null || true; }
info_field() { cli "$1" info replication | tr -d '\r' | awk -F: -v f="$2" '$1==f{print $2}'; }
die() { echo "bench/failover: $*" >&2; exit 1; }

wait_until() { # description timeout_ms command...
  local what=$1 deadline=$(( $(now_ms) + $2 )); shift 2
  until "$@"; do
    [ "$(now_ms)" -lt "$deadline" ] || die "timed out waiting for $what"
    sleep 0.05
  done
}
answers_ping() { [ "$(cli "$1" ping)" = "PONG" ]; }

[ -f "$NODE_JAR" ] || (cd "$ROOT" && mvn -B -q -o -pl node-image -am package -DskipTests) || die "cannot build $NODE_JAR"

start_node() { # kind port dir [replicaof-port]
  local kind=$1 port=$2 dir=$3 of=${4:-}
  mkdir -p "$dir"
  local repl=()
  [ -n "$of" ] && repl=(--replicaof 127.0.0.1 "$of")
  if [ "$kind" = redis ]; then
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly no \
      --repl-diskless-sync-delay 0 --logfile "$dir/log" "${repl[@]}" &
  else
    "$JAVA" -Xmx512m -jar "$NODE_JAR" server --port "$port" --bind 127.0.0.1 --dir "$dir" --save "" \
      --appendonly no --repl-diskless-sync-delay 0 --logfile "$dir/log" "${repl[@]}" &
  fi
  PIDS+=($!); PID_OF[$port]=$!
  wait_until "node on $port" 60000 answers_ping "$port"
}

start_sentinel() { # kind port dir master-port
  local kind=$1 port=$2 dir=$3 mport=$4
  mkdir -p "$dir"
  cat > "$dir/sentinel.conf" <<CONF
port $port
bind 127.0.0.1
dir $dir
logfile $dir/log
sentinel monitor mymaster 127.0.0.1 $mport 2
sentinel down-after-milliseconds mymaster $DOWN_AFTER
sentinel failover-timeout mymaster $FAILOVER_TIMEOUT
CONF
  if [ "$kind" = redis ]; then
    redis-sentinel "$dir/sentinel.conf" &
  else
    "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$NODE_JAR" sentinel "$dir/sentinel.conf" &
  fi
  PIDS+=($!); PID_OF[$port]=$!
  wait_until "sentinel on $port" 60000 answers_ping "$port"
}

# Our server can be a replica if REPLICAOF works and INFO shows the link up.
probe_rediha_replication() {
  local d=$WORK/probe p1=$((BASE_PORT + 90)) p2=$((BASE_PORT + 91))
  start_node rediha "$p1" "$d/a" >/dev/null 2>&1 || return 1
  start_node rediha "$p2" "$d/b" "$p1" >/dev/null 2>&1 || return 1
  local ok=1 deadline=$(( $(now_ms) + 8000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    [ "$(info_field "$p2" master_link_status)" = "up" ] && { ok=0; break; }
    sleep 0.2
  done
  cli "$p1" shutdown nosave >/dev/null; cli "$p2" shutdown nosave >/dev/null
  return $ok
}

if [ -z "${OURS_DATA:-}" ]; then
  if probe_rediha_replication; then OURS_DATA=rediha; else OURS_DATA=redis; fi
fi

master_of() { cli "$1" sentinel get-master-addr-by-name mymaster | sed -n 2p; }

all_agree() { # expected-master sentinel-ports...
  local want=$1; shift
  for s in "$@"; do [ "$(master_of "$s")" = "$want" ] || return 1; done
}

replicas_synced() { # master-port replica-ports...
  local m=$1; shift
  for r in "$@"; do
    [ "$(info_field "$r" master_port)" = "$m" ] && [ "$(info_field "$r" master_link_status)" = "up" ] || return 1
  done
}

sentinels_see_all_up() { # sentinel-ports...
  for s in "$@"; do
    local flags
    flags=$(cli "$s" sentinel replicas mymaster | grep -A1 '^flags$' | grep -v '^flags$' | grep -v '^--$' || true)
    [ "$(echo "$flags" | grep -c '^slave$')" -eq 2 ] || return 1
    [ "$(cli "$s" sentinel master mymaster | grep -A1 '^num-other-sentinels$' | tail -1)" = "2" ] || return 1
  done
}

# Runs one flavour; appends "failover_ms accepted window_ms" lines to $4.
run_flavour() { # sentinel-kind data-kind port-offset results-file
  local skind=$1 dkind=$2 base=$((BASE_PORT + $3)) out=$4
  local nodes=($base $((base + 1)) $((base + 2))) sents=($((base + 10)) $((base + 11)) $((base + 12)))
  local dir=$WORK/$skind
  start_node "$dkind" "${nodes[0]}" "$dir/n0"
  start_node "$dkind" "${nodes[1]}" "$dir/n1" "${nodes[0]}"
  start_node "$dkind" "${nodes[2]}" "$dir/n2" "${nodes[0]}"
  wait_until "replicas of ${nodes[0]}" 30000 replicas_synced "${nodes[0]}" "${nodes[1]}" "${nodes[2]}"
  for i in 0 1 2; do start_sentinel "$skind" "${sents[$i]}" "$dir/s$i" "${nodes[0]}"; done
  wait_until "sentinel discovery ($skind)" 30000 sentinels_see_all_up "${sents[@]}"
  # A deployment that has served some traffic, not processes started a second ago.
  redis-benchmark -h 127.0.0.1 -p "${nodes[0]}" -n 50000 -c 10 -q -t set,get >/dev/null 2>&1 || true

  local total=$((ROUNDS + MINREP_ROUNDS))
  for ((round = 1; round <= total; round++)); do
    local minrep=0
    if [ "$round" -gt "$ROUNDS" ]; then
      minrep=1
      for n in "${nodes[@]}"; do cli "$n" config set min-replicas-to-write 1 >/dev/null; done
    fi
    local m others=()
    m=$(master_of "${sents[0]}")
    for n in "${nodes[@]}"; do [ "$n" != "$m" ] && others+=("$n"); done
    wait_until "a stable deployment before round $round ($skind)" 60000 \
      bash -c "$(declare -f cli info_field all_agree master_of replicas_synced sentinels_see_all_up); \
        all_agree $m ${sents[*]} && replicas_synced $m ${others[*]} && sentinels_see_all_up ${sents[*]}"
    sleep 1

    # 1. Pause the master; time to the first write accepted by the master the sentinels name.
    local t0 t1=0 new=""
    t0=$(now_ms)
    kill -STOP "${PID_OF[$m]}"
    while [ "$t1" -eq 0 ]; do
      [ $(( $(now_ms) - t0 )) -lt 60000 ] || die "no failover within 60 s (round $round, $skind)"
      for s in "${sents[@]}"; do
        local a
        a=$(master_of "$s")
        if [ -n "$a" ] && [ "$a" != "$m" ] && [ "$(cli "$a" set bench:key "$round")" = "OK" ]; then
          t1=$(now_ms); new=$a; break
        fi
      done
    done
    local failover_ms=$((t1 - t0))
    local rest=()
    for n in "${others[@]}"; do [ "$n" != "$new" ] && rest+=("$n"); done
    wait_until "the failover to complete (round $round, $skind)" 60000 \
      bash -c "$(declare -f cli info_field all_agree master_of replicas_synced); \
        all_agree $new ${sents[*]} && replicas_synced $new ${rest[*]}"

    # 2. Resume the old master; count writes it accepts until it answers READONLY.
    local t2 accepted=0 window=0 reply
    t2=$(now_ms)
    kill -CONT "${PID_OF[$m]}"
    while true; do
      [ $(( $(now_ms) - t2 )) -lt 60000 ] || die "old master $m not converted within 60 s ($skind)"
      reply=$(cli "$m" set bench:old "$round")
      if [ "$reply" = "OK" ]; then
        accepted=$((accepted + 1)); window=$(( $(now_ms) - t2 ))
      elif [[ "$reply" == READONLY* ]]; then
        break
      fi
      sleep 0.01
    done
    local converted=$(( $(now_ms) - t2 ))
    printf "%-6s round %2d%s: failover %5d ms   old master: %3d writes accepted for %5d ms, READONLY after %5d ms\n" \
      "$skind" "$round" "$([ $minrep = 1 ] && echo ' (min-replicas-to-write 1)' || echo '')" \
      "$failover_ms" "$accepted" "$window" "$converted" >&2
    echo "$minrep $failover_ms $accepted $window $converted" >> "$out"
    wait_until "the old master to resync (round $round, $skind)" 60000 \
      bash -c "$(declare -f cli info_field replicas_synced); replicas_synced $new $m"
  done
  for s in "${sents[@]}"; do kill "${PID_OF[$s]}" 2>/dev/null || true; done
  for n in "${nodes[@]}"; do cli "$n" shutdown nosave >/dev/null; done
  sleep 0.5
}

stats() { # file column minrep -> "min median max"
  awk -v c="$2" -v mr="$3" '$1==mr {print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {
    if (NR == 0) { print "- - -"; exit }
    med = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%d %d %d\n", a[1], med, a[NR] }'
}

echo "bench/failover: $ROUNDS rounds (+$MINREP_ROUNDS with min-replicas-to-write 1), down-after $DOWN_AFTER ms," \
  "failover-timeout $FAILOVER_TIMEOUT ms; our sentinels watch $OURS_DATA data nodes" >&2
: > "$WORK/redis.txt"; : > "$WORK/ours.txt"
run_flavour redis redis 0 "$WORK/redis.txt"
run_flavour rediha "$OURS_DATA" 30 "$WORK/ours.txt"

read -r rmin rmed rmax < <(stats "$WORK/redis.txt" 2 0)
read -r omin omed omax < <(stats "$WORK/ours.txt" 2 0)
read -r rwmin rwmed rwmax < <(stats "$WORK/redis.txt" 4 0)
read -r owmin owmed owmax < <(stats "$WORK/ours.txt" 4 0)
read -r rcmin rcmed rcmax < <(stats "$WORK/redis.txt" 5 0)
read -r ocmin ocmed ocmax < <(stats "$WORK/ours.txt" 5 0)
racc=$(awk '$1==0 {s+=$3} END {print s+0}' "$WORK/redis.txt")
oacc=$(awk '$1==0 {s+=$3} END {print s+0}' "$WORK/ours.txt")
rmacc=$(awk '$1==1 {s+=$3} END {print s+0}' "$WORK/redis.txt")
omacc=$(awk '$1==1 {s+=$3} END {print s+0}' "$WORK/ours.txt")

echo
printf "%-52s %22s %22s %8s\n" "" "redis-sentinel" "rediha sentinel" "ratio"
printf "%-52s %22s %22s %8s\n" "pause -> first write on new master, ms (min/med/max)" \
  "$rmin/$rmed/$rmax" "$omin/$omed/$omax" "$(awk -v a="$omed" -v b="$rmed" 'BEGIN{printf "%.2f", a/b}')"
printf "%-52s %22s %22s\n" "  minus down-after, median ms" "$((rmed - DOWN_AFTER))" "$((omed - DOWN_AFTER))"
printf "%-52s %22s %22s\n" "returning old master: writes accepted, total" "$racc" "$oacc"
printf "%-52s %22s %22s\n" "returning old master: accepts writes for, ms (med/max)" "$rwmed/$rwmax" "$owmed/$owmax"
printf "%-52s %22s %22s\n" "returning old master: READONLY after, ms (med/max)" "$rcmed/$rcmax" "$ocmed/$ocmax"
printf "%-52s %22s %22s\n" "with min-replicas-to-write 1: writes accepted, total" "$rmacc" "$omacc"
echo "(our sentinels watched $OURS_DATA data nodes; redis-sentinel watched Debian redis-server)"
target=$((DOWN_AFTER + 2000))
if [ "$omax" -lt "$target" ] && [ "$omed" -le "$rmed" ]; then
  echo "target met: median no slower than redis-sentinel, every round under down-after + 2 s"
else
  echo "target NOT met: median $omed ms vs $rmed ms, max $omax ms (limit $target ms)"
fi
