#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster.
#
#   scripts/with-postgres.sh COMMAND [ARGS...]
#
# Creates a cluster in a temporary directory owned by the postgres user (the
# server refuses to run as root), listening on 127.0.0.1 and a free port,
# exports VOCWEEK_TEST_PG=postgresql://... for the command, and removes the
# cluster afterwards whatever the command's outcome. Exits with the command's
# status.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 is not installed ($PG_BIN/initdb)" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

dir=$(mktemp -d /tmp/vocweek-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

cleanup() {
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres vocweek_test

export VOCWEEK_TEST_PG="postgresql://postgres@127.0.0.1:$port/vocweek_test"
echo "PostgreSQL 15 test cluster on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit $status
