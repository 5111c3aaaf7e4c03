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
// Ids of the activities matching, ordered by start; `where` binds are in Page.
std::vector<Activity> LoadMany(db::Session& s, const std::vector<Id>& ids);

}  // namespace vw::activity::store
