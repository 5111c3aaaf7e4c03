// SQL of the dashboards (dashboard.h): people at the door per activity,
// activities against their capacity, the children's forms and publicity
// items, the previous campaign. Callers hold the session; every value is
// bound.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "dashboard/dashboard.h"
#include "db/database.h"

namespace vw::dashboard::store {

// People admitted (check-ins of result ok) and counted at the door
// (walk-ins) at each published activity of the subtree of `unit_id`, by the
// Shanghai date of the activity's start.
std::map<std::string, std::int64_t> ParticipantsByDay(db::Session& s, Id campaign_id, Id unit_id);
// The same over both chains (every chain top's subtree), in one pass.
std::map<std::string, std::int64_t> ParticipantsByDayOfChains(db::Session& s, Id campaign_id);

// Published activities of the subtree by start, at most `limit`.
std::vector<ActivityLoad> ActivityLoads(db::Session& s, Id campaign_id, Id unit_id,
                                        std::int64_t limit);

// Publicity items of each direct child's subtree by status, and how many
// are on the public site ("published"): child → status → count.
std::map<Id, std::map<std::string, std::int64_t>> PublicityByChild(db::Session& s, Id campaign_id,
                                                                   Id unit_id);

// The latest campaign of an earlier year.
std::optional<Id> PreviousCampaign(db::Session& s, Id campaign_id);

}  // namespace vw::dashboard::store
