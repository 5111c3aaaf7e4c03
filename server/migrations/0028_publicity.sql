-- The material library and its flow up the chain (issue 18): items of four
-- kinds (稿件 article, 图片 photos, 视频 video, 典型案例 case) with their
-- files (media_blobs of migration 0027), the steps each took (提交, 采用,
-- 退回, 推荐, 择优推送, 公开), the units that took an item into their own
-- library, and the outlets where a pushed item was published (each becomes
-- a media report, so annex 5 keeps counting records). Contract:
-- docs/publicity.md. Times are UTC text like the other records.

CREATE TABLE publicity_items (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),      -- the origin: whose item it is
  kind TEXT NOT NULL,                                -- article | photos | video | case
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',                     -- article and case text
  author TEXT NOT NULL DEFAULT '',
  theme_day_id BIGINT REFERENCES theme_days(id),
  activity_id BIGINT REFERENCES activities(id) ON DELETE SET NULL,
  video_url TEXT NOT NULL DEFAULT '',                -- a video on a platform
  tags TEXT NOT NULL DEFAULT '[]',                   -- JSON array of activity_categories codes
  has_people INTEGER NOT NULL DEFAULT 0,             -- photos show people
  minors INTEGER NOT NULL DEFAULT 0,                 -- ... minors among them
  portrait_consent INTEGER NOT NULL DEFAULT 0,       -- consent held (minors: the guardians')
  status TEXT NOT NULL DEFAULT 'draft',              -- draft | submitted | returned | accepted | pushed
  at_unit_id BIGINT REFERENCES units(id),            -- submitted: who decides; accepted: who took it last
  from_unit_id BIGINT REFERENCES units(id),          -- who sent it there (origin, or a recommender)
  submitted_at TEXT,                                 -- first submission to the origin's parent
  late INTEGER NOT NULL DEFAULT 0,                   -- submitted after the 'materials' deadline
  published_at TEXT,                                 -- on the public site since (NULL: not public)
  published_by BIGINT REFERENCES units(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX publicity_items_campaign_unit ON publicity_items(campaign_id, unit_id);
CREATE INDEX publicity_items_at_unit ON publicity_items(at_unit_id, status);
CREATE INDEX publicity_items_public ON publicity_items(campaign_id, published_at);

CREATE TABLE publicity_item_files (
  item_id BIGINT NOT NULL REFERENCES publicity_items(id) ON DELETE CASCADE,
  blob_id BIGINT NOT NULL REFERENCES media_blobs(id),
  sort_order INTEGER NOT NULL DEFAULT 0,
  caption TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (item_id, blob_id)
);
CREATE INDEX publicity_item_files_blob ON publicity_item_files(blob_id);

-- 采用: the units that took the item into their library (origin kept).
CREATE TABLE publicity_takes (
  item_id BIGINT NOT NULL REFERENCES publicity_items(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  taken_at TEXT NOT NULL,
  PRIMARY KEY (item_id, unit_id)
);
CREATE INDEX publicity_takes_unit ON publicity_takes(unit_id);

CREATE TABLE publicity_steps (
  id {{id_pk}},
  item_id BIGINT NOT NULL REFERENCES publicity_items(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),      -- the unit that acted
  action TEXT NOT NULL,   -- submit | accept | return | recommend | push | publish | unpublish
  to_unit_id BIGINT REFERENCES units(id),            -- submit/recommend: the receiver
  comment TEXT NOT NULL DEFAULT '',
  user_id BIGINT REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX publicity_steps_item ON publicity_steps(item_id);

-- A pushed item's outlets: each also a media_reports row.
ALTER TABLE media_reports ADD COLUMN publicity_item_id BIGINT REFERENCES publicity_items(id) ON DELETE SET NULL;
CREATE INDEX media_reports_publicity ON media_reports(publicity_item_id);
