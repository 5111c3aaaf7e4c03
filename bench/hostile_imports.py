#!/usr/bin/env python3
"""Posts hostile spreadsheets to the imports and measures the server meanwhile.

    ./build/vocweek seed-demo --db /tmp/demo.db
    ./build/vocweek serve --db /tmp/demo.db --port 18080 &
    bench/hostile_imports.py --port 18080 --pid $!

Not part of `make test`. All traffic goes to 127.0.0.1; each request gives up
after --timeout seconds. The files are built here with zipfile:

  wide     ~27 KB .xlsx, one cell at column XFD on each of 5,000 rows
  shared   ~24 KB .xlsx, one 9 MB shared string referenced by 5,000 cells
  entries  an .xlsx zip with 20,000 entries
  cell     an .xlsx whose one data cell holds 40,000 characters
  echo     for each import an .xlsx within the limits with its required
           columns, every cell holding 30,000 characters (quoted in messages)

Each is posted as a dry run to the units, users and activities imports, as
the demo province administrator (login, then X-CSRF-Token on every POST).
For each request: status, time to answer, the first Chinese message, the
longest run of the file's text quoted in it, and with --pid the server's
peak RSS while it ran (VmHWM, reset before each request through
/proc/PID/clear_refs; the resident size before is printed too). Run the
server under a memory bound (e.g. `prlimit --as=4294967296`) when it is
code that may not stop a hostile file.
"""
import argparse
import http.client
import io
import json
import os
import re
import time
import zipfile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>")
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>")
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>")


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(rows_xml, shared=None, extra=0):
    """An .xlsx with the given <row> elements, optional shared strings and
    `extra` empty entries besides the workbook's own."""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f"<sheetData>{rows_xml}</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            z.writestr("xl/sharedStrings.xml",
                       '<?xml version="1.0" encoding="UTF-8"?>'
                       '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                       f"{items}</sst>")
        for i in range(extra):
            z.writestr(f"xl/media/e{i}.bin", b"")
    return out.getvalue()


HEADER_ROW = '<row r="1">' + inline("A1", "名称") + "</row>"


def hostile_files():
    wide = workbook(HEADER_ROW + "".join(
        f'<row r="{r}">{inline(f"XFD{r}", "x")}</row>' for r in range(2, 5002)))
    # Rows and cells without references (they are optional) compress to nothing.
    shared = workbook(HEADER_ROW + '<row><c t="s"><v>0</v></c></row>' * 5000,
                      shared=["q" * (9 * 1024 * 1024)])
    entries = workbook(HEADER_ROW + '<row r="2">' + inline("A2", "x") + "</row>", extra=20000)
    cell = workbook(HEADER_ROW + '<row r="2">' + inline("A2", "z" * 40000) + "</row>")
    # Within the limits: each import's required columns, every cell holding
    # 30,000 characters, so that the import quotes one in its message.
    def echo(columns):
        letters = "ABCDEFGHIJ"[:len(columns)]
        return workbook(
            '<row r="1">' + "".join(inline(f"{c}1", t) for c, t in zip(letters, columns)) +
            '</row><row r="2">' + "".join(inline(f"{c}2", "w" * 30000) for c in letters) +
            "</row>")

    echoes = {"units": echo(["单位名称", "单位类型"]),
              "users": echo(["用户名", "姓名", "所属单位", "初始密码"]),
              "activities": echo(["活动名称", "主办单位", "开始时间", "结束时间", "活动形式"])}
    return {"wide": (wide, "x"), "shared": (shared, "q"), "entries": (entries, None),
            "cell": (cell, "z"), "echo": (echoes, "w")}


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
        self.csrf = json.loads(data)["data"]["csrf_token"]

    def get(self, path):
        status, data, _ = self.request("GET", path)
        if status != 200:
            raise SystemExit(f"GET {path} {status}: {data[:200]!r}")
        return json.loads(data)["data"]


def rss_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def reset_peak(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current resident size
        return True
    except OSError:
        return False


def first_message(data):
    """The first Chinese message of an answer: the error's, or the first
    row error's of an import report."""
    try:
        body = json.loads(data)
    except ValueError:
        return "(not JSON) " + data[:80].decode("utf-8", "replace")
    if "error" in body:
        e = body["error"]
        return f"[{e.get('field', '')}] {e.get('message', '')}"
    report = body.get("data", {})
    errors = report.get("errors") or []
    if errors:
        e = errors[0]
        return f"[row {e.get('row')} {e.get('field', '')}] {e.get('message', '')}"
    return f"valid={report.get('valid')} rows={report.get('rows')}"


def longest_run(message, ch):
    if not ch:
        return 0
    runs = re.findall(re.escape(ch) + "+", message.split("] ", 1)[-1])
    return max((len(r) for r in runs), default=0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, default=0, help="server pid, for its peak RSS")
    p.add_argument("--user", default="province")
    p.add_argument("--password", default="Demo@2025")
    p.add_argument("--files", default="wide,shared,entries,cell,echo")
    p.add_argument("--imports", default="units,users,activities")
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--save", help="directory to write the generated files to")
    a = p.parse_args()

    files = hostile_files()
    if a.save:
        os.makedirs(a.save, exist_ok=True)
        for name, (data, _) in files.items():
            for imp, body in data.items() if isinstance(data, dict) else [("", data)]:
                with open(os.path.join(a.save, name + (imp and "-" + imp) + ".xlsx"), "wb") as f:
                    f.write(body)
    api = Api(a.port, a.timeout)
    api.login(a.user, a.password)
    campaign = api.get("/api/public/campaigns/current")["id"]
    paths = {"units": "/api/imports/units?dry_run=1",
             "users": "/api/imports/users?dry_run=1",
             "activities": f"/api/campaigns/{campaign}/activities/import?dry_run=1"}
    for name in a.files.split(","):
        file, ch = files[name]
        size = max(len(d) for d in file.values()) if isinstance(file, dict) else len(file)
        print(f"== {name}: {size / 1024:.1f} KB", flush=True)
        for imp in a.imports.split(","):
            data = file[imp] if isinstance(file, dict) else file
            before = rss_kb(a.pid, "VmRSS") if a.pid else 0
            peak_reset = reset_peak(a.pid) if a.pid else False
            t0 = time.monotonic()
            try:
                status, body, _ = api.request("POST", paths[imp], data, XLSX)
                message = first_message(body)
            except OSError as e:
                status, message = 0, f"no answer: {e}"
            took = time.monotonic() - t0
            alive = a.pid and os.path.exists(f"/proc/{a.pid}")
            peak = rss_kb(a.pid, "VmHWM") if alive else 0
            mem = ""
            if a.pid:
                mem = (f"; RSS before {before / 1024:.0f} MB, peak {peak / 1024:.0f} MB"
                       f"{'' if peak_reset else ' (peak since start)'}"
                       f"{'' if alive else ' (server gone)'}")
            print(f"  {imp}: {status} in {took * 1000:.0f} ms{mem}; quotes "
                  f"{longest_run(message, ch)} chars of the file: {message[:200]}", flush=True)


if __name__ == "__main__":
    main()
