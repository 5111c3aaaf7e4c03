-- A version on each of the campaign's sub-records (theme days, deadlines,
-- sub-themes, committee members, duties), so an edit or a delete names the
-- version it read and a stale one is a conflict: every UPDATE and DELETE of
-- these rows says "AND version = :v" and bumps it, which also holds when two
-- writers race on PostgreSQL. Existing rows start at 1. The previous release
-- ignores the column (its writes leave it unchanged).

ALTER TABLE theme_days ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE deadlines ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sub_themes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE committee_members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE duties ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
