#!/usr/bin/env python3
"""Publishes N on-campus activities on the campaign's second day through the
API, as the demo college secretary, for bench/run.sh. Usage: seed_programme.py BASE_URL N"""
import sys

from api_client import Client

base, count = sys.argv[1], int(sys.argv[2])
api = Client(base)
api.login("sctc-college")
call = api.call
campaign = call("GET", "/api/public/campaigns/current")
day = campaign["days"][1]
college = api.unit_id("智能制造学院")
for i in range(count):
    hour = 8 + i % 10
    a = call("POST", f"/api/campaigns/{campaign['id']}/activities", {
        "unit_id": college,
        "title": f"职普融通体验活动第{i + 1}场：工业机器人与智能制造开放体验",
        "description": "面向中小学生和家长开放实训室，体验工业机器人编程、数控加工与智能产线。" * 2,
        "theme_day_id": day["id"],
        "starts_at": f"{day['date']}T{hour:02d}:00:00+08:00",
        "ends_at": f"{day['date']}T{hour:02d}:50:00+08:00",
        "place_kind": "on_campus",
        "place": "东区实训楼",
        "audiences": ["pupils", "parents"],
        "capacity": 60,
        "open_to_public": True,
        "registration_required": True,
    })
    call("POST", f"/api/activities/{a['id']}/publish", {})
print(f"{campaign['id']} {day['id']}")
