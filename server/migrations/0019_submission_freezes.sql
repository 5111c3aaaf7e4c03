-- The figures a form showed when it was submitted (issue 14, "Submitted
-- figures keep moving"): the statistics form's rows, total, computed
-- figures and the enterprise names behind them, as they were computed from
-- the records at the moment of submission. While the form is submitted
-- every reader sees these; acceptance freezes the same figures into the
-- snapshot, so the reviewer accepts what was reviewed. One row per
-- submission, replaced at every submit; it is read only while the
-- submission is submitted at `version`.

CREATE TABLE submission_freezes (
  submission_id BIGINT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  frozen_at TEXT NOT NULL,
  content TEXT NOT NULL
);
