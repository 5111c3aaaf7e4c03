// The activity workflow's rules: one source for the service, which enforces
// them, and for the answers, which tell each caller what it may do
// (Actions). Internal to activity/.
#pragma once

#include <vector>

#include "activity/activity.h"
#include "core/principal.h"
#include "core/result.h"

namespace vw::activity {

inline constexpr RoleSet kEditors{Role::kUnitAdmin, Role::kOrganiser};
inline constexpr RoleSet kApprovers{Role::kUnitAdmin, Role::kReviewer};

// The answer when a write finds the activity changed since it was read
// (a stale version, or another writer's concurrent step): kConflict.
Error StaleActivity();

// The caller's roles toward one activity.
struct Reach {
  bool edits = false;    // unit_admin or organiser at or above the activity's unit
  bool reviews = false;  // unit_admin or reviewer at or above its school (its approving unit)
};
// `ancestors`: the activity's unit and its ancestors, nearest first
// (org::Scope::AncestorsOf). Pure.
Reach ReachOf(const Principal& p, const Activity& a, const std::vector<Id>& ancestors);

// The state rules of each step: Ok when `a`'s state allows it, else the
// kConflict to answer. Roles are checked separately (Reach).
Status EditAllowed(const Activity& a);
Status SubmitAllowed(const Activity& a);
Status DecideAllowed(const Activity& a);
// Publishing a published activity is a no-op the service answers with the
// activity; this refuses it, so it is not offered.
Status PublishAllowed(const Activity& a);
Status UnpublishAllowed(const Activity& a);
Status CancelAllowed(const Activity& a);
Status DeleteAllowed(const Activity& a);

// What a caller with `r` may do with `a`: the rules above, nothing else.
Actions ActionsOf(const Activity& a, const Reach& r);

}  // namespace vw::activity
