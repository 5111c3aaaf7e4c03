// What a college secretary meets around activities (issue 15): categories
// offered by unit level and refused outside it, media reports linked to an
// activity of the unit's subtree only, and histories that name people.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ActivitySecretaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = client_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day2_ = c.data().at("days").as_array()[1].at("id").as_int64();  // 2025-05-12
    auto all = Categories("");
    for (const auto& cat : all.data().at("items").as_array()) {
      category_[std::string(cat.at("code").as_string())] = cat.at("id").as_int64();
    }
    college_ = UnitId(server_.db(), "智能制造学院");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  HttpResult Categories(const std::string& query) {
    return client_.Get(Base() + "/activity-categories" + query);
  }
  json::object Activity(Id unit, const std::string& title, Id category) {
    return {{"unit_id", unit},
            {"title", title},
            {"theme_day_id", day2_},
            {"starts_at", "2025-05-12T09:30:00+08:00"},
            {"ends_at", "2025-05-12T11:30:00+08:00"},
            {"place_kind", "on_campus"},
            {"place", "东区实训楼"},
            {"category_id", category}};
  }
  static std::vector<std::string> Codes(const HttpResult& r) {
    std::vector<std::string> out;
    for (const auto& c : r.data().at("items").as_array()) {
      out.emplace_back(c.at("code").as_string());
    }
    return out;
  }
  static bool Has(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  }

  TestServer server_;
  Client client_{server_.port()};
  Id campaign_ = 0, day2_ = 0, college_ = 0;
  std::map<std::string, Id> category_;
};

TEST_F(ActivitySecretaryTest, CollegeIsOfferedSchoolCategoriesAndNoProvincialProgramme) {
  auto all = Codes(Categories(""));
  EXPECT_EQ(all.front(), "cy_launch");  // the public list keeps the notices' order
  auto college = Codes(Categories("?unit_id=" + std::to_string(college_)));
  ASSERT_FALSE(college.empty());
  EXPECT_EQ(college.front(), "open_enterprise");
  EXPECT_FALSE(Has(college, "cy_launch"));
  EXPECT_FALSE(Has(college, "prov_bio_breeding"));
  EXPECT_TRUE(Has(college, "job_fair"));

  // The education department leads with its own programme; a partner
  // department sees its entries only, not the others'.
  auto edu = Codes(Categories("?unit_id=" + std::to_string(UnitId(server_.db(), "四川省教育厅"))));
  EXPECT_EQ(edu.front(), "cy_launch");
  EXPECT_FALSE(Has(edu, "prov_bio_breeding"));
  auto farm =
      Codes(Categories("?unit_id=" + std::to_string(UnitId(server_.db(), "四川省农业农村厅"))));
  EXPECT_EQ(farm.front(), "prov_bio_breeding");
  EXPECT_FALSE(Has(farm, "cy_launch"));
  EXPECT_FALSE(Has(farm, "prov_worker_class"));
  // Both owners of 劳模工匠进校园 have it.
  for (const char* owner : {"四川省总工会", "四川省政府国有资产监督管理委员会"}) {
    auto codes = Codes(Categories("?unit_id=" + std::to_string(UnitId(server_.db(), owner))));
    EXPECT_TRUE(Has(codes, "prov_craftsmen_campus")) << owner;
  }
  EXPECT_EQ(Categories("?unit_id=999999").status, 404u);
}

TEST_F(ActivitySecretaryTest, ServerRefusesACategoryNotMeantForTheUnit) {
  client_.Login("sctc-college");
  auto refused = client_.Post(Base() + "/activities",
                              Activity(college_, "误选的启动仪式", category_.at("cy_launch")));
  ASSERT_EQ(refused.status, 400u) << refused.body;
  EXPECT_EQ(refused.error_field(), "category_id");
  EXPECT_NE(refused.body.find("成渝"), std::string::npos);
  // As a tag too.
  json::object tagged = Activity(college_, "开放日", category_.at("campus_open"));
  tagged["tag_ids"] = json::array{category_.at("prov_youth_day")};
  auto tag = client_.Post(Base() + "/activities", tagged);
  ASSERT_EQ(tag.status, 400u) << tag.body;
  EXPECT_EQ(tag.error_field(), "tag_ids");

  auto ok = client_.Post(Base() + "/activities",
                         Activity(college_, "智能制造实训中心开放日", category_.at("campus_open")));
  ASSERT_EQ(ok.status, 201u) << ok.body;
  // Editing cannot move it into the programme either.
  json::object edit = Activity(college_, "智能制造实训中心开放日", category_.at("cy_contest"));
  edit["version"] = 1;
  auto moved =
      client_.Put("/api/activities/" + std::to_string(ok.data().at("id").as_int64()), edit);
  EXPECT_EQ(moved.status, 400u) << moved.body;
}

TEST_F(ActivitySecretaryTest, ProgrammeOwnerFilesUnderItsEntry) {
  client_.Login("province");
  Id edu = UnitId(server_.db(), "四川省教育厅");
  auto own = client_.Post(Base() + "/activities",
                          Activity(edu, "联合启动仪式（补录）", category_.at("cy_launch")));
  EXPECT_EQ(own.status, 201u) << own.body;
  auto other = client_.Post(Base() + "/activities", Activity(edu, "生物育种科普（代录）",
                                                             category_.at("prov_bio_breeding")));
  EXPECT_EQ(other.status, 400u) << other.body;
}

TEST_F(ActivitySecretaryTest, CopiedCampaignKeepsWhoMayUseAnEntry) {
  client_.Login("admin");
  auto r =
      client_.Post(Base() + "/copy",
                   {{"year", 2026}, {"name", "2026年职业教育活动周"}, {"starts_on", "2026-05-10"}});
  ASSERT_EQ(r.status, 201u) << r.body;
  auto copied = client_.Get("/api/campaigns/" + std::to_string(r.data().at("id").as_int64()) +
                            "/activity-categories?unit_id=" + std::to_string(college_));
  auto codes = Codes(copied);
  EXPECT_FALSE(Has(codes, "cy_launch"));
  EXPECT_EQ(codes.front(), "open_enterprise");
}

TEST_F(ActivitySecretaryTest, ActivityListSearchesTitlesWithinScope) {
  client_.Login("sctc-college");
  for (const char* title : {"工业机器人开放日", "数控技能展示", "机器人编程体验"}) {
    ASSERT_EQ(
        client_.Post(Base() + "/activities", Activity(college_, title, category_.at("campus_open")))
            .status,
        201u);
  }
  auto hit = client_.Get(Base() + "/activities?unit_id=" + std::to_string(college_) +
                         "&q=%E6%9C%BA%E5%99%A8%E4%BA%BA&page_size=20");  // 机器人
  ASSERT_EQ(hit.status, 200u) << hit.body;
  EXPECT_EQ(hit.data().at("total").as_int64(), 2);
  auto too_long = client_.Get(Base() + "/activities?q=" + std::string(41, 'x'));
  EXPECT_EQ(too_long.status, 400u);
}

TEST_F(ActivitySecretaryTest, MediaReportLinksOnlyAnActivityOfItsUnitsSubtree) {
  client_.Login("sctc-college");
  auto mine = client_.Post(Base() + "/activities", Activity(college_, "智能制造实训中心开放日",
                                                            category_.at("campus_open")));
  ASSERT_EQ(mine.status, 201u) << mine.body;
  Id mine_id = mine.data().at("id").as_int64();
  // Another school's activity: its id forged into the college's report.
  Client other(server_.port());
  other.Login("school2");
  Id school2 = UnitId(server_.db(), "成都工业职业技术学院");
  auto theirs = other.Post(Base() + "/activities",
                           Activity(school2, "成都工业职院开放日", category_.at("campus_open")));
  ASSERT_EQ(theirs.status, 201u) << theirs.body;
  Id theirs_id = theirs.data().at("id").as_int64();

  json::object report{{"unit_id", college_},          {"outlet", "四川日报"},
                      {"level", "provincial"},        {"title", "智能制造学院开放日见闻"},
                      {"published_on", "2025-05-13"}, {"activity_id", theirs_id}};
  auto forged = client_.Post(Base() + "/media-reports", report);
  ASSERT_EQ(forged.status, 400u) << forged.body;
  EXPECT_EQ(forged.error_field(), "activity_id");
  // Its title appears nowhere in the refusal.
  EXPECT_EQ(forged.body.find("成都工业职院开放日"), std::string::npos);

  report["activity_id"] = mine_id;
  auto ok = client_.Post(Base() + "/media-reports", report);
  ASSERT_EQ(ok.status, 201u) << ok.body;
  EXPECT_EQ(ok.data().at("activity_title"), "智能制造实训中心开放日");
  auto list = client_.Get(Base() + "/media-reports?unit_id=" + std::to_string(college_));
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.data().at("items").as_array()[0].at("activity_title"), "智能制造实训中心开放日");

  // An edit cannot forge it either.
  report["activity_id"] = theirs_id;
  report["version"] = ok.data().at("version");
  auto edit =
      client_.Put("/api/media-reports/" + std::to_string(ok.data().at("id").as_int64()), report);
  EXPECT_EQ(edit.status, 400u) << edit.body;
}

TEST_F(ActivitySecretaryTest, HistoryNamesPeopleAndTheirUnits) {
  client_.Login("sctc-college");
  auto a = client_.Post(Base() + "/activities",
                        Activity(college_, "智能制造实训中心开放日", category_.at("campus_open")));
  ASSERT_EQ(a.status, 201u) << a.body;
  auto h =
      client_.Get("/api/activities/" + std::to_string(a.data().at("id").as_int64()) + "/history");
  ASSERT_EQ(h.status, 200u) << h.body;
  const auto& row = h.data().at("items").as_array().at(0);
  EXPECT_EQ(row.at("actor"), "智能制造学院秘书（智能制造学院）");
  EXPECT_EQ(row.at("username"), "sctc-college");
}

}  // namespace
}  // namespace vw::testing
