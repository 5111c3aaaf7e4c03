-- Short ticket codes read aloud at the door (registration/short_code.h),
-- unique per activity. Existing rows get theirs from the server at start
-- (RegistrationService::FillShortCodes: the codes need libsodium's
-- randomness, which SQL has not); the column stays nullable so a node of
-- the previous release can still insert registrations while nodes are
-- upgraded one by one, and the next fill gives those rows a code too.
-- NULLs are distinct in a unique index on both databases.
--
-- checkins.method says how a registration was found: scan (the QR or the
-- typed token), code (the short code typed) or manual (a staff member
-- picked the row in the list); user_id already says who.

ALTER TABLE registrations ADD COLUMN short_code TEXT;
CREATE UNIQUE INDEX registrations_short_code ON registrations(activity_id, short_code);
ALTER TABLE checkins ADD COLUMN method TEXT NOT NULL DEFAULT 'scan';
