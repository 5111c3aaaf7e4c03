#include "db/migrations.h"

#include <gtest/gtest.h>

#include <thread>

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

// Nodes of a new release started together migrate one database: each
// migration is applied once and every node starts.
TEST(MigrationsTest, NodesStartingTogetherApplyEachMigrationOnce) {
  auto all = db::AllMigrations();
  for (int round = 0; round < 3; ++round) {
    auto o = FreshAppOptions();
    std::vector<std::unique_ptr<db::Database>> nodes;
    for (int i = 0; i < 3; ++i) {
      nodes.push_back(std::make_unique<db::Database>(db::Options{o.config.db_url, 1, o.pg_schema}));
    }
    std::vector<std::string> errors(nodes.size());
    std::vector<std::size_t> applied(nodes.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      threads.emplace_back([&, i] {
        try {
          applied[i] = db::Migrate(*nodes[i]).size();
        } catch (const std::exception& e) {
          errors[i] = e.what();
        }
      });
    }
    for (auto& t : threads) t.join();
    std::size_t total = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      EXPECT_EQ(errors[i], "") << "node " << i;
      total += applied[i];
    }
    EXPECT_EQ(total, all.size());
    db::Session s(*nodes[0]);
    std::int64_t rows = 0;
    s.sql() << "SELECT COUNT(*) FROM schema_migrations", soci::into(rows);
    EXPECT_EQ(rows, static_cast<std::int64_t>(all.size()));
  }
}

}  // namespace
}  // namespace vw::testing
