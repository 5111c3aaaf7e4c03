-- Notices as documents (通知公文, issue 20): a unit's notice of a campaign
-- with its annexes, published to units below it; each target unit
-- acknowledges it (签收) once, recording who and when; reminders go to the
-- units that have not. A published notice is never edited: a correction is
-- a new notice naming the one it corrects. Contract: docs/notices.md.
-- Times are UTC text; ack_by is a date (YYYY-MM-DD) or ''.

CREATE TABLE notices (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),        -- the publishing unit
  title TEXT NOT NULL,
  doc_number TEXT NOT NULL DEFAULT '',                 -- 文号, optional
  body TEXT NOT NULL,
  corrects_id BIGINT REFERENCES notices(id),           -- the notice this one corrects
  ack_by TEXT NOT NULL DEFAULT '',                     -- acknowledge by (a date) or ''
  status TEXT NOT NULL DEFAULT 'draft',                -- draft | published
  published_at TEXT,
  published_by BIGINT REFERENCES users(id),
  reminded_at TEXT,                                    -- the last reminder of the unacknowledged
  version INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX notices_unit ON notices(campaign_id, unit_id);

-- The target units (descendants of the publisher) and their acknowledgement.
CREATE TABLE notice_targets (
  notice_id BIGINT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  acknowledged_at TEXT,
  acknowledged_by BIGINT REFERENCES users(id),
  acknowledged_name TEXT NOT NULL DEFAULT '',          -- the person's name at the time
  PRIMARY KEY (notice_id, unit_id)
);
CREATE INDEX notice_targets_unit ON notice_targets(unit_id);

-- The annexes (附件), stored like the plan documents: bytes in the row.
CREATE TABLE notice_annexes (
  id {{id_pk}},
  notice_id BIGINT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data {{bytes}} NOT NULL DEFAULT {{no_bytes}},
  uploaded_by BIGINT REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX notice_annexes_notice ON notice_annexes(notice_id);

INSERT INTO jobs(name, next_due) VALUES ('notice_reminders', 0);
