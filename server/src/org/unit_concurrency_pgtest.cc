// Concurrent saves of one unit on PostgreSQL: exactly one wins, the row shows
// its data. Needs PostgreSQL (VOCWEEK_TEST_PG); skipped on SQLite, whose
// writers queue on the database lock.
#include <gtest/gtest.h>

#include "concurrent.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

TEST(UnitConcurrencyTest, ConcurrentSavesFromOneVersionKeepExactlyOne) {
  if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
  TestServer server(ConfigureForConcurrency);
  Client admin(server.port());
  admin.Login("sctc");
  Id id = UnitId(server.db(), "智能制造学院");
  std::string path = "/api/units/" + std::to_string(id);
  json::object read = admin.Get(path).data().as_object();
  auto answers = AtOnce(admin, server.port(), kConcurrentWriters, [&](Client& c, int i) {
    json::object edit = read;
    edit["contact_person"] = "联系人" + std::to_string(i);
    edit["staff_count"] = 100 + i;
    return c.Put(path, edit);
  });
  int winner = OneWinner(answers);
  ASSERT_GE(winner, 0);
  auto row = admin.Get(path).data();
  EXPECT_EQ(row.at("contact_person").as_string(), "联系人" + std::to_string(winner));
  EXPECT_EQ(row.at("staff_count").as_int64(), 100 + winner);
  EXPECT_EQ(row.at("version").as_int64(), read.at("version").as_int64() + 1);
}

}  // namespace
}  // namespace vw::testing
