-- The daily digest of messages (issue 20; docs/messages.md).
--
-- A user who prefers one e-mail a day for a category of messages has a row
-- of message_preferences with channel 'email_digest' and enabled 1. That
-- category's e-mails are then written to message_outbox with status 'held'
-- (never sent by themselves); the daily job `message_digest` (app/app.cc,
-- once across nodes through `jobs`) turns each person's held e-mails into
-- one pending e-mail of kind 'digest' listing them, and marks them
-- 'digested', in one transaction.
INSERT INTO jobs(name, next_due) VALUES ('message_digest', 0);
