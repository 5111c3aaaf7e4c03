// The played week's 集中展示日 (issue 19; seed.h PlayDemoWeek): 教务处 of
// 四川科技职业学院 holds the 5月14日 display day on 东区科技广场 (notice
// 001 §四（三）, 9:30-17:00, fallback 体育馆), draws its plan, the five
// colleges apply, booths are auto-assigned and published, the stage
// programme is set. Through DisplayService, each step at its instant.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"

namespace vw::seed {

// Runs `step` at `at` (unix seconds) when that instant has happened; false
// when it has not (PlayDemoWeek's Week::At).
using StepAt =
    std::function<bool(std::int64_t at, const std::string& what, const std::function<Status()>&)>;

// The display day's steps; the number of booths assigned by the end.
int PlayDisplayDay(db::Database& db, Id campaign_id, const Principal& seed, const StepAt& at);

}  // namespace vw::seed
