// HTTP routes of awards (docs/awards.md): /api/awards and the public
// certificate check /api/public/awards/verify/{code}.
#pragma once

#include "awards/awards.h"
#include "http/router.h"

namespace vw::awards {

void RegisterAwardRoutes(http::Router& router, AwardService& awards);

}  // namespace vw::awards
