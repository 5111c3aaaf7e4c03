// The completeness board of a unit's reporting children for a form, and
// the reminders a reviewer sends to the children that have not submitted
// (submissions.h: BoardOf, RemindMissing). Their SQL is in
// submission_store.h and statistics_store.h.
#include <map>

#include "audit/audit.h"
#include "core/time.h"
#include "reporting/notification_store.h"
#include "reporting/statistics_store.h"
#include "reporting/submission_store.h"
#include "reporting/submissions.h"
#include "reporting/workflow_steps.h"

namespace vw::reporting {

namespace json = boost::json;
using store::DeadlineFor;
using store::LoadUnit;
using store::ReportingChildren;

json::object ToJson(const Board& b) {
  std::map<std::string, std::int64_t> counts{
      {"not_started", 0}, {"draft", 0},    {"on_time", 0},          {"late", 0},
      {"returned", 0},    {"accepted", 0}, {"not_participating", 0}};
  json::array children;
  for (const auto& c : b.children) {
    ++counts[c.board_status];
    children.push_back(json::object{
        {"unit_id", c.unit_id},
        {"unit_name", c.unit_name},
        {"kind_name", c.kind_name},
        {"status", c.status},
        {"board_status", c.board_status},
        {"submission_id", c.submission_id ? json::value(*c.submission_id) : json::value(nullptr)},
        {"submitted_at", c.submitted_at.empty() ? "" : timeutil::UtcToApi(c.submitted_at)},
        {"late", c.late},
        {"reviewed_at", c.reviewed_at.empty() ? "" : timeutil::UtcToApi(c.reviewed_at)},
        {"reminded_at", c.reminded_at.empty() ? "" : timeutil::UtcToApi(c.reminded_at)}});
  }
  json::object count_json;
  for (const auto& [k, v] : counts) count_json[k] = v;
  std::int64_t expected = static_cast<std::int64_t>(b.children.size());
  std::int64_t submitted = counts["on_time"] + counts["late"] + counts["accepted"];
  auto rate = [&](std::int64_t n) { return expected == 0 ? 0.0 : CoveragePercent(n, expected); };
  return {{"unit_id", b.unit_id},
          {"unit_name", b.unit_name},
          {"form", b.form},
          {"due_at", b.due_at.empty() ? "" : timeutil::UtcToApi(b.due_at)},
          {"own_due_at", b.own_due_at.empty() ? "" : timeutil::UtcToApi(b.own_due_at)},
          {"expected", expected},
          {"counts", std::move(count_json)},
          {"submitted_rate", rate(submitted)},
          {"accepted_rate", rate(counts["accepted"])},
          {"children", std::move(children)}};
}

Result<Board> SubmissionService::BoardOf(const Principal& p, Id campaign_id,
                                         const std::string& form, Id unit_id) {
  VW_RETURN_IF_ERROR(CheckForm(form));
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  auto unit = LoadUnit(s, unit_id);
  if (!unit) return Error::Forbidden();
  Board b;
  b.unit_id = unit_id;
  b.unit_name = unit->name;
  b.form = form;
  if (auto d = DeadlineFor(s, campaign_id, form, unit_id)) b.due_at = d->due_at;
  if (auto d =
          unit->parent_id ? DeadlineFor(s, campaign_id, form, unit->parent_id) : std::nullopt) {
    b.own_due_at = d->due_at;
  }
  std::string kind = "reminder:" + form;
  std::map<Id, std::string> reminded = store::LastNotices(s, campaign_id, kind, unit_id);
  for (auto& c : ReportingChildren(s, campaign_id, form, unit_id)) {
    BoardChild bc;
    bc.unit_id = c.unit_id;
    bc.unit_name = c.name;
    bc.kind_name = c.kind_name;
    bc.status = c.status;
    bc.submission_id = c.submission_id;
    bc.submitted_at = c.submitted_at;
    bc.late = c.late;
    bc.reviewed_at = c.reviewed_at;
    bc.board_status = c.status == "submitted" ? (c.late ? "late" : "on_time") : c.status;
    if (auto it = reminded.find(c.unit_id); it != reminded.end()) bc.reminded_at = it->second;
    b.children.push_back(std::move(bc));
  }
  return b;
}

Result<std::vector<std::string>> SubmissionService::RemindMissing(const Principal& p,
                                                                  Id campaign_id,
                                                                  const std::string& form,
                                                                  Id unit_id) {
  VW_RETURN_IF_ERROR(CheckForm(form));
  db::Session s(db_);
  db::Transaction tx(s);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id, kFormReviewers));
  auto unit = LoadUnit(s, unit_id);
  if (!unit) return Error::Forbidden();
  auto campaign_info = store::LoadCampaign(s, campaign_id);
  if (!campaign_info) return Error::NotFound("活动周不存在");
  const std::string& campaign = campaign_info->name;
  std::vector<std::string> names;
  for (const auto& c : ReportingChildren(s, campaign_id, form, unit_id)) {
    if (c.status != "not_started" && c.status != "draft" && c.status != "returned") continue;
    Notify(s, p, c.unit_id, campaign_id, "reminder:" + form, "请尽快提交" + FormName(form),
           unit->name + "提醒：本单位的" + campaign + FormName(form) +
               (c.status == "returned" ? "已被退回，请修改后重新提交。" : "尚未提交，请尽快填报。"),
           FormLink(form, c.unit_id));
    names.push_back(c.name);
  }
  audit::Record(s, p,
                {"remind", "submission", std::nullopt, unit_id,
                 "提醒 " + std::to_string(names.size()) + " 个单位提交" + FormName(form), nullptr});
  tx.Commit();
  return names;
}

}  // namespace vw::reporting
