// Concurrent saves of one campaign and of one task on PostgreSQL: exactly one
// wins, the row shows its data. Needs PostgreSQL (VOCWEEK_TEST_PG); skipped
// on SQLite, whose writers queue on the database lock.
#include <gtest/gtest.h>

#include "concurrent.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class CampaignConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
    campaign_ = client_.Get("/api/public/campaigns/current").data().at("id").as_int64();
  }
  TestServer server_{ConfigureForConcurrency};
  Client client_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(CampaignConcurrencyTest, ConcurrentCampaignSavesFromOneVersionKeepExactlyOne) {
  client_.Login("admin");
  std::string path = "/api/campaigns/" + std::to_string(campaign_);
  json::object read = client_.Get(path).data().as_object();
  auto answers = AtOnce(client_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    return c.Put(path, {{"name", read.at("name")},
                        {"theme", "主题" + std::to_string(i)},
                        {"starts_on", read.at("starts_on")},
                        {"status", read.at("status")},
                        {"version", read.at("version")}});
  });
  int winner = OneWinner(answers);
  ASSERT_GE(winner, 0);
  auto row = client_.Get(path).data();
  EXPECT_EQ(row.at("theme").as_string(), "主题" + std::to_string(winner));
  EXPECT_EQ(row.at("version").as_int64(), read.at("version").as_int64() + 1);
}

TEST_F(CampaignConcurrencyTest, ConcurrentTaskSavesFromOneVersionKeepExactlyOne) {
  client_.Login("sctc");
  auto tasks = client_.Get("/api/campaigns/" + std::to_string(campaign_) + "/tasks");
  json::object read = tasks.data().at("items").as_array()[0].as_object();
  std::string path = "/api/tasks/" + std::to_string(read.at("id").as_int64());
  auto answers = AtOnce(client_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    json::object edit = read;
    edit["assignee"] = "负责人" + std::to_string(i);
    return c.Put(path, edit);
  });
  int winner = OneWinner(answers);
  ASSERT_GE(winner, 0);
  auto after = client_.Get("/api/campaigns/" + std::to_string(campaign_) + "/tasks");
  json::object row;
  for (const auto& t : after.data().at("items").as_array()) {
    if (t.at("id") == read.at("id")) row = t.as_object();
  }
  ASSERT_FALSE(row.empty());
  EXPECT_EQ(row.at("assignee").as_string(), "负责人" + std::to_string(winner));
  EXPECT_EQ(row.at("version").as_int64(), read.at("version").as_int64() + 1);
}

}  // namespace
}  // namespace vw::testing
