// Two reviewers accepting the same form at the same instant on PostgreSQL:
// the row lock and the version in the UPDATE let exactly one win, with one
// snapshot. Needs PostgreSQL (VOCWEEK_TEST_PG); skipped in the SQLite run.
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

TEST(WorkflowPgTest, TwoReviewersAcceptingAtOnceMakeOneSnapshot) {
  if (!UsingPostgres()) GTEST_SKIP() << "needs PostgreSQL (VOCWEEK_TEST_PG)";
  TestServer server([](app::Config& c) { c.threads = 4; });
  Client anon(server.port());
  Id campaign = anon.Get("/api/public/campaigns/current").data().at("id").as_int64();
  Id unit = UnitId(server.db(), "成都工业职业技术学院");
  std::string form = "/api/campaigns/" + std::to_string(campaign) +
                     "/submissions/info_form?unit_id=" + std::to_string(unit);
  Client school(server.port());
  school.Login("school2");
  json::object info{{"contact_person", "李老师"},
                    {"position", "处长"},
                    {"mobile", "13800001111"},
                    {"qq", ""},
                    {"website", ""},
                    {"work_plan", "开放日"},
                    {"featured", ""}};
  ASSERT_EQ(school.Put(form, json::object{{"version", 0}, {"data", info}}).status, 200u);
  auto submitted = school.Post("/api/campaigns/" + std::to_string(campaign) +
                                   "/submissions/info_form/submit?unit_id=" + std::to_string(unit),
                               json::object{{"version", 1}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  Id id = submitted.data().at("id").as_int64();
  json::value version = submitted.data().at("version");

  for (int round = 0; round < 3; ++round) {
    // Two reviewers, each with its own login session, both on the version they loaded.
    Client first(server.port()), second(server.port());
    first.Login("province");
    second.Login("province");
    std::latch start(2);
    unsigned a = 0, b = 0;
    auto accept = [&](Client& c, unsigned& status) {
      start.arrive_and_wait();
      status = c.Post("/api/submissions/" + std::to_string(id) + "/accept",
                      json::object{{"version", version}})
                   .status;
    };
    std::thread t1(accept, std::ref(first), std::ref(a));
    std::thread t2(accept, std::ref(second), std::ref(b));
    t1.join();
    t2.join();
    EXPECT_EQ(std::min(a, b), 200u) << "round " << round;
    EXPECT_EQ(std::max(a, b), 409u) << "round " << round;
    db::Session s(server.db());
    int snapshots = 0;
    s.sql() << "SELECT COUNT(*) FROM submission_snapshots WHERE submission_id = :s", soci::use(id),
        soci::into(snapshots);
    EXPECT_EQ(snapshots, round + 1) << "one snapshot per acceptance";
    // Reopen and submit again for the next round.
    auto seen = first.Get(form).data();
    ASSERT_EQ(seen.at("status"), "accepted");
    auto reopened =
        first.Post("/api/submissions/" + std::to_string(id) + "/reopen",
                   json::object{{"reason", "再审一次"}, {"version", seen.at("version")}});
    ASSERT_EQ(reopened.status, 200u) << reopened.body;
    auto again = school.Post("/api/campaigns/" + std::to_string(campaign) +
                                 "/submissions/info_form/submit?unit_id=" + std::to_string(unit),
                             json::object{{"version", reopened.data().at("version")}});
    ASSERT_EQ(again.status, 200u) << again.body;
    version = again.data().at("version");
  }
}

}  // namespace
}  // namespace vw::testing
