#include "db/migrations.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

TEST(MigrationsTest, ApplyOnceInOrderAndAreIdempotent) {
  auto db = FreshDatabase();  // already migrated
  auto all = db::AllMigrations();
  ASSERT_GE(all.size(), 2u);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].version, all[i].version);
  EXPECT_EQ(db::CurrentVersion(*db), all.back().version);
  EXPECT_TRUE(db::Migrate(*db).empty());
}

TEST(MigrationsTest, RenderSplitsStatementsAndDropsComments) {
  db::Migration m{1, "x",
                  "-- a comment\nCREATE TABLE a (id {{id_pk}});\nINSERT INTO a VALUES (1);"};
  auto sqlite = db::Render(m, db::Backend::kSqlite);
  ASSERT_EQ(sqlite.size(), 2u);
  EXPECT_NE(sqlite[0].find("AUTOINCREMENT"), std::string::npos);
  auto pg = db::Render(m, db::Backend::kPostgres);
  EXPECT_NE(pg[0].find("IDENTITY"), std::string::npos);
  EXPECT_EQ(pg[0].find("comment"), std::string::npos);
}

TEST(MigrationsTest, UnitKindsFollowTheSpecTable) {
  auto db = FreshDatabase();
  db::Session s(*db);
  std::string parent;
  s.sql() << "SELECT parent_kind FROM unit_kind_parents WHERE kind = 'technical_school'",
      soci::into(parent);
  EXPECT_EQ(parent, "city_hr");
  s.sql() << "SELECT parent_kind FROM unit_kind_parents WHERE kind = 'higher_school'",
      soci::into(parent);
  EXPECT_EQ(parent, "province_edu");
  int regions = 0;
  s.sql() << "SELECT COUNT(*) FROM regions WHERE level = 2", soci::into(regions);
  EXPECT_EQ(regions, 21);
}

}  // namespace
}  // namespace vw::testing
