// Dashboards that show the week (SPEC "Dashboards and notifications",
// contract: docs/dashboards.md): the province's and a unit's figures by day
// and by row, reporting completeness, year over year, and 主动公开 (the
// public figures from accepted forms only).
//
// Every figure comes from the computation that already makes it, never a
// second one: annex-5 figures from the province overview
// (SubmissionService::Overview) or the roll-up of a unit's statistics form
// (reporting::RollUpFigures), activities per day from the coverage matrix
// (ActivityService::CoverageOf, published activities). Only participants
// per day, registrations against capacity and the children's statuses are
// read here (dashboard_store.h).
//
// Files: dashboard_service.cc (figures), dashboard_store.{h,cc} (SQL),
// live.{h,cc} (the live check-in count fanned out to event streams),
// dashboard_routes.{h,cc}.
//
// Thread-safe; each call uses its own database session.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "activity/activity.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"
#include "reporting/statistics_fields.h"
#include "reporting/submissions.h"

namespace vw::dashboard {

// The week by day: activities (the coverage matrix: an activity counts on
// every day it spans) and people checked in or counted at the door.
struct Days {
  std::vector<std::string> dates;
  std::vector<std::string> day_names;
  std::vector<int> activities;
  std::vector<std::int64_t> participants;
  int days_with_activities = 0;  // 天天有活动: days with at least one
  // Σ participants: the headline figure is this sum, so it and the chart
  // are one computation.
  std::int64_t participants_total = 0;
};

// A row: a city (both chains' bureaus merged), a school reporting to the
// province, a reporting child of a unit, or the unit's own records.
struct Row {
  std::string name;
  std::string kind;    // own | city | school | child
  std::string status;  // a unit's child: its statistics form's status; "" otherwise
  bool included = false;
  std::vector<Id> unit_ids;  // the units behind it (the records' filter)
  std::vector<int> per_day;  // activities per day
  int days_without = 0;
  reporting::StatisticsRow figures;
  std::vector<reporting::OverviewPart> parts;  // province: each chain's part
};

struct Previous {
  Id campaign_id = 0;
  std::string campaign_name;
  int year = 0;
  reporting::StatisticsRow total;
  int activities = 0;  // activity-days, as Days::activities adds up
  int days_with_activities = 0;
};

// A published activity of the unit's subtree against its capacity.
struct ActivityLoad {
  Id id = 0;
  std::string title;
  std::string unit_name;
  std::string starts_at;      // Shanghai ISO
  std::int64_t capacity = 0;  // 0: no limit
  std::int64_t confirmed = 0;
  std::int64_t waiting = 0;
  std::int64_t checked_in = 0;
};

// A reporting child's forms and publicity items.
struct ChildStatus {
  Id unit_id = 0;
  std::string unit_name;
  std::map<std::string, std::string> forms;       // form code → status
  std::map<std::string, std::int64_t> publicity;  // item status → count; "published" too
};

struct Dashboard {
  Id campaign_id = 0;
  std::string campaign_name;
  int year = 0;
  Id unit_id = 0;  // 0 for the province
  std::string unit_name;
  Days days;
  reporting::StatisticsRow total;
  // The sum of the rows annex 5 lists, counted or not (a row not counted
  // shows its records' live figures), coverage from the sums: what the
  // week looks like before every form is accepted. `total` is annex 5's.
  reporting::StatisticsRow live;
  std::vector<Row> rows;
  std::vector<reporting::OverviewChain> chains;  // province only
  std::optional<Previous> previous;
  std::vector<ActivityLoad> activities;  // unit only
  std::vector<ChildStatus> children;     // unit only
};
boost::json::object ToJson(const Dashboard& d);

// 主动公开: a row of the public figures.
struct PublicRow {
  std::string name;
  std::string region_code;
  reporting::StatisticsRow figures;
  std::string taken_at;  // Shanghai ISO: when the latest form counted was accepted
};
struct PublicFigures {
  Id campaign_id = 0;
  std::string campaign_name;
  int year = 0;
  PublicRow province;
  std::vector<PublicRow> cities;
};
boost::json::object ToJson(const PublicFigures& f);
// The open-data CSV (UTF-8 with a BOM): province first, then the cities.
std::string ToCsv(const PublicFigures& f);

// Published activities of the subtree listed at most (registrations vs capacity).
inline constexpr std::int64_t kMaxActivities = 200;

class DashboardService {
 public:
  DashboardService(db::Database& db, const org::Scope& scope, activity::ActivityService& activities,
                   reporting::SubmissionService& submissions)
      : db_(db), scope_(scope), activities_(activities), submissions_(submissions) {}

  // The province: both chains (a role on each chain's top, as 全省汇总).
  Result<Dashboard> Province(const Principal& p, Id campaign_id);
  // A city, school or college: any role on it.
  Result<Dashboard> Unit(const Principal& p, Id campaign_id, Id unit_id);
  // Whether `p` may watch the unit's live count (any role on it).
  Status CanWatch(const Principal& p, Id campaign_id, Id unit_id);
  // 主动公开: no account needed.
  Result<PublicFigures> Public(Id campaign_id);

 private:
  db::Database& db_;
  const org::Scope& scope_;
  activity::ActivityService& activities_;
  reporting::SubmissionService& submissions_;
};

}  // namespace vw::dashboard
