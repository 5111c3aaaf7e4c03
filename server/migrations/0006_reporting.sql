-- Reporting forms, first part: media reports as records (until the
-- publicity module exists), the input of the statistics form's last three
-- columns (annex 5: 省级及以上 / 市（州）级 / 县（区）级).

CREATE TABLE media_reports (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  activity_id BIGINT REFERENCES activities(id) ON DELETE SET NULL,
  outlet TEXT NOT NULL,
  level TEXT NOT NULL,
  title TEXT NOT NULL,
  published_on TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX media_reports_campaign_unit ON media_reports(campaign_id, unit_id);
