// The one "nearest school above a unit" query, as SQL fragment and as a call.
#include "org/school.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

class NearestSchoolTest : public ::testing::Test {
 protected:
  TestServer server_;
  db::Database& db() { return server_.db(); }
};

TEST_F(NearestSchoolTest, AUnitInsideASchoolFindsTheSchool) {
  db::Session s(db());
  Id school = UnitId(db(), "四川科技职业学院");
  EXPECT_EQ(org::NearestSchool(s, UnitId(db(), "智能制造学院")), school);
  EXPECT_EQ(org::NearestSchool(s, school), school) << "a school is its own nearest school";
  Id secondary = UnitId(db(), "成都市财贸职业高级中学");
  EXPECT_EQ(org::NearestSchool(s, secondary), secondary) << "under a city bureau";
}

TEST_F(NearestSchoolTest, BureausAndUnknownUnitsHaveNone) {
  db::Session s(db());
  EXPECT_EQ(org::NearestSchool(s, UnitId(db(), "四川省教育厅")), std::nullopt);
  EXPECT_EQ(org::NearestSchool(s, UnitId(db(), "成都市教育局")), std::nullopt);
  EXPECT_EQ(org::NearestSchool(s, 99999999), std::nullopt);
}

TEST_F(NearestSchoolTest, TheFragmentWorksPerRowOfAnotherQuery) {
  db::Session s(db());
  Id school = UnitId(db(), "四川科技职业学院");
  // Every unit of the school's subtree maps to the school, in one statement.
  int rows = 0, matching = 0;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT c.descendant_id, " << org::NearestSchoolSql("c.descendant_id")
                       << " FROM unit_closure c WHERE c.ancestor_id = :s",
       soci::use(school));
  for (const auto& r : rs) {
    ++rows;
    if (db::OptInt(r, 1) == school) ++matching;
  }
  EXPECT_GT(rows, 3);
  EXPECT_EQ(matching, rows);
}

}  // namespace
}  // namespace vw::testing
