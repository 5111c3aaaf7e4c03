#!/usr/bin/env bash
# Public endpoints: vocweek vs nginx serving the same bytes, throughput and p99.
#
# Starts vocweek on a fresh demo database (plus 50 published activities on one
# day, bench/seed_programme.py) with the settings `make run` uses: log level
# info, one access log line per request in text, standard output and error
# appended to a file as a service manager would keep them. Saves the exact
# body of every public endpoint of the public site to a file and serves those
# files with nginx, with its default access log (combined format, to a file).
# Checks that each nginx body equals vocweek's byte for byte, then loads each
# endpoint with wrk --latency at each of CONNECTIONS (64 and 512), ROUNDS
# rounds; in each round nginx and vocweek are loaded back to back, the order
# alternating between rounds, so that load from other processes on a shared
# machine hits both alike. Prints, per endpoint and connection count, the
# median req/s and p99 of each, the median of the per-round ratios vocweek /
# nginx and every round's figure, the load average, the lines each access log
# received, wrk's socket errors, timeouts (requests over WRK_TIMEOUT) and
# non-2xx answers, and writes bench/out/public.json; fails after that when
# there were socket errors or non-2xx answers. Targets (issue 17): req/s >= 1.0x nginx at 64 and at
# 512 connections; p99 at 512 connections <= 1.5x nginx's.
#
# Takes about 2 x ROUNDS x (endpoints x connection counts) x DURATION plus
# ~40 s: 9.5 minutes with the defaults.
#
#   bench/run.sh
#   DURATION=10s ROUNDS=5 bench/run.sh
#   ENDPOINTS="programme programme_day" CONNECTIONS=512 bench/run.sh
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64 512}
THREADS=${THREADS:-2}   # wrk threads
WORKERS=${WORKERS:-2}   # server threads for vocweek, worker processes for nginx
ENDPOINTS=${ENDPOINTS:-campaign programme_day programme activity organisers calendar activity_calendar topic gallery}
# wrk leaves a request out of its latency figures when it takes longer than
# this (and counts a timeout): long enough for the p99 to include the tail.
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
# PERF=1: `perf record -g` of vocweek during its load in the first round, and
# the top symbols of each profile printed at the end.
PERF=${PERF:-}

bench_init bench wrk nginx ${PERF:+perf}
# shellcheck disable=SC2086  # a list
max_connections=$(printf '%s\n' $CONNECTIONS | sort -n | tail -1)
need_descriptors $((2 * max_connections + 1024))

"$BIN" seed-demo --week empty --db "$work/bench.db" >/dev/null
vport=$(free_port)
start_vocweek vocweek "$work/bench.db" "$vport" VOCWEEK_MEDIA_DIR="$work/media"
vpid=$VOCWEEK_PID
vbase="http://127.0.0.1:$vport"

# 50 published activities on the campaign's second day; one of them is "one activity".
read -r campaign_id day_id < <(python3 bench/seed_programme.py "$vbase" 50)
activity_id=$(curl -fsS "$vbase/api/public/campaigns/$campaign_id/activities?theme_day_id=$day_id&page_size=1" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["items"][0]["id"])')
# 63 published news, cases and photo sets with pictures (bench/seed_topic.py).
python3 bench/seed_topic.py "$vbase" "$work/bench.db" >/dev/null
declare -A target=(
  [campaign]="/api/public/campaigns/current"
  [programme_day]="/api/public/campaigns/$campaign_id/activities?theme_day_id=$day_id&page_size=50"
  [programme]="/api/public/campaigns/$campaign_id/activities?page_size=50"
  [activity]="/api/public/activities/$activity_id"
  [organisers]="/api/public/campaigns/$campaign_id/organisers"
  [calendar]="/api/public/campaigns/$campaign_id/calendar.ics"
  [activity_calendar]="/api/public/activities/$activity_id/calendar.ics"
  [topic]="/api/public/campaigns/$campaign_id/topic"
  [gallery]="/api/public/campaigns/$campaign_id/gallery?page_size=24"
)
declare -A about=(
  [campaign]="the current campaign with its theme days and deadlines"
  [programme_day]="the programme of one day, 50 activities"
  [programme]="the programme without filters, first page of 50"
  [activity]="one activity"
  [organisers]="the organisers with published activities"
  [calendar]="the iCal feed of the whole programme"
  [activity_calendar]="the iCal file of one activity"
  [topic]="the topic site's home: seven days of news and cases, featured items"
  [gallery]="the photo gallery, first page of 24 sets"
)

# nginx serves, for each target, the file www/<path>[?<query>].body: the same
# URLs as vocweek, one try_files lookup per request.
for ep in $ENDPOINTS; do
  [ -n "${target[$ep]:-}" ] || { echo "unknown endpoint $ep (known: ${!target[*]})" >&2; exit 1; }
  file="$work/www${target[$ep]}.body"
  mkdir -p "$(dirname "$file")"
  curl -fsS "$vbase${target[$ep]}" -o "$file"
done
# shellcheck disable=SC2016  # nginx's variables
start_static_nginx "$work/www" 'add_header Cache-Control no-cache; try_files $uri$is_args$args.body =404;'
nbase="http://127.0.0.1:$NGINX_PORT"
for ep in $ENDPOINTS; do
  cmp -s <(curl -fsS "$nbase${target[$ep]}") <(curl -fsS "$vbase${target[$ep]}") ||
    { echo "nginx and vocweek bodies of ${target[$ep]} differ" >&2; exit 1; }
done

# Warm-up (fills vocweek's caches of the programme and feeds), then the rounds.
for ep in $ENDPOINTS; do
  for base in "$nbase" "$vbase"; do wrk -t1 -c8 -d1s "$base${target[$ep]}" >/dev/null; done
done
results="$work/results.txt"
perf_pids=()
load_before=$(load_average)
for round in $(seq "$ROUNDS"); do
  for c in $CONNECTIONS; do
    for ep in $ENDPOINTS; do
      order=(nginx vocweek)
      [ $((round % 2)) -eq 0 ] && order=(vocweek nginx)
      for server in "${order[@]}"; do
        base=$nbase
        [ "$server" = vocweek ] && base=$vbase
        if [ -n "$PERF" ] && [ "$server" = vocweek ] && [ "$round" = 1 ]; then
          perf record -q -g -o "$work/perf.$ep.$c.data" -p "$vpid" -- sleep "$DURATION" 2>/dev/null &
          perf_pids+=($!)
        fi
        echo "$ep $c $server $round $(wrk_stats -t"$THREADS" -c"$c" -d"$DURATION" --timeout "$WRK_TIMEOUT" "$base${target[$ep]}")" >>"$results"
      done
    done
  done
done
load_after=$(load_average)
for p in "${perf_pids[@]}"; do wait "$p" || true; done

# Evidence that both logs were on: lines written, and lines vocweek dropped.
vocweek_log_lines=$(grep -c ' 200 ' "$work/vocweek.log" || true)
nginx_log_lines=$(wc -l <"$work/nginx-access.log")
dropped=$(curl -fsS "$vbase/metrics" | awk '/^vocweek_access_log_dropped_total/ {print $2}')

echo "wrk -t$THREADS -d$DURATION --latency --timeout $WRK_TIMEOUT; $WORKERS vocweek threads / nginx workers; $(nproc) cores; $ROUNDS rounds, order alternating"
echo "vocweek as \`make run\` starts it (log level info, text access log to a file: $vocweek_log_lines lines, ${dropped:-?} dropped);"
echo "nginx with its default access log (combined format, to a file: $nginx_log_lines lines)"
echo "load average before: $load_before; after: $load_after"
mkdir -p bench/out
declare -A bytes
for ep in $ENDPOINTS; do bytes[$ep]=$(stat -c %s "$work/www${target[$ep]}.body"); done
status=0
python3 - "$results" "$DURATION" "$WRK_TIMEOUT" "$ROUNDS" "$THREADS" "$WORKERS" "$load_before" "$load_after" \
  "$vocweek_log_lines ${dropped:-0} $nginx_log_lines" \
  "$(for ep in $ENDPOINTS; do printf '%s\t%s\t%s\t%s\n' "$ep" "${target[$ep]}" "${bytes[$ep]}" "${about[$ep]}"; done)" \
  3>&1 >bench/out/public.json <<'PY' || status=$?
import collections, json, os, statistics, sys

results, duration, timeout, rounds, threads, workers, load_before, load_after, logs, endpoints = sys.argv[1:]
out = os.fdopen(3, "w")  # the report; standard output is the JSON file
runs = collections.defaultdict(dict)  # (ep, c) -> server -> [(round, rps, p99, err, non2xx)]
for line in open(results):
    ep, c, server, rnd, rps, p99, err, non, timeouts = line.split()
    runs[(ep, int(c))].setdefault(server, []).append(
        (int(rnd), float(rps), float(p99), int(err), int(non), int(timeouts)))

med = lambda xs: round(statistics.median(xs), 2)
doc = {"duration": duration, "wrk_timeout": timeout, "rounds": int(rounds), "wrk_threads": int(threads),
       "workers": int(workers), "cores": os.cpu_count(),
       "load_average": {"before": load_before, "after": load_after},
       "access_log_lines": dict(zip(("vocweek", "vocweek_dropped", "nginx"), map(int, logs.split()))),
       "endpoints": {}}
errors, below = 0, []
conns = sorted({c for _, c in runs})
rows = []
for spec in endpoints.splitlines():
    ep, path, size, about = spec.split("\t")
    print(f"GET {path}  ({int(size):,} bytes: {about})", file=out)
    entry = doc["endpoints"][ep] = {"path": path, "bytes": int(size)}
    for c in conns:
        n = sorted(runs[(ep, c)]["nginx"]); v = sorted(runs[(ep, c)]["vocweek"])
        ratio = [round(b[1] / a[1], 2) for a, b in zip(n, v)]
        p99_ratio = [round(b[2] / a[2], 2) for a, b in zip(n, v)]
        errs = {s: sum(r[3] for r in rs) for s, rs in (("nginx", n), ("vocweek", v))}
        non = {s: sum(r[4] for r in rs) for s, rs in (("nginx", n), ("vocweek", v))}
        timeouts = {s: sum(r[5] for r in rs) for s, rs in (("nginx", n), ("vocweek", v))}
        errors += sum(errs.values()) + sum(non.values())
        e = entry[f"c{c}"] = {
            "nginx_rps": med([r[1] for r in n]), "vocweek_rps": med([r[1] for r in v]),
            "ratio": med(ratio), "nginx_p99_ms": med([r[2] for r in n]),
            "vocweek_p99_ms": med([r[2] for r in v]), "p99_ratio": med(p99_ratio),
            "socket_errors": errs, "non_2xx": non, "timeouts": timeouts,
            "rounds": {"nginx_rps": [r[1] for r in n], "vocweek_rps": [r[1] for r in v],
                       "nginx_p99_ms": [r[2] for r in n], "vocweek_p99_ms": [r[2] for r in v],
                       "ratio": ratio, "p99_ratio": p99_ratio}}
        flags = []
        if e["ratio"] < 1.0: flags.append("req/s below nginx")
        if c >= 512 and e["p99_ratio"] > 1.5: flags.append("p99 above 1.5x nginx")
        if timeouts["vocweek"]: flags.append(f"{timeouts['vocweek']} requests timed out")
        if flags: below.append(f"{ep} at {c}: {', '.join(flags)}")
        fmt = lambda xs, f: " ".join(f.format(x) for x in xs)
        print(f"  {c:>4} conns  nginx {e['nginx_rps']:>8,.0f} req/s p99 {e['nginx_p99_ms']:>7.2f} ms"
              f" | vocweek {e['vocweek_rps']:>8,.0f} req/s p99 {e['vocweek_p99_ms']:>7.2f} ms"
              f" | ratio {e['ratio']:.2f}, p99 ratio {e['p99_ratio']:.2f}", file=out)
        print(f"              rounds: nginx [{fmt(e['rounds']['nginx_rps'], '{:.0f}')}]"
              f" [{fmt(e['rounds']['nginx_p99_ms'], '{:.2f}')} ms];"
              f" vocweek [{fmt(e['rounds']['vocweek_rps'], '{:.0f}')}]"
              f" [{fmt(e['rounds']['vocweek_p99_ms'], '{:.2f}')} ms];"
              f" ratios [{fmt(ratio, '{:.2f}')}], p99 [{fmt(p99_ratio, '{:.2f}')}]", file=out)
        for s in ("nginx", "vocweek"):
            if errs[s] or non[s] or timeouts[s]:
                print(f"              {s}: {errs[s]} socket errors, {non[s]} non-2xx/3xx answers,"
                      f" {timeouts[s]} requests timed out (> {timeout}, not in the p99)", file=out)
print("targets (issue 17): ratio >= 1.0 at every connection count, p99 ratio <= 1.5 at 512", file=out)
print("below target: " + ("; ".join(below) if below else "none"), file=out)
doc["below_target"] = below
doc["errors"] = errors
print(json.dumps(doc, indent=1))
sys.exit(1 if errors else 0)
PY
if [ -n "$PERF" ]; then
  for ep in $ENDPOINTS; do
    for c in $CONNECTIONS; do
      echo "perf, vocweek, $ep at $c connections (self time, top symbols):"
      perf report -q -i "$work/perf.$ep.$c.data" --no-children --sort symbol -g none --stdio 2>/dev/null |
        grep -E '^ +[0-9.]+%' | sed -E 's/[ -]+$//' | head -15 || true
    done
  done
fi
echo "took ${SECONDS}s"
[ "$status" = 0 ] || { echo "wrk saw socket errors or non-2xx answers (above)" >&2; exit 1; }
