-- Messages that reach people outside vocweek (issue 20): e-mail, SMS and
-- group-robot webhooks (企业微信, 钉钉). See docs/messages.md.
--
-- message_outbox: one row per message to one recipient over one channel,
-- written in the same transaction as the event (an in-app notification, a
-- registrant notice) that causes it. The sender (messages/outbox_worker.h)
-- claims a row with a conditional UPDATE that sets status 'sending' and a
-- lease (claimed_by, lease_until in unix seconds), sends, then marks it.
-- status: pending | sending | sent | failed (out of attempts) | unknown (a
-- sender's lease ran out mid-send: it may or may not have gone out, it is
-- never sent again automatically) | missing (no address to send to) |
-- off (the channel is not configured on the server).
CREATE TABLE message_outbox (
  id {{id_pk}},
  unit_id BIGINT REFERENCES units(id) ON DELETE CASCADE,
  user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
  notification_id BIGINT,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL DEFAULT '',
  recipient_name TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  claimed_by TEXT,
  lease_until BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX message_outbox_due ON message_outbox(status, next_attempt_at);
CREATE INDEX message_outbox_unit ON message_outbox(unit_id, id);

-- A unit's defaults for its users (who have not chosen) and its group
-- robot: webhook_kind wecom | dingtalk | '' (none).
CREATE TABLE message_unit_settings (
  unit_id BIGINT PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
  email_default INTEGER NOT NULL DEFAULT 1,
  sms_default INTEGER NOT NULL DEFAULT 0,
  webhook_kind TEXT NOT NULL DEFAULT '',
  webhook_url TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

-- A user's choice per category of message (reminder | review | publicity
-- | filing | other) and channel (email | sms). No row: the defaults of
-- the unit the message goes to.
CREATE TABLE message_preferences (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  channel TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  PRIMARY KEY (user_id, category, channel)
);

-- The daily reminder to units that have not submitted a form whose
-- deadline falls within the next two days (app/app.cc, DailyJobs).
INSERT INTO jobs(name, next_due) VALUES ('deadline_reminders', 0);
