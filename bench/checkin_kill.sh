#!/usr/bin/env bash
# Check-in durability under kill -9: no acknowledged scan is lost.
#
# Starts vocweek on a fresh demo SQLite database, books CLASSES classes at
# one activity (bench/seed_checkin.py), then ROUNDS times: fires scans from
# THREADS connections (bench/checkin_fire.py, which notes every scan whose
# upload was answered 2xx the moment the answer arrives), kills the server
# with SIGKILL after LOAD seconds while the uploads are in flight, starts it
# again on the same database and checks that
#   - every acknowledged scan is stored (exactly once: scan_id is unique),
#   - each registration's checked_in equals the sum of its admitting scans.
# Rounds alternate one scan per request and BATCH scans per request.
# 127.0.0.1 only; bounded: each round lasts LOAD seconds plus the restart.
#
#   bench/checkin_kill.sh
#   ROUNDS=5 LOAD=3 bench/checkin_kill.sh
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

CLASSES=${CLASSES:-50}
THREADS=${THREADS:-16}
LOAD=${LOAD:-2}
ROUNDS=${ROUNDS:-4}
BATCH=${BATCH:-20}

bench_init checkin-kill
port=$(free_port)
start() {
  WORKERS=2 start_vocweek vocweek "$work/kill.db" "$port" \
    VOCWEEK_CLOCK=2025-05-12T08:00:00+08:00 VOCWEEK_LOG_LEVEL=warn \
    VOCWEEK_REGISTRATION_LIMIT_IP=1000000 VOCWEEK_REGISTRATION_LIMIT_MOBILE=1000000
  pid=$VOCWEEK_PID
}

"$BIN" seed-demo --week empty --db "$work/kill.db" >/dev/null
start
read -r activity _ csrf session < <(python3 bench/seed_checkin.py "http://127.0.0.1:$port" "$CLASSES" "$work/tokens")

failed=0
for round in $(seq "$ROUNDS"); do
  batch=$([ $((round % 2)) -eq 1 ] && echo 1 || echo "$BATCH")
  # The uploads run past the kill; each thread stops at its first error.
  PREFIX="r$round" python3 bench/checkin_fire.py "$port" "$activity" "$csrf" "$session" "$work/tokens" \
    "$work/acked.$round" "$THREADS" "$batch" $((LOAD + 10)) &
  fire=$!
  sleep "$LOAD"
  stop_vocweek "$pid" KILL
  wait "$fire"
  start
  read -r acked missing stored mismatched < <(python3 - "$work/kill.db" "$work/acked.$round" "$activity" <<'PY'
import sqlite3, sys
db, acked_file, activity = sys.argv[1], sys.argv[2], int(sys.argv[3])
acked = [l.strip() for l in open(acked_file) if l.strip()]
c = sqlite3.connect(db)
c.execute("CREATE TEMP TABLE acked (scan_id TEXT PRIMARY KEY)")
c.executemany("INSERT INTO acked VALUES (?)", ((a,) for a in acked))
missing = c.execute("SELECT COUNT(*) FROM acked a WHERE NOT EXISTS "
                    "(SELECT 1 FROM checkins k WHERE k.scan_id = a.scan_id)").fetchone()[0]
stored = c.execute("SELECT COUNT(*) FROM checkins WHERE activity_id = ?", (activity,)).fetchone()[0]
mismatched = c.execute("SELECT COUNT(*) FROM registrations r WHERE r.activity_id = ? AND "
                       "r.checked_in <> (SELECT COALESCE(SUM(people), 0) FROM checkins k "
                       "WHERE k.registration_id = r.id AND k.result = 'ok')", (activity,)).fetchone()[0]
print(len(acked), missing, stored, mismatched)
PY
)
  echo "round $round ($batch scan(s) per request): $acked scans acknowledged before kill -9, $missing of them missing after restart; $stored scans stored in all; $mismatched registrations whose count differs from their scans"
  [ "$acked" -gt 0 ] || { echo "  no scan was acknowledged: the load did not run" >&2; failed=1; }
  [ "$missing" = 0 ] && [ "$mismatched" = 0 ] || failed=1
done
[ "$failed" = 0 ] && echo "no acknowledged scan lost" || { echo "FAILED" >&2; exit 1; }
