// Routes of the dashboards and 主动公开 (docs/dashboards.md).
#pragma once

#include "dashboard/dashboard.h"
#include "dashboard/live.h"
#include "http/router.h"

namespace vw::dashboard {

void RegisterDashboardRoutes(http::Router& router, DashboardService& dashboards,
                             LiveCheckins& live);

}  // namespace vw::dashboard
