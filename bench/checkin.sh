#!/usr/bin/env bash
# Check-in ingest and registration under contention, over HTTP with wrk.
#
# Starts vocweek on a fresh demo SQLite database with the settings `make run`
# uses (log level info, text access log to a file), books CLASSES classes of 200
# pupils at one activity (bench/seed_checkin.py) and then, as the organiser's
# check-in device would:
#   1. uploads scans one per request (a phone online at the door),
#   2. uploads them in batches of BATCH per request (a phone that was offline),
# each scan with its own id, ROUNDS times, each round also loading nginx
# (WORKERS worker processes, its defaults otherwise, among them its access
# log, as in bench/run.sh) serving a small static file: the bytes vocweek
# answers to a one-scan upload. Then fires public registrations, each with its own
# mobile, at one activity with 100 seats (every booking locks the same seat
# row). Prints the medians of scans/second and of the ratios to nginx with
# every round's figure, the load average, registrations/second; checks that
# the database holds exactly the scans wrk reported and that exactly 100
# seats were confirmed, and writes bench/out/checkin.json. Targets (issue
# 17): one scan per request >= 10,000 scans/s on SQLite on the project's
# 2-core machine and >= 0.2x nginx's rate; batched >= 2x that.
#
#   bench/checkin.sh
#   DURATION=20s BATCH=200 ROUNDS=5 bench/checkin.sh
#
# PERF=1: `perf record -g` of vocweek during the first round's one-scan
# uploads, and its top symbols by self time at the end; PERF=dwarf records
# DWARF call graphs instead (through libc and SQLite, larger files).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
CLASSES=${CLASSES:-500}
BATCH=${BATCH:-100}
ROUNDS=${ROUNDS:-3}
PERF=${PERF:-}

bench_init checkin wrk nginx sqlite3 ${PERF:+perf}
"$BIN" seed-demo --week empty --db "$work/bench.db" >/dev/null
port=$(free_port)
# The demo week is in the past: the clock stands on the morning of its second
# day, before the activities bench/seed_checkin.py books have ended.
start_vocweek vocweek "$work/bench.db" "$port" \
  VOCWEEK_CLOCK="${VOCWEEK_CLOCK:-2025-05-12T08:00:00+08:00}" \
  VOCWEEK_REGISTRATION_LIMIT_IP=1000000 VOCWEEK_REGISTRATION_LIMIT_MOBILE=1000000

read -r checkin contention csrf session < <(python3 bench/seed_checkin.py "http://127.0.0.1:$port" "$CLASSES" "$work/tokens")
base="http://127.0.0.1:$port"
headers=(-H "Content-Type: application/json" -H "X-CSRF-Token: $csrf" -H "Cookie: vw_session=$session")

url="$base/api/activities/$checkin/checkins"

# nginx on a small static file: what vocweek answers to one scan.
mkdir -p "$work/www"
curl -fsS "${headers[@]}" -d "{\"scans\":[{\"scan_id\":\"probe\",\"token\":\"$(head -1 "$work/tokens")\",\"people\":1}]}" \
  "$url" -o "$work/www/answer.json"
static_bytes=$(stat -c %s "$work/www/answer.json")
start_static_nginx "$work/www"

rps() {  # phase batch url script → requests/second
  PHASE="$1" BATCH=$2 TOKENS_FILE="$work/tokens" wrk_stats -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" \
    "${headers[@]}" -s "$4" "$3" | cut -d' ' -f1
}
static_rps() {
  wrk_stats -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$NGINX_PORT/answer.json" | cut -d' ' -f1
}
stored() { sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM checkins"; }
# CPU time (user + system, microseconds) the processes PIDS... have used: what a
# request costs the server, steadier than its rate on a machine shared with
# other work.
cpu_us() {
  local pid sum=0 ticks
  ticks=$(getconf CLK_TCK)
  for pid in "$@"; do
    sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo $((sum * 1000000 / ticks))
}
# "transactions uploads" of the check-in group commit so far (/metrics).
checkin_commits() {
  curl -fsS "$base/metrics" | awk '/^vocweek_checkin_transactions_total / {t = $2}
    /^vocweek_checkin_uploads_total / {u = $2} END {print t, u}'
}
nginx_pids() { pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' '; }

declare -a n_r s_r b_r sr_r br_r c_r nc_r g_r
load_before=$(load_average)
before=$(stored)
for round in $(seq "$ROUNDS"); do
  nginx_cpu=$(cpu_us $(nginx_pids))
  n=$(static_rps)
  nginx_cpu=$(($(cpu_us $(nginx_pids)) - nginx_cpu))
  if [ -n "$PERF" ] && [ "$round" = 1 ]; then
    if [ "$PERF" = dwarf ]; then graph=(--call-graph dwarf,16384); else graph=(-g); fi
    perf record -q "${graph[@]}" -o "$work/perf.data" -p "$VOCWEEK_PID" -- sleep "${DURATION%s}" 2>/dev/null &
    perf_pid=$!
  fi
  cpu=$(cpu_us "$VOCWEEK_PID"); count=$(stored); commits=$(checkin_commits)
  single=$(rps "r${round}b1" 1 "$url" bench/checkin.lua)
  cpu=$(($(cpu_us "$VOCWEEK_PID") - cpu)); count=$(($(stored) - count))
  read -r t1 u1 < <(checkin_commits); read -r t0 u0 <<<"$commits"
  g_r+=("$(calc "round(($u1 - $u0) / max($t1 - $t0, 1), 1)")")
  batch=$(rps "r${round}b$BATCH" "$BATCH" "$url" bench/checkin.lua)
  single_scans=$(calc "round($single)")
  batch_scans=$(calc "round($batch * $BATCH)")
  n_r+=("$(calc "round($n)")"); s_r+=("$single_scans"); b_r+=("$batch_scans")
  # Server CPU per answered request: one scan stored, one file sent.
  c_r+=("$(calc "round($cpu / max($count, 1))")")
  nc_r+=("$(calc "round($nginx_cpu / max($n * ${DURATION%s}, 1), 1)")")
  sr_r+=("$(calc "f'{$single_scans / $n:.3f}'")"); br_r+=("$(calc "f'{$batch_scans / $single_scans:.2f}'")")
done
after=$(stored)
load_after=$(load_average)
reg_rps=$(rps reg 1 "$base/api/public/activities/$contention/registrations" bench/register.lua)
confirmed=$(sqlite3 "$work/bench.db" "SELECT COALESCE(SUM(head_count),0) FROM registrations WHERE activity_id = $contention AND status = 'confirmed'")
registered=$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM registrations WHERE activity_id = $contention")
# wrk's count of answered uploads against the database's rows.
answered=$(awk '/requests in/ {print $1}' "$work/wrk.txt" | python3 -c "
import sys; n = [int(x) for x in sys.stdin.read().split()]
print(sum(n[3 * r + 1] + n[3 * r + 2] * $BATCH for r in range($ROUNDS)))")

single_med=$(median "${s_r[@]}"); batch_med=$(median "${b_r[@]}"); nginx_med=$(median "${n_r[@]}")
ratio_med=$(median "${sr_r[@]}"); batch_ratio_med=$(median "${br_r[@]}")
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $WORKERS server threads / nginx workers; $(nproc) cores; SQLite; $ROUNDS rounds, medians (every round in brackets)"
echo "load average before: $load_before; after: $load_after"
echo "nginx, static file of $static_bytes bytes:  $(calc "round($nginx_med)") req/s  [${n_r[*]}]"
echo "Check-in, one scan per request:      $(calc "round($single_med)") scans/s  [${s_r[*]}]"
echo "  ratio to nginx: $ratio_med  [${sr_r[*]}]  (target >= 0.2, and >= 10,000 scans/s)"
echo "  uploads per commit: $(median "${g_r[@]}") [${g_r[*]}]"
echo "  server CPU per scan: $(median "${c_r[@]}") µs [${c_r[*]}]; nginx per request: $(median "${nc_r[@]}") µs [${nc_r[*]}]"
echo "Check-in, $BATCH scans per request:    $(calc "round($batch_med)") scans/s  [${b_r[*]}]"
echo "  batched / one per request: $batch_ratio_med  [${br_r[*]}]  (target >= 2)"
echo "Scans stored: $((after - before)); answered by wrk: $answered"
echo "Registration at one activity with 100 seats: $(calc "round($reg_rps)") registrations/s; $registered stored, $confirmed seats confirmed (must be 100)"
if [ -n "$PERF" ]; then
  wait "$perf_pid" || true
  echo "perf, vocweek, one scan per request (self time, top symbols):"
  perf report -q -i "$work/perf.data" --no-children --sort symbol -g none --stdio 2>/dev/null |
    grep -E '^ +[0-9.]+%' | sed -E 's/[ -]+$//' | head -40 || true
  perf report -q -i "$work/perf.data" --no-children --sort comm,dso -g none --stdio 2>/dev/null |
    grep -E '^ +[0-9.]+%' | head -15 || true
  mkdir -p bench/out && cp "$work/perf.data" bench/out/checkin.perf.data
fi
[ "$confirmed" = 100 ] || { echo "capacity oversold or undersold" >&2; exit 1; }
mkdir -p bench/out
printf '{"checkin_single_scans_per_s":%s,"checkin_batch_scans_per_s":%s,"nginx_static_rps":%s,"single_to_nginx":%s,"batch_to_single":%s,"rounds":{"nginx":[%s],"single":[%s],"batch":[%s]},"batch":%s,"registrations_per_s":%s,"confirmed":%s,"registered":%s,"duration":"%s","connections":%s,"load_average":"%s"}\n' \
  "$single_med" "$batch_med" "$nginx_med" "$ratio_med" "$batch_ratio_med" "$(IFS=,; echo "${n_r[*]}")" \
  "$(IFS=,; echo "${s_r[*]}")" "$(IFS=,; echo "${b_r[*]}")" "$BATCH" "$reg_rps" "$confirmed" \
  "$registered" "$DURATION" "$CONNECTIONS" "$load_before" >bench/out/checkin.json
