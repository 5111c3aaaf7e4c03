#!/usr/bin/env python3
"""Holds many idle connections open against a server and measures /healthz meanwhile.

    bench/exhaust.py --port 8080 --connections 20000 --seconds 20 [--pid PID]

The idle connections are spread over several processes (each stays under its
own descriptor limit) and are reopened when the server closes them, as a
hostile client would. Every half second one /healthz request is timed on a
fresh connection (5 s timeout). With --pid, the server's CPU time over the
run is reported too. Prints one summary line per phase.
"""
import argparse
import multiprocessing
import os
import resource
import selectors
import socket
import statistics
import time


def hold(host, port, count, stop, opened):
    """Opens `count` connections and keeps them open (reopening closed ones)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sel = selectors.DefaultSelector()

    def connect():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.connect_ex((host, port))
            sel.register(s, selectors.EVENT_READ)
            return True
        except OSError:
            s.close()
            return False

    n = 0
    while n < count and not stop.is_set():
        if connect():
            n += 1
            with opened.get_lock():
                opened.value += 1
        else:
            time.sleep(0.01)
    reopened = 0
    while not stop.is_set():
        for key, _ in sel.select(timeout=0.2):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:  # closed by the server: come back
                sel.unregister(s)
                s.close()
                if connect():
                    reopened += 1
    with opened.get_lock():
        opened.value -= n


def healthz(host, port):
    started = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        ok = data.startswith(b"HTTP/1.1 200")
    except OSError:
        ok = False
    return ok, time.monotonic() - started


def cpu_seconds(pid):
    if not pid:
        return 0.0
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(host, port, seconds, pid, label):
    latencies, failures = [], 0
    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    while time.monotonic() - t0 < seconds:
        ok, took = healthz(host, port)
        if ok:
            latencies.append(took)
        else:
            failures += 1
        time.sleep(max(0.0, 0.5 - took))
    cpu = (cpu_seconds(pid) - cpu0) / (time.monotonic() - t0) * 100 if pid else float("nan")
    if latencies:
        q = sorted(latencies)
        print(f"{label}: /healthz ok {len(q)}, failed {failures}; "
              f"median {statistics.median(q) * 1000:.1f} ms, p90 {q[int(len(q) * 0.9)] * 1000:.1f} ms, "
              f"max {q[-1] * 1000:.1f} ms; server CPU {cpu:.0f}%", flush=True)
    else:
        print(f"{label}: /healthz ok 0, failed {failures}; server CPU {cpu:.0f}%", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--connections", type=int, default=20000)
    p.add_argument("--processes", type=int, default=4)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--pid", type=int, default=0, help="server pid, for its CPU time")
    a = p.parse_args()

    measure(a.host, a.port, 3, a.pid, "before")
    stop = multiprocessing.Event()
    opened = multiprocessing.Value("i", 0)
    per = a.connections // a.processes
    procs = [multiprocessing.Process(target=hold, args=(a.host, a.port, per, stop, opened))
             for _ in range(a.processes)]
    for proc in procs:
        proc.start()
    t0 = time.monotonic()
    while opened.value < per * a.processes and time.monotonic() - t0 < 30:
        time.sleep(0.1)
    print(f"holding {opened.value} connections", flush=True)
    measure(a.host, a.port, a.seconds, a.pid, f"during ({opened.value} idle)")
    stop.set()
    for proc in procs:
        proc.join()
    measure(a.host, a.port, 3, a.pid, "after")


if __name__ == "__main__":
    main()
