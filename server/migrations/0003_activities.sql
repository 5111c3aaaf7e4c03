-- Activities (SPEC "Activities"): categories and tags per campaign as data
-- (notice 000 annexes 1-2 and section 三, notice 001 section 三), audiences,
-- and the activities units run during the week. Approval, publishing and
-- registration build on these tables in later migrations.

CREATE TABLE activity_categories (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  group_name TEXT NOT NULL,
  detail_fields TEXT NOT NULL DEFAULT '',  -- extra fields it asks for: partner, cooperation, enterprises, posts
  sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (campaign_id, code)
);

CREATE TABLE audiences (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO audiences (code, name, sort_order) VALUES
  ('pupils', '中小学生', 1),
  ('parents', '家长', 2),
  ('public', '社会公众', 3),
  ('enterprises', '企业', 4),
  ('staff_students', '本校师生', 5);

CREATE TABLE activities (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  theme_day_id BIGINT REFERENCES theme_days(id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  part_of_month INTEGER NOT NULL DEFAULT 0,   -- part of a longer 活动月: may leave the week
  place_kind TEXT NOT NULL,                   -- on_campus | off_campus | online
  place TEXT NOT NULL DEFAULT '',             -- venue, or the address off campus
  online_url TEXT NOT NULL DEFAULT '',
  category_id BIGINT REFERENCES activity_categories(id),
  capacity INTEGER NOT NULL DEFAULT 0,        -- 0: no limit
  open_to_public INTEGER NOT NULL DEFAULT 0,
  registration_required INTEGER NOT NULL DEFAULT 0,
  organiser TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  featured INTEGER NOT NULL DEFAULT 0,        -- 特色/品牌活动
  partner TEXT NOT NULL DEFAULT '',           -- 校企签约: partner enterprise
  cooperation TEXT NOT NULL DEFAULT '',       -- 校企签约: fields of cooperation
  enterprises TEXT NOT NULL DEFAULT '',       -- 招聘会: enterprises taking part
  posts_offered INTEGER NOT NULL DEFAULT 0,   -- 招聘会: posts offered
  status TEXT NOT NULL DEFAULT 'draft',
  version INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX activities_campaign_unit ON activities(campaign_id, unit_id);
CREATE INDEX activities_campaign_start ON activities(campaign_id, starts_at);

CREATE TABLE activity_tags (
  activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  category_id BIGINT NOT NULL REFERENCES activity_categories(id),
  PRIMARY KEY (activity_id, category_id)
);

CREATE TABLE activity_audiences (
  activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  audience TEXT NOT NULL REFERENCES audiences(code),
  PRIMARY KEY (activity_id, audience)
);
