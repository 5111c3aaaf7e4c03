// Who manages and who reads a display event (display.h "Authority").
#pragma once

#include "core/principal.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::display {

// unit_admin over the organiser (or a system administrator).
bool Manages(const org::Scope& scope, db::Session& s, const Principal& p, Id organiser);
// Any grant over the organiser, or over a unit below it.
bool Reaches(const org::Scope& scope, db::Session& s, const Principal& p, Id organiser);

}  // namespace vw::display
