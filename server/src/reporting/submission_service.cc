#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/json.h"
#include "core/masking.h"
#include "core/rate_limiter.h"
#include "core/time.h"
#include "reporting/media_store.h"
#include "reporting/notification_store.h"
#include "reporting/plan_form.h"
#include "reporting/records_store.h"
#include "reporting/review_comment_store.h"
#include "reporting/rollup.h"
#include "reporting/rule_store.h"
#include "reporting/statistics_store.h"
#include "reporting/submission_freeze.h"
#include "reporting/submission_store.h"
#include "reporting/submissions.h"
#include "reporting/summary_draft.h"
#include "reporting/workflow_steps.h"

namespace vw::reporting {
namespace {

using store::ChildInfo;
using store::DeadlineFor;
using store::IsSchoolOrBelow;
using store::LoadUnit;
using store::LockForm;
using store::LockSubmission;
using store::PreviousFigures;
using store::ReportingChildren;
using store::RollupInputOf;
using store::SchoolsInSubtree;
using store::UnitInfo;

namespace json = boost::json;

std::string SectionTitle(std::string_view key) {
  for (std::size_t i = 0; i < std::size(kSummaryKeys); ++i) {
    if (key == kSummaryKeys[i]) return std::string("总结报告“") + kSummaryTitles[i] + "”部分";
  }
  return "总结报告";
}

// Sixteen characters (80 random bits) in groups of four: XXXX-XXXX-XXXX-XXXX.
std::string NewCode() {
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(kCodeAlphabet[randombytes_uniform(32)]);
  }
  return out;
}

json::object ParseObject(const std::string& text) {
  auto parsed = ParseJsonObject(text);
  return parsed ? *parsed : json::object{};
}

// The statistics roll-up (rollup.h) into the form.
void RollUp(db::Session& s, Submission& sub, const UnitInfo& unit,
            const std::vector<ChildInfo>& children) {
  Rollup r = RollUpFigures(RollupInputOf(s, sub.campaign_id, unit, children));
  sub.rows = std::move(r.rows);
  sub.row_status = std::move(r.row_status);
  sub.total = r.total;
  sub.enterprise_names = std::move(r.enterprises.names);
  sub.people = std::move(r.people);
  StatisticsRow computed = r.total;
  computed.unit_name = unit.name;
  sub.computed = computed;
}

// Final figures: the computed ones with the unit's overrides.
StatisticsRow ApplyOverrides(const StatisticsRow& computed, const json::object& data) {
  StatisticsRow out = computed;
  if (const json::value* o = data.if_contains("overrides"); o && o->is_object()) {
    for (const auto& [key, v] : o->as_object()) {
      if (!v.is_object()) continue;
      const json::value* value = v.as_object().if_contains("value");
      if (value && value->is_int64()) SetFigure(out, key, value->as_int64());
    }
  }
  out.coverage = CoveragePercent(out.students, out.enrolled);
  return out;
}

// Checks the data's shape and keeps only the form's fields. Text lengths
// beyond the rules' limits are kept (a draft may be long); the rules block
// submission.
Result<json::object> NormalizeData(const std::string& form, const json::object& data) {
  json::object out;
  if (form == "info_form") {
    FieldReader in(data);
    out["contact_person"] = in.String("contact_person", "联系人", 40);
    out["position"] = in.String("position", "职务", 40);
    std::string mobile = in.String("mobile", "手机", 20);
    out["qq"] = in.String("qq", "QQ号", 20);
    out["website"] = in.String("website", "专题网站（专栏）链接地址", 500);
    out["work_plan"] = in.MultilineString("work_plan", "活动周工作计划", 3000);
    out["featured"] = in.MultilineString("featured", "特色活动简介", 3000);
    VW_RETURN_IF_ERROR(in.status());
    if (!mobile.empty() &&
        (mobile.size() != 11 || mobile[0] != '1' ||
         !std::all_of(mobile.begin(), mobile.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
      return Error::Invalid("mobile", "手机应为 11 位手机号码");
    }
    out["mobile"] = mobile;
    std::string qq = TextOf(out, "qq");
    if (!std::all_of(qq.begin(), qq.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Error::Invalid("qq", "QQ号只能包含数字");
    }
    std::string site = TextOf(out, "website");
    if (!site.empty() && site.rfind("http://", 0) != 0 && site.rfind("https://", 0) != 0) {
      return Error::Invalid("website", "专题网站（专栏）链接地址应以 http:// 或 https:// 开头");
    }
  } else if (form == "plan") {
    return NormalizePlan(data);
  } else if (form == "statistics") {
    json::object overrides;
    if (const json::value* o = data.if_contains("overrides"); o && !o->is_null()) {
      if (!o->is_object()) return Error::Invalid("overrides", "调整数据格式不正确");
      for (const auto& [key, v] : o->as_object()) {
        std::string field(key);
        const StatisticsField* known = FindStatisticsField(field);
        if (!known) return Error::Invalid(field, "情况统计表没有“" + field + "”这一项");
        if (!known->overridable) {
          return Error::Invalid(
              field, "“" + std::string(known->label) + "”由其他数字计算得出，不是可调整的统计项");
        }
        if (v.is_null()) continue;
        if (!v.is_object()) return Error::Invalid(field, FigureLabel(field) + "的调整格式不正确");
        FieldReader in(v.as_object());
        auto value = in.RequiredInt("value", FigureLabel(field), 0, 100'000'000);
        if (auto st = in.status(); !st.ok()) {
          return Error::Invalid(field, FigureLabel(field) + "应为不小于 0 的整数");
        }
        auto reason = in.MultilineString("reason", "“" + FigureLabel(field) + "”的调整原因", 500);
        if (auto st = in.status(); !st.ok()) return Error::Invalid(field, st.error().message);
        if (reason.empty()) {
          return Error::Invalid(field, "调整“" + FigureLabel(field) + "”须填写原因");
        }
        overrides[field] = json::object{{"value", value}, {"reason", reason}};
      }
    }
    out["overrides"] = std::move(overrides);
  } else {
    json::object sections;
    const json::value* in_sections = data.if_contains("sections");
    if (in_sections && !in_sections->is_object()) {
      return Error::Invalid("sections", "总结报告格式不正确");
    }
    for (const char* key : kSummaryKeys) {
      std::string text;
      if (in_sections) {
        const json::value* v = in_sections->as_object().if_contains(key);
        if (v && v->is_string()) text = std::string(v->as_string());
      }
      // Not trimmed: a section may open with the full-width indent of a paragraph.
      VW_TRY(checked, CheckText(text, TextKind::kMultiLine, key, SectionTitle(key)));
      if (Utf8Length(checked) > 20000) return Error::Invalid(key, "每部分不超过 20000 字");
      sections[key] = checked;
    }
    out["sections"] = std::move(sections);
    // What the system last drafted (summary_draft.h), kept as the client sends it back.
    json::object drafted;
    if (const json::value* d = data.if_contains("drafted"); d && d->is_object()) {
      for (const char* key : kDraftedSections) {
        const json::value* v = d->as_object().if_contains(key);
        if (v && v->is_string() && Utf8Length(v->as_string()) <= 20000) drafted[key] = *v;
      }
    }
    if (!drafted.empty()) out["drafted"] = std::move(drafted);
  }
  return out;
}

std::string Cut(const std::string& text, std::size_t chars) {
  return Utf8Length(text) <= chars ? text : Utf8Prefix(text, chars - 1) + "…";
}

// Drafts for a form not yet started: the unit's contacts and activities
// (info form); the summary's empty sections (drafted on load).
json::object Prefill(db::Session& s, const Submission& sub, const UnitInfo& unit) {
  if (sub.form == "info_form") {
    std::vector<std::string> titles, featured;
    std::int64_t count = 0;
    for (const auto& a : store::SubtreeActivities(s, sub.campaign_id, unit.id)) {
      ++count;
      if (titles.size() < 6) titles.push_back("“" + a.title + "”");
      if (a.featured && featured.size() < 3) {
        featured.push_back(a.title + "：" + Cut(a.description, 60));
      }
    }
    std::string plan;
    if (count > 0) {
      plan = "活动周期间，本单位计划开展活动" + std::to_string(count) + "项，包括";
      for (std::size_t i = 0; i < titles.size(); ++i) plan += (i ? "、" : "") + titles[i];
      plan += count > static_cast<std::int64_t>(titles.size()) ? "等。" : "。";
    }
    std::string feature;
    for (const auto& f : featured) feature += (feature.empty() ? "" : "；") + f;
    std::string mobile = unit.contact_phone.size() == 11 && unit.contact_phone[0] == '1'
                             ? unit.contact_phone
                             : std::string();
    return {{"contact_person", unit.contact_person},
            {"position", ""},
            {"mobile", mobile},
            {"qq", ""},
            {"website", unit.website},
            {"work_plan", Cut(plan, 300)},
            {"featured", Cut(feature, 300)}};
  }
  if (sub.form == "plan") {
    return PlanPrefill(s, sub.campaign_id, unit.id, unit.contact_person, unit.contact_phone);
  }
  if (sub.form == "summary") {
    // The drafted sections are written on load (summary_draft.h).
    json::object sections;
    for (const char* key : kSummaryKeys) sections[key] = "";
    return {{"sections", std::move(sections)}};
  }
  return {{"overrides", json::object{}}};
}

// Whether `p` fills the unit's forms: an editor grant on the unit itself.
// A grant on an ancestor reaches the unit (Scope) but is a reviewer's, and a
// reviewer never writes the form it reviews (submissions.h, "Roles").
bool FillsForms(const Principal& p, Id unit_id) {
  if (p.is_sysadmin) return true;
  return std::any_of(p.grants.begin(), p.grants.end(), [&](const Grant& g) {
    return g.unit_id == unit_id && kFormEditors.Has(g.role);
  });
}

// Whether `p` signs the unit's forms off as its leader: a unit_admin grant
// on the unit itself (submissions.h, "Leader sign-off").
bool LeadsUnit(const Principal& p, Id unit_id) {
  if (p.is_sysadmin) return true;
  return std::any_of(p.grants.begin(), p.grants.end(), [&](const Grant& g) {
    return g.unit_id == unit_id && g.role == Role::kUnitAdmin;
  });
}

// kConflict when the parent's form of the same form is submitted (or, with
// `accepted_too`, accepted) above: a child's step would change what counts
// in it unseen (submissions.h, "Children"). The message names the parent's
// form and who must return or reopen it before `then` (what the caller
// wanted to do).
Status ParentFormAllows(db::Session& s, const Submission& sub, bool accepted_too,
                        const std::string& then) {
  if (!sub.parent_id) return Ok();
  auto parent = LoadUnit(s, *sub.parent_id);
  if (!parent) return Ok();
  auto above = store::FindSubmission(s, sub.campaign_id, parent->id, sub.form);
  if (!above) return Ok();
  std::string who = parent->parent_name.empty() ? "其上级单位" : parent->parent_name;
  std::string form_name = parent->name + "的" + FormName(sub.form);
  if (above->status == "submitted") {
    return Error::Conflict(form_name + "已提交" + who + "待审核。请先由" + who + "退回" +
                           form_name + "，再" + then);
  }
  if (accepted_too && above->status == "accepted") {
    return Error::Conflict(form_name + "已由" + who + "审核通过，仍按原数字计入。请先由" + who +
                           "重新打开" + form_name + "，再" + then);
  }
  return Ok();
}

Status RequireFiller(const Principal& p, const Submission& sub) {
  if (FillsForms(p, sub.unit_id)) return Ok();
  return Error::Forbidden("只有" + sub.unit_name + "本单位的填报人员可以修改和提交其" +
                          FormName(sub.form) + "；上级单位只能审核（通过或退回）");
}

// Fills issues, deadline, lateness, flags and blocking children.
void Finish(db::Session& s, const Principal& p, const org::Scope& scope, Submission& sub,
            const UnitInfo& unit, const std::vector<ChildInfo>& children) {
  RuleContext ctx;
  if (sub.form == "statistics") {
    sub.final_figures = ApplyOverrides(*sub.computed, sub.data);
    ctx.figures = sub.final_figures;
    std::int64_t direct = std::count_if(children.begin(), children.end(),
                                        [](const ChildInfo& c) { return c.category == "school"; });
    ctx.schools_in_subtree = SchoolsInSubtree(s, unit, sub.final_figures->schools, direct);
    ctx.previous = PreviousFigures(s, sub.campaign_id, unit.id);
  }
  sub.issues = Validate(store::LoadRules(s), sub.form, sub.data, ctx);

  if (auto d = DeadlineFor(s, sub.campaign_id, sub.form, unit.parent_id)) {
    sub.deadline_title = d->title;
    sub.due_at = d->due_at;
  }

  for (const auto& c : children) {
    if (c.status != "accepted" && c.status != "not_participating") {
      sub.blocking_children.push_back({c.unit_id, c.name, c.status});
    }
  }
  sub.past_due = !sub.due_at.empty() && timeutil::NowUtc() > sub.due_at;
  sub.sign_off_required = store::SignOffRequired(s, unit.id);
  bool editable = sub.status == "not_started" || sub.status == "draft" || sub.status == "returned";
  bool editor = FillsForms(p, unit.id);
  bool reviewer =
      unit.parent_id.has_value() && scope.Require(s, p, *unit.parent_id, kFormReviewers).ok();
  sub.can_edit = editable && editor;
  sub.can_sign_off =
      editable && sub.id.has_value() && sub.signed_off_at.empty() && LeadsUnit(p, unit.id);
  sub.can_submit = sub.can_edit && unit.parent_id.has_value() &&
                   (sub.blocking_children.empty() || sub.past_due) &&
                   (!sub.sign_off_required || !sub.signed_off_at.empty());
  sub.can_accept = reviewer && sub.status == "submitted";
  sub.can_return = sub.can_accept;
  sub.can_reopen = reviewer && sub.status == "accepted";
  sub.can_review = sub.can_accept || sub.can_reopen;
  sub.can_upload_scan = sub.id.has_value() && (editor || reviewer);

  if (sub.id) {
    for (ScanInfo scan : store::ScansOf(s, *sub.id)) {
      // Names stored before they were cleaned on upload are cleaned here too.
      scan.file_name = ScanFileName(scan.file_name, scan.content_type);
      sub.scans.push_back(std::move(scan));
    }
  }
}

}  // namespace

void Notify(db::Session& s, const Principal& p, Id unit_id, Id campaign_id, const std::string& kind,
            const std::string& title, const std::string& body, const std::string& link) {
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  store::InsertNotification(
      s, {unit_id, campaign_id, kind, title, body, link, by, timeutil::NowUtc()});
}

std::string FormLink(const std::string& form, Id unit_id) {
  return "/reports?form=" + form + "&unit_id=" + std::to_string(unit_id);
}

std::string ReviewLink(const std::string& form, Id unit_id) {
  return "/reports/review/" + std::to_string(unit_id) + "?form=" + form;
}

Status CheckForm(const std::string& form) {
  if (!IsForm(form))
    return Error::Invalid("form", "报表类型应为信息采集表、情况统计表、工作总结报告或活动方案");
  return Ok();
}

std::string CoverageText(double percent) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", percent);
  return buf;
}

std::string TextOf(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool IsForm(std::string_view form) {
  return std::find(std::begin(kForms), std::end(kForms), form) != std::end(kForms);
}

std::string FormName(std::string_view form) {
  if (form == "info_form") return "信息采集表";
  if (form == "statistics") return "情况统计表";
  if (form == "plan") return "活动方案";
  return "工作总结报告";
}

std::string StatusName(std::string_view status) {
  if (status == "draft") return "草稿";
  if (status == "submitted") return "已提交";
  if (status == "accepted") return "已通过";
  if (status == "returned") return "已退回";
  if (status == "not_participating") return "未参与";
  return "未填报";
}

namespace {

// The statistics rows with each one's status and whether the total counts it.
// The unit's own overrides as the total row carries them: per figure the
// computed value, the value the unit reports and its reason.
json::object OverridesJson(const Submission& s) {
  json::object out;
  if (!s.computed) return out;
  const json::value* o = s.data.if_contains("overrides");
  if (!o || !o->is_object()) return out;
  for (const auto& [key, v] : o->as_object()) {
    if (!v.is_object()) continue;
    const json::value* value = v.as_object().if_contains("value");
    if (!value || !value->is_int64()) continue;
    out[key] = json::object{{"label", FigureLabel(key)},
                            {"computed", FigureOf(*s.computed, key)},
                            {"value", value->as_int64()},
                            {"reason", TextOf(v.as_object(), "reason")}};
  }
  return out;
}

json::array RowsJson(const Submission& s, const json::storage_ptr& sp) {
  json::array rows(sp);
  rows.reserve(s.rows.size());
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    json::object row = ToJson(s.rows[i], sp);
    row["status"] = s.row_status[i];
    row["included"] = s.row_status[i] == "own" || s.row_status[i] == "accepted";
    rows.push_back(std::move(row));
  }
  return rows;
}

// The object member `key` of `o`, or an empty object.
const json::object& ObjectOf(const json::object& o, std::string_view key) {
  static const json::object kEmpty;
  const json::value* v = o.if_contains(key);
  return v && v->is_object() ? v->as_object() : kEmpty;
}

// A field's value as the change list shows it: texts cut to 80 characters.
std::string ValueText(const json::value* v) {
  if (!v || v->is_null()) return "";
  if (v->is_string()) return Cut(std::string(v->as_string()), 80);
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_double()) return CoverageText(v->as_double());
  return json::serialize(*v);
}

// What differs between two canonical contents (Content) of a form, field by
// field: the statistics' final figures and which children are counted, the
// information form's fields, the summary's sections.
std::vector<Submission::Change> ChangesSince(const json::object& before,
                                             const json::object& after) {
  std::vector<Submission::Change> out;
  auto compare = [&](const json::object& b, const json::object& a, const std::string& field,
                     const std::string& label) {
    std::string was = ValueText(b.if_contains(field));
    std::string now = ValueText(a.if_contains(field));
    if (was != now) out.push_back({field, label, was, now});
  };
  if (TextOf(after, "form") == "statistics") {
    const json::object& b = ObjectOf(before, "final");
    const json::object& a = ObjectOf(after, "final");
    for (const auto& f : kStatisticsFields) {
      compare(b, a, std::string(f.code), std::string(f.label));
    }
    auto counted = [](const json::object& content) {
      std::map<std::string, bool> rows;
      if (const json::value* r = content.if_contains("rows"); r && r->is_array()) {
        for (const auto& row : r->as_array()) {
          if (!row.is_object()) continue;
          const json::value* inc = row.as_object().if_contains("included");
          if (TextOf(row.as_object(), "status") == "own") continue;
          rows[TextOf(row.as_object(), "unit_name")] = inc && inc->is_bool() && inc->as_bool();
        }
      }
      return rows;
    };
    auto was = counted(before);
    for (const auto& [name, included] : counted(after)) {
      auto it = was.find(name);
      bool had = it != was.end() && it->second;
      if (had != included) {
        out.push_back({"row:" + name, name, had ? "计入" : "未计入", included ? "计入" : "未计入"});
      }
    }
    return out;
  }
  const json::object& b = ObjectOf(before, "data");
  const json::object& a = ObjectOf(after, "data");
  std::string form = TextOf(after, "form");
  if (form == "summary") {
    const json::object& bs = ObjectOf(b, "sections");
    const json::object& as = ObjectOf(a, "sections");
    for (std::size_t i = 0; i < std::size(kSummaryKeys); ++i) {
      compare(bs, as, kSummaryKeys[i], kSummaryTitles[i]);
    }
    return out;
  }
  for (const auto& [key, v] : a) {
    std::string field(key);
    compare(b, a, field, CommentFieldLabel(form, field).value_or(field));
  }
  return out;
}

}  // namespace

json::object Content(const Submission& s) {
  json::object c{{"form", s.form},
                 {"form_name", FormName(s.form)},
                 {"campaign_id", s.campaign_id},
                 {"campaign_name", s.campaign_name},
                 {"year", s.year},
                 {"unit_id", s.unit_id},
                 {"unit_name", s.unit_name},
                 {"version", s.version},
                 {"data", s.data}};
  if (!s.signed_off_at.empty()) {
    c["signed_off"] =
        json::object{{"by", s.signed_off_by_name}, {"at", timeutil::UtcToApi(s.signed_off_at)}};
  }
  if (s.form == "statistics" && s.computed) {
    c["rows"] = RowsJson(s, {});
    c["total"] = ToJson(*s.total);
    c["computed"] = ToJson(*s.computed);
    c["final"] = ToJson(ApplyOverrides(*s.computed, s.data));
  }
  return c;
}

json::object ToJson(const Submission& s, const std::string& origin, const json::storage_ptr& sp) {
  json::object o(
      {{"id", s.id ? json::value(*s.id) : json::value(nullptr)},
       {"campaign_id", s.campaign_id},
       {"unit_id", s.unit_id},
       {"unit_name", s.unit_name},
       {"parent_id", s.parent_id ? json::value(*s.parent_id) : json::value(nullptr)},
       {"parent_name", s.parent_name},
       {"form", s.form},
       {"status", s.status},
       {"version", s.version},
       {"submission_number", s.submission_number},
       {"due_at", s.due_at.empty() ? "" : timeutil::UtcToApi(s.due_at)},
       {"deadline_title", s.deadline_title},
       {"late", s.late},
       {"submitted_at", s.submitted_at.empty() ? "" : timeutil::UtcToApi(s.submitted_at)},
       {"reviewed_at", s.reviewed_at.empty() ? "" : timeutil::UtcToApi(s.reviewed_at)},
       {"comment", s.comment},
       {"field_comments", s.field_comments},
       {"last_return", s.last_return ? json::value(ToJson(*s.last_return)) : json::value(nullptr)},
       {"reason", s.reason},
       {"data", s.data}},
      sp);
  o["rows"] = RowsJson(s, sp);
  o["computed"] = s.computed ? json::value(ToJson(*s.computed)) : json::value(nullptr);
  o["final"] = s.final_figures ? json::value(ToJson(*s.final_figures)) : json::value(nullptr);
  if (s.total) {
    // The total the unit reports: its final figures (the overrides applied,
    // as the exports' 合计 shows them), each override with its reason.
    StatisticsRow total = *s.total;
    if (s.final_figures) {
      total = *s.final_figures;
      total.unit_id = s.total->unit_id;
      total.unit_name = s.total->unit_name;
    }
    json::object t = ToJson(total);
    t["status"] = "own";
    t["included"] = true;
    t["overrides"] = OverridesJson(s);
    o["total"] = std::move(t);
  } else {
    o["total"] = nullptr;
  }
  json::array issues;
  for (const auto& i : s.issues) issues.push_back(ToJson(i));
  o["issues"] = std::move(issues);
  o["can_edit"] = s.can_edit;
  o["can_submit"] = s.can_submit;
  o["can_review"] = s.can_review;
  o["can_accept"] = s.can_accept;
  o["can_return"] = s.can_return;
  o["can_reopen"] = s.can_reopen;
  o["can_upload_scan"] = s.can_upload_scan;
  if (s.form == "summary") o["draft_updates"] = s.draft_updates;
  o["can_sign_off"] = s.can_sign_off;
  o["sign_off_required"] = s.sign_off_required;
  o["signed_off_at"] = s.signed_off_at.empty() ? "" : timeutil::UtcToApi(s.signed_off_at);
  o["signed_off_by_name"] = s.signed_off_by_name;
  o["past_due"] = s.past_due;
  json::array changes;
  for (const auto& c : s.changes) {
    changes.push_back(json::object{
        {"field", c.field}, {"label", c.label}, {"before", c.before}, {"after", c.after}});
  }
  o["changes"] = std::move(changes);
  o["changes_since"] = s.changes_since;
  if (s.frozen_at.empty()) {
    o["changes_since_submission"] = nullptr;
  } else {
    json::array items;
    for (const auto& c : s.changes_since_submission) {
      const StatisticsField* f = FindStatisticsField(c.field);
      auto number = [&](double v) {
        return f && f->sum == FieldSum::kRatio ? json::value(v)
                                               : json::value(static_cast<std::int64_t>(v));
      };
      items.push_back(json::object{{"field", c.field},
                                   {"label", c.label},
                                   {"unit", f ? std::string(f->unit) : std::string()},
                                   {"submitted", number(c.submitted)},
                                   {"now", number(c.now)}});
    }
    o["changes_since_submission"] = json::object{{"submitted_at", timeutil::UtcToApi(s.frozen_at)},
                                                 {"items", std::move(items)}};
  }
  json::array blocking;
  for (const auto& c : s.blocking_children) {
    blocking.push_back(
        json::object{{"unit_id", c.unit_id}, {"unit_name", c.unit_name}, {"status", c.status}});
  }
  o["blocking_children"] = std::move(blocking);
  if (s.snapshot) {
    o["snapshot"] = json::object{{"code", s.snapshot->code},
                                 {"content_hash", s.snapshot->content_hash},
                                 {"accepted_at", timeutil::UtcToApi(s.snapshot->accepted_at)},
                                 {"version", s.snapshot->version},
                                 {"verify_url", origin + "/p/verify/" + s.snapshot->code}};
  } else {
    o["snapshot"] = nullptr;
  }
  json::array scans;
  for (const auto& sc : s.scans) {
    scans.push_back(json::object{{"id", sc.id},
                                 {"file_name", sc.file_name},
                                 {"content_type", sc.content_type},
                                 {"size_bytes", sc.size_bytes},
                                 {"uploaded_at", timeutil::UtcToApi(sc.uploaded_at)},
                                 {"uploaded_by_name", sc.uploaded_by_name}});
  }
  o["scans"] = std::move(scans);
  if (s.form == "plan") o["plan_choices"] = s.plan_choices;
  return o;
}

Result<Submission> SubmissionService::Load(db::Session& s, const Principal& p, Id campaign_id,
                                           const std::string& form, Id unit_id) {
  VW_RETURN_IF_ERROR(CheckForm(form));
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  Submission sub;
  auto campaign = store::LoadCampaign(s, campaign_id);
  if (!campaign) return Error::NotFound("活动周不存在");
  sub.campaign_name = campaign->name;
  sub.year = campaign->year;
  auto unit = LoadUnit(s, unit_id);
  if (!unit) return Error::Forbidden();
  sub.campaign_id = campaign_id;
  sub.unit_id = unit_id;
  sub.unit_name = unit->name;
  sub.unit_category = unit->category;
  sub.parent_id = unit->parent_id;
  sub.parent_name = unit->parent_name;
  sub.form = form;

  std::string data_text, field_comments;
  if (auto row = store::FindSubmission(s, campaign_id, unit_id, form)) {
    sub.id = row->id;
    sub.status = row->status;
    data_text = std::move(row->data);
    sub.version = row->version;
    sub.submitted_at = row->submitted_at;
    sub.late = row->late;
    sub.reviewed_at = row->reviewed_at;
    sub.comment = row->comment;
    field_comments = std::move(row->field_comments);
    sub.reason = row->reason;
    sub.snapshot = std::move(row->snapshot);
    sub.signed_off_at = row->signed_off_at;
    sub.signed_off_by_name = row->signed_off_by_name;
  }
  sub.field_comments = ParseObject(field_comments);
  if (sub.id) {
    sub.submission_number = audit::CountFor(s, "submission", *sub.id, "submit");
    sub.last_return = store::LatestReturn(s, *sub.id);
    if (sub.last_return) {
      for (auto& f : sub.last_return->fields) {
        f.label = CommentFieldLabel(form, f.field).value_or(f.field);
      }
    }
  }
  // A plan is one per school: the colleges under a school send none.
  auto children = form == "plan" && IsSchoolOrBelow(unit->category)
                      ? std::vector<ChildInfo>{}
                      : ReportingChildren(s, campaign_id, form, unit_id);
  if (form == "plan") sub.plan_choices = PlanChoices(s, campaign_id, unit_id);
  if (sub.id) {
    sub.data = ParseObject(data_text);
  } else {
    sub.data = Prefill(s, sub, *unit);
  }
  if (form == "summary") {
    bool editable =
        sub.status == "not_started" || sub.status == "draft" || sub.status == "returned";
    if (editable || !sub.id) {
      // The figures the unit's statistics form shows, and what they count.
      VW_TRY(stats, Load(s, p, campaign_id, "statistics", unit_id));
      const StatisticsRow& f = stats.final_figures ? *stats.final_figures : *stats.computed;
      json::object fresh{
          {"basic", DraftBasic(sub.year, unit->name, !IsSchoolOrBelow(unit->category), f)},
          {"media", DraftMedia(f, CountedMediaReports(s, campaign_id, unit_id))}};
      RefreshDraft(sub.data, fresh, sub.id.has_value(), true, sub.draft_updates);
    }
  }
  if (form == "statistics") {
    // The figures as frozen (submission_freeze.h): accepted, the snapshot;
    // submitted, what the latest submit froze; else (and for a form
    // submitted before figures were frozen) live from the records.
    if (sub.status == "accepted" && sub.snapshot) {
      ThawFigures(ParseObject(sub.snapshot->content), sub);
    } else if (sub.status == "submitted" && sub.id) {
      if (auto frozen = store::FindFreeze(s, *sub.id)) {
        if (ThawFigures(ParseObject(frozen->content), sub)) sub.frozen_at = frozen->frozen_at;
      }
    }
    if (!sub.computed) RollUp(s, sub, *unit, children);
  }
  Finish(s, p, scope_, sub, *unit, children);
  if (!sub.frozen_at.empty()) {
    // What the records say today, beside the frozen figures.
    Submission live;
    live.campaign_id = campaign_id;
    RollUp(s, live, *unit, children);
    sub.changes_since_submission =
        FiguresChanged(*sub.final_figures, ApplyOverrides(*live.computed, sub.data));
  }
  if (sub.status == "submitted" && sub.id) {
    if (auto before = store::LatestSnapshotOf(s, *sub.id)) {
      sub.changes = ChangesSince(ParseObject(before->content), Content(sub));
      sub.changes_since = before->code;
    }
  }
  return sub;
}

Result<Submission> SubmissionService::LoadById(db::Session& s, const Principal& p,
                                               Id submission_id) {
  auto key = store::KeyOf(s, submission_id);
  if (!key) return Error::Forbidden();
  return Load(s, p, key->campaign_id, key->form, key->unit_id);
}

Result<Submission> SubmissionService::LoadForReview(db::Session& s, const Principal& p,
                                                    Id submission_id, std::string_view status,
                                                    const char* wrong_status) {
  VW_TRY(sub, LoadById(s, p, submission_id));
  if (!sub.parent_id) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, *sub.parent_id, kFormReviewers));
  if (sub.status != status) return Error::Conflict(wrong_status);
  return sub;
}

Result<json::object> SubmissionService::LiveContent(db::Session& s, Id campaign_id,
                                                    const std::string& form, Id unit_id) {
  Principal system;
  system.is_sysadmin = true;
  VW_TRY(sub, Load(s, system, campaign_id, form, unit_id));
  if (form == "statistics" && (sub.status == "accepted" || !sub.frozen_at.empty())) {
    auto unit = LoadUnit(s, unit_id);
    if (!unit) return Error::Forbidden();
    RollUp(s, sub, *unit, ReportingChildren(s, campaign_id, form, unit_id));
  }
  return Content(sub);
}

Result<Submission> SubmissionService::Get(const Principal& p, Id campaign_id,
                                          const std::string& form, Id unit_id) {
  db::Session s(db_);
  return Load(s, p, campaign_id, form, unit_id);
}

Result<std::vector<Issue>> SubmissionService::Check(const Principal& p, Id campaign_id,
                                                    const std::string& form, Id unit_id,
                                                    const json::object& data) {
  db::Session s(db_);
  VW_TRY(sub, Load(s, p, campaign_id, form, unit_id));
  return CheckLoaded(s, sub, data);
}

Result<std::vector<Issue>> SubmissionService::CheckLoaded(db::Session& s, const Submission& sub,
                                                          const json::object& data) {
  VW_TRY(normal, NormalizeData(sub.form, data));
  if (sub.form == "plan") KeepPlanDocument(sub.data, normal);
  RuleContext ctx;
  if (sub.form == "statistics") {
    ctx.figures = ApplyOverrides(*sub.computed, normal);
    auto unit = LoadUnit(s, sub.unit_id);
    ctx.schools_in_subtree = SchoolsInSubtree(s, *unit, ctx.figures->schools, 0);
    ctx.previous = PreviousFigures(s, sub.campaign_id, sub.unit_id);
  }
  return Validate(store::LoadRules(s), sub.form, normal, ctx);
}

Result<Submission> SubmissionService::Save(const Principal& p, Id campaign_id,
                                           const std::string& form, Id unit_id,
                                           std::int64_t version, const json::object& data) {
  return SaveForm(p, campaign_id, form, unit_id, version, data, true);
}

Result<Submission> SubmissionService::SaveForm(const Principal& p, Id campaign_id,
                                               const std::string& form, Id unit_id,
                                               std::int64_t version, const json::object& data,
                                               bool answer) {
  db::Session s(db_);
  db::Transaction tx(s);
  LockForm(s, campaign_id, form, unit_id);
  VW_TRY(sub, Load(s, p, campaign_id, form, unit_id));
  VW_RETURN_IF_ERROR(CheckEditable(s, p, sub, version));
  VW_TRY(normal, NormalizeData(form, data));
  if (form == "plan") {
    VW_RETURN_IF_ERROR(CheckPlanLinks(s, campaign_id, unit_id, normal));
    if (sub.id) KeepPlanDocument(sub.data, normal);
  }
  VW_RETURN_IF_ERROR(WriteData(s, p, sub, version, normal,
                               "保存" + sub.unit_name + "的" + FormName(form) + "（第 " +
                                   std::to_string(version + 1) + " 版）"));
  if (!answer) {
    tx.Commit();
    return sub;  // as it was before this save
  }
  VW_TRY(out, Load(s, p, campaign_id, form, unit_id));
  tx.Commit();
  return out;
}

Status SubmissionService::CheckEditable(db::Session& s, const Principal& p, const Submission& sub,
                                        std::int64_t version) {
  VW_RETURN_IF_ERROR(scope_.Require(s, p, sub.unit_id, kFormEditors));
  VW_RETURN_IF_ERROR(RequireFiller(p, sub));
  if (sub.status == "submitted") return Error::Conflict("该表已提交，待上级审核，暂不能修改");
  if (sub.status == "accepted")
    return Error::Conflict("该表已审核通过并锁定，如需修改请联系上级单位重新打开");
  if (sub.status == "not_participating") {
    return Error::Conflict("上级单位已将本单位标记为未参与，如需填报请联系上级单位撤销");
  }
  if (version != sub.version) {
    return Error::Conflict("该表已被他人修改（当前为第 " + std::to_string(sub.version) +
                               " 版，您编辑的是第 " + std::to_string(version) +
                               " 版），请重新加载后再修改",
                           "version");
  }
  return Ok();
}

Status SubmissionService::WriteData(db::Session& s, const Principal& p, const Submission& sub,
                                    std::int64_t version, const json::object& data,
                                    const std::string& what) {
  std::string text = json::serialize(data);
  std::string now = timeutil::NowUtc();
  Id id = 0;
  if (!sub.id) {
    auto created = store::InsertDraft(s, sub.campaign_id, sub.unit_id, sub.form, text, now);
    if (!created) return Error::Conflict("该表已被他人修改，请重新加载后再修改", "version");
    id = *created;
  } else {
    id = *sub.id;
    if (!store::UpdateData(s, id, version, sub.status, text, now)) {
      return Error::Conflict("该表已被他人修改，请重新加载后再修改", "version");
    }
  }
  json::object detail;
  audit::Diff(detail, "data", sub.id ? json::value(sub.data) : json::value(nullptr), data);
  audit::Record(s, p, {"update", "submission", id, sub.unit_id, what, std::move(detail)});
  return Ok();
}

Result<Submission> SubmissionService::Submit(const Principal& p, Id campaign_id,
                                             const std::string& form, Id unit_id,
                                             std::int64_t version) {
  db::Session s(db_);
  db::Transaction tx(s);
  LockForm(s, campaign_id, form, unit_id);
  VW_TRY(sub, Load(s, p, campaign_id, form, unit_id));
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id, kFormEditors));
  VW_RETURN_IF_ERROR(RequireFiller(p, sub));
  if (!sub.parent_id) return Error::Conflict("本单位没有上级单位，无需提交");
  if (sub.status == "submitted") return Error::Conflict("该表已提交，待上级审核");
  if (sub.status == "accepted") return Error::Conflict("该表已审核通过并锁定");
  if (sub.status == "not_participating") return Error::Conflict("上级单位已将本单位标记为未参与");
  if (version != sub.version) {
    return Error::Conflict("该表已被他人修改，请重新加载后再提交", "version");
  }
  if (!sub.blocking_children.empty() && !sub.past_due) {
    std::string names;
    for (std::size_t i = 0; i < sub.blocking_children.size() && i < 5; ++i) {
      names += (i ? "、" : "") + sub.blocking_children[i].unit_name;
    }
    if (sub.blocking_children.size() > 5) names += "等";
    return Error::Conflict("还有 " + std::to_string(sub.blocking_children.size()) +
                           " 个下级单位的" + FormName(form) + "尚未审核通过或标记为未参与：" +
                           names + "。截止时间过后，可提交并注明这些单位未计入");
  }
  if (sub.sign_off_required && sub.signed_off_at.empty()) {
    return Error::Conflict("本单位的报表须经领导审签后提交，请先由本单位管理员审签");
  }
  for (const auto& i : sub.issues) {
    if (i.severity == "error") return Error::Invalid(i.field, i.message);
  }
  std::string now = timeutil::NowUtc();
  bool late = !sub.due_at.empty() && now > sub.due_at;
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  store::SubmitFields fields{json::serialize(sub.data), sub.due_at, now, late, by};
  Id id = 0;
  if (!sub.id) {
    auto created = store::InsertSubmitted(s, campaign_id, unit_id, form, fields);
    if (!created) return Error::Conflict("该表已被他人修改，请重新加载后再提交", "version");
    id = *created;
  } else {
    id = *sub.id;
    if (!store::UpdateSubmitted(s, id, version, sub.status, fields)) {
      return Error::Conflict("该表已被他人修改，请重新加载后再提交", "version");
    }
  }
  if (form == "statistics") {
    // Every submit freezes the figures the unit just saw (loaded live: the
    // form was editable), submission_freeze.h; the row is now at version + 1.
    store::SaveFreeze(s, id, sub.id ? version + 1 : 1, now, json::serialize(FreezeFigures(sub)));
    // The people behind the frozen figures, kept until acceptance counts them.
    store::SavePeople(s, id, sub.people);
  }
  std::string warnings;
  for (const auto& i : sub.issues) {
    if (i.severity == "warning") warnings += (warnings.empty() ? "" : "；") + i.message;
  }
  std::string uncounted;
  for (const auto& c : sub.blocking_children) {
    uncounted += (uncounted.empty() ? "" : "、") + c.unit_name;
  }
  audit::Record(s, p,
                {"submit", "submission", id, unit_id,
                 "提交" + sub.unit_name + "的" + FormName(form) + (late ? "（逾期）" : "") +
                     (uncounted.empty() ? "" : "，未计入：" + uncounted) +
                     (warnings.empty() ? "" : "，提醒：" + warnings),
                 nullptr});
  Notify(s, p, *sub.parent_id, campaign_id, "submitted",
         sub.unit_name + "提交了" + FormName(form) + "，待审核",
         sub.unit_name + "已提交" + FormName(form) + (late ? "（逾期）" : "") + "，请审核。",
         ReviewLink(form, unit_id));
  VW_TRY(out, Load(s, p, campaign_id, form, unit_id));
  tx.Commit();
  return out;
}

Result<Submission> SubmissionService::SignOff(const Principal& p, Id campaign_id,
                                              const std::string& form, Id unit_id,
                                              std::int64_t version) {
  db::Session s(db_);
  db::Transaction tx(s);
  LockForm(s, campaign_id, form, unit_id);
  VW_TRY(sub, Load(s, p, campaign_id, form, unit_id));
  if (!LeadsUnit(p, unit_id)) {
    return Error::Forbidden("只有" + sub.unit_name + "的单位管理员（单位领导）可以审签其" +
                            FormName(form));
  }
  if (!sub.id) return Error::Conflict("请先保存该表，再审签");
  if (sub.status != "draft" && sub.status != "returned") {
    return Error::Conflict("只有未提交的报表可以审签");
  }
  if (!sub.signed_off_at.empty()) return Error::Conflict("该表已审签");
  if (version != sub.version) {
    return Error::Conflict("该表已被他人修改，请重新加载后再审签", "version");
  }
  std::string now = timeutil::NowUtc();
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  if (!store::MarkSignedOff(s, *sub.id, version, sub.status, by, now)) {
    return Error::Conflict("该表已被他人修改，请重新加载后再审签", "version");
  }
  audit::Record(
      s, p,
      {"sign_off", "submission", *sub.id, unit_id,
       "审签" + sub.unit_name + "的" + FormName(form) + "（第 " + std::to_string(version) + " 版）",
       nullptr});
  VW_TRY(out, Load(s, p, campaign_id, form, unit_id));
  tx.Commit();
  return out;
}

Result<bool> SubmissionService::SignOffRequired(const Principal& p, Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  return store::SignOffRequired(s, unit_id);
}

Result<bool> SubmissionService::SetSignOffRequired(const Principal& p, Id unit_id, bool required) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id, RoleSet{Role::kUnitAdmin}));
  auto unit = LoadUnit(s, unit_id);
  if (!unit) return Error::Forbidden();
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  store::SetSignOffRequired(s, unit_id, required, by, timeutil::NowUtc());
  audit::Record(s, p,
                {"update", "unit", unit_id, unit_id,
                 unit->name + (required ? "的报表须经领导审签后提交" : "的报表不再要求领导审签"),
                 json::object{{"sign_off_required", required}}});
  tx.Commit();
  return required;
}

Result<Submission> SubmissionService::Accept(const Principal& p, Id submission_id,
                                             std::int64_t version) {
  db::Session s(db_);
  db::Transaction tx(s);
  LockSubmission(s, submission_id);
  VW_TRY(sub, LoadForReview(s, p, submission_id, "submitted", "只有已提交的报表可以审核通过"));
  // Under an accepted parent form the acceptance changes nothing frozen;
  // under a submitted one it would change what the level above reviews.
  VW_RETURN_IF_ERROR(ParentFormAllows(s, sub, false, "审核通过本表"));
  if (version != sub.version) {
    return Error::Conflict("该表在您查看后有变化，请重新加载后再审核", "version");
  }
  std::string now = timeutil::NowUtc();
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  std::int64_t new_version = sub.version + 1;
  if (!store::MarkAccepted(s, submission_id, version, new_version, now, by)) {
    return Error::Conflict("该表在您查看后有变化，请重新加载后再审核", "version");
  }
  sub.status = "accepted";
  sub.version = new_version;
  json::object content = Content(sub);
  content["accepted_at"] = timeutil::UtcToApi(now);
  content["accepted_by_unit"] = sub.parent_name;
  std::string text = json::serialize(content);
  std::string hash = Sha256Hex(text);
  std::string code;
  for (int attempt = 0; attempt < 5; ++attempt) {
    code = NewCode();
    if (!store::CodeTaken(s, code)) break;
  }
  store::InsertSnapshot(s, {submission_id, sub.campaign_id, sub.unit_id, sub.form, new_version,
                            text, hash, code, now, by});
  if (sub.form == "statistics") {
    StatisticsRow f = ApplyOverrides(*sub.computed, sub.data);
    store::SaveFigures(s, submission_id, sub.campaign_id, sub.unit_id, f);
    store::SaveEnterprises(s, submission_id, sub.enterprise_names);
    // Frozen at submission, the people were saved by that submit; a form
    // submitted before figures were frozen was loaded live here.
    if (sub.frozen_at.empty()) store::SavePeople(s, submission_id, sub.people);
  }
  audit::Record(s, p,
                {"accept", "submission", submission_id, sub.unit_id,
                 "审核通过" + sub.unit_name + "的" + FormName(sub.form) + "（验证码 " + code + "）",
                 json::object{{"content_hash", hash}}});
  Notify(s, p, sub.unit_id, sub.campaign_id, "accepted", FormName(sub.form) + "已审核通过",
         sub.parent_name + "已审核通过本单位的" + FormName(sub.form) + "，验证码 " + code + "。",
         FormLink(sub.form, sub.unit_id));
  VW_TRY(out, Load(s, p, sub.campaign_id, sub.form, sub.unit_id));
  tx.Commit();
  return out;
}

Result<Submission> SubmissionService::Return(const Principal& p, Id submission_id,
                                             const std::string& comment,
                                             const json::object& field_comments,
                                             std::int64_t version) {
  db::Session s(db_);
  db::Transaction tx(s);
  LockSubmission(s, submission_id);
  VW_TRY(sub, LoadForReview(s, p, submission_id, "submitted", "只有已提交的报表可以退回"));
  std::string text = TrimSpaces(comment);
  if (text.empty()) return Error::Invalid("comment", "请填写退回意见");
  if (Utf8Length(text) > 1000) return Error::Invalid("comment", "退回意见不超过 1000 字");
  VW_TRY(comments, CheckReviewComments(sub.form, field_comments));
  json::object fields = CommentsObject(comments);
  if (version != sub.version) {
    return Error::Conflict("该表在您查看后有变化，请重新加载后再退回", "version");
  }
  std::string now = timeutil::NowUtc();
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  std::string fields_text = json::serialize(fields);
  if (!store::MarkReturned(s, submission_id, version, text, fields_text, now, by)) {
    return Error::Conflict("该表在您查看后有变化，请重新加载后再退回", "version");
  }
  store::InsertReturn(s, submission_id, version + 1, text, comments, now, by);
  audit::Record(s, p,
                {"return", "submission", submission_id, sub.unit_id,
                 "退回" + sub.unit_name + "的" + FormName(sub.form) + "：" + text,
                 json::object{{"field_comments", fields}}});
  Notify(s, p, sub.unit_id, sub.campaign_id, "returned", FormName(sub.form) + "被退回修改",
         sub.parent_name + "退回了本单位的" + FormName(sub.form) + "：" + text,
         FormLink(sub.form, sub.unit_id));
  VW_TRY(out, Load(s, p, sub.campaign_id, sub.form, sub.unit_id));
  tx.Commit();
  return out;
}

Result<Submission> SubmissionService::Reopen(const Principal& p, Id submission_id,
                                             const std::string& reason, std::int64_t version) {
  db::Session s(db_);
  db::Transaction tx(s);
  LockSubmission(s, submission_id);
  VW_TRY(sub, LoadForReview(s, p, submission_id, "accepted", "只有已通过的报表可以重新打开"));
  VW_RETURN_IF_ERROR(ParentFormAllows(s, sub, true, "重新打开本表"));
  std::string text = TrimSpaces(reason);
  if (text.empty()) return Error::Invalid("reason", "请填写重新打开的原因");
  if (Utf8Length(text) > 1000) return Error::Invalid("reason", "原因不超过 1000 字");
  if (version != sub.version) {
    return Error::Conflict("该表在您查看后有变化，请重新加载后再操作", "version");
  }
  std::string now = timeutil::NowUtc();
  if (!store::MarkReopened(s, submission_id, version, text, now)) {
    return Error::Conflict("该表在您查看后有变化，请重新加载后再操作", "version");
  }
  audit::Record(s, p,
                {"reopen", "submission", submission_id, sub.unit_id,
                 "重新打开" + sub.unit_name + "的" + FormName(sub.form) + "：" + text, nullptr});
  Notify(s, p, sub.unit_id, sub.campaign_id, "reopened", FormName(sub.form) + "已重新打开",
         sub.parent_name + "重新打开了本单位已通过的" + FormName(sub.form) + "：" + text,
         FormLink(sub.form, sub.unit_id));
  VW_TRY(out, Load(s, p, sub.campaign_id, sub.form, sub.unit_id));
  tx.Commit();
  return out;
}

namespace {

// What the unit's subtree counts today in the statistics: the records a
// "not participating" mark drops from its parent's figures.
DroppedRecords CountedRecordsUnder(db::Session& s, Id campaign_id, Id unit_id) {
  DroppedRecords d;
  d.activities =
      static_cast<std::int64_t>(store::HeldActivitiesUnder(s, campaign_id, unit_id).size());
  for (const auto& c : store::PeopleUnder(s, campaign_id, unit_id)) d.people += c.people;
  for (const auto& m : store::MediaCountsUnder(s, campaign_id, unit_id))
    d.media_reports += m.reports;
  return d;
}

}  // namespace

Result<MarkOutcome> SubmissionService::MarkNotParticipating(const Principal& p, Id campaign_id,
                                                            const std::string& form, Id unit_id,
                                                            const std::string& reason,
                                                            bool confirm) {
  db::Session s(db_);
  db::Transaction tx(s);
  LockForm(s, campaign_id, form, unit_id);
  VW_TRY(sub, Load(s, p, campaign_id, form, unit_id));
  if (!sub.parent_id) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, *sub.parent_id, kFormReviewers));
  if (sub.status == "submitted" || sub.status == "accepted") {
    return Error::Conflict("该单位已提交，不能标记为未参与");
  }
  std::string text = TrimSpaces(reason);
  if (text.empty()) return Error::Invalid("reason", "请填写未参与的原因");
  if (Utf8Length(text) > 500) return Error::Invalid("reason", "原因不超过 500 字");
  MarkOutcome outcome;
  if (form == "statistics") {
    outcome.would_drop = CountedRecordsUnder(s, campaign_id, unit_id);
    if (outcome.would_drop.any() && !confirm) return outcome;
  }
  std::string dropped;
  if (outcome.would_drop.any()) {
    const DroppedRecords& d = outcome.would_drop;
    dropped = "（经确认不再计入：活动 " + std::to_string(d.activities) + " 项、参与 " +
              std::to_string(d.people) + " 人次、媒体报道 " + std::to_string(d.media_reports) +
              " 篇）";
  }
  std::string now = timeutil::NowUtc();
  std::optional<Id> by = p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
  Id id = 0;
  if (!sub.id) {
    auto created = store::InsertNotParticipating(s, campaign_id, unit_id, form,
                                                 json::serialize(sub.data), text, now, by);
    if (!created) return Error::Conflict("该表刚被他人修改，请重新加载后再操作", "version");
    id = *created;
  } else {
    id = *sub.id;
    if (!store::MarkNotParticipating(s, id, sub.version, sub.status, text, now, by)) {
      return Error::Conflict("该表刚被他人修改，请重新加载后再操作", "version");
    }
  }
  audit::Record(
      s, p,
      {"not_participating", "submission", id, unit_id,
       "标记" + sub.unit_name + "未参与" + FormName(form) + "：" + text + dropped, nullptr});
  VW_TRY(out, Load(s, p, campaign_id, form, unit_id));
  tx.Commit();
  outcome.marked = std::move(out);
  return outcome;
}

Result<Submission> SubmissionService::ClearNotParticipating(const Principal& p, Id campaign_id,
                                                            const std::string& form, Id unit_id) {
  db::Session s(db_);
  db::Transaction tx(s);
  LockForm(s, campaign_id, form, unit_id);
  VW_TRY(sub, Load(s, p, campaign_id, form, unit_id));
  if (!sub.parent_id) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, *sub.parent_id, kFormReviewers));
  if (sub.status != "not_participating") return Error::Conflict("该单位未被标记为未参与");
  // Back to not started when the mark created the row (it was version 1 and
  // nothing changes a form while it is marked), else to draft: the form had
  // been saved, and its data stays.
  std::string now = timeutil::NowUtc();
  bool moved = sub.version == 1 ? store::DeleteMarkedRow(s, *sub.id)
                                : store::ClearMark(s, *sub.id, sub.version, now);
  if (!moved) return Error::Conflict("该表刚被他人修改，请重新加载后再操作", "version");
  audit::Record(s, p,
                {"participating", "submission", *sub.id, unit_id,
                 "撤销" + sub.unit_name + "的未参与标记（" + FormName(form) + "）", nullptr});
  VW_TRY(out, Load(s, p, campaign_id, form, unit_id));
  tx.Commit();
  return out;
}

Result<std::vector<audit::Row>> SubmissionService::History(const Principal& p, Id submission_id) {
  db::Session s(db_);
  if (auto sub = LoadById(s, p, submission_id); !sub) return sub.error();  // the scope check
  return audit::ForEntity(s, "submission", submission_id);
}

}  // namespace vw::reporting
