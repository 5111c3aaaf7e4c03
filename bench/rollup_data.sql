-- National-scale data for bench/rollup.sh, added to a demo database by the
-- sqlite3 shell: SCHOOLS higher vocational schools under 四川省教育厅, each
-- with COLLEGES_PER_SCHOOL colleges, ACTIVITIES_PER_COLLEGE published
-- activities per college and CHECKINS_PER_ACTIVITY admitting scans per
-- activity (staff / student / public in turn). Every college's and school's
-- statistics form is then accepted with the figures the bare SQL aggregate
-- gives from those scans, as if the chain had run. The sizes come in as the
-- parameters of a temp table filled by rollup.sh.

PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -400000;

CREATE TEMP TABLE ids AS
SELECT (SELECT id FROM units WHERE name = '四川省教育厅') AS province,
       (SELECT id FROM campaigns WHERE year = 2025) AS campaign,
       (SELECT COALESCE(MAX(id), 0) FROM units) AS unit_base,
       (SELECT COALESCE(MAX(id), 0) FROM activities) AS activity_base;

-- Schools: ids unit_base + 1 … unit_base + SCHOOLS.
INSERT INTO units (id, parent_id, kind, name, region_code, enrolled_students, staff_count,
                   sort_order, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT schools FROM p))
SELECT ids.unit_base + i, ids.province, 'higher_school', printf('测试职业学院%05d', i), '510100',
       8000 + (i % 9) * 1000, 400, 1000 + i, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM n, ids;

-- Colleges: ids after the schools, COLLEGES_PER_SCHOOL per school.
INSERT INTO units (id, parent_id, kind, name, region_code, enrolled_students, staff_count,
                   sort_order, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
                        WHERE i + 1 < (SELECT schools * colleges FROM p))
SELECT ids.unit_base + (SELECT schools FROM p) + 1 + i,
       ids.unit_base + 1 + i / (SELECT colleges FROM p), 'college',
       printf('第%d学院', i % (SELECT colleges FROM p) + 1), '510100', 2000, 100, i,
       '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM n, ids;

INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
SELECT id, id, 0 FROM units WHERE id > (SELECT unit_base FROM ids);
INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
SELECT parent_id, id, 1 FROM units WHERE id > (SELECT unit_base FROM ids);
INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
SELECT (SELECT province FROM ids), id, 2 FROM units
WHERE id > (SELECT unit_base FROM ids) AND kind = 'college';

-- Activities: ACTIVITIES_PER_COLLEGE per college.
INSERT INTO activities (id, campaign_id, unit_id, title, starts_at, ends_at, place_kind, place,
                        open_to_public, partner, status, created_at, updated_at, published_at)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
                        WHERE i + 1 < (SELECT schools * colleges * activities FROM p))
SELECT ids.activity_base + 1 + i, ids.campaign,
       ids.unit_base + (SELECT schools FROM p) + 1 + i / (SELECT activities FROM p),
       '开放日', '2025-05-13T01:00:00Z', '2025-05-13T03:00:00Z', 'on_campus', '校内',
       1, CASE WHEN i % 5 = 0 THEN printf('企业%d', i % 997) ELSE '' END, 'published',
       '2025-05-01T00:00:00Z', '2025-05-01T00:00:00Z', '2025-05-01T00:00:00Z'
FROM n, ids;

-- Check-ins: CHECKINS_PER_ACTIVITY per activity.
INSERT INTO checkins (scan_id, activity_id, people, category, result, scanned_at, received_at)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
                        WHERE i + 1 < (SELECT schools * colleges * activities * checkins FROM p))
SELECT 'b' || i, ids.activity_base + 1 + i / (SELECT checkins FROM p), 1,
       CASE i % 3 WHEN 0 THEN 'staff' WHEN 1 THEN 'student' ELSE 'public' END, 'ok',
       '2025-05-13T02:00:00Z', '2025-05-13T02:00:00Z'
FROM n, ids;

-- The chain has run: every college's and school's statistics accepted with
-- the figures of its records.
CREATE TEMP TABLE college_figures AS
SELECT a.unit_id AS unit_id, COUNT(DISTINCT a.id) AS projects,
       SUM(CASE WHEN c.category = 'staff' THEN c.people ELSE 0 END) AS teachers,
       SUM(CASE WHEN c.category = 'student' THEN c.people ELSE 0 END) AS students,
       SUM(c.people) AS total,
       COUNT(DISTINCT NULLIF(a.partner, '')) AS enterprises
FROM activities a JOIN checkins c ON c.activity_id = a.id AND c.result = 'ok'
WHERE a.id > (SELECT activity_base FROM ids)
GROUP BY a.unit_id;

INSERT INTO submissions (campaign_id, unit_id, form, status, data, version, submitted_at,
                         reviewed_at, created_at, updated_at)
SELECT (SELECT campaign FROM ids), id, 'statistics', 'accepted', '{"overrides":{}}', 3,
       '2025-05-20T02:00:00Z', '2025-05-21T02:00:00Z', '2025-05-20T02:00:00Z',
       '2025-05-21T02:00:00Z'
FROM units WHERE id > (SELECT unit_base FROM ids);

INSERT INTO statistics_figures (submission_id, campaign_id, unit_id, schools, teachers, students,
                                enrolled, enterprises, total, projects, media_provincial,
                                media_city, media_county)
SELECT s.id, s.campaign_id, u.id, 1, f.teachers, f.students, u.enrolled_students,
       f.enterprises, f.total, f.projects, 0, 0, 0
FROM units u JOIN submissions s ON s.unit_id = u.id AND s.form = 'statistics'
JOIN college_figures f ON f.unit_id = u.id
WHERE u.kind = 'college' AND u.id > (SELECT unit_base FROM ids);

INSERT INTO statistics_figures (submission_id, campaign_id, unit_id, schools, teachers, students,
                                enrolled, enterprises, total, projects, media_provincial,
                                media_city, media_county)
SELECT s.id, s.campaign_id, u.id, 1, SUM(f.teachers), SUM(f.students), u.enrolled_students,
       SUM(f.enterprises), SUM(f.total), SUM(f.projects), 0, 0, 0
FROM units u JOIN submissions s ON s.unit_id = u.id AND s.form = 'statistics'
JOIN units c ON c.parent_id = u.id
JOIN statistics_figures f ON f.unit_id = c.id
WHERE u.kind = 'higher_school' AND u.id > (SELECT unit_base FROM ids)
GROUP BY s.id, s.campaign_id, u.id, u.enrolled_students;

ANALYZE;
