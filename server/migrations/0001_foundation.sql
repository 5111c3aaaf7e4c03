-- Foundation: units and their reporting tree, accounts, sessions, audit log,
-- campaigns with theme days, deadlines, committees, duties and tasks.
-- Dialect tokens are replaced by db/migrations.cc: {{id_pk}} is a generated
-- 64-bit primary key. Times are ISO-8601 UTC text; dates are YYYY-MM-DD.

CREATE TABLE unit_kinds (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,             -- authority | school | department
  reports_forms INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0
);

-- Which kinds may be the reporting parent of a kind; a kind without rows is a root.
CREATE TABLE unit_kind_parents (
  kind TEXT NOT NULL REFERENCES unit_kinds(code),
  parent_kind TEXT NOT NULL REFERENCES unit_kinds(code),
  PRIMARY KEY (kind, parent_kind)
);

CREATE TABLE regions (
  code TEXT PRIMARY KEY,              -- GB/T 2260, six digits
  name TEXT NOT NULL,
  parent_code TEXT,
  level INTEGER NOT NULL              -- 1 province, 2 prefecture, 3 county
);

CREATE TABLE units (
  id {{id_pk}},
  parent_id BIGINT REFERENCES units(id),
  kind TEXT NOT NULL REFERENCES unit_kinds(code),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL DEFAULT '',
  moe_code TEXT NOT NULL DEFAULT '',
  enrolled_students BIGINT NOT NULL DEFAULT 0,
  staff_count BIGINT NOT NULL DEFAULT 0,
  contact_person TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE UNIQUE INDEX units_parent_name ON units(COALESCE(parent_id, 0), name);
CREATE UNIQUE INDEX units_moe_code ON units(moe_code) WHERE moe_code <> '';

-- Closure of the reporting tree: one row per (ancestor, descendant), depth 0 for self.
CREATE TABLE unit_closure (
  ancestor_id BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  descendant_id BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  depth INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX unit_closure_descendant ON unit_closure(descendant_id, depth);

CREATE TABLE users (
  id {{id_pk}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  position TEXT NOT NULL DEFAULT '',
  mobile TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  is_sysadmin INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE grants (
  id {{id_pk}},
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  role TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, unit_id, role)
);
CREATE INDEX grants_unit ON grants(unit_id);

-- Server-side sessions, so several server processes can share them.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Who did what, when. No foreign keys: the log outlives what it describes.
CREATE TABLE audit_log (
  id {{id_pk}},
  at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL DEFAULT '',
  unit_id BIGINT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  summary TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_unit ON audit_log(unit_id, at);

CREATE TABLE campaigns (
  id {{id_pk}},
  year INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  theme TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',   -- draft | active | closed
  organiser_unit_id BIGINT REFERENCES units(id),
  source_notice TEXT NOT NULL DEFAULT '',
  copied_from_id BIGINT REFERENCES campaigns(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE theme_days (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  day_index INTEGER NOT NULL,
  day_date TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  publicity_theme TEXT NOT NULL DEFAULT '',
  UNIQUE (campaign_id, day_index)
);

-- A deadline for one form. collector_unit_id NULL: the provincial deadline
-- for every unit that reports to a provincial department; otherwise the
-- deadline a unit (a school) sets for its own children.
CREATE TABLE deadlines (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  collector_unit_id BIGINT REFERENCES units(id),
  form TEXT NOT NULL,                     -- plan | info_form | statistics | summary | materials
  title TEXT NOT NULL,
  due_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX deadlines_campaign ON deadlines(campaign_id, collector_unit_id);

CREATE TABLE sub_themes (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  sub_theme TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (campaign_id, unit_id)
);

-- The week's leading group (领导小组) of a unit.
CREATE TABLE committee_members (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  position TEXT NOT NULL,                 -- leader | deputy | member
  person_name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX committee_members_unit ON committee_members(campaign_id, unit_id);

-- Departments with their duties and responsible persons.
CREATE TABLE duties (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  department_name TEXT NOT NULL,
  department_unit_id BIGINT REFERENCES units(id),
  responsibility TEXT NOT NULL,
  responsible_persons TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX duties_unit ON duties(campaign_id, unit_id);

CREATE TABLE tasks (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  duty_id BIGINT REFERENCES duties(id) ON DELETE SET NULL,
  owner_unit_id BIGINT NOT NULL REFERENCES units(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  assignee TEXT NOT NULL DEFAULT '',
  due_at TEXT,
  status TEXT NOT NULL DEFAULT 'todo',    -- todo | in_progress | done
  completed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX tasks_owner ON tasks(campaign_id, owner_unit_id);
