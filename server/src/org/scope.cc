#include "org/scope.h"

#include "db/id_list.h"

namespace vw::org {

std::vector<Id> Scope::AncestorsOf(db::Session& s, Id unit_id) {
  std::vector<Id> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT ancestor_id FROM unit_closure WHERE descendant_id = :u "
                          "ORDER BY depth",
       soci::use(unit_id));
  for (const auto& r : rs) out.push_back(db::Int(r, 0));
  return out;
}

std::map<Id, std::vector<Id>> Scope::AncestorsOf(db::Session& s, const std::vector<Id>& unit_ids) {
  std::map<Id, std::vector<Id>> out;
  if (unit_ids.empty()) return out;
  auto rs = db::RowsForIds(
      s, "SELECT descendant_id, ancestor_id FROM unit_closure WHERE descendant_id IN ", unit_ids,
      " ORDER BY descendant_id, depth");
  for (const auto& r : rs) out[db::Int(r, 0)].push_back(db::Int(r, 1));
  return out;
}

bool Scope::Reaches(const Principal& p, const std::vector<Id>& ancestors, RoleSet roles) {
  if (p.is_sysadmin) return true;
  for (Id ancestor : ancestors) {
    for (const auto& g : p.grants) {
      if (g.unit_id == ancestor && roles.Has(g.role)) return true;
    }
  }
  return false;
}

Status Scope::Require(const Principal& p, Id unit_id, RoleSet roles) const {
  if (p.is_sysadmin) return Ok();
  if (!p.HasRoleAnywhere(roles)) return Error::Forbidden();
  db::Session s(db_);
  return Require(s, p, unit_id, roles);
}

Status Scope::Require(db::Session& s, const Principal& p, Id unit_id, RoleSet roles) const {
  if (p.is_sysadmin) return Ok();
  if (!p.HasRoleAnywhere(roles)) return Error::Forbidden();
  if (Reaches(p, AncestorsOf(s, unit_id), roles)) return Ok();
  return Error::Forbidden();
}

std::string Scope::SubtreeCondition(const std::string& column, bool unit_admin_only) {
  return "(:scope_all = 1 OR " + column +
         " IN (SELECT c.descendant_id FROM unit_closure c JOIN grants g ON g.unit_id = "
         "c.ancestor_id WHERE g.user_id = :scope_user" +
         (unit_admin_only ? " AND g.role = 'unit_admin'" : "") + "))";
}

std::string Scope::UnderCondition(const std::string& column) {
  return "(:root = 0 OR " + column +
         " IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = :root2))";
}

}  // namespace vw::org
