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
#   dashboard the province dashboard (issue 20: the overview plus the
#            coverage matrices and the participants per day), against
#            sql + the bare per-day aggregate of activities and check-ins;
#   pdf      the annex-5 PDF of the 12,000 rows, once (informative);
#   raw_sql  for scale: the aggregate of every check-in by category, which
#            is what computing the province from raw records would cost.
# Targets (issue 5): rollup < 1 s and ≤ 2 × sql; export < 1 s.
# Target (issue 20): dashboard < 1 s and ≤ 2 × dashboard_sql.
# Writes bench/out/rollup.json.
#
#   bench/rollup.sh
#   SCHOOLS=1000 bench/rollup.sh          # a quick, smaller run
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

"$BIN" seed-demo --week empty --db "$db" >/dev/null
start=$(date +%s)
sqlite3 "$db" >/dev/null <<SQL
CREATE TEMP TABLE p AS SELECT $SCHOOLS AS schools, $COLLEGES AS colleges,
  $ACTIVITIES AS activities, $CHECKINS AS checkins;
.read bench/rollup_data.sql
SQL
generated=$(( $(date +%s) - start ))
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
dashboard=$(time_http "$base/api/campaigns/$campaign/dashboard/province")
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

# The dashboard's bare SQL: the roll-up's, plus activities and people by day.
day_sql=$(time_sql "
SELECT substr(a.starts_at, 1, 10), COUNT(*) FROM activities a
  WHERE a.campaign_id = $campaign AND a.status = 'published' GROUP BY 1;
SELECT substr(a.starts_at, 1, 10), SUM(c.people) FROM checkins c JOIN activities a ON a.id = c.activity_id
  WHERE a.campaign_id = $campaign AND a.status = 'published' AND c.result = 'ok' GROUP BY 1;")
dashboard_sql=$(python3 -c "print(round($sql + $day_sql, 3))")
dashboard_ratio=$(python3 -c "print(round($dashboard / $dashboard_sql, 2))")
ratio=$(python3 -c "print(round($rollup / $sql, 2))")
echo "province roll-up over HTTP: ${rollup}s for $rows (rows, students)"
echo "bare SQL in sqlite3:        ${sql}s   ratio ${ratio}"
echo "annex-5 xlsx export:        ${export}s ($xlsx_bytes bytes)"
echo "  server RSS: $((rss_before / 1024)) MB before, peak $((rss_peak / 1024)) MB during the $RUNS exports, $((rss_after / 1024)) MB after"
echo "raw check-in aggregate:     ${raw_sql}s (what a roll-up from raw records would start from)"
echo "province overview (both chains): ${overview}s"
echo "province dashboard:         ${dashboard}s; bare SQL ${dashboard_sql}s, ratio ${dashboard_ratio} (target < 1 s, ≤ 2)"
echo "annex-5 PDF, once:          ${pdf}s ($pdf_pages pages)"
mkdir -p bench/out
python3 - "$rollup" "$sql" "$export" "$raw_sql" "$n_schools" "$n_colleges" "$n_activities" "$n_checkins" "$xlsx_bytes" "$overview" "$pdf" "$pdf_pages" \
  "$rss_before" "$rss_peak" "$rss_after" "$dashboard" "$dashboard_sql" <<'PY' >bench/out/rollup.json
import json, sys
r, s, e, raw, sc, co, ac, ch, xb, ov, pdf, pages, rss0, hwm, rss1, db, dbs = sys.argv[1:]
print(json.dumps({"rollup_seconds": float(r), "bare_sql_seconds": float(s),
                  "ratio": round(float(r) / float(s), 2), "export_seconds": float(e),
                  "raw_checkin_sql_seconds": float(raw), "schools": int(sc), "colleges": int(co),
                  "activities": int(ac), "checkins": int(ch), "xlsx_bytes": int(xb),
                  "overview_seconds": float(ov), "pdf_seconds": float(pdf), "pdf_pages": int(pages),
                  "export_rss_kb": {"before": int(rss0), "peak": int(hwm), "after": int(rss1)},
                  "dashboard_seconds": float(db), "dashboard_bare_sql_seconds": float(dbs),
                  "dashboard_ratio": round(float(db) / float(dbs), 2)}, indent=2))
PY
