-- Returns of a submission kept one by one (issue 14): the reviewer's reason
-- for the whole form and comments on single fields (a figure code of the
-- annex-5 field table, an information-form field, a summary section). The
-- submission's own comment/field_comments columns hold only the latest
-- return and are cleared on acceptance or reopening; these rows stay, so a
-- reviewer checking a resubmitted form still sees what was asked for.
-- submissions.field_comments is still written, so the previous release
-- keeps working on this schema.

CREATE TABLE submission_returns (
  id {{id_pk}},
  submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  comment TEXT NOT NULL,
  returned_at TEXT NOT NULL,
  returned_by BIGINT REFERENCES users(id)
);
CREATE INDEX submission_returns_submission ON submission_returns(submission_id, id);

CREATE TABLE review_comments (
  id {{id_pk}},
  return_id BIGINT NOT NULL REFERENCES submission_returns(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (return_id, field)
);
