// The played week's notice (issue 20; seed.h PlayDemoWeek): on 9 May the
// province publishes notice 000 (川教函〔2025〕119号) with its five annexes
// to the 21 city education bureaus; all but the last three acknowledge it
// within a day and a half, and on 11 May the province reminds those three.
// Through NoticeService, each step at its instant.
#pragma once

#include "app/seed_display.h"

namespace vw::seed {

// The notice's steps; the number of units that acknowledged by the end.
int PlayNotices(db::Database& db, Id campaign_id, const StepAt& at);

}  // namespace vw::seed
