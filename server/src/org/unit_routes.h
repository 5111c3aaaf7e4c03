// HTTP routes of the org domain: /api/units, /api/unit-kinds, /api/regions.
#pragma once

#include "http/router.h"
#include "org/org.h"

namespace vw::org {

void RegisterUnitRoutes(http::Router& router, UnitService& units, db::Database& db,
                        const Scope& scope);

}  // namespace vw::org
