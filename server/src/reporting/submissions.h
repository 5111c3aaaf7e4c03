// Reporting forms (SPEC "Reporting forms", issue 5): the submissions of
// the forms and what is built around them. Each concept has its file:
//   the form workflow (load, save, submit, accept, return, reopen, not
//     participating)                     submission_service.cc
//   its SQL (rows, versioned steps, row locks, snapshots, scans,
//     deadlines)                         submission_store.{h,cc}
//   the statistics roll-up               rollup.{h,cc}, statistics_store.{h,cc}
//   figures frozen at submission         submission_freeze.{h,cc}
//   validation rules                     rules.cc, rule_store.{h,cc}
//   completeness board and reminders     board.cc
//   notifications                        notifications.cc, notification_store.{h,cc}
//   snapshots and verification           verification.cc (SQL in submission_store)
//   stamped scans (upload, download)     submission_exports.cc
//   province overview                    province_overview.cc
//   the summary's drafted sections       summary_draft.{h,cc}
//   exports                              submission_exports.cc,
//                                        statistics_export.cc
//   the activity plan (data, document,
//     merged list)                       plan_form.{h,cc}, plan_store.{h,cc},
//                                        plan_routes.cc
// The records and figures the statistics form is computed from are in
// reporting.h.
//
// Forms: info_form (信息采集表, annex 4), statistics (情况统计表, annex 5),
// summary (工作总结报告), plan (活动方案, plan_form.h: its data, document and
// the parent's merged list). One submission per (campaign, unit, form). The unit
// tree is the reporting chain: a unit reports to its parent; the reporting
// children of a unit are its direct children of a kind with reports_forms
// (colleges under a school, schools under a city bureau, cities' bureaus
// and higher vocational schools under the provincial departments; offices
// do not report).
//
// Workflow: not_started → draft → submitted → accepted | returned (comment
// per form and per field) → submitted …; accepted → returned by the
// reviewer's reopen (with a reason). A reviewer may mark a child
// not_participating (with a reason). Submitting after the deadline is
// allowed and marked late. Every submit freezes the statistics form's
// figures: readers of a submitted form see them, acceptance keeps them (the
// reviewer accepts what was reviewed), a return or reopening makes the form
// live again (submission_freeze.h). Every save carries the version it started from;
// a stale version is refused (kConflict), never merged. Every transition is
// audited (entity "submission").
//
// Leader sign-off (经领导审签, issue 14): a saved draft or returned form may
// be signed off by the unit's leader, i.e. a unit_admin granted on the unit
// itself (a grant above is a reviewer's; an organiser fills but does not
// sign). The sign-off is a step at the form's version (who, when; it bumps
// the version), printed on the exports ("审签：姓名 时间") and frozen in
// the snapshot; any later save clears it. Whether it is required is the
// unit's own setting (form_sign_off_units), set by a unit_admin of the unit
// or above, for all its forms and campaigns: a unit that requires it submits
// only signed-off forms (kConflict otherwise).
//
// Children: before its own deadline a unit submits only when every
// reporting child is accepted or not_participating. After it (the deadline
// its parent set, DeadlineFor), it may submit with the missing children
// listed by name (blocking_children, the statistics rows) as not counted.
// A child accepted later is counted by a revision: the parent's form is
// reopened and resubmitted, and its reviewer sees `changes` — every field
// that differs from the last accepted snapshot (old → new), children now
// counted included. A reviewer cannot reopen a child's form while the
// reviewer's own form of it is submitted or accepted above, nor accept one
// while it is submitted above (kConflict naming that form and who must
// return or reopen it): the figures above would silently no longer match.
// Under an accepted parent form a child may be accepted: the parent's
// snapshot stays as frozen until the revision.
//
// Roles: the unit's own editors (unit_admin or organiser granted on the
// unit itself) edit and submit its forms; reviewers are unit_admin or
// reviewer on the parent (or above); any role on the unit (or above) reads.
// A grant above a unit reaches its data but never makes its holder an author
// of its forms: a parent reads, accepts, returns (with per-field comments,
// review_comments.h), reopens or marks a child's form, and never saves or
// submits it (kForbidden, issue 14). can_edit and can_submit say so per
// caller. System administrators keep every step (support; audited).
//
// Statistics roll-up of unit U: its own records (U and its non-reporting
// descendants, e.g. a school's offices) plus the final figures of each
// accepted reporting child; children not accepted are listed with their
// live figures but not counted. Schools: a school (or college) counts 1 when
// anything was held; above schools, the children's counts add up. The
// coverage rate is always Σ students / Σ enrolled of what is counted.
//
// Thread-safe; every call uses its own database session.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "export/document.h"
#include "org/scope.h"
#include "reporting/reporting.h"
#include "reporting/review_comments.h"
#include "reporting/rollup.h"

namespace vw::reporting {

inline constexpr const char* kForms[] = {"info_form", "statistics", "summary", "plan"};

// The live records of a subtree that a "not participating" mark on its
// statistics takes out of the parent's figures (records_store.h,
// media_store.h): held activities, people admitted or counted (人次), media
// reports.
struct DroppedRecords {
  std::int64_t activities = 0;
  std::int64_t people = 0;
  std::int64_t media_reports = 0;
  bool any() const { return activities > 0 || people > 0 || media_reports > 0; }
};
// The summary report's sections, in the report's order.
inline constexpr const char* kSummaryKeys[] = {"basic", "measures", "results", "highlights",
                                               "cases", "media",    "problems"};
// Their titles as the report prints them, parallel to kSummaryKeys.
inline constexpr const char* kSummaryTitles[] = {"基本情况",      "主要做法和措施", "取得成效",
                                                 "活动亮点",      "典型案例",       "媒体宣传情况",
                                                 "存在问题及建议"};
// Verification codes: Crockford's base32, digits and letters without I, L, O and U.
inline constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
bool IsForm(std::string_view form);

// Who edits and submits a unit's forms (on the unit), who reviews them (on
// its parent or above).
inline constexpr RoleSet kFormEditors{Role::kUnitAdmin, Role::kOrganiser};
inline constexpr RoleSet kFormReviewers{Role::kUnitAdmin, Role::kReviewer};

// A percentage as the forms print it: "0.14%".
std::string CoverageText(double percent);
// The string member `key` of `o`, or "" when absent or not a string.
std::string TextOf(const boost::json::object& o, std::string_view key);
// 信息采集表 / 情况统计表 / 工作总结报告 / 活动方案
std::string FormName(std::string_view form);
// A submission status as the pages and exports name it: 未填报 / 草稿 /
// 已提交 / 已通过 / 已退回 / 未参与 (web: reporting-labels.ts statusNames).
std::string StatusName(std::string_view status);

// Annex 5's 填报人 and 联系电话: the contact person and mobile the unit gave on
// its 信息采集表 of the campaign (annex 4), else the unit's own contact;
// either may be "". Checks no permission (the caller did).
struct FormContact {
  std::string person;
  std::string phone;
};
FormContact StatisticsFiller(db::Session& s, Id campaign_id, Id unit_id);

// The annex-5 header rows: 单位名称 and the ungrouped fields over both rows,
// each group over its fields in the first row.
std::vector<doc::Row> StatisticsHeadRows();
// Annex 5 as one document, which both the workbook (StatisticsXlsx,
// xlsx::RenderTable) and the PDF (pdf::RenderTable) render: label 附件5,
// title, the 填报单位 line from `opts`, the two header rows, a row per child
// (figures as number cells, ratios as percentages; a child not counted
// named with its note and left blank), the bold 合计 row, the 填表说明;
// the template's 调整说明 column and no 合计 row in template mode.
doc::TableDocument StatisticsDocument(const Statistics& s, int year, const StatisticsSheet& opts);
// StatisticsDocument of `st` in its own year with the given 填报单位 line
// and `note` as the 填表说明 (NoticeText "statistics_note").
doc::TableDocument StatisticsTable(const Statistics& st, const std::string& info,
                                   const std::string& note);

struct Issue {
  std::string rule;
  std::string field;
  std::string severity;  // error | warning
  std::string message;
};
boost::json::object ToJson(const Issue& i);

struct Rule {
  std::string code;
  std::string form;
  std::string kind;  // min | max | sum_ge | schools_in_subtree | jump | max_chars | required
  std::vector<std::string> fields;
  double value = 0;
  std::string severity;
  std::string message;
  bool enabled = true;
};
boost::json::object ToJson(const Rule& r);

// What the rules look at besides the form's data.
struct RuleContext {
  std::optional<StatisticsRow> figures;   // statistics: the final figures
  std::int64_t schools_in_subtree = 0;    // statistics: schools the unit may count
  std::optional<StatisticsRow> previous;  // statistics: last campaign's accepted figures
};
// The one validation engine (web form via /validate, submit, import).
std::vector<Issue> Validate(const std::vector<Rule>& rules, std::string_view form,
                            const boost::json::object& data, const RuleContext& ctx);

struct Snapshot {
  std::string code;
  std::string content_hash;  // hex SHA-256 of content
  std::string accepted_at;
  std::int64_t version = 0;
  std::string content;  // canonical JSON
};

// The name a stamped scan is stored and sent under: the last segment of
// what the client sent, without control, direction-changing or quote
// characters or what file systems refuse, at most 100 characters, with the
// extension of `content_type` (the type judged from the bytes) in place of
// the client's; "盖章扫描件.pdf" when nothing is left.
std::string ScanFileName(std::string_view client_name, std::string_view content_type);

struct ScanInfo {
  Id id = 0;
  std::string file_name;
  std::string content_type;
  std::int64_t size_bytes = 0;
  std::string uploaded_at;
  std::string uploaded_by_name;
};

struct Submission {
  std::optional<Id> id;
  Id campaign_id = 0;
  std::string campaign_name;
  int year = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::string unit_category;
  std::optional<Id> parent_id;
  std::string parent_name;
  std::string form;
  std::string status = "not_started";
  std::int64_t version = 0;            // every save counts; users see submission_number
  std::int64_t submission_number = 0;  // how many times it was submitted (第 N 次提交)
  std::string due_at;
  std::string deadline_title;
  bool late = false;
  std::string submitted_at;
  std::string reviewed_at;
  std::string comment;
  boost::json::object field_comments;
  std::optional<ReturnRecord> last_return;  // kept after resubmission and acceptance
  std::string reason;
  boost::json::object data;
  // statistics only
  std::optional<StatisticsRow> computed;
  std::optional<StatisticsRow> final_figures;
  // The enterprise names behind computed->enterprises (a live roll-up only;
  // kept with the figures at acceptance, not sent).
  std::set<std::string> enterprise_names;
  // Likewise the people behind its teachers, students and total (keys only).
  DistinctPeople people;
  std::vector<StatisticsRow> rows;
  std::vector<std::string> row_status;  // parallel to rows: "own" or the child's status
  std::optional<StatisticsRow> total;
  std::vector<Issue> issues;
  // summary only: freshly drafted sections (summary_draft.h) offered in
  // place of texts the user has edited, by section key.
  boost::json::object draft_updates;
  // plan only: the theme days and activities it may refer to (PlanChoices)
  boost::json::object plan_choices;
  bool can_edit = false;    // editable status, and the caller is one of the unit's own editors
  bool can_submit = false;  // can_edit, a parent to submit to, and no blocking child
  bool can_review = false;  // can_accept or can_reopen
  bool can_accept = false;  // submitted, and the caller reviews the unit
  bool can_return = false;
  bool can_reopen = false;       // accepted, and the caller reviews the unit
  bool can_upload_scan = false;  // stored, and the caller edits or reviews the unit
  struct Child {
    Id unit_id = 0;
    std::string unit_name;
    std::string status;
  };
  std::vector<Child> blocking_children;
  // Past the unit's own deadline: it may submit with blocking children
  // listed as not counted.
  bool past_due = false;
  // Leader sign-off (see "Leader sign-off" above).
  bool sign_off_required = false;
  std::string signed_off_at;  // "" when not signed off
  std::string signed_off_by_name;
  bool can_sign_off = false;  // a stored editable form not signed off, the caller its leader
  // A submitted form that was accepted before: what differs from the last
  // accepted snapshot (`changes_since`, its code), one entry per field.
  struct Change {
    std::string field;
    std::string label;
    std::string before;
    std::string after;
  };
  std::vector<Change> changes;
  std::string changes_since;
  // A submitted statistics form shows the figures frozen at its submission
  // (submission_freeze.h; `frozen_at`, "" when live). What the records say
  // differently today, one entry per annex-5 figure that differs: the
  // reviewer still accepts the frozen figures, or returns the form to have
  // the changes counted.
  struct RecordChange {
    std::string field;
    std::string label;
    double submitted = 0;
    double now = 0;
  };
  std::string frozen_at;
  std::vector<RecordChange> changes_since_submission;
  std::optional<Snapshot> snapshot;
  std::vector<ScanInfo> scans;
};

// MarkNotParticipating's answer: the form as marked, or (unconfirmed, with
// records that would be dropped) none and what would be dropped.
struct MarkOutcome {
  std::optional<Submission> marked;
  DroppedRecords would_drop;
};

// `origin` ("http://host:port") makes the snapshot's verify_url absolute;
// `sp` is where the rows allocate (a monotonic resource for a province).
boost::json::object ToJson(const Submission& s, const std::string& origin,
                           const boost::json::storage_ptr& sp = {});
// The canonical content of a submission (what a snapshot freezes and the
// exports render): form, campaign, unit, version, data and, for
// statistics, the rows, total and computed/final figures.
boost::json::object Content(const Submission& s);

struct BoardChild {
  Id unit_id = 0;
  std::string unit_name;
  std::string kind_name;
  std::string status;
  std::string board_status;
  std::optional<Id> submission_id;
  std::string submitted_at;
  bool late = false;
  std::string reviewed_at;
  std::string reminded_at;
};
struct Board {
  Id unit_id = 0;
  std::string unit_name;
  std::string form;
  std::string due_at;      // the children's deadline (set by the unit or above)
  std::string own_due_at;  // the deadline the unit itself must meet
  std::vector<BoardChild> children;
};
boost::json::object ToJson(const Board& b);

struct Notification {
  Id id = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::string kind;
  std::string title;
  std::string body;
  std::string link;
  std::string created_at;
  std::string read_at;
};
boost::json::object ToJson(const Notification& n);

// The web pages where the work on a unit's form is done: its own filling
// page, and the page where its parent reviews it.
std::string FormLink(const std::string& form, Id unit_id);
std::string ReviewLink(const std::string& form, Id unit_id);

// Tells `approver_unit_id` (activity::ApprovingUnitOf) that `unit_name`
// filed the off-campus activity `title` for approval, linking to the
// approvals page. Writes in the caller's session (and transaction).
void NotifyFilingSubmitted(db::Session& s, const Principal& p, Id approver_unit_id, Id campaign_id,
                           const std::string& unit_name, const std::string& title);

struct Verification {
  std::string code;
  std::string unit_name;
  std::string form;
  std::string campaign_name;
  std::int64_t version = 0;
  std::string accepted_at;
  std::string content_hash;
  std::string content;        // the canonical JSON as frozen (hashes to content_hash)
  std::string parent_name;    // the unit's parent now (snapshots before accepted_by_unit)
  std::string superseded_by;  // the code of the newest later snapshot of the form, or ""
  // Whether the form's data today would freeze to the same content: the
  // canonical content of the form as it is now (statistics: its roll-up
  // recomputed), with the snapshot's version, accepted_at and
  // accepted_by_unit, hashes to content_hash (docs/verification.md). None
  // when the form can no longer be loaded.
  std::optional<bool> current_matches;
  // plan: the campaign's theme days by id, named beside the planned activities.
  std::map<Id, std::string> theme_days;
};
// The content a snapshot of `live` (the form's content now, Content())
// would hold with the snapshot `frozen`'s version and acceptance members
// (accepted_at, accepted_by_unit, each only when `frozen` has it).
boost::json::object AsFrozen(boost::json::object live, const boost::json::object& frozen);

// The public answer: what shows the form authentic (unit, form, campaign,
// version, time of acceptance, the accepting unit — never a person —, the
// hash, whether today's data still match, the figures and texts) with the
// personal fields masked: contact
// person "张*", mobile "138****1234", QQ, and mobile numbers and e-mail
// addresses inside the texts. The full content is never sent. status is
// "valid", or "superseded" with superseded_by naming the newest code when the
// form was reopened and accepted again since.
boost::json::object ToJson(const Verification& v);

// The stored form of a verification code as someone typed it from paper:
// case, hyphens and spaces do not matter, and I, L and O read as 1, 1 and 0
// (Crockford). Sixteen characters (XXXX-XXXX-XXXX-XXXX, 80 bits) since
// issue 12; eight (XXXX-XXXX) before. nullopt for anything else.
std::optional<std::string> NormalizeCode(std::string_view typed);

// Limits on the public verification (per process).
struct VerifyLimits {
  std::size_t per_address = 30;   // lookups per client address per minute
  std::size_t short_codes = 600;  // lookups of 8-character codes per hour, all clients together
};

// What importing a filled statistics template does (or, on a dry run,
// would do) to the form.
struct TemplateImport {
  bool valid = false;
  struct CellError {
    int row = 0;
    std::string column;
    std::string field;
    std::string message;
  };
  std::vector<CellError> errors;
  boost::json::object overrides;  // the form's overrides after the import
  // One per overridable figure, in the annex's order: the form's value now
  // → after the import, and what happens to its override.
  struct FigureChange {
    std::string field;
    std::int64_t computed = 0;
    std::int64_t current = 0;   // computed, or the override the form has now
    std::int64_t imported = 0;  // computed, or the override the file gives
    // none | added | changed | removed | kept
    std::string override_change = "none";
    std::string reason_before;
    std::string reason_after;
  };
  std::vector<FigureChange> changes;
  bool saved = false;
};
boost::json::object ToJson(const TemplateImport& t);

struct ExportFile {
  std::string bytes;
  std::string content_type;
  std::string file_name;
};

// The province's one table over both chains (SPEC "Reporting forms": the
// province sees both chains and the total without double counting). The
// chains are the root units whose kind has reporting child kinds (省教育厅,
// 省人社厅). Rows: each root's own records, one row per city merging that
// city's bureaus of both chains (same region code), one row per school
// reporting to a root directly. A row adds up its accepted parts only (its
// other parts are listed with their status). The total is the sum of the
// chains' roll-ups: disjoint subtrees, so no unit is counted twice, and the
// coverage is recomputed from the sums.
struct OverviewPart {
  Id unit_id = 0;
  std::string unit_name;
  std::string chain;  // the root's name
  std::string status;
  bool included = false;
  // The part's own reporting children (a city's schools, a school's
  // colleges) and how many of them submitted (or were accepted) and were
  // accepted: the overview's progress by city.
  std::int64_t children = 0;
  std::int64_t submitted = 0;
  std::int64_t accepted = 0;
};
struct OverviewRow {
  StatisticsRow figures;  // the included parts' sums; all parts' when none is included
  std::string kind;       // "own" (a root's own records), "city" or "school"
  bool included = false;
  std::vector<OverviewPart> parts;
};
struct OverviewChain {
  Id unit_id = 0;
  std::string unit_name;
  StatisticsRow total;
  std::int64_t children = 0;
  std::int64_t accepted = 0;
};
struct ProvinceOverview {
  Id campaign_id = 0;
  std::string campaign_name;
  int year = 0;
  std::string region_name;  // 四川省
  std::vector<OverviewChain> chains;
  std::vector<OverviewRow> rows;
  StatisticsRow total;
};
boost::json::object ToJson(const ProvinceOverview& o);

class SubmissionService {
 public:
  SubmissionService(db::Database& db, const org::Scope& scope, VerifyLimits limits = {});

  // The unit's form: stored or (not started) pre-filled, with computed
  // figures, issues and what the caller may do. kForbidden outside scope,
  // kInvalid for an unknown form, kNotFound for an unknown campaign.
  Result<Submission> Get(const Principal& p, Id campaign_id, const std::string& form, Id unit_id);
  // Saves the data as a draft (or keeps the returned status). `version` is
  // the one the editor loaded (0 when not started): kConflict when another
  // save came first; kConflict when the form is submitted or accepted.
  Result<Submission> Save(const Principal& p, Id campaign_id, const std::string& form, Id unit_id,
                          std::int64_t version, const boost::json::object& data);
  // The rules on unsaved data.
  Result<std::vector<Issue>> Check(const Principal& p, Id campaign_id, const std::string& form,
                                   Id unit_id, const boost::json::object& data);
  // Submits: kInvalid (first error's field) when a rule fails; kConflict
  // when a reporting child blocks it, the version is stale or the status
  // does not allow it; a unit without a parent does not submit.
  Result<Submission> Submit(const Principal& p, Id campaign_id, const std::string& form, Id unit_id,
                            std::int64_t version);
  // The unit's leader signs the saved form off at `version`: kForbidden
  // unless the caller is a unit_admin granted on the unit itself (or a
  // system administrator); kConflict when the version is stale, the form is
  // not saved, not editable or already signed off.
  Result<Submission> SignOff(const Principal& p, Id campaign_id, const std::string& form,
                             Id unit_id, std::int64_t version);
  // Whether the unit's forms must be signed off before submission; a
  // unit_admin on the unit or above sets it (kForbidden otherwise).
  Result<bool> SetSignOffRequired(const Principal& p, Id unit_id, bool required);
  // Whether it is set; any role on the unit reads it (kForbidden otherwise).
  Result<bool> SignOffRequired(const Principal& p, Id unit_id);
  // Reviewer actions on a submitted (accept, return) or accepted (reopen)
  // form. `version` is the one the reviewer loaded: kConflict when the form
  // changed since (another reviewer acted first, the unit saved). Each step
  // locks the row and updates it only at that version and status, so two
  // reviewers at once cannot both succeed (one snapshot per acceptance).
  Result<Submission> Accept(const Principal& p, Id submission_id, std::int64_t version);
  Result<Submission> Return(const Principal& p, Id submission_id, const std::string& comment,
                            const boost::json::object& field_comments, std::int64_t version);
  Result<Submission> Reopen(const Principal& p, Id submission_id, const std::string& reason,
                            std::int64_t version);
  // Reviewer: the child does (not) take part in this form. Marking the
  // statistics of a child whose subtree holds records that count drops them
  // from the parent's figures (the records stay): without `confirm` nothing
  // changes and `marked` is empty, `would_drop` saying what would go.
  Result<MarkOutcome> MarkNotParticipating(const Principal& p, Id campaign_id,
                                           const std::string& form, Id unit_id,
                                           const std::string& reason, bool confirm);
  Result<Submission> ClearNotParticipating(const Principal& p, Id campaign_id,
                                           const std::string& form, Id unit_id);
  Result<std::vector<audit::Row>> History(const Principal& p, Id submission_id);

  Result<Board> BoardOf(const Principal& p, Id campaign_id, const std::string& form, Id unit_id);
  // In-app reminders to the children that have not submitted; their names.
  Result<std::vector<std::string>> RemindMissing(const Principal& p, Id campaign_id,
                                                 const std::string& form, Id unit_id);

  // The latest 50 notifications of the units the user holds grants on, with
  // the user's own read marks (one user reading does not mark it for others).
  Result<std::vector<Notification>> Notifications(const Principal& p);
  // Marks one notification of such a unit read (older ones too); kForbidden
  // for any other, and then nothing is written.
  Result<Notification> MarkRead(const Principal& p, Id notification_id);

  std::vector<Rule> Rules();
  // System administrators and unit admins of a root unit.
  Result<Rule> UpdateRule(const Principal& p, const std::string& code, double value,
                          const std::string& severity, bool enabled);

  // Public: the snapshot behind a verification code (see NormalizeCode);
  // kNotFound otherwise; kRateLimited beyond VerifyLimits for `client` (its
  // address) or for 8-character codes.
  Result<Verification> Verify(const std::string& code, const std::string& client);

  // Files: xlsx (annex layout), pdf, docx (summary only). Accepted forms
  // render their snapshot and carry its verification mark.
  Result<ExportFile> Export(const Principal& p, Id campaign_id, const std::string& form, Id unit_id,
                            const std::string& format, const std::string& origin);
  // The statistics template (annex 5 layout with a 调整说明 column); blank
  // leaves the figures empty. ImportStatistics reads it back: only a
  // workbook with this unit's title (unit and year) and the template's
  // heads is taken ("不是本单位的统计表模板…" otherwise). In row 5 a figure
  // equal to the computed one, or left empty, means no override; one equal
  // to the form's current override keeps that override and its reason; any
  // other needs the 调整说明 column as its reason. The answer lists every
  // figure with its current and imported value (a dry run saves nothing).
  Result<ExportFile> StatisticsTemplate(const Principal& p, Id campaign_id, Id unit_id, bool blank);
  Result<TemplateImport> ImportStatistics(const Principal& p, Id campaign_id, Id unit_id,
                                          std::string_view bytes, std::string_view content_type,
                                          std::string_view file_name, bool dry_run);

  // Merged lists for a unit above others; any role on `unit_id` (kForbidden
  // otherwise, also for an unknown unit), kNotFound for an unknown campaign.
  // ContactsExport: one workbook of the 信息采集表 contacts (联系人, 职务,
  // 手机, QQ, 专题网站, status) of every active reporting unit under it.
  Result<ExportFile> ContactsExport(const Principal& p, Id campaign_id, Id unit_id);
  // ChildrenBundle: a zip of the accepted forms of its reporting children as
  // exported (PDF plus xlsx, the summary's .docx), one folder per child,
  // with 目录.xlsx listing every child's forms, status and code.
  // kInvalidArgument (field unit_id) beyond `limits`; runs long, so its
  // route is offloaded to the worker pool.
  struct BundleLimits {
    std::size_t max_files = 600;
    std::size_t max_bytes = 100u << 20;
  };
  Result<ExportFile> ChildrenBundle(const Principal& p, Id campaign_id, Id unit_id,
                                    const std::string& origin, const BundleLimits& limits);

  // The province overview; the reader needs a role on every chain's root.
  Result<ProvinceOverview> Overview(const Principal& p, Id campaign_id);
  // The overview as the annex-5 table (xlsx or pdf).
  Result<ExportFile> OverviewExport(const Principal& p, Id campaign_id, const std::string& format);

  // Stamped scans: PDF, JPEG or PNG judged by their bytes; kUnsupported
  // otherwise. Editors of the unit and its reviewers upload; readers read.
  Result<ScanInfo> AddScan(const Principal& p, Id submission_id, std::string_view file_name,
                           std::string_view bytes);
  struct ScanFile {
    std::string file_name;
    std::string content_type;
    std::string bytes;
  };
  Result<ScanFile> ScanOf(const Principal& p, Id scan_id);

  // The activity plan's document (plan_form.h): PDF or Word judged by its
  // bytes, at most kMaxPlanDocumentBytes, else kInvalid naming "document".
  // Only the unit's own editors upload, on an editable form at `version`
  // (kConflict otherwise); the upload is a save of the form (a new version,
  // audited), and earlier files stay stored.
  Result<Submission> UploadPlanDocument(const Principal& p, Id campaign_id, Id unit_id,
                                        std::int64_t version, std::string_view file_name,
                                        std::string_view bytes);
  // A stored plan document; readers of its unit (kForbidden otherwise).
  Result<ScanFile> PlanDocumentOf(const Principal& p, Id document_id);
  // A parent's merged list of its reporting children's plans as a
  // workbook: per child its status, 专人, mobile, number of planned
  // activities, document name, submission and acceptance time. Readers of
  // the unit (kForbidden otherwise).
  Result<ExportFile> PlanListExport(const Principal& p, Id campaign_id, Id unit_id);

 private:
  Result<Submission> Load(db::Session& s, const Principal& p, Id campaign_id,
                          const std::string& form, Id unit_id);
  // Save; with `answer` false the form is not loaded again afterwards and
  // the answer is the form as it was before the save.
  Result<Submission> SaveForm(const Principal& p, Id campaign_id, const std::string& form,
                              Id unit_id, std::int64_t version, const boost::json::object& data,
                              bool answer);
  // The rules on `data` for a form already loaded in `s`.
  Result<std::vector<Issue>> CheckLoaded(db::Session& s, const Submission& sub,
                                         const boost::json::object& data);
  Result<Submission> LoadById(db::Session& s, const Principal& p, Id submission_id);
  // Whether the caller may change the loaded form now: one of its unit's
  // own editors, an editable status, `version` the current one.
  Status CheckEditable(db::Session& s, const Principal& p, const Submission& sub,
                       std::int64_t version);
  // Stores checked data as the form's next version (creating the row for a
  // form not started) and audits it with `what` ("保存…").
  Status WriteData(db::Session& s, const Principal& p, const Submission& sub, std::int64_t version,
                   const boost::json::object& data, const std::string& what);
  // A submission a reviewer acts on: the caller reviews its unit (a role in
  // kFormReviewers on the parent or above) and it is in `status`; kConflict
  // with `wrong_status` otherwise.
  Result<Submission> LoadForReview(db::Session& s, const Principal& p, Id submission_id,
                                   std::string_view status, const char* wrong_status);
  // The canonical content of the form as it is now, whatever its status (an
  // accepted statistics form rolled up again, not read from its snapshot);
  // no permission check (the public verification compares hashes only).
  Result<boost::json::object> LiveContent(db::Session& s, Id campaign_id, const std::string& form,
                                          Id unit_id);
  db::Database& db_;
  const org::Scope& scope_;
  struct VerifyLimiters;
  std::shared_ptr<VerifyLimiters> verify_limits_;
};

}  // namespace vw::reporting
