// Merged lists for a unit above others (merged_exports.cc): the contacts of
// every reporting unit's 信息采集表 in one workbook and the children's
// accepted forms as one zip, each only for a unit within the caller's grants.
#include <gtest/gtest.h>

#include <map>

#include "export/table_reader.h"
#include "org/scope.h"
#include "reporting/submissions.h"
#include "test_env.h"
#include "unzip.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class MergedExportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = anon_.Get("/api/public/campaigns/current");
    campaign_ = c.data().at("id").as_int64();
    school_.Login("school2");
    province_.Login("province");
  }
  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_) + "/submissions"; }
  std::string Contacts(const std::string& unit) {
    return Base() +
           "/info_form/contacts/export?unit_id=" + std::to_string(UnitId(server_.db(), unit));
  }
  std::string Bundle(Id unit) { return Base() + "/bundle?unit_id=" + std::to_string(unit); }
  std::string Form(const char* form, const char* action = "") {
    return Base() + "/" + form + action +
           "?unit_id=" + std::to_string(UnitId(server_.db(), kSchool));
  }
  void SaveAndAccept(const char* form, const json::object& data) {
    auto cur = school_.Get(Form(form));
    ASSERT_EQ(cur.status, 200u) << cur.body;
    auto saved = school_.Put(Form(form),
                             json::object{{"version", cur.data().at("version")}, {"data", data}});
    ASSERT_EQ(saved.status, 200u) << saved.body;
    auto sub =
        school_.Post(Form(form, "/submit"), json::object{{"version", saved.data().at("version")}});
    ASSERT_EQ(sub.status, 200u) << sub.body;
    auto ok = province_.Post(
        "/api/submissions/" + std::to_string(sub.data().at("id").as_int64()) + "/accept",
        json::object{{"version", sub.data().at("version")}});
    ASSERT_EQ(ok.status, 200u) << ok.body;
  }
  json::object Info() {
    return {{"contact_person", "李老师"},
            {"position", "教务处副处长"},
            {"mobile", "13800001111"},
            {"qq", "12345"},
            {"website", "https://www.example.edu.cn/zjz"},
            {"work_plan", "每天开放实训室"},
            {"featured", "开放日"}};
  }

  static constexpr const char* kSchool = "成都工业职业技术学院";
  TestServer server_;
  Client anon_{server_.port()};
  Client school_{server_.port()};
  Client province_{server_.port()};
  Id campaign_ = 0;
};

TEST_F(MergedExportsTest, ContactsListEveryReportingUnitUnderTheUnit) {
  auto cur = school_.Get(Form("info_form"));
  ASSERT_EQ(school_
                .Put(Form("info_form"),
                     json::object{{"version", cur.data().at("version")}, {"data", Info()}})
                .status,
            200u);
  auto xlsx = province_.Get(Contacts("四川省教育厅"));
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body.substr(0, 300);
  EXPECT_NE(xlsx.headers["content-disposition"].find(".xlsx"), std::string::npos);
  auto table = tables::ReadTable(xlsx.body, tables::FileType::kXlsx);
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->header.cells.at(0), "四川省教育厅2025年职业教育活动周信息采集表联系人汇总");
  std::map<std::string, std::vector<std::string>> rows;
  for (const auto& r : table->rows) {
    if (r.cells.size() >= 9 && r.cells[0] != "序号") rows[r.cells[1]] = r.cells;
  }
  ASSERT_TRUE(rows.count(kSchool)) << rows.size();
  const auto& school = rows[kSchool];
  EXPECT_EQ(school[3], "李老师");
  EXPECT_EQ(school[4], "教务处副处长");
  EXPECT_EQ(school[5], "13800001111");
  EXPECT_EQ(school[6], "12345");
  EXPECT_EQ(school[7], "https://www.example.edu.cn/zjz");
  EXPECT_EQ(school[8], "草稿");
  // A school and a bureau further down are listed, not filled in; offices
  // (which do not report) and the department itself are not.
  ASSERT_TRUE(rows.count("四川科技职业学院"));
  EXPECT_EQ(rows["四川科技职业学院"][8], "未填报");
  EXPECT_TRUE(rows.count("成都市教育局"));
  EXPECT_FALSE(rows.count("教务处"));
  EXPECT_FALSE(rows.count("四川省教育厅"));

  // A city bureau reads its own subtree only.
  Client chengdu(server_.port());
  chengdu.Login("chengdu");
  auto own = chengdu.Get(Contacts("成都市教育局"));
  ASSERT_EQ(own.status, 200u);
  auto own_table = tables::ReadTable(own.body, tables::FileType::kXlsx);
  ASSERT_TRUE(own_table.ok());
  for (const auto& r : own_table->rows) {
    if (r.cells.size() > 1) EXPECT_NE(r.cells[1], kSchool);
  }
}

TEST_F(MergedExportsTest, OtherUnitsAndForgedIdsAreRefused) {
  Client chengdu(server_.port());
  chengdu.Login("chengdu");
  Id edu = UnitId(server_.db(), "四川省教育厅");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  for (const std::string& path :
       {Contacts("四川省教育厅"), Contacts("四川科技职业学院"), Bundle(edu), Bundle(sctc)}) {
    EXPECT_EQ(chengdu.Get(path).status, 403u) << path;
    EXPECT_EQ(school_.Get(path).status, 403u) << path;
  }
  // A unit that does not exist is refused like another's; an id that
  // cannot be one is a bad input naming the field.
  EXPECT_EQ(province_.Get(Bundle(987654321)).status, 403u);
  EXPECT_EQ(province_.Get(Base() + "/info_form/contacts/export?unit_id=987654321").status, 403u);
  for (Id bad : {Id{0}, Id{-5}}) {
    EXPECT_EQ(province_.Get(Bundle(bad)).error_field(), "unit_id") << bad;
    EXPECT_EQ(province_.Get(Base() + "/info_form/contacts/export?unit_id=" + std::to_string(bad))
                  .error_field(),
              "unit_id")
        << bad;
  }
  EXPECT_EQ(province_.Get(Base() + "/bundle?unit_id=abc").status, 400u);
  EXPECT_EQ(province_.Get(Base() + "/bundle").error_field(), "unit_id");
  EXPECT_EQ(anon_.Get(Bundle(edu)).status, 401u);
  // An unknown campaign.
  EXPECT_EQ(province_.Get("/api/campaigns/987654/submissions/bundle?unit_id=" + std::to_string(edu))
                .status,
            404u);
}

TEST_F(MergedExportsTest, BundleHoldsTheChildrensAcceptedFormsWithAnIndex) {
  SaveAndAccept("info_form", Info());
  auto zip = province_.Get(Bundle(UnitId(server_.db(), "四川省教育厅")));
  ASSERT_EQ(zip.status, 200u) << zip.body.substr(0, 300);
  EXPECT_EQ(zip.headers["content-type"], "application/zip");
  auto unzipped = Unzip(zip.body);
  ASSERT_TRUE(unzipped) << "not a zip";
  auto& files = *unzipped;
  ASSERT_TRUE(files.count("目录.xlsx"));
  std::string folder = std::string(kSchool) + "/";
  std::string pdf = folder + kSchool + "2025年职业教育活动周信息采集表.pdf";
  std::string xlsx = folder + kSchool + "2025年职业教育活动周信息采集表.xlsx";
  ASSERT_TRUE(files.count(pdf)) << files.size();
  ASSERT_TRUE(files.count(xlsx));
  EXPECT_EQ(files[pdf].substr(0, 5), "%PDF-");
  auto sheet = tables::ReadTable(files[xlsx], tables::FileType::kXlsx);
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->header.cells.at(0), "附件4");
  // Only accepted forms are in it: two files for the one accepted form.
  EXPECT_EQ(files.size(), 3u);
  auto index = tables::ReadTable(files["目录.xlsx"], tables::FileType::kXlsx);
  ASSERT_TRUE(index.ok());
  bool listed = false;
  for (const auto& r : index->rows) {
    if (r.cells.size() >= 5 && r.cells[0] == kSchool && r.cells[1] == "信息采集表") {
      listed = true;
      EXPECT_EQ(r.cells[2], "已通过");
      EXPECT_EQ(r.cells[3].size(), 19u);  // the verification code
      EXPECT_NE(r.cells[4].find(pdf), std::string::npos);
    }
  }
  EXPECT_TRUE(listed);
}

TEST_F(MergedExportsTest, BundleBeyondItsLimitsIsRefusedNamingTheUnit) {
  SaveAndAccept("info_form", Info());
  org::Scope scope(server_.db());
  reporting::SubmissionService forms(server_.db(), scope);
  Principal admin;
  admin.is_sysadmin = true;
  Id edu = UnitId(server_.db(), "四川省教育厅");
  auto few = forms.ChildrenBundle(admin, campaign_, edu, "http://127.0.0.1", {.max_files = 1});
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(few.error().field, "unit_id");
  auto small = forms.ChildrenBundle(admin, campaign_, edu, "http://127.0.0.1",
                                    {.max_files = 10, .max_bytes = 1000});
  ASSERT_FALSE(small.ok());
  EXPECT_NE(small.error().message.find("超过"), std::string::npos);
  auto fits = forms.ChildrenBundle(admin, campaign_, edu, "http://127.0.0.1", {});
  ASSERT_TRUE(fits.ok()) << fits.error().message;
}

}  // namespace
}  // namespace vw::testing
