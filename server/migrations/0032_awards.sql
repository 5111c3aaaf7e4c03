-- Awards (表彰奖励, issue 19): an award of a unit over units below it
-- (优秀组织奖 of a school over its colleges, of a province over its schools),
-- its criteria with weights adding up to 100 and, per criterion, indicators
-- from a fixed catalogue computed from the records (awards.h), its judges
-- and their scores, and the decided ranking with a verification code per
-- winner's certificate. Contract: docs/awards.md. Times are UTC text.

CREATE TABLE awards (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  owner_unit_id BIGINT NOT NULL REFERENCES units(id),  -- the issuing unit
  name TEXT NOT NULL,
  level TEXT NOT NULL,                  -- school | city | province
  winners INTEGER NOT NULL,             -- how many units win
  tie_rule TEXT NOT NULL,               -- first_criterion | share
  status TEXT NOT NULL DEFAULT 'draft', -- draft | scoring | decided | published
  decided_at TEXT,
  decided_by BIGINT REFERENCES users(id),
  published_on TEXT,                    -- YYYY-MM-DD: public from this date
  version INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX awards_campaign ON awards(campaign_id, owner_unit_id);

-- The competing units (descendants of the owner).
CREATE TABLE award_units (
  award_id BIGINT NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (award_id, unit_id)
);

CREATE TABLE award_criteria (
  id {{id_pk}},
  award_id BIGINT NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL,
  name TEXT NOT NULL,
  weight INTEGER NOT NULL,              -- the criteria of an award add up to 100
  indicators TEXT NOT NULL DEFAULT '[]' -- JSON array of indicator codes (awards.h kIndicators)
);
CREATE INDEX award_criteria_award ON award_criteria(award_id, sort_order);

CREATE TABLE award_judges (
  award_id BIGINT NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  submitted_at TEXT,                    -- NULL: still scoring
  PRIMARY KEY (award_id, user_id)
);
CREATE INDEX award_judges_user ON award_judges(user_id);

CREATE TABLE award_scores (
  award_id BIGINT NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  criterion_id BIGINT NOT NULL REFERENCES award_criteria(id) ON DELETE CASCADE,
  score INTEGER NOT NULL,               -- 0..100
  comment TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (award_id, user_id, unit_id, criterion_id)
);

-- The decided ranking: one row per competing unit, its breakdown as JSON
-- (what the unit sees after publication), a certificate code per winner.
CREATE TABLE award_results (
  award_id BIGINT NOT NULL REFERENCES awards(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  place INTEGER NOT NULL,
  total_centi BIGINT NOT NULL,          -- total score × 100
  winner INTEGER NOT NULL DEFAULT 0,
  breakdown TEXT NOT NULL DEFAULT '{}',
  certificate_code TEXT UNIQUE,
  PRIMARY KEY (award_id, unit_id)
);
