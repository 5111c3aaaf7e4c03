// The drafted sections of the summary report (工作总结报告): 基本情况 and
// 媒体宣传情况, written by the system from the same figures the unit's
// statistics form shows (its final figures: computed, or as adjusted, or as
// accepted) and from the media reports those figures count (issue 14).
//
// The form keeps, beside its sections, what the system last drafted
// (data.drafted.basic / .media). On each load the draft is written again
// from the current figures: a section still equal to what was drafted (the
// user has not touched it) takes the new text; a section the user edited is
// kept and the new text is offered instead (draft_updates), never written
// over silently.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "db/database.h"
#include "reporting/reporting.h"

namespace vw::reporting {

// The drafted sections' keys (within kSummaryKeys).
inline constexpr const char* kDraftedSections[] = {"basic", "media"};

// 基本情况 from the figures; `above_schools` adds the number of schools.
std::string DraftBasic(int year, const std::string& unit_name, bool above_schools,
                       const StatisticsRow& f);

// One report as a line of the list: 《outlet》“title”… The title is cut
// at `max_chars` characters at most, never inside a run of Latin letters
// or digits (a word, a number), and then ends with "…".
std::string MediaLine(const MediaReport& m, std::size_t max_chars = 40);

// 媒体宣传情况: the counts of `f` by annex 5's levels, then the reports
// one per line in annex 5's order (中央 and 省级 as 省级及以上, 市级,
// 县级), each level by date; at most `max_lines` lines, then how many more.
std::string DraftMedia(const StatisticsRow& f, const std::vector<MediaReport>& counted,
                       std::size_t max_lines = 10);

// The media reports (channel media) that the unit's statistics count: its
// own records' (the unit and its non-reporting descendants) and, for each
// reporting child whose statistics are accepted, what that child counts;
// in DraftMedia's order.
std::vector<MediaReport> CountedMediaReports(db::Session& s, Id campaign_id, Id unit_id);

// Merges freshly drafted sections into the form's data (see above):
// `stored` false (a form not started) takes them all. Only when `editable`
// is anything changed or offered; `updates` receives the offered texts by
// section key.
void RefreshDraft(boost::json::object& data, const boost::json::object& fresh, bool stored,
                  bool editable, boost::json::object& updates);

}  // namespace vw::reporting
