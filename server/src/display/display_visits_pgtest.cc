// Booth visitor counts uploaded at once from several devices on PostgreSQL
// (docs/display.md "Visitor counts"): the same upload retried in parallel
// counts once, distinct taps all count (no lost update). More writers than
// pooled connections. Needs PostgreSQL (VOCWEEK_TEST_PG); skipped on SQLite,
// whose writers queue on the database lock.
#include <gtest/gtest.h>

#include "concurrent.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class DisplayVisitsConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
    campaign_ = sctc_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    sctc_.Login("sctc");
    college_.Login("sctc-college");
  }

  TestServer server_{ConfigureForConcurrency};
  Client sctc_{server_.port()};
  Client college_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(DisplayVisitsConcurrencyTest, ParallelRetriesCountOnceAndDistinctTapsAllCount) {
  Id school = UnitId(server_.db(), "四川科技职业学院");
  Id unit = UnitId(server_.db(), "智能制造学院");
  auto made = sctc_.Post("/api/display/events", json::object{{"campaign_id", campaign_},
                                                             {"unit_id", school},
                                                             {"title", "职教活动周集中展示日"},
                                                             {"venue", "东区科技广场"},
                                                             {"day", "2025-05-14"},
                                                             {"start_time", "09:30"},
                                                             {"end_time", "17:00"}});
  ASSERT_EQ(made.status, 201u) << made.body;
  std::string path = "/api/display/events/" + std::to_string(made.data().at("id").as_int64());
  json::object booth{{"id", "b1"}, {"kind", "booth"}, {"x", 1},         {"y", 1},
                     {"w", 3},     {"h", 3},          {"number", "A01"}};
  ASSERT_EQ(sctc_
                .Put(path + "/plan", json::object{{"plan_version", 0},
                                                  {"width", 20},
                                                  {"height", 10},
                                                  {"shapes", json::array{booth}}})
                .status,
            200u);
  ASSERT_EQ(college_
                .Post(path + "/applications",
                      json::object{{"unit_id", unit}, {"exhibit", "工业机器人展示"}})
                .status,
            201u);
  auto v = sctc_.Get(path).data().at("version").as_int64();
  auto assigned = sctc_.Post(path + "/auto-assign", json::object{{"version", v}});
  ASSERT_EQ(assigned.status, 200u) << assigned.body;
  Id app = assigned.data().at("applications").as_array()[0].at("id").as_int64();
  ASSERT_EQ(sctc_.Post(path + "/publish", json::object{{"version", v + 1}}).status, 200u);
  auto tap = [&](const std::string& id) {
    return json::object{{"tap_id", id}, {"application_id", app}, {"delta", 1}};
  };

  // One upload of three taps sent by every writer at once: counted once.
  auto retries = AtOnce(college_, server_.port(), kConcurrentWriters, [&](Client& c, int) {
    return c.Post(path + "/visits",
                  json::object{{"taps", json::array{tap("r1"), tap("r2"), tap("r3")}}});
  });
  for (const auto& r : retries) EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(sctc_.Get(path).data().at("visitor_total").as_int64(), 3);

  // Each writer its own tap: all count.
  auto distinct = AtOnce(college_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    return c.Post(path + "/visits",
                  json::object{{"taps", json::array{tap("d" + std::to_string(i))}}});
  });
  for (const auto& r : distinct) EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(sctc_.Get(path).data().at("visitor_total").as_int64(), 3 + kConcurrentWriters);
}

}  // namespace
}  // namespace vw::testing
