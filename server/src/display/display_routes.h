// HTTP routes of the display events (docs/display.md).
#pragma once

#include "display/display.h"
#include "http/router.h"

namespace vw::display {

void RegisterDisplayRoutes(http::Router& router, DisplayService& display);

}  // namespace vw::display
