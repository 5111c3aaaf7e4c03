// Who is calling: the signed-in user with their grants.
//
// A Principal is built by the auth middleware for every authenticated
// request and passed by const reference to services. It is a plain value;
// deciding what it may reach is org::Scope's job.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vw {

using Id = std::int64_t;

// Roles are granted per unit and reach that unit's subtree (SPEC "People and units").
enum class Role { kUnitAdmin, kReviewer, kPublicity, kOrganiser, kViewer };

inline constexpr Role kAllRoles[] = {Role::kUnitAdmin, Role::kReviewer, Role::kPublicity,
                                     Role::kOrganiser, Role::kViewer};

// Stable code stored in the database and used in the API ("unit_admin"...).
const char* RoleCode(Role role);
// Chinese name for the interface ("单位管理员"...).
const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view code);

// A set of roles, for permission checks: RoleSet{Role::kUnitAdmin, Role::kReviewer}.
class RoleSet {
 public:
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= Bit(r);
  }
  static constexpr RoleSet Any() {
    return RoleSet{Role::kUnitAdmin, Role::kReviewer, Role::kPublicity, Role::kOrganiser,
                   Role::kViewer};
  }
  constexpr bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }

 private:
  static constexpr unsigned Bit(Role r) { return 1u << static_cast<unsigned>(r); }
  unsigned bits_ = 0;
};

struct Grant {
  Id unit_id = 0;
  Role role = Role::kViewer;
};

struct Principal {
  Id user_id = 0;
  std::string username;
  std::string display_name;
  Id home_unit_id = 0;
  bool is_sysadmin = false;
  bool must_change_password = false;
  std::vector<Grant> grants;
  std::string session_key;  // hash of the session token, identifies the session row
  std::string csrf_token;
  // Of the request being served, for the audit log.
  std::string ip;
  std::string request_id;

  bool HasRoleAnywhere(RoleSet roles) const {
    for (const auto& g : grants) {
      if (roles.Has(g.role)) return true;
    }
    return false;
  }

  // A principal for command-line tools and seeding: a system administrator.
  static Principal System(std::string name = "system") {
    Principal p;
    p.username = std::move(name);
    p.display_name = "系统";
    p.is_sysadmin = true;
    return p;
  }
};

}  // namespace vw
