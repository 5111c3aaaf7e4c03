// The exported forms as a unit files them (issue 14): annex 4 and annex 5
// with the notice's 填表说明 (the mailbox included), annex 5's 填报人 and
// 联系电话 from the 信息采集表, the records-based annex 5 naming its unit and
// counting offices in the unit's own row, and the workbook of an accepted
// form with its 附件 label and verification code.
#include <gtest/gtest.h>

#include <algorithm>

#include "export/table_reader.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ExportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    day3_ = c.data().at("days").as_array()[2].at("id").as_int64();  // 2025-05-13
    admin_.Login("admin");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  std::string Form(const char* form, const std::string& unit, const char* action = "") {
    return Base() + "/submissions/" + form + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), unit));
  }
  // A published activity of `unit` on 13 May, ended by the test clock.
  void Activity(const std::string& unit) {
    json::object o{{"unit_id", UnitId(server_.db(), unit)},
                   {"title", unit + "开放日"},
                   {"theme_day_id", day3_},
                   {"starts_at", "2025-05-13T09:00:00+08:00"},
                   {"ends_at", "2025-05-13T11:00:00+08:00"},
                   {"place_kind", "on_campus"},
                   {"place", "校内"},
                   {"open_to_public", true},
                   {"registration_required", false}};
    auto r = admin_.Post(Base() + "/activities", o);
    ASSERT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    ASSERT_EQ(
        admin_.Post("/api/activities/" + std::to_string(id) + "/publish", json::object{}).status,
        200u);
  }
  // Saves the unit's 信息采集表 with this contact; returns the new version.
  std::int64_t SaveInfo(Client& c, const std::string& unit, const std::string& person,
                        const std::string& mobile) {
    auto cur = c.Get(Form("info_form", unit));
    EXPECT_EQ(cur.status, 200u) << cur.body;
    json::object data{{"contact_person", person},
                      {"position", "教务处副处长"},
                      {"mobile", mobile},
                      {"qq", "12345"},
                      {"website", "https://zjz.example.cn"},
                      {"work_plan", "活动周期间每天开放实训室"},
                      {"featured", "开放日"}};
    auto r = c.Put(Form("info_form", unit),
                   json::object{{"version", cur.data().at("version")}, {"data", data}});
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200u ? r.data().at("version").as_int64() : 0;
  }
  // Every cell of the workbook's first sheet, one per line, row by row.
  static std::string Cells(const std::string& bytes, tables::Table* out = nullptr) {
    auto t = tables::ReadTable(bytes, tables::FileType::kXlsx);
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    if (!t.ok()) return "";
    std::string text;
    for (const auto& c : t->header.cells) text += c + "\n";
    for (const auto& r : t->rows) {
      for (const auto& c : r.cells) text += c + "\n";
    }
    if (out) *out = *t;
    return text;
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client admin_{server_.port()};
  Id campaign_ = 0, day3_ = 0;
};

TEST_F(ExportsTest, AcceptedInfoFormWorkbookHasLabelCodeAndTheNoticesMailbox) {
  Client school(server_.port());
  school.Login("school2");
  Client province(server_.port());
  province.Login("province");
  const std::string unit = "成都工业职业技术学院";
  SaveInfo(school, unit, "李老师", "13800001111");

  // Before acceptance: the label and the note, no code.
  auto draft = school.Get(Form("info_form", unit, "/export") + "&format=xlsx");
  ASSERT_EQ(draft.status, 200u) << draft.body.substr(0, 200);
  tables::Table table;
  std::string text = Cells(draft.body, &table);
  EXPECT_EQ(table.header.number, 1);
  EXPECT_EQ(table.header.cells.at(0), "附件4");
  EXPECT_NE(text.find("同步发送至教育厅职业教育处邮箱 scsjytzjc@163.com。"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("验证码"), std::string::npos) << text;

  auto cur = school.Get(Form("info_form", unit));
  auto submitted = school.Post(Form("info_form", unit, "/submit"),
                               json::object{{"version", cur.data().at("version")}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  auto accepted = province.Post(
      "/api/submissions/" + std::to_string(submitted.data().at("id").as_int64()) + "/accept",
      json::object{{"version", submitted.data().at("version")}});
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  std::string code(accepted.data().at("snapshot").at("code").as_string());

  auto xlsx = province.Get(Form("info_form", unit, "/export") + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200u);
  text = Cells(xlsx.body, &table);
  EXPECT_EQ(table.header.cells.at(0), "附件4");
  EXPECT_NE(text.find("验证码：" + code + "\n"), std::string::npos) << text;
  EXPECT_NE(text.find("/p/verify/" + code), std::string::npos) << text;
  EXPECT_NE(text.find("经四川省教育厅审核通过"), std::string::npos) << text;
  // The title is still the title, under the label.
  EXPECT_NE(text.find("2025年职业教育活动周信息采集表"), std::string::npos);
  // The PDF carries the same code (its text is compressed; the workbook
  // and PDF share one document, so checking the PDF's existence suffices).
  auto pdf = province.Get(Form("info_form", unit, "/export") + "&format=pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
}

TEST_F(ExportsTest, StatisticsWorkbookTakesItsFillerFromTheInfoForm) {
  Client school(server_.port());
  school.Login("school2");
  const std::string unit = "成都工业职业技术学院";
  SaveInfo(school, unit, "王老师", "13900002222");
  auto xlsx = school.Get(Form("statistics", unit, "/export") + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body.substr(0, 200);
  tables::Table table;
  std::string text = Cells(xlsx.body, &table);
  EXPECT_EQ(table.header.cells.at(0), "附件5");
  EXPECT_NE(text.find("填报单位（盖章）：" + unit +
                      "          填报人：王老师          联系电话："
                      "13900002222"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("职业教育处邮箱 scsjytzjc@163.com；"), std::string::npos) << text;
  // Not accepted: no verification code.
  EXPECT_EQ(text.find("验证码"), std::string::npos);
}

TEST_F(ExportsTest, RecordsWorkbookNamesItsUnitAndCountsOfficesInTheUnitsOwnRow) {
  Activity("教务处");        // an office of 四川科技职业学院: the school's own records
  Activity("智能制造学院");  // a college: a reporting child, its own row
  Client sctc(server_.port());
  sctc.Login("sctc");
  const std::string unit = "四川科技职业学院";
  SaveInfo(sctc, unit, "鄢涛", "13700003333");
  Id unit_id = UnitId(server_.db(), unit);

  auto st = sctc.Get(Base() + "/statistics?unit_id=" + std::to_string(unit_id));
  ASSERT_EQ(st.status, 200u) << st.body;
  std::vector<std::string> names;
  for (const auto& r : st.data().at("rows").as_array()) {
    names.emplace_back(r.at("unit_name").as_string());
    if (names.back() == unit + "（本单位）" || names.back() == "智能制造学院") {
      EXPECT_EQ(r.at("projects").as_int64(), 1) << names.back();
    }
  }
  EXPECT_NE(std::find(names.begin(), names.end(), unit + "（本单位）"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "智能制造学院"), names.end());
  for (const char* office : {"教务处", "学生处（团委）", "后勤处"}) {
    EXPECT_EQ(std::find(names.begin(), names.end(), office), names.end()) << office;
  }
  EXPECT_EQ(st.data().at("total").at("projects").as_int64(), 2);

  auto xlsx = sctc.Get(Base() + "/statistics/export?unit_id=" + std::to_string(unit_id));
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body.substr(0, 200);
  std::string text = Cells(xlsx.body);
  EXPECT_NE(text.find("填报单位（盖章）：" + unit +
                      "          填报人：鄢涛          联系电话："
                      "13700003333"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("\n教务处\n"), std::string::npos) << text;
  EXPECT_NE(text.find(unit + "（本单位）\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace vw::testing
