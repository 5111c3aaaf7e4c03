// The campaign over HTTP: the 2025 demo, copying, deadlines, tasks, scope.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class CampaignApiTest : public ::testing::Test {
 protected:
  Id CampaignId() {
    auto r = client_.Get("/api/public/campaigns/current");
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.data().at("id").as_int64();
  }
  TestServer server_;
  Client client_{server_.port()};
};

TEST_F(CampaignApiTest, PublicCurrentCampaignIs2025WithSevenDays) {
  auto r = client_.Get("/api/public/campaigns/current");
  ASSERT_EQ(r.status, 200u);
  const auto& c = r.data();
  EXPECT_EQ(c.at("theme"), "一技在手，一生无忧");
  EXPECT_EQ(c.at("starts_on"), "2025-05-11");
  EXPECT_EQ(c.at("ends_on"), "2025-05-17");
  const auto& days = c.at("days").as_array();
  ASSERT_EQ(days.size(), 7u);
  EXPECT_EQ(days[0].at("name"), "职教发展研讨日");
  EXPECT_EQ(days[6].at("name"), "地方特色活动日");
  EXPECT_EQ(days[6].at("date"), "2025-05-17");
  EXPECT_NE(std::string(days[1].at("description").as_string()).find("中小学生"), std::string::npos);
  // Only provincial deadlines are public.
  for (const auto& d : c.at("deadlines").as_array())
    EXPECT_TRUE(d.at("collector_unit_id").is_null());
}

TEST_F(CampaignApiTest, PhaseFollowsTheDates) {
  ScopedClock clock("2025-05-14T10:00:00+08:00");
  auto phase = [&] {
    return std::string(client_.Get("/api/public/campaigns/current").data().at("phase").as_string());
  };
  EXPECT_EQ(phase(), "in_week");
  clock.Set("2025-05-20T10:00:00+08:00");
  EXPECT_EQ(phase(), "summarising");
  // Seven months after the week, no longer 进行中.
  clock.Set("2025-12-04T10:00:00+08:00");
  EXPECT_EQ(phase(), "ended");
}

TEST_F(CampaignApiTest, SchoolSeesItsOwnDeadlinesOtherSchoolDoesNot) {
  Id id = CampaignId();
  client_.Login("sctc");
  auto r = client_.Get("/api/campaigns/" + std::to_string(id));
  ASSERT_EQ(r.status, 200u);
  bool college_info = false;
  for (const auto& d : r.data().at("deadlines").as_array()) {
    if (d.at("due_at") == "2025-05-12T18:00:00+08:00") college_info = true;
  }
  EXPECT_TRUE(college_info);

  Client other(server_.port());
  other.Login("school2");
  r = other.Get("/api/campaigns/" + std::to_string(id));
  ASSERT_EQ(r.status, 200u);
  for (const auto& d : r.data().at("deadlines").as_array()) {
    EXPECT_TRUE(d.at("collector_unit_id").is_null()) << json::serialize(d);
  }
}

TEST_F(CampaignApiTest, CommitteeDutiesAndTasksOfNotice001) {
  Id id = CampaignId();
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  client_.Login("sctc");
  auto base = "/api/campaigns/" + std::to_string(id);
  auto committee = client_.Get(base + "/committee?unit_id=" + std::to_string(sctc));
  ASSERT_EQ(committee.status, 200u) << committee.body;
  EXPECT_EQ(committee.data().at("items").as_array()[0].at("person_name"), "栾好利");
  auto duties = client_.Get(base + "/duties?unit_id=" + std::to_string(sctc));
  ASSERT_EQ(duties.status, 200u);
  EXPECT_EQ(duties.data().at("total").as_int64(), 7);
  auto tasks = client_.Get(base + "/tasks?page_size=100");
  ASSERT_EQ(tasks.status, 200u);
  // One per office duty (6) and one per college for the college duty (5).
  EXPECT_EQ(tasks.data().at("total").as_int64(), 11);
  bool zou_kai = false;
  for (const auto& t : tasks.data().at("items").as_array()) {
    if (t.at("assignee") == "邹凯") zou_kai = true;
    EXPECT_FALSE(t.at("due_at").is_null());
  }
  EXPECT_TRUE(zou_kai);
  // Generating again creates nothing new.
  auto again = client_.Post(base + "/generate-tasks", {{"unit_id", sctc}});
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.data().at("created").as_int64(), 0);
}

TEST_F(CampaignApiTest, OtherSchoolCannotReachTasksOrCommitteeByForgedIds) {
  Id id = CampaignId();
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  auto base = "/api/campaigns/" + std::to_string(id);
  Client owner(server_.port());
  owner.Login("sctc");
  auto tasks = owner.Get(base + "/tasks");
  const auto& task = tasks.data().at("items").as_array()[0];
  Id task_id = task.at("id").as_int64();

  client_.Login("school2");
  auto listed = client_.Get(base + "/tasks");
  EXPECT_EQ(listed.data().at("total").as_int64(), 0);
  EXPECT_EQ(client_.Get(base + "/tasks?unit_id=" + std::to_string(sctc)).status, 403u);
  EXPECT_EQ(client_.Get(base + "/committee?unit_id=" + std::to_string(sctc)).status, 403u);
  EXPECT_EQ(client_.Get(base + "/duties?unit_id=" + std::to_string(sctc)).status, 403u);
  json::object edit = task.as_object();
  edit["status"] = "done";
  edit["title"] = "篡改";
  EXPECT_EQ(client_.Put("/api/tasks/" + std::to_string(task_id), edit).status, 403u);
  EXPECT_EQ(client_
                .Delete("/api/tasks/" + std::to_string(task_id) +
                        "?version=" + std::to_string(task.at("version").as_int64()))
                .status,
            403u);
  auto created = client_.Post(base + "/tasks", {{"owner_unit_id", sctc}, {"title", "伪造任务"}});
  EXPECT_EQ(created.status, 403u);
  auto gen = client_.Post(base + "/generate-tasks", {{"unit_id", sctc}});
  EXPECT_EQ(gen.status, 403u);
  auto dl = client_.Post(base + "/deadlines", {{"collector_unit_id", sctc},
                                               {"form", "summary"},
                                               {"title", "伪造截止"},
                                               {"due_at", "2025-05-20T18:00:00+08:00"}});
  EXPECT_EQ(dl.status, 403u);
  auto after = owner.Get(base + "/tasks");
  EXPECT_EQ(after.data().at("total").as_int64(), 11);
  EXPECT_NE(after.data().at("items").as_array()[0].at("title"), "篡改");
}

TEST_F(CampaignApiTest, TaskStatusChangesWithVersionCheck) {
  Id id = CampaignId();
  client_.Login("sctc");
  auto tasks = client_.Get("/api/campaigns/" + std::to_string(id) + "/tasks");
  json::object t = tasks.data().at("items").as_array()[0].as_object();
  std::string path = "/api/tasks/" + std::to_string(t.at("id").as_int64());
  t["status"] = "done";
  auto r = client_.Put(path, t);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.data().at("completed_at").is_null());
  auto stale = client_.Put(path, t);
  EXPECT_EQ(stale.status, 409u);
  t["status"] = "finished";
  t["version"] = r.data().at("version");
  auto bad = client_.Put(path, t);
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.error_field(), "status");
}

TEST_F(CampaignApiTest, AdministratorCopiesTo2026AndEditsIt) {
  Id id = CampaignId();
  client_.Login("admin");
  auto r =
      client_.Post("/api/campaigns/" + std::to_string(id) + "/copy",
                   {{"year", 2026}, {"name", "2026年职业教育活动周"}, {"starts_on", "2026-05-10"}});
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& c = r.data();
  EXPECT_EQ(c.at("status"), "draft");
  EXPECT_EQ(c.at("theme"), "一技在手，一生无忧");
  EXPECT_EQ(c.at("ends_on"), "2026-05-16");
  const auto& days = c.at("days").as_array();
  ASSERT_EQ(days.size(), 7u);
  EXPECT_EQ(days[0].at("date"), "2026-05-10");
  bool shifted = false;
  for (const auto& d : c.at("deadlines").as_array()) {
    if (d.at("title") == "报送活动周活动方案及联络员") {
      EXPECT_EQ(d.at("due_at"), "2026-05-12T23:59:00+08:00");
      shifted = true;
    }
  }
  EXPECT_TRUE(shifted);
  Id new_id = c.at("id").as_int64();

  auto dup = client_.Post("/api/campaigns/" + std::to_string(id) + "/copy",
                          {{"year", 2026}, {"name", "重复"}, {"starts_on", "2026-05-10"}});
  EXPECT_EQ(dup.status, 409u);

  // Edit the dates and a theme day of the copy.
  json::object edit{{"name", "2026年职业教育活动周"},
                    {"theme", "技能成就梦想"},
                    {"starts_on", "2026-05-17"},
                    {"status", "draft"},
                    {"version", c.at("version")}};
  auto edited = client_.Put("/api/campaigns/" + std::to_string(new_id), edit);
  ASSERT_EQ(edited.status, 200u) << edited.body;
  EXPECT_EQ(edited.data().at("ends_on"), "2026-05-23");
  EXPECT_EQ(edited.data().at("days").as_array()[0].at("date"), "2026-05-17");
  Id day_id = edited.data().at("days").as_array()[2].at("id").as_int64();
  auto day =
      client_.Put("/api/campaigns/" + std::to_string(new_id) + "/days/" + std::to_string(day_id),
                  {{"name", "产教融合示范日"},
                   {"description", "2026年新的说明"},
                   {"version", edited.data().at("days").as_array()[2].at("version")}});
  ASSERT_EQ(day.status, 200u) << day.body;
  EXPECT_EQ(day.data().at("description"), "2026年新的说明");
  // The 2025 campaign is untouched.
  auto old = client_.Get("/api/campaigns/" + std::to_string(id));
  EXPECT_EQ(old.data().at("starts_on"), "2025-05-11");
}

TEST_F(CampaignApiTest, SchoolAdminCannotManageTheCampaign) {
  Id id = CampaignId();
  client_.Login("sctc");
  auto r = client_.Post("/api/campaigns/" + std::to_string(id) + "/copy",
                        {{"year", 2026}, {"name", "2026"}, {"starts_on", "2026-05-10"}});
  EXPECT_EQ(r.status, 403u);
  r = client_.Put("/api/campaigns/" + std::to_string(id), {{"name", "x"},
                                                           {"theme", "y"},
                                                           {"starts_on", "2025-05-11"},
                                                           {"status", "active"},
                                                           {"version", 1}});
  EXPECT_EQ(r.status, 403u);
}

TEST_F(CampaignApiTest, PublicViewFollowsAnEdit) {
  Id id = CampaignId();
  client_.Login("province");
  auto c = client_.Get("/api/campaigns/" + std::to_string(id));
  json::object edit{{"name", c.data().at("name")},
                    {"theme", "一技在手，一生无忧！"},
                    {"starts_on", "2025-05-11"},
                    {"status", "active"},
                    {"version", c.data().at("version")}};
  ASSERT_EQ(client_.Put("/api/campaigns/" + std::to_string(id), edit).status, 200u);
  Client anon(server_.port());
  EXPECT_EQ(anon.Get("/api/public/campaigns/current").data().at("theme"), "一技在手，一生无忧！");
}

TEST_F(CampaignApiTest, BadDeadlineInputNamesTheField) {
  Id id = CampaignId();
  client_.Login("admin");
  auto base = "/api/campaigns/" + std::to_string(id) + "/deadlines";
  auto r = client_.Post(
      base, {{"form", "poem"}, {"title", "x"}, {"due_at", "2025-05-20T18:00:00+08:00"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "form");
  r = client_.Post(base, {{"form", "summary"}, {"title", "x"}, {"due_at", "next tuesday"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "due_at");
  r = client_.Post(base, {{"form", "summary"}, {"due_at", "2025-05-20T18:00:00+08:00"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "title");
}

}  // namespace
}  // namespace vw::testing
