-- Texts the exports print from the notices (annex 4's 填表说明, annex 5's
-- footnotes) as campaign data: copied with the campaign and editable, so a
-- new year does not print last year's dates. A text may hold the placeholder
-- {截止日期}: it renders as the date of the campaign's provincial deadline for
-- the text's form ("2025 年 5 月 13 日"). notice_text_defaults holds the texts a
-- campaign starts with when it is not copied from another (the demo seed).

CREATE TABLE notice_text_defaults (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  form TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);

INSERT INTO notice_text_defaults (code, label, form, text, sort_order) VALUES
  ('info_form_note', '信息采集表 填表说明', 'info_form',
   '填表说明：请各市（州）教育主管部门、各高职学校（含职教本科学校）{截止日期}前，将经单位盖章的 PDF 扫描件和 EXCEL 版本表格按要求通过 OA 办公系统报送至教育厅，同步发送至教育厅职业教育处邮箱。',
   1),
  ('statistics_note', '情况统计表 填表说明', 'statistics',
   '填表说明：请各市（州）教育主管部门、各高职学校在活动周结束后一周内，将经领导审签后的 PDF 盖章扫描件和 EXCEL 版本表格按要求通过 OA 办公系统报送至教育厅，同步发送至职业教育处邮箱；各市（州）人力资源社会保障部门按要求报送至人力资源社会保障厅职业能力建设处邮箱。',
   2),
  ('statistics_template_note', '情况统计表 填报模板说明', 'statistics',
   '填表说明：第 5 行为本单位数据，已按系统记录预填；如需调整某项数字，请直接修改并在“调整说明”列写明原因，上传后由系统按同一规则校验。覆盖率由学生数与在校学生数计算，无需填写。',
   3);

CREATE TABLE notice_texts (
  id {{id_pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  form TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  UNIQUE (campaign_id, code)
);

INSERT INTO notice_texts (campaign_id, code, label, form, text, sort_order, updated_at)
SELECT c.id, d.code, d.label, d.form, d.text, d.sort_order, c.updated_at
FROM campaigns c CROSS JOIN notice_text_defaults d;
