# shellcheck shell=bash
# Helpers for running several vocweek nodes behind nginx on 127.0.0.1,
# sourced by scripts/cluster-test.sh and bench/cluster.sh (bash, set -e).
#
# The caller sets CLUSTER_WORK (an existing directory, chmod 755: nginx's
# workers may run as another user) and calls cluster_stop from its EXIT trap.
# Every process started here is remembered by its pid and stopped by that
# pid only.

CLUSTER_NODE_PIDS=()
CLUSTER_NGINX_PIDS=()

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_http URL [SECONDS [PID]]: until URL answers 2xx; fails after SECONDS
# (10), or at once when process PID has ended.
wait_http() {
  local url=$1 tries=$(( ${2:-10} * 10 )) pid=${3:-}
  for _ in $(seq "$tries"); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "no answer from $url" >&2
  return 1
}

# start_node NAME PORT [ENV=VALUE...]: one `vocweek serve` on VOCWEEK_DB
# (exported by the caller) with VOCWEEK_NODE=NAME, trusting 127.0.0.1 as its
# proxy; its log is $CLUSTER_WORK/node-NAME.log, its pid is written to
# $CLUSTER_WORK/node-NAME.pid. Waits for /healthz.
start_node() {
  local name=$1 port=$2
  shift 2
  env VOCWEEK_NODE="$name" VOCWEEK_TRUSTED_PROXIES=127.0.0.1 VOCWEEK_LOG_LEVEL=warn "$@" \
    "$BIN" serve --port "$port" --threads "${NODE_THREADS:-2}" --web-root "$CLUSTER_WORK/no-web" \
    >"$CLUSTER_WORK/node-$name.log" 2>&1 &
  CLUSTER_NODE_PIDS+=($!)
  echo $! >"$CLUSTER_WORK/node-$name.pid"
  disown $!  # a test may kill it: no job report from this shell
  wait_http "http://127.0.0.1:$port/healthz" 20 $! || { tail -20 "$CLUSTER_WORK/node-$name.log" >&2; return 1; }
}

# nginx_upstream_servers PORT...: the upstream lines for these node ports,
# with the passive health check of deploy/nginx/vocweek.conf.
nginx_upstream_servers() {
  local p
  for p in "$@"; do echo "    server 127.0.0.1:$p max_fails=3 fail_timeout=10s;"; done
}

# nginx_proxy_location UPSTREAM: the proxy settings of deploy/nginx/vocweek.conf's
# "location /" (the forwarded address, HTTP/1.1 keep-alive to the nodes, and
# the retry rule: a refused connection is retried on the next node for every
# request, a request that reached a node only when it is idempotent), plus
# X-Upstream naming the node(s) that answered, which only the tests add.
nginx_proxy_location() {
  sed "s/UPSTREAM/$1/" <<'LOC'
    location / {
      proxy_pass http://UPSTREAM;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 3s;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 2;
      proxy_next_upstream_timeout 10s;
      add_header X-Upstream $upstream_addr always;
    }
LOC
}

# start_nginx WORKERS "LISTEN_PORT:NODE_PORT[,NODE_PORT...]"...: one nginx
# (not a daemon, a child of this shell) with a server on each LISTEN_PORT
# whose upstream is the given node ports. Waits until each answers /healthz.
start_nginx() {
  local workers=$1
  shift
  local conf="$CLUSTER_WORK/nginx.conf" spec listen nodes i=0
  mkdir -p "$CLUSTER_WORK/nginx-tmp"
  {
    echo "worker_processes $workers;"
    echo "daemon off;"
    echo "pid $CLUSTER_WORK/nginx.pid;"
    echo "error_log $CLUSTER_WORK/nginx-error.log warn;"
    echo "events { worker_connections 8192; }"
    echo "http {"
    echo "  access_log off;"
    echo "  keepalive_requests 1000000;"
    local t
    for t in client_body proxy fastcgi uwsgi scgi; do
      echo "  ${t}_temp_path $CLUSTER_WORK/nginx-tmp/$t;"
    done
    for spec in "$@"; do
      i=$((i + 1))
      listen=${spec%%:*}
      nodes=${spec#*:}
      echo "  upstream vocweek_$i {"
      # shellcheck disable=SC2086
      nginx_upstream_servers ${nodes//,/ }
      echo "    keepalive 32;"
      echo "  }"
      echo "  server {"
      echo "    listen 127.0.0.1:$listen;"
      nginx_proxy_location "vocweek_$i"
      echo "  }"
    done
    echo "}"
  } >"$conf"
  nginx -t -q -c "$conf" -p "$CLUSTER_WORK" 2>"$CLUSTER_WORK/nginx-t.log" ||
    { cat "$CLUSTER_WORK/nginx-t.log" >&2; return 1; }
  nginx -c "$conf" -p "$CLUSTER_WORK" &
  CLUSTER_NGINX_PIDS+=($!)
  disown $!
  local pid=$!
  for spec in "$@"; do wait_http "http://127.0.0.1:${spec%%:*}/healthz" 10 "$pid"; done
}

# cluster_stop: nginx, then every node, by pid; SIGKILL for what is still
# there after 3 s.
cluster_stop() {
  local p
  for p in "${CLUSTER_NGINX_PIDS[@]}" "${CLUSTER_NODE_PIDS[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  for _ in $(seq 30); do
    local alive=0
    for p in "${CLUSTER_NGINX_PIDS[@]}" "${CLUSTER_NODE_PIDS[@]}"; do
      kill -0 "$p" 2>/dev/null && alive=1
    done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for p in "${CLUSTER_NGINX_PIDS[@]}" "${CLUSTER_NODE_PIDS[@]}"; do
    kill -KILL "$p" 2>/dev/null || true
  done
}
