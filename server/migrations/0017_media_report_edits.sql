-- Media reports become editable (issue 14): a version on each report, so an
-- edit or a delete names the version it read and a stale one is a conflict
-- (every UPDATE says "AND version = :v" and bumps it). Existing rows start
-- at 1.
--
-- channel tells a report by an outlet (media, counted in annex 5's media
-- columns by its level) from a post on the unit's own website or new-media
-- accounts (own: listed with the reports, never counted; its level is '').
-- Existing rows are media reports.

ALTER TABLE media_reports ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE media_reports ADD COLUMN channel TEXT NOT NULL DEFAULT 'media';
