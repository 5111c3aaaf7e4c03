#!/usr/bin/env bash
# The cluster test: two vocweek nodes on one throwaway PostgreSQL 15, nginx in
# front, all on 127.0.0.1, and the checks of scripts/cluster_checks.py
# (sessions across nodes, caches, seats under contention, the per-mobile
# limit, kill -9 of a node under load, periodic jobs run once).
#
#   scripts/cluster-test.sh           # needs build/vocweek (make server)
#   VOCWEEK_BIN=... scripts/cluster-test.sh
#
# Starts PostgreSQL through scripts/with-postgres.sh (which removes it
# afterwards), migrates and seeds the demo campaign, starts the nodes
# (VOCWEEK_NODE=a and b) and nginx (not a daemon; its configuration in a
# temporary directory), runs the checks and stops everything whatever
# happens. Prints one PASS or FAIL line per check; exits non-zero when any
# check fails. Bounded: the checks give up after CLUSTER_TIMEOUT (150) s.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${VOCWEEK_CLUSTER_INNER:-}" ]; then
  exec "$root/scripts/with-postgres.sh" env VOCWEEK_CLUSTER_INNER=1 "$0" "$@"
fi

BIN=${VOCWEEK_BIN:-$root/build/vocweek}
[ -x "$BIN" ] || { echo "no server at $BIN (make server)" >&2; exit 2; }
command -v nginx >/dev/null || { echo "needs nginx (scripts/install-deps.sh)" >&2; exit 2; }
command -v psql >/dev/null || { echo "needs psql (postgresql-15)" >&2; exit 2; }

CLUSTER_WORK=$(mktemp -d /tmp/vocweek-cluster.XXXXXX)
chmod 755 "$CLUSTER_WORK"
# shellcheck source=scripts/cluster-lib.sh
. "$root/scripts/cluster-lib.sh"
cleanup() {
  cluster_stop
  if [ -n "${KEEP:-}" ]; then echo "kept $CLUSTER_WORK"; else rm -rf "$CLUSTER_WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export VOCWEEK_DB=$VOCWEEK_TEST_PG
# The demo week is open for registration at this instant.
export VOCWEEK_CLOCK=2025-05-14T10:00:00+08:00
"$BIN" migrate >"$CLUSTER_WORK/migrate.log" 2>&1 || { cat "$CLUSTER_WORK/migrate.log" >&2; exit 1; }
"$BIN" seed-demo --week empty >"$CLUSTER_WORK/seed.log" 2>&1 || { cat "$CLUSTER_WORK/seed.log" >&2; exit 1; }

port_a=$(free_port); port_b=$(free_port); port_nginx=$(free_port)
# Every registration below comes from 127.0.0.1, so the per-address limit is
# raised out of the way; the per-mobile limit keeps its default of 5, which
# one check counts across the nodes.
limits=(VOCWEEK_REGISTRATION_LIMIT_IP=1000000 VOCWEEK_REGISTRATION_LIMIT_MOBILE=5)
start_node a "$port_a" "${limits[@]}"
start_node b "$port_b" "${limits[@]}"
start_nginx 1 "$port_nginx:$port_a,$port_b"
echo "PostgreSQL $VOCWEEK_DB; node a 127.0.0.1:$port_a (pid $(cat "$CLUSTER_WORK/node-a.pid")), node b 127.0.0.1:$port_b (pid $(cat "$CLUSTER_WORK/node-b.pid")), nginx 127.0.0.1:$port_nginx"

set +e
# --foreground: the checks stay in this process group, so Ctrl-C reaches them.
timeout --foreground "${CLUSTER_TIMEOUT:-150}" python3 "$root/scripts/cluster_checks.py" \
  --nginx "http://127.0.0.1:$port_nginx" \
  --node-a "http://127.0.0.1:$port_a" --node-b "http://127.0.0.1:$port_b" \
  --pid-a "$(cat "$CLUSTER_WORK/node-a.pid")" --db "$VOCWEEK_DB"
status=$?
set -e
if [ "$status" = 124 ]; then echo "FAIL the checks did not finish within ${CLUSTER_TIMEOUT:-150} s"; fi
if [ "$status" != 0 ]; then
  for f in node-a.log node-b.log nginx-error.log; do
    echo "--- last lines of $f"
    tail -15 "$CLUSTER_WORK/$f" 2>/dev/null || true
  done
fi
exit "$status"
