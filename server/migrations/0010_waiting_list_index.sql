-- A cancellation moves up the earliest waiting registration that fits in
-- the seats left: "activity_id = ? AND status = 'waiting' AND head_count <=
-- ? ORDER BY id LIMIT 1", once per seat group filled. With head_count in
-- the index both databases answer it from the index alone, in id order,
-- stopping at the first that fits (PostgreSQL otherwise walked the primary
-- key through every other activity's rows: 0.15 ms instead of 48 ms with
-- 55,000 rows before the activity's). It has the old index's columns first,
-- so it replaces it.

CREATE INDEX registrations_activity_heads ON registrations(activity_id, status, id, head_count);
DROP INDEX registrations_activity;
