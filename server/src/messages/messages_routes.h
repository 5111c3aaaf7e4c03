// Routes of the messages (messages.h, docs/messages.md).
#pragma once

#include "db/database.h"
#include "http/router.h"
#include "messages/messages.h"

namespace vw::messages {

// The routes share one MessageService on `db` with `settings`.
void RegisterMessageRoutes(http::Router& router, db::Database& db, const org::Scope& scope,
                           const Settings& settings);

}  // namespace vw::messages
