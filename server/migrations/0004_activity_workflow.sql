-- Off-campus filing and approval (外出报备审批, notice 001 五(六)), publishing
-- and cancellation of activities.
-- activities.status: draft | pending (filing awaits approval) | rejected |
-- approved | published | cancelled.

CREATE TABLE activity_filings (
  activity_id BIGINT PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  destination TEXT NOT NULL,
  teacher_in_charge TEXT NOT NULL,
  teacher_phone TEXT NOT NULL DEFAULT '',
  staff_count INTEGER NOT NULL DEFAULT 0,
  student_count INTEGER NOT NULL DEFAULT 0,
  transport TEXT NOT NULL DEFAULT '',
  safety_plan TEXT NOT NULL DEFAULT '',
  submitted_by BIGINT REFERENCES users(id),
  submitted_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT,
  reason TEXT NOT NULL DEFAULT ''
);

ALTER TABLE activities ADD COLUMN published_at TEXT;
ALTER TABLE activities ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX activities_campaign_status ON activities(campaign_id, status);
