#include "audit/audit.h"
#include "auth/auth.h"
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

std::vector<Grant> LoadGrants(db::Session& s, Id user_id) {
  std::vector<Grant> grants;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT unit_id, role FROM grants WHERE user_id = :u ORDER BY id",
       soci::use(user_id));
  for (const auto& r : rs) {
    if (auto role = ParseRole(db::Str(r, 1))) grants.push_back({db::Int(r, 0), *role});
  }
  return grants;
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
    : db_(db), options_(options) {}

Result<LoginResult> AccountService::Login(std::string_view username, std::string_view password,
                                          const std::string& ip, std::string_view user_agent) {
  std::string name(username);
  // Counted as a failure from here until the password proves right.
  auto admission = throttle_.Begin(name, ip);
  if (!admission.admitted) return TooManyAttempts(admission.retry_after);
  db::Session s(db_);
  Id user_id = 0;
  std::string hash;
  int active = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT id, password_hash, active FROM users WHERE username = :u", soci::use(name),
      soci::into(user_id, ind), soci::into(hash), soci::into(active);
  bool found = s.sql().got_data();
  bool ok = VerifyPassword(found ? hash : DummyHash(), password) && found;
  if (!ok || !active) {
    if (ok && !active) return Error::Unauthenticated("该账号已停用，请联系单位管理员");
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
    db::Transaction tx(s);
    s.sql() << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
               "last_seen_at, ip, user_agent) VALUES (:k, :u, :c, :n, :e, :n2, :ip, :ua)",
        soci::use(key), soci::use(user_id), soci::use(csrf), soci::use(now_s), soci::use(expires),
        soci::use(now_s), soci::use(ip), soci::use(ua);
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
  s.sql() << "DELETE FROM sessions WHERE token_hash = :k", soci::use(key);
}

Result<Principal> AccountService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 100) return Error::Unauthenticated();
  std::string key = HashToken(token);
  db::Session s(db_);
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT s.user_id, s.csrf_token, s.expires_at, s.created_at, "
                          "s.last_seen_at, u.username, u.display_name, u.unit_id, "
                          "u.is_sysadmin, u.active, u.must_change_password FROM sessions s "
                          "JOIN users u ON u.id = s.user_id WHERE s.token_hash = :k",
       soci::use(key));
  std::optional<Principal> found;
  std::string expires, created, last_seen;
  bool active = false;
  for (const auto& r : rs) {
    Principal p;
    p.user_id = db::Int(r, 0);
    p.csrf_token = db::Str(r, 1);
    expires = db::Str(r, 2);
    created = db::Str(r, 3);
    last_seen = db::Str(r, 4);
    p.username = db::Str(r, 5);
    p.display_name = db::Str(r, 6);
    p.home_unit_id = db::Int(r, 7);
    p.is_sysadmin = db::Bool(r, 8);
    active = db::Bool(r, 9);
    p.must_change_password = db::Bool(r, 10);
    p.session_key = key;
    found = std::move(p);
  }
  if (!found) return Error::Unauthenticated("登录已失效，请重新登录");
  std::int64_t now = timeutil::NowUnix();
  auto exp = timeutil::ParseUtc(expires);
  auto born = timeutil::ParseUtc(created);
  if (!active || !exp || *exp <= now || !born || now - *born > options_.max_lifetime.count()) {
    s.sql() << "DELETE FROM sessions WHERE token_hash = :k", soci::use(key);
    return Error::Unauthenticated("登录已过期，请重新登录");
  }
  // Slide the idle timeout, writing at most every five minutes.
  auto seen = timeutil::ParseUtc(last_seen);
  if (!seen || now - *seen > 300) {
    std::string now_s = timeutil::FormatUtc(now);
    std::string new_exp = timeutil::FormatUtc(now + options_.idle_timeout.count());
    s.sql() << "UPDATE sessions SET last_seen_at = :n, expires_at = :e WHERE token_hash = :k",
        soci::use(now_s), soci::use(new_exp), soci::use(key);
  }
  found->grants = LoadGrants(s, found->user_id);
  return std::move(*found);
}

Status AccountService::ChangePassword(const Principal& p, std::string_view old_password,
                                      std::string_view new_password) {
  db::Session s(db_);
  std::string hash;
  s.sql() << "SELECT password_hash FROM users WHERE id = :id", soci::use(p.user_id),
      soci::into(hash);
  if (!s.sql().got_data() || !VerifyPassword(hash, old_password)) {
    return Error::Invalid("old_password", "原密码不正确");
  }
  VW_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, "new_password"));
  if (old_password == new_password) {
    return Error::Invalid("new_password", "新密码不能与原密码相同");
  }
  std::string new_hash = HashPassword(new_password);
  std::string now = timeutil::NowUtc();
  db::Transaction tx(s);
  s.sql() << "UPDATE users SET password_hash = :h, must_change_password = 0, updated_at = :n, "
             "version = version + 1 WHERE id = :id",
      soci::use(new_hash), soci::use(now), soci::use(p.user_id);
  s.sql() << "DELETE FROM sessions WHERE user_id = :u AND token_hash <> :k", soci::use(p.user_id),
      soci::use(p.session_key);
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
  Id unit_id = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT MIN(id) FROM units WHERE parent_id IS NULL", soci::into(unit_id, ind);
  if (ind == soci::i_null) {
    return Error::Invalid("unit", "数据库中还没有单位，请先运行 vocweek seed-demo 或导入单位");
  }
  std::string hash = HashPassword(password);
  std::string now = timeutil::NowUtc();
  Id existing = 0;
  s.sql() << "SELECT COUNT(*) FROM users WHERE username = :u", soci::use(name),
      soci::into(existing);
  if (existing > 0) {
    s.sql() << "UPDATE users SET password_hash = :h, is_sysadmin = 1, active = 1, updated_at = "
               ":n, version = version + 1 WHERE username = :u",
        soci::use(hash), soci::use(now), soci::use(name);
  } else {
    s.sql() << "INSERT INTO users (username, display_name, unit_id, password_hash, is_sysadmin, "
               "active, must_change_password, version, created_at, updated_at) VALUES (:u, :d, "
               ":unit, :h, 1, 1, 0, 1, :c, :n)",
        soci::use(name), soci::use(display), soci::use(unit_id), soci::use(hash), soci::use(now),
        soci::use(now);
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
