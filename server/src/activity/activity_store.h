// SQL for activities; callers hold the session (and the transaction).
#pragma once

#include <optional>
#include <vector>

#include "activity/activity.h"

namespace vw::activity::store {

std::optional<Activity> Load(db::Session& s, Id id);
Id Insert(db::Session& s, Id campaign_id, const ActivityInput& in, Id user_id);

// The writes below change the row only while it still has the `version`
// (and, for status changes, the status `from`) the caller read, and return
// false when it does not: another writer got there first. On PostgreSQL the
// UPDATE waits for that writer's commit and then finds the row changed, so
// two concurrent writes from one version never both succeed. Callers answer
// kConflict. Each successful write bumps the version by one.
bool Update(db::Session& s, Id id, int version, const ActivityInput& in);
bool Delete(db::Session& s, Id id, int version, const std::string& from);
// Sets status `to` (and published_at when publishing).
bool SetStatus(db::Session& s, Id id, int version, const std::string& from, const std::string& to);
bool Cancel(db::Session& s, Id id, int version, const std::string& from, const std::string& reason);
std::optional<Filing> LoadFiling(db::Session& s, Id activity_id);
// Replaces the filing (a resubmission clears the previous decision).
void SaveFiling(db::Session& s, Id activity_id, const Filing& f, Id user_id);
void DecideFiling(db::Session& s, Id activity_id, Id user_id, const std::string& reason);
// Keeps one decision for the approving unit's 已处理 list.
void InsertDecision(db::Session& s, const Activity& a, Id approving_unit_id,
                    const std::string& decision, const std::string& opinion, Id user_id);
// Decisions on filings approved at units `user_id` holds unit_admin or
// reviewer on (or below them); every unit's when `all`. Newest first.
std::pair<std::vector<FilingDecision>, std::int64_t> ListDecisions(db::Session& s, Id campaign_id,
                                                                   bool all, Id user_id,
                                                                   const std::string& keyword,
                                                                   std::int64_t offset,
                                                                   std::int64_t limit);
// Clears the decision of a filing that needs approval again.
void ReopenFiling(db::Session& s, Id activity_id);
// The activities of `ids` in that order (unknown ids skipped), in three
// statements whatever the count.
std::vector<Activity> LoadMany(db::Session& s, const std::vector<Id>& ids);

}  // namespace vw::activity::store
