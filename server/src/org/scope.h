// Scope: what part of the unit tree a principal may reach.
//
// Roles are granted on a unit and reach its whole reporting subtree. Every
// endpoint that touches a unit's data asks Scope first, with the unit that
// owns the data (never a unit named by the client alone). System
// administrators reach everything. Unknown units are refused like foreign
// ones, so a forged id reveals nothing.
//
// Thread-safe: each call leases its own database session unless one is given.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"

namespace vw::org {

class Scope {
 public:
  explicit Scope(db::Database& db) : db_(db) {}

  // Ok when `p` holds one of `roles` on `unit_id` or on an ancestor of it,
  // or is a system administrator; otherwise kForbidden.
  Status Require(const Principal& p, Id unit_id, RoleSet roles = RoleSet::Any()) const;
  Status Require(db::Session& s, const Principal& p, Id unit_id,
                 RoleSet roles = RoleSet::Any()) const;
  bool Covers(const Principal& p, Id unit_id, RoleSet roles = RoleSet::Any()) const {
    return Require(p, unit_id, roles).ok();
  }

  // The unit and its ancestors, nearest first; empty for an unknown unit.
  static std::vector<Id> AncestorsOf(db::Session& s, Id unit_id);
  // The same for several units in one statement: unit id -> its ancestors,
  // nearest first (unknown units are absent).
  static std::map<Id, std::vector<Id>> AncestorsOf(db::Session& s, const std::vector<Id>& unit_ids);

  // Whether `p` holds one of `roles` on a unit of `ancestors` (a unit and its
  // ancestors, as AncestorsOf answers), or is a system administrator. The
  // rule Require applies, for callers that loaded the ancestors already.
  static bool Reaches(const Principal& p, const std::vector<Id>& ancestors, RoleSet roles);

  // An SQL condition true for rows whose `column` (a unit id) lies in the
  // principal's subtrees: "(:scope_all = 1 OR <column> IN (...))". The caller
  // binds two values, in this order: AllFlag(p), then p.user_id. With
  // `unit_admin_only`, only unit_admin grants count.
  static std::string SubtreeCondition(const std::string& column, bool unit_admin_only = false);
  // An SQL condition narrowing rows to one subtree chosen by the caller
  // (a filter, not a permission): "(:root = 0 OR <column> IN (...))". The
  // caller binds the root unit id twice; 0 means no narrowing.
  static std::string UnderCondition(const std::string& column);

  static int AllFlag(const Principal& p) { return p.is_sysadmin ? 1 : 0; }

 private:
  db::Database& db_;
};

}  // namespace vw::org
