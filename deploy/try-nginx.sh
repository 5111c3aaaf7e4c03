#!/usr/bin/env bash
# Tries deploy/nginx/vocweek.conf on this machine, all on 127.0.0.1.
#
#   deploy/try-nginx.sh [--config-only]
#   deploy/try-nginx.sh --postgres
#
# Makes a self-signed certificate in a temporary directory, fits the site to
# it (ports, paths, one live node and one dead one in the upstream) and runs
# `nginx -t`. Then, unless --config-only, starts one vocweek node on a fresh
# demo database and nginx in front of it, fetches pages, an asset and API
# answers through nginx, and stops both.
#
# --postgres follows docs/deploy.md section 2 instead: a throwaway PostgreSQL
# 15 (scripts/with-postgres.sh) with a `vocweek` role and database, the env
# file made from deploy/vocweek.env.example (a multi-host URL whose first host
# is down) and read as systemd reads it, `vocweek migrate`, two nodes started
# from it, both live in the upstream; the same checks, then a rolling restart
# of one node while requests go on through nginx.
#
# Needs nginx, openssl, curl, sqlite3 (psql with --postgres), a built server
# (VOCWEEK_BIN, default build/vocweek) and web app (WEB_ROOT, default
# web/dist). Exits non-zero when a check fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-}
if [ "$mode" = --postgres ] && [ -z "${VOCWEEK_TRY_INNER:-}" ]; then
  exec "$root/scripts/with-postgres.sh" env VOCWEEK_TRY_INNER=1 "$0" "$@"
fi
BIN=${VOCWEEK_BIN:-$root/build/vocweek}
WEB=$(cd "${WEB_ROOT:-$root/web/dist}" && pwd)
[ -x "$BIN" ] || { echo "no server at $BIN (make server)" >&2; exit 2; }
[ -f "$WEB/index.html" ] || { echo "no web app in $WEB (make web)" >&2; exit 2; }

work=$(mktemp -d /tmp/vocweek-nginx.XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data
node_pids=()
cleanup() {
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  local p
  for p in "${node_pids[@]}"; do
    kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
https_port=$(free_port); http_port=$(free_port); node_port=$(free_port); dead_port=$(free_port)
# With --postgres the upstream's first node is a second live one.
first_port=$dead_port
[ "$mode" = --postgres ] && first_port=$(free_port)

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# The site as shipped, with this machine's ports and paths; the upstream gets
# a dead node first (one machine), so every check below also exercises
# proxy_next_upstream, or two live nodes (--postgres).
sed -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
    -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
    -e "/listen \[::\]/d" \
    -e "s|server_name vocweek.example.edu.cn;|server_name localhost;|" \
    -e "s|/etc/ssl/vocweek/fullchain.pem|$work/cert.pem|" \
    -e "s|/etc/ssl/vocweek/privkey.pem|$work/key.pem|" \
    -e "s|root /opt/vocweek/web;|root $WEB;|" \
    -e "s|server 127.0.0.1:8081 |server 127.0.0.1:$first_port |" \
    -e "s|server 127.0.0.1:8082 |server 127.0.0.1:$node_port |" \
    "$root/deploy/nginx/vocweek.conf" >"$work/site.conf"

cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $work/access.log;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  include $work/site.conf;
}
CONF

nginx -t -q -c "$work/nginx.conf" -p "$work"
echo "nginx -t: the site is valid (nginx $(nginx -v 2>&1 | sed 's|.*/||'))"
[ "${1:-}" = "--config-only" ] && exit 0

wait_healthy() {  # PORT
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "node on port $1 did not start:" >&2
  tail -5 "$work/node-$1.log" >&2
  return 1
}

if [ "$mode" = --postgres ]; then
  # docs/deploy.md section 2: a role and a database of vocweek's own ...
  pw=try-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  psql -X -q "$VOCWEEK_TEST_PG" -c "CREATE ROLE vocweek LOGIN PASSWORD '$pw'" \
    -c "CREATE DATABASE vocweek OWNER vocweek ENCODING 'UTF8'"
  pg_port=${VOCWEEK_TEST_PG##*:}
  pg_port=${pg_port%%/*}
  db="postgresql://vocweek:$pw@127.0.0.1:$(free_port),127.0.0.1:$pg_port/vocweek?target_session_attrs=read-write&connect_timeout=3"
  # ... the env file from the example, with that URL (its first host is down) ...
  sed -e "s|^VOCWEEK_DB=.*|VOCWEEK_DB=${db//&/\\&}|" -e "s|^VOCWEEK_WEB_ROOT=.*|VOCWEEK_WEB_ROOT=$WEB|" \
    -e "s|^VOCWEEK_LOG_LEVEL=.*|VOCWEEK_LOG_LEVEL=warn|" \
    "$root/deploy/vocweek.env.example" >"$work/vocweek.env"
  # ... the schema, once, from one machine (and the demo data for the checks) ...
  "$BIN" migrate --db "$db" >"$work/migrate.log" 2>&1
  "$BIN" seed-demo --week empty --db "$db" >/dev/null 2>&1
  # ... and every node from the env file, as vocweek@PORT.service starts it.
  start_node() {  # PORT
    local settings
    mapfile -t settings < <(grep -E '^[A-Z_]+=' "$work/vocweek.env")
    env -i PATH="$PATH" "${settings[@]}" PORT="$1" VOCWEEK_NODE="$(hostname)-$1" "$BIN" serve \
      >>"$work/node-$1.log" 2>&1 &
    node_pids+=($!)
    wait_healthy "$1"
  }
  start_node "$first_port"
  start_node "$node_port"
  sql() { psql -X -q -A -t "$db" -c "$1"; }
else
  "$BIN" seed-demo --week empty --db "$work/demo.db" >/dev/null
  VOCWEEK_SECURE_COOKIES=1 VOCWEEK_TRUSTED_PROXIES=127.0.0.1 VOCWEEK_LOG_LEVEL=warn \
    "$BIN" serve --db "$work/demo.db" --port "$node_port" --web-root "$WEB" --threads 2 \
    >"$work/node-$node_port.log" 2>&1 &
  node_pids+=($!)
  wait_healthy "$node_port"
  sql() { sqlite3 "$work/demo.db" "$1"; }
fi
nginx -c "$work/nginx.conf" -p "$work"

base="https://localhost:$https_port"
fetch() { curl -s --cacert "$work/cert.pem" --resolve "localhost:$https_port:127.0.0.1" "$@"; }
failures=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected '$2', got '$3'"; failures=$((failures + 1)); fi
}

check "GET / over HTTP/2: the app's page" "2 200" \
  "$(fetch -o "$work/index.html" -w '%{http_version} %{http_code}' "$base/")"
check "  it is index.html" "yes" "$(grep -q '<div id="app"' "$work/index.html" && echo yes || echo no)"
asset=$(cd "$WEB" && ls assets/*.js | head -1)
check "GET /$asset from nginx, cached for a year, gzip sibling" \
  "200 public, max-age=31536000, immutable gzip" \
  "$(fetch -H 'Accept-Encoding: gzip' -o /dev/null -D - "$base/$asset" |
     awk -v IGNORECASE=1 '/^HTTP/{s=$2} /^cache-control:/{sub(/^[^:]*: /,""); c=$0} /^content-encoding:/{e=$2}
       END{gsub(/\r/,"",c); gsub(/\r/,"",e); print s, c, e}')"
check "GET /api/public/campaigns/current (JSON from the node)" "200" \
  "$(fetch -o "$work/campaign.json" -w '%{http_code}' "$base/api/public/campaigns/current")"
check "  the 2025 campaign" "yes" "$(grep -q '一技在手' "$work/campaign.json" && echo yes || echo no)"
check "GET /healthz" "ok" "$(fetch "$base/healthz")"
check "GET /readyz: 200 from the node, not the web app's page" "200" \
  "$(fetch -o /dev/null -w '%{http_code} %{content_type}' "$base/readyz" |
     awk '{ print $1 ($2 ~ /^text\/html/ ? " (the web app page)" : "") }')"
for path in /metrics /metrics/ //metrics '/metrics?x=1'; do
  check "GET $path is not served through nginx" "404" \
    "$(fetch -o /dev/null -w '%{http_code}' "$base$path")"
done

# A client that forges X-Forwarded-For: the node must see nginx's address.
login=$(fetch -o /dev/null -D - -H 'Content-Type: application/json' -H 'X-Forwarded-For: 203.0.113.9' \
  -d '{"username":"sctc","password":"Demo@2025"}' "$base/api/auth/login")
check "POST /api/auth/login through nginx" "200" "$(echo "$login" | awk '/^HTTP/{print $2}')"
check "  the session cookie is Secure" "yes" \
  "$(echo "$login" | grep -i '^set-cookie:' | grep -qi 'secure' && echo yes || echo no)"
check "  the node recorded the real client address, not the forged one" "127.0.0.1" \
  "$(sql 'SELECT ip FROM sessions ORDER BY created_at DESC LIMIT 1')"

check "http:// redirects to https://" "301 https://localhost/" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/" -H 'Host: localhost')"
head -c $((12 << 20)) /dev/zero >"$work/big.bin"
check "a 12 MB upload is refused by nginx (client_max_body_size 11m)" "413" \
  "$(fetch -o /dev/null -w '%{http_code}' --data-binary @"$work/big.bin" "$base/api/imports/units")"

if [ "$mode" = --postgres ]; then
  # A rolling restart (docs/deploy.md section 4): the first node stops
  # (SIGTERM) and starts again while a client keeps asking through nginx.
  for _ in $(seq 40); do
    fetch -o /dev/null -w '%{http_code}\n' "$base/api/public/campaigns/current"
    sleep 0.05
  done >"$work/rolling.txt" &
  client=$!
  sleep 0.3
  kill -TERM "${node_pids[0]}"
  wait "${node_pids[0]}" || true
  start_node "$first_port"
  wait "$client"
  check "one node restarted while 40 requests went through nginx: all answered" "40x200" \
    "$(sort "$work/rolling.txt" | uniq -c | awk '{printf "%s%sx%s", sep, $1, $2; sep=" "}')"
else
  refused=$(grep -c "Connection refused) while connecting to upstream" "$work/error.log" || true)
  echo "the upstream's first node (127.0.0.1:$dead_port) was down throughout: nginx found it refusing" \
    "$refused times and passed those requests to the live node"
fi
[ "$failures" = 0 ] || { echo "$failures checks failed; nginx error log:"; cat "$work/error.log"; exit 1; }
echo "all checks passed"
