// Figures frozen at submission (issue 14, "Submitted figures keep moving",
// submission_freeze.h): a media report added after the college submitted
// its 情况统计表 changes neither the copy its reviewer sees, nor the export,
// nor the school's roll-up; the reviewer sees it apart as a change since
// submission; a return and resubmission counts it; acceptance keeps what
// was submitted. Only readers of the unit see any of it.
#include <gtest/gtest.h>

#include "export/table_reader.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class SubmissionFreezeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    college_.Login("sctc-college");
    school_.Login("sctc");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  std::string Form(const char* unit, const char* action = "") {
    return Base() + "/submissions/statistics" + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), unit));
  }
  std::string Step(const json::object& sub, const char* step) {
    return "/api/submissions/" + std::to_string(sub.at("id").as_int64()) + step;
  }
  json::object Get(Client& c, const char* unit) {
    auto r = c.Get(Form(unit));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().as_object() : json::object{};
  }
  json::object Submit() {
    auto cur = Get(college_, kCollege);
    auto r = college_.Post(Form(kCollege, "/submit"), json::object{{"version", cur.at("version")}});
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().as_object() : json::object{};
  }
  // A city-level media report of the college.
  void AddMediaReport(const char* title) {
    json::object body{{"unit_id", UnitId(server_.db(), kCollege)},
                      {"outlet", "成都日报"},
                      {"level", "city"},
                      {"title", title},
                      {"published_on", "2025-05-14"},
                      {"url", ""}};
    auto r = college_.Post(Base() + "/media-reports", body);
    ASSERT_EQ(r.status, 201u) << r.body;
  }
  static std::int64_t MediaCity(const json::object& sub) {
    return sub.at("final").at("media_city").as_int64();
  }
  // The college's row in the school's statistics.
  json::object CollegeRow() {
    json::object school = Get(school_, kSchool);
    for (const auto& row : school.at("rows").as_array()) {
      if (row.at("unit_name") == kCollege) return row.as_object();
    }
    ADD_FAILURE() << "no row of " << kCollege;
    return {};
  }
  // The cells of the reviewer's workbook of the college's form.
  std::string Workbook() {
    auto r = school_.Get(Form(kCollege, "/export") + "&format=xlsx");
    EXPECT_EQ(r.status, 200u) << r.body.substr(0, 200);
    auto t = tables::ReadTable(r.body, tables::FileType::kXlsx);
    EXPECT_TRUE(t.ok());
    if (!t.ok()) return "";
    std::string text;
    for (const auto& row : t->rows) {
      for (const auto& c : row.cells) text += c + "|";
      text += "\n";
    }
    return text;
  }

  static constexpr const char* kCollege = "智能制造学院";
  static constexpr const char* kSchool = "四川科技职业学院";
  ScopedClock clock_{"2025-05-14T10:00:00+08:00"};
  TestServer server_;
  Client anon_{server_.port()};
  Client college_{server_.port()};
  Client school_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(SubmissionFreezeTest, AMediaReportAfterSubmitChangesNoSubmittedFigure) {
  std::int64_t before = MediaCity(Get(college_, kCollege));
  EXPECT_TRUE(Get(college_, kCollege).at("changes_since_submission").is_null());  // a draft
  json::object sent = Submit();
  std::string workbook = Workbook();
  AddMediaReport("职教活动周开放日");

  // The reviewer's copy, the filler's, the export and the school's row: as submitted.
  json::object reviewed = Get(school_, kCollege);
  EXPECT_EQ(MediaCity(reviewed), before);
  EXPECT_EQ(reviewed.at("total").at("media_city").as_int64(), before);
  EXPECT_EQ(reviewed.at("computed").at("media_city").as_int64(), before);
  EXPECT_EQ(MediaCity(Get(college_, kCollege)), before);
  EXPECT_EQ(Workbook(), workbook);
  json::object row = CollegeRow();
  EXPECT_EQ(row.at("status"), "submitted");
  EXPECT_EQ(row.at("media_city").as_int64(), before);

  // …and apart, what changed in the records since.
  const json::object& changes = reviewed.at("changes_since_submission").as_object();
  EXPECT_EQ(changes.at("submitted_at"), sent.at("submitted_at"));
  const json::array& items = changes.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << json::serialize(items);
  EXPECT_EQ(items[0].at("field"), "media_city");
  EXPECT_EQ(items[0].at("label"), "市（州）级媒体报道数");
  EXPECT_EQ(items[0].at("unit"), "篇");
  EXPECT_EQ(items[0].at("submitted").as_int64(), before);
  EXPECT_EQ(items[0].at("now").as_int64(), before + 1);
  // The records' own view is live all along.
  auto live =
      school_.Get(Base() + "/statistics?unit_id=" + std::to_string(UnitId(server_.db(), kCollege)));
  ASSERT_EQ(live.status, 200u);
  EXPECT_EQ(live.data().at("total").at("media_city").as_int64(), before + 1);

  // Returned: live again, nothing "since submission".
  auto returned = school_.Post(
      Step(reviewed, "/return"),
      json::object{{"comment", "请补充新的媒体报道"}, {"version", reviewed.at("version")}});
  ASSERT_EQ(returned.status, 200u) << returned.body;
  json::object draft = Get(college_, kCollege);
  EXPECT_EQ(MediaCity(draft), before + 1);
  EXPECT_TRUE(draft.at("changes_since_submission").is_null());
  EXPECT_NE(Workbook(), workbook);

  // Resubmitted: the report counts, and nothing differs.
  Submit();
  AddMediaReport("职教活动周技能展示");  // after the resubmission
  reviewed = Get(school_, kCollege);
  EXPECT_EQ(MediaCity(reviewed), before + 1);
  EXPECT_EQ(CollegeRow().at("media_city").as_int64(), before + 1);
  ASSERT_EQ(reviewed.at("changes_since_submission").at("items").as_array().size(), 1u);
  EXPECT_EQ(reviewed.at("changes_since_submission").at("items").at(0).at("now").as_int64(),
            before + 2);

  // Accepted: what was submitted (and reviewed), not today's records.
  std::int64_t school_before = MediaCity(Get(school_, kSchool));  // the college not counted
  auto accepted =
      school_.Post(Step(reviewed, "/accept"), json::object{{"version", reviewed.at("version")}});
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_EQ(MediaCity(accepted.data().as_object()), before + 1);
  EXPECT_TRUE(accepted.data().at("changes_since_submission").is_null());
  row = CollegeRow();
  EXPECT_EQ(row.at("status"), "accepted");
  EXPECT_EQ(row.at("media_city").as_int64(), before + 1);
  EXPECT_EQ(MediaCity(Get(school_, kSchool)), school_before + before + 1);
}

TEST_F(SubmissionFreezeTest, NoChangesWhenTheRecordsStayed) {
  Submit();
  json::object reviewed = Get(school_, kCollege);
  ASSERT_TRUE(reviewed.at("changes_since_submission").is_object());
  EXPECT_TRUE(reviewed.at("changes_since_submission").at("items").as_array().empty());
}

// Another unit cannot read the form, its frozen figures or what changed,
// whatever ids it sends.
TEST_F(SubmissionFreezeTest, OnlyReadersOfTheUnitSeeTheChanges) {
  json::object sent = Submit();
  AddMediaReport("职教活动周开放日");
  Client other(server_.port());
  other.Login("school2");
  auto r = other.Get(Form(kCollege));
  EXPECT_EQ(r.status, 403u) << r.body;
  EXPECT_EQ(r.body.find("changes_since_submission"), std::string::npos);
  EXPECT_EQ(other.Get(Form(kCollege, "/export") + "&format=xlsx").status, 403u);
  EXPECT_EQ(other.Get(Step(sent, "/history")).status, 403u);
  // A sibling college's filler neither.
  auto sibling = college_.Get(Form("信息工程学院"));
  EXPECT_EQ(sibling.status, 403u) << sibling.body;
  // Nor does the school's roll-up reach another school.
  EXPECT_EQ(other.Get(Form(kSchool)).status, 403u);
}

}  // namespace
}  // namespace vw::testing
