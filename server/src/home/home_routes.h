// HTTP side of the home page: GET /api/campaigns/{id}/home.
#pragma once

#include "home/home.h"
#include "http/router.h"

namespace vw::home {

void RegisterHomeRoutes(http::Router& router, HomeService& home);

}  // namespace vw::home
