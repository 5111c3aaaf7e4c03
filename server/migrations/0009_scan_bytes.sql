-- Stamped scans as bytes: a BLOB (SQLite) / bytea (PostgreSQL) column in
-- place of 0007's base64 text, a quarter smaller and sent without decoding.
-- Existing rows are converted by the migration runner (SQLite has no base64
-- function): each row's text is decoded, checked against the SHA-256 taken
-- at upload, written and read back; a row that fails stops the migration,
-- which then changes nothing. Only then does the text column go.
-- file_name keeps what was stored; the server cleans it when sending.

ALTER TABLE submission_scans ADD COLUMN data {{bytes}} NOT NULL DEFAULT {{no_bytes}};

{{base64_to_bytes submission_scans data_base64 data sha256}};

ALTER TABLE submission_scans DROP COLUMN data_base64;
