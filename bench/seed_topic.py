#!/usr/bin/env python3
"""Published publicity items for the topic site's endpoints in bench/run.sh:
pictures drawn by ffmpeg and uploaded through the API as the demo college
secretary, then, per theme day, news, cases and photo sets published as rows
the material library leaves (its API is written on another branch; the
public reads only need the rows). Usage: seed_topic.py BASE_URL DB_FILE"""
import sqlite3
import subprocess
import sys
import tempfile
import urllib.request

from api_client import Client

base, db_file = sys.argv[1], sys.argv[2]
api = Client(base)
api.login("sctc-college")
call = api.call
campaign = call("GET", "/api/public/campaigns/current")
college = api.unit_id("智能制造学院")


def picture(colour):
    with tempfile.NamedTemporaryFile(suffix=".jpg") as f:
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        f"color=c={colour}:s=1200x800", "-frames:v", "1", f.name], check=True)
        return open(f.name, "rb").read()


def upload(data, name):
    up = call("POST", "/api/media/uploads",
              {"unit_id": college, "name": name, "size": len(data), "kind": "image"})
    req = urllib.request.Request(f"{base}/api/media/uploads/{up['id']}/chunks?offset=0", data=data,
                                 method="PUT", headers={"Content-Type": "application/octet-stream",
                                                        "X-CSRF-Token": api.csrf})
    api.opener.open(req, timeout=30).read()
    return call("POST", f"/api/media/uploads/{up['id']}/complete", {})["id"]


blobs = [upload(picture(c), f"{c}.jpg") for c in ("steelblue", "darkorange", "seagreen")]
body = "职业教育活动周期间，学院开放实训基地，市民和中小学生走进校园体验工业机器人编程、数控加工。" * 4
now = "2025-05-14T02:00:00Z"
db = sqlite3.connect(db_file, timeout=10)
for d, day in enumerate(campaign["days"]):
    for n, (kind, title, status) in enumerate(
            [("article", "开放日新闻", "accepted")] * 4 + [("case", "典型案例", "pushed")] * 2 +
            [("photos", "活动图集", "accepted")] * 3):
        published = f"2025-05-{12 + d:02d}T{n + 1:02d}:00:00Z"
        cur = db.execute(
            "INSERT INTO publicity_items(campaign_id, unit_id, kind, title, body, author, theme_day_id, "
            "has_people, portrait_consent, status, published_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, '宣传组', ?, 1, 1, ?, ?, ?, ?)",
            (campaign["id"], college, kind, f"{day['name']}·{title}{n + 1}",
             body if kind != "photos" else "", day["id"], status, published, now, now))
        for i, blob in enumerate(blobs if kind == "photos" else blobs[:1]):
            db.execute("INSERT INTO publicity_item_files(item_id, blob_id, sort_order, caption) "
                       "VALUES (?, ?, ?, '现场')", (cur.lastrowid, blob, i))
db.commit()
print(campaign["id"])
