// The daily reminder before deadlines (the `deadline_reminders` job,
// app/app.cc): the board's reminder (SubmissionService::RemindMissing) for
// every deadline a unit set for its children that falls due soon. The
// in-app notices reach people by e-mail, SMS and group robot through
// messages/messages.h.
#pragma once

#include <cstdint>

#include "db/database.h"
#include "reporting/submissions.h"

namespace vw::reporting {

// Reminds the children that have not submitted, for every deadline due in
// (now, now + within] seconds. Returns how many units were reminded.
int RemindBeforeDeadlines(db::Database& db, SubmissionService& forms, std::int64_t now,
                          std::int64_t within);

}  // namespace vw::reporting
