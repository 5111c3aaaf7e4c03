#!/usr/bin/env bash
# One node and two nodes on PostgreSQL behind nginx, with wrk.
#
# Starts a throwaway PostgreSQL 15 (scripts/with-postgres.sh), the demo
# campaign with 50 published activities on one day (bench/seed_programme.py),
# two vocweek nodes and one nginx with two sites: one whose upstream is node a
# only, one whose upstream is both nodes (the proxy settings of the cluster
# test, scripts/cluster-lib.sh). Then loads, through each site in turn:
#   - the public programme of that day (GET, 50 activities, ~50 KB);
#   - public registrations, a new mobile each (bench/register.lua), at an
#     activity without a seat limit (every booking still locks its seat row),
#     one fresh activity per run;
# and prints requests/second with one node and with two and the ratio
# two / one (median of ROUNDS rounds, the order alternating), and writes
# bench/out/cluster.json. All on 127.0.0.1, each run bounded by DURATION.
#
#   bench/cluster.sh
#   DURATION=10s ROUNDS=3 bench/cluster.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${VOCWEEK_CLUSTER_INNER:-}" ]; then
  exec "$root/scripts/with-postgres.sh" env VOCWEEK_CLUSTER_INNER=1 "$0" "$@"
fi

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}  # threads per node, nginx worker processes
bench_init bench-cluster wrk nginx
CLUSTER_WORK=$work
bench_on_exit cluster_stop

export VOCWEEK_DB=$VOCWEEK_TEST_PG
export VOCWEEK_CLOCK=2025-05-14T10:00:00+08:00  # the demo week takes registrations
"$BIN" migrate >/dev/null
"$BIN" seed-demo --week empty >/dev/null
port_a=$(free_port); port_b=$(free_port); one=$(free_port); two=$(free_port)
limits=(VOCWEEK_REGISTRATION_LIMIT_IP=1000000 VOCWEEK_REGISTRATION_LIMIT_MOBILE=1000000)
NODE_THREADS=$WORKERS start_node a "$port_a" "${limits[@]}"
NODE_THREADS=$WORKERS start_node b "$port_b" "${limits[@]}"
start_nginx "$WORKERS" "$one:$port_a" "$two:$port_a,$port_b"

cd "$root/bench"
read -r campaign_id day_id < <(python3 -B seed_programme.py "http://127.0.0.1:$port_a" 50)
programme="/api/public/campaigns/$campaign_id/activities?theme_day_id=$day_id&page_size=50"
# One activity per registration run, so that every mobile is new at it.
read -r -a open_activities < <(python3 -B seed_registration.py "http://127.0.0.1:$port_a" $((2 * ROUNDS)))

run() {  # run URL [ACTIVITY] → "requests/s non-2xx"; with ACTIVITY, registrations at it
  if [ -z "${2:-}" ]; then
    wrk_stats -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$1$programme"
  else
    wrk_stats -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s register.lua \
      -H "Content-Type: application/json" "$1/api/public/activities/$2/registrations"
  fi | awk '{print $1, $4}'
}

wrk -t1 -c8 -d2s "http://127.0.0.1:$two$programme" >/dev/null  # warm-up, both nodes
declare -A rates
errors=0 runs=0
for round in $(seq "$ROUNDS"); do
  for target in programme register; do
    order=(one two)
    [ $((round % 2)) -eq 0 ] && order=(two one)
    for nodes in "${order[@]}"; do
      url=http://127.0.0.1:$one
      [ "$nodes" = two ] && url=http://127.0.0.1:$two
      activity=""
      if [ "$target" = register ]; then activity=${open_activities[$runs]}; runs=$((runs + 1)); fi
      read -r rate non2xx < <(run "$url" "$activity")
      rates[$target.$nodes]+="$rate "
      errors=$((errors + ${non2xx:-0}))
    done
  done
done

json=()
summary() {  # target label
  local one_rps two_rps ratio
  # shellcheck disable=SC2086
  one_rps=$(calc "round($(median ${rates[$1.one]}))")
  # shellcheck disable=SC2086
  two_rps=$(calc "round($(median ${rates[$1.two]}))")
  ratio=$(python3 -c "print(f'{$two_rps / $one_rps:.2f}')")
  printf "%s\n  one node:  %8.0f req/s (rounds: %s)\n  two nodes: %8.0f req/s (rounds: %s)\n  ratio two / one: %s\n" \
    "$2" "$one_rps" "${rates[$1.one]% }" "$two_rps" "${rates[$1.two]% }" "$ratio"
  json+=("$(printf '"%s":{"one_node_rps":%s,"two_nodes_rps":%s,"ratio":%s}' "$1" "$one_rps" "$two_rps" "$ratio")")
}
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION through nginx ($WORKERS workers); nodes of $WORKERS threads on PostgreSQL 15; $(nproc) cores; $ROUNDS rounds, medians"
summary programme "GET $programme (50 activities of one day)"
summary register "POST /api/public/activities/{id}/registrations (a new mobile each, one seat row)"
cat <<NOTE
Note: nginx, wrk, PostgreSQL and both nodes share this machine's $(nproc) cores (and other
work on it: compare rounds). A second node adds no CPU here, so the ratio is not how the
system scales with a machine per node: it shows the cost of spreading requests over two
processes and two connection pools (and, for registrations, two nodes taking turns at one
seat row lock); a ratio above 1 means one node of $WORKERS threads left part of the machine
unused, not that a second machine would double it.
NOTE
[ "$errors" = 0 ] || { echo "$errors answers were not 2xx" >&2; exit 1; }
mkdir -p "$root/bench/out"
printf '{%s,%s,"duration":"%s","connections":%s,"rounds":%s,"cores":%s}\n' "${json[0]}" "${json[1]}" \
  "$DURATION" "$CONNECTIONS" "$ROUNDS" "$(nproc)" >"$root/bench/out/cluster.json"
