// Figures frozen at submission (issue 14, "Submitted figures keep moving").
//
// Rule: the figures a form shows that are computed from records (the
// statistics form's rows, total, computed figures — the annex-5 media
// counts among them — and the enterprise names behind them) are frozen at
// every submit, a resubmission after a return and the late parent's
// revision included. While the form is submitted every reader (the filler,
// the reviewer, the exports, the parent's roll-up, the province overview)
// sees the frozen figures; acceptance keeps them (the snapshot is built
// from the form as frozen at submission: the reviewer accepts what was
// reviewed), and the accepted snapshot freezes them from then on. When the
// form is returned or reopened it is live again. The records may move
// meanwhile: the reader of a submitted form gets, separately, what differs
// today (FiguresChanged), and a reviewer who wants those changes counted
// returns the form.
//
// The other forms freeze nothing more: their data is what the unit saved
// (the summary's drafted sections are written into it and refreshed only
// while the form is editable, summary_draft.h).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "reporting/submissions.h"

namespace vw::reporting {

// What a submit freezes of a statistics form loaded live: its canonical
// content (Content) with the enterprise names behind its figures.
boost::json::object FreezeFigures(const Submission& sub);

// Puts figures frozen in `content` (a FreezeFigures object or an accepted
// snapshot's content) into `sub`: rows with their status, total, computed
// figures and (FreezeFigures only) the enterprise names. False when
// `content` holds no computed figures (nothing set then).
bool ThawFigures(const boost::json::object& content, Submission& sub);

// Per annex-5 figure that differs, the figure as frozen and as today.
std::vector<Submission::RecordChange> FiguresChanged(const StatisticsRow& frozen,
                                                     const StatisticsRow& now);

// The final figures (overrides applied) a statistics submission froze at
// its latest submit, while it is still submitted at that version; none
// otherwise (not submitted, or submitted before figures were frozen).
std::optional<StatisticsRow> SubmittedFigures(db::Session& s, Id submission_id);

}  // namespace vw::reporting
