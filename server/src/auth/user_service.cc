#include <map>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/user_store.h"
#include "core/json.h"
#include "core/time.h"

namespace vw::auth {
namespace {

namespace json = boost::json;

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

std::optional<User> UserService::Load(db::Session& s, Id id) { return store::LoadUser(s, id); }

Result<std::pair<std::vector<User>, std::int64_t>> UserService::List(const Principal& p,
                                                                     const ListQuery& q) {
  db::Session s(db_);
  if (!p.is_sysadmin && !p.HasRoleAnywhere({Role::kUnitAdmin})) return Error::Forbidden();
  std::optional<Id> root = q.unit_id;
  if (root) VW_RETURN_IF_ERROR(scope_.Require(s, p, *root, {Role::kUnitAdmin}));
  Id root_id = root.value_or(0);
  std::int64_t total = store::CountUsers(s, p, root_id, q.keyword);
  std::vector<User> users = store::ListUsers(s, p, root_id, q.keyword, q.limit, q.offset);
  AdminReach reach(s, scope_, p);
  for (auto& u : users) {
    store::LoadGrantViews(s, u);
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
  if (store::UsernameTaken(s, input.username))
    return Error::Conflict("用户名“" + input.username + "”已被使用", "username");
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
  Id id = store::InsertUser(s, input, hash, now);
  store::InsertGrants(s, id, input.grants, now);
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
  if (!store::UpdateUser(s, id, version, input, now)) return stale;
  // Replace the grants (Manage has checked the caller reaches all of them).
  std::vector<Grant> before;
  for (const auto& g : current->grants) before.push_back({g.unit_id, g.role});
  store::DeleteGrants(s, id, before);
  store::InsertGrants(s, id, input.grants, now);
  if (!input.active) store::DeleteSessionsOf(s, id);

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
  store::SetPassword(s, id, hash, /*must_change=*/true, timeutil::NowUtc());
  store::DeleteSessionsOf(s, id);
  audit::Record(s, p,
                {"reset_password", "user", id, user->unit_id,
                 "重置用户 " + user->username + " 的密码", nullptr});
  tx.Commit();
  return Ok();
}

}  // namespace vw::auth
