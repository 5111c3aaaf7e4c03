// HTTP routes of the reporting forms (docs/api.md lists them).
#pragma once

#include "http/router.h"
#include "reporting/reporting.h"
#include "reporting/submissions.h"

namespace vw::reporting {

void RegisterReportingRoutes(http::Router& router, ReportingService& reporting);
void RegisterSubmissionRoutes(http::Router& router, SubmissionService& forms);

}  // namespace vw::reporting
