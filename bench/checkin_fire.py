#!/usr/bin/env python3
"""Fires check-in scans at a server until it stops answering, and writes the
scan id of every scan whose upload was answered 2xx, one per line, to
ACKED_FILE as soon as the answer arrives (for bench/checkin_kill.sh).
Each of THREADS threads keeps one keep-alive connection, uploads BATCH scans
per request with unique ids, and stops at the first connection error or
after SECONDS. Usage:
checkin_fire.py PORT ACTIVITY_ID CSRF SESSION TOKENS_FILE ACKED_FILE THREADS BATCH SECONDS"""
import http.client
import json
import os
import sys
import threading
import time

port, activity, csrf, session, tokens_file, acked_file = sys.argv[1:7]
threads, batch, seconds = int(sys.argv[7]), int(sys.argv[8]), float(sys.argv[9])
prefix = os.environ.get("PREFIX", "kill")  # keeps scan ids unique across runs
tokens = [t.strip() for t in open(tokens_file) if t.strip()]
acked = open(acked_file, "w")
lock = threading.Lock()
deadline = time.monotonic() + seconds
headers = {"Content-Type": "application/json", "X-CSRF-Token": csrf,
           "Cookie": f"vw_session={session}"}


def fire(tid):
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
    n = 0
    while time.monotonic() < deadline:
        ids = [f"{prefix}-t{tid}-{n + i}" for i in range(batch)]
        scans = [{"scan_id": s, "token": tokens[(n + i) % len(tokens)], "people": 1}
                 for i, s in enumerate(ids)]
        n += batch
        try:
            conn.request("POST", f"/api/activities/{activity}/checkins",
                         json.dumps({"scans": scans}), headers)
            res = conn.getresponse()
            res.read()
        except (OSError, http.client.HTTPException):
            return  # the server is gone
        if 200 <= res.status < 300:
            with lock:
                acked.write("\n".join(ids) + "\n")
                acked.flush()


workers = [threading.Thread(target=fire, args=(t,)) for t in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
acked.close()
