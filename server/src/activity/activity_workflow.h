// The activity workflow's rules, shared by the service (which enforces them)
// and the JSON (which tells each caller what it may do). Internal to
// activity/.
#pragma once

#include "core/result.h"

namespace vw::activity {

// The answer when a write finds the activity changed since it was read
// (a stale version, or another writer's concurrent step): kConflict.
Error StaleActivity();

}  // namespace vw::activity
