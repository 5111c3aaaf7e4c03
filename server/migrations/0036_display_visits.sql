-- 集中展示日 visitor counts (issue 19): staff at a booth count walk-in
-- visitors with a +1 counter like the door's walk-ins (0005 walkins). Each
-- row is one tap (or an undo, delta < 0) with the device's id for it, so a
-- retried upload counts once. The booth is the one assigned at the time.
-- Contract: docs/display.md "Visitor counts".

CREATE TABLE display_visits (
  id {{id_pk}},
  event_id BIGINT NOT NULL REFERENCES display_events(id) ON DELETE CASCADE,
  application_id BIGINT NOT NULL REFERENCES display_applications(id) ON DELETE CASCADE,
  tap_id TEXT NOT NULL,                                -- the device's id for the tap
  booth TEXT NOT NULL,
  delta INTEGER NOT NULL,                              -- +n, or -n to undo
  recorded_at TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  UNIQUE (application_id, tap_id)
);
CREATE INDEX display_visits_event ON display_visits(event_id, application_id);
