#include "registration/registration_store.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <limits>

#include "core/time.h"
#include "db/id_list.h"
#include "messages/messages.h"

namespace vw::registration::store {
namespace {

namespace json = boost::json;

constexpr const char* kColumns =
    "r.id, r.activity_id, r.token, r.kind, r.name, r.mobile, r.category, r.guardian_name, "
    "r.school, r.class_name, r.head_count, r.roster, r.status, r.purged, r.created_at, "
    "r.updated_at, r.checked_in, COALESCE(r.short_code, ''), CASE WHEN r.status = 'waiting' THEN "
    "(SELECT COUNT(*) FROM "
    "registrations w WHERE w.activity_id = r.activity_id AND w.status = 'waiting' AND w.id <= "
    "r.id) ELSE 0 END";

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    if (nl > pos) out.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

Registration Read(const soci::row& r) {
  Registration x;
  x.id = db::Int(r, 0);
  x.activity_id = db::Int(r, 1);
  x.token = db::Str(r, 2);
  x.kind = db::Str(r, 3);
  x.name = db::Str(r, 4);
  x.mobile = db::Str(r, 5);
  x.category = db::Str(r, 6);
  x.guardian_name = db::Str(r, 7);
  x.school = db::Str(r, 8);
  x.class_name = db::Str(r, 9);
  x.head_count = static_cast<int>(db::Int(r, 10));
  x.roster = SplitLines(db::Str(r, 11));
  x.status = db::Str(r, 12);
  x.purged = db::Int(r, 13) != 0;
  x.created_at = db::Str(r, 14);
  x.updated_at = db::Str(r, 15);
  x.checked_in = static_cast<int>(db::Int(r, 16));
  x.short_code = db::Str(r, 17);
  x.waiting_position = static_cast<int>(db::Int(r, 18));
  return x;
}

std::vector<Registration> Query(db::Session& s, const std::string& where, Id key) {
  std::vector<Registration> out;
  soci::rowset<soci::row> rs = (s.sql().prepare << std::string("SELECT ") + kColumns +
                                                       " FROM registrations r WHERE " + where,
                                soci::use(key));
  for (const auto& r : rs) out.push_back(Read(r));
  return out;
}

}  // namespace

std::optional<BookingActivity> LoadActivityForBooking(db::Session& s, Id activity_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT unit_id, campaign_id, status, registration_required, capacity, "
                          "ends_at FROM activities WHERE id = :id",
       soci::use(activity_id));
  for (const auto& r : rs) {
    return BookingActivity{db::Int(r, 0),
                           db::Int(r, 1),
                           db::Str(r, 2),
                           db::Int(r, 3) != 0,
                           static_cast<int>(db::Int(r, 4)),
                           db::Str(r, 5)};
  }
  return std::nullopt;
}

std::vector<PublicSeats> LoadPublicSeats(db::Session& s, const std::vector<Id>& ids) {
  std::vector<PublicSeats> out;
  if (ids.empty()) return out;
  auto rs = db::RowsForIds(s,
                           "SELECT a.id, a.registration_required, a.capacity, "
                           "COALESCE(st.confirmed, 0), COALESCE(st.waiting, 0) FROM activities a "
                           "LEFT JOIN activity_seats st ON st.activity_id = a.id WHERE (a.status "
                           "= 'published' OR (a.status = 'cancelled' AND a.published_at IS NOT "
                           "NULL)) AND a.id IN ",
                           ids, " ORDER BY a.id");
  for (const auto& r : rs) {
    PublicSeats x;
    x.activity_id = db::Int(r, 0);
    x.registration_required = db::Int(r, 1) != 0;
    x.capacity = static_cast<int>(db::Int(r, 2));
    x.confirmed = static_cast<int>(db::Int(r, 3));
    x.waiting = static_cast<int>(db::Int(r, 4));
    out.push_back(x);
  }
  return out;
}

Seats LockSeats(db::Session& s, Id activity_id) {
  s.sql() << "INSERT INTO activity_seats (activity_id, confirmed, waiting) VALUES (:a, 0, 0) ON "
             "CONFLICT (activity_id) DO NOTHING",
      soci::use(activity_id);
  Seats seats;
  s.sql() << "SELECT confirmed, waiting FROM activity_seats WHERE activity_id = :a"
          << s.ForUpdate(),
      soci::use(activity_id), soci::into(seats.confirmed), soci::into(seats.waiting);
  return seats;
}

void AddSeats(db::Session& s, Id activity_id, int confirmed_delta, int waiting_delta) {
  s.sql() << "UPDATE activity_seats SET confirmed = confirmed + :c, waiting = waiting + :w WHERE "
             "activity_id = :a",
      soci::use(confirmed_delta), soci::use(waiting_delta), soci::use(activity_id);
}

bool HasActiveRegistration(db::Session& s, Id activity_id, const std::string& mobile) {
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM registrations WHERE activity_id = :a AND mobile = :m AND "
             "status <> 'cancelled' AND purged = 0",
      soci::use(activity_id), soci::use(mobile), soci::into(n);
  return n > 0;
}

Id InsertRegistration(db::Session& s, Id activity_id, const RegistrationInput& in,
                      const std::string& token, const std::string& short_code,
                      const std::string& status) {
  std::string now = timeutil::NowUtc();
  std::string roster;
  for (const auto& name : in.roster) roster += name + "\n";
  Id id = 0;
  s.sql() << "INSERT INTO registrations (activity_id, token, short_code, kind, name, mobile, "
             "category, guardian_name, school, class_name, head_count, roster, status, "
             "consent_at, purged, created_at, updated_at) VALUES (:a, :t, :sc, :k, :n, :m, :c, "
             ":g, :s, :cl, :h, :r, :st, :con, 0, :c1, :c2) RETURNING id",
      soci::use(activity_id), soci::use(token), soci::use(short_code), soci::use(in.kind),
      soci::use(in.name), soci::use(in.mobile), soci::use(in.category), soci::use(in.guardian_name),
      soci::use(in.school), soci::use(in.class_name), soci::use(in.head_count), soci::use(roster),
      soci::use(status), soci::use(now), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool ShortCodeTaken(db::Session& s, Id activity_id, const std::string& code) {
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM registrations WHERE activity_id = :a AND short_code = :c",
      soci::use(activity_id), soci::use(code), soci::into(n);
  return n > 0;
}

std::vector<Id> ActivitiesMissingShortCodes(db::Session& s) {
  std::vector<Id> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT DISTINCT activity_id FROM registrations WHERE short_code IS "
                          "NULL ORDER BY activity_id");
  for (const auto& r : rs) out.push_back(db::Int(r, 0));
  return out;
}

std::vector<Id> RegistrationsMissingShortCodes(db::Session& s, Id activity_id) {
  std::vector<Id> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id FROM registrations WHERE activity_id = :a AND short_code IS "
                          "NULL ORDER BY id",
       soci::use(activity_id));
  for (const auto& r : rs) out.push_back(db::Int(r, 0));
  return out;
}

void SetShortCode(db::Session& s, Id id, const std::string& code) {
  s.sql() << "UPDATE registrations SET short_code = :c WHERE id = :id", soci::use(code),
      soci::use(id);
}

void SetStatus(db::Session& s, Id id, const std::string& status) {
  std::string now = timeutil::NowUtc();
  s.sql() << "UPDATE registrations SET status = :s, updated_at = :now WHERE id = :id",
      soci::use(status), soci::use(now), soci::use(id);
}

void PromoteWaiting(db::Session& s, Id activity_id, int capacity) {
  int confirmed = 0;
  s.sql() << "SELECT confirmed FROM activity_seats WHERE activity_id = :a", soci::use(activity_id),
      soci::into(confirmed);
  int free = capacity == 0 ? std::numeric_limits<int>::max() : capacity - confirmed;
  Id id = 0;
  int heads = 0;
  // The earliest waiting registration that fits in `free` (read again at
  // every execution). Taking it, then the earliest that fits in what is
  // left, and so on, moves up exactly who a walk down the whole list would.
  soci::statement next =
      (s.sql().prepare << "SELECT id, head_count FROM registrations WHERE activity_id = :a AND "
                          "status = 'waiting' AND head_count <= :free ORDER BY id LIMIT 1",
       soci::use(activity_id), soci::use(free), soci::into(id), soci::into(heads));
  while (free > 0 && next.execute(true)) {
    SetStatus(s, id, "confirmed");
    AddSeats(s, activity_id, heads, -heads);
    if (capacity != 0) free -= heads;
    AddNotice(s, id, "promoted", "有名额空出，您的候补报名已转为报名成功，请按时参加。");
  }
}

std::optional<Registration> LoadRegistration(db::Session& s, Id id) {
  auto rows = Query(s, "r.id = :id", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void ResetStatement(db::Session& s, soci::statement& st) {
  if (s.backend() != db::Backend::kSqlite) return;
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (backend && backend->stmt_) sqlite_api::sqlite3_reset(backend->stmt_);
}

TokenLookup::TokenLookup(db::Session& s)
    : st_((s.sql().prepare << std::string("SELECT ") + kColumns +
                                  " FROM registrations r WHERE r.token = :t",
           soci::use(token_), soci::into(row_))) {}

std::optional<Registration> TokenLookup::Find(const std::string& token) {
  token_ = token;
  if (!st_.execute(true)) return std::nullopt;
  return Read(row_);
}

std::optional<Registration> LoadByToken(db::Session& s, const std::string& token) {
  return TokenLookup(s).Find(token);
}

ShortCodeLookup::ShortCodeLookup(db::Session& s, Id activity_id)
    : activity_id_(activity_id),
      st_((s.sql().prepare << std::string("SELECT ") + kColumns +
                                  " FROM registrations r WHERE r.activity_id = :a AND "
                                  "r.short_code = :c",
           soci::use(activity_id_), soci::use(code_), soci::into(row_))) {}

std::optional<Registration> ShortCodeLookup::Find(const std::string& code) {
  code_ = code;
  if (!st_.execute(true)) return std::nullopt;
  return Read(row_);
}

std::vector<Registration> LoadRegistrations(db::Session& s, Id activity_id) {
  return Query(s, "r.activity_id = :a ORDER BY r.id", activity_id);
}

RegistrationPage SearchRegistrations(db::Session& s, Id activity_id, const RegistrationSearch& q) {
  // LIKE patterns with the caller's text escaped; an empty alternative is
  // bound as a value no row has.
  auto escaped = [](const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    return out;
  };
  std::string suffix = q.mobile_suffix.empty() ? "" : "%" + escaped(q.mobile_suffix);
  std::string contains = q.text.empty() ? "" : "%" + escaped(q.text) + "%";
  std::string code = q.code;
  const std::string where =
      " FROM registrations r WHERE r.activity_id = :a AND ((:suffix <> '' AND r.mobile LIKE "
      ":suffix2 ESCAPE '\\') OR (:code <> '' AND r.short_code = :code2) OR (:text <> '' AND "
      "(r.name LIKE :t1 ESCAPE '\\' OR r.school LIKE :t2 ESCAPE '\\' OR r.class_name LIKE :t3 "
      "ESCAPE '\\')))";
  RegistrationPage page;
  s.sql() << "SELECT COUNT(*)" + where, soci::use(activity_id), soci::use(suffix),
      soci::use(suffix), soci::use(code), soci::use(code), soci::use(contains), soci::use(contains),
      soci::use(contains), soci::use(contains), soci::into(page.total);
  int limit = q.limit;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << std::string("SELECT ") + kColumns + where + " ORDER BY r.id LIMIT :n",
       soci::use(activity_id), soci::use(suffix), soci::use(suffix), soci::use(code),
       soci::use(code), soci::use(contains), soci::use(contains), soci::use(contains),
       soci::use(contains), soci::use(limit));
  for (const auto& r : rs) page.items.push_back(Read(r));
  return page;
}

json::object PublicActivity(db::Session& s, Id activity_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT a.id, a.title, u.name, a.starts_at, a.ends_at, a.place_kind, "
                          "a.place, a.online_url, a.status, a.cancel_reason FROM activities a "
                          "JOIN units u ON u.id = a.unit_id WHERE a.id = :id",
       soci::use(activity_id));
  for (const auto& r : rs) {
    return {{"id", db::Int(r, 0)},
            {"title", db::Str(r, 1)},
            {"unit_name", db::Str(r, 2)},
            {"starts_at", timeutil::UtcToApi(db::Str(r, 3))},
            {"ends_at", timeutil::UtcToApi(db::Str(r, 4))},
            {"place_kind", db::Str(r, 5)},
            {"place", db::Str(r, 6)},
            {"online_url", db::Str(r, 7)},
            {"status", db::Str(r, 8)},
            {"cancel_reason", db::Str(r, 9)}};
  }
  return {};
}

std::vector<Notice> LoadNotices(db::Session& s, Id registration_id) {
  std::vector<Notice> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT kind, message, created_at FROM registration_notices WHERE "
                          "registration_id = :r ORDER BY id DESC",
       soci::use(registration_id));
  for (const auto& r : rs) out.push_back({db::Str(r, 0), db::Str(r, 1), db::Str(r, 2)});
  return out;
}

void AddNotice(db::Session& s, Id registration_id, const std::string& kind,
               const std::string& message) {
  std::string now = timeutil::NowUtc();
  s.sql() << "INSERT INTO registration_notices (registration_id, kind, message, created_at) "
             "VALUES (:r, :k, :m, :at)",
      soci::use(registration_id), soci::use(kind), soci::use(message), soci::use(now);
  messages::EnqueueForRegistrants(s, 0, registration_id, kind, message, now);
}

void NotifyAll(db::Session& s, Id activity_id, const std::string& kind,
               const std::string& message) {
  std::string now = timeutil::NowUtc();
  s.sql() << "INSERT INTO registration_notices (registration_id, kind, message, created_at) "
             "SELECT id, :k, :m, :at FROM registrations WHERE activity_id = :a AND status <> "
             "'cancelled'",
      soci::use(kind), soci::use(message), soci::use(now), soci::use(activity_id);
  messages::EnqueueForRegistrants(s, activity_id, 0, kind, message, now);
}

int PurgeEndedBefore(db::Session& s, const std::string& cutoff) {
  std::string now = timeutil::NowUtc();
  soci::statement st =
      (s.sql().prepare << "UPDATE registrations SET name = '', mobile = '', guardian_name = '', "
                          "class_name = '', roster = '', purged = 1, updated_at = :now WHERE "
                          "purged = 0 AND activity_id IN (SELECT a.id FROM activities a JOIN "
                          "campaigns c ON c.id = a.campaign_id WHERE c.ends_on < :cutoff)",
       soci::use(now), soci::use(cutoff));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace vw::registration::store
