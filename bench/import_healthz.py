#!/usr/bin/env python3
"""Times /healthz while users imports run.

    ./build/vocweek seed-demo --db /tmp/demo.db
    ./build/vocweek serve --db /tmp/demo.db --port 18080 &
    bench/import_healthz.py --port 18080 --rows 1000 --parallel 2

Not part of `make test`. All traffic goes to 127.0.0.1 and the run ends when
the imports have answered (each gives up after --timeout seconds).

Logs in as the demo province administrator and sends --parallel users
imports at once (not dry runs: passwords are hashed only for a file that
will be written), each a CSV of --rows valid new users homed at the
caller's own unit, with distinct user names on every run. Meanwhile a
/healthz request goes out every 100 ms, each on a fresh connection (timeout
--timeout). Prints each import's status, rows created and duration, and
the count, failures and median/p90/max latency of the /healthz requests
sent while the imports ran (and of 3 s before, for comparison).
"""
import argparse
import http.client
import json
import socket
import statistics
import threading
import time


class Api:
    def __init__(self, port, timeout):
        self.port, self.timeout = port, timeout
        self.cookie, self.csrf = "", ""

    def request(self, method, path, body=None, content_type="application/json"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Host": "127.0.0.1", "Content-Type": content_type}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        try:
            conn.request(method, path, body=body, headers=headers)
            res = conn.getresponse()
            data = res.read()
            cookies = [v.split(";", 1)[0] for k, v in res.getheaders() if k.lower() == "set-cookie"]
            return res.status, data, cookies
        finally:
            conn.close()

    def login(self, username, password):
        status, data, cookies = self.request(
            "POST", "/api/auth/login",
            json.dumps({"username": username, "password": password}).encode())
        if status != 200:
            raise SystemExit(f"login {status}: {data[:200]!r}")
        self.cookie = "; ".join(cookies)
        body = json.loads(data)["data"]
        self.csrf = body["csrf_token"]
        return body


def users_csv(prefix, rows, unit):
    lines = ["用户名,姓名,所属单位,初始密码"]
    lines += [f"{prefix}{i:04d},测试用户{i},{unit},Init2025x{i}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def healthz(port, timeout):
    t0 = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        ok = data.startswith(b"HTTP/1.1 200")
    except OSError:
        ok = False
    return t0, time.monotonic() - t0, ok


def summary(label, samples):
    lat = sorted(took for _, took, ok in samples if ok)
    failed = sum(1 for _, _, ok in samples if not ok)
    if not lat:
        return f"{label}: /healthz ok 0, failed {failed}"
    return (f"{label}: /healthz ok {len(lat)}, failed {failed}; median "
            f"{statistics.median(lat) * 1000:.1f} ms, p90 {lat[int(len(lat) * 0.9)] * 1000:.1f} ms, "
            f"max {lat[-1] * 1000:.1f} ms")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--rows", type=int, default=1000)
    p.add_argument("--parallel", type=int, default=2)
    p.add_argument("--user", default="province")
    p.add_argument("--password", default="Demo@2025")
    p.add_argument("--unit", help="所属单位 of the new users (default: the caller's unit)")
    p.add_argument("--timeout", type=float, default=600)
    a = p.parse_args()

    api = Api(a.port, a.timeout)
    me = api.login(a.user, a.password)
    unit = a.unit or me["unit_name"]
    stamp = time.strftime("%H%M%S")
    files = [users_csv(f"b{stamp}x{k}u", a.rows, unit) for k in range(a.parallel)]

    samples, stop = [], threading.Event()

    def probe():
        while not stop.is_set():
            started = time.monotonic()
            samples.append(healthz(a.port, a.timeout))
            time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))

    prober = threading.Thread(target=probe)
    prober.start()
    time.sleep(3)
    results = [None] * a.parallel

    def run(k):
        t0 = time.monotonic()
        try:
            status, data, _ = api.request("POST", "/api/imports/users", files[k], "text/csv")
            body = json.loads(data)
            report = body.get("data") or body.get("error")
        except (OSError, ValueError) as e:
            status, report = 0, str(e)
        results[k] = (t0, time.monotonic(), status, report)

    began = time.monotonic()
    workers = [threading.Thread(target=run, args=(k,)) for k in range(a.parallel)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    ended = time.monotonic()
    stop.set()
    prober.join()

    print(f"{a.parallel} users imports of {a.rows} rows at {unit}:")
    for t0, t1, status, report in results:
        if isinstance(report, dict) and "valid" in report:
            what = f"valid={report['valid']} rows={report['rows']} created={report['created']}"
            if report.get("errors"):
                what += f" first error: {report['errors'][0]}"
        else:
            what = str(report)[:200]
        print(f"  {status} in {t1 - t0:.1f} s: {what}")
    print(summary("before", [s for s in samples if s[0] < began]))
    print(summary(f"during ({ended - began:.1f} s)", [s for s in samples if began <= s[0] < ended]))


if __name__ == "__main__":
    main()
