// Concurrent steps on one item on PostgreSQL: several deciders accept at
// once, several province users push at once. Exactly one wins from a version;
// the item has one step, one take and (push) one media report per outlet.
// More writers than pooled connections, so a step that leased a second
// connection would hang here. Needs PostgreSQL (VOCWEEK_TEST_PG); skipped on
// SQLite, whose writers queue on the database lock.
#include <gtest/gtest.h>

#include "concurrent.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class PublicityConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
    campaign_ = college_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    college_.Login("sctc-college");
    school_.Login("sctc");
    province_.Login("province");
  }

  // A submitted article of the college; its JSON.
  json::object Submitted() {
    auto r = college_.Post(
        "/api/publicity/items",
        json::object{{"campaign_id", campaign_},
                     {"unit_id", UnitId(server_.db(), "智能制造学院")},
                     {"kind", "article"},
                     {"title", "智能制造学院开放日"},
                     {"body", "智能制造学院举办校园开放日，邀请家长和中学生走进实训室体验。"}});
    EXPECT_EQ(r.status, 201u) << r.body;
    auto item = r.data().as_object();
    auto s = college_.Post(Path(item, "submit"), json::object{{"version", item.at("version")}});
    EXPECT_EQ(s.status, 200u) << s.body;
    return s.data().as_object();
  }
  static std::string Path(const json::object& item, const std::string& action) {
    return "/api/publicity/items/" + std::to_string(item.at("id").as_int64()) + "/" + action;
  }
  std::int64_t Count(const std::string& sql, Id id) {
    db::Session s(server_.db());
    long long n = 0;
    s.sql() << sql, soci::into(n), soci::use(id);
    return n;
  }

  TestServer server_{ConfigureForConcurrency};
  Client college_{server_.port()};
  Client school_{server_.port()};
  Client province_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(PublicityConcurrencyTest, OneOfSeveralDecisionsFromOneVersionWins) {
  auto item = Submitted();
  Id id = item.at("id").as_int64();
  auto answers = AtOnce(school_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    return c.Post(Path(item, i % 2 ? "accept" : "recommend"),
                  json::object{{"version", item.at("version")}});
  });
  int winner = OneWinner(answers);
  ASSERT_GE(winner, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM publicity_steps WHERE item_id = :i", id), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM publicity_takes WHERE item_id = :i", id), 1);
  EXPECT_EQ(Count("SELECT version FROM publicity_items WHERE id = :i", id),
            item.at("version").as_int64() + 1);
}

TEST_F(PublicityConcurrencyTest, OneOfSeveralPushesFromOneVersionWins) {
  auto item = Submitted();
  auto r = school_.Post(Path(item, "recommend"), json::object{{"version", item.at("version")}});
  ASSERT_EQ(r.status, 200u) << r.body;
  item = r.data().as_object();
  Id id = item.at("id").as_int64();
  auto answers = AtOnce(province_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    json::array outlets{json::object{{"outlet", "媒体" + std::to_string(i)},
                                     {"level", "provincial"},
                                     {"published_on", "2025-05-16"}}};
    return c.Post(Path(item, "push"),
                  json::object{{"version", item.at("version")}, {"outlets", outlets}});
  });
  ASSERT_GE(OneWinner(answers), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM media_reports WHERE publicity_item_id = :i", id), 1);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM publicity_steps WHERE item_id = :i AND action = 'push'", id), 1);
}

}  // namespace
}  // namespace vw::testing
