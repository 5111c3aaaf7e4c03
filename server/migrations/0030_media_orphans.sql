-- The daily sweep of media files no library item uses (MediaService::RemoveOrphans).
INSERT INTO jobs(name, next_due) VALUES ('media_orphans', 0);
