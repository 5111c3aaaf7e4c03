#include "auth/user_store.h"

namespace vw::auth::store {
namespace {

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

// Users whose home unit is under one of the caller's unit_admin grants,
// optionally narrowed to one subtree and a keyword. Binds, in order: the
// scope flag, the user, the root twice, the keyword, its LIKE pattern twice.
std::string ListWhere() {
  return " WHERE " + org::Scope::SubtreeCondition("u.unit_id", /*unit_admin_only=*/true) + " AND " +
         org::Scope::UnderCondition("u.unit_id") +
         " AND (:kw = '' OR u.username LIKE :kw2 OR u.display_name LIKE :kw3)";
}

}  // namespace

std::optional<User> LoadUser(db::Session& s, Id id) {
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

std::int64_t CountUsers(db::Session& s, const Principal& p, Id root, const std::string& keyword) {
  int all = org::Scope::AllFlag(p);
  std::string like = "%" + keyword + "%";
  std::int64_t total = 0;
  s.sql() << "SELECT COUNT(*) FROM users u" << ListWhere(), soci::use(all), soci::use(p.user_id),
      soci::use(root), soci::use(root), soci::use(keyword), soci::use(like), soci::use(like),
      soci::into(total);
  return total;
}

std::vector<User> ListUsers(db::Session& s, const Principal& p, Id root, const std::string& keyword,
                            std::int64_t limit, std::int64_t offset) {
  int all = org::Scope::AllFlag(p);
  std::string like = "%" + keyword + "%";
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT " << kUserColumns
                       << " FROM users u JOIN units un ON un.id = u.unit_id" << ListWhere()
                       << " ORDER BY u.unit_id, u.id LIMIT :lim OFFSET :off",
       soci::use(all), soci::use(p.user_id), soci::use(root), soci::use(root), soci::use(keyword),
       soci::use(like), soci::use(like), soci::use(limit), soci::use(offset));
  std::vector<User> users;
  for (const auto& r : rs) users.push_back(ReadUser(r));
  return users;
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

bool UsernameTaken(db::Session& s, std::string_view username) {
  std::string name(username);
  int taken = 0;
  s.sql() << "SELECT COUNT(*) FROM users WHERE username = :u", soci::use(name), soci::into(taken);
  return taken > 0;
}

Id InsertUser(db::Session& s, const UserInput& in, const std::string& password_hash,
              const std::string& now) {
  int active = in.active ? 1 : 0;
  Id id = 0;
  s.sql() << "INSERT INTO users (username, display_name, unit_id, position, mobile, email, "
             "password_hash, is_sysadmin, active, must_change_password, version, created_at, "
             "updated_at) VALUES (:u, :d, :unit, :pos, :m, :e, :h, 0, :a, 1, 1, :c, :n) "
             "RETURNING id",
      soci::use(in.username), soci::use(in.display_name), soci::use(in.unit_id),
      soci::use(in.position), soci::use(in.mobile), soci::use(in.email), soci::use(password_hash),
      soci::use(active), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool UpdateUser(db::Session& s, Id id, int version, const UserInput& in, const std::string& now) {
  int active = in.active ? 1 : 0;
  soci::statement st =
      (s.sql().prepare << "UPDATE users SET display_name = :d, unit_id = :unit, position = :pos, "
                          "mobile = :m, email = :e, active = :a, version = version + 1, "
                          "updated_at = :n WHERE id = :id AND version = :v",
       soci::use(in.display_name), soci::use(in.unit_id), soci::use(in.position),
       soci::use(in.mobile), soci::use(in.email), soci::use(active), soci::use(now), soci::use(id),
       soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void InsertGrants(db::Session& s, Id user_id, const std::vector<Grant>& grants,
                  const std::string& now) {
  for (const auto& g : grants) {
    std::string role = RoleCode(g.role);
    s.sql() << "INSERT INTO grants (user_id, unit_id, role, created_at) VALUES (:u, :unit, :r, "
               ":c) ON CONFLICT (user_id, unit_id, role) DO NOTHING",
        soci::use(user_id), soci::use(g.unit_id), soci::use(role), soci::use(now);
  }
}

void DeleteGrants(db::Session& s, Id user_id, const std::vector<Grant>& grants) {
  for (const auto& g : grants) {
    std::string role = RoleCode(g.role);
    s.sql() << "DELETE FROM grants WHERE user_id = :u AND unit_id = :unit AND role = :r",
        soci::use(user_id), soci::use(g.unit_id), soci::use(role);
  }
}

void SetPassword(db::Session& s, Id user_id, const std::string& hash, bool must_change,
                 const std::string& now) {
  int must = must_change ? 1 : 0;
  s.sql() << "UPDATE users SET password_hash = :h, must_change_password = :m, updated_at = :n, "
             "version = version + 1 WHERE id = :id",
      soci::use(hash), soci::use(must), soci::use(now), soci::use(user_id);
}

std::optional<Credentials> FindCredentials(db::Session& s, const std::string& username) {
  Credentials c;
  int active = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT id, password_hash, active FROM users WHERE username = :u", soci::use(username),
      soci::into(c.user_id, ind), soci::into(c.password_hash), soci::into(active);
  if (!s.sql().got_data()) return std::nullopt;
  c.active = active != 0;
  return c;
}

std::string PasswordHash(db::Session& s, Id user_id) {
  std::string hash;
  s.sql() << "SELECT password_hash FROM users WHERE id = :id", soci::use(user_id), soci::into(hash);
  return s.sql().got_data() ? hash : std::string();
}

class SessionLookups::Lookup {
 public:
  explicit Lookup(db::Session& s)
      : st_((s.sql().prepare << "SELECT s.user_id, s.csrf_token, s.expires_at, s.created_at, "
                                "s.last_seen_at, u.username, u.display_name, u.unit_id, "
                                "u.is_sysadmin, u.active, u.must_change_password, g.unit_id, "
                                "g.role FROM sessions s JOIN users u ON u.id = s.user_id "
                                "LEFT JOIN grants g ON g.user_id = s.user_id "
                                "WHERE s.token_hash = :k ORDER BY g.id",
             soci::use(key_), soci::into(user_id_), soci::into(csrf_), soci::into(expires_),
             soci::into(created_), soci::into(seen_), soci::into(username_),
             soci::into(display_name_), soci::into(unit_id_), soci::into(sysadmin_),
             soci::into(active_), soci::into(must_change_), soci::into(grant_unit_, grant_ind_),
             soci::into(role_, role_ind_))) {}

  // Reads every row, so that on SQLite the statement ends its read.
  std::optional<SessionRow> Find(const std::string& token_hash) {
    key_ = token_hash;
    std::optional<SessionRow> out;
    for (bool more = st_.execute(true); more; more = st_.fetch()) {
      if (!out) {
        out.emplace();
        Principal& p = out->principal;
        p.user_id = user_id_;
        p.csrf_token = csrf_;
        out->expires_at = expires_;
        out->created_at = created_;
        out->last_seen_at = seen_;
        p.username = username_;
        p.display_name = display_name_;
        p.home_unit_id = unit_id_;
        p.is_sysadmin = sysadmin_ != 0;
        out->active = active_ != 0;
        p.must_change_password = must_change_ != 0;
        p.session_key = token_hash;
      }
      if (grant_ind_ == soci::i_ok && role_ind_ == soci::i_ok) {
        if (auto role = ParseRole(role_)) out->principal.grants.push_back({grant_unit_, *role});
      }
    }
    return out;
  }

 private:
  std::string key_;
  Id user_id_ = 0, unit_id_ = 0, grant_unit_ = 0;
  std::string csrf_, expires_, created_, seen_, username_, display_name_, role_;
  int sysadmin_ = 0, active_ = 0, must_change_ = 0;
  soci::indicator grant_ind_ = soci::i_null, role_ind_ = soci::i_null;
  soci::statement st_;
};

SessionLookups::SessionLookups() = default;
SessionLookups::~SessionLookups() = default;

std::optional<SessionRow> SessionLookups::Find(db::Session& s, const std::string& token_hash) {
  if (s.backend() != db::Backend::kSqlite) return Lookup(s).Find(token_hash);
  Lookup* lookup = nullptr;
  {
    std::lock_guard lock(mu_);
    auto& kept = kept_[&s.sql()];
    if (!kept) kept = std::make_unique<Lookup>(s);
    lookup = kept.get();
  }
  try {
    return lookup->Find(token_hash);
  } catch (...) {
    std::lock_guard lock(mu_);
    kept_.erase(&s.sql());  // prepared again next time, from a clean state
    throw;
  }
}

void InsertSession(db::Session& s, const std::string& token_hash, Id user_id,
                   const std::string& csrf, const std::string& now, const std::string& expires,
                   const std::string& ip, const std::string& user_agent) {
  s.sql() << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
             "last_seen_at, ip, user_agent) VALUES (:k, :u, :c, :n, :e, :n2, :ip, :ua)",
      soci::use(token_hash), soci::use(user_id), soci::use(csrf), soci::use(now),
      soci::use(expires), soci::use(now), soci::use(ip), soci::use(user_agent);
}

void TouchSession(db::Session& s, const std::string& token_hash, const std::string& now,
                  const std::string& expires) {
  s.sql() << "UPDATE sessions SET last_seen_at = :n, expires_at = :e WHERE token_hash = :k",
      soci::use(now), soci::use(expires), soci::use(token_hash);
}

void DeleteSession(db::Session& s, const std::string& token_hash) {
  s.sql() << "DELETE FROM sessions WHERE token_hash = :k", soci::use(token_hash);
}

void DeleteSessionsOf(db::Session& s, Id user_id, const std::string& keep_token_hash) {
  s.sql() << "DELETE FROM sessions WHERE user_id = :u AND token_hash <> :k", soci::use(user_id),
      soci::use(keep_token_hash);
}

std::optional<Id> FirstRootUnit(db::Session& s) {
  Id unit_id = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT MIN(id) FROM units WHERE parent_id IS NULL", soci::into(unit_id, ind);
  if (ind == soci::i_null) return std::nullopt;
  return unit_id;
}

void PromoteToAdmin(db::Session& s, const std::string& username, const std::string& hash,
                    const std::string& now) {
  s.sql() << "UPDATE users SET password_hash = :h, is_sysadmin = 1, active = 1, updated_at = :n, "
             "version = version + 1 WHERE username = :u",
      soci::use(hash), soci::use(now), soci::use(username);
}

void InsertAdmin(db::Session& s, const std::string& username, const std::string& display_name,
                 Id unit_id, const std::string& hash, const std::string& now) {
  s.sql() << "INSERT INTO users (username, display_name, unit_id, password_hash, is_sysadmin, "
             "active, must_change_password, version, created_at, updated_at) VALUES (:u, :d, "
             ":unit, :h, 1, 1, 0, 1, :c, :n)",
      soci::use(username), soci::use(display_name), soci::use(unit_id), soci::use(hash),
      soci::use(now), soci::use(now);
}

}  // namespace vw::auth::store
