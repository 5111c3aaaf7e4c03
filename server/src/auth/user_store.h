// SQL for accounts, sessions, users and their grants. Used by AccountService
// and UserService only; callers hold the session (and the transaction when
// writing). Every value is bound.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth.h"

namespace vw::auth::store {

// ---- Users

// The user with its grants (unit names and kinds); nullopt when unknown.
std::optional<User> LoadUser(db::Session& s, Id id);
// Users whose home unit is in the principal's unit_admin subtrees, under
// `root` (0: anywhere), whose username or name contains `keyword`; without
// their grants (LoadGrantViews).
std::int64_t CountUsers(db::Session& s, const Principal& p, Id root, const std::string& keyword);
std::vector<User> ListUsers(db::Session& s, const Principal& p, Id root, const std::string& keyword,
                            std::int64_t limit, std::int64_t offset);
void LoadGrantViews(db::Session& s, User& u);
bool UsernameTaken(db::Session& s, std::string_view username);
// Inserts the user (must change the password at first sign-in); returns its id.
Id InsertUser(db::Session& s, const UserInput& in, const std::string& password_hash,
              const std::string& now);
// Only while the row still has `version` (false otherwise: another writer
// changed it first; on PostgreSQL the UPDATE waits for that writer's commit).
bool UpdateUser(db::Session& s, Id id, int version, const UserInput& in, const std::string& now);
void InsertGrants(db::Session& s, Id user_id, const std::vector<Grant>& grants,
                  const std::string& now);
void DeleteGrants(db::Session& s, Id user_id, const std::vector<Grant>& grants);
// Sets the password hash; `must_change` asks for a new one at next sign-in.
void SetPassword(db::Session& s, Id user_id, const std::string& hash, bool must_change,
                 const std::string& now);

// ---- Accounts and sessions

struct Credentials {
  Id user_id = 0;
  std::string password_hash;
  bool active = false;
};
std::optional<Credentials> FindCredentials(db::Session& s, const std::string& username);
std::string PasswordHash(db::Session& s, Id user_id);  // "" when unknown

struct SessionRow {
  Principal principal;  // user fields; grants not loaded
  std::string expires_at;
  std::string created_at;
  std::string last_seen_at;
  bool active = false;
};
// The session, its user's fields and grants (principal.grants loaded) by
// one statement (a row per grant), prepared once: the auth guard runs it
// on every request. Thread-safe: on SQLite each pooled connection keeps
// its statement prepared (a connection serves one thread at a time); on
// PostgreSQL it is prepared per lookup (a reconnect would lose it).
class SessionLookups {
 public:
  SessionLookups();
  ~SessionLookups();
  SessionLookups(const SessionLookups&) = delete;
  SessionLookups& operator=(const SessionLookups&) = delete;

  std::optional<SessionRow> Find(db::Session& s, const std::string& token_hash);

 private:
  class Lookup;
  std::mutex mu_;
  std::map<soci::session*, std::unique_ptr<Lookup>> kept_;
};
void InsertSession(db::Session& s, const std::string& token_hash, Id user_id,
                   const std::string& csrf, const std::string& now, const std::string& expires,
                   const std::string& ip, const std::string& user_agent);
void TouchSession(db::Session& s, const std::string& token_hash, const std::string& now,
                  const std::string& expires);
void DeleteSession(db::Session& s, const std::string& token_hash);
// Ends every session of the user except `keep_token_hash` ("" ends all).
void DeleteSessionsOf(db::Session& s, Id user_id, const std::string& keep_token_hash = "");

// The first root unit (where a command-line administrator belongs).
std::optional<Id> FirstRootUnit(db::Session& s);
// Makes an existing user a system administrator with this password.
void PromoteToAdmin(db::Session& s, const std::string& username, const std::string& hash,
                    const std::string& now);
void InsertAdmin(db::Session& s, const std::string& username, const std::string& display_name,
                 Id unit_id, const std::string& hash, const std::string& now);

}  // namespace vw::auth::store
