// Accounts: passwords, sessions, users and their grants.
//
// Passwords are Argon2id hashes (libsodium crypto_pwhash_str). A session is a
// random token held by the browser in an HttpOnly, SameSite=Lax cookie; the
// server stores only its hash, with the user's CSRF token, in the sessions
// table, so any server process sharing the database can check it. Logging
// out deletes the row: the old cookie is refused from then on.
//
// Services are thread-safe; each call leases its own database session.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/login_throttle.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::auth {

namespace store {
class SessionLookups;
}  // namespace store

// Argon2id with libsodium's moderate-interactive parameters, or the minimum
// parameters when fast hashing is on (tests and bulk demo seeding only).
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);
void SetFastPasswordHashing(bool fast);

// At least 8 characters with a letter and a digit; `field` names the JSON field.
Status CheckPasswordPolicy(std::string_view password, std::string_view field);

inline constexpr const char* kSessionCookie = "vw_session";
inline constexpr const char* kCsrfCookie = "vw_csrf";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct SessionOptions {
  std::chrono::seconds idle_timeout{8 * 3600};
  std::chrono::seconds max_lifetime{7 * 24 * 3600};
  bool secure_cookies = false;  // add "Secure" when served over HTTPS
};

struct LoginResult {
  std::string token;  // goes into the session cookie, never stored
  Principal principal;
};

class AccountService {
 public:
  AccountService(db::Database& db, SessionOptions options);

  // Checks the password and opens a session. Each attempt passes the login
  // limits first (LoginThrottle: per account and address, with progressive
  // delays); a refused one is kRateLimited with retry_after and a Chinese
  // message saying when to retry, without checking the password.
  Result<LoginResult> Login(std::string_view username, std::string_view password,
                            const std::string& ip, std::string_view user_agent);
  void Logout(std::string_view token);

  // The principal of a live session; kUnauthenticated when the token is
  // unknown, expired or its user deactivated.
  Result<Principal> Authenticate(std::string_view token);
  // The same with the caller's database session, inside its transaction
  // (http::RouteOptions::session_in_work).
  Result<Principal> AuthenticateIn(db::Session& s, std::string_view token);

  // Changes the caller's own password and ends their other sessions.
  Status ChangePassword(const Principal& p, std::string_view old_password,
                        std::string_view new_password);

  // Creates or updates a system administrator (command line).
  Status CreateAdmin(std::string_view username, std::string_view display_name,
                     std::string_view password);

  const SessionOptions& options() const { return options_; }
  // Set-Cookie values for a new session / for clearing it.
  std::vector<std::string> SessionCookies(const LoginResult& login) const;
  std::vector<std::string> ClearedCookies() const;

 private:
  db::Database& db_;
  SessionOptions options_;
  std::shared_ptr<store::SessionLookups> sessions_;  // the lookup of Authenticate
  LoginThrottle throttle_;
};

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  Id unit_id = 0;
  std::string unit_name;
  std::string position;
  std::string mobile;
  std::string email;
  bool is_sysadmin = false;
  bool active = true;
  bool must_change_password = false;
  int version = 1;
  std::string created_at;
  std::string updated_at;
  struct GrantView {
    Id unit_id = 0;
    std::string unit_name;
    std::string unit_kind;
    Role role = Role::kViewer;
  };
  std::vector<GrantView> grants;
  // Whether the caller may manage this user (set by List, Get, Update).
  std::optional<bool> manageable;
};

struct UserInput {
  std::string username;  // create only
  std::string display_name;
  Id unit_id = 0;
  std::string position;
  std::string mobile;
  std::string email;
  bool active = true;
  std::string password;  // create: required; update: ignored
  // Create: when set, stored instead of hashing `password` (imports hash
  // before opening their transaction, so Argon2 never runs under the lock).
  std::string password_hash;
  std::vector<Grant> grants;
};

Result<UserInput> ParseUserInput(const boost::json::object& body, bool creating);
boost::json::object ToJson(const User& user);

// Users are managed by unit administrators within the subtrees of their
// unit_admin grants. They see (List, Get) the users whose home unit lies
// there, each marked `manageable`. Managing a user — updating, changing
// grants, deactivating, resetting the password — needs unit_admin authority
// over the home unit and over every unit where the user holds a grant, so a
// school cannot take over an account that also acts for the city or the
// province; only a system administrator manages a system administrator.
// Grants may be given on units within the caller's subtrees only. A user not
// seen answers like an unknown id (kForbidden; kNotFound for a system
// administrator, who sees everyone). Everyone may Get their own account; no
// one resets their own password (that is ChangePassword, with the old one).
class UserService {
 public:
  UserService(db::Database& db, const org::Scope& scope) : db_(db), scope_(scope) {}

  struct ListQuery {
    std::optional<Id> unit_id;  // only users of this unit's subtree
    std::string keyword;        // username or name contains
    std::int64_t offset = 0;
    std::int64_t limit = 20;
  };
  Result<std::pair<std::vector<User>, std::int64_t>> List(const Principal& p, const ListQuery& q);
  Result<User> Get(const Principal& p, Id id);
  // Hashes the password outside the write transaction (call off the I/O threads).
  Result<User> Create(const Principal& p, const UserInput& input);
  Result<User> CreateIn(db::Session& s, const Principal& p, const UserInput& input);
  Result<User> Update(const Principal& p, Id id, int version, const UserInput& input);
  // Sets a new password that the user must change at next login; ends their
  // sessions. Hashes outside the write transaction (call off the I/O threads).
  Status ResetPassword(const Principal& p, Id id, std::string_view password);

  static std::optional<User> Load(db::Session& s, Id id);

 private:
  Status CheckGrants(db::Session& s, const Principal& p, const std::vector<Grant>& grants);
  // Authority over the new user's unit and grants, and a free username.
  Status CheckCreate(db::Session& s, const Principal& p, const UserInput& input);
  // The user whose password `p` may reset.
  Result<User> CheckReset(db::Session& s, const Principal& p, Id id);

  db::Database& db_;
  const org::Scope& scope_;
};

}  // namespace vw::auth
