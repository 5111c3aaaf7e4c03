// SQL for activities; callers hold the session (and the transaction).
#pragma once

#include <optional>
#include <vector>

#include "activity/activity.h"

namespace vw::activity::store {

std::optional<Activity> Load(db::Session& s, Id id);
Id Insert(db::Session& s, Id campaign_id, const ActivityInput& in, Id user_id);
void Update(db::Session& s, Id id, const ActivityInput& in);
void Delete(db::Session& s, Id id);
// Sets status (and published_at when publishing); bumps the version.
void SetStatus(db::Session& s, Id id, const std::string& status);
void Cancel(db::Session& s, Id id, const std::string& reason);
std::optional<Filing> LoadFiling(db::Session& s, Id activity_id);
// Replaces the filing (a resubmission clears the previous decision).
void SaveFiling(db::Session& s, Id activity_id, const Filing& f, Id user_id);
void DecideFiling(db::Session& s, Id activity_id, Id user_id, const std::string& reason);
// Clears the decision of a filing that needs approval again.
void ReopenFiling(db::Session& s, Id activity_id);
// Ids of the activities matching, ordered by start; `where` binds are in Page.
std::vector<Activity> LoadMany(db::Session& s, const std::vector<Id>& ids);

}  // namespace vw::activity::store
