// HTTP side of activities: /api/campaigns/{id}/activities, /api/activities/{id},
// /api/activity-audiences.
#pragma once

#include "activity/activity.h"
#include "http/router.h"

namespace vw::activity {

void RegisterActivityRoutes(http::Router& router, ActivityService& activities);

}  // namespace vw::activity
