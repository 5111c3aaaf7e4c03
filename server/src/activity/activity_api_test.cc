// Activities over HTTP: a college creates its own, validation, scope.
#include <gtest/gtest.h>

#include <set>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ActivityApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = client_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day2_ = c.data().at("days").as_array()[1].at("id").as_int64();  // 2025-05-12
    auto cats = client_.Get(Base() + "/activity-categories");
    for (const auto& cat : cats.data().at("items").as_array()) {
      if (cat.at("code") == "campus_open") campus_open_ = cat.at("id").as_int64();
      if (cat.at("code") == "open_campus") open_campus_tag_ = cat.at("id").as_int64();
    }
    college_ = UnitId(server_.db(), "智能制造学院");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  json::object Valid() {
    return {{"unit_id", college_},
            {"title", "智能制造实训中心开放日"},
            {"description", "面向中小学生开放工业机器人实训室"},
            {"theme_day_id", day2_},
            {"starts_at", "2025-05-12T09:30:00+08:00"},
            {"ends_at", "2025-05-12T11:30:00+08:00"},
            {"place_kind", "on_campus"},
            {"place", "东区实训楼"},
            {"category_id", campus_open_},
            {"tag_ids", json::array{open_campus_tag_}},
            {"audiences", json::array{"pupils", "parents"}},
            {"capacity", 60},
            {"open_to_public", true},
            {"registration_required", true}};
  }

  TestServer server_;
  Client client_{server_.port()};
  Id campaign_ = 0, day2_ = 0, campus_open_ = 0, open_campus_tag_ = 0, college_ = 0;
};

TEST_F(ActivityApiTest, CategoriesComeFromTheNotices) {
  auto r = client_.Get(Base() + "/activity-categories");
  ASSERT_EQ(r.status, 200u);
  std::set<std::string> groups;
  for (const auto& c : r.data().at("items").as_array()) {
    groups.insert(std::string(c.at("group_name").as_string()));
  }
  for (const char* g : {"川渝联合活动", "省级部门活动", "四开放", "三贴近", "两走进", "线上活动",
                        "学校活动清单", "社会服务"}) {
    EXPECT_TRUE(groups.count(g)) << g;
  }
}

TEST_F(ActivityApiTest, CollegeSecretaryCreatesAndEditsOwnActivity) {
  client_.Login("sctc-college");
  auto r = client_.Post(Base() + "/activities", Valid());
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.data().at("status"), "draft");
  EXPECT_EQ(r.data().at("audiences").as_array().size(), 2u);
  EXPECT_EQ(r.data().at("starts_at"), "2025-05-12T09:30:00+08:00");
  Id id = r.data().at("id").as_int64();
  json::object edit = Valid();
  edit["title"] = "智能制造实训中心开放日（上午场）";
  edit["version"] = 1;
  auto ok = client_.Put("/api/activities/" + std::to_string(id), edit);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.data().at("version").as_int64(), 2);
  EXPECT_EQ(client_.Put("/api/activities/" + std::to_string(id), edit).status, 409u);

  // The school's academic affairs office sees it; another school does not.
  Client school(server_.port());
  school.Login("sctc");
  EXPECT_EQ(school.Get(Base() + "/activities").data().at("total").as_int64(), 1);
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(other.Get(Base() + "/activities").data().at("total").as_int64(), 0);
  EXPECT_EQ(other.Get("/api/activities/" + std::to_string(id)).status, 403u);
  edit["version"] = 2;
  EXPECT_EQ(other.Put("/api/activities/" + std::to_string(id), edit).status, 403u);
  EXPECT_EQ(other.Delete("/api/activities/" + std::to_string(id)).status, 403u);
  // Nor can it create one for the college by naming its id.
  EXPECT_EQ(other.Post(Base() + "/activities", Valid()).status, 403u);
}

TEST_F(ActivityApiTest, CollegeCannotEditAnotherCollegesActivity) {
  client_.Login("sctc");
  json::object body = Valid();
  body["unit_id"] = UnitId(server_.db(), "信息工程学院");
  auto r = client_.Post(Base() + "/activities", body);
  ASSERT_EQ(r.status, 201u) << r.body;
  Client college(server_.port());
  college.Login("sctc-college");
  Id id = r.data().at("id").as_int64();
  EXPECT_EQ(college.Get("/api/activities/" + std::to_string(id)).status, 403u);
  body["version"] = 1;
  EXPECT_EQ(college.Put("/api/activities/" + std::to_string(id), body).status, 403u);
}

TEST_F(ActivityApiTest, BadInputNamesTheField) {
  client_.Login("sctc-college");
  auto with = [&](const char* key, json::value v) {
    json::object o = Valid();
    o[key] = std::move(v);
    return client_.Post(Base() + "/activities", o);
  };
  struct Case {
    const char* key;
    json::value value;
    const char* field;
  };
  std::vector<Case> cases = {
      {"ends_at", "2025-05-12T09:00:00+08:00", "ends_at"},
      {"starts_at", "2025-05-01T09:00:00+08:00", "starts_at"},
      {"theme_day_id", 999999, "theme_day_id"},
      {"place_kind", "moon", "place_kind"},
      {"capacity", -1, "capacity"},
      {"title", "", "title"},
      {"audiences", json::array{"aliens"}, "audiences"},
      {"category_id", 999999, "category_id"},
      {"online_url", "not a url", "online_url"},
  };
  for (auto& c : cases) {
    auto r = with(c.key, c.value);
    EXPECT_EQ(r.status, 400u) << c.key << " " << r.body;
    EXPECT_EQ(r.error_field(), c.field) << c.key << " " << r.body;
  }
  // A date that is not the chosen theme day's.
  json::object o = Valid();
  o["starts_at"] = "2025-05-13T09:30:00+08:00";
  o["ends_at"] = "2025-05-13T11:30:00+08:00";
  auto r = client_.Post(Base() + "/activities", o);
  EXPECT_EQ(r.error_field(), "theme_day_id");
  // Off campus needs an address; online needs a link.
  o = Valid();
  o["place_kind"] = "off_campus";
  o["place"] = "";
  EXPECT_EQ(client_.Post(Base() + "/activities", o).error_field(), "place");
  o["place_kind"] = "online";
  EXPECT_EQ(client_.Post(Base() + "/activities", o).error_field(), "online_url");
  // Part of a longer 活动月 may leave the week.
  o = Valid();
  o.erase("theme_day_id");
  o["part_of_month"] = true;
  o["starts_at"] = "2025-05-25T09:00:00+08:00";
  o["ends_at"] = "2025-05-25T11:00:00+08:00";
  EXPECT_EQ(client_.Post(Base() + "/activities", o).status, 201u);
}

TEST_F(ActivityApiTest, CopiedCampaignKeepsCategories) {
  client_.Login("admin");
  auto r =
      client_.Post(Base() + "/copy",
                   {{"year", 2026}, {"name", "2026年职业教育活动周"}, {"starts_on", "2026-05-10"}});
  ASSERT_EQ(r.status, 201u) << r.body;
  auto cats = client_.Get("/api/campaigns/" + std::to_string(r.data().at("id").as_int64()) +
                          "/activity-categories");
  auto old = client_.Get(Base() + "/activity-categories");
  EXPECT_EQ(cats.data().at("total"), old.data().at("total"));
  EXPECT_GT(cats.data().at("total").as_int64(), 30);
}

}  // namespace
}  // namespace vw::testing
