// A school imports its programme from a spreadsheet: the template, dry run,
// row errors in Chinese, all or nothing, scope per row.
#include <gtest/gtest.h>

#include "export/document.h"
#include "export/table_reader.h"
#include "export/xlsx.h"
#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class ActivityImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClearActivities(server_.db());
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    office_.Login("sctc");
    college_id_ = UnitId(server_.db(), "智能制造学院");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }
  HttpResult Upload(Client& c, const std::string& csv, bool dry_run, std::optional<Id> unit = {}) {
    std::string target = Base() + "/activities/import?dry_run=" + (dry_run ? "1" : "0");
    if (unit) target += "&unit_id=" + std::to_string(*unit);
    return c.Request("POST", target, csv, {{"Content-Type", "text/csv"}});
  }
  std::int64_t Count(Client& c) {
    return c.Get(Base() + "/activities").data().at("total").as_int64();
  }

  TestServer server_;
  Client anon_{server_.port()};
  Client office_{server_.port()};
  Id campaign_ = 0, college_id_ = 0;
};

const char* kHeader =
    "活动名称*,主办单位,开始时间*,结束时间*,主题日,活动形式*,活动地点,线上链接,活动类别,活动标签,"
    "面向对象,人数上限,面向公众开放,需要报名\n";

TEST_F(ActivityImportTest, TemplateRoundTripsAsAValidDryRun) {
  auto t = office_.Get(Base() + "/activities/import-template");
  ASSERT_EQ(t.status, 200u) << t.body;
  EXPECT_EQ(t.body.substr(0, 2), "PK");
  auto table = tables::ReadTable(t.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->header.cells.front(), "活动名称*");
  // The template with its example row imports as it is.
  auto r = office_.Request(
      "POST", Base() + "/activities/import?dry_run=1&unit_id=" + std::to_string(college_id_),
      t.body,
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(r.data().at("valid").as_bool()) << r.body;
  EXPECT_EQ(r.data().at("created").as_int64(), 0);
  EXPECT_EQ(Count(office_), 0);
}

TEST_F(ActivityImportTest, ExcelDateCellsAreReadAsLocalTimes) {
  doc::TableDocument d;
  d.sheet_name = "活动安排";
  doc::Row head;
  for (const char* h : {"活动名称", "主办单位", "开始时间", "结束时间", "活动形式"}) {
    head.cells.push_back({h});
  }
  d.header = {head};
  doc::Cell starts, ends;
  starts.number = 45789.0 + 9.5 / 24;  // 2025-05-12 09:30
  ends.number = 45789.0 + 11.5 / 24;
  d.body = {doc::Row{{{"开放日"}, {"智能制造学院"}, starts, ends, {"校内"}}}};
  auto bytes = xlsx::RenderTable(d);
  ASSERT_TRUE(bytes);
  auto r = office_.Request(
      "POST", Base() + "/activities/import?dry_run=0", *bytes,
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  ASSERT_TRUE(r.data().at("valid").as_bool()) << r.body;
  auto list = office_.Get(Base() + "/activities");
  EXPECT_EQ(list.data().at("items").as_array()[0].at("starts_at"), "2025-05-12T09:30:00+08:00");
  EXPECT_EQ(list.data().at("items").as_array()[0].at("ends_at"), "2025-05-12T11:30:00+08:00");
}

TEST_F(ActivityImportTest, ValidFileCreatesDraftsOnlyWhenNotADryRun) {
  std::string csv =
      std::string(kHeader) +
      "智能制造实训中心开放日,智能制造学院,2025-05-12 09:30,2025/5/12 11:30,,校内,东区实训楼,"
      ",校园开放活动,开放校园、开放赛场,中小学生 家长,60,是,是\n"
      "云上逛校园直播,信息工程学院,2025-05-15 19:00,2025-05-15 20:00,职教志愿服务日,线上,,"
      "https://live.example.edu.cn/1,线上逛校园,,社会公众,0,是,否\n";
  auto dry = Upload(office_, csv, true);
  ASSERT_EQ(dry.status, 200u) << dry.body;
  // The second row's theme day does not match its date (05-15 is 技能人才风采日).
  ASSERT_EQ(dry.data().at("errors").as_array().size(), 1u) << dry.body;
  auto e = dry.data().at("errors").as_array()[0];
  EXPECT_EQ(e.at("row").as_int64(), 3);
  EXPECT_EQ(e.at("field"), "主题日");
  EXPECT_EQ(Count(office_), 0);

  auto fixed = csv;
  fixed.replace(fixed.find("职教志愿服务日"), std::string("职教志愿服务日").size(),
                "技能人才风采日");
  auto real = Upload(office_, fixed, false);
  ASSERT_TRUE(real.data().at("valid").as_bool()) << real.body;
  EXPECT_EQ(real.data().at("created").as_int64(), 2);
  auto list = office_.Get(Base() + "/activities");
  ASSERT_EQ(list.data().at("total").as_int64(), 2);
  auto first = list.data().at("items").as_array()[0];
  EXPECT_EQ(first.at("status"), "draft");
  EXPECT_EQ(first.at("starts_at"), "2025-05-12T09:30:00+08:00");
  EXPECT_EQ(first.at("tag_ids").as_array().size(), 2u);
  EXPECT_EQ(first.at("audiences").as_array().size(), 2u);
  EXPECT_FALSE(first.at("theme_day_id").is_null());  // from the date
}

TEST_F(ActivityImportTest, BadRowsAreNamedAndNothingIsWritten) {
  std::string csv =
      std::string(kHeader) +
      "好活动,智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,校内,,,,,,,,\n"            // 2 ok
      ",智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,校内,,,,,,,,\n"                  // 3 title
      "时间反了,智能制造学院,2025-05-12 11:30,2025-05-12 09:30,,校内,,,,,,,,\n"          // 4
      "时间乱写,智能制造学院,下周二上午,2025-05-12 09:30,,校内,,,,,,,,\n"                // 5
      "形式错,智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,户外,,,,,,,,\n"            // 6
      "校外无地址,智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,校外,,,,,,,,\n"        // 7
      "别的学校,成都工业职业技术学院,2025-05-12 09:30,2025-05-12 11:30,,校内,,,,,,,,\n"  // 8
      "周外,智能制造学院,2025-06-12 09:30,2025-06-12 11:30,,校内,,,,,,,,\n"              // 9
      "名额,智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,校内,,,,,,-5,,\n"            // 10
      "是否,智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,校内,,,,,,,也许,\n"          // 11
      "对象,智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,校内,,,,,外星人,,,\n";       // 12
  auto r = Upload(office_, csv, false);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.data().at("valid").as_bool());
  std::map<std::int64_t, std::string> field_of;
  for (const auto& e : r.data().at("errors").as_array()) {
    field_of[e.at("row").as_int64()] = std::string(e.at("field").as_string());
    EXPECT_FALSE(e.at("message").as_string().empty());
  }
  EXPECT_EQ(field_of.count(2), 0u);
  EXPECT_EQ(field_of[3], "活动名称");
  EXPECT_EQ(field_of[4], "结束时间");
  EXPECT_EQ(field_of[5], "开始时间");
  EXPECT_EQ(field_of[6], "活动形式");
  EXPECT_EQ(field_of[7], "活动地点");
  EXPECT_EQ(field_of[8], "主办单位");
  EXPECT_EQ(field_of[9], "开始时间");
  EXPECT_EQ(field_of[10], "人数上限");
  EXPECT_EQ(field_of[11], "面向公众开放");
  EXPECT_EQ(field_of[12], "面向对象");
  EXPECT_EQ(Count(office_), 0);
}

TEST_F(ActivityImportTest, CollegeImportsForItselfOnlyAndOthersAreRefused) {
  Client college(server_.port());
  college.Login("sctc-college");
  std::string row = "开放日,,2025-05-12 09:30,2025-05-12 11:30,,校内,,,,,,,,\n";
  // No 主办单位 and no default: the row says so.
  auto none = Upload(college, std::string(kHeader) + row, true);
  EXPECT_EQ(none.data().at("errors").as_array()[0].at("field"), "主办单位");
  auto own = Upload(college, std::string(kHeader) + row, false, college_id_);
  EXPECT_TRUE(own.data().at("valid").as_bool()) << own.body;
  // A sister college by name, or by a forged default id: refused per row.
  auto sister = Upload(college,
                       std::string(kHeader) +
                           "开放日,信息工程学院,2025-05-12 09:30,2025-05-12 "
                           "11:30,,校内,,,,,,,,\n",
                       false);
  EXPECT_EQ(sister.data().at("errors").as_array()[0].at("field"), "主办单位");
  auto forged = Upload(college, std::string(kHeader) + row, false,
                       UnitId(server_.db(), "成都工业职业技术学院"));
  EXPECT_FALSE(forged.data().at("valid").as_bool());
  // A city bureau reads its schools' programmes but cannot import into them.
  Client city(server_.port());
  city.Login("chengdu");
  auto by_city = Upload(city, std::string(kHeader) + row, false, college_id_);
  ASSERT_EQ(by_city.status, 200u);
  EXPECT_EQ(by_city.data().at("errors").as_array()[0].at("field"), "主办单位");
  // Without a session, nothing.
  Client anonymous(server_.port());
  EXPECT_EQ(Upload(anonymous, std::string(kHeader) + row, true, college_id_).status, 401u);
  EXPECT_EQ(Count(office_), 1);
}

// Errors point at the row Excel shows at its left: the header is row 1, the
// first data row row 2, whatever the file holds between them.
TEST_F(ActivityImportTest, ErrorRowsAreTheRowsExcelShows) {
  doc::TableDocument d;
  d.sheet_name = "活动安排";
  doc::Row head;
  for (const char* h : {"活动名称", "主办单位", "开始时间", "结束时间", "活动形式"}) {
    head.cells.push_back({h});
  }
  d.header = {head};
  d.body = {
      doc::Row{{{""}, {"智能制造学院"}, {"2025-05-12 09:30"}, {"2025-05-12 11:30"}, {"校内"}}},
      doc::Row{
          {{"开放日"}, {"智能制造学院"}, {"2025-05-12 09:30"}, {"2025-05-12 11:30"}, {"校内"}}},
      doc::Row{
          {{"开放日二"}, {"智能制造学院"}, {"2025-05-12 09:30"}, {"2025-05-12 11:30"}, {"户外"}}}};
  auto bytes = xlsx::RenderTable(d);
  ASSERT_TRUE(bytes);
  auto x = office_.Request(
      "POST", Base() + "/activities/import?dry_run=1", *bytes,
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  ASSERT_EQ(x.status, 200u) << x.body;
  const auto& xe = x.data().at("errors").as_array();
  ASSERT_EQ(xe.size(), 2u) << x.body;
  EXPECT_EQ(xe[0].at("row").as_int64(), 2);
  EXPECT_EQ(xe[0].at("field"), "活动名称");
  EXPECT_EQ(xe[1].at("row").as_int64(), 4);
  EXPECT_EQ(xe[1].at("field"), "活动形式");

  // CSV saved by Excel on Windows: CRLF, a blank line (still a row in Excel)
  // and a description over two lines in one cell (one row).
  std::string csv =
      std::string(kHeader) +
      "\"多行\r\n简介\",智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,校内,,,,,,,,\r\n"
      "\r\n"
      "形式错,智能制造学院,2025-05-12 09:30,2025-05-12 11:30,,户外,,,,,,,,\r\n";
  auto c = Upload(office_, csv, true);
  ASSERT_EQ(c.status, 200u) << c.body;
  // A line break in a title is refused too, on row 2.
  std::map<std::int64_t, std::string> field_of;
  for (const auto& e : c.data().at("errors").as_array()) {
    field_of[e.at("row").as_int64()] = std::string(e.at("field").as_string());
  }
  EXPECT_EQ(field_of[4], "活动形式") << c.body;
  EXPECT_EQ(field_of.count(3), 0u);
  EXPECT_EQ(field_of.count(5), 0u);
}

}  // namespace
}  // namespace vw::testing
