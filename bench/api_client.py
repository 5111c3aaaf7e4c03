"""A logged-in JSON client for the benchmark seeding scripts and the cluster
test (envelope unwrapped, CSRF header sent on every call after login)."""
import copy
import http.cookiejar
import json
import urllib.request


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""
        self.last_headers = None  # of the last answer

    def at(self, base):
        """The same session (cookies, CSRF token) sent to another base URL."""
        other = copy.copy(self)
        other.base = base
        return other

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        with self.opener.open(req, timeout=30) as res:
            self.last_headers = res.headers
            return json.loads(res.read())["data"]

    def login(self, username, password="Demo@2025"):
        self.csrf = self.call("POST", "/api/auth/login",
                              {"username": username, "password": password})["csrf_token"]

    def session(self):
        return next(c.value for c in self.jar if c.name == "vw_session")

    def unit_id(self, name):
        return next(u["id"] for u in self.call("GET", "/api/units/tree")["items"] if u["name"] == name)

    def publish_activity(self, campaign, day, unit_id, title, capacity):
        """Creates and publishes an on-campus activity of that day, open to the
        public with registration; capacity 0 is unlimited. Returns its id."""
        a = self.call("POST", f"/api/campaigns/{campaign['id']}/activities", {
            "unit_id": unit_id, "title": title, "theme_day_id": day["id"],
            "starts_at": f"{day['date']}T09:00:00+08:00", "ends_at": f"{day['date']}T17:00:00+08:00",
            "place_kind": "on_campus", "place": "东区科技广场", "capacity": capacity,
            "open_to_public": True, "registration_required": True})
        self.call("POST", f"/api/activities/{a['id']}/publish", {})
        return a["id"]
