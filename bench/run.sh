#!/usr/bin/env bash
# Public-endpoint benchmarks: vocweek vs nginx serving the same bytes.
#
# Starts vocweek on a fresh demo database and nginx on a file holding the
# exact body of GET /api/public/campaigns/current, then loads each with wrk
# (same threads, connections and duration, one after the other, 127.0.0.1
# only) and prints requests/second and the ratio vocweek / nginx. The
# baseline is measured in the same run, so the ratio, not the absolute
# figure, is what to compare across machines.
#
#   bench/run.sh            # 3 rounds of 10 s per target
#   DURATION=30s ROUNDS=5 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${VOCWEEK_BIN:-build/vocweek}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}   # server threads for vocweek, worker processes for nginx
PATH_UNDER_TEST=/api/public/campaigns/current

[ -x "$BIN" ] || { echo "build the server first (make server)" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d /tmp/vocweek-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  sleep 0.3
  rm -rf "$work"
}
trap cleanup EXIT

"$BIN" seed-demo --week empty --db "$work/bench.db" >/dev/null
vport=$(free_port)
VOCWEEK_LOG_LEVEL=warn "$BIN" serve --db "$work/bench.db" --port "$vport" --threads "$WORKERS" \
  --web-root "$work/none" >"$work/vocweek.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$vport/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# The public programme: 50 published activities on one day.
read -r campaign_id day_id < <(python3 bench/seed_programme.py "http://127.0.0.1:$vport" 50)
PROGRAMME_PATH="/api/public/campaigns/$campaign_id/activities"
PROGRAMME_QUERY="theme_day_id=$day_id&page_size=50"

mkdir -p "$work/www/api/public/campaigns/$campaign_id"
curl -fsS "http://127.0.0.1:$vport$PATH_UNDER_TEST" -o "$work/www/api/public/campaigns/current"
curl -fsS "http://127.0.0.1:$vport$PROGRAMME_PATH?$PROGRAMME_QUERY" -o "$work/www/api/public/campaigns/$campaign_id/activities"
bytes=$(stat -c %s "$work/www/api/public/campaigns/current")
programme_bytes=$(stat -c %s "$work/www/api/public/campaigns/$campaign_id/activities")

nport=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes $WORKERS;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
    default_type application/json;
    location / { add_header Cache-Control no-cache; }
  }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$nport$PATH_UNDER_TEST" >/dev/null 2>&1 && break; sleep 0.1; done
cmp <(curl -fsS "http://127.0.0.1:$nport$PATH_UNDER_TEST") <(curl -fsS "http://127.0.0.1:$vport$PATH_UNDER_TEST") \
  || { echo "nginx and vocweek bodies differ" >&2; exit 1; }
cmp <(curl -fsS "http://127.0.0.1:$nport$PROGRAMME_PATH") <(curl -fsS "http://127.0.0.1:$vport$PROGRAMME_PATH?$PROGRAMME_QUERY") \
  || { echo "nginx and vocweek programme bodies differ" >&2; exit 1; }

rps() {  # url → requests/second
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$1" | tee -a "$work/wrk.txt" |
    awk '/Requests\/sec/ {print $2}'
}
median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
# Warm-up, then ROUNDS measured rounds. Each round loads nginx and vocweek
# back to back, the order alternating between rounds, so that load from
# other processes on a shared machine hits both alike; the ratio reported
# is the median of the per-round ratios.
wrk -t1 -c8 -d2s "http://127.0.0.1:$vport$PATH_UNDER_TEST" >/dev/null
wrk -t1 -c8 -d2s "http://127.0.0.1:$nport$PATH_UNDER_TEST" >/dev/null
declare -a n_c v_c r_c n_p v_p r_p
for round in $(seq "$ROUNDS"); do
  for target in campaign programme; do
    if [ "$target" = campaign ]; then
      nurl="http://127.0.0.1:$nport$PATH_UNDER_TEST"; vurl="http://127.0.0.1:$vport$PATH_UNDER_TEST"
    else
      nurl="http://127.0.0.1:$nport$PROGRAMME_PATH"; vurl="http://127.0.0.1:$vport$PROGRAMME_PATH?$PROGRAMME_QUERY"
    fi
    if [ $((round % 2)) -eq 1 ]; then n=$(rps "$nurl"); v=$(rps "$vurl"); else v=$(rps "$vurl"); n=$(rps "$nurl"); fi
    r=$(python3 -c "print(f'{$v / $n:.2f}')")
    if [ "$target" = campaign ]; then n_c+=("$n"); v_c+=("$v"); r_c+=("$r"); else n_p+=("$n"); v_p+=("$v"); r_p+=("$r"); fi
  done
done
nginx_rps=$(median "${n_c[@]}"); vocweek_rps=$(median "${v_c[@]}"); ratio=$(median "${r_c[@]}")
nginx_prog=$(median "${n_p[@]}"); vocweek_prog=$(median "${v_p[@]}"); ratio_prog=$(median "${r_p[@]}")

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $WORKERS server threads / nginx workers; $(nproc) cores; $ROUNDS rounds, medians"
echo "GET $PATH_UNDER_TEST ($bytes bytes: the campaign with its theme days)"
printf "  nginx (same bytes from a file): %10.0f req/s\n" "$nginx_rps"
printf "  vocweek:                        %10.0f req/s\n" "$vocweek_rps"
echo "  ratio vocweek / nginx: $ratio (rounds: ${r_c[*]})"
echo "GET $PROGRAMME_PATH?$PROGRAMME_QUERY ($programme_bytes bytes: 50 activities of one day)"
printf "  nginx (same bytes from a file): %10.0f req/s\n" "$nginx_prog"
printf "  vocweek:                        %10.0f req/s\n" "$vocweek_prog"
echo "  ratio vocweek / nginx: $ratio_prog (rounds: ${r_p[*]})"
mkdir -p bench/out
printf '{"campaign":{"bytes":%s,"nginx_rps":%s,"vocweek_rps":%s,"ratio":%s},"programme":{"bytes":%s,"nginx_rps":%s,"vocweek_rps":%s,"ratio":%s},"duration":"%s","connections":%s,"rounds":%s}\n' \
  "$bytes" "$nginx_rps" "$vocweek_rps" "$ratio" "$programme_bytes" "$nginx_prog" "$vocweek_prog" "$ratio_prog" "$DURATION" "$CONNECTIONS" "$ROUNDS" >bench/out/public.json
