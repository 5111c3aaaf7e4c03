// The signed-in user's home page (首页): the work waiting for them (待办),
// the deadlines that apply at their own units' levels and their scope's
// figures. Everything is within the user's grants and at the user's own
// level: a province's home does not list a school's internal deadlines or
// the trips a school's office approves.
//
// Files: home_service.cc (rules), home_store.{h,cc} (SQL), home_routes.cc
// (GET /api/campaigns/{id}/home; ?todo_only=1 for the menu's badges). The figures come from the
// activity and reporting services (the coverage matrix and the statistics form), never from queries
// of their own.
//
// Thread-safe; each call uses its own database session.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "activity/activity.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "reporting/reporting.h"

namespace vw::home {

// One piece of work waiting for the user, linking to the page where it is
// done.
struct WorkItem {
  // approval: an off-campus filing the user's unit approves;
  // review: a child unit's submitted form the user's unit reviews;
  // form: a form of the user's own unit not yet submitted;
  // task: an open task of the user's own unit.
  std::string kind;
  std::string title;
  Id unit_id = 0;  // the unit whose work it is (the filer, the child, the own unit)
  std::string unit_name;
  std::string form;    // review, form: the form's code; "" otherwise
  std::string status;  // form: none | draft | returned; task: todo | in_progress
  std::string due_at;  // UTC; "" when none applies
  bool overdue = false;
  std::string since;  // approval, review: when it was submitted (UTC)
  std::string link;   // the web page where the work is done
};

// A deadline at one of the user's own units' levels.
struct DeadlineItem {
  Id id = 0;
  std::string form;
  std::string title;
  std::string due_at;  // UTC
  std::string collector_name;
  Id unit_id = 0;  // the user's unit it applies to
  std::string unit_name;
  // submit: the unit must meet it (set by the nearest collector above);
  // collect: the unit's children must (the unit set it, or the province's
  // own dates for a chain's top).
  std::string role;
  bool past = false;
};

// A scope unit's figures from records: its subtree's activities (the
// coverage matrix) and the statistics form's rows (own records, then each
// reporting child: accepted children as frozen, others live).
struct ScopeFigures {
  Id unit_id = 0;
  std::string unit_name;
  int activities = 0;  // not cancelled, drafts included
  int published = 0;
  int days = 0;                   // the campaign's days
  int days_covered = 0;           // days with at least one activity
  std::int64_t participants = 0;  // Σ rows' 参与总人数
  std::int64_t media = 0;         // Σ rows' media reports (all levels)
  int children = 0;               // reporting children (rows other than own records)
  int children_uncounted = 0;     // of those, not yet accepted (live figures)
};

struct TodoCounts {
  int approvals = 0;
  int reviews = 0;
  int forms = 0;
  int tasks = 0;
};

struct Home {
  TodoCounts counts;
  std::vector<WorkItem> todo;  // approvals, reviews, forms, tasks; each oldest or soonest first
  std::vector<DeadlineItem> deadlines;  // by due time
  std::vector<ScopeFigures> figures;    // empty unless asked for
};
boost::json::object ToJson(const Home& h);

class HomeService {
 public:
  HomeService(db::Database& db, activity::ActivityService& activities,
              reporting::ReportingService& reporting)
      : db_(db), activities_(activities), reporting_(reporting) {}

  // The user's home in the campaign; kNotFound for an unknown campaign.
  // `with_figures` false answers counts, work and deadlines only (the menu's
  // badges, refreshed every minute). The scope of the figures is the user's
  // topmost granted units (a system administrator: the chains' tops), at
  // most kMaxScopes of them.
  Result<Home> Of(const Principal& p, Id campaign_id, bool with_figures);

  static constexpr std::size_t kMaxScopes = 6;
  // Each kind of work lists at most this many items (the counts are whole).
  static constexpr std::size_t kMaxItemsPerKind = 50;

 private:
  db::Database& db_;
  activity::ActivityService& activities_;
  reporting::ReportingService& reporting_;
};

}  // namespace vw::home
