// Reference data and the demo campaign.
//
// EnsureRegions() loads the Sichuan divisions (GB/T 2260 codes, shipped in
// seed/sichuan-divisions.json with its attribution) into `regions` when the
// table is empty; it runs at every start-up and is idempotent.
//
// SeedDemo() fills an empty database with what the two 2025 notices
// describe: the provincial departments, the 21 cities/prefectures with an
// education bureau and an HR bureau each, demo schools of all three kinds
// under their reporting parents, 四川科技职业学院 with colleges and offices,
// demo accounts, and the 2025 campaign with its theme days, deadlines,
// committee, duties, the tasks derived from them and the published demo
// activities of the annexes. It refuses (kConflict)
// when units exist, so re-running never duplicates data.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "media/media_service.h"

namespace vw::seed {

void EnsureRegions(db::Database& db);

// The tables a fresh installation fills by itself (rows written by the
// migrations, the regions): found by migrating an in-memory SQLite database,
// so a new migration with reference rows is counted without a list to edit.
// Throws std::runtime_error when SQLite cannot be opened.
std::set<std::string> TablesFilledAtInstall();

struct DemoAccount {
  std::string username;
  std::string password;
  std::string description;  // Chinese: who this account stands for
};

Result<std::vector<DemoAccount>> SeedDemo(db::Database& db);

// The published demo programme of the 2025 campaign (notice 000 annexes 1-2,
// notice 001's showcase day); part of SeedDemo's transaction.
void AddDemoActivities(db::Session& s, Id campaign_id);

// The played week's own activities (schools and colleges on every theme day,
// taking registrations); PlayDemoWeek adds them.
void AddWeekActivities(db::Session& s, Id campaign_id);

// The id of the unit of that name (the first one); throws when none.
Id UnitIdByName(db::Session& s, const std::string& name);

struct PlayedWeek {
  int activities = 0;     // held (published) activities of the campaign
  int registrations = 0;  // registrations made
  int checked_in = 0;     // people admitted with a ticket
  std::int64_t walkins = 0;
  int media_reports = 0;
  int forms_submitted = 0;  // submissions of information and statistics forms (each counts)
  int publicity_items = 0;  // material library items created (each also submitted)
  int pictures = 0;         // drawn pictures uploaded for them
  int pushed_outlets = 0;   // outlets of pushed items (each a media report)
};

// Plays the demo campaign's week out on a database SeedDemo wrote, through
// the services the API uses, each step at its own instant of the campaign's
// calendar: registrations in the days before each activity, check-ins at
// the door (QR, short code, by hand; some no-shows), walk-ins, media reports
// at every level, then the statistics forms up the chain (accepted,
// returned with a comment, submitted, a draft, a college and a city not
// taking part, the rest not started), and publicity items of colleges and
// schools (articles, photo sets drawn with cairo and uploaded through
// `media`, a case, a video link) flowed up the chain: accepted,
// recommended, pushed with outlets (media reports), returned, published,
// one late. Steps after `until` (seed-demo: the
// server's clock, VOCWEEK_CLOCK or the real time) have not happened and are
// left out. Deterministic: a fixed generator seed and the campaign's own
// days. The clock is stopped at each step's instant and is the real one
// again at the end (a caller keeping a stopped clock sets it again).
// kConflict when the campaign already has registrations (nothing written),
// kNotFound without the 2025 campaign.
Result<PlayedWeek> PlayDemoWeek(db::Database& db, std::int64_t until, media::MediaService& media);

// The demo accounts and what they are for (for README and `make run`).
std::vector<DemoAccount> DemoAccounts();

}  // namespace vw::seed
