-- Several server processes on one PostgreSQL behave as one (issue 16).
--
-- change_signals: one version per kind of cached public answer. A write
-- that changes such an answer bumps its version; every node polls the
-- versions and drops its cache when one moved (db/change_signals.h).
CREATE TABLE change_signals (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO change_signals(name, version) VALUES ('campaign', 0);
INSERT INTO change_signals(name, version) VALUES ('programme', 0);

-- rate_limit_hits: hits of a limit (name) per subject in fixed slices of its
-- window (db/shared_rate_limiter.h); a row is useless after expires_at
-- (unix seconds) and swept.
CREATE TABLE rate_limit_hits (
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  slice BIGINT NOT NULL,
  hits BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (name, subject, slice)
);
CREATE INDEX rate_limit_hits_expiry ON rate_limit_hits(expires_at);

-- Login limits shared by every node (auth/login_throttle.h): the pair of
-- account and address, the account, the address. Times are unix seconds;
-- touched_at is for the sweep.
CREATE TABLE login_pairs (
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  streak BIGINT NOT NULL DEFAULT 0,
  last_failure BIGINT NOT NULL DEFAULT 0,
  known_since BIGINT NOT NULL DEFAULT 0,
  touched_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (account, address)
);
CREATE TABLE login_counts (
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  level DOUBLE PRECISION NOT NULL DEFAULT 0,
  at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, subject)
);

-- Periodic jobs run once across nodes (app/jobs.h): a node claims a due
-- job by setting its lease in a conditional UPDATE, renews the lease while
-- it runs, and sets the next due time (unix seconds) when done. A lease
-- that expired (its node died) lets another node claim the job again.
CREATE TABLE jobs (
  name TEXT PRIMARY KEY,
  next_due BIGINT NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until BIGINT
);
INSERT INTO jobs(name, next_due) VALUES ('retention', 0);
INSERT INTO jobs(name, next_due) VALUES ('short_codes', 0);

-- One row per run: status running, done or failed.
CREATE TABLE job_runs (
  id {{id_pk}},
  job TEXT NOT NULL,
  node TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  error TEXT
);
CREATE INDEX job_runs_job ON job_runs(job, status);
