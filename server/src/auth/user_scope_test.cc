// Who may manage whom: every caller level against users homed at a school or
// a city bureau holding grants at their own level, the city, the province or
// another chain, for every way of managing a user.
#include <gtest/gtest.h>

#include <set>

#include "test_env.h"

namespace vw::testing {
namespace {

namespace json = boost::json;

constexpr const char* kTargetPassword = "Target2025x";

enum class Caller { kSchoolAdmin, kCityAdmin, kProvinceAdmin, kSysadmin, kSelf };
enum class Action { kGet, kUpdate, kGrant, kReset, kDeactivate };

const char* Name(Caller c) {
  switch (c) {
    case Caller::kSchoolAdmin:
      return "school admin";
    case Caller::kCityAdmin:
      return "city admin";
    case Caller::kProvinceAdmin:
      return "province admin";
    case Caller::kSysadmin:
      return "sysadmin";
    case Caller::kSelf:
      return "the user";
  }
  return "";
}

const char* Name(Action a) {
  switch (a) {
    case Action::kGet:
      return "get";
    case Action::kUpdate:
      return "update";
    case Action::kGrant:
      return "grant";
    case Action::kReset:
      return "reset password";
    case Action::kDeactivate:
      return "deactivate";
  }
  return "";
}

struct Row {
  std::string display_name;
  std::string password_hash;
  int active = 0;
  int version = 0;
  int grants = 0;
};

class UserScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    school_ = UnitId(server_.db(), "成都市财贸职业高级中学");
    city_ = UnitId(server_.db(), "成都市教育局");
    province_ = UnitId(server_.db(), "四川省教育厅");
    hr_ = UnitId(server_.db(), "四川省人力资源和社会保障厅");
    admin_.Login("admin");
    CreateUser("caimao-admin", school_, {{school_, "unit_admin"}});
    school_admin_.Login("caimao-admin", kTargetPassword);
    city_admin_.Login("chengdu");
    province_admin_.Login("province");
  }

  // A user created by the system administrator, password kTargetPassword,
  // not asked to change it.
  Id CreateUser(const std::string& username, Id home,
                const std::vector<std::pair<Id, std::string>>& grants) {
    json::array g;
    for (const auto& [unit, role] : grants) g.push_back({{"unit_id", unit}, {"role", role}});
    auto r = admin_.Post("/api/users", {{"username", username},
                                        {"password", kTargetPassword},
                                        {"display_name", "测试用户"},
                                        {"unit_id", home},
                                        {"grants", g}});
    EXPECT_EQ(r.status, 201u) << r.body;
    Id id = r.data().at("id").as_int64();
    db::Session s(server_.db());
    s.sql() << "UPDATE users SET must_change_password = 0 WHERE id = :id", soci::use(id);
    return id;
  }

  Row Read(Id id) {
    db::Session s(server_.db());
    Row row;
    s.sql() << "SELECT display_name, password_hash, active, version FROM users WHERE id = :id",
        soci::use(id), soci::into(row.display_name), soci::into(row.password_hash),
        soci::into(row.active), soci::into(row.version);
    s.sql() << "SELECT COUNT(*) FROM grants WHERE user_id = :id", soci::use(id),
        soci::into(row.grants);
    return row;
  }

  // The units under the caller's unit_admin grants, as the demo tree has them.
  bool Reaches(Caller c, Id unit) const {
    switch (c) {
      case Caller::kSchoolAdmin:
        return unit == school_;
      case Caller::kCityAdmin:
        return unit == school_ || unit == city_;
      case Caller::kProvinceAdmin:
        return unit == school_ || unit == city_ || unit == province_;
      case Caller::kSysadmin:
        return true;
      case Caller::kSelf:
        return false;  // the targets administer nothing
    }
    return false;
  }

  HttpResult Update(Client& c, Id id, Id home,
                    const std::vector<std::pair<Id, std::string>>& grants,
                    const std::string& display_name, bool active) {
    json::array g;
    for (const auto& [unit, role] : grants) g.push_back({{"unit_id", unit}, {"role", role}});
    return c.Put("/api/users/" + std::to_string(id), {{"version", Read(id).version},
                                                      {"display_name", display_name},
                                                      {"unit_id", home},
                                                      {"active", active},
                                                      {"grants", g}});
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client school_admin_{server_.port()};
  Client city_admin_{server_.port()};
  Client province_admin_{server_.port()};
  Id school_ = 0, city_ = 0, province_ = 0, hr_ = 0;
};

TEST_F(UserScopeTest, ManagingAUserNeedsAuthorityOverTheirHomeAndEveryGrant) {
  struct GrantSet {
    const char* name;
    std::vector<std::pair<Id, std::string>> grants;
  };
  const std::vector<GrantSet> grant_sets = {
      {"no grants", {}},
      {"organiser at the school", {{school_, "organiser"}}},
      {"reviewer at the city bureau", {{city_, "reviewer"}}},
      {"viewer at the province", {{province_, "viewer"}}},
      {"reviewer at the city and viewer at the province",
       {{city_, "reviewer"}, {province_, "viewer"}}},
      {"viewer at the provincial HR department", {{hr_, "viewer"}}},
  };
  const std::vector<std::pair<const char*, Id>> homes = {{"school", school_}, {"city", city_}};
  const Caller callers[] = {Caller::kSelf, Caller::kSchoolAdmin, Caller::kCityAdmin,
                            Caller::kProvinceAdmin, Caller::kSysadmin};
  const Action actions[] = {Action::kGet, Action::kUpdate, Action::kGrant, Action::kReset,
                            Action::kDeactivate};
  int cells = 0, allowed = 0;
  int n = 0;
  for (const auto& [home_name, home] : homes) {
    for (const auto& set : grant_sets) {
      for (Caller caller : callers) {
        Id id = CreateUser("target" + std::to_string(++n), home, set.grants);
        Client self(server_.port());
        Client* client = &self;
        switch (caller) {
          case Caller::kSelf:
            self.Login("target" + std::to_string(n), kTargetPassword);
            break;
          case Caller::kSchoolAdmin:
            client = &school_admin_;
            break;
          case Caller::kCityAdmin:
            client = &city_admin_;
            break;
          case Caller::kProvinceAdmin:
            client = &province_admin_;
            break;
          case Caller::kSysadmin:
            client = &admin_;
            break;
        }
        bool sees = caller == Caller::kSelf || Reaches(caller, home);
        bool manages = Reaches(caller, home);
        for (const auto& [unit, role] : set.grants) manages = manages && Reaches(caller, unit);

        for (Action action : actions) {
          SCOPED_TRACE(std::string(Name(caller)) + " / " + Name(action) + " / home " + home_name +
                       " / " + set.name);
          ++cells;
          Row before = Read(id);
          std::string path = "/api/users/" + std::to_string(id);
          bool expect_ok = action == Action::kGet ? sees : manages;
          HttpResult r;
          switch (action) {
            case Action::kGet:
              r = client->Get(path);
              break;
            case Action::kUpdate:
              r = Update(*client, id, home, set.grants, "改过的名字", true);
              break;
            case Action::kGrant: {
              auto more = set.grants;
              more.emplace_back(school_, "viewer");
              r = Update(*client, id, home, more, before.display_name, true);
              break;
            }
            case Action::kReset:
              r = client->Post(path + "/reset-password", {{"password", "Taken2025x"}});
              break;
            case Action::kDeactivate:
              r = Update(*client, id, home, set.grants, before.display_name, false);
              break;
          }
          Row after = Read(id);
          if (!expect_ok) {
            EXPECT_EQ(r.status, 403u) << r.body;
            EXPECT_EQ(after.display_name, before.display_name);
            EXPECT_EQ(after.password_hash, before.password_hash);
            EXPECT_EQ(after.active, before.active);
            EXPECT_EQ(after.grants, before.grants);
            EXPECT_EQ(after.version, before.version);
            continue;
          }
          ++allowed;
          ASSERT_EQ(r.status, 200u) << r.body;
          switch (action) {
            case Action::kGet:
              EXPECT_EQ(r.data().at("id").as_int64(), id);
              EXPECT_EQ(r.data().at("manageable").as_bool(), manages);
              break;
            case Action::kUpdate:
              EXPECT_EQ(after.display_name, "改过的名字");
              break;
            case Action::kGrant:
              EXPECT_EQ(after.grants, before.grants + 1);
              break;
            case Action::kReset:
              EXPECT_NE(after.password_hash, before.password_hash);
              break;
            case Action::kDeactivate:
              EXPECT_EQ(after.active, 0);
              break;
          }
        }
      }
    }
  }
  EXPECT_EQ(cells, 2 * 6 * 5 * 5);
  // Managed (4 actions each): by the school admin the 2 school-homed users
  // without grants beyond the school, by the city 3 per home, by the province
  // all but the HR viewer (5 per home), by the system administrator all 12.
  // Seen (get): each user by themselves, the school's 6 by the school admin,
  // all 12 by the city, the province and the system administrator.
  EXPECT_EQ(allowed, 4 * (2 + 6 + 10 + 12) + (12 + 6 + 12 + 12 + 12));
}

TEST_F(UserScopeTest, ASchoolCannotTakeOverItsTeacherWhoReviewsForTheCityAndViewsForTheProvince) {
  Id teacher = CreateUser("teacher", school_, {{city_, "reviewer"}, {province_, "viewer"}});
  auto reset = school_admin_.Post("/api/users/" + std::to_string(teacher) + "/reset-password",
                                  {{"password", "Taken2025x"}});
  EXPECT_EQ(reset.status, 403u);
  EXPECT_NE(reset.error_message().find("成都市教育局"), std::string::npos) << reset.body;

  Client attacker(server_.port());
  auto login =
      attacker.Post("/api/auth/login", {{"username", "teacher"}, {"password", "Taken2025x"}});
  EXPECT_EQ(login.status, 401u);
  Client owner(server_.port());
  owner.Login("teacher", kTargetPassword);

  // The school still sees its teacher, marked as managed above it.
  auto list = school_admin_.Get("/api/users?page_size=200");
  ASSERT_EQ(list.status, 200u);
  bool listed = false;
  for (const auto& u : list.data().at("items").as_array()) {
    if (u.at("id").as_int64() != teacher) continue;
    listed = true;
    EXPECT_FALSE(u.at("manageable").as_bool());
  }
  EXPECT_TRUE(listed);
  auto got = school_admin_.Get("/api/users/" + std::to_string(teacher));
  ASSERT_EQ(got.status, 200u);
  EXPECT_FALSE(got.data().at("manageable").as_bool());

  // The city, which reaches both the school and its own grant but not the
  // province's, is refused too; the province may.
  EXPECT_EQ(city_admin_
                .Post("/api/users/" + std::to_string(teacher) + "/reset-password",
                      {{"password", "Taken2025x"}})
                .status,
            403u);
  EXPECT_EQ(province_admin_
                .Post("/api/users/" + std::to_string(teacher) + "/reset-password",
                      {{"password", "Taken2025x"}})
                .status,
            200u);
}

TEST_F(UserScopeTest, NobodyButASystemAdministratorManagesOne) {
  db::Session s(server_.db());
  Id admin_id = 0;
  s.sql() << "SELECT id FROM users WHERE username = 'admin'", soci::into(admin_id);
  auto reset = province_admin_.Post("/api/users/" + std::to_string(admin_id) + "/reset-password",
                                    {{"password", "Taken2025x"}});
  EXPECT_EQ(reset.status, 403u);
  auto got = province_admin_.Get("/api/users/" + std::to_string(admin_id));
  ASSERT_EQ(got.status, 200u);  // homed at the province: seen, not managed
  EXPECT_FALSE(got.data().at("manageable").as_bool());
}

TEST_F(UserScopeTest, AdministratorsEditThemselvesOnlyWithinTheirReach) {
  auto me = school_admin_.Get("/api/auth/me");
  Id self = me.data().at("id").as_int64();
  auto r = Update(school_admin_, self, school_, {{school_, "unit_admin"}}, "财贸管理员", true);
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(r.data().at("manageable").as_bool());
  // Resetting needs no old password, so it is not a way to change one's own.
  auto reset = school_admin_.Post("/api/users/" + std::to_string(self) + "/reset-password",
                                  {{"password", "Taken2025x"}});
  EXPECT_EQ(reset.status, 403u);
  EXPECT_NE(reset.error_message().find("修改密码"), std::string::npos);

  // The province officer also views the HR chain, which they do not administer.
  auto province = province_admin_.Get("/api/auth/me");
  Id province_id = province.data().at("id").as_int64();
  auto got = province_admin_.Get("/api/users/" + std::to_string(province_id));
  ASSERT_EQ(got.status, 200u);
  EXPECT_FALSE(got.data().at("manageable").as_bool());
}

TEST_F(UserScopeTest, GrantsCanBeGivenOnlyWithinReach) {
  Id id = CreateUser("newcomer", school_, {});
  auto r = Update(city_admin_, id, school_, {{province_, "viewer"}}, "新人", true);
  EXPECT_EQ(r.status, 403u);
  EXPECT_EQ(r.error_field(), "grants");
  EXPECT_EQ(Read(id).grants, 0);
}

TEST_F(UserScopeTest, UnknownAndForeignUserIdsAnswerAlike) {
  Client school2(server_.port());
  school2.Login("school2");
  db::Session s(server_.db());
  Id foreign = 0, unknown = 0;
  s.sql() << "SELECT id FROM users WHERE username = 'sctc'", soci::into(foreign);
  s.sql() << "SELECT MAX(id) + 1000 FROM users", soci::into(unknown);
  auto path = [](Id id) { return "/api/users/" + std::to_string(id); };
  auto a = school2.Get(path(foreign));
  auto b = school2.Get(path(unknown));
  EXPECT_EQ(a.status, 403u);
  EXPECT_EQ(b.status, a.status);
  EXPECT_EQ(b.body, a.body);
  a = school2.Post(path(foreign) + "/reset-password", {{"password", "Taken2025x"}});
  b = school2.Post(path(unknown) + "/reset-password", {{"password", "Taken2025x"}});
  EXPECT_EQ(a.status, 403u);
  EXPECT_EQ(b.body, a.body);
  json::object edit{{"version", 1}, {"display_name", "篡改"}, {"unit_id", school_}};
  a = school2.Put(path(foreign), edit);
  b = school2.Put(path(unknown), edit);
  EXPECT_EQ(a.status, 403u);
  EXPECT_EQ(b.body, a.body);
}

}  // namespace
}  // namespace vw::testing
