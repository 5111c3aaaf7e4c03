#!/usr/bin/env bash
# Check-in ingest and registration under contention, over HTTP with wrk.
#
# Starts vocweek on a fresh demo SQLite database, books CLASSES classes of 200
# pupils at one activity (bench/seed_checkin.py) and then, as the organiser's
# check-in device would:
#   1. uploads scans one per request (a phone online at the door),
#   2. uploads them in batches of BATCH per request (a phone that was offline),
# each scan with its own id; then fires public registrations, each with its
# own mobile, at one activity with 100 seats (every booking locks the same
# seat row). Prints scans/second and registrations/second, checks that the
# database holds exactly the scans wrk reported and that exactly 100 seats
# were confirmed, and writes bench/out/checkin.json. The target is 10,000
# check-ins/s on SQLite on the project's 2-core machine.
#
#   bench/checkin.sh
#   DURATION=20s BATCH=200 bench/checkin.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${VOCWEEK_BIN:-build/vocweek}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
CLASSES=${CLASSES:-500}
BATCH=${BATCH:-100}

[ -x "$BIN" ] || { echo "build the server first (make server)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d /tmp/vocweek-checkin.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; sleep 0.3; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

"$BIN" seed-demo --db "$work/bench.db" >/dev/null
port=$(free_port)
VOCWEEK_LOG_LEVEL=warn VOCWEEK_REGISTRATION_LIMIT_IP=1000000 \
  VOCWEEK_REGISTRATION_LIMIT_MOBILE=1000000 \
  "$BIN" serve --db "$work/bench.db" --port "$port" --threads "$WORKERS" --web-root "$work/none" \
  >"$work/vocweek.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

read -r checkin contention csrf session < <(python3 bench/seed_checkin.py "http://127.0.0.1:$port" "$CLASSES" "$work/tokens")
base="http://127.0.0.1:$port"
headers=(-H "Content-Type: application/json" -H "X-CSRF-Token: $csrf" -H "Cookie: vw_session=$session")

rps() {  # batch url script → requests/second
  PHASE="b$1" BATCH=$1 TOKENS_FILE="$work/tokens" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" \
    "${headers[@]}" -s "$3" "$2" | tee -a "$work/wrk.txt" | awk '/Requests\/sec/ {print $2}'
}
stored() { sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM checkins"; }

single_rps=$(rps 1 "$base/api/activities/$checkin/checkins" bench/checkin.lua)
after_single=$(stored)
batch_rps=$(rps "$BATCH" "$base/api/activities/$checkin/checkins" bench/checkin.lua)
after_batch=$(stored)
reg_rps=$(rps 1 "$base/api/public/activities/$contention/registrations" bench/register.lua)
confirmed=$(sqlite3 "$work/bench.db" "SELECT COALESCE(SUM(head_count),0) FROM registrations WHERE activity_id = $contention AND status = 'confirmed'")
registered=$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM registrations WHERE activity_id = $contention")
seconds=${DURATION%s}

single_scans=$(python3 -c "print(round($single_rps))")
batch_scans=$(python3 -c "print(round($batch_rps * $BATCH))")
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $WORKERS server threads; $(nproc) cores; SQLite"
echo "Check-in, one scan per request:    $single_scans scans/s  ($after_single scans stored)"
echo "Check-in, $BATCH scans per request: $batch_scans scans/s  ($((after_batch - after_single)) scans stored, ~$(python3 -c "print(round(($after_batch - $after_single) / $seconds))")/s by the database count)"
echo "Registration at one activity with 100 seats: $(python3 -c "print(round($reg_rps))") registrations/s; $registered stored, $confirmed seats confirmed (must be 100)"
[ "$confirmed" = 100 ] || { echo "capacity oversold or undersold" >&2; exit 1; }
mkdir -p bench/out
printf '{"checkin_single_scans_per_s":%s,"checkin_batch_scans_per_s":%s,"batch":%s,"registrations_per_s":%s,"confirmed":%s,"registered":%s,"duration":"%s","connections":%s}\n' \
  "$single_scans" "$batch_scans" "$BATCH" "$reg_rps" "$confirmed" "$registered" "$DURATION" "$CONNECTIONS" >bench/out/checkin.json
