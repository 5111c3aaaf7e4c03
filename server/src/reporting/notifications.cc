// In-app notifications of the reporting workflow (submissions.h): the
// latest ones of the units a user holds grants on, and per-user read marks.
#include "core/time.h"
#include "reporting/submissions.h"

namespace vw::reporting {

namespace json = boost::json;

json::object ToJson(const Notification& n) {
  return {{"id", n.id},
          {"unit_id", n.unit_id},
          {"unit_name", n.unit_name},
          {"kind", n.kind},
          {"title", n.title},
          {"body", n.body},
          {"link", n.link},
          {"created_at", timeutil::UtcToApi(n.created_at)},
          {"read_at", n.read_at.empty() ? "" : timeutil::UtcToApi(n.read_at)}};
}

Result<std::vector<Notification>> SubmissionService::Notifications(const Principal& p) {
  db::Session s(db_);
  std::vector<Notification> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT n.id, n.unit_id, u.name, n.kind, n.title, n.body, n.link, "
              "n.created_at, COALESCE(r.read_at, '') FROM notifications n JOIN units u "
              "ON u.id = n.unit_id LEFT JOIN notification_reads r ON r.notification_id "
              "= n.id AND r.user_id = :reader WHERE n.unit_id IN (SELECT unit_id FROM "
              "grants WHERE user_id = :p) ORDER BY n.created_at DESC, n.id DESC LIMIT 50",
       soci::use(p.user_id), soci::use(p.user_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Int(r, 1), db::Str(r, 2), db::Str(r, 3), db::Str(r, 4),
                   db::Str(r, 5), db::Str(r, 6), db::Str(r, 7), db::Str(r, 8)});
  }
  return out;
}

Result<Notification> SubmissionService::MarkRead(const Principal& p, Id notification_id) {
  db::Session s(db_);
  // Visible to the user when it went to a unit the user holds a grant on,
  // however old it is.
  auto one = [&]() -> std::optional<Notification> {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT n.id, n.unit_id, u.name, n.kind, n.title, n.body, n.link, "
                            "n.created_at, COALESCE(r.read_at, '') FROM notifications n JOIN "
                            "units u ON u.id = n.unit_id LEFT JOIN notification_reads r ON "
                            "r.notification_id = n.id AND r.user_id = :reader WHERE n.id = :id "
                            "AND n.unit_id IN (SELECT unit_id FROM grants WHERE user_id = :p)",
         soci::use(p.user_id), soci::use(notification_id), soci::use(p.user_id));
    for (const auto& r : rs) {
      return Notification{db::Int(r, 0), db::Int(r, 1), db::Str(r, 2), db::Str(r, 3), db::Str(r, 4),
                          db::Str(r, 5), db::Str(r, 6), db::Str(r, 7), db::Str(r, 8)};
    }
    return std::nullopt;
  };
  if (!one()) return Error::Forbidden();
  std::string now = timeutil::NowUtc();
  s.sql() << "INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES (:id, :u, "
             ":now) ON CONFLICT DO NOTHING",
      soci::use(notification_id), soci::use(p.user_id), soci::use(now);
  return *one();
}

}  // namespace vw::reporting
