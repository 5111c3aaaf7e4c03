#include "core/principal.h"

namespace vw {

const char* RoleCode(Role role) {
  switch (role) {
    case Role::kUnitAdmin:
      return "unit_admin";
    case Role::kReviewer:
      return "reviewer";
    case Role::kPublicity:
      return "publicity";
    case Role::kOrganiser:
      return "organiser";
    case Role::kViewer:
      return "viewer";
  }
  return "viewer";
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kUnitAdmin:
      return "单位管理员";
    case Role::kReviewer:
      return "审核员";
    case Role::kPublicity:
      return "宣传专员";
    case Role::kOrganiser:
      return "活动组织者";
    case Role::kViewer:
      return "查看者";
  }
  return "查看者";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (Role r : kAllRoles) {
    if (code == RoleCode(r)) return r;
  }
  return std::nullopt;
}

}  // namespace vw
