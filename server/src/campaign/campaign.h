// The campaign: one year's activity week (SPEC "The campaign").
//
// A campaign has seven theme days, deadlines per collecting level, optional
// sub-themes per unit, and per school a leading group (committee), a table
// of departments with duties, and tasks derived from those duties. Names,
// dates and texts are rows seeded from the notices and edited by users;
// nothing year-specific is a constant in code. A new year starts by copying
// the last campaign: days and deadlines move with the new start date.
//
// Managing a campaign (dates, theme, days, province deadlines, copying) needs
// a system administrator or a unit administrator of its organiser unit.
// Committee, duties, tasks and a unit's own deadlines belong to that unit and
// follow the usual scope rules. Thread-safe; each call leases a session.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::campaign {

struct ThemeDay {
  Id id = 0;
  int day_index = 0;  // 1..7
  std::string date;   // YYYY-MM-DD
  std::string name;
  std::string description;
  std::string publicity_theme;
  int version = 1;
};

// Forms a deadline can be about; their Chinese names are in FormName().
inline constexpr const char* kForms[] = {"plan",    "info_form", "statistics",
                                         "summary", "materials", "event"};
const char* FormName(std::string_view form);

struct Deadline {
  Id id = 0;
  std::optional<Id> collector_unit_id;  // nullopt: the provincial deadline
  std::string collector_name;           // "省级" or the unit's name
  std::string form;
  std::string title;
  std::string due_at;  // UTC
  std::string note;
  int sort_order = 0;
  int version = 1;
};

struct Campaign {
  Id id = 0;
  int year = 0;
  std::string name;
  std::string theme;
  std::string starts_on;
  std::string ends_on;
  std::string status;  // draft | active | closed
  std::optional<Id> organiser_unit_id;
  std::string source_notice;
  std::optional<Id> copied_from_id;
  int version = 1;
  std::string created_at;
  std::string updated_at;
  std::vector<ThemeDay> days;
  std::vector<Deadline> deadlines;
  // The latest provincial deadline (UTC), when there is one: the summary
  // period ends with it.
  std::optional<std::string> last_due_at;
};

// Where an active campaign stands on `now` (unix seconds), from its dates:
// "preparing" (筹备中) before the week, "in_week" (进行中) during it,
// "summarising" (总结中) after it until the last provincial deadline (a week
// when there is none), "ended" (已结束) after that. A draft is "draft", a
// closed campaign "ended" whatever the dates.
std::string CampaignPhase(const Campaign& c, std::int64_t now);

struct CommitteeMember {
  Id id = 0;
  Id unit_id = 0;
  std::string position;  // leader | deputy | member
  std::string person_name;
  std::string title;
  int sort_order = 0;
  int version = 1;
};

struct Duty {
  Id id = 0;
  Id unit_id = 0;
  std::string department_name;
  std::optional<Id> department_unit_id;  // nullopt: every college of the unit
  std::string responsibility;
  std::string responsible_persons;
  int sort_order = 0;
  int version = 1;
};

struct Task {
  Id id = 0;
  Id campaign_id = 0;
  std::optional<Id> duty_id;
  Id owner_unit_id = 0;
  std::string owner_unit_name;
  std::string title;
  std::string description;
  std::string assignee;
  std::optional<std::string> due_at;  // UTC
  std::string status;                 // todo | in_progress | done
  std::optional<std::string> completed_at;
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

// A category or tag an activity can carry. Seeded per campaign from the
// notices and copied with the campaign; `detail_fields` names the extra
// fields the category asks for ("partner,cooperation", "enterprises,posts").
// `unit_levels` lists the unit-kind categories it is meant for ("school,
// department"; "" = any): the activity form offers those first. An entry of
// a programme that belongs to named units (notice 000 annexes 1-2) is
// `owners_only`: only `owner_unit_ids` may file an activity under it.
struct ActivityCategory {
  Id id = 0;
  Id campaign_id = 0;
  std::string code;
  std::string name;
  std::string group_name;
  std::string detail_fields;
  int sort_order = 0;
  std::string unit_levels;
  bool owners_only = false;
  std::vector<Id> owner_unit_ids;
};

// Whether a unit may file an activity under `c` (owners_only entries: only
// their owners).
bool CategoryAvailableTo(const ActivityCategory& c, Id unit_id);
// The categories `unit_id` may use, those meant for `unit_category`
// (authority | school | department) first, each part in display order.
std::vector<ActivityCategory> CategoriesForUnit(std::vector<ActivityCategory> all, Id unit_id,
                                                const std::string& unit_category);

struct SubTheme {
  Id unit_id = 0;
  std::string unit_name;
  std::string sub_theme;
  int version = 0;  // 0: the unit has not set one yet
};

boost::json::object ToJson(const Campaign& c);
boost::json::object ToJson(const ThemeDay& d);
boost::json::object ToJson(const Deadline& d);
boost::json::object ToJson(const CommitteeMember& m);
boost::json::object ToJson(const Duty& d);
boost::json::object ToJson(const Task& t);
boost::json::object ToJson(const ActivityCategory& c);
boost::json::object ToJson(const SubTheme& s);

struct CampaignInput {
  std::string name;
  std::string theme;
  std::string starts_on;  // ends_on is starts_on + 6 days
  std::string status;
  std::string source_notice;
};
Result<CampaignInput> ParseCampaignInput(const boost::json::object& body);

struct CopyInput {
  int year = 0;
  std::string name;
  std::string theme;  // empty: keep
  std::string starts_on;
};
Result<CopyInput> ParseCopyInput(const boost::json::object& body);

struct DeadlineInput {
  std::optional<Id> collector_unit_id;
  std::string form;
  std::string title;
  std::int64_t due_at = 0;  // unix seconds
  std::string note;
  int sort_order = 0;
};
Result<DeadlineInput> ParseDeadlineInput(const boost::json::object& body);

struct TaskInput {
  Id owner_unit_id = 0;
  std::optional<Id> duty_id;
  std::string title;
  std::string description;
  std::string assignee;
  std::optional<std::int64_t> due_at;
  std::string status;
};
Result<TaskInput> ParseTaskInput(const boost::json::object& body);

class CampaignService {
 public:
  CampaignService(db::Database& db, const org::Scope& scope) : db_(db), scope_(scope) {}

  std::vector<Campaign> List();
  // After a committed write that changes the public campaign: moves its
  // change signal so that every node drops its cached copy
  // (db/change_signals.h; the caller drops its own).
  void PublicChanged();
  // The active campaign, else the latest; kNotFound when there is none.
  Result<Campaign> Current();
  // A campaign with its days and the deadlines the principal may see
  // (provincial ones and those of units in or above their subtrees).
  Result<Campaign> Get(const Principal& p, Id id);
  // Public view: days and provincial deadlines only.
  Result<Campaign> GetPublic(Id id);

  // Edits and deletes take the `version` the caller read: kConflict (naming
  // "version") when the row has changed since, also when writers race on
  // PostgreSQL (the version is part of the UPDATE or DELETE, and no row
  // touched is the conflict). Each answer carries the new version.
  Result<Campaign> Update(const Principal& p, Id id, int version, const CampaignInput& input);
  Result<ThemeDay> UpdateThemeDay(const Principal& p, Id campaign_id, Id day_id, int version,
                                  const ThemeDay& input);
  // Copies days, deadlines, notice texts, committees, duties and tasks into a new draft
  // campaign; dates and deadlines move by the difference of start dates.
  Result<Campaign> Copy(const Principal& p, Id source_id, const CopyInput& input);

  Result<Deadline> AddDeadline(const Principal& p, Id campaign_id, const DeadlineInput& input);
  Result<Deadline> UpdateDeadline(const Principal& p, Id campaign_id, Id deadline_id, int version,
                                  const DeadlineInput& input);
  Status DeleteDeadline(const Principal& p, Id campaign_id, Id deadline_id, int version);

  Result<std::vector<SubTheme>> SubThemes(const Principal& p, Id campaign_id);
  // `version` 0 sets the unit's first sub-theme (a conflict when one was set
  // meanwhile); otherwise the version of the one read.
  Result<SubTheme> SetSubTheme(const Principal& p, Id campaign_id, Id unit_id, int version,
                               const std::string& sub_theme);

  Result<std::vector<CommitteeMember>> Committee(const Principal& p, Id campaign_id, Id unit_id);
  // input.id 0 adds a member; otherwise edits that member at input.version.
  Result<CommitteeMember> SaveCommitteeMember(const Principal& p, Id campaign_id,
                                              const CommitteeMember& input);
  Status DeleteCommitteeMember(const Principal& p, Id campaign_id, Id member_id, int version);

  Result<std::vector<Duty>> Duties(const Principal& p, Id campaign_id, Id unit_id);
  // input.id 0 adds a duty; otherwise edits that duty at input.version.
  Result<Duty> SaveDuty(const Principal& p, Id campaign_id, const Duty& input);
  Status DeleteDuty(const Principal& p, Id campaign_id, Id duty_id, int version);
  // Creates one task per duty and department (a duty of "every college"
  // gives one task per college); skips pairs that already have a task.
  // Returns the number of tasks created.
  Result<int> GenerateTasks(const Principal& p, Id campaign_id, Id unit_id,
                            std::optional<std::int64_t> due_at);

  struct TaskQuery {
    std::optional<Id> unit_id;  // subtree
    std::string status;
    std::int64_t offset = 0;
    std::int64_t limit = 50;
  };
  Result<std::pair<std::vector<Task>, std::int64_t>> Tasks(const Principal& p, Id campaign_id,
                                                           const TaskQuery& q);
  Result<Task> CreateTask(const Principal& p, Id campaign_id, const TaskInput& input);
  // Unit administrators change everything; organisers, reviewers and
  // publicity officers of the owner may change status and assignee only.
  Result<Task> UpdateTask(const Principal& p, Id task_id, int version, const TaskInput& input);
  Status DeleteTask(const Principal& p, Id task_id, int version);

  // The campaign's activity categories and tags, in display order; given a
  // unit, only those it may use, those meant for its level first (kNotFound
  // for an unknown unit).
  Result<std::vector<ActivityCategory>> Categories(Id campaign_id,
                                                   std::optional<Id> unit_id = std::nullopt);

  static std::optional<Campaign> Load(db::Session& s, Id id);
  // Ok for a system administrator or a unit administrator of the organiser;
  // kForbidden otherwise. Also decides who edits the notice texts.
  Status RequireManager(db::Session& s, const Principal& p, const Campaign& c);

 private:
  Result<Campaign> LoadForWrite(db::Session& s, const Principal& p, Id id);
  Status UpdateIn(db::Session& s, const Principal& p, Id id, int version,
                  const CampaignInput& input);

  db::Database& db_;
  const org::Scope& scope_;
};

}  // namespace vw::campaign
