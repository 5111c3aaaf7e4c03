-- Reporting forms, second part (SPEC "Reporting forms"): submissions of the
-- three forms (info_form 信息采集表, statistics 情况统计表, summary 工作总结报告)
-- with their workflow, frozen snapshots with a public verification code,
-- the statistics figures of accepted submissions (the roll-up's input),
-- stamped scans, validation rules as data and in-app notifications.
--
-- submissions.status: draft | submitted | accepted | returned |
-- not_participating (set by the reviewer, with a reason). A unit without a
-- row has not started. data is the form's JSON (fields, overrides with
-- reasons, sections); version guards against silent overwrites.

CREATE TABLE submissions (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  form TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  data TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 1,
  due_at TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL DEFAULT '',
  late INTEGER NOT NULL DEFAULT 0,
  submitted_by BIGINT REFERENCES users(id),
  reviewed_at TEXT NOT NULL DEFAULT '',
  reviewed_by BIGINT REFERENCES users(id),
  comment TEXT NOT NULL DEFAULT '',
  field_comments TEXT NOT NULL DEFAULT '{}',
  reason TEXT NOT NULL DEFAULT '',
  snapshot_id BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (campaign_id, unit_id, form)
);
CREATE INDEX submissions_campaign_form ON submissions(campaign_id, form, status);

-- What was accepted, byte for byte: the canonical JSON of the form as the
-- reviewer accepted it, its SHA-256 and a short public code. Never updated;
-- a reopened and re-accepted form gets a new snapshot.
CREATE TABLE submission_snapshots (
  id {{id_pk}},
  submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  form TEXT NOT NULL,
  version INTEGER NOT NULL,
  content TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  accepted_at TEXT NOT NULL,
  accepted_by BIGINT REFERENCES users(id)
);
CREATE INDEX submission_snapshots_submission ON submission_snapshots(submission_id);

-- The final figures (overrides applied) of each accepted statistics
-- submission: a parent's roll-up sums its children's rows here.
CREATE TABLE statistics_figures (
  submission_id BIGINT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  schools BIGINT NOT NULL,
  teachers BIGINT NOT NULL,
  students BIGINT NOT NULL,
  enrolled BIGINT NOT NULL,
  enterprises BIGINT NOT NULL,
  total BIGINT NOT NULL,
  projects BIGINT NOT NULL,
  media_provincial BIGINT NOT NULL,
  media_city BIGINT NOT NULL,
  media_county BIGINT NOT NULL
);
CREATE INDEX statistics_figures_campaign_unit ON statistics_figures(campaign_id, unit_id);

-- The stamped scan (盖章扫描件) of a submission, base64 so both databases
-- store it the same way; the type is sniffed from the bytes.
CREATE TABLE submission_scans (
  id {{id_pk}},
  submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_by BIGINT REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX submission_scans_submission ON submission_scans(submission_id);

-- Validation rules of the forms, one engine for the web form, the xlsx
-- import and the API. kind: min (fields ≥ value) | max (fields ≤ value) |
-- sum_ge (fields[0] ≥ sum of the others) | schools_in_subtree |
-- jump (|this / last campaign| beyond factor) | max_chars (text fields).
-- severity: error blocks submission; warning is shown and recorded.
CREATE TABLE validation_rules (
  code TEXT PRIMARY KEY,
  form TEXT NOT NULL,
  kind TEXT NOT NULL,
  fields TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL DEFAULT 0,
  severity TEXT NOT NULL DEFAULT 'error',
  message TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0
);

INSERT INTO validation_rules (code, form, kind, fields, value, severity, message, sort_order) VALUES
  ('statistics.non_negative', 'statistics', 'min',
   'schools,teachers,students,enterprises,total,projects,media_provincial,media_city,media_county',
   0, 'error', '各项数字应为不小于 0 的整数', 1),
  ('statistics.coverage_max', 'statistics', 'max', 'coverage', 100, 'error',
   '参与活动的学生覆盖率不能超过 100%', 2),
  ('statistics.total_ge_people', 'statistics', 'sum_ge', 'total,teachers,students', 0, 'error',
   '参与总人数不应少于参与活动的教师数与学生数之和', 3),
  ('statistics.schools_in_subtree', 'statistics', 'schools_in_subtree', 'schools', 0, 'error',
   '参与活动的职业学校数不能超过本单位所辖学校数', 4),
  ('statistics.jump', 'statistics', 'jump', 'teachers,students,enterprises,total,projects', 3,
   'warning', '与上一届相比变化较大，请核实', 5),
  ('info_form.work_plan_chars', 'info_form', 'max_chars', 'work_plan', 300, 'error',
   '活动周工作计划应在 300 字以内', 6),
  ('info_form.featured_chars', 'info_form', 'max_chars', 'featured', 300, 'error',
   '特色活动简介应在 300 字以内', 7),
  ('info_form.contact_required', 'info_form', 'required', 'contact_person,mobile', 0, 'error',
   '请填写联系人和手机', 8),
  ('summary.sections_required', 'summary', 'required',
   'basic,measures,results,highlights,cases,media,problems', 0, 'warning',
   '总结报告的七个部分都应有内容', 9);

-- In-app notifications to a unit (reminders, returns, acceptances): every
-- user with a grant on the unit sees them.
CREATE TABLE notifications (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES units(id),
  campaign_id BIGINT REFERENCES campaigns(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  read_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notifications_unit ON notifications(unit_id, created_at);
