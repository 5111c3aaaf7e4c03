// SQL of the home page (home.h): the forms waiting for a unit's review, the
// states of a unit's own forms and its open tasks. Callers hold the
// session; every value is bound.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/principal.h"
#include "db/database.h"

namespace vw::home::store {

struct SubmittedForm {
  Id submission_id = 0;
  std::string form;
  Id unit_id = 0;
  std::string unit_name;
  std::string submitted_at;
};
// Submitted forms of the campaign whose unit's parent is `parent`, oldest
// first.
std::vector<SubmittedForm> SubmittedChildren(db::Session& s, Id campaign_id, Id parent);

// The status of each stored form of `unit` in the campaign, by form; a form
// never saved is absent.
std::map<std::string, std::string> FormStatuses(db::Session& s, Id campaign_id, Id unit);

struct OpenTask {
  Id id = 0;
  std::string title;
  Id unit_id = 0;
  std::string unit_name;
  std::string status;  // todo | in_progress
  std::string due_at;  // UTC, "" when none
};
// Tasks of the campaign owned by `unit` and not done: those with a due time
// first, soonest first.
std::vector<OpenTask> OpenTasks(db::Session& s, Id campaign_id, Id unit);

}  // namespace vw::home::store
