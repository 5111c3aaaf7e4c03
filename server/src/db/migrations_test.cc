#include "db/migrations.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/crypto.h"
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

// A database at version 8 with two stamped scans stored as base64 text, as
// 0007 kept them: every byte value, and a JPEG-like file.
class ScanBytesMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto o = FreshAppOptions();
    db_ = std::make_unique<db::Database>(db::Options{o.config.db_url, 2, o.pg_schema});
    db::Migrate(*db_, 8);
    ASSERT_EQ(db::CurrentVersion(*db_), 8);
    for (int b = 0; b < 256; ++b) all_bytes_.push_back(static_cast<char>(b));
    jpeg_ = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(100000, '\0') + "end";
    db::Session s(*db_);
    const std::string now = "2025-05-20T00:00:00Z";
    Id unit = 0, campaign = 0, submission = 0;
    s.sql() << "INSERT INTO units (kind, name, created_at, updated_at) VALUES ('province_edu', "
               "'四川省教育厅', :a, :b) RETURNING id",
        soci::use(now), soci::use(now), soci::into(unit);
    s.sql() << "INSERT INTO campaigns (year, name, theme, starts_on, ends_on, created_at, "
               "updated_at) VALUES (2025, '2025', '主题', '2025-05-11', '2025-05-17', :a, :b) "
               "RETURNING id",
        soci::use(now), soci::use(now), soci::into(campaign);
    s.sql() << "INSERT INTO submissions (campaign_id, unit_id, form, created_at, updated_at) "
               "VALUES (:c, :u, 'statistics', :a, :b) RETURNING id",
        soci::use(campaign), soci::use(unit), soci::use(now), soci::use(now),
        soci::into(submission);
    for (const std::string* file : {&all_bytes_, &jpeg_}) {
      std::string text = ToBase64(*file), hash = Sha256Hex(*file);
      std::int64_t size = static_cast<std::int64_t>(file->size());
      s.sql() << "INSERT INTO submission_scans (submission_id, file_name, content_type, "
                 "size_bytes, sha256, data_base64, uploaded_at) VALUES (:s, '../x.html', "
                 "'image/jpeg', :z, :h, :d, :a)",
          soci::use(submission), soci::use(size), soci::use(hash), soci::use(text), soci::use(now);
    }
  }
  std::vector<std::string> Files() {
    db::Session s(*db_);
    std::vector<std::string> out;
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT " + s.HexOf("data") + " FROM submission_scans ORDER BY id");
    for (const auto& r : rs) out.push_back(FromHex(db::Str(r, 0)).value_or("(not hex)"));
    return out;
  }

  std::unique_ptr<db::Database> db_;
  std::string all_bytes_, jpeg_;
};

TEST_F(ScanBytesMigrationTest, Base64RowsBecomeTheirBytes) {
  EXPECT_EQ(db::Migrate(*db_, 9), (std::vector<int>{9}));
  EXPECT_EQ(Files(), (std::vector<std::string>{all_bytes_, jpeg_}));
  db::Session s(*db_);
  int text_columns = 0;
  // The text column is gone: selecting it fails.
  auto select_text = [&] {
    s.sql() << "SELECT COUNT(data_base64) FROM submission_scans", soci::into(text_columns);
  };
  EXPECT_ANY_THROW(select_text());
}

TEST_F(ScanBytesMigrationTest, ARowThatDoesNotDecodeStopsItAndNothingIsLost) {
  {
    db::Session s(*db_);
    s.sql() << "UPDATE submission_scans SET sha256 = 'not-the-hash' WHERE id = (SELECT MAX(id) "
               "FROM submission_scans)";
  }
  EXPECT_THROW(db::Migrate(*db_, 9), std::runtime_error);
  EXPECT_EQ(db::CurrentVersion(*db_), 8);
  db::Session s(*db_);
  std::vector<std::string> texts;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT data_base64 FROM submission_scans ORDER BY id");
  for (const auto& r : rs) texts.push_back(db::Str(r, 0));
  EXPECT_EQ(texts, (std::vector<std::string>{ToBase64(all_bytes_), ToBase64(jpeg_)}));
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
