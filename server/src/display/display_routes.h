// HTTP routes of the display events (docs/display.md).
#pragma once

#include "display/display.h"
#include "http/router.h"

namespace vw::display {

// The routes share one DisplayService (stateless beyond the database).
void RegisterDisplayRoutes(http::Router& router, db::Database& db, const org::Scope& scope,
                           activity::ActivityService& activities);

}  // namespace vw::display
