// What users see of a form's versions and history (issue 15): submissions
// are numbered (第 N 次提交), not saves; the history names people (姓名,
// unit); the province overview tells each city's progress, and drilling
// into a unit's board needs authority over that unit.
#include <gtest/gtest.h>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class SubmissionNumberTest : public ::testing::Test {
 protected:
  void SetUp() override {
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    college_.Login("sctc-college");
    school_.Login("sctc");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  std::string Form(const char* action = "") {
    return Base() + "/submissions/info_form" + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), "智能制造学院"));
  }
  json::object Save(const char* plan) {
    auto cur = college_.Get(Form()).data();
    json::object data{{"contact_person", "张老师"},
                      {"position", "学院秘书"},
                      {"mobile", "13800002222"},
                      {"qq", ""},
                      {"website", ""},
                      {"work_plan", plan},
                      {"featured", ""}};
    auto saved = college_.Put(Form(), json::object{{"version", cur.at("version")}, {"data", data}});
    EXPECT_EQ(saved.status, 200u) << saved.body;
    return saved.data().as_object();
  }
  json::object Submit() {
    auto cur = college_.Get(Form()).data();
    auto sent = college_.Post(Form("/submit"), json::object{{"version", cur.at("version")}});
    EXPECT_EQ(sent.status, 200u) << sent.body;
    return sent.data().as_object();
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client college_{server_.port()};
  Client school_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(SubmissionNumberTest, SubmissionsAreNumberedNotSaves) {
  EXPECT_EQ(college_.Get(Form()).data().at("submission_number").as_int64(), 0);
  Save("5月12日开放实训室");
  auto second = Save("5月12日开放实训室和创新工坊");
  EXPECT_EQ(second.at("version").as_int64(), 2);
  EXPECT_EQ(second.at("submission_number").as_int64(), 0);  // a draft, however often saved

  auto first = Submit();
  EXPECT_EQ(first.at("submission_number").as_int64(), 1);
  EXPECT_GT(first.at("version").as_int64(), 2);
  Id id = first.at("id").as_int64();
  auto returned =
      school_.Post("/api/submissions/" + std::to_string(id) + "/return",
                   json::object{{"comment", "请补充活动时间"}, {"version", first.at("version")}});
  ASSERT_EQ(returned.status, 200u) << returned.body;
  EXPECT_EQ(returned.data().at("submission_number").as_int64(), 1);
  Save("5月12日 9:00 开放实训室");
  EXPECT_EQ(Submit().at("submission_number").as_int64(), 2);

  // The history names who did it: 姓名 and unit, beside the username.
  auto history = college_.Get("/api/submissions/" + std::to_string(id) + "/history");
  ASSERT_EQ(history.status, 200u);
  int submits = 0;
  for (const auto& h : history.data().at("items").as_array()) {
    if (h.at("action") == "submit") {
      ++submits;
      EXPECT_EQ(h.at("actor"), "智能制造学院秘书（智能制造学院）");
    }
    if (h.at("action") == "return") {
      EXPECT_TRUE(h.at("actor").as_string().starts_with("鄢涛（")) << h.at("actor");
    }
  }
  EXPECT_EQ(submits, 2);
}

TEST_F(SubmissionNumberTest, OverviewTellsEachCitysProgressAndDrillingNeedsAuthority) {
  Client province(server_.port());
  province.Login("province");
  auto o = province.Get(Base() + "/submissions/statistics/overview");
  ASSERT_EQ(o.status, 200u) << o.body;
  bool city = false;
  for (const auto& row : o.data().at("rows").as_array()) {
    if (row.at("unit_name") == "成都市") EXPECT_EQ(row.at("kind"), "city");
    if (row.at("unit_name") == "四川科技职业学院") EXPECT_EQ(row.at("kind"), "school");
    for (const auto& part : row.at("parts").as_array()) {
      std::int64_t children = part.at("children").as_int64();
      std::int64_t submitted = part.at("submitted").as_int64();
      std::int64_t accepted = part.at("accepted").as_int64();
      EXPECT_LE(accepted, submitted);
      EXPECT_LE(submitted, children);
      if (part.at("unit_name") == "成都市教育局") {
        city = true;
        EXPECT_GT(children, 0) << part;
      }
    }
  }
  EXPECT_TRUE(city) << o.body;

  // Drilling down: the board of a chosen unit (a city, then a school).
  auto board = [&](Client& c, const char* unit) {
    return c.Get(Base() +
                 "/board/statistics?unit_id=" + std::to_string(UnitId(server_.db(), unit)));
  };
  EXPECT_EQ(board(province, "成都市教育局").status, 200u);
  EXPECT_EQ(board(province, "四川科技职业学院").status, 200u);
  // Another school forging those ids sees nothing.
  Client other(server_.port());
  other.Login("school2");
  EXPECT_EQ(board(other, "成都市教育局").status, 403u);
  EXPECT_EQ(board(other, "四川科技职业学院").status, 403u);
  EXPECT_EQ(other.Get(Base() + "/submissions/statistics/overview").status, 403u);
}

}  // namespace
}  // namespace vw::testing
