// SQL of the reporting notifications (notification_store.h).
#include "reporting/notification_store.h"

#include "messages/messages.h"

namespace vw::reporting::store {
namespace {

// A notification with its unit's name and the reader's (:reader) mark;
// the WHERE clause follows.
constexpr const char* kNotificationFrom =
    "SELECT n.id, n.unit_id, u.name, n.kind, n.title, n.body, n.link, n.created_at, "
    "COALESCE(r.read_at, '') FROM notifications n JOIN units u ON u.id = n.unit_id LEFT JOIN "
    "notification_reads r ON r.notification_id = n.id AND r.user_id = :reader ";

Notification NotificationAt(const soci::row& r) {
  return {db::Int(r, 0), db::Int(r, 1), db::Str(r, 2), db::Str(r, 3), db::Str(r, 4),
          db::Str(r, 5), db::Str(r, 6), db::Str(r, 7), db::Str(r, 8)};
}

}  // namespace

void InsertNotification(db::Session& s, const NewNotification& n) {
  Id id = 0;
  s.sql() << "INSERT INTO notifications (unit_id, campaign_id, kind, title, body, link, "
             "created_by, created_at) VALUES (:u, :c, :k, :t, :b, :l, :by, :now) RETURNING id",
      soci::use(n.unit_id), soci::use(n.campaign_id), soci::use(n.kind), soci::use(n.title),
      soci::use(n.body), soci::use(n.link), soci::use(n.created_by), soci::use(n.created_at),
      soci::into(id);
  // The same notice to the unit's people by e-mail, SMS and group robot, in
  // the same transaction (messages.h).
  messages::EnqueueForUnit(s, {n.unit_id, n.kind, n.title, n.body, n.link, id, n.created_at});
}

std::map<Id, std::string> LastNotices(db::Session& s, Id campaign_id, const std::string& kind,
                                      Id parent_id) {
  std::map<Id, std::string> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT n.unit_id, MAX(n.created_at) FROM notifications n JOIN units u "
                          "ON u.id = n.unit_id WHERE u.parent_id = :p AND n.campaign_id = :c AND "
                          "n.kind = :k GROUP BY n.unit_id",
       soci::use(parent_id), soci::use(campaign_id), soci::use(kind));
  for (const auto& r : rs) out[db::Int(r, 0)] = db::Str(r, 1);
  return out;
}

std::vector<Notification> LatestNotifications(db::Session& s, Id user_id, int limit) {
  std::vector<Notification> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kNotificationFrom
                       << "WHERE n.unit_id IN (SELECT unit_id FROM grants WHERE user_id = :p) "
                          "ORDER BY n.created_at DESC, n.id DESC LIMIT :n",
       soci::use(user_id), soci::use(user_id), soci::use(limit));
  for (const auto& r : rs) out.push_back(NotificationAt(r));
  return out;
}

std::optional<Notification> VisibleNotification(db::Session& s, Id user_id, Id notification_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kNotificationFrom
                       << "WHERE n.id = :id AND n.unit_id IN (SELECT unit_id FROM grants WHERE "
                          "user_id = :p)",
       soci::use(user_id), soci::use(notification_id), soci::use(user_id));
  for (const auto& r : rs) return NotificationAt(r);
  return std::nullopt;
}

void MarkNotificationRead(db::Session& s, Id notification_id, Id user_id, const std::string& now) {
  s.sql() << "INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES (:id, :u, "
             ":now) ON CONFLICT DO NOTHING",
      soci::use(notification_id), soci::use(user_id), soci::use(now);
}

}  // namespace vw::reporting::store
