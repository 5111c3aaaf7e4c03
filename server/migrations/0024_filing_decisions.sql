-- Decisions on off-campus filings kept one by one (issue 15): the approving
-- unit's 已处理 list shows what it decided, with the opinion (审批意见),
-- who and when. activity_filings keeps only the latest decision and is
-- cleared on re-filing; these rows stay. approving_unit_id is the school
-- whose office decides (or the activity's own unit when no school is above
-- it), fixed at decision time.

CREATE TABLE activity_filing_decisions (
  id {{id_pk}},
  activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  campaign_id BIGINT NOT NULL,
  approving_unit_id BIGINT NOT NULL REFERENCES units(id),
  decision TEXT NOT NULL,
  opinion TEXT NOT NULL DEFAULT '',
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT NOT NULL
);
CREATE INDEX activity_filing_decisions_campaign ON activity_filing_decisions(campaign_id, approving_unit_id, id);
