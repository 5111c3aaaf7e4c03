// Imports: all or nothing, every bad row reported with its number, scope kept.
#include <gtest/gtest.h>

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_env.h"

namespace vw::testing {
namespace {

int CountUnits(db::Database& db) {
  db::Session s(db);
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM units", soci::into(n);
  return n;
}

class ImportApiTest : public ::testing::Test {
 protected:
  HttpResult Upload(const std::string& path, const std::string& bytes,
                    const std::string& type = "text/csv") {
    return client_.Request("POST", path, bytes, {{"Content-Type", type}});
  }
  TestServer server_;
  Client client_{server_.port()};
};

const char* kHeader = "单位名称,单位类型,上级单位,行政区划代码,学校代码,在校生数,教职工数\n";

TEST_F(ImportApiTest, ValidFileCreatesUnitsReferringToEarlierRows) {
  client_.Login("province");
  std::string csv =
      std::string(kHeader) +
      "川西职业技术学院,高等职业学校（含职业本科）,四川省教育厅,510100,4151017777,8000,400\n"
      "川西职院机电学院,college,川西职业技术学院,510100,,1200,60\n"
      "\"川西职院信息学院\",二级学院,川西职业技术学院,510100,,900,45\n";
  int before = CountUnits(server_.db());
  auto dry = Upload("/api/imports/units?dry_run=1", csv);
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_TRUE(dry.data().at("valid").as_bool()) << dry.body;
  EXPECT_EQ(dry.data().at("created").as_int64(), 0);
  EXPECT_EQ(CountUnits(server_.db()), before);  // a dry run writes nothing

  auto real = Upload("/api/imports/units", csv);
  ASSERT_EQ(real.status, 200u) << real.body;
  EXPECT_EQ(real.data().at("created").as_int64(), 3);
  EXPECT_EQ(CountUnits(server_.db()), before + 3);
}

TEST_F(ImportApiTest, EveryBadRowIsListedAndNothingIsWritten) {
  client_.Login("province");
  std::string csv = std::string(kHeader) +
                    "甲职业学院,高等职业学校（含职业本科）,四川省教育厅,510100,,100,10\n"
                    "乙职业学院,高等职业学校（含职业本科）,不存在的单位,510100,,100,10\n"
                    "丙职业学院,高等职业学校（含职业本科）,四川省教育厅,510100,,很多,10\n"
                    "丁职业学院,高等职业学校（含职业本科）,四川省教育厅,510100,12345,100,10\n"
                    "甲职业学院,高等职业学校（含职业本科）,四川省教育厅,510100,,100,10\n";
  int before = CountUnits(server_.db());
  auto r = Upload("/api/imports/units", csv);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.data().at("valid").as_bool());
  const auto& errors = r.data().at("errors").as_array();
  ASSERT_EQ(errors.size(), 4u) << r.body;
  EXPECT_EQ(errors[0].at("row").as_int64(), 3);
  EXPECT_EQ(errors[0].at("field"), "上级单位");
  EXPECT_EQ(errors[1].at("row").as_int64(), 4);
  EXPECT_EQ(errors[1].at("field"), "在校生数");
  EXPECT_EQ(errors[2].at("row").as_int64(), 5);
  EXPECT_EQ(errors[2].at("field"), "学校代码");
  EXPECT_EQ(errors[3].at("row").as_int64(), 6);
  EXPECT_EQ(r.data().at("created").as_int64(), 0);
  EXPECT_EQ(CountUnits(server_.db()), before);
}

TEST_F(ImportApiTest, RowsUnderAnotherSchoolAreRefused) {
  client_.Login("school2");
  std::string csv = std::string(kHeader) + "伪造学院,二级学院,四川科技职业学院,510100,,10,1\n";
  auto r = Upload("/api/imports/units", csv);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.data().at("valid").as_bool());
  EXPECT_EQ(r.data().at("errors").as_array()[0].at("row").as_int64(), 2);
}

TEST_F(ImportApiTest, UnknownColumnIsReportedOnTheHeader) {
  client_.Login("province");
  auto r = Upload("/api/imports/units", "单位名称,单位类型,颜色\n甲,college,红\n");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.data().at("errors").as_array()[0].at("row").as_int64(), 1);
}

TEST_F(ImportApiTest, UsersWithRolesOnTheirUnit) {
  client_.Login("sctc");
  std::string csv =
      "用户名,姓名,所属单位,初始密码,角色,手机号\n"
      "zn-sec,智能制造秘书二,智能制造学院,Init2025x,活动组织者、宣传专员,13800000001\n"
      "xx-sec,信息秘书,信息工程学院,Init2025x,viewer,\n";
  auto r = Upload("/api/imports/users", csv);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(r.data().at("valid").as_bool()) << r.body;
  EXPECT_EQ(r.data().at("created").as_int64(), 2);
  Client fresh(server_.port());
  auto login = fresh.Post("/api/auth/login", {{"username", "zn-sec"}, {"password", "Init2025x"}});
  ASSERT_EQ(login.status, 200u);
  EXPECT_EQ(login.data().at("grants").as_array().size(), 2u);
}

TEST_F(ImportApiTest, BadUserRowsAreNamed) {
  client_.Login("sctc");
  std::string csv =
      "用户名,姓名,所属单位,初始密码,角色\n"
      "ok-user,好,智能制造学院,Init2025x,查看者\n"
      "bad-role,坏,智能制造学院,Init2025x,校长\n"
      "outside,外,成都工业职业技术学院,Init2025x,查看者\n"
      "weak,弱,智能制造学院,123,查看者\n";
  auto r = Upload("/api/imports/users", csv);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& errors = r.data().at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u) << r.body;
  EXPECT_EQ(errors[0].at("field"), "角色");
  EXPECT_EQ(errors[1].at("row").as_int64(), 4);
  EXPECT_EQ(errors[2].at("field"), "初始密码");
  Client fresh(server_.port());
  auto login = fresh.Post("/api/auth/login", {{"username", "ok-user"}, {"password", "Init2025x"}});
  EXPECT_EQ(login.status, 401u);  // nothing was written
}

TEST_F(ImportApiTest, XlsxFileImports) {
  auto path =
      std::filesystem::temp_directory_path() / ("units-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "单位");
  const char* header[] = {"单位名称", "单位类型", "上级单位", "在校生数"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_write_string(ws, 1, 0, "表格学院", nullptr);
  worksheet_write_string(ws, 1, 1, "二级学院", nullptr);
  worksheet_write_string(ws, 1, 2, "四川科技职业学院", nullptr);
  worksheet_write_number(ws, 1, 3, 1500, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);

  client_.Login("sctc");
  auto r = Upload("/api/imports/units", bytes.str(),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.data().at("created").as_int64(), 1) << r.body;
  Id id = UnitId(server_.db(), "表格学院");
  auto unit = client_.Get("/api/units/" + std::to_string(id));
  EXPECT_EQ(unit.data().at("enrolled_students").as_int64(), 1500);
}

TEST_F(ImportApiTest, NotASpreadsheetIs415) {
  client_.Login("province");
  auto r = Upload("/api/imports/units", std::string("\x89PNG\r\n\x1a\n\0\0", 10), "image/png");
  EXPECT_EQ(r.status, 415u);
}

}  // namespace
}  // namespace vw::testing
