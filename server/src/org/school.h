// The nearest school above a unit: whose academic affairs office approves
// the unit's off-campus trips, and under whose name its activities appear on
// the public site. A school is a unit whose kind has the category "school"
// (unit_kinds data); a unit that is a school is its own nearest school.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/principal.h"
#include "db/database.h"

namespace vw::org {

// An SQL scalar subquery for the id of the nearest school at or above the
// unit whose id is in `unit_column` (a column of the caller's query, e.g.
// "a.unit_id"); NULL when none is. It binds nothing, so it drops into any
// statement; `unit_column` is the caller's code, never input. Its own aliases
// start with "nsc_".
std::string NearestSchoolSql(std::string_view unit_column);

// The same for one unit: nullopt when no school is at or above it (a bureau,
// a provincial department, an unknown id).
std::optional<Id> NearestSchool(db::Session& s, Id unit_id);

}  // namespace vw::org
