// Login, sessions, CSRF, rate limits, passwords, and user management scope.
#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "core/time.h"
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

// CONTRACT §4: each grant says whether its unit heads a reporting chain,
// derived from the unit-kind data as the province overview derives roots.
TEST_F(AuthApiTest, MeMarksGrantsOnChainRootsFromTheUnitKindData) {
  auto roots_of = [this](const std::string& user) {
    Client c(server_.port());
    c.Login(user);
    auto me = c.Get("/api/auth/me");
    EXPECT_EQ(me.status, 200u) << me.body;
    std::map<std::string, bool> out;  // "unit_kind/role" -> chain_root
    for (const auto& g : me.data().at("grants").as_array()) {
      out[std::string(g.at("unit_kind").as_string()) + "/" +
          std::string(g.at("role").as_string())] = g.at("chain_root").as_bool();
    }
    return out;
  };
  EXPECT_EQ(roots_of("province"), (std::map<std::string, bool>{{"province_edu/reviewer", true},
                                                               {"province_edu/unit_admin", true},
                                                               {"province_hr/viewer", true}}));
  EXPECT_EQ(roots_of("chengdu"), (std::map<std::string, bool>{{"city_edu/reviewer", false},
                                                              {"city_edu/unit_admin", false}}));
  for (const auto& [grant, root] : roots_of("sctc")) EXPECT_FALSE(root) << grant;

  // Data, not a list of kinds: once no kind reports to province_hr, the
  // provincial HR department no longer heads a chain.
  {
    db::Session s(server_.db());
    s.sql() << "DELETE FROM unit_kind_parents WHERE parent_kind = 'province_hr'";
  }
  EXPECT_FALSE(roots_of("province").at("province_hr/viewer"));
  EXPECT_TRUE(roots_of("province").at("province_edu/unit_admin"));
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

// Sets the clock for one test and puts it back.
class FrozenClock {
 public:
  explicit FrozenClock(std::int64_t at) : now_(at) { timeutil::SetClockForTesting(now_); }
  ~FrozenClock() { timeutil::SetClockForTesting(std::nullopt); }
  void Advance(std::int64_t seconds) {
    now_ += seconds;
    timeutil::SetClockForTesting(now_);
  }

 private:
  std::int64_t now_;
};

TEST_F(AuthApiTest, FiveFailuresMakeTheNextTryWaitWithRetryAfter) {
  FrozenClock clock(timeutil::NowUnix());
  for (int i = 0; i < 5; ++i) {
    auto r = client_.Post("/api/auth/login", {{"username", "sctc"}, {"password", "wrong-pass1"}});
    EXPECT_EQ(r.status, 401u);
  }
  auto r = client_.Post("/api/auth/login", {{"username", "sctc"}, {"password", "Demo@2025"}});
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(r.error_code(), "rate_limited");
  EXPECT_EQ(r.headers["retry-after"], "2");
  EXPECT_NE(r.error_message().find("请在2秒后再试"), std::string::npos) << r.body;
  clock.Advance(2);
  client_.Login("sctc");
}

TEST_F(AuthApiTest, FailuresElsewhereDoNotLockTheOwnerOut) {
  FrozenClock clock(timeutil::NowUnix());
  auto& accounts = server_.app().accounts();
  for (int i = 0; i < 10; ++i) (void)accounts.Login("sctc", "wrong-pass1", "203.0.113.9", "");
  auto attacker = accounts.Login("sctc", "Demo@2025", "203.0.113.9", "");
  ASSERT_FALSE(attacker);
  EXPECT_EQ(attacker.error().code, ErrorCode::kRateLimited);
  EXPECT_TRUE(accounts.Login("sctc", "Demo@2025", "10.0.0.1", "").ok());
}

TEST_F(AuthApiTest, ThirtyFailuresFromASchoolAddressDoNotBlockItsOtherUsers) {
  auto& accounts = server_.app().accounts();
  for (int i = 0; i < 30; ++i) {
    auto r = accounts.Login("teacher" + std::to_string(i), "wrong-pass1", "10.20.30.40", "");
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
  EXPECT_TRUE(accounts.Login("sctc-college", "Demo@2025", "10.20.30.40", "").ok());
}

TEST_F(AuthApiTest, TwentyParallelTriesCheckThePasswordOnlyFiveTimes) {
  FrozenClock clock(timeutil::NowUnix());
  // A hash that takes a while to check, as Argon2 does in production (tests
  // otherwise hash with the minimum cost): the tries overlap.
  char slow[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(slow, "Demo@2025", 9, 20, 1 << 20, crypto_pwhash_ALG_ARGON2ID13),
            0);
  {
    db::Session s(server_.db());
    std::string hash(slow);
    s.sql() << "UPDATE users SET password_hash = :h WHERE username = 'sctc'", soci::use(hash);
  }
  auto& accounts = server_.app().accounts();
  std::atomic<int> checked{0}, limited{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  threads.reserve(20);
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      while (!go) std::this_thread::yield();
      auto r = accounts.Login("sctc", "wrong-pass1", "203.0.113.9", "");
      if (r.error().code == ErrorCode::kUnauthenticated) ++checked;
      if (r.error().code == ErrorCode::kRateLimited) ++limited;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(limited, 15);
}

// After an administrator's reset, the account may only change its password,
// read who it is and log out: the server refuses the rest, not just the web app.
TEST_F(AuthApiTest, AfterAResetOnlyPasswordChangeMeAndLogoutAreServed) {
  Client admin(server_.port());
  admin.Login("sctc");
  auto list = admin.Get("/api/users?keyword=sctc-college");
  Id id = list.data().at("items").as_array().at(0).at("id").as_int64();
  ASSERT_EQ(admin
                .Post("/api/users/" + std::to_string(id) + "/reset-password",
                      {{"password", "Reset2025x"}})
                .status,
            200u);

  client_.Login("sctc-college", "Reset2025x");
  auto read = client_.Get("/api/campaigns");
  EXPECT_EQ(read.status, 403u);
  EXPECT_EQ(read.error_code(), "password_change_required");
  EXPECT_NE(read.error_message().find("修改密码"), std::string::npos);
  auto write = client_.Post("/api/notifications/1/read", json::object{});
  EXPECT_EQ(write.status, 403u);
  EXPECT_EQ(write.error_code(), "password_change_required");
  auto me = client_.Get("/api/auth/me");
  ASSERT_EQ(me.status, 200u);
  EXPECT_TRUE(me.data().at("must_change_password").as_bool());

  auto changed = client_.Post("/api/auth/password",
                              {{"old_password", "Reset2025x"}, {"new_password", "Mine2025x"}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(client_.Get("/api/campaigns").status, 200u);
}

TEST_F(AuthApiTest, ANewAccountMayLogOutBeforeSettingItsPassword) {
  Client admin(server_.port());
  admin.Login("sctc");
  Id college = UnitId(server_.db(), "信息工程学院");
  ASSERT_EQ(admin
                .Post("/api/users", {{"username", "info-new"},
                                     {"password", "Initial2025"},
                                     {"display_name", "新秘书"},
                                     {"unit_id", college}})
                .status,
            201u);
  client_.Login("info-new", "Initial2025");
  EXPECT_EQ(client_.Get("/api/users").error_code(), "password_change_required");
  EXPECT_EQ(client_.Post("/api/auth/logout", json::object{}).status, 200u);
  EXPECT_EQ(client_.Get("/api/auth/me").status, 401u);
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
