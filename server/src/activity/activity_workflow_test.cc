// Off-campus approval, publishing, cancelling and the public programme.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ActivityWorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();  // 2025-05-13
    college_.Login("sctc-college");
    office_.Login("sctc");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  std::string Path(Id id, const char* action = "") {
    return "/api/activities/" + std::to_string(id) + action;
  }
  Id Create(const char* place_kind, const char* title = "社区家电义务维修") {
    json::object o{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                   {"title", title},
                   {"theme_day_id", day3_},
                   {"starts_at", "2025-05-13T14:00:00+08:00"},
                   {"ends_at", "2025-05-13T17:00:00+08:00"},
                   {"place_kind", place_kind},
                   {"place", "新都区桂湖街道社区服务中心"},
                   {"online_url", "https://live.example.edu.cn/room/1"},
                   {"open_to_public", true}};
    auto r = college_.Post(Base() + "/activities", o);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.data().at("id").as_int64();
  }
  json::object Filing() {
    return {{"destination", "新都区桂湖街道社区服务中心"},
            {"teacher_in_charge", "李老师"},
            {"teacher_phone", "13800000000"},
            {"staff_count", 3},
            {"student_count", 20},
            {"transport", "学校校车"},
            {"safety_plan", "出发前安全教育；带队教师全程陪同；购买意外险"}};
  }
  std::int64_t PublicTotal() {
    return anon_.Get("/api/public/campaigns/" + std::to_string(campaign_) + "/activities")
        .data()
        .at("total")
        .as_int64();
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client college_{server_.port()};
  Client office_{server_.port()};
  Id campaign_ = 0, day3_ = 0;
};

TEST_F(ActivityWorkflowTest, OffCampusNeedsApprovalBeforePublishing) {
  Id id = Create("off_campus");
  auto early = college_.Post(Path(id, "/publish"), json::object{});
  EXPECT_EQ(early.status, 409u);
  EXPECT_NE(early.error_message().find("审批"), std::string::npos);

  ASSERT_EQ(college_.Post(Path(id, "/submit"), Filing()).status, 200u);
  // The college cannot approve its own filing; the academic affairs office can.
  EXPECT_EQ(college_.Post(Path(id, "/approve"), json::object{}).status, 403u);
  auto inbox = office_.Get(Base() + "/approvals");
  ASSERT_EQ(inbox.data().at("total").as_int64(), 1);
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get(Base() + "/approvals").data().at("total").as_int64(), 0);
  EXPECT_EQ(other.Post(Path(id, "/approve"), json::object{}).status, 403u);

  auto approved = office_.Post(Path(id, "/approve"), json::object{});
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.data().at("status"), "approved");
  EXPECT_EQ(PublicTotal(), 0);
  auto published = college_.Post(Path(id, "/publish"), json::object{});
  ASSERT_EQ(published.status, 200u) << published.body;
  EXPECT_EQ(PublicTotal(), 1);

  // Moving an approved trip sends it back for approval and off the public site.
  json::object edit = published.data().as_object();
  edit["starts_at"] = "2025-05-13T15:00:00+08:00";
  auto moved = college_.Put(Path(id), edit);
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(moved.data().at("status"), "pending");
  EXPECT_EQ(PublicTotal(), 0);
  // ...with the earlier decision cleared, and in the inbox again.
  EXPECT_TRUE(college_.Get(Path(id, "/filing")).data().at("decided_at").is_null());
  EXPECT_EQ(office_.Get(Base() + "/approvals").data().at("total").as_int64(), 1);
  // The school's name travels with the activity for the public site.
  EXPECT_EQ(moved.data().at("school_name"), "四川科技职业学院");
}

TEST_F(ActivityWorkflowTest, ATripThatStaysOnCampusNeedsNoApprovalAnyMore) {
  Id id = Create("off_campus");
  ASSERT_EQ(college_.Post(Path(id, "/submit"), Filing()).status, 200u);
  auto a = college_.Get(Path(id)).data().as_object();
  a["place_kind"] = "on_campus";
  a["place"] = "东区实训楼";
  auto edited = college_.Put(Path(id), a);
  ASSERT_EQ(edited.status, 200u) << edited.body;
  EXPECT_EQ(edited.data().at("status"), "draft");
  EXPECT_EQ(office_.Get(Base() + "/approvals").data().at("total").as_int64(), 0);
  EXPECT_EQ(college_.Post(Path(id, "/publish"), json::object{}).status, 200u);
}

TEST_F(ActivityWorkflowTest, RejectNeedsReasonAndResubmitGoesBackToPending) {
  Id id = Create("off_campus");
  ASSERT_EQ(college_.Post(Path(id, "/submit"), Filing()).status, 200u);
  auto no_reason = office_.Post(Path(id, "/reject"), json::object{});
  EXPECT_EQ(no_reason.status, 400u);
  EXPECT_EQ(no_reason.error_field(), "reason");
  auto rejected = office_.Post(Path(id, "/reject"), {{"reason", "请补充返程交通安排"}});
  ASSERT_EQ(rejected.status, 200u);
  EXPECT_EQ(rejected.data().at("status"), "rejected");
  auto filing = college_.Get(Path(id, "/filing"));
  EXPECT_EQ(filing.data().at("reason"), "请补充返程交通安排");
  json::object again = Filing();
  again["transport"] = "学校校车往返";
  auto resubmitted = college_.Post(Path(id, "/submit"), again);
  EXPECT_EQ(resubmitted.data().at("status"), "pending");
  EXPECT_EQ(college_.Get(Path(id, "/filing")).data().at("reason"), "");
}

TEST_F(ActivityWorkflowTest, DecisionsKeepTheOpinionForTheFilerAndTheApprovingUnit) {
  Id trip = Create("off_campus", "社区家电义务维修");
  Id visit = Create("off_campus", "走进德源工匠园");
  ASSERT_EQ(college_.Post(Path(trip, "/submit"), Filing()).status, 200u);
  ASSERT_EQ(college_.Post(Path(visit, "/submit"), Filing()).status, 200u);

  // The opinion is required to reject (blank is missing), and bounded.
  for (const json::object& body : {json::object{}, json::object{{"reason", "   "}},
                                   json::object{{"reason", std::string(501, 'x')}}}) {
    auto refused = office_.Post(Path(visit, "/reject"), body);
    EXPECT_EQ(refused.status, 400u) << refused.body;
    EXPECT_EQ(refused.error_field(), "reason");
  }
  EXPECT_EQ(college_.Get(Path(visit)).data().at("status"), "pending");

  ASSERT_EQ(office_.Post(Path(trip, "/approve"), {{"reason", "同意，注意返程安全"}}).status, 200u);
  ASSERT_EQ(office_.Post(Path(visit, "/reject"), {{"reason", "请补充返程交通安排"}}).status, 200u);

  // 已处理: newest first, with the decision, the opinion, who (姓名, unit) and when.
  auto decided = office_.Get(Base() + "/approvals/decided");
  ASSERT_EQ(decided.status, 200u) << decided.body;
  ASSERT_EQ(decided.data().at("total").as_int64(), 2);
  const auto& first = decided.data().at("items").as_array()[0];
  EXPECT_EQ(first.at("activity_id").as_int64(), visit);
  EXPECT_EQ(first.at("decision"), "rejected");
  EXPECT_EQ(first.at("opinion"), "请补充返程交通安排");
  EXPECT_EQ(first.at("decided_by"), "鄢涛");
  EXPECT_EQ(first.at("decider_unit"), "教务处");
  EXPECT_FALSE(first.at("decided_at").as_string().empty());
  EXPECT_EQ(first.at("unit_name"), "智能制造学院");
  // Search by title or unit, paged and bounded.
  auto found = office_.Get(Base() + "/approvals/decided?q=%E5%B7%A5%E5%8C%A0");  // 工匠
  ASSERT_EQ(found.data().at("total").as_int64(), 1);
  EXPECT_EQ(found.data().at("items").as_array()[0].at("activity_id").as_int64(), visit);
  auto paged = office_.Get(Base() + "/approvals/decided?page=2&page_size=1");
  EXPECT_EQ(paged.data().at("total").as_int64(), 2);
  ASSERT_EQ(paged.data().at("items").as_array().size(), 1u);
  EXPECT_EQ(paged.data().at("items").as_array()[0].at("activity_id").as_int64(), trip);
  EXPECT_EQ(office_.Get(Base() + "/approvals/decided?page_size=1000").status, 400u);
  auto long_q = office_.Get(Base() + "/approvals/decided?q=" + std::string(51, 'a'));
  EXPECT_EQ(long_q.status, 400u);
  EXPECT_EQ(long_q.error_field(), "q");

  // Another school, and the filing college, see none of it and decide nothing.
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get(Base() + "/approvals/decided").data().at("total").as_int64(), 0);
  EXPECT_EQ(college_.Get(Base() + "/approvals/decided").data().at("total").as_int64(), 0);
  Id again = Create("off_campus", "社区安全宣传");
  ASSERT_EQ(college_.Post(Path(again, "/submit"), Filing()).status, 200u);
  EXPECT_EQ(other.Post(Path(again, "/reject"), {{"reason", "伪造"}}).status, 403u);
  EXPECT_EQ(other.Post(Path(again, "/approve"), json::object{}).status, 403u);
  EXPECT_EQ(other.Post("/api/activities/999999/approve", json::object{}).status, 403u);
  EXPECT_EQ(college_.Get(Path(again)).data().at("status"), "pending");
  EXPECT_EQ(office_.Get(Base() + "/approvals/decided").data().at("total").as_int64(), 2);

  // The filer reads the opinion in the activity's history; an approval
  // without an opinion carries none.
  auto history = college_.Get(Path(trip, "/history"));
  ASSERT_EQ(history.status, 200u);
  bool seen = false;
  for (const auto& row : history.data().at("items").as_array()) {
    if (row.at("action") == "approve") {
      seen = true;
      EXPECT_EQ(row.at("detail").at("opinion"), "同意，注意返程安全");
    }
  }
  EXPECT_TRUE(seen) << history.body;
  ASSERT_EQ(office_.Post(Path(again, "/approve"), json::object{}).status, 200u);
  auto latest = office_.Get(Base() + "/approvals/decided").data().at("items").as_array()[0];
  EXPECT_EQ(latest.at("activity_id").as_int64(), again);
  EXPECT_EQ(latest.at("opinion"), "");
}

TEST_F(ActivityWorkflowTest, APublishedTripIsNotFiledAgainButAnApprovedOneMayBe) {
  Id id = Create("off_campus");
  ASSERT_EQ(college_.Post(Path(id, "/submit"), Filing()).status, 200u);
  ASSERT_EQ(office_.Post(Path(id, "/approve"), json::object{}).status, 200u);
  // Approved, not public yet: filing again waits for the new decision.
  json::object again = Filing();
  again["student_count"] = 25;
  auto refiled = college_.Post(Path(id, "/submit"), again);
  ASSERT_EQ(refiled.status, 200u) << refiled.body;
  EXPECT_EQ(refiled.data().at("status"), "pending");
  ASSERT_EQ(office_.Post(Path(id, "/approve"), json::object{}).status, 200u);
  ASSERT_EQ(college_.Post(Path(id, "/publish"), json::object{}).status, 200u);
  ASSERT_EQ(PublicTotal(), 1);

  // Published: refused, and nothing changes (still public, filing kept).
  again["student_count"] = 30;
  auto refused = college_.Post(Path(id, "/submit"), again);
  EXPECT_EQ(refused.status, 409u);
  EXPECT_EQ(refused.error_code(), "conflict");
  EXPECT_EQ(refused.error_message(), "已发布的活动不能重新报备；如需修改报备内容，请先撤回发布");
  auto row = college_.Get(Path(id)).data();
  EXPECT_EQ(row.at("status"), "published");
  EXPECT_EQ(PublicTotal(), 1);
  auto filing = college_.Get(Path(id, "/filing")).data();
  EXPECT_EQ(filing.at("student_count").as_int64(), 25);
  EXPECT_FALSE(filing.at("decided_at").is_null());
  EXPECT_EQ(office_.Get(Base() + "/approvals").data().at("total").as_int64(), 0);

  // Unpublished (back to approved), it may be filed again.
  ASSERT_EQ(college_.Post(Path(id, "/unpublish"), json::object{}).status, 200u);
  auto after = college_.Post(Path(id, "/submit"), again);
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_EQ(after.data().at("status"), "pending");
}

TEST_F(ActivityWorkflowTest, BadFilingNamesTheField) {
  Id id = Create("off_campus");
  json::object f = Filing();
  f.erase("safety_plan");
  auto r = college_.Post(Path(id, "/submit"), f);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "safety_plan");
  f = Filing();
  f["student_count"] = -2;
  EXPECT_EQ(college_.Post(Path(id, "/submit"), f).error_field(), "student_count");
  Id on_campus = Create("on_campus", "校园开放日");
  EXPECT_EQ(college_.Post(Path(on_campus, "/submit"), Filing()).status, 409u);
}

TEST_F(ActivityWorkflowTest, PublicProgrammeFiltersAndAnswers304) {
  Id a = Create("on_campus", "工业机器人开放体验");
  Id b = Create("online", "云上逛实训室直播");
  ASSERT_EQ(college_.Post(Path(a, "/publish"), json::object{}).status, 200u);
  ASSERT_EQ(college_.Post(Path(b, "/publish"), json::object{}).status, 200u);
  std::string base = "/api/public/campaigns/" + std::to_string(campaign_) + "/activities";
  auto all = anon_.Get(base);
  ASSERT_EQ(all.status, 200u);
  EXPECT_EQ(all.data().at("total").as_int64(), 2);
  EXPECT_EQ(anon_.Get(base + "?mode=online").data().at("total").as_int64(), 1);
  EXPECT_EQ(anon_.Get(base + "?q=%E6%9C%BA%E5%99%A8%E4%BA%BA").data().at("total").as_int64(), 1);
  EXPECT_EQ(anon_.Get(base + "?region=510100").data().at("total").as_int64(), 2);
  EXPECT_EQ(anon_.Get(base + "?region=510700").data().at("total").as_int64(), 0);
  EXPECT_EQ(
      anon_.Get(base + "?theme_day_id=" + std::to_string(day3_)).data().at("total").as_int64(), 2);
  EXPECT_EQ(anon_.Get(base + "?mode=space").status, 400u);

  std::string etag = all.headers["etag"];
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(anon_.Request("GET", base, "", {{"If-None-Match", etag}}).status, 304u);
  // A change makes the old ETag stale.
  ASSERT_EQ(college_.Post(Path(b, "/cancel"), {{"reason", "极端天气"}}).status, 200u);
  auto after = anon_.Request("GET", base, "", {{"If-None-Match", etag}});
  EXPECT_EQ(after.status, 200u);
  EXPECT_EQ(after.data().at("total").as_int64(), 1);
  // A cancelled activity's page says so (issue 15) instead of 404.
  auto cancelled = anon_.Get("/api/public/activities/" + std::to_string(b));
  EXPECT_EQ(cancelled.status, 200u);
  EXPECT_EQ(cancelled.data().at("status"), "cancelled");
  EXPECT_EQ(anon_.Get("/api/public/activities/" + std::to_string(a)).status, 200u);
}

TEST_F(ActivityWorkflowTest, DraftsAreNotPublic) {
  Id id = Create("on_campus", "内部研讨会");
  EXPECT_EQ(PublicTotal(), 0);
  EXPECT_EQ(anon_.Get("/api/public/activities/" + std::to_string(id)).status, 404u);
}

}  // namespace
}  // namespace vw::testing

namespace vw::testing {
namespace {

TEST_F(ActivityWorkflowTest, CoverageShowsGapsThatDisappear) {
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  std::string path = Base() + "/coverage?unit_id=" + std::to_string(sctc);
  auto before = office_.Get(path);
  ASSERT_EQ(before.status, 200u) << before.body;
  ASSERT_EQ(before.data().at("dates").as_array().size(), 7u);
  auto row_of = [](const HttpResult& r, const std::string& name) -> json::object {
    for (const auto& row : r.data().at("rows").as_array()) {
      if (row.at("unit_name").as_string() == name) return row.as_object();
    }
    return {};
  };
  auto zn = row_of(before, "智能制造学院");
  ASSERT_FALSE(zn.empty()) << before.body;
  EXPECT_EQ(zn.at("days_without").as_int64(), 7);

  Create("on_campus", "校园开放日");  // 2025-05-13, the third day
  auto after = office_.Get(path);
  zn = row_of(after, "智能制造学院");
  EXPECT_EQ(zn.at("per_day").as_array()[2].as_int64(), 1);
  EXPECT_EQ(zn.at("days_without").as_int64(), 6);
  EXPECT_EQ(row_of(after, "信息工程学院").at("total").as_int64(), 0);

  // The province sees the school as one row with the same count.
  Client province(server_.port());
  province.Login("province");
  Id edu = UnitId(server_.db(), "四川省教育厅");
  auto prov = province.Get(Base() + "/coverage?unit_id=" + std::to_string(edu));
  EXPECT_EQ(row_of(prov, "四川科技职业学院").at("total").as_int64(), 1);
  EXPECT_EQ(row_of(prov, "成都市教育局").at("total").as_int64(), 0);

  // Another school cannot look, whatever id it sends.
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get(path).status, 403u);
}

TEST_F(ActivityWorkflowTest, SchoolCoverageListsCollegesNotOffices) {
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  std::string path = Base() + "/coverage?unit_id=" + std::to_string(sctc);
  auto names = [&] {
    std::vector<std::string> out;
    auto r = office_.Get(path);
    EXPECT_EQ(r.status, 200u) << r.body;
    for (const auto& row : r.data().at("rows").as_array())
      out.push_back(std::string(row.at("unit_name").as_string()));
    return out;
  };
  auto before = names();
  EXPECT_NE(std::find(before.begin(), before.end(), "智能制造学院"), before.end());
  EXPECT_NE(std::find(before.begin(), before.end(), "信息工程学院"), before.end());
  for (const char* office : {"教务处", "学生处（团委）", "后勤处", "保卫处"})
    EXPECT_EQ(std::find(before.begin(), before.end(), office), before.end()) << office;

  // An office's activity is the school's own: it shows in the school's row.
  json::object o{{"unit_id", UnitId(server_.db(), "教务处")},
                 {"title", "职业教育活动周启动仪式"},
                 {"theme_day_id", day3_},
                 {"starts_at", "2025-05-13T09:00:00+08:00"},
                 {"ends_at", "2025-05-13T10:00:00+08:00"},
                 {"place_kind", "on_campus"},
                 {"place", "学术报告厅"}};
  auto created = office_.Post(Base() + "/activities", o);
  ASSERT_EQ(created.status, 201u) << created.body;
  auto r = office_.Get(path);
  bool own = false;
  for (const auto& row : r.data().at("rows").as_array()) {
    EXPECT_NE(row.at("unit_name").as_string(), "教务处");
    if (row.at("unit_name").as_string() == "四川科技职业学院（本单位）") {
      own = true;
      EXPECT_EQ(row.at("per_day").as_array()[2].as_int64(), 1);
    }
  }
  EXPECT_TRUE(own) << r.body;
}

}  // namespace
}  // namespace vw::testing
