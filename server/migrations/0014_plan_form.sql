-- The activity plan (活动周活动方案) as a fourth reporting form, "plan"
-- (issue 14): its structured part is the submission's data; its document
-- (PDF or Word, judged by its bytes) is stored here per (campaign, unit).
-- Every upload is kept; the form's data names the current one by id, so an
-- accepted snapshot keeps pointing at the file that was accepted.
CREATE TABLE plan_documents (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data {{bytes}} NOT NULL DEFAULT {{no_bytes}},
  uploaded_by BIGINT REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX plan_documents_unit ON plan_documents(campaign_id, unit_id);

INSERT INTO validation_rules (code, form, kind, fields, value, severity, message, sort_order) VALUES
  ('plan.person_required', 'plan', 'required', 'person_name,person_mobile', 0, 'error',
   '请填写负责活动方案的专人姓名和手机', 10),
  ('plan.document_required', 'plan', 'required', 'document', 0, 'error',
   '请上传活动方案文件（PDF 或 Word）', 11);
