-- Registration and check-in (SPEC "Registration and check-in").
--
-- activity_seats is the capacity object: every booking and cancellation
-- locks its row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's write
-- transaction holds the database lock) before counting seats.
-- registrations.status: confirmed | waiting | cancelled. checked_in is the
-- sum of the registration's admitting scans, kept with every scan. Personal fields are
-- blanked by the retention purge (purged = 1); counts stay.
-- Scans and walk-in events carry the device's unique id: a replayed upload
-- finds its row and changes nothing.

CREATE TABLE activity_seats (
  activity_id BIGINT PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  confirmed INTEGER NOT NULL DEFAULT 0,
  waiting INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE registrations (
  id {{id_pk}},
  activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  mobile TEXT NOT NULL,
  category TEXT NOT NULL,
  guardian_name TEXT NOT NULL DEFAULT '',
  school TEXT NOT NULL DEFAULT '',
  class_name TEXT NOT NULL DEFAULT '',
  head_count INTEGER NOT NULL,
  checked_in INTEGER NOT NULL DEFAULT 0,
  roster TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  consent_at TEXT NOT NULL,
  purged INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX registrations_activity ON registrations(activity_id, status, id);
CREATE UNIQUE INDEX registrations_one_per_mobile ON registrations(activity_id, mobile)
  WHERE status <> 'cancelled' AND purged = 0;

CREATE TABLE registration_notices (
  id {{id_pk}},
  registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX registration_notices_registration ON registration_notices(registration_id);

CREATE TABLE checkins (
  id {{id_pk}},
  scan_id TEXT NOT NULL UNIQUE,
  activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  registration_id BIGINT REFERENCES registrations(id) ON DELETE SET NULL,
  people INTEGER NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL,
  scanned_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id)
);
CREATE INDEX checkins_activity ON checkins(activity_id, result);
CREATE INDEX checkins_registration ON checkins(registration_id);

CREATE TABLE walkins (
  id {{id_pk}},
  scan_id TEXT NOT NULL UNIQUE,
  activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  delta INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id)
);
CREATE INDEX walkins_activity ON walkins(activity_id);
