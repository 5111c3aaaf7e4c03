#include "auth/auth_routes.h"

#include <set>

#include "core/crypto.h"
#include "http/reply.h"
#include "org/org.h"

namespace vw::auth {
namespace {

namespace json = boost::json;
using http::Access;
using http::JsonError;
using http::JsonOk;
using http::RequestContext;
using http::Response;
using http::Verb;

bool IsStateChanging(Verb v) { return v != Verb::get && v != Verb::head && v != Verb::options; }

constexpr const char* kMePath = "/api/auth/me";
constexpr const char* kPasswordPath = "/api/auth/password";
constexpr const char* kLogoutPath = "/api/auth/logout";

// What a user who must set a new password (after an administrator's reset,
// or a new account's first login) may do until then.
bool AllowedBeforePasswordChange(const http::Route& route) {
  return (route.method == Verb::get && route.pattern == kMePath) ||
         (route.method == Verb::post &&
          (route.pattern == kPasswordPath || route.pattern == kLogoutPath));
}

// The units of the user's grants that head a reporting chain
// (org::kChainRootCondition, as the province overview finds its roots).
std::set<Id> ChainRootsGranted(db::Session& s, Id user_id) {
  std::set<Id> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT DISTINCT u.id FROM grants g JOIN units u ON u.id = g.unit_id "
                          "WHERE g.user_id = :u AND "
                       << org::kChainRootCondition,
       soci::use(user_id));
  for (const auto& r : rs) out.insert(db::Int(r, 0));
  return out;
}

json::object MeJson(db::Database& db, const Principal& p) {
  db::Session s(db);
  json::object o;
  auto user = UserService::Load(s, p.user_id);
  if (user) o = ToJson(*user);
  if (json::array* grants = o.contains("grants") ? o["grants"].if_array() : nullptr) {
    std::set<Id> roots = ChainRootsGranted(s, p.user_id);
    for (auto& g : *grants) {
      json::object& grant = g.as_object();
      grant["chain_root"] = roots.count(grant.at("unit_id").to_number<Id>()) > 0;
    }
  }
  o["csrf_token"] = p.csrf_token;
  return o;
}

// What the guard checks of an authenticated caller besides the session:
// the password change, the route's role and, on a state-changing request,
// the CSRF token sent.
Status Admit(const Principal& principal, const http::Route& route, Verb method,
             std::string_view csrf_sent) {
  if (principal.must_change_password && !AllowedBeforePasswordChange(route)) {
    return Error{ErrorCode::kMustChangePassword,
                 "请先修改密码后再继续操作（首次登录或密码已被重置）", ""};
  }
  if (route.options.access == Access::kSysadmin && !principal.is_sysadmin) {
    return Error::Forbidden("该操作需要系统管理员权限");
  }
  if (IsStateChanging(method)) {
    if (csrf_sent.empty() || !ConstantTimeEquals(csrf_sent, principal.csrf_token)) {
      return Error::Forbidden("缺少或无效的安全令牌（CSRF），请刷新页面后重试");
    }
  }
  return Ok();
}

}  // namespace

http::Guard MakeAuthGuard(AccountService& accounts) {
  return [&accounts](RequestContext& ctx, const http::Route& route) -> Status {
    if (route.options.access == Access::kPublic) return Ok();
    std::string_view token = ctx.Cookie(kSessionCookie);
    if (token.empty()) return Error::Unauthenticated();
    std::string_view csrf = ctx.Header(kCsrfHeader);
    Verb method = ctx.method();
    if (route.options.session_in_work) {
      if (IsStateChanging(method) && csrf.empty()) {
        return Error::Forbidden("缺少或无效的安全令牌（CSRF），请刷新页面后重试");
      }
      // Copies: the check may run after the request's buffers are gone.
      ctx.set_session_check([&accounts, &route, method, token = std::string(token),
                             csrf = std::string(csrf), ip = ctx.client_ip(),
                             request_id = ctx.request_id()](db::Session& s) -> Result<Principal> {
        auto principal = accounts.AuthenticateIn(s, token);
        if (!principal) return principal.error();
        VW_RETURN_IF_ERROR(Admit(*principal, route, method, csrf));
        principal->ip = ip;
        principal->request_id = request_id;
        return principal;
      });
      return Ok();
    }
    auto principal = accounts.Authenticate(token);
    if (!principal) return principal.error();
    VW_RETURN_IF_ERROR(Admit(*principal, route, method, csrf));
    principal->ip = ctx.client_ip();
    principal->request_id = ctx.request_id();
    ctx.set_principal(std::move(*principal));
    return Ok();
  };
}

void RegisterAuthRoutes(http::Router& router, AccountService& accounts, UserService& users,
                        db::Database& db) {
  router.Add(Verb::post, "/api/auth/login",
             {"登录；成功后设置会话 Cookie 并返回当前用户与 CSRF 令牌", "auth", Access::kPublic,
              16 * 1024, /*offload=*/true},
             [&accounts, &db](RequestContext& ctx) {
               auto body = ctx.JsonBody();
               if (!body) return JsonError(body.error());
               FieldReader in(*body);
               std::string username = in.RequiredString("username", "用户名", 64);
               std::string password = in.RequiredString("password", "密码", 128);
               if (!in.status()) return JsonError(in.status().error());
               auto login = accounts.Login(username, password, ctx.client_ip(),
                                           ctx.Header(http::beast_http::field::user_agent));
               if (!login) return JsonError(login.error());
               Response r = JsonOk(MeJson(db, login->principal));
               for (auto& c : accounts.SessionCookies(*login)) r.AddHeader("Set-Cookie", c);
               return r;
             });

  router.Add(Verb::post, kLogoutPath, {"退出登录", "auth"}, [&accounts](RequestContext& ctx) {
    accounts.Logout(ctx.Cookie(kSessionCookie));
    Response r = JsonOk(json::object{});
    for (auto& c : accounts.ClearedCookies()) r.AddHeader("Set-Cookie", c);
    return r;
  });

  router.Add(Verb::get, kMePath, {"当前用户、授权与 CSRF 令牌", "auth"},
             [&db](RequestContext& ctx) { return JsonOk(MeJson(db, ctx.principal())); });

  http::RouteOptions change_password{"修改自己的密码", "auth"};
  change_password.offload = true;
  router.Add(Verb::post, kPasswordPath, change_password, [&accounts](RequestContext& ctx) {
    auto body = ctx.JsonBody();
    if (!body) return JsonError(body.error());
    FieldReader in(*body);
    std::string old_pw = in.RequiredString("old_password", "原密码", 128);
    std::string new_pw = in.RequiredString("new_password", "新密码", 128);
    if (!in.status()) return JsonError(in.status().error());
    auto changed = accounts.ChangePassword(ctx.principal(), old_pw, new_pw);
    if (!changed) return JsonError(changed.error());
    return JsonOk(json::object{});
  });

  router.Add(Verb::get, "/api/roles", {"可授予的角色", "users"}, [](RequestContext&) {
    return http::ReplyListWith(kAllRoles, [](Role r) {
      return json::object{{"code", RoleCode(r)}, {"name", RoleName(r)}};
    });
  });

  router.Add(Verb::get, "/api/users",
             {.summary = "管理范围内的用户（unit_id、keyword、分页）",
              .tag = "users",
              .query = http::Paged({http::Param::Int("unit_id", "单位"),
                                    http::Param::Text("keyword", "搜索关键词", 40)})},
             [&users](RequestContext& ctx) {
               VW_HTTP_TRY(page, ctx.Page());
               VW_HTTP_TRY(unit, ctx.QueryInt("unit_id"));
               VW_HTTP_TRY(keyword, ctx.QueryText("keyword"));
               UserService::ListQuery q;
               q.unit_id = unit;
               q.keyword = keyword;
               q.offset = page.offset();
               q.limit = page.page_size;
               auto list = users.List(ctx.principal(), q);
               if (!list) return JsonError(list.error());
               return http::ReplyList(list->first, list->second);
             });

  router.Add(Verb::get, "/api/users/{id}", {"用户详情", "users"}, [&users](RequestContext& ctx) {
    auto id = ctx.PathId("id");
    if (!id) return JsonError(id.error());
    auto user = users.Get(ctx.principal(), *id);
    if (!user) return JsonError(user.error());
    return JsonOk(ToJson(*user));
  });

  http::RouteOptions create_user{"新建用户并授予角色", "users"};
  create_user.offload = true;
  router.Add(Verb::post, "/api/users", create_user, [&users](RequestContext& ctx) {
    auto body = ctx.JsonBody();
    if (!body) return JsonError(body.error());
    auto input = ParseUserInput(*body, /*creating=*/true);
    if (!input) return JsonError(input.error());
    auto user = users.Create(ctx.principal(), *input);
    if (!user) return JsonError(user.error());
    return JsonOk(ToJson(*user), 201);
  });

  router.Add(Verb::put, "/api/users/{id}", {"修改用户与授权（带 version）", "users"},
             [&users](RequestContext& ctx) {
               auto id = ctx.PathId("id");
               if (!id) return JsonError(id.error());
               auto body = ctx.JsonBody();
               if (!body) return JsonError(body.error());
               VW_HTTP_TRY(version, RequiredVersion(*body));
               auto input = ParseUserInput(*body, /*creating=*/false);
               if (!input) return JsonError(input.error());
               auto user = users.Update(ctx.principal(), *id, version, *input);
               if (!user) return JsonError(user.error());
               return JsonOk(ToJson(*user));
             });

  http::RouteOptions reset_password{"重置用户密码（用户下次登录须修改）", "users"};
  reset_password.offload = true;
  router.Add(Verb::post, "/api/users/{id}/reset-password", reset_password,
             [&users](RequestContext& ctx) {
               auto id = ctx.PathId("id");
               if (!id) return JsonError(id.error());
               auto body = ctx.JsonBody();
               if (!body) return JsonError(body.error());
               FieldReader in(*body);
               std::string pw = in.RequiredString("password", "新密码", 128);
               if (!in.status()) return JsonError(in.status().error());
               auto done = users.ResetPassword(ctx.principal(), *id, pw);
               if (!done) return JsonError(done.error());
               return JsonOk(json::object{});
             });
}

}  // namespace vw::auth
