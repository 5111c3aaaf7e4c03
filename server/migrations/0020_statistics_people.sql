-- The people behind a statistics form's accepted figures (issue 14): the
-- parent counts distinct people over its own records and its accepted
-- children, so one student (one mobile, or one name on one school's
-- rosters) at activities of two colleges counts once at the school, the
-- city and the province. A row holds only a key: the first 128 bits of a
-- SHA-256 over the campaign and the normalised identity (PersonKeyOf in
-- reporting.h), never a mobile or a name. category: staff | student |
-- other (counted only in 参与总人数); a key of staff or students has no
-- other row. At most kPeopleKeysPerForm rows per form; people beyond them,
-- and those without identity (walk-ins, groups without a roster,
-- off-campus filings' head counts), add up as head counts above.

CREATE TABLE statistics_people (
  submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  person TEXT NOT NULL,
  PRIMARY KEY (submission_id, category, person)
);
