// SQL of media reports (reporting.h): the records behind the media
// figures, entered by units. Callers hold the session (and the transaction
// when writing); every value is bound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "reporting/reporting.h"

namespace vw::reporting::store {

// Inserts the report (unit_name and created_at of `m` unused); returns its id.
Id InsertMediaReport(db::Session& s, const MediaReport& m, std::optional<Id> created_by);
// Updates the report's fields (not its campaign) at `version`, bumping it;
// false when the row is not at that version (stale).
bool UpdateMediaReport(db::Session& s, const MediaReport& m, int version);
// The report with its unit's name; none when unknown.
std::optional<MediaReport> FindMediaReport(db::Session& s, Id id);
// The reports of the subtree of `ancestor`, newest first.
std::vector<MediaReport> MediaReportsUnder(db::Session& s, Id campaign_id, Id ancestor);
// A report of the campaign that `m` would repeat: the same link (when it has
// one) or the same title and outlet, recorded by m's unit, an ancestor or a
// descendant of it (a college and its school report the same article);
// m itself (by id) excepted, so an edit does not repeat its own report.
std::optional<MediaReport> DuplicateMediaReport(db::Session& s, const MediaReport& m);
// Whether `activity_id` is an activity of the campaign run by `unit_id` or a
// unit below it (what a report of that unit may link to).
bool ActivityUnder(db::Session& s, Id campaign_id, Id activity_id, Id unit_id);
// false when the row is not at `version` (when given).
bool DeleteMediaReport(db::Session& s, Id id, std::optional<int> version = std::nullopt);

struct MediaCount {
  Id unit_id = 0;
  std::string level;  // central | provincial | city | county
  std::int64_t reports = 0;
};
// The counts and lists below are of channel "media" only: a unit's own
// channels are never counted.
// The reports of exactly this unit, per level.
std::vector<MediaCount> MediaCountsOf(db::Session& s, Id campaign_id, Id unit_id);
// The reports of the subtree of `ancestor`, per unit and level.
std::vector<MediaCount> MediaCountsUnder(db::Session& s, Id campaign_id, Id ancestor);
// The reports of `level` of the subtree, oldest first (unit_name empty);
// "provincial" includes the central ones (annex 5's 省级及以上).
std::vector<MediaReport> MediaReportsAt(db::Session& s, Id campaign_id, Id ancestor,
                                        const std::string& level);

}  // namespace vw::reporting::store
