#!/usr/bin/env bash
# Tries deploy/nginx/vocweek.conf on this machine, all on 127.0.0.1.
#
#   deploy/try-nginx.sh [--config-only]
#
# Makes a self-signed certificate in a temporary directory, fits the site to
# it (ports, paths, one live node and one dead one in the upstream) and runs
# `nginx -t`. Then, unless --config-only, starts one vocweek node on a fresh
# demo database and nginx in front of it, fetches pages, an asset and API
# answers through nginx, and stops both. Needs nginx, openssl, curl, sqlite3,
# a built server (VOCWEEK_BIN, default build/vocweek) and web app (WEB_ROOT,
# default web/dist). Exits non-zero when a check fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${VOCWEEK_BIN:-$root/build/vocweek}
WEB=$(cd "${WEB_ROOT:-$root/web/dist}" && pwd)
[ -x "$BIN" ] || { echo "no server at $BIN (make server)" >&2; exit 2; }
[ -f "$WEB/index.html" ] || { echo "no web app in $WEB (make web)" >&2; exit 2; }

work=$(mktemp -d /tmp/vocweek-nginx.XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data
node_pid=""
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
https_port=$(free_port); http_port=$(free_port); node_port=$(free_port); dead_port=$(free_port)

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# The site as shipped, with this machine's ports and paths; the upstream gets
# a dead node first, so every check below also exercises proxy_next_upstream.
sed -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
    -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
    -e "/listen \[::\]/d" \
    -e "s|server_name vocweek.example.edu.cn;|server_name localhost;|" \
    -e "s|/etc/ssl/vocweek/fullchain.pem|$work/cert.pem|" \
    -e "s|/etc/ssl/vocweek/privkey.pem|$work/key.pem|" \
    -e "s|root /opt/vocweek/web;|root $WEB;|" \
    -e "s|server 127.0.0.1:8081 |server 127.0.0.1:$dead_port |" \
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

"$BIN" seed-demo --db "$work/demo.db" >/dev/null
VOCWEEK_SECURE_COOKIES=1 VOCWEEK_TRUSTED_PROXIES=127.0.0.1 VOCWEEK_LOG_LEVEL=warn \
  "$BIN" serve --db "$work/demo.db" --port "$node_port" --web-root "$WEB" --threads 2 \
  >"$work/node.log" 2>&1 &
node_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$node_port/healthz" >/dev/null && break; sleep 0.2; done
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
  "$(sqlite3 "$work/demo.db" 'SELECT ip FROM sessions ORDER BY created_at DESC LIMIT 1')"

check "http:// redirects to https://" "301 https://localhost/" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/" -H 'Host: localhost')"
head -c $((12 << 20)) /dev/zero >"$work/big.bin"
check "a 12 MB upload is refused by nginx (client_max_body_size 11m)" "413" \
  "$(fetch -o /dev/null -w '%{http_code}' --data-binary @"$work/big.bin" "$base/api/imports/units")"

refused=$(grep -c "Connection refused) while connecting to upstream" "$work/error.log" || true)
echo "the upstream's first node (127.0.0.1:$dead_port) was down throughout: nginx found it refusing" \
  "$refused times and passed those requests to the live node"
[ "$failures" = 0 ] || { echo "$failures checks failed; nginx error log:"; cat "$work/error.log"; exit 1; }
echo "all checks passed"
