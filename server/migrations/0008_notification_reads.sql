-- Read marks of in-app notifications per user: a notification goes to a
-- unit and every user with a grant on it sees it; one user reading it no
-- longer marks it read for the others. Marks already set carry over to every
-- user holding a grant on the unit, then the unit-wide column goes.

CREATE TABLE notification_reads (
  notification_id BIGINT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  read_at TEXT NOT NULL,
  PRIMARY KEY (notification_id, user_id)
);

INSERT INTO notification_reads (notification_id, user_id, read_at)
SELECT DISTINCT n.id, g.user_id, n.read_at FROM notifications n
JOIN grants g ON g.unit_id = n.unit_id WHERE n.read_at <> '';

ALTER TABLE notifications DROP COLUMN read_at;
