#!/usr/bin/env bash
# The province roll-up and its annex-5 export at national scale, against the
# bare SQL aggregate in the sqlite3 shell, in the same run.
#
# Builds a demo database and adds (bench/rollup_data.sql) SCHOOLS schools
# under 四川省教育厅 with COLLEGES colleges each, ACTIVITIES activities per
# college and CHECKINS admitting scans per activity — by default 12,000
# schools, 48,000 colleges, 480,000 activities, 9.6 million check-ins —
# with every college's and school's statistics form accepted. Then times,
# RUNS times each (median):
#   rollup   GET the province's 情况统计表 (roll-up of its 12,000+ children's
#            accepted figures, one row each, validation, JSON) over HTTP;
#   export   GET the province's annex-5 .xlsx (12,000+ rows), with the
#            server's RSS before, its peak during the exports (VmHWM after a
#            reset through /proc/PID/clear_refs) and after;
#   sql      the same roll-up as bare SQL in the sqlite3 shell (one row per
#            child and the sums, printed to /dev/null);
#   overview the province overview over both chains (informative);
#   dashboard the province dashboard (issue 20: GET /api/campaigns/C/
#            dashboard/province, what the page calls: the overview of both
#            chains, the coverage matrices by city and day, the participants
#            per day), cold (the first request to a server started afresh:
#            no prepared statements, SQLite's page cache empty, the OS's
#            file cache warm) and warm (median, min and max of RUNS), against
#            dashboard_sql: the same figures as bare SQL in the sqlite3 shell
#            (the roll-up rows and sums of both chains, the completeness of
#            each child's children, activities by city and day span,
#            check-ins and walk-ins by day);
#   pdf      the annex-5 PDF of the 12,000 rows, once (informative);
#   raw_sql  for scale: the aggregate of every check-in by category, which
#            is what computing the province from raw records would cost.
# Targets (issue 5): rollup < 1 s and ≤ 2 × sql; export < 1 s.
# Target (issue 20): dashboard < 1 s and ≤ 2 × dashboard_sql, warm and cold.
# Writes bench/out/rollup.json.
#
#   bench/rollup.sh
#   SCHOOLS=1000 bench/rollup.sh          # a quick, smaller run
#   KEEP=1 bench/rollup.sh; BENCH_DB=/tmp/vocweek-rollup.X/bench.db bench/rollup.sh
#                                         # generate once, then time again
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

SCHOOLS=${SCHOOLS:-12000}
COLLEGES=${COLLEGES:-4}
ACTIVITIES=${ACTIVITIES:-10}
CHECKINS=${CHECKINS:-20}
RUNS=${RUNS:-7}

bench_init rollup sqlite3
db="$work/bench.db"

if [ -n "${BENCH_DB:-}" ]; then  # a database an earlier run generated (KEEP=1), used in place
  db=$BENCH_DB
  generated=0
else
  "$BIN" seed-demo --week empty --db "$db" >/dev/null
  start=$(date +%s)
  sqlite3 "$db" >/dev/null <<SQL
CREATE TEMP TABLE p AS SELECT $SCHOOLS AS schools, $COLLEGES AS colleges,
  $ACTIVITIES AS activities, $CHECKINS AS checkins;
.read bench/rollup_data.sql
SQL
  generated=$(( $(date +%s) - start ))
fi
read -r n_schools n_colleges n_activities n_checkins < <(sqlite3 -separator ' ' "$db" \
  "SELECT (SELECT COUNT(*) FROM units WHERE kind = 'higher_school'),
          (SELECT COUNT(*) FROM units WHERE kind = 'college'),
          (SELECT COUNT(*) FROM activities), (SELECT COUNT(*) FROM checkins)")
echo "data: $n_schools schools, $n_colleges colleges, $n_activities activities, $n_checkins check-ins (generated in ${generated}s)"

port=$(free_port)
start_vocweek vocweek "$db" "$port"
pid=$VOCWEEK_PID
base="http://127.0.0.1:$port"
curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username":"province","password":"Demo@2025"}' "$base/api/auth/login" >/dev/null
province=$(sqlite3 "$db" "SELECT id FROM units WHERE name = '四川省教育厅'")
campaign=$(sqlite3 "$db" "SELECT id FROM campaigns WHERE year = 2025")
form="$base/api/campaigns/$campaign/submissions/statistics"

time_http() {  # url → seconds, median of RUNS
  local xs=()
  for _ in $(seq "$RUNS"); do
    xs+=("$(curl -fsS -b "$work/cookies" -o "$work/body" -w '%{time_total}' "$1")")
  done
  median "${xs[@]}"
}
time_sql() {  # sql → seconds, median of RUNS (the shell's start included)
  local TIMEFORMAT=%3R xs=()
  for _ in $(seq "$RUNS"); do
    xs+=("$({ time sqlite3 "$db" "$1" >/dev/null; } 2>&1)")
  done
  median "${xs[@]}"
}

curl -fsS -b "$work/cookies" -o /dev/null "$form?unit_id=$province"  # warm the page cache
rollup=$(time_http "$form?unit_id=$province")
rows=$(python3 -c "import json; d=json.load(open('$work/body'))['data']; print(len(d['rows']), d['total']['students'])")
# The server's memory while it serves the export: its peak (VmHWM, reset to
# the current RSS first through /proc/PID/clear_refs) over the RUNS exports.
rss_before=$(proc_kb "$pid" VmRSS)
echo 5 >"/proc/$pid/clear_refs"
export=$(time_http "$form/export?unit_id=$province&format=xlsx")
xlsx_bytes=$(stat -c %s "$work/body")
rss_peak=$(proc_kb "$pid" VmHWM)
rss_after=$(proc_kb "$pid" VmRSS)
overview=$(time_http "$base/api/campaigns/$campaign/submissions/statistics/overview")
pdf=$(RUNS=1 time_http "$form/export?unit_id=$province&format=pdf")
pdf_pages=$(python3 -c "import re; print(len(re.findall(rb'/Type\s*/Page[^s]', open('$work/body','rb').read())))")
sql=$(time_sql "
SELECT u.name, f.schools, f.teachers, f.students, f.enrolled, f.enterprises, f.total, f.projects,
       f.media_provincial, f.media_city, f.media_county, s.status
FROM units u JOIN unit_kinds k ON k.code = u.kind
LEFT JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = $campaign AND s.form = 'statistics'
LEFT JOIN statistics_figures f ON f.submission_id = s.id
WHERE u.parent_id = $province AND k.reports_forms = 1 AND u.active = 1 ORDER BY u.sort_order, u.id;
SELECT SUM(f.schools), SUM(f.teachers), SUM(f.students), SUM(f.enrolled), SUM(f.enterprises),
       SUM(f.total), SUM(f.projects), SUM(f.media_provincial), SUM(f.media_city), SUM(f.media_county),
       ROUND(100.0 * SUM(f.students) / SUM(f.enrolled), 2)
FROM units u JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = $campaign
  AND s.form = 'statistics' AND s.status = 'accepted'
JOIN statistics_figures f ON f.submission_id = s.id WHERE u.parent_id = $province;")
raw_sql=$(RUNS=1 time_sql "SELECT c.category, SUM(c.people) FROM checkins c JOIN activities a ON a.id = c.activity_id
  WHERE a.campaign_id = $campaign AND a.status = 'published' AND c.result = 'ok' GROUP BY c.category;")

# The province dashboard, what its page calls, over HTTP as a browser would:
# cold on a server started afresh, then warm.
stop_vocweek "$pid"
start_vocweek vocweek "$db" "$port"
pid=$VOCWEEK_PID
curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username":"province","password":"Demo@2025"}' "$base/api/auth/login" >/dev/null
dash_url="$base/api/campaigns/$campaign/dashboard/province"
dashboard_cold=$(curl -fsS -b "$work/cookies" -o "$work/body" -w '%{time_total}' "$dash_url")
dash_xs=()
for _ in $(seq "$RUNS"); do
  dash_xs+=("$(curl -fsS -b "$work/cookies" -o "$work/body" -w '%{time_total}' "$dash_url")")
done
dashboard=$(median "${dash_xs[@]}")
dashboard_min=$(python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" "${dash_xs[@]}")
dashboard_max=$(python3 -c "import sys; print(max(float(x) for x in sys.argv[1:]))" "${dash_xs[@]}")
dash_figures=$(python3 -c "
import json; d=json.load(open('$work/body'))['data']
print(len(d['rows']), 'rows,', sum(d['activities_per_day']), 'activity-days,', sum(d['participants_per_day']), 'participants,', d['total']['students'], 'students')")

# The dashboard's bare SQL: the roll-up rows and sums of both chains, how
# far each child's own reporting children have come, the published activities by the chain top's child they lie under and by day
# span (what the coverage matrix counts), check-ins and walk-ins by day.
roots="SELECT u.id FROM units u WHERE u.parent_id IS NULL"
dash_sql_text="
SELECT u.name, f.schools, f.teachers, f.students, f.enrolled, f.enterprises, f.total, f.projects,
       f.media_provincial, f.media_city, f.media_county, s.status
FROM units u JOIN unit_kinds k ON k.code = u.kind
LEFT JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = $campaign AND s.form = 'statistics'
LEFT JOIN statistics_figures f ON f.submission_id = s.id
WHERE u.parent_id IN ($roots) AND k.reports_forms = 1 AND u.active = 1 ORDER BY u.sort_order, u.id;
SELECT SUM(f.schools), SUM(f.teachers), SUM(f.students), SUM(f.enrolled), SUM(f.enterprises),
       SUM(f.total), SUM(f.projects), SUM(f.media_provincial), SUM(f.media_city), SUM(f.media_county),
       ROUND(100.0 * SUM(f.students) / SUM(f.enrolled), 2)
FROM units u JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = $campaign
  AND s.form = 'statistics' AND s.status = 'accepted'
JOIN statistics_figures f ON f.submission_id = s.id WHERE u.parent_id IN ($roots);
SELECT u.parent_id, COUNT(*), SUM(CASE WHEN s.status IN ('submitted', 'accepted') THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.status = 'accepted' THEN 1 ELSE 0 END)
FROM units u JOIN units p ON p.id = u.parent_id JOIN unit_kinds k ON k.code = u.kind
LEFT JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = $campaign AND s.form = 'statistics'
WHERE p.parent_id IN ($roots) AND k.reports_forms = 1 AND u.active = 1 GROUP BY u.parent_id;
SELECT ch.id, date(a.starts_at, '+8 hours'), date(a.ends_at, '+8 hours', '-1 second'), COUNT(*)
FROM activities a JOIN unit_closure c ON c.descendant_id = a.unit_id
JOIN units ch ON ch.id = c.ancestor_id AND ch.parent_id IN ($roots)
WHERE a.campaign_id = $campaign AND a.status = 'published' GROUP BY 1, 2, 3;
SELECT date(a.starts_at, '+8 hours'), SUM(c.people) FROM checkins c JOIN activities a ON a.id = c.activity_id
  WHERE a.campaign_id = $campaign AND a.status = 'published' AND c.result = 'ok' GROUP BY 1;
SELECT date(a.starts_at, '+8 hours'), SUM(w.delta) FROM walkins w JOIN activities a ON a.id = w.activity_id
  WHERE a.campaign_id = $campaign AND a.status = 'published' GROUP BY 1;"
dashboard_sql=$(time_sql "$dash_sql_text")
dashboard_ratio=$(python3 -c "print(round($dashboard / $dashboard_sql, 2))")
dashboard_cold_ratio=$(python3 -c "print(round($dashboard_cold / $dashboard_sql, 2))")
verdict() {  # seconds ratio → "meets" or "MISSES"
  python3 -c "import sys; s, r = map(float, sys.argv[1:]); print('meets' if s < 1 and r <= 2 else 'MISSES')" "$1" "$2"
}
dashboard_verdict=$(verdict "$dashboard" "$dashboard_ratio")
dashboard_cold_verdict=$(verdict "$dashboard_cold" "$dashboard_cold_ratio")
ratio=$(python3 -c "print(round($rollup / $sql, 2))")
echo "province roll-up over HTTP: ${rollup}s for $rows (rows, students)"
echo "bare SQL in sqlite3:        ${sql}s   ratio ${ratio}"
echo "annex-5 xlsx export:        ${export}s ($xlsx_bytes bytes)"
echo "  server RSS: $((rss_before / 1024)) MB before, peak $((rss_peak / 1024)) MB during the $RUNS exports, $((rss_after / 1024)) MB after"
echo "raw check-in aggregate:     ${raw_sql}s (what a roll-up from raw records would start from)"
echo "province overview (both chains): ${overview}s"
echo "province dashboard ($dash_figures):"
echo "  warm ${dashboard}s (median of $RUNS, ${dashboard_min}–${dashboard_max}s), cold ${dashboard_cold}s (first request)"
echo "  bare SQL in sqlite3 ${dashboard_sql}s; ratio warm ${dashboard_ratio} ($dashboard_verdict), cold ${dashboard_cold_ratio} ($dashboard_cold_verdict) — target < 1 s and ≤ 2"
echo "  load average $(load_average)"
echo "annex-5 PDF, once:          ${pdf}s ($pdf_pages pages)"
mkdir -p bench/out
python3 - "$rollup" "$sql" "$export" "$raw_sql" "$n_schools" "$n_colleges" "$n_activities" "$n_checkins" "$xlsx_bytes" "$overview" "$pdf" "$pdf_pages" \
  "$rss_before" "$rss_peak" "$rss_after" "$dashboard" "$dashboard_sql" "$dashboard_cold" "$dashboard_min" "$dashboard_max" \
  "$dashboard_verdict" "$dashboard_cold_verdict" <<'PY' >bench/out/rollup.json
import json, sys
r, s, e, raw, sc, co, ac, ch, xb, ov, pdf, pages, rss0, hwm, rss1, db, dbs, dbc, dmin, dmax, dv, dcv = sys.argv[1:]
print(json.dumps({"rollup_seconds": float(r), "bare_sql_seconds": float(s),
                  "ratio": round(float(r) / float(s), 2), "export_seconds": float(e),
                  "raw_checkin_sql_seconds": float(raw), "schools": int(sc), "colleges": int(co),
                  "activities": int(ac), "checkins": int(ch), "xlsx_bytes": int(xb),
                  "overview_seconds": float(ov), "pdf_seconds": float(pdf), "pdf_pages": int(pages),
                  "export_rss_kb": {"before": int(rss0), "peak": int(hwm), "after": int(rss1)},
                  "dashboard_seconds": float(db), "dashboard_bare_sql_seconds": float(dbs),
                  "dashboard_ratio": round(float(db) / float(dbs), 2),
                  "dashboard_cold_seconds": float(dbc),
                  "dashboard_cold_ratio": round(float(dbc) / float(dbs), 2),
                  "dashboard_warm_min_seconds": float(dmin), "dashboard_warm_max_seconds": float(dmax),
                  "dashboard_meets": dv == "meets", "dashboard_cold_meets": dcv == "meets"}, indent=2))
PY
