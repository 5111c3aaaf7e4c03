// The connection pool on PostgreSQL: a node keeps serving after the database
// dropped its connections (a restart, a failover to another host). Needs
// PostgreSQL (VOCWEEK_TEST_PG); skipped in the SQLite run.
#include "db/database.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

bool SelectOne(db::Database& db) {
  try {
    db::Session s(db);
    int one = 0;
    s.sql() << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception&) {
    return false;
  }
}

TEST(DatabasePgTest, ServesAgainAfterTheServerDroppedEveryConnection) {
  if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
  auto o = FreshAppOptions();
  db::Database db({o.config.db_url, 2, o.pg_schema});
  db::Database admin({o.config.db_url, 1, ""});
  std::vector<int> pids;
  {
    db::Session a(db), b(db);  // both pooled connections
    for (db::Session* s : {&a, &b}) {
      int pid = 0;
      s->sql() << "SELECT pg_backend_pid()", soci::into(pid);
      pids.push_back(pid);
    }
  }
  {
    db::Session s(admin);
    for (int pid : pids) {
      int done = 0;
      s.sql() << "SELECT CAST(pg_terminate_backend(:p) AS INTEGER)", soci::use(pid),
          soci::into(done);
      EXPECT_EQ(done, 1);
    }
  }

  // The statement that finds a connection dead fails; the next lease of that
  // connection opens it again, with the session's settings.
  int failures = 0;
  for (int i = 0; i < 6; ++i) failures += SelectOne(db) ? 0 : 1;
  EXPECT_LE(failures, 2);
  EXPECT_TRUE(SelectOne(db));
  db::Session s(db);
  std::string schema, zone;
  s.sql() << "SELECT current_schema()", soci::into(schema);
  s.sql() << "SHOW TIME ZONE", soci::into(zone);
  EXPECT_EQ(schema, o.pg_schema);
  EXPECT_EQ(zone, "UTC");
}

// The URL of a replicated cluster: every host listed, the writable one used.
TEST(DatabasePgTest, MultiHostUrlConnectsToTheHostThatAcceptsWrites) {
  if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
  auto o = FreshAppOptions();
  std::string url = o.config.db_url;  // postgresql://user@host:port/db
  auto at = url.find('@'), slash = url.find('/', at);
  std::string live = url.substr(at + 1, slash - at - 1);
  // Ports 1 and 2 on the loopback refuse at once: hosts that are gone.
  std::string cluster = url.substr(0, at + 1) + "127.0.0.1:1," + live + ",127.0.0.1:2" +
                        url.substr(slash) + "?target_session_attrs=read-write&connect_timeout=3";
  db::Database db({cluster, 1, o.pg_schema});
  EXPECT_TRUE(SelectOne(db));
  db::Session s(db);
  int recovery = 1;
  s.sql() << "SELECT CAST(pg_is_in_recovery() AS INTEGER)", soci::into(recovery);
  EXPECT_EQ(recovery, 0);
  EXPECT_THROW(db::Database({url.substr(0, at + 1) + "127.0.0.1:1" + url.substr(slash), 1, ""}),
               std::exception)
      << "the dead host alone is refused";
}

}  // namespace
}  // namespace vw::testing
