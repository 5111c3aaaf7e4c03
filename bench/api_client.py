"""A logged-in JSON client for the benchmark seeding scripts (envelope
unwrapped, CSRF header sent on every call after login)."""
import http.cookiejar
import json
import urllib.request


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        with self.opener.open(req) as res:
            return json.loads(res.read())["data"]

    def login(self, username, password="Demo@2025"):
        self.csrf = self.call("POST", "/api/auth/login",
                              {"username": username, "password": password})["csrf_token"]

    def session(self):
        return next(c.value for c in self.jar if c.name == "vw_session")

    def unit_id(self, name):
        return next(u["id"] for u in self.call("GET", "/api/units/tree")["items"] if u["name"] == name)
