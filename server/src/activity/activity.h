// Activities: what units run during the week (SPEC "Activities").
//
// An activity belongs to a unit and a campaign. Categories, tags and
// audiences are data (campaign::ActivityCategory, the audiences table).
// Colleges (organisers) and unit administrators create and edit their own
// unit's activities; any role on an ancestor unit reads them. Validation
// follows the notices: the activity lies inside the campaign's week unless it
// is part of a longer 活动月, its theme day matches its date, off-campus
// activities name an address and online ones a well-formed URL.
//
// This is the first part of the activity domain: off-campus approval,
// publishing, rescheduling and the public programme build on it.
// Thread-safe; each call leases its own session.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::activity {

// What the caller may do with an activity (CONTRACT §3). Computed by the
// rules the service enforces (activity_workflow.cc), so a button shown is a
// step allowed; set on every answer to a signed-in caller, absent on the
// public site.
struct Actions {
  bool can_edit = false;
  bool can_duplicate = false;
  bool can_submit = false;  // file (or re-file) the trip for approval
  bool can_publish = false;
  bool can_unpublish = false;
  bool can_cancel = false;
  bool can_delete = false;
  bool can_review = false;  // approve or reject a pending filing
};

struct Activity {
  Id id = 0;
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::string school_name;  // the nearest school at or above the unit ("" for departments)
  Id school_id = 0;         // its id (0: none); its office approves trips
  std::string title;
  std::string description;
  std::optional<Id> theme_day_id;
  std::string starts_at;  // UTC
  std::string ends_at;    // UTC
  bool part_of_month = false;
  std::string place_kind;  // on_campus | off_campus | online
  std::string place;
  std::string online_url;
  std::optional<Id> category_id;
  std::vector<Id> tag_ids;
  std::vector<std::string> audiences;
  int capacity = 0;
  bool open_to_public = false;
  bool registration_required = false;
  std::string organiser;
  std::string contact;
  bool featured = false;
  std::string partner;
  std::string cooperation;
  std::string enterprises;
  int posts_offered = 0;
  std::string status;  // draft | pending | rejected | approved | published | cancelled
  std::optional<std::string> published_at;
  std::string cancel_reason;
  int version = 1;
  std::string created_at;
  std::string updated_at;
  std::optional<Actions> actions;  // for the caller; see Actions
};

// What a caller sets; starts_at/ends_at are unix seconds after parsing.
struct ActivityInput {
  Id unit_id = 0;
  std::string title;
  std::string description;
  std::optional<Id> theme_day_id;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  bool part_of_month = false;
  std::string place_kind;
  std::string place;
  std::string online_url;
  std::optional<Id> category_id;
  std::vector<Id> tag_ids;
  std::vector<std::string> audiences;
  int capacity = 0;
  bool open_to_public = false;
  bool registration_required = false;
  std::string organiser;
  std::string contact;
  bool featured = false;
  std::string partner;
  std::string cooperation;
  std::string enterprises;
  int posts_offered = 0;
};

// Reads and checks the fields of a body; cross-record rules (campaign week,
// categories, scope) are the service's. Errors name the field.
Result<ActivityInput> ParseActivityInput(const boost::json::object& body);
// The input that would recreate `a` (for copies).
ActivityInput InputOf(const Activity& a);
boost::json::object ToJson(const Activity& a);

// The off-campus filing (外出报备) and its decision.
struct Filing {
  std::string destination;
  std::string teacher_in_charge;
  std::string teacher_phone;
  int staff_count = 0;
  int student_count = 0;
  std::string transport;
  std::string safety_plan;
  std::string submitted_at;  // UTC; output only
  std::optional<std::string> decided_at;
  std::string reason;  // the decision's opinion (审批意见); required for a rejection
};
Result<Filing> ParseFiling(const boost::json::object& body);
boost::json::object ToJson(const Filing& f);

// The longest opinion (审批意见) a decision may carry, in code points.
inline constexpr std::size_t kMaxOpinionChars = 500;

// One decision on a filing, as the approving unit's 已处理 list shows it.
struct FilingDecision {
  Id id = 0;
  Id activity_id = 0;
  std::string title;
  std::string unit_name;     // the activity's unit
  std::string decision;      // "approved" | "rejected"
  std::string opinion;       // may be empty for an approval
  std::string decided_by;    // the decider's display name (姓名)
  std::string decider_unit;  // the decider's unit
  std::string decided_at;    // UTC
};
boost::json::object ToJson(const FilingDecision& d);

struct Audience {
  std::string code;
  std::string name;
};

// The public programme: published activities only (SPEC "Public site"),
// and, when `include_cancelled`, those cancelled after they were published
// (the programme shows them as 已取消; calendars leave them out).
struct PublicQuery {
  bool include_cancelled = false;
  std::optional<Id> theme_day_id;
  std::string region_code;  // a city (first 4 digits) or county code
  std::optional<Id> unit_id;
  std::optional<Id> category_id;  // primary category or tag
  std::string audience;
  std::string mode;  // "" | online | onsite
  std::string keyword;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

// 天天有活动: activities per unit and day of the week. Rows are the direct
// children of the unit asked about (a school's colleges, a city's schools,
// the province's cities and schools), each counting the activities of its
// whole subtree, plus the unit's own activities when it has any.
struct CoverageRow {
  Id unit_id = 0;
  std::string unit_name;
  std::string kind;
  std::vector<int> per_day;  // one count per campaign day, in order
  int total = 0;
  int days_without = 0;
};
struct Coverage {
  std::string campaign_name;
  std::string unit_name;               // the unit asked about
  std::vector<std::string> dates;      // the campaign's days
  std::vector<std::string> day_names;  // theme day names
  std::vector<CoverageRow> rows;
};
// A unit that runs published activities, for the public site's school
// filter: the nearest school above the activity's unit, or the unit itself
// (provincial departments).
struct Organiser {
  Id unit_id = 0;
  std::string unit_name;
  std::string region_code;
};

// An iCalendar (RFC 5545) feed of `activities`; each event links to its
// public page under `base_url` ("https://host").
std::string ICalendar(const std::string& calendar_name, const std::vector<Activity>& activities,
                      const std::string& base_url);

// The unit whose administrators and reviewers decide the activity's
// off-campus filing: its school (the academic affairs office), or the unit
// itself when no school is above it (a provincial department).
inline Id ApprovingUnitOf(const Activity& a) { return a.school_id ? a.school_id : a.unit_id; }

boost::json::object ToJson(const Coverage& c);
// The matrix as an .xlsx workbook: a title row, one column per day (date and
// theme day), totals; empty cells filled red, busy ones green.
Result<std::string> CoverageXlsx(const Coverage& c);

class ActivityService {
 public:
  ActivityService(db::Database& db, const org::Scope& scope) : db_(db), scope_(scope) {}

  std::vector<Audience> Audiences();

  // Needs unit_admin or organiser on input.unit_id (or an ancestor).
  Result<Activity> Create(const Principal& p, Id campaign_id, const ActivityInput& input);
  // The same inside the caller's transaction (imports); audited, but the
  // public programme is refreshed only by the caller's NotifyChanged().
  Result<Activity> CreateIn(db::Session& s, const Principal& p, Id campaign_id,
                            const ActivityInput& input);
  // A new draft with the same content, titled "…（副本）"; the copy keeps the
  // unit and times so the organiser only adjusts what differs.
  Result<Activity> Duplicate(const Principal& p, Id id);
  // Same roles on the stored unit and, when moved, on the new one; `version`
  // must be the one read (else kConflict).
  Result<Activity> Update(const Principal& p, Id id, int version, const ActivityInput& input);
  // Any role on the activity's unit or an ancestor; kForbidden otherwise,
  // also for unknown ids.
  Result<Activity> Get(const Principal& p, Id id);
  Status Delete(const Principal& p, Id id);

  // Off-campus activities: files (or re-files) the trip for approval; the
  // activity becomes pending. Editors of the activity's unit only. A
  // published activity is refused (kConflict: unpublish it first); a draft,
  // rejected, pending or approved one may be (re-)filed.
  Result<Activity> Submit(const Principal& p, Id id, const Filing& filing);
  // The school's academic affairs office (reviewer or unit_admin of the
  // nearest school above the activity's unit) approves, or rejects with a
  // reason (required). Only pending activities.
  Result<Activity> Decide(const Principal& p, Id id, bool approve, const std::string& reason);
  // Published activities appear on the public site. Off-campus activities
  // must be approved first (kConflict otherwise).
  Result<Activity> Publish(const Principal& p, Id id);
  Result<Activity> Unpublish(const Principal& p, Id id);
  // Cancelled (extreme weather...) with a reason; history is kept.
  Result<Activity> Cancel(const Principal& p, Id id, const std::string& reason);
  Result<std::optional<Filing>> GetFiling(const Principal& p, Id id);
  // The activity's history from the audit log (created, edited, moved in
  // time or place, filed, decided, published, cancelled), newest first.
  // Same readers as Get.
  Result<std::vector<audit::Row>> History(const Principal& p, Id id);
  // Pending filings the principal may decide, oldest first.
  Result<std::vector<Activity>> PendingApprovals(const Principal& p, Id campaign_id);
  struct DecisionQuery {
    std::string keyword;  // matches the activity's title or unit name; "" for all
    std::int64_t offset = 0;
    std::int64_t limit = 20;
  };
  // Decisions taken on filings whose approving unit the principal reviews
  // (unit_admin or reviewer at or above it), newest first, and their total.
  // Another unit's decisions never show, whatever the campaign id.
  Result<std::pair<std::vector<FilingDecision>, std::int64_t>> DecidedFilings(
      const Principal& p, Id campaign_id, const DecisionQuery& q);

  // Called after every change that can alter the public programme.
  void SetOnChange(std::function<void()> on_change) { on_change_ = std::move(on_change); }
  // Called after a published activity is moved in time or place or
  // cancelled, to tell its registrants (kind "rescheduled" or "cancelled").
  using NoticeFn =
      std::function<void(Id activity_id, const std::string& kind, const std::string& message)>;
  void SetOnRegistrantNotice(NoticeFn fn) { on_notice_ = std::move(fn); }
  // Called after an activity's capacity was raised (the waiting list may move).
  void SetOnCapacityRaised(std::function<void(Id activity_id)> fn) {
    on_capacity_raised_ = std::move(fn);
  }
  // Called inside the transaction that files an activity for approval (the
  // activity as filed), to tell its approving unit (ApprovingUnitOf).
  using FilingFn = std::function<void(db::Session& s, const Principal& p, const Activity& a)>;
  void SetOnFilingSubmitted(FilingFn fn) { on_filing_ = std::move(fn); }

  struct Query {
    std::optional<Id> unit_id;  // subtree
    std::optional<Id> theme_day_id;
    std::string keyword;  // part of the title ("" = any)
    std::int64_t offset = 0;
    std::int64_t limit = 50;
  };
  // Activities of the campaign in the principal's subtrees, by start time.
  Result<std::pair<std::vector<Activity>, std::int64_t>> List(const Principal& p, Id campaign_id,
                                                              const Query& q);

  // Needs any role on `unit_id`. Cancelled activities never count; drafts
  // count unless `published_only`.
  Result<Coverage> CoverageOf(const Principal& p, Id campaign_id, Id unit_id, bool published_only);

  // Published activities of a campaign matching `q`, by start time.
  Result<std::pair<std::vector<Activity>, std::int64_t>> PublicList(Id campaign_id,
                                                                    const PublicQuery& q);
  // One published activity, or one cancelled after it was published (its
  // status and reason say so); kNotFound for anything else.
  Result<Activity> PublicGet(Id id);
  // Units with published activities in the campaign, by region and name.
  std::vector<Organiser> PublicOrganisers(Id campaign_id);

  // After the caller committed activities it wrote (imports): every node
  // drops its public programme (db/change_signals.h).
  void NotifyChanged();

 private:
  std::vector<Audience> Audiences(db::Session& s);
  // Reads through `s` only: a write transaction never leases a second
  // pooled connection (a pool of N would deadlock under N such writes).
  Status Validate(db::Session& s, Id campaign_id, const ActivityInput& in);
  // Loads an activity the principal may edit.
  Result<Activity> LoadForEdit(db::Session& s, const Principal& p, Id id);
  // Sets `actions` on each activity for `p`, in one statement whatever the
  // count (the units' ancestors).
  void Annotate(db::Session& s, const Principal& p, std::vector<Activity>& list);
  // The stored activity with its actions for `p` (the answer of a write).
  Activity Answer(db::Session& s, const Principal& p, Id id);
  // Commits a write that changes the public programme: its signal moves in
  // the same transaction (other nodes), the on_change callback (this
  // process's cache) runs after the commit.
  void CommitChange(db::Session& s, db::Transaction& tx);

  std::function<void()> on_change_;
  NoticeFn on_notice_;
  std::function<void(Id)> on_capacity_raised_;
  FilingFn on_filing_;

  db::Database& db_;
  const org::Scope& scope_;
};

}  // namespace vw::activity
