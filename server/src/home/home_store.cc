// SQL of the home page (home_store.h).
#include "home/home_store.h"

namespace vw::home::store {

std::vector<SubmittedForm> SubmittedChildren(db::Session& s, Id campaign_id, Id parent) {
  std::vector<SubmittedForm> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT sb.id, sb.form, u.id, u.name, sb.submitted_at FROM submissions "
                          "sb JOIN units u ON u.id = sb.unit_id WHERE sb.campaign_id = :c AND "
                          "sb.status = 'submitted' AND u.parent_id = :p ORDER BY sb.submitted_at, "
                          "sb.id",
       soci::use(campaign_id), soci::use(parent));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Int(r, 2), db::Str(r, 3), db::Str(r, 4)});
  }
  return out;
}

std::map<std::string, std::string> FormStatuses(db::Session& s, Id campaign_id, Id unit) {
  std::map<std::string, std::string> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT form, status FROM submissions WHERE campaign_id = :c AND "
                          "unit_id = :u",
       soci::use(campaign_id), soci::use(unit));
  for (const auto& r : rs) out[db::Str(r, 0)] = db::Str(r, 1);
  return out;
}

std::vector<OpenTask> OpenTasks(db::Session& s, Id campaign_id, Id unit) {
  std::vector<OpenTask> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT t.id, t.title, u.id, u.name, t.status, COALESCE(t.due_at, '') "
                          "FROM tasks t JOIN units u ON u.id = t.owner_unit_id WHERE "
                          "t.campaign_id = :c AND t.owner_unit_id = :u AND t.status <> 'done' "
                          "ORDER BY CASE WHEN t.due_at IS NULL THEN 1 ELSE 0 END, t.due_at, t.id",
       soci::use(campaign_id), soci::use(unit));
  for (const auto& r : rs) {
    out.push_back(
        {db::Int(r, 0), db::Str(r, 1), db::Int(r, 2), db::Str(r, 3), db::Str(r, 4), db::Str(r, 5)});
  }
  return out;
}

}  // namespace vw::home::store
