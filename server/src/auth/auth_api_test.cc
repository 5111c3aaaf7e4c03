// Login, sessions, CSRF, rate limits, passwords, and user management scope.
#include <gtest/gtest.h>

#include <set>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

class AuthApiTest : public ::testing::Test {
 protected:
  TestServer server_;
  Client client_{server_.port()};
};

TEST_F(AuthApiTest, LoginSetsHttpOnlySameSiteSessionCookie) {
  auto r = client_.Post("/api/auth/login", {{"username", "province"}, {"password", "Demo@2025"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  bool found = false;
  for (const auto& c : r.set_cookies) {
    if (c.rfind("vw_session=", 0) == 0) {
      found = true;
      EXPECT_NE(c.find("HttpOnly"), std::string::npos);
      EXPECT_NE(c.find("SameSite=Lax"), std::string::npos);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(r.data().at("username").as_string(), "province");
  EXPECT_FALSE(r.data().at("csrf_token").as_string().empty());
}

TEST_F(AuthApiTest, WrongPasswordIs401InChinese) {
  auto r = client_.Post("/api/auth/login", {{"username", "province"}, {"password", "nope12345"}});
  EXPECT_EQ(r.status, 401u);
  EXPECT_NE(r.error_message().find("密码"), std::string::npos);
}

TEST_F(AuthApiTest, MissingFieldNamesTheField) {
  auto r = client_.Post("/api/auth/login", {{"username", "province"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "password");
}

TEST_F(AuthApiTest, WrongTypeNamesTheField) {
  auto r = client_.Post("/api/auth/login", {{"username", 42}, {"password", "x"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "username");
}

TEST_F(AuthApiTest, AccountIsRateLimitedAfterFiveFailures) {
  for (int i = 0; i < 5; ++i) {
    auto r = client_.Post("/api/auth/login", {{"username", "sctc"}, {"password", "wrong-pass1"}});
    EXPECT_EQ(r.status, 401u);
  }
  auto r = client_.Post("/api/auth/login", {{"username", "sctc"}, {"password", "Demo@2025"}});
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(r.error_code(), "rate_limited");
}

TEST_F(AuthApiTest, LoggedOutSessionCookieIsRefused) {
  client_.Login("province");
  std::string token = client_.cookies()["vw_session"];
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(client_.Post("/api/auth/logout", json::object{}).status, 200u);
  Client replay(server_.port());
  replay.cookies()["vw_session"] = token;
  auto r = replay.Get("/api/auth/me");
  EXPECT_EQ(r.status, 401u);
}

TEST_F(AuthApiTest, StateChangeWithoutCsrfTokenIs403AndChangesNothing) {
  client_.Login("province");
  std::string token = client_.csrf;
  client_.csrf.clear();
  Id edu = UnitId(server_.db(), "四川省教育厅");
  auto r = client_.Post("/api/units", {{"parent_id", edu},
                                       {"kind", "higher_school"},
                                       {"name", "无令牌职业学院"},
                                       {"region_code", "510100"}});
  EXPECT_EQ(r.status, 403u);
  client_.csrf = "forged-token";
  r = client_.Post("/api/units", {{"parent_id", edu},
                                  {"kind", "higher_school"},
                                  {"name", "无令牌职业学院"},
                                  {"region_code", "510100"}});
  EXPECT_EQ(r.status, 403u);
  db::Session s(server_.db());
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM units WHERE name = '无令牌职业学院'", soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_F(AuthApiTest, PasswordChangeNeedsOldPasswordAndPolicy) {
  client_.Login("sctc-college");
  auto r = client_.Post("/api/auth/password",
                        {{"old_password", "wrong"}, {"new_password", "NewPass2026"}});
  EXPECT_EQ(r.status, 400u);
  r = client_.Post("/api/auth/password",
                   {{"old_password", "Demo@2025"}, {"new_password", "short"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.error_field(), "new_password");
  r = client_.Post("/api/auth/password",
                   {{"old_password", "Demo@2025"}, {"new_password", "NewPass2026"}});
  EXPECT_EQ(r.status, 200u) << r.body;
  Client again(server_.port());
  again.Login("sctc-college", "NewPass2026");
}

TEST_F(AuthApiTest, SchoolAdminListsOnlyOwnSubtreeUsers) {
  client_.Login("sctc");
  auto r = client_.Get("/api/users?page_size=200");
  ASSERT_EQ(r.status, 200u) << r.body;
  std::set<std::string> names;
  for (const auto& u : r.data().at("items").as_array()) {
    names.insert(std::string(u.at("username").as_string()));
  }
  EXPECT_TRUE(names.count("sctc"));
  EXPECT_TRUE(names.count("sctc-college"));
  EXPECT_FALSE(names.count("school2"));
  EXPECT_FALSE(names.count("province"));
}

TEST_F(AuthApiTest, ForgedUserIdsOfAnotherSchoolAreForbidden) {
  Client other(server_.port());
  other.Login("sctc");
  auto me = other.Get("/api/auth/me");
  Id sctc_user = me.data().at("id").as_int64();
  int version = static_cast<int>(me.data().at("version").as_int64());

  client_.Login("school2");
  EXPECT_EQ(client_.Get("/api/users/" + std::to_string(sctc_user)).status, 403u);
  auto r = client_.Put("/api/users/" + std::to_string(sctc_user),
                       {{"version", version},
                        {"display_name", "篡改"},
                        {"unit_id", UnitId(server_.db(), "成都工业职业技术学院")}});
  EXPECT_EQ(r.status, 403u);
  r = client_.Post("/api/users/" + std::to_string(sctc_user) + "/reset-password",
                   {{"password", "Hacked2026x"}});
  EXPECT_EQ(r.status, 403u);
  // A new user in the other school, or granted on it, is refused as well.
  Id sctc_unit = UnitId(server_.db(), "四川科技职业学院");
  r = client_.Post("/api/users", {{"username", "intruder"},
                                  {"password", "Intruder2026"},
                                  {"display_name", "入侵者"},
                                  {"unit_id", sctc_unit}});
  EXPECT_EQ(r.status, 403u);
  Id own = UnitId(server_.db(), "成都工业职业技术学院");
  r = client_.Post("/api/users",
                   {{"username", "intruder"},
                    {"password", "Intruder2026"},
                    {"display_name", "入侵者"},
                    {"unit_id", own},
                    {"grants", json::array{{{"unit_id", sctc_unit}, {"role", "unit_admin"}}}}});
  EXPECT_EQ(r.status, 403u);
  auto check = other.Get("/api/auth/me");
  EXPECT_NE(check.data().at("display_name").as_string(), "篡改");
}

TEST_F(AuthApiTest, UnitAdminCreatesUserInOwnSubtree) {
  client_.Login("sctc");
  Id college = UnitId(server_.db(), "信息工程学院");
  auto r = client_.Post("/api/users",
                        {{"username", "info-sec"},
                         {"password", "InfoSec2025"},
                         {"display_name", "信息工程学院秘书"},
                         {"unit_id", college},
                         {"mobile", "13800000000"},
                         {"grants", json::array{{{"unit_id", college}, {"role", "organiser"}}}}});
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_TRUE(r.data().at("must_change_password").as_bool());
  auto dup = client_.Post("/api/users", {{"username", "info-sec"},
                                         {"password", "InfoSec2025"},
                                         {"display_name", "重复"},
                                         {"unit_id", college}});
  EXPECT_EQ(dup.status, 409u);
  auto bad = client_.Post("/api/users", {{"username", "x"},
                                         {"password", "InfoSec2025"},
                                         {"display_name", "短"},
                                         {"unit_id", college}});
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.error_field(), "username");
  auto phone = client_.Post("/api/users", {{"username", "phone-user"},
                                           {"password", "InfoSec2025"},
                                           {"display_name", "手机"},
                                           {"unit_id", college},
                                           {"mobile", "123"}});
  EXPECT_EQ(phone.status, 400u);
  EXPECT_EQ(phone.error_field(), "mobile");
}

}  // namespace
}  // namespace vw::testing
