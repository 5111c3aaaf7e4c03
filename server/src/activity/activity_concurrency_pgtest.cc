// Concurrent writes to one activity on PostgreSQL: saves from one version
// and a workflow step taken by several approvers at once. Exactly one wins;
// the row shows the winner's data. More writers than pooled connections, so
// a write that leased a second connection would hang here. Needs PostgreSQL
// (VOCWEEK_TEST_PG); skipped on SQLite, whose writers queue on the database
// lock.
#include <gtest/gtest.h>

#include "concurrent.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ActivityConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
    auto c = college_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();  // 2025-05-13
    college_.Login("sctc-college");
  }

  json::object Input(const std::string& title) {
    return {{"unit_id", UnitId(server_.db(), "智能制造学院")},
            {"title", title},
            {"theme_day_id", day3_},
            {"starts_at", "2025-05-13T14:00:00+08:00"},
            {"ends_at", "2025-05-13T17:00:00+08:00"},
            {"place_kind", "off_campus"},
            {"place", "新都区桂湖街道社区服务中心"},
            {"audiences", json::array{"pupils"}}};
  }
  Id Create() {
    auto r = college_.Post("/api/campaigns/" + std::to_string(campaign_) + "/activities",
                           Input("社区家电义务维修"));
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.data().at("id").as_int64();
  }
  std::string Path(Id id, const char* action = "") {
    return "/api/activities/" + std::to_string(id) + action;
  }

  TestServer server_{ConfigureForConcurrency};
  Client college_{server_.port()};
  Id campaign_ = 0, day3_ = 0;
};

TEST_F(ActivityConcurrencyTest, ConcurrentSavesFromOneVersionKeepExactlyOne) {
  Id id = Create();
  auto answers = AtOnce(college_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    json::object edit = Input("并发修改 " + std::to_string(i));
    edit["version"] = 1;
    return c.Put(Path(id), edit);
  });
  int winner = OneWinner(answers);
  ASSERT_GE(winner, 0);
  auto row = college_.Get(Path(id));
  EXPECT_EQ(row.data().at("title").as_string(), "并发修改 " + std::to_string(winner));
  EXPECT_EQ(row.data().at("version").as_int64(), 2);
  EXPECT_EQ(row.data().at("audiences").as_array().size(), 1u);
}

TEST_F(ActivityConcurrencyTest, ConcurrentApproversDecideAFilingOnce) {
  Id id = Create();
  json::object filing{{"destination", "新都区桂湖街道社区服务中心"},
                      {"teacher_in_charge", "李老师"},
                      {"staff_count", 3},
                      {"student_count", 20},
                      {"transport", "学校校车"},
                      {"safety_plan", "出发前安全教育；带队教师全程陪同"}};
  ASSERT_EQ(college_.Post(Path(id, "/submit"), filing).status, 200u);
  Client office(server_.port());
  office.Login("sctc");
  // Half approve, half reject with their own reason.
  auto answers = AtOnce(office, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    if (i % 2 == 0) return c.Post(Path(id, "/approve"), json::object{});
    return c.Post(Path(id, "/reject"), {{"reason", "退回 " + std::to_string(i)}});
  });
  int winner = OneWinner(answers);
  ASSERT_GE(winner, 0);
  auto row = college_.Get(Path(id));
  EXPECT_EQ(row.data().at("status"), winner % 2 == 0 ? "approved" : "rejected");
  EXPECT_EQ(row.data().at("version").as_int64(), 3);  // created, filed, decided once
  auto f = college_.Get(Path(id, "/filing"));
  ASSERT_EQ(f.status, 200u) << f.body;
  EXPECT_EQ(f.data().at("reason").as_string(),
            winner % 2 == 0 ? std::string() : "退回 " + std::to_string(winner));
}

TEST_F(ActivityConcurrencyTest, ConcurrentPublishAndCancelTakeOneStep) {
  auto r = college_.Post("/api/campaigns/" + std::to_string(campaign_) + "/activities", [&] {
    json::object o = Input("校内开放日");
    o["place_kind"] = "on_campus";
    return o;
  }());
  ASSERT_EQ(r.status, 201u) << r.body;
  Id id = r.data().at("id").as_int64();
  auto answers = AtOnce(college_, server_.port(), kConcurrentWriters, [&](Client& c, int i) {
    if (i % 2 == 0) return c.Post(Path(id, "/publish"), json::object{});
    return c.Post(Path(id, "/cancel"), {{"reason", "天气原因 " + std::to_string(i)}});
  });
  // Publishing twice is idempotent (an already published activity answers
  // 200), so count the cancels: either one cancel won, or publishing did.
  int cancels = 0, published = 0;
  for (int i = 0; i < kConcurrentWriters; ++i) {
    if (answers[i].status != 200u) {
      EXPECT_EQ(answers[i].status, 409u) << answers[i].body;
      continue;
    }
    (i % 2 == 0 ? published : cancels)++;
  }
  EXPECT_LE(cancels, 1);
  auto row = college_.Get(Path(id));
  if (cancels == 1) {
    EXPECT_EQ(row.data().at("status"), "cancelled");
    EXPECT_EQ(row.data().at("version").as_int64(), published > 0 ? 3 : 2);
  } else {
    EXPECT_EQ(row.data().at("status"), "published");
    EXPECT_EQ(row.data().at("version").as_int64(), 2);
  }
}

}  // namespace
}  // namespace vw::testing
