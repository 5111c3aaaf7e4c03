// Backups and restores of SQLite databases: a backup taken while writers
// commit holds exactly the writes committed before it began, and restores
// refuse what would lose or corrupt data. SQLite files only: the run with
// VOCWEEK_TEST_PG skips them (they ran in the SQLite run).
#include "db/backup.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "db/migrations.h"
#include "db/move_to_postgres.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace fs = std::filesystem;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (UsingPostgres()) GTEST_SKIP() << "SQLite files only; run in the SQLite pass";
    static std::atomic<int> n{0};
    dir_ = fs::temp_directory_path() / "vocweek-tests" /
           ("backup-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::string File(const std::string& name) const { return (dir_ / name).string(); }

  // A migrated database with `rows` audit rows of about 500 bytes each.
  std::unique_ptr<db::Database> Source(const std::string& path, int rows, std::size_t pool = 4) {
    auto db = std::make_unique<db::Database>(db::Options{path, pool, ""});
    db::Migrate(*db);
    db::Session s(*db);
    db::Transaction tx(s);
    for (int i = 0; i < rows; ++i) Insert(s);
    tx.Commit();
    return db;
  }
  static void Insert(db::Session& s) {
    static const std::string kSummary(500, 'x');
    s.sql() << "INSERT INTO audit_log (at, action, entity, summary) "
               "VALUES ('2025-05-12T01:00:00Z', 'test', 'row', :s)",
        soci::use(kSummary);
  }
  static std::int64_t Count(db::Database& db, const char* sql) {
    db::Session s(db);
    std::int64_t n = 0;
    s.sql() << sql, soci::into(n);
    return n;
  }

  fs::path dir_;
};

TEST_F(BackupTest, BackupUnderWriteLoadHoldsExactlyTheWritesCommittedBeforeIt) {
  std::string path = File("live.db");
  auto db = Source(path, 3000);
  std::atomic<std::int64_t> committed{3000};
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&] {
      while (!stop) {
        db::Session s(*db);
        db::Transaction tx(s);
        Insert(s);
        tx.Commit();
        ++committed;
      }
    });
  }

  // At the first step the backup's snapshot is fixed; it then waits until
  // writers have committed 200 more rows, which it must not contain.
  std::int64_t at_first_step = -1;
  db::BackupOptions options;
  options.pages_per_step = 16;
  options.progress = [&](int, int) {
    if (at_first_step >= 0) return;
    at_first_step = committed.load();
    while (committed.load() < at_first_step + 200) std::this_thread::yield();
  };
  auto report = db::BackupSqlite(path, File("backup.db"), options);
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->file, File("backup.db"));
  EXPECT_EQ(report->schema_version, db::AllMigrations().back().version);

  // The backup holds audit rows 1..n with none missing, n no later than the
  // first step; the source has more. A writer counts its row just after its
  // commit, so at the first step each of the three may have one row
  // committed but not yet counted.
  db::Database backup({File("backup.db"), 1, ""});
  std::int64_t n = Count(backup, "SELECT COUNT(*) FROM audit_log");
  EXPECT_EQ(Count(backup, "SELECT MIN(id) FROM audit_log"), 1);
  EXPECT_EQ(Count(backup, "SELECT MAX(id) FROM audit_log"), n);
  EXPECT_GE(n, 3000);
  EXPECT_LE(n, at_first_step + static_cast<std::int64_t>(writers.size()));
  std::int64_t total = Count(*db, "SELECT COUNT(*) FROM audit_log");
  EXPECT_GE(total, at_first_step + 200);

  // Row for row it is the source without the later writes: the source
  // copied now and cut back to n rows has every table's checksum equal.
  ASSERT_TRUE(db::BackupSqlite(path, File("later.db")));
  {
    db::Database later({File("later.db"), 1, ""});
    db::Session s(later);
    s.sql() << "DELETE FROM audit_log WHERE id > :n", soci::use(n);
  }
  auto backup_sums = db::SqliteChecksums(File("backup.db"));
  auto cut_sums = db::SqliteChecksums(File("later.db"));
  ASSERT_TRUE(backup_sums && cut_sums);
  EXPECT_EQ(*backup_sums, *cut_sums);

  // Restored into a new file it is the same again, migrated to this binary.
  auto restored = db::RestoreSqlite(File("backup.db"), File("restored/vocweek.db"), false);
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_TRUE(restored->applied.empty());
  EXPECT_EQ(restored->schema_version, report->schema_version);
  EXPECT_TRUE(restored->kept_as.empty());
  auto restored_sums = db::SqliteChecksums(File("restored/vocweek.db"));
  ASSERT_TRUE(restored_sums);
  EXPECT_EQ(*restored_sums, *backup_sums);
}

TEST_F(BackupTest, BackupIsOneSelfContainedFileNamedByTimeInADirectory) {
  Source(File("live.db"), 10);
  fs::permissions(File("live.db"), fs::perms::owner_read | fs::perms::owner_write);
  auto report = db::BackupSqlite(File("live.db"), File("daily") + "/");
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(fs::path(report->file).parent_path(), dir_ / "daily");
  EXPECT_EQ(fs::path(report->file).filename().string().rfind("vocweek-", 0), 0u);
  EXPECT_GE(report->rows, 10);
  EXPECT_EQ(fs::status(report->file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write)
      << "as private as the database";
  // Rollback-journal mode: no -wal beside it to forget when it is copied.
  std::ifstream in(report->file, std::ios::binary);
  char header[20];
  in.read(header, sizeof header);
  EXPECT_EQ(header[18], 1) << "file format write version 1 = rollback journal";
  for (const auto& e : fs::directory_iterator(dir_ / "daily")) {
    EXPECT_EQ(e.path(), fs::path(report->file)) << "no temporary file is left";
  }
  EXPECT_FALSE(db::BackupSqlite(File("missing.db"), File("x.db")));
  EXPECT_FALSE(fs::exists(File("missing.db")));
}

TEST_F(BackupTest, RestoreRefusesADatabaseInUseUnlessForcedAndKeepsTheReplacedOne) {
  Source(File("a.db"), 5, 1).reset();
  ASSERT_TRUE(db::BackupSqlite(File("a.db"), File("a-backup.db")));
  auto backup_sums = db::SqliteChecksums(File("a-backup.db"));

  auto live = Source(File("live.db"), 50, 2);  // a "server" holding its connections
  auto live_sums = db::SqliteChecksums(File("live.db"));
  EXPECT_TRUE(db::SqliteInUse(File("live.db")));
  auto refused = db::RestoreSqlite(File("a-backup.db"), File("live.db"), false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  EXPECT_EQ(*db::SqliteChecksums(File("live.db")), *live_sums) << "left as it was";

  auto forced = db::RestoreSqlite(File("a-backup.db"), File("live.db"), true);
  ASSERT_TRUE(forced) << forced.error().message;
  EXPECT_TRUE(forced->replaced_in_use);
  ASSERT_FALSE(forced->kept_as.empty());
  live.reset();  // the old server stops
  EXPECT_EQ(*db::SqliteChecksums(File("live.db")), *backup_sums);
  EXPECT_EQ(*db::SqliteChecksums(forced->kept_as), *live_sums) << "the replaced data is kept";

  // Not in use: restored without --force.
  EXPECT_FALSE(db::SqliteInUse(File("live.db")));
  auto again = db::RestoreSqlite(File("a-backup.db"), File("live.db"), false);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_NE(again->kept_as, forced->kept_as);
}

TEST_F(BackupTest, RestoreRefusesANewerSchemaADamagedFileAndAnotherProgramsFile) {
  Source(File("a.db"), 2000, 1).reset();
  ASSERT_TRUE(db::BackupSqlite(File("a.db"), File("good.db")));

  fs::copy_file(File("good.db"), File("newer.db"));
  {
    db::Database newer({File("newer.db"), 1, ""});
    db::Session s(newer);
    s.sql() << "INSERT INTO schema_migrations (version, name, applied_at) "
               "VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00Z')";
  }
  auto r = db::RestoreSqlite(File("newer.db"), File("target.db"), false);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_NE(r.error().message.find("9999"), std::string::npos) << r.error().message;
  EXPECT_FALSE(fs::exists(File("target.db"))) << "nothing written for a refused backup";

  // A backup cut short (a copy that ran out of disk) fails the check.
  fs::copy_file(File("good.db"), File("cut.db"));
  fs::resize_file(File("cut.db"), fs::file_size(File("cut.db")) / 2);
  r = db::RestoreSqlite(File("cut.db"), File("target.db"), false);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);

  std::ofstream(File("junk.db")) << "not a database at all, just some text of some length";
  EXPECT_FALSE(db::RestoreSqlite(File("junk.db"), File("target.db"), false));
  std::ofstream(File("pg.dump")) << "PGDMP\x01\x0e";
  r = db::RestoreSqlite(File("pg.dump"), File("target.db"), false);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("pg_restore"), std::string::npos);
  {
    db::Database other({File("other.db"), 1, ""});  // a SQLite file, not vocweek's
    db::Session s(other);
    s.sql() << "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)";
  }
  r = db::RestoreSqlite(File("other.db"), File("target.db"), false);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("vocweek"), std::string::npos);
  EXPECT_FALSE(fs::exists(File("target.db")));

  EXPECT_TRUE(db::RestoreSqlite(File("good.db"), File("target.db"), false));
}

}  // namespace
}  // namespace vw::testing
