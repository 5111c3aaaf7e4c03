// HTTP routes of the reporting forms (docs/api.md lists them).
#pragma once

#include "http/router.h"
#include "reporting/reporting.h"
#include "reporting/submissions.h"

namespace vw::reporting {

void RegisterReportingRoutes(http::Router& router, ReportingService& reporting);
void RegisterSubmissionRoutes(http::Router& router, SubmissionService& forms);
// The activity plan's document and merged list (plan_routes.cc); called by
// RegisterSubmissionRoutes.
void RegisterPlanRoutes(http::Router& router, SubmissionService& forms);
// The X-File-Name header of an upload as the client sent it: percent-encoded UTF-8.
std::string DecodedFileName(std::string_view raw);

}  // namespace vw::reporting
