// Units over HTTP: the tree each user sees, edits, and forged ids.
#include <gtest/gtest.h>

#include <set>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class UnitApiTest : public ::testing::Test {
 protected:
  std::set<std::string> TreeNames(Client& c) {
    auto r = c.Get("/api/units/tree");
    EXPECT_EQ(r.status, 200u) << r.body;
    std::set<std::string> names;
    for (const auto& n : r.data().at("items").as_array()) {
      names.insert(std::string(n.at("name").as_string()));
    }
    return names;
  }

  TestServer server_;
  Client client_{server_.port()};
};

TEST_F(UnitApiTest, ProvinceOfficerSeesBothChainsAndAllCities) {
  client_.Login("province");
  auto r = client_.Get("/api/units/tree");
  ASSERT_EQ(r.status, 200u);
  int city_edu = 0, city_hr = 0;
  std::set<std::string> names;
  for (const auto& n : r.data().at("items").as_array()) {
    names.insert(std::string(n.at("name").as_string()));
    if (n.at("kind") == "city_edu") ++city_edu;
    if (n.at("kind") == "city_hr") ++city_hr;
  }
  EXPECT_EQ(city_edu, 21);
  EXPECT_EQ(city_hr, 21);  // through the viewer grant on the HR department
  EXPECT_TRUE(names.count("四川科技职业学院"));
  EXPECT_TRUE(names.count("成都市财贸职业高级中学"));
  EXPECT_TRUE(names.count("成都市技师学院"));
  EXPECT_TRUE(names.count("智能制造学院"));
  EXPECT_FALSE(names.count("四川省总工会"));
}

TEST_F(UnitApiTest, SchoolsSitUnderTheirReportingParents) {
  client_.Login("admin");
  auto parent_kind = [&](const std::string& name) {
    auto u = client_.Get("/api/units/" + std::to_string(UnitId(server_.db(), name)));
    auto p = client_.Get("/api/units/" + std::to_string(u.data().at("parent_id").as_int64()));
    return std::string(p.data().at("kind").as_string());
  };
  EXPECT_EQ(parent_kind("四川科技职业学院"), "province_edu");
  EXPECT_EQ(parent_kind("成都市财贸职业高级中学"), "city_edu");
  EXPECT_EQ(parent_kind("成都市技师学院"), "city_hr");
  EXPECT_EQ(parent_kind("智能制造学院"), "higher_school");
}

TEST_F(UnitApiTest, SchoolUserSeesOnlyOwnSchool) {
  client_.Login("sctc");
  auto names = TreeNames(client_);
  EXPECT_TRUE(names.count("四川科技职业学院"));
  EXPECT_TRUE(names.count("教务处"));
  EXPECT_FALSE(names.count("成都工业职业技术学院"));
  EXPECT_FALSE(names.count("四川省教育厅"));
}

TEST_F(UnitApiTest, ForgedUnitIdsAreForbiddenAndChangeNothing) {
  client_.Login("school2");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  std::string path = "/api/units/" + std::to_string(sctc);
  EXPECT_EQ(client_.Get(path).status, 403u);
  EXPECT_EQ(client_.Get(path + "/children").status, 403u);
  EXPECT_EQ(client_.Get(path + "/audit").status, 403u);
  auto r = client_.Put(path, {{"version", 1},
                              {"parent_id", UnitId(server_.db(), "四川省教育厅")},
                              {"kind", "higher_school"},
                              {"name", "被篡改的学校"},
                              {"region_code", "510100"}});
  EXPECT_EQ(r.status, 403u);
  r = client_.Post(
      "/api/units",
      {{"parent_id", sctc}, {"kind", "college"}, {"name", "伪造学院"}, {"region_code", "510100"}});
  EXPECT_EQ(r.status, 403u);
  // Unknown ids look exactly like foreign ones.
  auto unknown = client_.Get("/api/units/99999999");
  EXPECT_EQ(unknown.status, 403u);
  db::Session s(server_.db());
  std::string name;
  s.sql() << "SELECT name FROM units WHERE id = :id", soci::use(sctc), soci::into(name);
  EXPECT_EQ(name, "四川科技职业学院");
}

TEST_F(UnitApiTest, SchoolAdminAddsCollegeAndEditsWithVersion) {
  client_.Login("sctc");
  Id sctc = UnitId(server_.db(), "四川科技职业学院");
  auto r = client_.Post("/api/units", {{"parent_id", sctc},
                                       {"kind", "college"},
                                       {"name", "现代农业学院"},
                                       {"region_code", "510100"},
                                       {"enrolled_students", 1800},
                                       {"staff_count", 75}});
  ASSERT_EQ(r.status, 201u) << r.body;
  Id id = r.data().at("id").as_int64();
  std::string path = "/api/units/" + std::to_string(id);
  json::object edit = r.data().as_object();
  edit["name"] = "现代农业与食品学院";
  auto ok = client_.Put(path, edit);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.data().at("version").as_int64(), 2);
  auto stale = client_.Put(path, edit);  // still version 1
  EXPECT_EQ(stale.status, 409u);
  auto audit = client_.Get(path + "/audit");
  ASSERT_EQ(audit.status, 200u);
  EXPECT_GE(audit.data().at("total").as_int64(), 2);
}

TEST_F(UnitApiTest, BadUnitInputNamesTheField) {
  client_.Login("province");
  Id edu = UnitId(server_.db(), "四川省教育厅");
  json::object base{{"parent_id", edu},
                    {"kind", "higher_school"},
                    {"name", "测试职业学院"},
                    {"region_code", "510100"}};
  auto with = [&](const char* key, json::value v) {
    json::object o = base;
    o[key] = std::move(v);
    return client_.Post("/api/units", o);
  };
  auto r = with("moe_code", "12345");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "moe_code");
  r = with("moe_code", "4144012345");  // province 44 is not Sichuan
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "moe_code");
  r = with("name", json::value(std::string(300, 'x')));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "name");
  r = with("enrolled_students", "many");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "enrolled_students");
  r = with("kind", "secondary_school");  // must report to a city bureau
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "parent_id");
  r = with("region_code", "519999");  // a Sichuan code that does not exist
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "region_code");
  r = with("parent_id", 99999999);
  EXPECT_NE(r.status, 201u);
  r = with("moe_code", "4151019999");
  EXPECT_EQ(r.status, 201u) << r.body;
}

TEST_F(UnitApiTest, RegionsArePublicAndComplete) {
  auto r = client_.Get("/api/regions");
  ASSERT_EQ(r.status, 200u);
  int prefectures = 0;
  for (const auto& reg : r.data().at("items").as_array()) {
    if (reg.at("level").as_int64() == 2) ++prefectures;
  }
  EXPECT_EQ(prefectures, 21);
}

}  // namespace
}  // namespace vw::testing
