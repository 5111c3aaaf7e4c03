-- 集中展示日 (issue 19): a display event held by a unit in a campaign, its
-- venue plan (versioned JSON), the booth applications of the units below
-- it and the stage programme. Contract: docs/display.md. Times are UTC
-- text like the other records; days are YYYY-MM-DD, times of day HH:MM
-- (Asia/Shanghai, the event's local time).

CREATE TABLE display_events (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),        -- the organiser
  title TEXT NOT NULL,
  venue TEXT NOT NULL,                                 -- where it is held now
  day TEXT NOT NULL,                                   -- YYYY-MM-DD, now
  start_time TEXT NOT NULL,                            -- HH:MM
  end_time TEXT NOT NULL,
  fallback_venue TEXT NOT NULL DEFAULT '',             -- bad weather
  fallback_day TEXT NOT NULL DEFAULT '',
  weather_switched INTEGER NOT NULL DEFAULT 0,         -- moved to the fallback
  original_venue TEXT NOT NULL DEFAULT '',             -- before the switch
  original_day TEXT NOT NULL DEFAULT '',
  setup_time TEXT NOT NULL DEFAULT '',                 -- 布展时间 (free text)
  clear_time TEXT NOT NULL DEFAULT '',                 -- 撤展时间
  contact TEXT NOT NULL DEFAULT '',                    -- 联系人及电话
  activity_id BIGINT REFERENCES activities(id) ON DELETE SET NULL,
  plan TEXT NOT NULL DEFAULT '{}',                     -- the current plan (JSON)
  plan_version INTEGER NOT NULL DEFAULT 0,             -- 0: never drawn
  published_at TEXT,                                   -- booths published since
  version INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX display_events_campaign ON display_events(campaign_id, unit_id);

-- Every saved plan, for history (the event holds the current one).
CREATE TABLE display_plan_versions (
  event_id BIGINT NOT NULL REFERENCES display_events(id) ON DELETE CASCADE,
  plan_version INTEGER NOT NULL,
  plan TEXT NOT NULL,
  saved_by BIGINT REFERENCES users(id),
  saved_at TEXT NOT NULL,
  PRIMARY KEY (event_id, plan_version)
);

CREATE TABLE display_applications (
  id {{id_pk}},
  event_id BIGINT NOT NULL REFERENCES display_events(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),        -- the exhibitor
  exhibit TEXT NOT NULL,                               -- 展示内容
  category TEXT NOT NULL DEFAULT '',                   -- 专业群/类别 (neighbours)
  tables_needed INTEGER NOT NULL DEFAULT 0,
  power INTEGER NOT NULL DEFAULT 0,
  network INTEGER NOT NULL DEFAULT 0,
  area_m2 INTEGER NOT NULL DEFAULT 0,
  contact TEXT NOT NULL DEFAULT '',
  booth TEXT NOT NULL DEFAULT '',                      -- the booth number assigned ('' none)
  version INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, unit_id)
);
CREATE INDEX display_applications_unit ON display_applications(unit_id);

CREATE TABLE display_slots (
  id {{id_pk}},
  event_id BIGINT NOT NULL REFERENCES display_events(id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  title TEXT NOT NULL,
  performer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX display_slots_event ON display_slots(event_id, sort_order);
