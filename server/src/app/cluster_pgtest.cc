// Two server processes on one PostgreSQL answer as one: sessions, the
// public caches after a write through the other node, the login limits.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
    a_ = std::make_unique<TestServer>();
    b_ = TestServer::SecondNode(*a_);
  }
  std::string CurrentTheme(TestServer& node) {
    Client anon(node.port());
    return std::string(anon.Get("/api/public/campaigns/current").data().at("theme").as_string());
  }

  std::unique_ptr<TestServer> a_, b_;
};

TEST_F(ClusterTest, ASessionOpenedOnOneNodeWorksOnTheOther) {
  Client on_a(a_->port());
  on_a.Login("sctc");
  Client on_b(b_->port());
  on_b.cookies() = on_a.cookies();
  on_b.csrf = on_a.csrf;
  auto me = on_b.Get("/api/auth/me");
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_NE(me.body.find("\"sctc\""), std::string::npos) << me.body;
  // And a logout on B ends it on A.
  ASSERT_LT(on_b.Post("/api/auth/logout", json::object{}).status, 300u);
  EXPECT_EQ(on_a.Get("/api/auth/me").status, 401u);
}

TEST_F(ClusterTest, ACampaignEditThroughOneNodeReachesTheOthersCache) {
  ASSERT_TRUE(b_->app().change_signals().Poll());  // B knows the versions
  std::string before = CurrentTheme(*b_);          // and caches the campaign
  Client province(a_->port());
  province.Login("province");
  Client anon(a_->port());
  Id id = anon.Get("/api/public/campaigns/current").data().at("id").as_int64();
  auto c = province.Get("/api/campaigns/" + std::to_string(id));
  json::object edit{{"name", c.data().at("name")},
                    {"theme", "一技在手，一生无忧！"},
                    {"starts_on", c.data().at("starts_on")},
                    {"status", c.data().at("status")},
                    {"version", c.data().at("version")}};
  auto edited = province.Put("/api/campaigns/" + std::to_string(id), edit);
  ASSERT_EQ(edited.status, 200u) << edited.body;
  ASSERT_NE(before, "一技在手，一生无忧！");
  EXPECT_EQ(CurrentTheme(*a_), "一技在手，一生无忧！");

  ASSERT_TRUE(b_->app().change_signals().Poll());
  EXPECT_EQ(CurrentTheme(*b_), "一技在手，一生无忧！");
}

TEST_F(ClusterTest, AnActivityPublishedThroughOneNodeReachesTheOthersProgrammeByItsPoller) {
  Client anon_b(b_->port());
  Id campaign = anon_b.Get("/api/public/campaigns/current").data().at("id").as_int64();
  std::string programme = "/api/public/campaigns/" + std::to_string(campaign) +
                          "/activities?q=" + "%E5%AE%B6%E7%94%B5";  // 家电
  auto total = [&] { return anon_b.Get(programme).data().at("total").as_int64(); };
  std::int64_t before = total();  // B caches the page
  b_->app().change_signals().Start(std::chrono::milliseconds(50));

  Client editor(a_->port());
  editor.Login("sctc-college");
  auto days = anon_b.Get("/api/public/campaigns/current").data().at("days").as_array();
  json::object o{{"unit_id", UnitId(a_->db(), "智能制造学院")},
                 {"title", "社区家电义务维修（集群）"},
                 {"theme_day_id", days[2].at("id")},
                 {"starts_at", "2025-05-13T14:00:00+08:00"},
                 {"ends_at", "2025-05-13T17:00:00+08:00"},
                 {"place_kind", "on_campus"},
                 {"place", "学院实训楼"}};
  auto created = editor.Post("/api/campaigns/" + std::to_string(campaign) + "/activities", o);
  ASSERT_EQ(created.status, 201u) << created.body;
  Id id = created.data().at("id").as_int64();
  auto published =
      editor.Post("/api/activities/" + std::to_string(id) + "/publish", json::object{});
  ASSERT_EQ(published.status, 200u) << published.body;

  // Within a poll or two; the bound only keeps a broken poller from hanging.
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (total() == before && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(total(), before + 1);
  b_->app().change_signals().Stop();
}

}  // namespace
}  // namespace vw::testing
