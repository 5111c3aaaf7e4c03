// The roll-up on hand-made inputs: no database, no server.
#include "reporting/rollup.h"

#include <gtest/gtest.h>

namespace vw::reporting {
namespace {

StatisticsRow Figures(std::int64_t schools, std::int64_t students, std::int64_t enrolled,
                      std::int64_t total = 0) {
  StatisticsRow r;
  r.schools = schools;
  r.students = students;
  r.enrolled = enrolled;
  r.total = total;
  r.teachers = 1;
  r.media_city = 1;
  return r;
}

RollupInput City() {
  RollupInput in;
  in.unit_id = 1;
  in.unit_name = "成都市教育局";
  return in;
}

TEST(RollupTest, CoverageIsRecomputedFromTheSumsNotAveraged) {
  RollupInput in = City();
  in.children = {{10, "甲校", "accepted", Figures(1, 900, 1000)},   // 90%
                 {11, "乙校", "accepted", Figures(1, 100, 9000)}};  // 1.11%
  Rollup r = RollUpFigures(in);
  ASSERT_EQ(r.rows.size(), 2u);  // no own records: no own row
  EXPECT_DOUBLE_EQ(r.rows[0].coverage, 90.0);
  EXPECT_EQ(r.total.students, 1000);
  EXPECT_EQ(r.total.enrolled, 10000);
  EXPECT_DOUBLE_EQ(r.total.coverage, 10.0);  // 1000 / 10000, not (90 + 1.11) / 2
  EXPECT_EQ(r.total.schools, 2);
  EXPECT_EQ(r.total.teachers, 2);
  EXPECT_EQ(r.total.media_city, 2);
  EXPECT_EQ(r.total.unit_name, "合计");
  EXPECT_EQ(r.uncounted, (std::vector<std::string>{"", ""}));
}

TEST(RollupTest, ChildrenNotAcceptedAreListedButNotCounted) {
  RollupInput in = City();
  in.children = {{10, "甲校", "accepted", Figures(1, 50, 1000)},
                 {11, "乙校", "submitted", Figures(1, 70, 2000)},
                 {12, "丙校", "not_participating", Figures(1, 80, 3000)},
                 {13, "丁校", "not_started", Figures(0, 0, 500)}};
  Rollup r = RollUpFigures(in);
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[1].students, 70);  // shown with its live figures
  EXPECT_EQ(r.rows[2].students, 0);   // did not take part: nothing shown
  EXPECT_EQ(r.row_status[1], "submitted");
  EXPECT_EQ(r.uncounted[0], "");
  EXPECT_EQ(r.uncounted[1], "（待审核，未计入）");
  EXPECT_EQ(r.uncounted[2], "（未参与）");
  EXPECT_EQ(r.uncounted[3], "（未填报，未计入）");
  EXPECT_EQ(r.total.students, 50);
  EXPECT_EQ(r.total.enrolled, 1000);
  EXPECT_EQ(r.total.schools, 1);
  EXPECT_DOUBLE_EQ(r.total.coverage, 5.0);
}

TEST(RollupTest, AUnitWithoutChildrenShowsItsOwnRowEvenWhenEmpty) {
  RollupInput in;
  in.unit_id = 7;
  in.unit_name = "绵阳职业技术学校";
  in.school_like = true;
  in.enrolled = 2000;
  Rollup r = RollUpFigures(in);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].unit_name, "绵阳职业技术学校（本单位）");
  EXPECT_EQ(r.row_status[0], "own");
  EXPECT_EQ(r.rows[0].schools, 0);  // nothing held
  EXPECT_EQ(r.total.enrolled, 2000);
  EXPECT_DOUBLE_EQ(r.total.coverage, 0.0);
}

TEST(RollupTest, OwnRecordsOnlyOfASchoolCountOneSchoolAndItsEnrolment) {
  RollupInput in;
  in.unit_id = 7;
  in.unit_name = "成都工业职业技术学院";
  in.school_like = true;
  in.enrolled = 4000;
  in.own_held = true;
  in.own.students = 400;
  in.own.total = 450;
  in.own.projects = 2;
  // A college accepted with its own enrolment: part of the school's.
  in.children = {{8, "智能制造学院", "accepted", Figures(1, 100, 1500, 120)}};
  Rollup r = RollUpFigures(in);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].schools, 1);
  EXPECT_EQ(r.rows[0].enrolled, 4000);
  EXPECT_DOUBLE_EQ(r.rows[0].coverage, 10.0);
  EXPECT_EQ(r.total.schools, 1);  // one school, however many colleges held something
  EXPECT_EQ(r.total.students, 500);
  EXPECT_EQ(r.total.total, 570);
  EXPECT_EQ(r.total.enrolled, 4000);  // the school's own enrolment, not 4000 + 1500
  EXPECT_DOUBLE_EQ(r.total.coverage, 12.5);
}

TEST(RollupTest, ZeroEnrolmentGivesZeroCoverage) {
  RollupInput in = City();
  in.children = {{10, "甲校", "accepted", Figures(1, 30, 0)}};
  Rollup r = RollUpFigures(in);
  EXPECT_EQ(r.total.students, 30);
  EXPECT_DOUBLE_EQ(r.rows[0].coverage, 0.0);
  EXPECT_DOUBLE_EQ(r.total.coverage, 0.0);
}

TEST(RollupTest, OwnRecordsAboveSchoolsAddToTheChildren) {
  RollupInput in = City();
  in.own.media_provincial = 3;  // the bureau's own media reports
  in.children = {{10, "甲校", "accepted", Figures(1, 10, 100)}};
  Rollup r = RollUpFigures(in);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].unit_name, "成都市教育局（本单位）");
  EXPECT_EQ(r.rows[0].schools, 0);  // a bureau is not a school
  EXPECT_EQ(r.total.media_provincial, 3);
  EXPECT_EQ(r.total.schools, 1);
  EXPECT_EQ(r.total.enrolled, 100);
}

TEST(RollupTest, AnEnterpriseOfTwoChildrenCountsOnce) {
  RollupInput in = City();
  in.own_enterprises = {"四川长虹"};
  in.own.enterprises = 1;
  auto child = [](Id id, const char* name, const char* status, std::int64_t enterprises,
                  std::set<std::string> names) {
    RollupChild c{id, name, status, Figures(1, 10, 100), std::move(names)};
    c.figures.enterprises = enterprises;
    return c;
  };
  in.children = {child(10, "甲校", "accepted", 2, {"四川长虹", "京东方"}),
                 // overridden to one more than its names
                 child(11, "乙校", "accepted", 2, {"京东方"}),
                 // accepted before the names were kept
                 child(12, "丙校", "accepted", 3, {}),
                 child(13, "丁校", "submitted", 5, {"东方电气"})};
  Rollup r = RollUpFigures(in);
  // {四川长虹, 京东方} + 1 unnamed of 乙校 + 3 of 丙校; 丁校 not counted.
  EXPECT_EQ(r.total.enterprises, 6);
  ASSERT_EQ(r.row_enterprises.size(), r.rows.size());
  EXPECT_EQ(r.rows[2].enterprises, 2);  // each row keeps its own figure
  EXPECT_EQ(r.row_enterprises[2].Count(), 2);
}

TEST(RollupTest, APersonOfTwoChildrenCountsOnce) {
  PersonKey a{0, 1}, b{0, 2}, c{0, 3};
  auto people = [](const std::vector<PersonKey>& staff, const std::vector<PersonKey>& students) {
    DistinctPeople p;
    p.staff = staff;
    p.students = students;
    p.everyone = staff;
    p.everyone.insert(p.everyone.end(), students.begin(), students.end());
    p.Settle();
    return p;
  };
  auto child = [](Id id, const char* name, const char* status, std::int64_t teachers,
                  std::int64_t students, std::int64_t total, DistinctPeople keys) {
    RollupChild ch{id, name, status, Figures(1, students, 1000), {}, std::move(keys)};
    ch.figures.teachers = teachers;
    ch.figures.total = total;
    return ch;
  };
  RollupInput in = City();
  // Own records: student a, and one walk-in student.
  in.own_people = people({}, {a});
  in.own_people.student_heads = 1;
  in.own_people.heads = 1;
  in.own.students = 2;
  in.own.total = 2;
  in.children = {// students a and b, teacher c, and 3 students without identity
                 child(10, "甲校", "accepted", 1, 5, 6, people({c}, {a, b})),
                 // student b again; teacher c again
                 child(11, "乙校", "accepted", 1, 1, 2, people({c}, {b})),
                 // accepted before keys were kept: its 4 students add up
                 child(12, "丙校", "accepted", 0, 4, 4, {}),
                 // not accepted: a new student, not counted
                 child(13, "丁校", "submitted", 0, 1, 1, people({}, {PersonKey{0, 9}}))};
  Rollup r = RollUpFigures(in);
  // a, b + walk-in 1 + 3 of 甲校 + 4 of 丙校
  EXPECT_EQ(r.total.students, 2 + 1 + 3 + 4);
  EXPECT_EQ(r.total.teachers, 1);  // c once
  EXPECT_EQ(r.total.total, 3 + 1 + 3 + 4);
  ASSERT_EQ(r.row_people.size(), r.rows.size());
  EXPECT_EQ(r.rows[1].students, 5);  // each row keeps its own figure
  DistinctPeople row = r.row_people[1];
  StatisticsRow f;
  row.Into(f);
  EXPECT_EQ(f.students, 5);
  // Keys travel as hex and back.
  const PersonKey key{0xabc, 0x1f};
  EXPECT_EQ(PersonKey::FromHex(key.Hex()), std::optional<PersonKey>(key));
  EXPECT_EQ(key.Hex(), "0000000000000abc000000000000001f");
  EXPECT_FALSE(PersonKey::FromHex("13800001234"));
  EXPECT_FALSE(PersonKey::FromHex(std::string(32, 'z')));
}

}  // namespace
}  // namespace vw::reporting
