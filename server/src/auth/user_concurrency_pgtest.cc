// Concurrent saves of one user on PostgreSQL: exactly one wins, the row and
// the grants show its data. Needs PostgreSQL (VOCWEEK_TEST_PG); skipped on
// SQLite, whose writers queue on the database lock.
#include <gtest/gtest.h>

#include "concurrent.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

TEST(UserConcurrencyTest, ConcurrentSavesFromOneVersionKeepExactlyOne) {
  if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
  TestServer server(ConfigureForConcurrency);
  Client admin(server.port());
  admin.Login("admin");
  Id id = 0;
  {
    db::Session s(server.db());
    s.sql() << "SELECT id FROM users WHERE username = 'sctc-college'", soci::into(id);
  }
  std::string path = "/api/users/" + std::to_string(id);
  json::object read = admin.Get(path).data().as_object();
  ASSERT_FALSE(read.at("grants").as_array().empty());
  auto answers = AtOnce(admin, server.port(), kConcurrentWriters, [&](Client& c, int i) {
    json::object edit = read;
    edit["display_name"] = "教务员" + std::to_string(i);
    edit["position"] = "岗位" + std::to_string(i);
    return c.Put(path, edit);
  });
  int winner = OneWinner(answers);
  ASSERT_GE(winner, 0);
  auto row = admin.Get(path).data();
  EXPECT_EQ(row.at("display_name").as_string(), "教务员" + std::to_string(winner));
  EXPECT_EQ(row.at("position").as_string(), "岗位" + std::to_string(winner));
  EXPECT_EQ(row.at("version").as_int64(), read.at("version").as_int64() + 1);
  EXPECT_EQ(row.at("grants").as_array().size(), read.at("grants").as_array().size());
}

}  // namespace
}  // namespace vw::testing
