-- The material library's files (issue 18): resumable uploads and the
-- stored files (blobs) with their derived versions (server/src/media/).
-- Bytes live in the content store (a directory every node shares, files
-- named by SHA-256); these rows hold the state, so any node continues an
-- upload another began. Times are unix seconds.
CREATE TABLE media_uploads (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES units(id),
  created_by BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,                   -- image | video
  name TEXT NOT NULL,
  size BIGINT NOT NULL,                 -- declared bytes
  received BIGINT NOT NULL DEFAULT 0,   -- bytes written, from offset 0
  status TEXT NOT NULL DEFAULT 'open',  -- open | processing | done | failed
  blob_id BIGINT,
  error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX media_uploads_unit ON media_uploads(unit_id, status);
CREATE INDEX media_uploads_user ON media_uploads(created_by, status);
CREATE INDEX media_uploads_stale ON media_uploads(updated_at);

CREATE TABLE media_blobs (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES units(id),
  created_by BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,         -- the stored file: a re-encoded image, or the video
  source_sha256 TEXT NOT NULL,  -- the bytes uploaded
  mime TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  duration_ms BIGINT NOT NULL DEFAULT 0,
  web_sha256 TEXT,
  thumb_sha256 TEXT,
  poster_sha256 TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX media_blobs_unit ON media_blobs(unit_id);
CREATE INDEX media_blobs_sha ON media_blobs(sha256);

INSERT INTO jobs(name, next_due) VALUES ('media_uploads', 0);
