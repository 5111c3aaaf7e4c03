#!/usr/bin/env bash
# Cold start and memory of one vocweek server (issue 17).
#
# On a fresh demo database (`vocweek seed-demo`), with the settings `make run`
# uses (log level info, text access log; output appended to a file):
#   1. cold start: STARTS (5) times, the time from exec of `vocweek serve` to
#      its first 200 on /healthz and then to its first 200 on the public
#      programme (GET /api/public/campaigns/{id}/activities?page_size=50, the
#      first request fills its cache); target < 1 s (bench/memory.py coldstart);
#   2. memory: VmRSS and VmHWM (/proc/PID/status) of the server idle after one
#      request of each kind, then with CONNECTIONS (10,000) keep-alive
#      connections open, each having had one answer (GET of the current
#      campaign, must be 200), again after HOLD (5) seconds, and after they are
#      closed; the difference per connection (bench/memory.py hold).
# The server's default connection limit (http::DefaultMaxConnections: the
# descriptor limit, which it raises to the hard limit, less an eighth, at
# most 50,000) is read from its log; when it is below CONNECTIONS the run
# sets VOCWEEK_MAX_CONNECTIONS and says so. The memory while serving the
# province's 12,000-row annex-5 export is measured by bench/rollup.sh, which
# builds that database. Prints the figures with the load average and writes
# bench/out/memory.json. About 20 s.
#
#   bench/memory.sh
#   STARTS=9 CONNECTIONS=20000 bench/memory.sh
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

STARTS=${STARTS:-5}
CONNECTIONS=${CONNECTIONS:-10000}
HOLD=${HOLD:-5}
WORKERS=${WORKERS:-2}

bench_init memory
need_descriptors $((CONNECTIONS + 1024))
db="$work/demo.db"
"$BIN" seed-demo --db "$db" >/dev/null
load_before=$(load_average)

port=$(free_port)
start_vocweek vocweek "$db" "$port"
base="http://127.0.0.1:$port"
campaign=$(curl -fsS "$base/api/public/campaigns/current" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["id"])')
programme="/api/public/campaigns/$campaign/activities?page_size=50"
read -r default_max descriptors < <(sed -n 's/.*at most \([0-9]*\) connections (descriptor limit \([0-9]*\)).*/\1 \2/p' \
  "$work/vocweek.log" | tail -1)
stop_vocweek "$VOCWEEK_PID"

serve_command "$db" "{port}"
coldstart=$(python3 bench/memory.py coldstart --starts "$STARTS" --path "$programme" \
  --log "$work/coldstart.log" -- "${SERVE[@]}")

limit=()
if [ "$default_max" -lt $((CONNECTIONS + 16)) ]; then
  limit=(VOCWEEK_MAX_CONNECTIONS=$((CONNECTIONS + 64)))
fi
port=$(free_port)
start_vocweek vocweek "$db" "$port" "${limit[@]}"
base="http://127.0.0.1:$port"
for path in /api/public/campaigns/current "$programme" /healthz; do curl -fsS -o /dev/null "$base$path"; done
sleep 0.5
held=$(python3 bench/memory.py hold --port "$port" --pid "$VOCWEEK_PID" --connections "$CONNECTIONS" \
  --hold "$HOLD")
load_after=$(load_average)

mkdir -p bench/out
python3 - "$coldstart" "$held" "$default_max" "$descriptors" "${limit[*]}" "$load_before" "$load_after" \
  3>&1 >bench/out/memory.json <<'PY'
import json, os, sys
cold, held = json.loads(sys.argv[1]), json.loads(sys.argv[2])
default_max, descriptors, limit, before, after = sys.argv[3:]
out = os.fdopen(3, "w")
mb = lambda kb: f"{kb / 1024:.1f} MB"
print(f"{os.cpu_count()} cores; load average before: {before}; after: {after}", file=out)
print(f"cold start on the demo database, {cold['starts']} starts (target < 1000 ms):", file=out)
print(f"  exec to first 200 on /healthz:           {cold['healthz_median_ms']:7.1f} ms median"
      f"  [{' '.join(str(x) for x in cold['healthz_ms'])}]", file=out)
print(f"  exec to first 200 on the programme:      {cold['programme_median_ms']:7.1f} ms median"
      f"  [{' '.join(str(x) for x in cold['programme_ms'])}]", file=out)
print(f"connections allowed by default: {default_max} (descriptor limit {descriptors})"
      + (f"; this run set {limit}" if limit else ""), file=out)
n = held["connections"]
print(f"{n} keep-alive connections: {held['answered_200']} answered 200, {held['failed']} failed"
      + (f" (first: {held['first_failure']})" if held["failed"] else "")
      + f", {held['still_open_after_hold']} still open after the hold; opened in {held['open_seconds']} s",
      file=out)
rows = [("idle (after one request of each kind)", held["idle"]),
        (f"{n} connections open", held["holding"])]
rows += [(f"{n} open, later", v) for k, v in held.items() if k.startswith("holding_after")]
rows += [("after they closed", held["closed"])]
for label, s in rows:
    print(f"  {label:38s} VmRSS {mb(s['VmRSS']):>9}  VmHWM {mb(s['VmHWM']):>9}  "
          f"{s['fds']} descriptors, {s['Threads']} threads", file=out)
print(f"  per open connection: {held['bytes_per_connection']:,} bytes of RSS", file=out)
print(json.dumps({"coldstart": cold, "connections": held, "default_max_connections": int(default_max),
                  "descriptor_limit": int(descriptors), "max_connections_set": limit or None,
                  "cores": os.cpu_count(), "load_average": {"before": before, "after": after}},
                 indent=1))
fail = held["failed"] or held["answered_200"] != n
sys.exit(1 if fail else 0)
PY
echo "took ${SECONDS}s"
