# shellcheck shell=bash
# Helpers shared by the bench/ scripts (sourced; bash with set -euo pipefail).
#
#   . "$(dirname "$0")/lib.sh"
#   bench_init NAME [TOOL...]   # cd to the repository, BIN, $work, cleanup on exit
#
# Every process started here is remembered by its pid and stopped by that pid
# only, at exit; the work directory is removed unless KEEP is set.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# free_port and wait_http, shared with the cluster test.
# shellcheck source=scripts/cluster-lib.sh
. "$BENCH_ROOT/scripts/cluster-lib.sh"

work=""
BENCH_PIDS=()
BENCH_EXIT_HOOKS=()

# bench_init NAME [TOOL...]: changes to the repository's root; sets BIN (the
# server: VOCWEEK_BIN, relative to the root, default build/vocweek) and work
# (a fresh /tmp/vocweek-NAME.XXXXXX, readable by nginx's workers, which may
# run as another user); fails unless BIN and every TOOL exist.
bench_init() {
  local name=$1 tool
  shift
  cd "$BENCH_ROOT" || exit 1
  BIN=$(realpath -m "${VOCWEEK_BIN:-build/vocweek}")
  [ -x "$BIN" ] || { echo "build the server first (make server)" >&2; exit 1; }
  for tool in "$@"; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
  work=$(mktemp -d "/tmp/vocweek-$name.XXXXXX")
  chmod 755 "$work"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

# bench_on_exit COMMAND: run by bench_cleanup before it stops the processes.
bench_on_exit() { BENCH_EXIT_HOOKS+=("$1"); }

bench_cleanup() {
  local hook p
  for hook in "${BENCH_EXIT_HOOKS[@]}"; do $hook || true; done
  for p in "${BENCH_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  sleep 0.3
  if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}

# need_descriptors N: raises this shell's descriptor limit (inherited by wrk,
# nginx and the server) to at least N, or fails naming the hard limit.
need_descriptors() {
  local n=$1
  [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$n" ] || ulimit -n "$n" 2>/dev/null ||
    { echo "needs $n descriptors; the hard limit (ulimit -Hn) is $(ulimit -Hn)" >&2; exit 1; }
}

# serve_command DB PORT: sets SERVE to the command line of `vocweek serve` on
# DB and PORT with WORKERS (2) threads and no web app.
serve_command() {
  SERVE=("$BIN" serve --db "$1" --port "$2" --threads "${WORKERS:-2}" --web-root "$work/none")
}

# start_vocweek NAME DB PORT [ENV=VALUE...]: SERVE (serve_command) with the
# settings `make run` uses (log level info, text access log on standard
# output) unless the environment or ENV says otherwise; standard output and
# error appended to $work/NAME.log, as a service manager would keep them. Sets
# VOCWEEK_PID; waits for /healthz.
start_vocweek() {
  local name=$1 db=$2 port=$3
  shift 3
  serve_command "$db" "$port"
  env "$@" "${SERVE[@]}" >>"$work/$name.log" 2>&1 &
  VOCWEEK_PID=$!
  BENCH_PIDS+=("$VOCWEEK_PID")
  wait_http "http://127.0.0.1:$port/healthz" 20 "$VOCWEEK_PID" ||
    { tail -20 "$work/$name.log" >&2; exit 1; }
}

# stop_vocweek PID [SIGNAL]: stops a server started by start_vocweek (SIGTERM,
# or e.g. KILL) and waits for it.
stop_vocweek() {
  local pid=$1 p kept=()
  kill -"${2:-TERM}" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

# start_static_nginx ROOT [LOCATION_DIRECTIVES]: nginx serving the files under
# ROOT on a free port (sets NGINX_PORT), with WORKERS (2) worker processes and
# otherwise its defaults — among them its default access log, one line per
# request in the combined format written to a file ($work/nginx-access.log) —
# except keep-alive connections that stay open however many requests they
# carry, as vocweek's do. A daemon; its pid is in $work/nginx.pid.
start_static_nginx() {
  local root=$1 location=${2:-} t temps=""
  NGINX_PORT=$(free_port)
  mkdir -p "$work/nginx-tmp"
  for t in client_body proxy fastcgi uwsgi scgi; do temps+="  ${t}_temp_path $work/nginx-tmp/$t;"$'\n'; done
  cat >"$work/nginx.conf" <<CONF
worker_processes ${WORKERS:-2};
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log $work/nginx-access.log;
  keepalive_requests 1000000;
$temps  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $root;
    default_type application/json;
    location / { $location }
  }
}
CONF
  nginx -t -q -c "$work/nginx.conf" -p "$work" 2>"$work/nginx-t.log" || { cat "$work/nginx-t.log" >&2; exit 1; }
  nginx -c "$work/nginx.conf" -p "$work"
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && return 0
    sleep 0.1
  done
  echo "nginx did not start" >&2
  exit 1
}

# wrk_stats WRK-ARGUMENTS...: runs wrk --latency, appends its output to
# $work/wrk.txt and prints "REQUESTS_PER_S P99_MS SOCKET_ERRORS NON_2XX_3XX
# TIMEOUTS", where SOCKET_ERRORS counts connect, read and write errors and
# TIMEOUTS the requests wrk gave up on (not in its latency figures). Socket
# errors and timeouts are also reported on standard error with wrk's line.
wrk_stats() {
  local out
  out=$(wrk --latency "$@")
  printf '%s\n' "$out" >>"$work/wrk.txt"
  if printf '%s\n' "$out" | grep -q 'Socket errors'; then
    echo "wrk $*: $(printf '%s\n' "$out" | grep 'Socket errors' | sed 's/^ *//')" >&2
  fi
  printf '%s\n' "$out" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { p = $2
               if (p ~ /us$/) ms = p / 1000; else if (p ~ /ms$/) ms = p + 0
               else if (p ~ /m$/) ms = p * 60000; else ms = p * 1000 }
    /Socket errors/ { gsub(",", ""); err = $4 + $6 + $8; timeouts = $10 }
    /Non-2xx/ { non = $5 }
    END { printf "%s %.2f %d %d %d\n", rps, ms, err, non, timeouts }'
}

# median VALUE...: the median, rounded to 3 decimals.
median() { python3 -c 'import statistics,sys; print(round(statistics.median(float(x) for x in sys.argv[1:]), 3))' "$@"; }
# calc EXPRESSION: a Python expression's value.
calc() { python3 -c "print($1)"; }
# load_average: the 1, 5 and 15 minute load averages (the machine may be shared).
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
# proc_kb PID FIELD: a field of /proc/PID/status in kB (VmRSS, VmHWM, ...).
proc_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
