-- Unit kinds and their reporting parents (SPEC "People and units"): the
-- education chain, the HR chain for technical schools, higher vocational
-- schools reporting to the provincial education department directly, the
-- co-organising provincial bodies of notice 000 (annex 2), and colleges and
-- offices inside schools (notice 001). Kinds are data: a province with
-- another structure edits these rows, not code.

INSERT INTO unit_kinds (code, name, category, reports_forms, sort_order) VALUES
  ('province_edu', '省级教育行政部门', 'authority', 1, 10),
  ('province_hr', '省级人力资源社会保障部门', 'authority', 1, 20),
  ('province_partner', '省级协办部门', 'authority', 1, 30),
  ('city_edu', '市（州）教育行政部门', 'authority', 1, 40),
  ('city_hr', '市（州）人力资源社会保障部门', 'authority', 1, 50),
  ('higher_school', '高等职业学校（含职业本科）', 'school', 1, 60),
  ('secondary_school', '中等职业学校', 'school', 1, 70),
  ('technical_school', '技工院校', 'school', 1, 80),
  ('college', '二级学院', 'department', 1, 90),
  ('office', '职能部门', 'department', 0, 100);

INSERT INTO unit_kind_parents (kind, parent_kind) VALUES
  ('city_edu', 'province_edu'),
  ('city_hr', 'province_hr'),
  ('higher_school', 'province_edu'),
  ('secondary_school', 'city_edu'),
  ('technical_school', 'city_hr'),
  ('college', 'higher_school'),
  ('college', 'secondary_school'),
  ('college', 'technical_school'),
  ('office', 'higher_school'),
  ('office', 'secondary_school'),
  ('office', 'technical_school');
