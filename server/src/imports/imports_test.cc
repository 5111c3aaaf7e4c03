// Imports: all or nothing, every bad row reported with its number, scope kept.
#include "imports/imports.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "export/document.h"
#include "export/xlsx.h"
#include "org/scope.h"
#include "test_env.h"

namespace vw::imports {
namespace {

using ::vw::testing::Client;
using ::vw::testing::FreshDatabase;
using ::vw::testing::HttpResult;
using ::vw::testing::TestServer;
using ::vw::testing::UnitId;

int CountUnits(db::Database& db) {
  db::Session s(db);
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM units", soci::into(n);
  return n;
}

int CountUsers(db::Database& db) {
  db::Session s(db);
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM users", soci::into(n);
  return n;
}

tables::Table Csv(const std::string& text) {
  auto t = tables::ReadTable(text, tables::FileType::kCsv);
  EXPECT_TRUE(t.ok()) << t.error().message;
  return t.ok() ? *t : tables::Table{};
}

std::string Describe(const ImportReport& r) { return boost::json::serialize(ToJson(r)); }

// A fresh database with a province, two schools that both have a 教务处,
// and an administrator for each.
class ImportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    province_ = AddUnit(std::nullopt, "province_edu", "四川省教育厅", "510000", "");
    school_a_ = AddUnit(province_, "higher_school", "甲职业技术学院", "510100", "4151019001");
    school_b_ = AddUnit(province_, "higher_school", "乙职业技术学院", "510100", "4151019002");
    office_a_ = AddUnit(school_a_, "office", "教务处", "", "");
    office_b_ = AddUnit(school_b_, "office", "教务处", "", "");
    province_admin_ = Admin("province-admin", province_);
    school_a_admin_ = Admin("a-admin", school_a_);
  }

  Id AddUnit(std::optional<Id> parent, const std::string& kind, const std::string& name,
             const std::string& region, const std::string& moe) {
    org::UnitInput in;
    in.parent_id = parent;
    in.kind = kind;
    in.name = name;
    in.region_code = region;
    in.moe_code = moe;
    auto unit = units_.Create(Principal::System(), in);
    EXPECT_TRUE(unit.ok()) << unit.error().message;
    return unit.ok() ? unit->id : 0;
  }

  // A unit administrator of `unit`, as the auth middleware would build them.
  Principal Admin(const std::string& username, Id unit) {
    auth::UserInput in;
    in.username = username;
    in.display_name = username;
    in.unit_id = unit;
    in.password = "Admin2025x";
    in.grants = {{unit, Role::kUnitAdmin}};
    auto user = users_.Create(Principal::System(), in);
    EXPECT_TRUE(user.ok()) << user.error().message;
    Principal p;
    p.user_id = user.ok() ? user->id : 0;
    p.username = username;
    p.home_unit_id = unit;
    p.grants = in.grants;
    return p;
  }

  std::optional<Id> ParentOf(const std::string& name) {
    db::Session s(*db_);
    std::optional<Id> parent;
    s.sql() << "SELECT parent_id FROM units WHERE name = :n", soci::use(name), soci::into(parent);
    return parent;
  }

  std::unique_ptr<db::Database> db_ = FreshDatabase();
  org::Scope scope_{*db_};
  org::UnitService units_{*db_, scope_};
  auth::UserService users_{*db_, scope_};
  activity::ActivityService activities_{*db_, scope_};
  ImportService imports_{*db_, units_, users_, activities_};
  Id province_ = 0, school_a_ = 0, school_b_ = 0, office_a_ = 0, office_b_ = 0;
  Principal province_admin_, school_a_admin_;
};

const char* kUnitHeader = "单位名称,单位类型,上级单位,行政区划代码,学校代码,在校生数,教职工数\n";

TEST_F(ImportServiceTest, ValidFileCreatesASchoolAndCollegesReferringToIt) {
  auto table =
      Csv(std::string(kUnitHeader) +
          "川西职业技术学院,高等职业学校(含职业本科),四川省教育厅,510100,4151017777,8000,400\n"
          "川西职院机电学院,college,川西职业技术学院,510100,,1200,60\n"
          "\"川西职院信息学院\",二级学院,川西职业技术学院,510100,,\"1,900\",45\n");
  int before = CountUnits(*db_);
  auto r = imports_.ImportUnits(province_admin_, table, /*dry_run=*/false);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->valid) << Describe(*r);
  EXPECT_EQ(r->rows, 3);
  EXPECT_EQ(r->created, 3);
  EXPECT_EQ(CountUnits(*db_), before + 3);
  Id school = UnitId(*db_, "川西职业技术学院");
  EXPECT_EQ(ParentOf("川西职业技术学院"), province_);
  EXPECT_EQ(ParentOf("川西职院机电学院"), school);
  EXPECT_EQ(ParentOf("川西职院信息学院"), school);
  auto college = units_.Get(Principal::System(), UnitId(*db_, "川西职院信息学院"));
  ASSERT_TRUE(college.ok());
  EXPECT_EQ(college->enrolled_students, 1900);
}

TEST_F(ImportServiceTest, BadRowsAreReportedByRowNumberAndNothingIsWritten) {
  auto table = Csv(std::string(kUnitHeader) +
                   "丙职业技术学院,higher_school,四川省教育厅,510100,,100,10\n"
                   "丁职业技术学院,higher_school,不存在的单位,510100,,100,10\n"
                   "丙职院机电学院,college,丙职业技术学院,510100,,100,10\n"
                   "戊职业技术学院,higher_school,四川省教育厅,510100,12345,100,10\n");
  int before = CountUnits(*db_);
  auto r = imports_.ImportUnits(province_admin_, table, /*dry_run=*/false);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->valid);
  EXPECT_EQ(r->created, 0);
  ASSERT_EQ(r->errors.size(), 2u) << Describe(*r);
  EXPECT_EQ(r->errors[0].row, 3);
  EXPECT_EQ(r->errors[0].field, "上级单位");
  EXPECT_EQ(r->errors[0].message, "上级单位“不存在的单位”不存在");
  EXPECT_EQ(r->errors[1].row, 5);
  EXPECT_EQ(r->errors[1].field, "学校代码");
  EXPECT_EQ(r->errors[1].message, "学校标识码应为10位数字");
  EXPECT_EQ(CountUnits(*db_), before);  // rows 2 and 4 were rolled back too
}

TEST_F(ImportServiceTest, DryRunValidatesWithoutWriting) {
  auto table = Csv(std::string(kUnitHeader) + "甲职院机电学院,二级学院,甲职业技术学院,,,300,20\n" +
                   "甲职院机电学院实训中心,职能部门,甲职业技术学院,,,0,5\n");
  int before = CountUnits(*db_);
  auto dry = imports_.ImportUnits(school_a_admin_, table, /*dry_run=*/true);
  ASSERT_TRUE(dry.ok());
  EXPECT_TRUE(dry->valid) << Describe(*dry);
  EXPECT_EQ(dry->rows, 2);
  EXPECT_EQ(dry->created, 0);
  EXPECT_EQ(CountUnits(*db_), before);

  auto real = imports_.ImportUnits(school_a_admin_, table, /*dry_run=*/false);
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(real->created, 2) << Describe(*real);
  EXPECT_EQ(CountUnits(*db_), before + 2);
}

TEST_F(ImportServiceTest, RowsUnderAnotherSchoolAreForbidden) {
  auto table =
      Csv(std::string(kUnitHeader) + "甲职院新学院,二级学院,甲职业技术学院,,,1,1\n" +
          "伪造学院,二级学院,乙职业技术学院,,,1,1\n" + "新学校,higher_school,四川省教育厅,,,1,1\n");
  int before = CountUnits(*db_);
  auto r = imports_.ImportUnits(school_a_admin_, table, /*dry_run=*/false);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->valid);
  ASSERT_EQ(r->errors.size(), 2u) << Describe(*r);
  EXPECT_EQ(r->errors[0].row, 3);
  EXPECT_EQ(r->errors[0].field, "上级单位");
  EXPECT_NE(r->errors[0].message.find("乙职业技术学院"), std::string::npos);
  EXPECT_EQ(r->errors[1].row, 4);
  EXPECT_EQ(CountUnits(*db_), before);
}

TEST_F(ImportServiceTest, DuplicatesAndChildrenAboveTheirParentAreExplained) {
  auto table = Csv(std::string(kUnitHeader) + "甲职院机电学院,二级学院,甲职业技术学院,,,1,1\n" +
                   "甲职院机电学院,二级学院,甲职业技术学院,,,1,1\n" +  // row 3: duplicate
                   "己职院机电学院,二级学院,己职业技术学院,,,1,1\n" +  // row 4: parent below
                   "己职业技术学院,higher_school,四川省教育厅,,,1,1\n" +
                   "教务处,职能部门,甲职业技术学院,,,0,3\n");  // row 6: exists already
  auto r = imports_.ImportUnits(province_admin_, table, /*dry_run=*/false);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->errors.size(), 3u) << Describe(*r);
  EXPECT_EQ(r->errors[0].row, 3);
  EXPECT_EQ(r->errors[0].field, "单位名称");
  EXPECT_NE(r->errors[0].message.find("第 2 行"), std::string::npos) << r->errors[0].message;
  EXPECT_EQ(r->errors[1].row, 4);
  EXPECT_EQ(r->errors[1].field, "上级单位");
  EXPECT_NE(r->errors[1].message.find("第 5 行"), std::string::npos) << r->errors[1].message;
  EXPECT_EQ(r->errors[2].row, 6);
  EXPECT_EQ(r->errors[2].field, "单位名称");
}

TEST_F(ImportServiceTest, HeaderProblemsAreReportedOnTheHeaderRow) {
  auto r = imports_.ImportUnits(province_admin_, Csv("单位名称*,颜色\n甲,红\n"), false);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->valid);
  ASSERT_EQ(r->errors.size(), 2u) << Describe(*r);
  EXPECT_EQ(r->errors[0].row, 1);
  EXPECT_EQ(r->errors[0].field, "颜色");
  EXPECT_EQ(r->errors[1].row, 1);
  EXPECT_EQ(r->errors[1].message, "缺少必填列“单位类型”");

  auto only_header = imports_.ImportUnits(province_admin_, Csv("单位名称,单位类型\n"), false);
  ASSERT_FALSE(only_header.ok());
  EXPECT_EQ(only_header.error().field, "file");
}

TEST_F(ImportServiceTest, CallersWithoutUnitAdminGrantsAreRefused) {
  Principal viewer = school_a_admin_;
  viewer.grants = {{school_a_, Role::kViewer}};
  auto r = imports_.ImportUnits(
      viewer, Csv(std::string(kUnitHeader) + "甲,college,甲职业技术学院\n"), false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
}

TEST_F(ImportServiceTest, UsersGetTheirRolesOnTheirOwnUnit) {
  // "教务处" exists in both schools: the one the caller administers is meant.
  auto table =
      Csv("用户名,姓名,所属单位,角色,初始密码,手机号\n"
          "jwc-clerk,教务员,教务处,\"活动组织者、宣传专员,organiser\",Init2025x,13800000001\n"
          "jwc-viewer,查看员,甲职业技术学院,viewer,Init2025x,\n");
  int before = CountUsers(*db_);
  auto r = imports_.ImportUsers(school_a_admin_, table, /*dry_run=*/false);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->valid) << Describe(*r);
  EXPECT_EQ(r->created, 2);
  EXPECT_EQ(CountUsers(*db_), before + 2);

  db::Session s(*db_);
  Id user_id = 0;
  s.sql() << "SELECT id FROM users WHERE username = 'jwc-clerk'", soci::into(user_id);
  auto user = auth::UserService::Load(s, user_id);
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->unit_id, office_a_);
  EXPECT_TRUE(user->must_change_password);
  ASSERT_EQ(user->grants.size(), 2u);
  for (const auto& g : user->grants) EXPECT_EQ(g.unit_id, office_a_);
}

TEST_F(ImportServiceTest, BadUserRowsAreNamedAndNothingIsWritten) {
  auto table =
      Csv("用户名,姓名,所属单位,初始密码,角色,手机号\n"
          "ok-user,好,甲职业技术学院,Init2025x,查看者,\n"         // 2: fine
          "bad-role,坏,甲职业技术学院,Init2025x,校长,\n"          // 3
          "outside,外,乙职业技术学院/教务处,Init2025x,查看者,\n"  // 4
          "weak,弱,甲职业技术学院,123,查看者,\n"                  // 5
          "ok-user,重,甲职业技术学院,Init2025x,查看者,\n"         // 6
          "a-admin,已有,甲职业技术学院,Init2025x,查看者,\n"       // 7
          "sci,科,甲职业技术学院,Init2025x,查看者,1.38E+10\n"     // 8
          "nowhere,无,不存在学院,Init2025x,查看者,\n");           // 9
  int before = CountUsers(*db_);
  auto r = imports_.ImportUsers(school_a_admin_, table, /*dry_run=*/false);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->valid);
  EXPECT_EQ(r->created, 0);
  ASSERT_EQ(r->errors.size(), 7u) << Describe(*r);
  std::vector<std::pair<int, std::string>> got;
  for (const auto& e : r->errors) got.emplace_back(e.row, e.field);
  EXPECT_EQ(got, (std::vector<std::pair<int, std::string>>{{3, "角色"},
                                                           {4, "所属单位"},
                                                           {5, "初始密码"},
                                                           {6, "用户名"},
                                                           {7, "用户名"},
                                                           {8, "手机号"},
                                                           {9, "所属单位"}}));
  EXPECT_NE(r->errors[3].message.find("第 2 行"), std::string::npos);
  EXPECT_EQ(CountUsers(*db_), before);
}

// Issue 12: every password was hashed (Argon2id, ~110 ms and 64 MiB each)
// before any row was checked, so a file from a unit that may not import
// there kept the server busy for rows × 110 ms.
TEST_F(ImportServiceTest, NoPasswordIsHashedUntilEveryRowHasPassed) {
  int hashed = 0;
  imports_.SetPasswordHasherForTesting([&hashed](std::string_view password) {
    ++hashed;
    return auth::HashPassword(password);
  });
  int before = CountUsers(*db_);
  std::string elsewhere = "用户名,姓名,所属单位,初始密码\n";
  for (int i = 0; i < 150; ++i) {
    elsewhere += "user-b" + std::to_string(i) + ",乙校用户,乙职业技术学院,Init2025x\n";
  }
  auto refused = imports_.ImportUsers(school_a_admin_, Csv(elsewhere), /*dry_run=*/false);
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_FALSE(refused->valid);
  ASSERT_EQ(refused->errors.size(), 150u);
  EXPECT_EQ(refused->errors[0].field, "所属单位");
  EXPECT_EQ(hashed, 0);

  // One bad row (a duplicate username) among good ones: nothing hashed either.
  std::string one_bad =
      "用户名,姓名,所属单位,初始密码\n"
      "user-a1,甲一,甲职业技术学院,Init2025x\n"
      "user-a2,甲二,甲职业技术学院/教务处,Init2025x\n"
      "user-a1,甲三,甲职业技术学院,Init2025x\n";
  auto duplicate = imports_.ImportUsers(school_a_admin_, Csv(one_bad), /*dry_run=*/false);
  ASSERT_TRUE(duplicate.ok());
  ASSERT_EQ(duplicate->errors.size(), 1u) << Describe(*duplicate);
  EXPECT_EQ(duplicate->errors[0].row, 4);
  EXPECT_EQ(hashed, 0);
  EXPECT_EQ(CountUsers(*db_), before);

  // A dry run hashes nothing; the import hashes each password once.
  std::string good = one_bad.substr(0, one_bad.rfind("user-a1,"));
  EXPECT_TRUE(imports_.ImportUsers(school_a_admin_, Csv(good), /*dry_run=*/true)->valid);
  EXPECT_EQ(hashed, 0);
  auto done = imports_.ImportUsers(school_a_admin_, Csv(good), /*dry_run=*/false);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->valid) << Describe(*done);
  EXPECT_EQ(done->created, 2);
  EXPECT_EQ(hashed, 2);
  EXPECT_EQ(CountUsers(*db_), before + 2);
}

TEST_F(ImportServiceTest, FilesOverTheRowCapAreRefusedNamingIt) {
  std::string csv = "用户名,姓名,所属单位,初始密码\n";
  for (std::size_t i = 0; i <= kMaxUserRows; ++i) {
    csv += "u" + std::to_string(i) + ",用户,甲职业技术学院,Init2025x\n";
  }
  // The reader stops at the first row beyond the cap...
  auto read = tables::ReadTable(csv, tables::FileType::kCsv, ImportLimits(kMaxUserRows));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "数据行数超过上限 1000 行（第 1002 行），请分批导入");
  // ...and the service refuses a larger table, whoever read it.
  auto r = imports_.ImportUsers(province_admin_, Csv(csv), /*dry_run=*/true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "file");
  EXPECT_EQ(r.error().message, "一次最多导入 1000 个用户，文件中有 1001 行数据，请分批导入");
  std::string units = kUnitHeader;
  for (std::size_t i = 0; i <= kMaxUnitRows; ++i) {
    units += "学院" + std::to_string(i) + ",二级学院,甲职业技术学院,,,,\n";
  }
  auto u = imports_.ImportUnits(province_admin_, Csv(units), /*dry_run=*/true);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().message, "一次最多导入 2000 个单位，文件中有 2001 行数据，请分批导入");
}

// Issue 12: a 9 MB cell came back whole inside the error message.
TEST_F(ImportServiceTest, MessagesQuoteOnlyAShortPrefixOfTheFile) {
  std::string long_title(30000, 'x');
  std::string long_kind = std::string(100, 'k');
  auto r = imports_.ImportUnits(province_admin_,
                                Csv("单位名称,单位类型," + long_title + "\n某学院,二级学院,\n"),
                                /*dry_run=*/true);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].message,
            "无法识别的列“" + std::string(20, 'x') + "…”，请使用导入模板中的列名");
  EXPECT_EQ(r->errors[0].field, std::string(20, 'x') + "…");
  auto kind = imports_.ImportUnits(
      province_admin_, Csv(std::string(kUnitHeader) + "某学院," + long_kind + ",甲职业技术学院\n"),
      /*dry_run=*/true);
  ASSERT_TRUE(kind.ok());
  ASSERT_EQ(kind->errors.size(), 1u);
  EXPECT_EQ(kind->errors[0].message.rfind("单位类型“" + std::string(20, 'k') + "…”不存在", 0), 0u)
      << kind->errors[0].message;
  auto parent = imports_.ImportUnits(
      province_admin_, Csv(std::string(kUnitHeader) + "某学院,二级学院," + long_title + "\n"),
      /*dry_run=*/true);
  ASSERT_TRUE(parent.ok());
  EXPECT_EQ(parent->errors.at(0).message, "上级单位“" + std::string(20, 'x') + "…”不存在");
  auto role = imports_.ImportUsers(
      school_a_admin_,
      Csv("用户名,姓名,所属单位,初始密码,角色\nzhang,张,甲职业技术学院,Init2025x," + long_title +
          "\n"),
      /*dry_run=*/true);
  ASSERT_TRUE(role.ok());
  EXPECT_EQ(role->errors.at(0).message.rfind("角色“" + std::string(20, 'x') + "…”不存在", 0), 0u);
}

TEST_F(ImportServiceTest, AmbiguousUnitNamesNeedAPath) {
  Principal sys = Principal::System();
  auto r = imports_.ImportUsers(sys,
                                Csv("用户名,姓名,所属单位,初始密码\n"
                                    "user1,一,教务处,Init2025x\n"
                                    "user2,二,乙职业技术学院／教务处,Init2025x\n"),
                                /*dry_run=*/true);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->errors.size(), 1u) << Describe(*r);
  EXPECT_EQ(r->errors[0].row, 2);
  EXPECT_NE(r->errors[0].message.find("上级单位/教务处"), std::string::npos);
}

// ------------------------------------------------------------- over HTTP

class ImportApiTest : public ::testing::Test {
 protected:
  HttpResult Upload(const std::string& path, const std::string& bytes,
                    std::map<std::string, std::string> headers = {{"Content-Type", "text/csv"}}) {
    return client_.Request("POST", path, bytes, std::move(headers));
  }
  TestServer server_;
  Client client_{server_.port()};
};

TEST_F(ImportApiTest, DryRunThenImport) {
  client_.Login("sctc");
  std::string csv = "单位名称,单位类型,上级单位\n机器人学院,二级学院,四川科技职业学院\n";
  int before = CountUnits(server_.db());
  auto dry = Upload("/api/imports/units?dry_run=true", csv,
                    {{"Content-Type", "application/octet-stream"}, {"X-File-Name", "a.csv"}});
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_TRUE(dry.data().at("valid").as_bool()) << dry.body;
  EXPECT_EQ(dry.data().at("created").as_int64(), 0);
  EXPECT_EQ(CountUnits(server_.db()), before);

  auto real = Upload("/api/imports/units", csv);
  ASSERT_EQ(real.status, 200u) << real.body;
  EXPECT_EQ(real.data().at("rows").as_int64(), 1);
  EXPECT_EQ(real.data().at("created").as_int64(), 1);
  EXPECT_EQ(CountUnits(server_.db()), before + 1);
}

TEST_F(ImportApiTest, RowErrorsAreA200Report) {
  client_.Login("school2");
  auto r = Upload("/api/imports/units",
                  "单位名称,单位类型,上级单位\n伪造学院,二级学院,四川科技职业学院\n");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.data().at("valid").as_bool());
  const auto& e = r.data().at("errors").as_array().at(0);
  EXPECT_EQ(e.at("row").as_int64(), 2);
  EXPECT_EQ(e.at("field").as_string(), "上级单位");
  EXPECT_FALSE(e.at("message").as_string().empty());
}

TEST_F(ImportApiTest, XlsxFileImports) {
  doc::TableDocument d;
  d.sheet_name = "单位";
  doc::Row head;
  for (const char* h : {"单位名称", "单位类型", "上级单位", "在校生数"}) head.cells.push_back({h});
  d.header = {head};
  doc::Cell students{"1500"};
  students.number = 1500;
  d.body = {doc::Row{{{"表格学院"}, {"二级学院"}, {"四川科技职业学院"}, students}}};
  auto bytes = xlsx::RenderTable(d);
  ASSERT_TRUE(bytes.ok());

  client_.Login("sctc");
  auto r = Upload(
      "/api/imports/units", *bytes,
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.data().at("created").as_int64(), 1) << r.body;
  auto unit = client_.Get("/api/units/" + std::to_string(UnitId(server_.db(), "表格学院")));
  EXPECT_EQ(unit.data().at("enrolled_students").as_int64(), 1500);
}

TEST_F(ImportApiTest, UnreadableUploadsAreRefused) {
  client_.Login("province");
  auto png = Upload("/api/imports/units", std::string("\x89PNG\r\n\x1a\n\0\0", 10),
                    {{"Content-Type", "image/png"}});
  EXPECT_EQ(png.status, 415u) << png.body;
  EXPECT_EQ(png.error_field(), "file");
  auto gbk = Upload("/api/imports/units", "\xB5\xA5\xCE\xBB\xC3\xFB\xB3\xC6\n");
  EXPECT_EQ(gbk.status, 400u) << gbk.body;
  EXPECT_NE(gbk.error_message().find("UTF-8"), std::string::npos);
}

TEST_F(ImportApiTest, UploadsAreReadWithinTheImportsBudget) {
  client_.Login("province");
  std::string csv = "用户名,姓名,所属单位,初始密码\n";
  for (std::size_t i = 0; i <= kMaxUserRows; ++i)
    csv += "u" + std::to_string(i) + ",用户,某单位,x\n";
  auto users = Upload("/api/imports/users?dry_run=1", csv);
  EXPECT_EQ(users.status, 400u) << users.body;
  EXPECT_EQ(users.error_field(), "file");
  EXPECT_EQ(users.error_message(), "数据行数超过上限 1000 行（第 1002 行），请分批导入");
  // Imports run off the I/O threads.
  for (const char* path :
       {"/api/imports/units", "/api/imports/users", "/api/campaigns/{id}/activities/import"}) {
    auto match = server_.app().router().Find(http::Verb::post, path);
    ASSERT_TRUE(match.has_value()) << path;
    EXPECT_TRUE(match->route->options.offload) << path;
  }
}

TEST_F(ImportApiTest, TemplatesImportAsTheyAre) {
  client_.Login("province");
  auto units = client_.Get("/api/imports/templates/units.csv");
  ASSERT_EQ(units.status, 200u);
  EXPECT_EQ(units.body.rfind("\xEF\xBB\xBF单位名称,单位类型,上级单位", 0), 0u) << units.body;
  EXPECT_NE(units.headers["content-type"].find("text/csv"), std::string::npos);
  auto check = Upload("/api/imports/units?dry_run=1", units.body);
  ASSERT_EQ(check.status, 200u) << check.body;
  EXPECT_TRUE(check.data().at("valid").as_bool()) << check.body;

  Client school(server_.port());
  school.Login("sctc");
  auto users = school.Get("/api/imports/templates/users.csv");
  ASSERT_EQ(users.status, 200u);
  auto checked = school.Request("POST", "/api/imports/users?dry_run=1", users.body,
                                {{"Content-Type", "text/csv"}});
  ASSERT_EQ(checked.status, 200u) << checked.body;
  EXPECT_TRUE(checked.data().at("valid").as_bool()) << checked.body;
}

}  // namespace
}  // namespace vw::imports
