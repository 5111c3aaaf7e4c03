#!/usr/bin/env python3
"""The checks of the cluster test (scripts/cluster-test.sh starts the
cluster): two vocweek nodes on one PostgreSQL behind nginx, which adds
X-Upstream (the node that answered) in the test's configuration only.

Each check prints one PASS or FAIL line with what it saw; the exit status is
1 when any check failed. Python 3 standard library only. The kill -9 check
comes last: it leaves node a dead.

Usage: cluster_checks.py --nginx URL --node-a URL --node-b URL --pid-a PID --db POSTGRES_URL
"""
import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ beside bench/api_client.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from api_client import Client  # noqa: E402

REQUEST_TIMEOUT = 15  # seconds, every request
PROPAGATION = 1.0     # seconds a change may take to reach the other node

args = None
failures = []


def report(name, ok, detail):
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)
    if not ok:
        failures.append(name)


def check(name):
    """Runs the decorated function as one check; an exception fails it."""
    def run(fn):
        try:
            ok, detail = fn()
        except Exception as e:  # the check's own failure, reported, the next runs
            ok, detail = False, f"{type(e).__name__}: {e}"
        report(name, ok, detail)
        return fn
    return run


def psql(sql):
    """Rows of one query as lists of strings; RuntimeError with psql's message."""
    done = subprocess.run(["psql", args.db, "-X", "-q", "-A", "-t", "-F", "\t", "-v",
                           "ON_ERROR_STOP=1", "-c", sql],
                          capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise RuntimeError(f"psql: {done.stderr.strip()}")
    out = done.stdout
    return [line.split("\t") for line in out.splitlines() if line]


def node_of(headers):
    """The node that finally answered, from nginx's X-Upstream ("a, b" after a retry)."""
    upstream = headers.get("X-Upstream", "") if headers else ""
    last = upstream.split(",")[-1].strip()
    return {args.port_a: "a", args.port_b: "b"}.get(last.rsplit(":", 1)[-1], last or "?")


class Conn:
    """One keep-alive HTTP connection to one base URL; send() reconnects after an error."""

    def __init__(self, base):
        self.url = urllib.parse.urlsplit(base)
        self.conn = None

    def send(self, method, path, body=None, headers=None):
        """(status, headers, decoded JSON, or the text when it is not JSON); status 0 and
        the error when the connection failed."""
        data = json.dumps(body).encode() if body is not None else None
        h = {"Content-Type": "application/json", **(headers or {})}
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port,
                                                       timeout=REQUEST_TIMEOUT)
            self.conn.request(method, path, body=data, headers=h)
            res = self.conn.getresponse()
            raw = res.read()
            try:
                payload = json.loads(raw) if raw else None
            except ValueError:
                payload = raw.decode("utf-8", "replace")
            return res.status, res.headers, payload
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return 0, None, str(e)

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def registration(mobile):
    return {"kind": "person", "name": "集群测试家长", "mobile": mobile, "category": "parent",
            "consent": True}


def register_path(activity_id):
    return f"/api/public/activities/{activity_id}/registrations"


def until(deadline_s, probe):
    """Polls probe() until it is true or deadline_s passed; the seconds it took, or None."""
    started = time.monotonic()
    while True:
        if probe():
            return time.monotonic() - started
        if time.monotonic() - started > deadline_s:
            return None
        time.sleep(0.05)


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("--nginx", required=True)
    parser.add_argument("--node-a", required=True)
    parser.add_argument("--node-b", required=True)
    parser.add_argument("--pid-a", type=int, required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    args.port_a = str(urllib.parse.urlsplit(args.node_a).port)
    args.port_b = str(urllib.parse.urlsplit(args.node_b).port)
    started = time.monotonic()

    # --- Readiness (the contract's /readyz) ----------------------------------
    @check("/readyz answers 200 on both nodes (database reachable, migrations applied)")
    def _():
        got = []
        for base in (args.node_a, args.node_b):
            status, headers, _ = Conn(base).send("GET", "/readyz")
            # Not the web app's page, which answers any unknown path with 200.
            html = headers is not None and "text/html" in headers.get("Content-Type", "")
            got.append(f"{status} (the web app's page)" if html else status)
        return got == [200, 200], f"node a {got[0]}, node b {got[1]}"

    # --- Sessions live in the database --------------------------------------
    secretary = Client(args.nginx)

    @check("one login through nginx, the session works on both nodes")
    def _():
        secretary.login("sctc-college")
        seen, users = [], set()
        for _ in range(8):
            me = secretary.call("GET", "/api/auth/me")
            seen.append(node_of(secretary.last_headers))
            users.add(me.get("username"))
        direct = [secretary.at(base).call("GET", "/api/auth/me") is not None
                  for base in (args.node_a, args.node_b)]
        ok = set(seen) == {"a", "b"} and all(direct) and len(users) == 1
        return ok, f"8 requests through nginx answered by nodes {''.join(seen)} as {users}; " \
                   f"directly on a and b: {direct}"

    campaign = secretary.call("GET", "/api/public/campaigns/current")
    day = campaign["days"][-1]  # after the clock's instant: open for registration
    college = secretary.unit_id("智能制造学院")
    on_a = secretary.at(args.node_a)
    programme = (f"/api/public/campaigns/{campaign['id']}/activities"
                 f"?theme_day_id={day['id']}&page_size=100")
    node_b = Conn(args.node_b)

    # --- Caches -------------------------------------------------------------
    @check(f"an activity published through node a is on node b's public programme and iCal feed within {PROPAGATION:.0f} s")
    def _():
        title = f"集群测试：跨节点发布 {int(time.time() * 1000) % 100000}"
        feed = f"/api/public/campaigns/{campaign['id']}/calendar.ics"

        def listed():
            status, _, body = node_b.send("GET", programme)
            in_programme = status == 200 and any(a["title"] == title for a in body["data"]["items"])
            status, _, text = node_b.send("GET", feed)
            # iCal folds long lines: CRLF and a space continue the line.
            in_feed = status == 200 and title in str(text).replace("\r\n ", "")
            return in_programme and in_feed

        listed()  # node b has the programme and the feed in its cache before the change
        on_a.publish_activity(campaign, day, college, title, 30)
        took = until(3 * PROPAGATION, listed)
        ok = took is not None and took <= PROPAGATION
        return ok, "not listed on node b after 3 s" if took is None else f"listed after {took:.2f} s"

    admin = Client(args.node_a)

    @check(f"a campaign edit through node a is in node b's public campaign within {PROPAGATION:.0f} s")
    def _():
        admin.login("admin")
        c = admin.call("GET", f"/api/campaigns/{campaign['id']}")
        theme = f"集群测试主题 {int(time.time() * 1000) % 100000}"

        def shown():
            status, _, body = node_b.send("GET", "/api/public/campaigns/current")
            return status == 200 and body["data"]["theme"] == theme

        shown()  # cached on node b before the change
        admin.call("PUT", f"/api/campaigns/{c['id']}", {
            "name": c["name"], "theme": theme, "starts_on": c["starts_on"],
            "status": c["status"], "source_notice": c["source_notice"], "version": c["version"]})
        took = until(3 * PROPAGATION, shown)
        ok = took is not None and took <= PROPAGATION
        return ok, "old theme on node b after 3 s" if took is None else f"shown after {took:.2f} s"

    # --- Seats under contention ---------------------------------------------
    @check("1,000 concurrent registrations over both nodes for 100 seats: exactly 100 confirmed")
    def _():
        activity = secretary.publish_activity(campaign, day, college, "集群测试：100个名额", 100)
        n = 1000
        results = [None] * n
        gate = threading.Barrier(n)

        def one(i):
            conn = Conn(args.nginx)
            try:
                gate.wait(timeout=60)
            except threading.BrokenBarrierError:
                pass
            status, headers, body = conn.send("POST", register_path(activity),
                                              registration(f"150{i:08d}"))
            conn.close()
            data = body.get("data") if isinstance(body, dict) else None
            results[i] = (status, node_of(headers), data["status"] if data else None)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        seconds = time.monotonic() - t0
        statuses, nodes, kinds = {}, {}, {}
        for r in results:
            status, node, kind = r if r else (None, None, None)
            statuses[status] = statuses.get(status, 0) + 1
            nodes[node] = nodes.get(node, 0) + 1
            kinds[kind] = kinds.get(kind, 0) + 1
        rows = dict((k, int(v)) for k, v in psql(
            f"SELECT status, COALESCE(SUM(head_count), 0) FROM registrations "
            f"WHERE activity_id = {activity} GROUP BY status"))
        seats = psql(f"SELECT confirmed, waiting FROM activity_seats WHERE activity_id = {activity}")
        seat_confirmed, seat_waiting = (int(x) for x in seats[0]) if seats else (-1, -1)
        # Full: a waiting list as long as the capacity (at least 50), then 409.
        ok = (kinds.get("confirmed") == 100 and rows.get("confirmed") == 100
              and seat_confirmed == 100 and seat_waiting == rows.get("waiting", 0)
              and kinds.get("waiting", 0) == rows.get("waiting", 0) == 100
              and set(statuses) <= {201, 409} and statuses.get(409) == n - 200
              and nodes.get("a", 0) > 0 and nodes.get("b", 0) > 0)
        return ok, (f"{seconds:.1f} s; HTTP {statuses}; answers {kinds}; nodes {nodes}; "
                    f"rows {rows}; activity_seats confirmed {seat_confirmed} waiting {seat_waiting}")

    # --- Limits ---------------------------------------------------------------
    @check("the per-mobile limit (5 an hour) holds across nodes: 6 registrations alternating a/b, the 6th is 429")
    def _():
        ids = [secretary.publish_activity(campaign, day, college, f"集群测试：限流{i + 1}", 10)
               for i in range(6)]
        conns = [Conn(args.node_a), Conn(args.node_b)]
        got = []
        for i, activity in enumerate(ids):
            status, _, _ = conns[i % 2].send("POST", register_path(activity), registration("15999990001"))
            got.append(status)
        return got == [201] * 5 + [429], f"statuses {got} (nodes a,b,a,b,a,b)"

    @check("the login limit holds across nodes: 6 wrong passwords for one account alternating a/b, the 6th is 429")
    def _():
        # Five failures in a row of an account at an address are free; the
        # next waits 2 s after the previous one (auth/login_throttle.h).
        conns = [Conn(args.node_a), Conn(args.node_b)]
        got = [conns[i % 2].send("POST", "/api/auth/login",
                                 {"username": "school2", "password": "wrong-password-1"})[0]
               for i in range(6)]
        return got == [401] * 5 + [429], f"statuses {got} (nodes a,b,a,b,a,b)"

    # --- Jobs -----------------------------------------------------------------
    @check("each periodic job ran once across the two nodes (job_runs)")
    def _():
        def runs():
            return psql("SELECT job, COUNT(*), string_agg(node || ':' || status, ',') "
                        "FROM job_runs GROUP BY job ORDER BY job")

        # Both jobs recorded (they run at a node's start), then 2 s more for
        # a second run that should not come.
        until(10, lambda: {"retention", "short_codes"} <= {r[0] for r in runs()})
        time.sleep(2)
        rows = runs()
        counts = {r[0]: int(r[1]) for r in rows}
        ok = counts.get("retention") == 1 and counts.get("short_codes") == 1 and \
            all(c == 1 for c in counts.values())
        return ok, "; ".join(f"{r[0]}: {r[1]} run(s) {r[2]}" for r in rows) or "no job_runs rows"

    # --- A node dies under load ---------------------------------------------
    @check("kill -9 of node a under registration load: nginx moves to b, every acknowledged registration is stored, seats equal rows")
    def _():
        activity = secretary.publish_activity(campaign, day, college, "集群测试：节点故障", 0)
        clients, duration, kill_at = 16, 5.0, 1.5
        log, lock = [], threading.Lock()
        t0 = time.monotonic()
        killed = []

        def load(c):
            conn, i = Conn(args.nginx), 0
            while time.monotonic() - t0 < duration:
                i += 1
                status, headers, body = conn.send("POST", register_path(activity),
                                                  registration(f"16{c:03d}{i:06d}"))
                data = body.get("data") if isinstance(body, dict) else None
                with lock:
                    log.append((time.monotonic() - t0, status, node_of(headers),
                                data["id"] if data and 200 <= status < 300 else None))
            conn.close()

        threads = [threading.Thread(target=load, args=(c,)) for c in range(clients)]
        for t in threads:
            t.start()
        time.sleep(kill_at)
        os.kill(args.pid_a, signal.SIGKILL)
        killed.append(time.monotonic() - t0)
        for t in threads:
            t.join(duration + 2 * REQUEST_TIMEOUT)
        acked = {r[3] for r in log if r[3] is not None}
        stored = {int(r[0]) for r in psql(
            f"SELECT id FROM registrations WHERE activity_id = {activity} AND status <> 'cancelled'")}
        seats = psql(f"SELECT confirmed + waiting FROM activity_seats WHERE activity_id = {activity}")
        seat_count = int(seats[0][0]) if seats else -1
        before = [r for r in log if r[0] < killed[0]]
        settled = [r for r in log if r[0] > killed[0] + 1.0]  # a second after the kill
        failed = [r for r in log if not (r[1] and 200 <= r[1] < 300)]
        missing = acked - stored
        ok = (not missing and seat_count == len(stored)
              and any(r[2] == "a" for r in before) and any(r[2] == "b" for r in before)
              and settled and all(r[1] == 201 and r[2] == "b" for r in settled))
        return ok, (f"{len(log)} requests, {len(acked)} acknowledged, {len(stored)} stored, "
                    f"{len(missing)} acknowledged but missing, activity_seats {seat_count}; "
                    f"{len(failed)} not acknowledged (statuses "
                    f"{sorted({r[1] for r in failed})}); answered before the kill by "
                    f"{sorted({r[2] for r in before})}, from 1 s after it: "
                    f"{len(settled)} requests, statuses {sorted({r[1] for r in settled})}, "
                    f"nodes {sorted({r[2] for r in settled})}")

    print(f"{'FAIL' if failures else 'PASS'} cluster test: {len(failures)} check(s) failed, "
          f"{time.monotonic() - started:.1f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("FAIL cluster test: interrupted", flush=True)
        sys.exit(130)
