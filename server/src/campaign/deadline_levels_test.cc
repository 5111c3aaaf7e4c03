// Deadlines per level: each level sets the dates for the level below, and a
// form's deadline is the one its nearest collector up the chain set, else the
// province's (2025 demo: province 5月13日/5月24日, the school 5月12日 18:00).
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class DeadlineLevelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Client anon(server_.port());
    campaign_ = anon.Get("/api/public/campaigns/current").data().at("id").as_int64();
    chengdu_ = UnitId(server_.db(), "成都市教育局");
    city_.Login("chengdu");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  // The deadline shown on `unit`'s form, as "YYYY-MM-DDTHH:MM".
  std::string FormDue(Client& c, const char* form, const char* unit) {
    auto r = c.Get(Base() + "/submissions/" + form +
                   "?unit_id=" + std::to_string(UnitId(server_.db(), unit)));
    EXPECT_EQ(r.status, 200u) << r.body;
    if (r.status != 200u) return "";
    return std::string(r.data().at("due_at").as_string()).substr(0, 16);
  }
  HttpResult CitySets(const char* due_at) {
    return city_.Post(Base() + "/deadlines", {{"collector_unit_id", chengdu_},
                                              {"form", "statistics"},
                                              {"title", "各中职学校报送统计表"},
                                              {"due_at", due_at}});
  }

  TestServer server_;
  Client city_{server_.port()};
  Id campaign_ = 0;
  Id chengdu_ = 0;
};

TEST_F(DeadlineLevelsTest, CityDateReachesItsSchoolsOthersKeepTheProvinces) {
  Client province(server_.port());
  province.Login("province");
  EXPECT_EQ(FormDue(province, "statistics", "成都市财贸职业高级中学"), "2025-05-24T23:59");

  auto set = CitySets("2025-05-10T18:00:00+08:00");
  ASSERT_EQ(set.status, 201u) << set.body;
  EXPECT_EQ(FormDue(city_, "statistics", "成都市财贸职业高级中学"), "2025-05-10T18:00");
  // Another city set nothing: its school keeps the province's date.
  EXPECT_EQ(FormDue(province, "statistics", "绵阳职业技术学校"), "2025-05-24T23:59");
  // The city itself still answers to the province's date.
  EXPECT_EQ(FormDue(city_, "statistics", "成都市教育局"), "2025-05-24T23:59");

  // The city's board shows both: its own date and the one it set below.
  auto board = city_.Get(Base() + "/board/statistics?unit_id=" + std::to_string(chengdu_));
  ASSERT_EQ(board.status, 200u) << board.body;
  EXPECT_EQ(std::string(board.data().at("due_at").as_string()).substr(0, 16), "2025-05-10T18:00");
  EXPECT_EQ(std::string(board.data().at("own_due_at").as_string()).substr(0, 16),
            "2025-05-24T23:59");
}

TEST_F(DeadlineLevelsTest, CollegeSeesItsSchoolsDates) {
  Client college(server_.port());
  college.Login("sctc-college");
  // The school's own 5月12日 18:00 for its colleges' information forms.
  EXPECT_EQ(FormDue(college, "info_form", "智能制造学院"), "2025-05-12T18:00");
  // And its own 5月21日 for statistics, before the province's 5月24日.
  EXPECT_EQ(FormDue(college, "statistics", "智能制造学院"), "2025-05-21T23:59");
}

TEST_F(DeadlineLevelsTest, CityCannotGiveItsSchoolsMoreTimeThanItHas) {
  auto late = CitySets("2025-05-25T12:00:00+08:00");
  ASSERT_EQ(late.status, 400u) << late.body;
  EXPECT_EQ(late.error_field(), "due_at");
  EXPECT_NE(late.body.find("截止时间"), std::string::npos) << late.body;
  EXPECT_NE(late.body.find("2025-05-25 12:00"), std::string::npos) << late.body;
  EXPECT_NE(late.body.find("2025-05-24 23:59"), std::string::npos) << late.body;

  // Moving an accepted date past the province's is refused the same way.
  auto set = CitySets("2025-05-20T18:00:00+08:00");
  ASSERT_EQ(set.status, 201u) << set.body;
  json::object edit = set.data().as_object();
  edit["due_at"] = "2025-05-26T18:00:00+08:00";
  auto moved = city_.Put(Base() + "/deadlines/" + std::to_string(edit.at("id").as_int64()), edit);
  EXPECT_EQ(moved.status, 400u) << moved.body;
  EXPECT_EQ(FormDue(city_, "statistics", "成都市财贸职业高级中学"), "2025-05-20T18:00");
}

TEST_F(DeadlineLevelsTest, ProvinceCannotMoveBeforeADateALevelBelowSet) {
  Client province(server_.port());
  province.Login("province");
  auto campaign = province.Get(Base()).data().as_object();
  json::object statistics;
  for (const auto& d : campaign.at("deadlines").as_array()) {
    if (d.at("form") == "statistics" && d.at("collector_unit_id").is_null()) {
      statistics = d.as_object();
    }
  }
  ASSERT_FALSE(statistics.empty());
  std::string path = Base() + "/deadlines/" + std::to_string(statistics.at("id").as_int64());

  // The school set 5月21日 23:59 for its colleges: the province's date may
  // not move before it, and the answer names the school and its date.
  statistics["due_at"] = "2025-05-20T18:00:00+08:00";
  auto early = province.Put(path, statistics);
  ASSERT_EQ(early.status, 400u) << early.body;
  EXPECT_EQ(early.error_field(), "due_at");
  EXPECT_NE(early.body.find("四川科技职业学院"), std::string::npos) << early.body;
  EXPECT_NE(early.body.find("2025-05-21 23:59"), std::string::npos) << early.body;
  EXPECT_EQ(FormDue(province, "statistics", "成都市教育局"), "2025-05-24T23:59");

  // On or after every date below, it moves.
  statistics["due_at"] = "2025-05-22T12:00:00+08:00";
  auto moved = province.Put(path, statistics);
  EXPECT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(FormDue(province, "statistics", "成都市教育局"), "2025-05-22T12:00");
}

TEST_F(DeadlineLevelsTest, LevelMovesItsOwnDateEarlierFreely) {
  // Chengdu's row for its schools is the only one below it: moving it
  // earlier compares it with nothing but its own old date, which it leaves.
  auto set = CitySets("2025-05-20T18:00:00+08:00");
  ASSERT_EQ(set.status, 201u) << set.body;
  json::object edit = set.data().as_object();
  edit["due_at"] = "2025-05-15T18:00:00+08:00";
  auto moved = city_.Put(Base() + "/deadlines/" + std::to_string(edit.at("id").as_int64()), edit);
  EXPECT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(FormDue(city_, "statistics", "成都市财贸职业高级中学"), "2025-05-15T18:00");

  // The province's own unit row for every child (cities, higher vocational
  // schools) may not fall before the school's 5月21日 it already set.
  Client province(server_.port());
  province.Login("province");
  auto early = province.Post(Base() + "/deadlines",
                             {{"collector_unit_id", UnitId(server_.db(), "四川省教育厅")},
                              {"form", "statistics"},
                              {"title", "各市（州）及高职院校报送统计表"},
                              {"due_at", "2025-05-18T18:00:00+08:00"}});
  ASSERT_EQ(early.status, 400u) << early.body;
  EXPECT_NE(early.body.find("四川科技职业学院"), std::string::npos) << early.body;
}

}  // namespace
}  // namespace vw::testing
