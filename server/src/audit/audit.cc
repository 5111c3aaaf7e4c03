#include "audit/audit.h"

#include "core/time.h"

namespace vw::audit {

void Record(db::Session& session, const Principal& actor, const Entry& entry) {
  std::optional<Id> user_id;
  if (actor.user_id != 0) user_id = actor.user_id;
  std::string at = timeutil::NowUtc();
  std::string detail = entry.detail.is_null() ? "" : boost::json::serialize(entry.detail);
  session.sql() << "INSERT INTO audit_log (at, user_id, username, unit_id, action, entity, "
                   "entity_id, summary, detail, ip, request_id) VALUES (:at, :uid, :uname, "
                   ":unit, :action, :entity, :eid, :summary, :detail, :ip, :rid)",
      soci::use(at), soci::use(user_id), soci::use(actor.username), soci::use(entry.unit_id),
      soci::use(entry.action), soci::use(entry.entity), soci::use(entry.entity_id),
      soci::use(entry.summary), soci::use(detail), soci::use(actor.ip), soci::use(actor.request_id);
}

std::string ActorName(const std::string& display_name, const std::string& unit_name,
                      const std::string& username) {
  if (display_name.empty()) return username.empty() ? "系统" : username;
  return unit_name.empty() ? display_name : display_name + "（" + unit_name + "）";
}

std::vector<Row> ForEntity(db::Session& session, std::string_view entity, Id entity_id) {
  std::string e(entity);
  soci::rowset<soci::row> rs =
      (session.sql().prepare
           << "SELECT l.id, l.at, l.user_id, l.username, l.unit_id, l.action, l.entity, "
              "l.entity_id, l.summary, l.detail, l.ip, l.request_id, u.display_name, un.name "
              "FROM audit_log l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN units un ON "
              "un.id = u.unit_id WHERE l.entity = :e AND l.entity_id = :id ORDER BY l.id DESC",
       soci::use(e), soci::use(entity_id));
  std::vector<Row> out;
  for (const auto& r : rs) {
    Row row;
    row.id = db::Int(r, 0);
    row.at = db::Str(r, 1);
    row.user_id = db::OptInt(r, 2);
    row.username = db::Str(r, 3);
    row.unit_id = db::OptInt(r, 4);
    row.action = db::Str(r, 5);
    row.entity = db::Str(r, 6);
    row.entity_id = db::OptInt(r, 7);
    row.summary = db::Str(r, 8);
    row.detail = db::Str(r, 9);
    row.ip = db::Str(r, 10);
    row.request_id = db::Str(r, 11);
    row.actor = ActorName(db::Str(r, 12), db::Str(r, 13), row.username);
    out.push_back(std::move(row));
  }
  return out;
}

std::int64_t CountFor(db::Session& session, std::string_view entity, Id entity_id,
                      std::string_view action) {
  std::string e(entity), a(action);
  std::int64_t n = 0;
  session.sql() << "SELECT COUNT(*) FROM audit_log WHERE entity = :e AND entity_id = :id AND "
                   "action = :a",
      soci::use(e), soci::use(entity_id), soci::use(a), soci::into(n);
  return n;
}

void Diff(boost::json::object& out, std::string_view name, const boost::json::value& from,
          const boost::json::value& to) {
  if (from == to) return;
  boost::json::object change;
  change["from"] = from;
  change["to"] = to;
  out[name] = std::move(change);
}

boost::json::object ToJson(const Row& row) {
  boost::json::object o;
  o["id"] = row.id;
  o["at"] = timeutil::UtcToApi(row.at);
  o["user_id"] = row.user_id ? boost::json::value(*row.user_id) : nullptr;
  o["username"] = row.username;
  o["actor"] = row.actor;
  o["action"] = row.action;
  o["entity"] = row.entity;
  o["entity_id"] = row.entity_id ? boost::json::value(*row.entity_id) : nullptr;
  o["summary"] = row.summary;
  boost::system::error_code ec;
  auto detail = row.detail.empty() ? boost::json::value() : boost::json::parse(row.detail, ec);
  o["detail"] = ec ? boost::json::value(row.detail) : detail;
  o["ip"] = row.ip;
  o["request_id"] = row.request_id;
  return o;
}

}  // namespace vw::audit
