// Helpers shared by the form workflow (submission_service.cc) and the
// completeness board and reminders (board.cc).
#pragma once

#include <string>

#include "db/database.h"
#include "reporting/submissions.h"

namespace vw::reporting {

// Sends a notification to `unit_id` from the caller.
void Notify(db::Session& s, const Principal& p, Id unit_id, Id campaign_id, const std::string& kind,
            const std::string& title, const std::string& body, const std::string& link);
// kInvalid unless `form` is one of the forms.
Status CheckForm(const std::string& form);

}  // namespace vw::reporting
