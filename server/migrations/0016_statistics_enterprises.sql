-- The enterprises behind a statistics form's accepted figures, by name
-- (issue 14): the parent counts distinct enterprises over its own records
-- and its accepted children, so one enterprise working with two colleges,
-- or reached through both chains, counts once at every level. A figure
-- the unit overrode, or figures accepted before this table, hold more (or
-- fewer) enterprises than names: the difference counts as unnamed.

CREATE TABLE statistics_enterprises (
  submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (submission_id, name)
);
