-- Leader sign-off of a unit's forms (经领导审签, issue 14): inside a unit the
-- person who fills a form (an organiser, a unit admin) is often not the one
-- who signs it. A unit admin granted on the unit itself signs a saved form
-- off; the sign-off is kept with the submission (who, when) and printed on
-- the exports. Any later save clears it. A unit listed in
-- form_sign_off_units submits its forms only once they are signed off; the
-- others may sign off but need not.

ALTER TABLE submissions ADD COLUMN signed_off_by BIGINT REFERENCES users(id);
ALTER TABLE submissions ADD COLUMN signed_off_at TEXT NOT NULL DEFAULT '';

CREATE TABLE form_sign_off_units (
  unit_id BIGINT PRIMARY KEY REFERENCES units(id),
  set_by BIGINT REFERENCES users(id),
  set_at TEXT NOT NULL
);
