-- The public topic site (issue 18) is cached like the programme: every
-- publicity write bumps this version, and every node drops its topic cache
-- when it moves (db/change_signals.h, kPublicitySignal).
INSERT INTO change_signals(name, version) VALUES ('publicity', 0);
