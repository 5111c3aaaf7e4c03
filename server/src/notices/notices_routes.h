// HTTP routes of the notices (docs/notices.md).
#pragma once

#include "http/router.h"
#include "notices/notices.h"

namespace vw::notices {

// The routes share one NoticeService (stateless beyond the database),
// owned by the router's handlers.
void RegisterNoticeRoutes(http::Router& router, db::Database& db, const org::Scope& scope);

}  // namespace vw::notices
