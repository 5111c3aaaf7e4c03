// HTTP side of accounts: the auth guard every routed request passes, and the
// /api/auth/* and /api/users/* routes.
#pragma once

#include "auth/auth.h"
#include "http/router.h"

namespace vw::auth {

// Authenticates requests to non-public routes from the session cookie, checks
// the system-administrator flag where the route needs it, and on every
// state-changing method checks the X-CSRF-Token header against the session's
// token. Sets the Principal (with the request's address and id) on success.
http::Guard MakeAuthGuard(AccountService& accounts);

void RegisterAuthRoutes(http::Router& router, AccountService& accounts, UserService& users,
                        db::Database& db);

}  // namespace vw::auth
