#!/usr/bin/env python3
"""Prepares the check-in benchmark through the API: one published activity
without a seat limit and CLASSES class bookings of 200 pupils each (so every
scan of one pupil admits someone), a second activity with 100 seats for the
registration contention run. Writes the tickets' tokens, one per line, to
TOKENS_FILE and prints "checkin_activity_id contention_activity_id csrf session".
Usage: seed_checkin.py BASE_URL CLASSES TOKENS_FILE"""
import sys

from api_client import Client

base, classes, tokens_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
api = Client(base)
api.login("sctc-college")
call = api.call
campaign = call("GET", "/api/public/campaigns/current")
day = campaign["days"][1]
college = api.unit_id("智能制造学院")


def activity(title, capacity):
    return api.publish_activity(campaign, day, college, title, capacity)


checkin = activity("职教活动周集中展示日（签到压测）", 0)
contention = activity("职普融通体验日（报名压测）", 100)
with open(tokens_file, "w") as out:
    for i in range(classes):
        r = call("POST", f"/api/public/activities/{checkin}/registrations", {
            "kind": "group", "name": f"带队教师{i}", "mobile": f"137{i:08d}",
            "category": "pupil_primary", "school": "新都区实验小学", "class_name": f"{i}班",
            "head_count": 200, "consent": True, "under_14": True, "guardian_name": "班主任"})
        out.write(r["token"] + "\n")
print(f"{checkin} {contention} {api.csrf} {api.session()}")
