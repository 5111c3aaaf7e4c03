#!/usr/bin/python3
"""Receivers for the message tests (server/src/messages/messages_test.cc).

  message_sinks.py smtp DIR [--fail-first N] [--auth USER:PASSWORD] [--hold]
  message_sinks.py http DIR [--fail-first N]

Listens on a free port of 127.0.0.1, writes the port to DIR/port, then
writes every message it accepts to DIR/NNNN.msg (an e-mail's recipients in
an "X-Rcpt:" line, then the message as received; an HTTP request's path in
a first line, then its body). The first N messages are refused (SMTP 451,
HTTP 500) and not written. With --hold, while the file DIR/hold exists the
SMTP sink writes each message it has received whole but does not answer its
final "." (a sender killed then has delivered without knowing it; the kill -9
test of web/e2e/messages.spec.mjs). Runs until SIGTERM.
SMTP is Debian's python3-aiosmtpd; HTTP is the standard library.
"""
import argparse
import http.server
import os
import signal
import socket
import sys
import threading
import time


class Store:
    def __init__(self, directory, fail_first):
        self.dir = directory
        self.fail = fail_first
        self.count = 0
        self.lock = threading.Lock()

    def refuse(self):
        with self.lock:
            if self.fail > 0:
                self.fail -= 1
                return True
            return False

    def write(self, data):
        with self.lock:
            self.count += 1
            path = os.path.join(self.dir, "%04d.msg" % self.count)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.rename(path + ".tmp", path)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def announce(directory, port):
    with open(os.path.join(directory, "port.tmp"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))


def run_smtp(store, auth, hold):
    import asyncio

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            if store.refuse():
                return "451 4.3.0 try again later"
            rcpt = ("X-Rcpt: " + ",".join(envelope.rcpt_tos) + "\r\n").encode()
            store.write(rcpt + (envelope.original_content or envelope.content))
            while hold and os.path.exists(os.path.join(store.dir, "hold")):
                await asyncio.sleep(0.1)
            return "250 OK"

    kwargs = {}
    if auth:
        user, password = auth.split(":", 1)

        def check(server, session, envelope, mechanism, data):
            ok = data.login == user.encode() and data.password == password.encode()
            return AuthResult(success=ok)

        kwargs = dict(authenticator=check, auth_required=True, auth_require_tls=False)
    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    return port, controller.stop


def run_http(store):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            if store.refuse():
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            store.write(self.path.encode() + b"\n" + body)
            answer = b'{"errcode":0,"errmsg":"ok"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1], server.shutdown


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["smtp", "http"])
    parser.add_argument("dir")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--auth", default="")
    parser.add_argument("--hold", action="store_true")
    args = parser.parse_args()
    store = Store(args.dir, args.fail_first)
    if args.kind == "smtp":
        port, stop = run_smtp(store, args.auth, args.hold)
    else:
        port, stop = run_http(store)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    announce(args.dir, port)
    while not done.is_set():
        time.sleep(0.2)
    stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
