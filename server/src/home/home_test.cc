// The home page (GET /api/campaigns/{id}/home) per role and level, and the
// notifications that tell the unit above about incoming work: each sees its
// own level's work, deadlines and figures, never another unit's. SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.as_object().at(key).as_string());
}

class HomeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();
    province_.Login("province");
    chengdu_.Login("chengdu");
    sctc_.Login("sctc");
    college_.Login("sctc-college");
    school2_.Login("school2");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  json::object Home(Client& c, bool todo_only = false) {
    auto r = c.Get(Base() + "/home" + (todo_only ? "?todo_only=1" : ""));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().as_object() : json::object{};
  }
  // The work items of `kind`.
  static std::vector<json::object> Todo(const json::object& home, const std::string& kind) {
    std::vector<json::object> out;
    for (const auto& w : home.at("todo").as_array()) {
      if (Str(w, "kind") == kind) out.push_back(w.as_object());
    }
    return out;
  }
  static std::vector<std::string> DeadlineTitles(const json::object& home) {
    std::vector<std::string> out;
    for (const auto& d : home.at("deadlines").as_array()) out.push_back(Str(d, "title"));
    return out;
  }
  static bool Has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }
  // school2 saves and submits its information form (reviewed by the province).
  void School2SubmitsInfoForm() {
    std::string form =
        Base() + "/submissions/info_form?unit_id=" + std::to_string(UnitId(server_.db(), kSchool2));
    json::object info{{"contact_person", "李老师"},
                      {"position", "处长"},
                      {"mobile", "13800001111"},
                      {"qq", ""},
                      {"website", ""},
                      {"work_plan", "开放日"},
                      {"featured", ""}};
    ASSERT_EQ(school2_.Put(form, json::object{{"version", 0}, {"data", info}}).status, 200u);
    std::string submit = Base() + "/submissions/info_form/submit?unit_id=" +
                         std::to_string(UnitId(server_.db(), kSchool2));
    auto r = school2_.Post(submit, json::object{{"version", 1}});
    ASSERT_EQ(r.status, 200u) << r.body;
  }
  // The college files an off-campus activity (approved by sctc's office).
  void CollegeFilesTrip() {
    json::object o{{"unit_id", UnitId(server_.db(), "智能制造学院")},
                   {"title", "社区家电义务维修"},
                   {"theme_day_id", day3_},
                   {"starts_at", "2025-05-13T14:00:00+08:00"},
                   {"ends_at", "2025-05-13T17:00:00+08:00"},
                   {"place_kind", "off_campus"},
                   {"place", "新都区桂湖街道社区服务中心"},
                   {"open_to_public", true}};
    auto created = college_.Post(Base() + "/activities", o);
    ASSERT_EQ(created.status, 201u) << created.body;
    json::object filing{{"destination", "新都区桂湖街道社区服务中心"},
                        {"teacher_in_charge", "李老师"},
                        {"teacher_phone", "13800000000"},
                        {"staff_count", 3},
                        {"student_count", 20},
                        {"transport", "学校校车"},
                        {"safety_plan", "出发前安全教育；带队教师全程陪同"}};
    auto filed = college_.Post(
        "/api/activities/" + std::to_string(created.data().at("id").as_int64()) + "/submit",
        filing);
    ASSERT_EQ(filed.status, 200u) << filed.body;
  }
  // The notifications `c` reads of `kind`.
  static std::vector<json::object> Notices(Client& c, const std::string& kind) {
    std::vector<json::object> out;
    auto r = c.Get("/api/notifications");
    EXPECT_EQ(r.status, 200u) << r.body;
    for (const auto& n : r.data().at("items").as_array()) {
      if (Str(n, "kind") == kind) out.push_back(n.as_object());
    }
    return out;
  }

  static constexpr const char* kSchool2 = "成都工业职业技术学院";
  TestServer server_;
  ScopedClock clock_{"2025-05-14T10:00:00+08:00"};
  Client anon_{server_.port()};
  Client province_{server_.port()};
  Client chengdu_{server_.port()};
  Client sctc_{server_.port()};
  Client college_{server_.port()};
  Client school2_{server_.port()};
  Id campaign_ = 0;
  Id day3_ = 0;
};

TEST_F(HomeTest, ProvinceSeesItsOwnLevelNotASchoolsInternalDates) {
  auto home = Home(province_);
  auto titles = DeadlineTitles(home);
  EXPECT_FALSE(Has(titles, "二级学院提交《2025年职教活动周信息表》")) << "sctc's own date";
  EXPECT_FALSE(Has(titles, "职教活动周集中展示日（东区科技广场设展位）"));
  ASSERT_FALSE(titles.empty()) << "the province's own dates for the units below";
  for (const auto& d : home.at("deadlines").as_array()) {
    EXPECT_EQ(Str(d, "role"), "collect") << Str(d, "title");
    EXPECT_EQ(Str(d, "collector_name"), "省级") << Str(d, "title");
  }
  // A chain's top submits to nobody: no own forms due.
  EXPECT_TRUE(Todo(home, "form").empty());
  // Figures of the province's own scope, from records.
  const auto& figures = home.at("figures").as_array();
  ASSERT_FALSE(figures.empty());
  EXPECT_EQ(Str(figures[0], "unit_name"), "四川省教育厅");
  EXPECT_GT(figures[0].at("activities").as_int64(), 0);
  EXPECT_GT(figures[0].at("children").as_int64(), 0);
}

TEST_F(HomeTest, CollegeSeesItsFormsDueWithItsSchoolsDatesAndOverdue) {
  auto home = Home(college_);
  auto forms = Todo(home, "form");
  ASSERT_FALSE(forms.empty());
  bool info = false;
  for (const auto& f : forms) {
    EXPECT_EQ(Str(f, "unit_name"), "智能制造学院");
    if (Str(f, "form") != "info_form") continue;
    info = true;
    // The school's 5月12日 18:00, passed at the demo's 5月14日.
    EXPECT_EQ(Str(f, "due_at").substr(0, 16), "2025-05-12T18:00");
    EXPECT_TRUE(f.at("overdue").as_bool());
    EXPECT_EQ(Str(f, "link"), "/reports?form=info_form&unit_id=" +
                                  std::to_string(UnitId(server_.db(), "智能制造学院")));
  }
  EXPECT_TRUE(info);
  EXPECT_EQ(home.at("counts").at("forms").as_int64(), static_cast<std::int64_t>(forms.size()));
  auto titles = DeadlineTitles(home);
  EXPECT_TRUE(Has(titles, "二级学院提交《2025年职教活动周信息表》"));
  for (const auto& d : home.at("deadlines").as_array()) {
    EXPECT_EQ(Str(d, "role"), "submit") << Str(d, "title");
  }
  // Its figures are its own subtree's.
  ASSERT_EQ(home.at("figures").as_array().size(), 1u);
  EXPECT_EQ(Str(home.at("figures").as_array()[0], "unit_name"), "智能制造学院");
}

TEST_F(HomeTest, SubmittedFormWaitsForItsParentOnlyAndNotifiesIt) {
  School2SubmitsInfoForm();
  Id school2 = UnitId(server_.db(), kSchool2);
  auto reviews = Todo(Home(province_, true), "review");
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(Str(reviews[0], "unit_name"), kSchool2);
  EXPECT_EQ(Str(reviews[0], "link"),
            "/reports/review/" + std::to_string(school2) + "?form=info_form");
  EXPECT_EQ(Home(province_, true).at("counts").at("reviews").as_int64(), 1);
  EXPECT_TRUE(Home(province_, true).at("figures").as_array().empty()) << "todo_only";
  // Outside the chain: nothing to review, no notification.
  EXPECT_TRUE(Todo(Home(chengdu_), "review").empty());
  EXPECT_TRUE(Todo(Home(sctc_), "review").empty());
  // The form left school2's own list.
  for (const auto& f : Todo(Home(school2_), "form")) EXPECT_NE(Str(f, "form"), "info_form");

  auto notices = Notices(province_, "submitted");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(Str(notices[0], "unit_name"), "四川省教育厅");
  EXPECT_NE(Str(notices[0], "title").find(kSchool2), std::string::npos);
  EXPECT_EQ(Str(notices[0], "link"),
            "/reports/review/" + std::to_string(school2) + "?form=info_form");
  EXPECT_TRUE(Notices(chengdu_, "submitted").empty());
  EXPECT_TRUE(Notices(sctc_, "submitted").empty());
  EXPECT_TRUE(Notices(school2_, "submitted").empty()) << "the filer is not told of its own step";
  // A forged read of the province's notice by a unit outside the chain.
  auto forged = chengdu_.Post(
      "/api/notifications/" + std::to_string(notices[0].at("id").as_int64()) + "/read",
      json::object{});
  EXPECT_EQ(forged.status, 403u) << forged.body;
}

TEST_F(HomeTest, FilingWaitsForTheSchoolsOfficeOnlyAndNotifiesIt) {
  int before = static_cast<int>(Home(sctc_, true).at("counts").at("approvals").as_int64());
  CollegeFilesTrip();
  auto home = Home(sctc_, true);
  EXPECT_EQ(home.at("counts").at("approvals").as_int64(), before + 1);
  bool found = false;
  for (const auto& a : Todo(home, "approval")) {
    if (Str(a, "title").find("社区家电义务维修") == std::string::npos) continue;
    found = true;
    EXPECT_EQ(Str(a, "unit_name"), "智能制造学院");
    EXPECT_EQ(Str(a, "link"), "/activities/approvals");
  }
  EXPECT_TRUE(found);
  // The province could decide it too, but it is the school's work.
  for (const auto& a : Todo(Home(province_, true), "approval")) {
    EXPECT_EQ(Str(a, "title").find("社区家电义务维修"), std::string::npos);
  }
  EXPECT_TRUE(Todo(Home(school2_, true), "approval").empty());

  auto notices = Notices(sctc_, "filing_submitted");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(Str(notices[0], "link"), "/activities/approvals");
  EXPECT_NE(Str(notices[0], "body").find("社区家电义务维修"), std::string::npos);
  EXPECT_TRUE(Notices(school2_, "filing_submitted").empty());
  EXPECT_TRUE(Notices(chengdu_, "filing_submitted").empty());
  EXPECT_TRUE(Notices(province_, "filing_submitted").empty());
}

TEST_F(HomeTest, AdminSeesTheChainsFiguresAndNoWork) {
  Client admin(server_.port());
  admin.Login("admin");
  auto home = Home(admin);
  EXPECT_TRUE(home.at("todo").as_array().empty());
  EXPECT_TRUE(home.at("deadlines").as_array().empty());
  EXPECT_FALSE(home.at("figures").as_array().empty());
}

TEST_F(HomeTest, UnknownCampaignAndAnonymousAreRefused) {
  EXPECT_EQ(province_.Get("/api/campaigns/999999/home").status, 404u);
  EXPECT_EQ(anon_.Get(Base() + "/home").status, 401u);
  EXPECT_EQ(province_.Get("/api/campaigns/abc/home").status, 404u);
}

}  // namespace
}  // namespace vw::testing
