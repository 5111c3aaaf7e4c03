// vocweek move-to-postgres: a school's SQLite database (the demo, with
// registrations, check-ins, walk-ins and an accepted form) moved into a new
// PostgreSQL database row for row, then served from there. Needs PostgreSQL
// (VOCWEEK_TEST_PG); skipped in the SQLite run.
#include "db/move_to_postgres.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/seed.h"
#include "db/backup.h"
#include "db/migrations.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// Text that PostgreSQL's COPY and the canonical row text must carry intact.
const std::string kAwkward = "制表\there\nnew line\r\\N back\\slash | T3:x 'quoted' \"double\"";
constexpr std::int64_t kBeyondDouble = 9007199254740993;  // 2^53 + 1

// Fills a SQLite database the way a school would, through the API: an
// activity with registrations (one waiting), check-ins, a walk-in, and a
// college's statistics form accepted by the school.
void UseLikeASchool(app::Config& config) {
  ScopedClock during_the_week("2025-05-12T08:00:00+08:00");  // registration closes once it ends
  TestServer server([&config](app::Config& c) { c = config; });
  Client anon(server.port()), college(server.port()), school(server.port());
  auto campaign = anon.Get("/api/public/campaigns/current").data();
  std::string base = "/api/campaigns/" + std::to_string(campaign.at("id").as_int64());
  college.Login("sctc-college");
  school.Login("sctc");

  json::object activity{{"unit_id", UnitId(server.db(), "智能制造学院")},
                        {"title", "工业机器人开放日"},
                        {"description", kAwkward},
                        {"theme_day_id", campaign.at("days").as_array()[1].at("id")},
                        {"starts_at", "2025-05-12T09:30:00+08:00"},
                        {"ends_at", "2025-05-12T11:30:00+08:00"},
                        {"place_kind", "on_campus"},
                        {"place", "东区实训楼"},
                        {"capacity", 3},
                        {"open_to_public", true},
                        {"registration_required", true}};
  auto created = college.Post(base + "/activities", activity);
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string path = "/api/activities/" + std::to_string(created.data().at("id").as_int64());
  ASSERT_EQ(college.Post(path + "/publish", json::object{}).status, 200u);

  std::vector<std::string> tokens;
  for (int i = 0; i < 4; ++i) {  // three seats: the fourth waits
    json::object person{{"kind", "person"},
                        {"name", "家长" + std::to_string(i)},
                        {"mobile", "1381234000" + std::to_string(i)},
                        {"category", "parent"},
                        {"consent", true}};
    auto r = anon.Post(
        "/api/public/activities/" + path.substr(path.rfind('/') + 1) + "/registrations", person);
    ASSERT_EQ(r.status, 201u) << r.body;
    tokens.emplace_back(r.data().at("token").as_string());
  }
  for (int i = 0; i < 2; ++i) {
    json::object scan{{"scan_id", "door-" + std::to_string(i)}, {"token", tokens[i]}};
    ASSERT_EQ(college.Post(path + "/checkins", json::object{{"scans", json::array{scan}}}).status,
              200u);
  }
  json::object walkin{{"scan_id", "walk-1"}, {"category", "public"}, {"delta", 2}};
  ASSERT_EQ(college.Post(path + "/walkins", json::object{{"events", json::array{walkin}}}).status,
            200u);

  std::string form = base + "/submissions/statistics?unit_id=" +
                     std::to_string(UnitId(server.db(), "智能制造学院"));
  auto current = college.Get(form);
  ASSERT_EQ(current.status, 200u) << current.body;
  auto submitted =
      college.Post(form.substr(0, form.find('?')) + "/submit" + form.substr(form.find('?')),
                   json::object{{"version", current.data().at("version")}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  auto accepted = school.Post(
      "/api/submissions/" + std::to_string(submitted.data().at("id").as_int64()) + "/accept",
      json::object{{"version", submitted.data().at("version")}});
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
}

std::int64_t Count(db::Database& db, const std::string& sql) {
  db::Session s(db);
  std::int64_t n = 0;
  s.sql() << sql, soci::into(n);
  return n;
}

const db::TableSum& Sum(const std::vector<db::TableSum>& sums, const std::string& table) {
  for (const auto& s : sums) {
    if (s.table == table) return s;
  }
  throw std::runtime_error("no table " + table);
}

TEST(MoveToPostgresTest, MovesEveryRowWithIdsAndChecksumsAndIsServedFromThere) {
  if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
  auto dir = fs::temp_directory_path() / "vocweek-tests";
  fs::create_directories(dir);
  std::string source = (dir / ("move-" + std::to_string(::getpid()) + ".db")).string();
  fs::remove(source);
  app::Config config = FreshAppOptions().config;
  config.db_url = source;
  UseLikeASchool(config);
  if (HasFatalFailure()) return;

  std::int64_t deleted_audit_id = 0;
  {
    // Values whose spelling differs between the two databases, and an id
    // handed out and deleted (never to be reused).
    db::Database db({source, 1, ""});
    db::Session s(db);
    std::int64_t big = kBeyondDouble;
    s.sql() << "INSERT INTO audit_log (at, action, entity, entity_id, summary, detail) "
               "VALUES ('2025-05-12T01:00:00Z', 'test', 'awkward', :big, :text, '\\N')",
        soci::use(big), soci::use(kAwkward);
    s.sql() << "UPDATE validation_rules SET value = 0.1 WHERE code = 'statistics.jump'";
    s.sql() << "INSERT INTO audit_log (at, action, entity) VALUES ('2025-05-12T01:00:00Z', 'x', "
               "'deleted')";
    s.sql() << "SELECT MAX(id) FROM audit_log", soci::into(deleted_audit_id);
    s.sql() << "DELETE FROM audit_log WHERE id = :id", soci::use(deleted_audit_id);
  }
  auto source_sums = db::SqliteChecksums(source);
  ASSERT_TRUE(source_sums) << source_sums.error().message;
  for (const char* t : {"registrations", "checkins", "walkins", "submissions",
                        "submission_snapshots", "statistics_figures", "audit_log"}) {
    EXPECT_GT(Sum(*source_sums, t).rows, 0) << t;
  }

  auto target = FreshAppOptions();
  db::MoveOptions options;
  options.to = {target.config.db_url, 1, target.pg_schema};
  options.install_tables = seed::TablesFilledAtInstall();

  // A value PostgreSQL refuses: nothing of the move stays in the target.
  std::string bad = source + ".bad";
  ASSERT_TRUE(db::BackupSqlite(source, bad));
  {
    db::Database db({bad, 1, ""});
    db::Session s(db);
    s.sql() << "UPDATE units SET enrolled_students = 'many' WHERE id = (SELECT MAX(id) FROM units)";
  }
  options.from = bad;
  auto failed = db::MoveToPostgres(options);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("units"), std::string::npos) << failed.error().message;
  db::Database pg(options.to);
  EXPECT_EQ(Count(pg, "SELECT COUNT(*) FROM units"), 0);
  EXPECT_EQ(Count(pg, "SELECT COUNT(*) FROM audit_log"), 0);

  options.from = source;
  auto moved = db::MoveToPostgres(options);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->tables, *source_sums);
  std::int64_t rows = 0;
  for (const auto& t : *source_sums) rows += t.rows;
  EXPECT_EQ(moved->rows, rows);
  EXPECT_GT(moved->sequences, 10u);

  // Checked again after the commit, from another connection.
  auto target_sums = db::PostgresChecksums(pg);
  ASSERT_TRUE(target_sums) << target_sums.error().message;
  EXPECT_EQ(*target_sums, *source_sums);
  {
    db::Session s(pg);
    std::string summary;
    std::int64_t entity_id = 0;
    s.sql() << "SELECT summary, entity_id FROM audit_log WHERE entity = 'awkward'",
        soci::into(summary), soci::into(entity_id);
    EXPECT_EQ(summary, kAwkward);
    EXPECT_EQ(entity_id, kBeyondDouble);
  }

  // Served from PostgreSQL: the demo accounts log in, and new rows get ids
  // past every id the SQLite database handed out.
  {
    app::App app(app::App::Options{target.config, target.pg_schema});
    http::ServerOptions so;
    so.port = 0;
    so.threads = 2;
    so.shutdown_grace = std::chrono::seconds(5);
    http::Server server(
        so, [&app](http::RequestContext& ctx) { return app.Handle(ctx); },
        [&app](http::Verb m, std::string_view p) { return app.BodyLimit(m, p); });
    Client college(server.Start());
    college.Login("sctc-college");
    std::int64_t max_activity = Count(pg, "SELECT MAX(id) FROM activities");
    auto campaign = college.Get("/api/public/campaigns/current").data();
    json::object activity{{"unit_id", UnitId(pg, "智能制造学院")},
                          {"title", "迁移后的新活动"},
                          {"theme_day_id", campaign.at("days").as_array()[2].at("id")},
                          {"starts_at", "2025-05-13T09:30:00+08:00"},
                          {"ends_at", "2025-05-13T11:30:00+08:00"},
                          {"place_kind", "online"},
                          {"online_url", "https://live.example.cn/1"}};
    auto created = college.Post(
        "/api/campaigns/" + std::to_string(campaign.at("id").as_int64()) + "/activities", activity);
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_GT(created.data().at("id").as_int64(), max_activity);
    EXPECT_GT(Count(pg, "SELECT MAX(id) FROM audit_log"), deleted_audit_id);
    server.Stop();
  }

  auto again = db::MoveToPostgres(options);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("units"), std::string::npos);

  // The checksums see a one-character change in one table, and only there.
  auto before = db::PostgresChecksums(pg);
  ASSERT_TRUE(before);
  {
    db::Session s(pg);
    s.sql() << "UPDATE units SET short_name = short_name || ' ' WHERE id = (SELECT MIN(id) FROM "
               "units)";
  }
  auto after = db::PostgresChecksums(pg);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), before->size());
  for (std::size_t i = 0; i < after->size(); ++i) {
    if ((*after)[i].table == "units") {
      EXPECT_NE((*after)[i], (*before)[i]);
      EXPECT_EQ((*after)[i].rows, (*before)[i].rows);
    } else {
      EXPECT_EQ((*after)[i], (*before)[i]);
    }
  }
  fs::remove(source);
  fs::remove(bad);
}

TEST(MoveToPostgresTest, LeavesAnotherApplicationsDatabaseAlone) {
  if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
  auto dir = fs::temp_directory_path() / "vocweek-tests";
  fs::create_directories(dir);
  std::string source = (dir / ("other-" + std::to_string(::getpid()) + ".db")).string();
  fs::remove(source);
  {
    db::Database db({source, 1, ""});
    db::Migrate(db);
  }
  auto target = FreshAppOptions();
  db::Database pg({target.config.db_url, 1, target.pg_schema});
  {
    db::Session s(pg);
    s.sql() << "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)";
  }
  db::MoveOptions options;
  options.from = source;
  options.to = {target.config.db_url, 1, target.pg_schema};
  options.install_tables = seed::TablesFilledAtInstall();
  auto r = db::MoveToPostgres(options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_NE(r.error().message.find("notes"), std::string::npos) << r.error().message;
  db::Session s(pg);
  std::int64_t tables = 0;
  s.sql() << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
      soci::into(tables);
  EXPECT_EQ(tables, 1) << "no vocweek table was created beside it";
  fs::remove(source);
}

TEST(MoveToPostgresTest, BacksUpPostgresWithPgDumpAndChecksTheArchive) {
  if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
  auto options = FreshAppOptions();
  {
    app::App app(options);  // migrated, regions loaded
  }
  auto dir = fs::temp_directory_path() / "vocweek-tests" / ("pgdump-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto report = db::BackupPostgres(options.config.db_url, dir.string() + "/", options.pg_schema);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(fs::path(report->file).extension(), ".dump");
  EXPECT_GT(report->bytes, 0u);
  EXPECT_GE(report->tables, 30u);
  EXPECT_GT(report->schema_version, 0);
  // It is no SQLite backup: restore says so instead of failing obscurely.
  auto r = db::RestoreSqlite(report->file, (dir / "x.db").string(), false);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("pg_restore"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vw::testing
