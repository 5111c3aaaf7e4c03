#include "org/scope.h"

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

Status Scope::Require(const Principal& p, Id unit_id, RoleSet roles) const {
  if (p.is_sysadmin) return Ok();
  if (!p.HasRoleAnywhere(roles)) return Error::Forbidden();
  db::Session s(db_);
  return Require(s, p, unit_id, roles);
}

Status Scope::Require(db::Session& s, const Principal& p, Id unit_id, RoleSet roles) const {
  if (p.is_sysadmin) return Ok();
  if (!p.HasRoleAnywhere(roles)) return Error::Forbidden();
  for (Id ancestor : AncestorsOf(s, unit_id)) {
    for (const auto& g : p.grants) {
      if (g.unit_id == ancestor && roles.Has(g.role)) return Ok();
    }
  }
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
