// HTTP routes of registration and check-in (docs/api.md lists them).
#pragma once

#include "http/router.h"
#include "registration/registration.h"

namespace vw::registration {

void RegisterRegistrationRoutes(http::Router& router, RegistrationService& registrations);

}  // namespace vw::registration
