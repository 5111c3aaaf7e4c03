#include <map>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/json.h"
#include "core/time.h"

namespace vw::auth {
namespace {

namespace json = boost::json;

constexpr const char* kUserColumns =
    "u.id, u.username, u.display_name, u.unit_id, un.name, u.position, u.mobile, u.email, "
    "u.is_sysadmin, u.active, u.must_change_password, u.version, u.created_at, u.updated_at";

User ReadUser(const soci::row& r) {
  User u;
  u.id = db::Int(r, 0);
  u.username = db::Str(r, 1);
  u.display_name = db::Str(r, 2);
  u.unit_id = db::Int(r, 3);
  u.unit_name = db::Str(r, 4);
  u.position = db::Str(r, 5);
  u.mobile = db::Str(r, 6);
  u.email = db::Str(r, 7);
  u.is_sysadmin = db::Bool(r, 8);
  u.active = db::Bool(r, 9);
  u.must_change_password = db::Bool(r, 10);
  u.version = static_cast<int>(db::Int(r, 11));
  u.created_at = db::Str(r, 12);
  u.updated_at = db::Str(r, 13);
  return u;
}

void LoadGrantViews(db::Session& s, User& u) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT g.unit_id, un.name, un.kind, g.role FROM grants g JOIN units "
                          "un ON un.id = g.unit_id WHERE g.user_id = :u ORDER BY g.id",
       soci::use(u.id));
  for (const auto& r : rs) {
    auto role = ParseRole(db::Str(r, 3));
    if (!role) continue;
    u.grants.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), *role});
  }
}

bool ValidUsername(std::string_view s) {
  if (s.size() < 3 || s.size() > 32) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool ValidMobile(std::string_view s) {
  if (s.size() != 11 || s[0] != '1') return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The caller's unit_admin reach within one request: each unit asked once.
class AdminReach {
 public:
  AdminReach(db::Session& s, const org::Scope& scope, const Principal& p)
      : s_(s), scope_(scope), p_(p) {}

  bool Covers(Id unit_id) {
    if (p_.is_sysadmin) return true;
    auto it = covered_.find(unit_id);
    if (it != covered_.end()) return it->second;
    bool covers = scope_.Require(s_, p_, unit_id, {Role::kUnitAdmin}).ok();
    covered_.emplace(unit_id, covers);
    return covers;
  }

  // Whether the caller may see `u` at all: their own account, or a user homed
  // in their unit_admin subtrees. Others are refused like unknown ids.
  bool Sees(const User& u) { return u.id == p_.user_id || Covers(u.unit_id); }

  // Managing (updating, granting, deactivating, resetting the password of) a
  // user needs unit_admin authority over their home unit and over every unit
  // where they hold a grant: otherwise a school could take over an account
  // that reviews for the city or the province. Only a system administrator
  // manages a system administrator.
  Status Manage(const User& u) {
    if (p_.is_sysadmin) return Ok();
    if (!Covers(u.unit_id)) return Error::Forbidden();
    if (u.is_sysadmin) return Error::Forbidden("只有系统管理员可以管理系统管理员账号");
    for (const auto& g : u.grants) {
      if (!Covers(g.unit_id)) {
        return Error::Forbidden("该用户在“" + g.unit_name +
                                "”还有授权，超出您的管理范围：只有能管理其全部授权单位的"
                                "上级管理员或系统管理员可以修改、停用该用户或重置其密码");
      }
    }
    return Ok();
  }

 private:
  db::Session& s_;
  const org::Scope& scope_;
  const Principal& p_;
  std::map<Id, bool> covered_;
};

// An id the caller may not see answers like an unknown one (docs/api.md); a
// system administrator sees every user, so for them it is simply unknown.
Error UnknownUser(const Principal& p) {
  return p.is_sysadmin ? Error::NotFound("用户不存在") : Error::Forbidden();
}

json::array GrantsJson(const std::vector<Grant>& grants) {
  json::array a;
  for (const auto& g : grants)
    a.push_back(json::object{{"unit_id", g.unit_id}, {"role", RoleCode(g.role)}});
  return a;
}

}  // namespace

Result<UserInput> ParseUserInput(const json::object& body, bool creating) {
  FieldReader in(body);
  UserInput u;
  if (creating) {
    u.username = in.RequiredString("username", "用户名", 32);
    if (in.status() && !ValidUsername(u.username)) {
      in.Fail(Error::Invalid("username", "用户名应为3到32位小写字母、数字或 _ . -"));
    }
    u.password = in.RequiredString("password", "初始密码", 128);
    if (in.status()) {
      auto policy = CheckPasswordPolicy(u.password, "password");
      if (!policy) in.Fail(policy.error());
    }
  }
  u.display_name = in.RequiredString("display_name", "姓名", 40);
  u.unit_id = in.RequiredInt("unit_id", "所属单位", 1, INT64_MAX);
  u.position = in.String("position", "职务", 40);
  u.mobile = in.String("mobile", "手机号", 11);
  if (in.status() && !u.mobile.empty() && !ValidMobile(u.mobile)) {
    in.Fail(Error::Invalid("mobile", "手机号应为以1开头的11位数字"));
  }
  u.email = in.String("email", "电子邮箱", 100);
  if (in.status() && !u.email.empty() &&
      (u.email.find('@') == std::string::npos || u.email.find(' ') != std::string::npos)) {
    in.Fail(Error::Invalid("email", "电子邮箱格式不正确"));
  }
  u.active = in.Bool("active", "是否启用", true);
  VW_RETURN_IF_ERROR(in.status());
  if (const json::value* grants = body.if_contains("grants"); grants && !grants->is_null()) {
    if (!grants->is_array() || grants->as_array().size() > 50) {
      return Error::Invalid("grants", "授权应为列表，最多50项");
    }
    for (const auto& g : grants->as_array()) {
      if (!g.is_object()) return Error::Invalid("grants", "每项授权应包含单位和角色");
      FieldReader gr(g.as_object());
      Id unit = gr.RequiredInt("unit_id", "授权单位", 1, INT64_MAX);
      std::string role_code = gr.RequiredString("role", "角色", 20);
      if (!gr.status()) return Error::Invalid("grants", gr.status().error().message);
      auto role = ParseRole(role_code);
      if (!role) return Error::Invalid("grants", "角色“" + role_code + "”不存在");
      u.grants.push_back({unit, *role});
    }
  }
  return u;
}

json::object ToJson(const User& u) {
  json::object o;
  o["id"] = u.id;
  o["username"] = u.username;
  o["display_name"] = u.display_name;
  o["unit_id"] = u.unit_id;
  o["unit_name"] = u.unit_name;
  o["position"] = u.position;
  o["mobile"] = u.mobile;
  o["email"] = u.email;
  o["is_sysadmin"] = u.is_sysadmin;
  o["active"] = u.active;
  o["must_change_password"] = u.must_change_password;
  o["version"] = u.version;
  o["created_at"] = timeutil::UtcToApi(u.created_at);
  o["updated_at"] = timeutil::UtcToApi(u.updated_at);
  json::array grants;
  for (const auto& g : u.grants) {
    grants.push_back(json::object{{"unit_id", g.unit_id},
                                  {"unit_name", g.unit_name},
                                  {"unit_kind", g.unit_kind},
                                  {"role", RoleCode(g.role)},
                                  {"role_name", RoleName(g.role)}});
  }
  o["grants"] = std::move(grants);
  if (u.manageable) o["manageable"] = *u.manageable;
  return o;
}

std::optional<User> UserService::Load(db::Session& s, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT " << kUserColumns
                       << " FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = :id",
       soci::use(id));
  for (const auto& r : rs) {
    User u = ReadUser(r);
    LoadGrantViews(s, u);
    return u;
  }
  return std::nullopt;
}

Result<std::pair<std::vector<User>, std::int64_t>> UserService::List(const Principal& p,
                                                                     const ListQuery& q) {
  db::Session s(db_);
  if (!p.is_sysadmin && !p.HasRoleAnywhere({Role::kUnitAdmin})) return Error::Forbidden();
  std::optional<Id> root = q.unit_id;
  if (root) VW_RETURN_IF_ERROR(scope_.Require(s, p, *root, {Role::kUnitAdmin}));
  // Users whose home unit is under one of the caller's unit_admin grants,
  // optionally narrowed to one subtree and a keyword.
  std::string where = " WHERE " +
                      org::Scope::SubtreeCondition("u.unit_id", /*unit_admin_only=*/true) +
                      " AND " + org::Scope::UnderCondition("u.unit_id") +
                      " AND (:kw = '' OR u.username LIKE :kw2 OR u.display_name LIKE :kw3)";
  int sys = org::Scope::AllFlag(p);
  Id root_id = root.value_or(0);
  std::string kw = q.keyword;
  std::string like = "%" + q.keyword + "%";
  std::int64_t total = 0;
  s.sql() << "SELECT COUNT(*) FROM users u" << where, soci::use(sys), soci::use(p.user_id),
      soci::use(root_id), soci::use(root_id), soci::use(kw), soci::use(like), soci::use(like),
      soci::into(total);
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT " << kUserColumns << " FROM users u JOIN units un ON un.id = "
                       << "u.unit_id" << where
                       << " ORDER BY u.unit_id, u.id LIMIT :lim OFFSET :off",
       soci::use(sys), soci::use(p.user_id), soci::use(root_id), soci::use(root_id), soci::use(kw),
       soci::use(like), soci::use(like), soci::use(q.limit), soci::use(q.offset));
  std::vector<User> users;
  for (const auto& r : rs) users.push_back(ReadUser(r));
  AdminReach reach(s, scope_, p);
  for (auto& u : users) {
    LoadGrantViews(s, u);
    u.manageable = reach.Manage(u).ok();
  }
  return std::make_pair(std::move(users), total);
}

Result<User> UserService::Get(const Principal& p, Id id) {
  db::Session s(db_);
  auto user = Load(s, id);
  AdminReach reach(s, scope_, p);
  if (!user || !reach.Sees(*user)) return UnknownUser(p);
  user->manageable = reach.Manage(*user).ok();
  return *user;
}

Status UserService::CheckGrants(db::Session& s, const Principal& p,
                                const std::vector<Grant>& grants) {
  for (const auto& g : grants) {
    auto allowed = scope_.Require(s, p, g.unit_id, {Role::kUnitAdmin});
    if (!allowed) return Error{ErrorCode::kForbidden, "不能在管理范围以外的单位授予角色", "grants"};
  }
  return Ok();
}

Status UserService::CheckCreate(db::Session& s, const Principal& p, const UserInput& input) {
  auto unit_allowed = scope_.Require(s, p, input.unit_id, {Role::kUnitAdmin});
  if (!unit_allowed)
    return Error{ErrorCode::kForbidden, "不能在管理范围以外的单位创建用户", "unit_id"};
  VW_RETURN_IF_ERROR(CheckGrants(s, p, input.grants));
  int taken = 0;
  s.sql() << "SELECT COUNT(*) FROM users WHERE username = :u", soci::use(input.username),
      soci::into(taken);
  if (taken > 0) return Error::Conflict("用户名“" + input.username + "”已被使用", "username");
  return Ok();
}

Result<User> UserService::Create(const Principal& p, const UserInput& input) {
  // Refuse before hashing (Argon2 costs 64 MiB and a tenth of a second), and
  // hash outside the write transaction, which would hold the database lock.
  UserInput hashed = input;
  {
    db::Session s(db_);
    VW_RETURN_IF_ERROR(CheckCreate(s, p, input));
  }
  if (hashed.password_hash.empty()) hashed.password_hash = HashPassword(input.password);
  db::Session s(db_);
  db::Transaction tx(s);
  auto user = CreateIn(s, p, hashed);
  if (user) tx.Commit();
  return user;
}

Result<User> UserService::CreateIn(db::Session& s, const Principal& p, const UserInput& input) {
  VW_RETURN_IF_ERROR(CheckCreate(s, p, input));
  std::string hash =
      input.password_hash.empty() ? HashPassword(input.password) : input.password_hash;
  std::string now = timeutil::NowUtc();
  int active = input.active ? 1 : 0;
  Id id = 0;
  s.sql() << "INSERT INTO users (username, display_name, unit_id, position, mobile, email, "
             "password_hash, is_sysadmin, active, must_change_password, version, created_at, "
             "updated_at) VALUES (:u, :d, :unit, :pos, :m, :e, :h, 0, :a, 1, 1, :c, :n) "
             "RETURNING id",
      soci::use(input.username), soci::use(input.display_name), soci::use(input.unit_id),
      soci::use(input.position), soci::use(input.mobile), soci::use(input.email), soci::use(hash),
      soci::use(active), soci::use(now), soci::use(now), soci::into(id);
  for (const auto& g : input.grants) {
    std::string role = RoleCode(g.role);
    s.sql() << "INSERT INTO grants (user_id, unit_id, role, created_at) VALUES (:u, :unit, :r, "
               ":c) ON CONFLICT (user_id, unit_id, role) DO NOTHING",
        soci::use(id), soci::use(g.unit_id), soci::use(role), soci::use(now);
  }
  json::object detail{{"username", input.username},
                      {"display_name", input.display_name},
                      {"unit_id", input.unit_id},
                      {"grants", GrantsJson(input.grants)}};
  audit::Record(s, p, {"create", "user", id, input.unit_id, "新建用户 " + input.username, detail});
  return *Load(s, id);
}

Result<User> UserService::Update(const Principal& p, Id id, int version, const UserInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto current = Load(s, id);
  AdminReach reach(s, scope_, p);
  if (!current || !reach.Sees(*current)) return UnknownUser(p);
  VW_RETURN_IF_ERROR(reach.Manage(*current));
  const Error stale = Error::Conflict("该用户的信息已被他人修改，请刷新后重试", "version");
  if (current->version != version) return stale;
  if (input.unit_id != current->unit_id) {
    auto allowed = scope_.Require(s, p, input.unit_id, {Role::kUnitAdmin});
    if (!allowed)
      return Error{ErrorCode::kForbidden, "不能把用户移到管理范围以外的单位", "unit_id"};
  }
  VW_RETURN_IF_ERROR(CheckGrants(s, p, input.grants));
  if (p.user_id == id && !input.active) {
    return Error::Invalid("active", "不能停用自己的账号");
  }

  std::string now = timeutil::NowUtc();
  int active = input.active ? 1 : 0;
  // Only from the version read: on PostgreSQL a concurrent writer's UPDATE
  // waits for this one's commit, then finds the version changed.
  soci::statement st =
      (s.sql().prepare << "UPDATE users SET display_name = :d, unit_id = :unit, position = :pos, "
                          "mobile = :m, email = :e, active = :a, version = version + 1, "
                          "updated_at = :n WHERE id = :id AND version = :v",
       soci::use(input.display_name), soci::use(input.unit_id), soci::use(input.position),
       soci::use(input.mobile), soci::use(input.email), soci::use(active), soci::use(now),
       soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale;

  // Replace the grants (Manage has checked the caller reaches all of them).
  std::vector<Grant> before;
  for (const auto& g : current->grants) before.push_back({g.unit_id, g.role});
  for (const auto& g : before) {
    std::string role = RoleCode(g.role);
    s.sql() << "DELETE FROM grants WHERE user_id = :u AND unit_id = :unit AND role = :r",
        soci::use(id), soci::use(g.unit_id), soci::use(role);
  }
  for (const auto& g : input.grants) {
    std::string role = RoleCode(g.role);
    s.sql() << "INSERT INTO grants (user_id, unit_id, role, created_at) VALUES (:u, :unit, :r, "
               ":c) ON CONFLICT (user_id, unit_id, role) DO NOTHING",
        soci::use(id), soci::use(g.unit_id), soci::use(role), soci::use(now);
  }
  if (!input.active) s.sql() << "DELETE FROM sessions WHERE user_id = :u", soci::use(id);

  json::object changes;
  audit::Diff(changes, "display_name", json::value(current->display_name),
              json::value(input.display_name));
  audit::Diff(changes, "unit_id", json::value(current->unit_id), json::value(input.unit_id));
  audit::Diff(changes, "position", json::value(current->position), json::value(input.position));
  audit::Diff(changes, "mobile", json::value(current->mobile), json::value(input.mobile));
  audit::Diff(changes, "email", json::value(current->email), json::value(input.email));
  audit::Diff(changes, "active", json::value(current->active), json::value(input.active));
  auto updated = Load(s, id);
  std::vector<Grant> after;
  for (const auto& g : updated->grants) after.push_back({g.unit_id, g.role});
  audit::Diff(changes, "grants", GrantsJson(before), GrantsJson(after));
  audit::Record(s, p,
                {"update", "user", id, input.unit_id, "修改用户 " + current->username, changes});
  tx.Commit();
  updated->manageable = reach.Manage(*updated).ok();
  return *updated;
}

Result<User> UserService::CheckReset(db::Session& s, const Principal& p, Id id) {
  auto user = Load(s, id);
  AdminReach reach(s, scope_, p);
  if (!user || !reach.Sees(*user)) return UnknownUser(p);
  if (id == p.user_id) {
    // Resetting needs no old password: not a way to change one's own.
    return Error::Forbidden("不能重置自己的密码，请在“修改密码”中输入原密码后修改");
  }
  VW_RETURN_IF_ERROR(reach.Manage(*user));
  return *user;
}

Status UserService::ResetPassword(const Principal& p, Id id, std::string_view password) {
  VW_RETURN_IF_ERROR(CheckPasswordPolicy(password, "password"));
  {
    // Refuse before hashing, and hash outside the write transaction.
    db::Session s(db_);
    VW_RETURN_IF_ERROR(CheckReset(s, p, id));
  }
  std::string hash = HashPassword(password);
  db::Session s(db_);
  db::Transaction tx(s);
  auto user = CheckReset(s, p, id);
  if (!user) return user.error();
  std::string now = timeutil::NowUtc();
  s.sql() << "UPDATE users SET password_hash = :h, must_change_password = 1, version = version "
             "+ 1, updated_at = :n WHERE id = :id",
      soci::use(hash), soci::use(now), soci::use(id);
  s.sql() << "DELETE FROM sessions WHERE user_id = :u", soci::use(id);
  audit::Record(s, p,
                {"reset_password", "user", id, user->unit_id,
                 "重置用户 " + user->username + " 的密码", nullptr});
  tx.Commit();
  return Ok();
}

}  // namespace vw::auth
