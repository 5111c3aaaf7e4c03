-- Activity categories by unit level (issue 15): a college picked a
-- provincial programme entry (成渝职教活动周联合启动仪式…) by accident.
--
-- unit_levels lists the unit-kind categories (authority, school,
-- department) a category is meant for; the activity form offers those first
-- ('' = meant for any). owners_only = 1 marks an entry of a programme that
-- belongs to named units (notice 000 annexes 1-2): only the units listed in
-- activity_category_owners may file an activity under it. Both are copied
-- with the campaign like the rest of the category.

ALTER TABLE activity_categories ADD COLUMN unit_levels TEXT NOT NULL DEFAULT '';
ALTER TABLE activity_categories ADD COLUMN owners_only INTEGER NOT NULL DEFAULT 0;

CREATE TABLE activity_category_owners (
  category_id BIGINT NOT NULL REFERENCES activity_categories(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  PRIMARY KEY (category_id, unit_id)
);

UPDATE activity_categories SET unit_levels = 'authority', owners_only = 1
  WHERE group_name IN ('川渝联合活动', '省级部门活动');
UPDATE activity_categories SET unit_levels = 'school,department'
  WHERE group_name NOT IN ('川渝联合活动', '省级部门活动');

-- Annex 2 names the department of each entry; the education department runs
-- the joint 川渝 activities of annex 1.
INSERT INTO activity_category_owners (category_id, unit_id)
SELECT c.id, u.id FROM activity_categories c
JOIN (
  SELECT 'cy_launch' AS code, '四川省教育厅' AS unit_name
  UNION ALL SELECT 'cy_showcase', '四川省教育厅'
  UNION ALL SELECT 'cy_lecture', '四川省教育厅'
  UNION ALL SELECT 'cy_contest', '四川省教育厅'
  UNION ALL SELECT 'prov_online_publicity', '中共四川省委网络安全和信息化委员会办公室'
  UNION ALL SELECT 'prov_skills_training', '四川省人力资源和社会保障厅'
  UNION ALL SELECT 'prov_industry_contest', '四川省经济和信息化厅'
  UNION ALL SELECT 'prov_craftsmen_industry', '四川省经济和信息化厅'
  UNION ALL SELECT 'prov_bio_breeding', '四川省农业农村厅'
  UNION ALL SELECT 'prov_craftsmen_campus', '四川省政府国有资产监督管理委员会'
  UNION ALL SELECT 'prov_craftsmen_campus', '四川省总工会'
  UNION ALL SELECT 'prov_worker_class', '四川省总工会'
  UNION ALL SELECT 'prov_youth_lecture', '共青团四川省委'
  UNION ALL SELECT 'prov_youth_day', '共青团四川省委'
  UNION ALL SELECT 'prov_photo_tour', '四川省中华职业教育社'
) o ON o.code = c.code
JOIN units u ON u.name = o.unit_name AND u.parent_id IS NULL;
