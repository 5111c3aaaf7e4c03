#!/usr/bin/env python3
"""Cold start and memory of a vocweek server, for bench/memory.sh.

    memory.py coldstart --starts 5 --path /api/... --log FILE -- vocweek serve ... --port {port}
        Starts the command STARTS times (a free port each time, put in place
        of {port}); each time measures from just before exec to the first 200
        on /healthz and then to the first 200 on PATH (polling every 2 ms),
        stops the server with SIGTERM. Prints one JSON object: every start's
        milliseconds and the medians.

    memory.py hold --port P --pid PID --connections 10000 --path /api/...
        Reads VmRSS and VmHWM of PID, opens CONNECTIONS keep-alive connections
        to 127.0.0.1:P, sends one GET of PATH on each and reads its answer
        (all must be 200), keeps them open, reads the memory again (and once
        more after HOLD seconds), closes them and reads it a last time. Prints
        one JSON object, with the bytes per open connection.
"""
import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=1.0):
    """Status of GET path on a fresh connection; 0 when there is no answer."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                      "Connection: close\r\n\r\n".encode())
            head = s.recv(64)
        return int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/1.1 ") else 0
    except OSError:
        return 0


def until_200(port, path, started, proc, deadline=20.0):
    while time.monotonic() - started < deadline:
        if get(port, path) == 200:
            return (time.monotonic() - started) * 1000
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        time.sleep(0.002)
    raise SystemExit(f"no 200 on {path} within {deadline} s")


def coldstart(a):
    health, programme = [], []
    with open(a.log, "ab") as log:
        for _ in range(a.starts):
            port = free_port()
            cmd = [part.replace("{port}", str(port)) for part in a.command]
            started = time.monotonic()
            proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
            try:
                health.append(round(until_200(port, "/healthz", started, proc), 1))
                programme.append(round(until_200(port, a.path, started, proc), 1))
            finally:
                proc.terminate()
                proc.wait(timeout=10)
    print(json.dumps({"starts": a.starts, "healthz_ms": health, "programme_ms": programme,
                      "healthz_median_ms": statistics.median(health),
                      "programme_median_ms": statistics.median(programme)}))


def status_kb(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                out[key] = int(value.split()[0])
    out["fds"] = len(os.listdir(f"/proc/{pid}/fd"))
    return out


async def open_one(port, request, sem, held):
    async with sem:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await reader.readexactly(length)
        held.append((reader, writer))
        return head.startswith(b"HTTP/1.1 200")


async def hold_async(a):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < a.connections + 100:
        raise SystemExit(f"needs {a.connections + 100} descriptors, the hard limit is {hard}")
    request = f"GET {a.path} HTTP/1.1\r\nHost: 127.0.0.1:{a.port}\r\n\r\n".encode()
    idle = status_kb(a.pid)
    sem = asyncio.Semaphore(200)
    held = []
    t0 = time.monotonic()
    results = await asyncio.gather(*(open_one(a.port, request, sem, held)
                                     for _ in range(a.connections)), return_exceptions=True)
    opened_s = time.monotonic() - t0
    ok = sum(1 for r in results if r is True)
    failed = [r for r in results if r is not True]
    await asyncio.sleep(0.5)
    holding = status_kb(a.pid)
    await asyncio.sleep(a.hold)
    later = status_kb(a.pid)
    # Every connection is still open: none has been closed by the server.
    still_open = sum(1 for r, w in held if not r.at_eof() and not w.is_closing())
    for _, w in held:
        w.close()
    await asyncio.sleep(1.0)
    after = status_kb(a.pid)
    per = (holding["VmRSS"] - idle["VmRSS"]) * 1024 / max(1, ok)
    print(json.dumps({
        "connections": a.connections, "answered_200": ok,
        "failed": len(failed), "first_failure": repr(failed[0]) if failed else None,
        "still_open_after_hold": still_open, "open_seconds": round(opened_s, 2),
        "idle": idle, "holding": holding, f"holding_after_{a.hold}s": later, "closed": after,
        "bytes_per_connection": round(per)}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="what", required=True)
    c = sub.add_parser("coldstart")
    c.add_argument("--starts", type=int, default=5)
    c.add_argument("--path", required=True)
    c.add_argument("--log", required=True)
    c.add_argument("command", nargs=argparse.REMAINDER)
    h = sub.add_parser("hold")
    h.add_argument("--port", type=int, required=True)
    h.add_argument("--pid", type=int, required=True)
    h.add_argument("--connections", type=int, default=10000)
    h.add_argument("--path", default="/api/public/campaigns/current")
    h.add_argument("--hold", type=float, default=5)
    a = p.parse_args()
    if a.what == "coldstart":
        if a.command and a.command[0] == "--":
            a.command = a.command[1:]
        coldstart(a)
    else:
        asyncio.run(hold_async(a))


if __name__ == "__main__":
    sys.exit(main())
