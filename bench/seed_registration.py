#!/usr/bin/env python3
"""Publishes N activities without a seat limit on the campaign's last day
(open for registration at the demo clock, VOCWEEK_CLOCK=2025-05-14T10:00+08:00),
as the demo college secretary, for bench/cluster.sh; prints their ids on one
line. Usage: seed_registration.py BASE_URL N"""
import sys

from api_client import Client

base, count = sys.argv[1], int(sys.argv[2])
api = Client(base)
api.login("sctc-college")
campaign = api.call("GET", "/api/public/campaigns/current")
day = campaign["days"][-1]
college = api.unit_id("智能制造学院")
print(" ".join(str(api.publish_activity(campaign, day, college, f"报名压测活动{i + 1}", 0))
               for i in range(count)))
