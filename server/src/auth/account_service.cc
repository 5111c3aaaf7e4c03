#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/user_store.h"
#include "core/crypto.h"
#include "core/time.h"

namespace vw::auth {
namespace {

// A valid hash of a random password: verified against when the username is
// unknown, so that a missing account takes as long as a wrong password.
const std::string& DummyHash() {
  static const std::string hash = HashPassword(RandomToken(16));
  return hash;
}

// "请在4秒后再试" / "请在3分钟后（18:05以后）再试".
Error TooManyAttempts(std::int64_t retry_after) {
  std::string wait;
  if (retry_after < 60) {
    wait = std::to_string(retry_after) + "秒后";
  } else {
    std::string at = timeutil::FormatShanghaiMinute(timeutil::NowUnix() + retry_after);
    wait =
        std::to_string((retry_after + 59) / 60) + "分钟后（" + at.substr(at.size() - 5) + "以后）";
  }
  Error e{ErrorCode::kRateLimited, "登录尝试过于频繁，为保护账号安全，请在" + wait + "再试", ""};
  e.retry_after = retry_after;
  return e;
}

}  // namespace

AccountService::AccountService(db::Database& db, SessionOptions options)
    : db_(db),
      options_(options),
      sessions_(std::make_shared<store::SessionLookups>()),
      throttle_(LoginThrottle::Limits{}, MakeLoginAttemptStore(db), timeutil::NowUnix) {}

Result<LoginResult> AccountService::Login(std::string_view username, std::string_view password,
                                          const std::string& ip, std::string_view user_agent) {
  std::string name(username);
  // Counted as a failure from here until the password proves right.
  auto admission = throttle_.Begin(name, ip);
  if (!admission.admitted) return TooManyAttempts(admission.retry_after);
  // The session goes back before the password is hashed and before the
  // throttle's store (the database on PostgreSQL) leases one.
  auto account = [&] {
    db::Session s(db_);
    return store::FindCredentials(s, name);
  }();
  bool found = account.has_value();
  bool ok = VerifyPassword(found ? account->password_hash : DummyHash(), password) && found;
  if (!ok || !account->active) {
    if (ok && !account->active) return Error::Unauthenticated("该账号已停用，请联系单位管理员");
    return Error{ErrorCode::kUnauthenticated, "用户名或密码错误", "password"};
  }
  throttle_.Succeeded(name, ip);

  LoginResult out;
  out.token = RandomToken(32);
  std::string key = HashToken(out.token);
  std::string csrf = RandomToken(24);
  std::int64_t now = timeutil::NowUnix();
  std::string now_s = timeutil::FormatUtc(now);
  std::string expires = timeutil::FormatUtc(now + options_.idle_timeout.count());
  std::string ua(user_agent.substr(0, 300));
  {
    db::Session s(db_);
    db::Transaction tx(s);
    Id user_id = account->user_id;
    store::InsertSession(s, key, user_id, csrf, now_s, expires, ip, ua);
    Principal actor;
    actor.user_id = user_id;
    actor.username = name;
    actor.ip = ip;
    audit::Record(s, actor, {"login", "user", user_id, std::nullopt, "登录", nullptr});
    tx.Commit();
  }
  auto principal = Authenticate(out.token);
  if (!principal) return principal.error();
  out.principal = std::move(*principal);
  return out;
}

void AccountService::Logout(std::string_view token) {
  if (token.empty()) return;
  std::string key = HashToken(token);
  db::Session s(db_);
  store::DeleteSession(s, key);
}

Result<Principal> AccountService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 100) return Error::Unauthenticated();
  db::Session s(db_);
  return AuthenticateIn(s, token);
}

Result<Principal> AccountService::AuthenticateIn(db::Session& s, std::string_view token) {
  if (token.empty() || token.size() > 100) return Error::Unauthenticated();
  std::string key = HashToken(token);
  auto row = sessions_->Find(s, key);
  if (!row) return Error::Unauthenticated("登录已失效，请重新登录");
  std::int64_t now = timeutil::NowUnix();
  auto exp = timeutil::ParseUtc(row->expires_at);
  auto born = timeutil::ParseUtc(row->created_at);
  if (!row->active || !exp || *exp <= now || !born || now - *born > options_.max_lifetime.count()) {
    store::DeleteSession(s, key);
    return Error::Unauthenticated("登录已过期，请重新登录");
  }
  // Slide the idle timeout, writing at most every five minutes.
  auto seen = timeutil::ParseUtc(row->last_seen_at);
  if (!seen || now - *seen > 300) {
    store::TouchSession(s, key, timeutil::FormatUtc(now),
                        timeutil::FormatUtc(now + options_.idle_timeout.count()));
  }
  return std::move(row->principal);
}

Status AccountService::ChangePassword(const Principal& p, std::string_view old_password,
                                      std::string_view new_password) {
  db::Session s(db_);
  std::string hash = store::PasswordHash(s, p.user_id);
  if (hash.empty() || !VerifyPassword(hash, old_password)) {
    return Error::Invalid("old_password", "原密码不正确");
  }
  VW_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, "new_password"));
  if (old_password == new_password) {
    return Error::Invalid("new_password", "新密码不能与原密码相同");
  }
  std::string new_hash = HashPassword(new_password);
  db::Transaction tx(s);
  store::SetPassword(s, p.user_id, new_hash, /*must_change=*/false, timeutil::NowUtc());
  store::DeleteSessionsOf(s, p.user_id, p.session_key);
  audit::Record(s, p, {"change_password", "user", p.user_id, p.home_unit_id, "修改密码", nullptr});
  tx.Commit();
  return Ok();
}

Status AccountService::CreateAdmin(std::string_view username, std::string_view display_name,
                                   std::string_view password) {
  VW_RETURN_IF_ERROR(CheckPasswordPolicy(password, "password"));
  std::string name(username), display(display_name);
  if (name.empty()) return Error::Invalid("username", "请填写用户名");
  db::Session s(db_);
  db::Transaction tx(s);
  // A system administrator belongs to the first root unit (the province).
  auto unit_id = store::FirstRootUnit(s);
  if (!unit_id) {
    return Error::Invalid("unit", "数据库中还没有单位，请先运行 vocweek seed-demo 或导入单位");
  }
  std::string hash = HashPassword(password);
  std::string now = timeutil::NowUtc();
  if (store::UsernameTaken(s, name)) {
    store::PromoteToAdmin(s, name, hash, now);
  } else {
    store::InsertAdmin(s, name, display, *unit_id, hash, now);
  }
  audit::Record(s, Principal::System("cli"),
                {"create_admin", "user", std::nullopt, std::nullopt, "命令行设置系统管理员 " + name,
                 nullptr});
  tx.Commit();
  return Ok();
}

std::vector<std::string> AccountService::SessionCookies(const LoginResult& login) const {
  std::string attrs =
      "; Path=/; SameSite=Lax; Max-Age=" + std::to_string(options_.max_lifetime.count()) +
      (options_.secure_cookies ? "; Secure" : "");
  return {std::string(kSessionCookie) + "=" + login.token + attrs + "; HttpOnly",
          std::string(kCsrfCookie) + "=" + login.principal.csrf_token + attrs};
}

std::vector<std::string> AccountService::ClearedCookies() const {
  std::string attrs = "; Path=/; SameSite=Lax; Max-Age=0";
  return {std::string(kSessionCookie) + "=" + attrs + "; HttpOnly",
          std::string(kCsrfCookie) + "=" + attrs};
}

}  // namespace vw::auth
