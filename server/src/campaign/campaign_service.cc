#include <algorithm>
#include <map>

#include "audit/audit.h"
#include "campaign/campaign.h"
#include "campaign/campaign_store.h"
#include "campaign/notice_texts.h"
#include "core/json.h"
#include "core/time.h"
#include "db/change_signals.h"
#include "org/org.h"
#include "org/unit_store.h"

namespace vw::campaign {
namespace {

namespace json = boost::json;

json::value OptJson(const std::optional<Id>& v) { return v ? json::value(*v) : nullptr; }
json::value OptTime(const std::optional<std::string>& v) {
  return v ? json::value(timeutil::UtcToApi(*v)) : nullptr;
}

// Moves a stored UTC instant by whole days.
std::string ShiftUtc(const std::string& utc, std::int64_t days) {
  auto t = timeutil::ParseUtc(utc);
  return t ? timeutil::FormatUtc(*t + days * 86400) : utc;
}

bool IsForm(std::string_view f) {
  for (const char* k : kForms) {
    if (f == k) return true;
  }
  return false;
}

const std::vector<std::string> kTaskStatuses = {"todo", "in_progress", "done"};
const std::vector<std::string> kCampaignStatuses = {"draft", "active", "closed"};
const std::vector<std::string> kPositions = {"leader", "deputy", "member"};

// A stale version: the row changed (or went) since the caller read it.
Error StaleDeadline() { return Error::Conflict("截止时间已被他人修改，请刷新后重试", "version"); }
Error StaleMember() { return Error::Conflict("领导小组成员已被他人修改，请刷新后重试", "version"); }
Error StaleDuty() { return Error::Conflict("部门职责已被他人修改，请刷新后重试", "version"); }

// A level's date for its children may not fall after the date it must meet
// itself: the level below has to finish first. Nor may it move before a date
// a level below has already set for its own children (`except_id`: the row
// being edited).
Status CheckDeadlineLevels(db::Session& s, Id campaign_id, const DeadlineInput& input,
                           Id except_id) {
  if (auto below = store::LaterDeadlineBelow(s, campaign_id, input.form, input.collector_unit_id,
                                             timeutil::FormatUtc(input.due_at), except_id)) {
    auto below_at = timeutil::ParseUtc(below->due_at);
    return Error::Invalid(
        "due_at", "截止时间" + timeutil::FormatShanghaiMinute(input.due_at) + "早于下级" +
                      below->collector_name + "已设定的截止时间" +
                      (below_at ? timeutil::FormatShanghaiMinute(*below_at) : below->due_at) +
                      "，须先调整下级的截止时间");
  }
  if (!input.collector_unit_id) return Ok();
  auto own = store::EffectiveDeadline(s, campaign_id, input.form, input.collector_unit_id, false);
  if (!own) return Ok();
  auto own_at = timeutil::ParseUtc(own->due_at);
  if (!own_at || input.due_at <= *own_at) return Ok();
  return Error::Invalid("due_at", "截止时间" + timeutil::FormatShanghaiMinute(input.due_at) +
                                      "晚于本单位须完成的截止时间" +
                                      timeutil::FormatShanghaiMinute(*own_at) + "（" +
                                      own->collector_name + "设定），下级须先完成");
}

}  // namespace

const char* FormName(std::string_view form) {
  if (form == "plan") return "活动方案";
  if (form == "info_form") return "信息采集表";
  if (form == "statistics") return "情况统计表";
  if (form == "summary") return "工作总结报告";
  if (form == "materials") return "新闻报道及图片影像资料";
  if (form == "event") return "活动安排";
  return "其他";
}

json::object ToJson(const ThemeDay& d) {
  return {
      {"id", d.id},          {"day_index", d.day_index},     {"date", d.date},
      {"name", d.name},      {"description", d.description}, {"publicity_theme", d.publicity_theme},
      {"version", d.version}};
}

json::object ToJson(const Deadline& d) {
  return {{"id", d.id},
          {"collector_unit_id", OptJson(d.collector_unit_id)},
          {"collector_name", d.collector_name},
          {"form", d.form},
          {"form_name", FormName(d.form)},
          {"title", d.title},
          {"due_at", timeutil::UtcToApi(d.due_at)},
          {"note", d.note},
          {"sort_order", d.sort_order},
          {"version", d.version}};
}

std::string CampaignPhase(const Campaign& c, std::int64_t now) {
  if (c.status == "draft") return "draft";
  if (c.status != "active") return "ended";
  std::string today = timeutil::ShanghaiDate(now);
  if (today < c.starts_on) return "preparing";
  if (today <= c.ends_on) return "in_week";
  std::int64_t summary_ends = timeutil::ShanghaiToUnix(timeutil::AddDays(c.ends_on, 7), 23, 59, 59);
  if (c.last_due_at) {
    if (auto last = timeutil::ParseUtc(*c.last_due_at)) summary_ends = *last;
  }
  return now <= summary_ends ? "summarising" : "ended";
}

json::object ToJson(const Campaign& c) {
  json::array days, deadlines;
  for (const auto& d : c.days) days.push_back(ToJson(d));
  for (const auto& d : c.deadlines) deadlines.push_back(ToJson(d));
  return {{"id", c.id},
          {"year", c.year},
          {"name", c.name},
          {"theme", c.theme},
          {"starts_on", c.starts_on},
          {"ends_on", c.ends_on},
          {"status", c.status},
          {"phase", CampaignPhase(c, timeutil::NowUnix())},
          {"organiser_unit_id", OptJson(c.organiser_unit_id)},
          {"source_notice", c.source_notice},
          {"copied_from_id", OptJson(c.copied_from_id)},
          {"version", c.version},
          {"created_at", timeutil::UtcToApi(c.created_at)},
          {"updated_at", timeutil::UtcToApi(c.updated_at)},
          {"days", std::move(days)},
          {"deadlines", std::move(deadlines)}};
}

json::object ToJson(const CommitteeMember& m) {
  return {{"id", m.id},
          {"unit_id", m.unit_id},
          {"position", m.position},
          {"person_name", m.person_name},
          {"title", m.title},
          {"sort_order", m.sort_order},
          {"version", m.version}};
}

json::object ToJson(const Duty& d) {
  return {{"id", d.id},
          {"unit_id", d.unit_id},
          {"department_name", d.department_name},
          {"department_unit_id", OptJson(d.department_unit_id)},
          {"responsibility", d.responsibility},
          {"responsible_persons", d.responsible_persons},
          {"sort_order", d.sort_order},
          {"version", d.version}};
}

json::object ToJson(const Task& t) {
  return {{"id", t.id},
          {"campaign_id", t.campaign_id},
          {"duty_id", OptJson(t.duty_id)},
          {"owner_unit_id", t.owner_unit_id},
          {"owner_unit_name", t.owner_unit_name},
          {"title", t.title},
          {"description", t.description},
          {"assignee", t.assignee},
          {"due_at", OptTime(t.due_at)},
          {"status", t.status},
          {"completed_at", OptTime(t.completed_at)},
          {"version", t.version},
          {"created_at", timeutil::UtcToApi(t.created_at)},
          {"updated_at", timeutil::UtcToApi(t.updated_at)}};
}

json::object ToJson(const SubTheme& s) {
  return {{"unit_id", s.unit_id},
          {"unit_name", s.unit_name},
          {"sub_theme", s.sub_theme},
          {"version", s.version}};
}

json::object ToJson(const ActivityCategory& c) {
  return {{"id", c.id},
          {"code", c.code},
          {"name", c.name},
          {"group_name", c.group_name},
          {"detail_fields", c.detail_fields},
          {"sort_order", c.sort_order},
          {"unit_levels", c.unit_levels},
          {"owners_only", c.owners_only}};
}

bool CategoryAvailableTo(const ActivityCategory& c, Id unit_id) {
  if (!c.owners_only) return true;
  return std::find(c.owner_unit_ids.begin(), c.owner_unit_ids.end(), unit_id) !=
         c.owner_unit_ids.end();
}

std::vector<ActivityCategory> CategoriesForUnit(std::vector<ActivityCategory> all, Id unit_id,
                                                const std::string& unit_category) {
  std::erase_if(all,
                [unit_id](const ActivityCategory& c) { return !CategoryAvailableTo(c, unit_id); });
  auto meant = [&unit_category](const ActivityCategory& c) {
    for (std::size_t pos = 0; pos <= c.unit_levels.size();) {
      std::size_t comma = c.unit_levels.find(',', pos);
      if (comma == std::string::npos) comma = c.unit_levels.size();
      if (c.unit_levels.compare(pos, comma - pos, unit_category) == 0) return true;
      pos = comma + 1;
    }
    return false;
  };
  std::stable_partition(all.begin(), all.end(), meant);
  return all;
}

Result<CampaignInput> ParseCampaignInput(const json::object& body) {
  FieldReader in(body);
  CampaignInput c;
  c.name = in.RequiredString("name", "活动周名称", 100);
  c.theme = in.RequiredString("theme", "主题", 100);
  std::string starts = in.RequiredString("starts_on", "开始日期", 10);
  c.status = in.RequiredEnum("status", "状态", kCampaignStatuses);
  c.source_notice = in.MultilineString("source_notice", "依据文件", 300);
  VW_RETURN_IF_ERROR(in.status());
  auto date = timeutil::ParseDate(starts, "starts_on", "开始日期");
  if (!date) return date.error();
  c.starts_on = *date;
  return c;
}

Result<CopyInput> ParseCopyInput(const json::object& body) {
  FieldReader in(body);
  CopyInput c;
  c.year = static_cast<int>(in.RequiredInt("year", "年份", 2000, 2100));
  c.name = in.RequiredString("name", "活动周名称", 100);
  c.theme = in.String("theme", "主题", 100);
  std::string starts = in.RequiredString("starts_on", "开始日期", 10);
  VW_RETURN_IF_ERROR(in.status());
  auto date = timeutil::ParseDate(starts, "starts_on", "开始日期");
  if (!date) return date.error();
  c.starts_on = *date;
  if (c.starts_on.substr(0, 4) != std::to_string(c.year)) {
    return Error::Invalid("starts_on", "开始日期应在" + std::to_string(c.year) + "年内");
  }
  return c;
}

Result<DeadlineInput> ParseDeadlineInput(const json::object& body) {
  FieldReader in(body);
  DeadlineInput d;
  d.collector_unit_id = in.OptionalInt("collector_unit_id", "收取单位", 1, INT64_MAX);
  d.form = in.RequiredString("form", "材料类型", 20);
  d.title = in.RequiredString("title", "截止事项", 100);
  std::string due = in.RequiredString("due_at", "截止时间", 40);
  d.note = in.MultilineString("note", "备注", 300);
  d.sort_order = static_cast<int>(in.OptionalInt("sort_order", "排序", 0, 10000).value_or(0));
  VW_RETURN_IF_ERROR(in.status());
  if (!IsForm(d.form)) return Error::Invalid("form", "材料类型“" + d.form + "”无效");
  auto t = timeutil::ParseInstant(due, "due_at", "截止时间");
  if (!t) return t.error();
  d.due_at = *t;
  return d;
}

Result<TaskInput> ParseTaskInput(const json::object& body) {
  FieldReader in(body);
  TaskInput t;
  t.owner_unit_id = in.RequiredInt("owner_unit_id", "责任单位", 1, INT64_MAX);
  t.duty_id = in.OptionalInt("duty_id", "对应职责", 1, INT64_MAX);
  t.title = in.RequiredString("title", "任务名称", 100);
  t.description = in.MultilineString("description", "任务说明", 1000);
  t.assignee = in.String("assignee", "负责人", 60);
  auto due = in.OptionalString("due_at", "截止时间", 40);
  t.status = in.Has("status") ? in.RequiredEnum("status", "状态", kTaskStatuses) : "todo";
  VW_RETURN_IF_ERROR(in.status());
  if (due && !due->empty()) {
    auto parsed = timeutil::ParseInstant(*due, "due_at", "截止时间");
    if (!parsed) return parsed.error();
    t.due_at = *parsed;
  }
  return t;
}

std::optional<Campaign> CampaignService::Load(db::Session& s, Id id) {
  auto c = store::LoadCampaign(s, id);
  if (c) c->days = store::LoadDays(s, id);
  return c;
}

Result<std::vector<ActivityCategory>> CampaignService::Categories(Id campaign_id,
                                                                  std::optional<Id> unit_id) {
  db::Session s(db_);
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  auto all = store::LoadCategories(s, campaign_id);
  if (!unit_id) return all;
  auto unit = org::store::LoadUnit(s, *unit_id);
  if (!unit) return Error::NotFound("单位不存在");
  std::string level;
  for (const auto& kind : org::store::LoadKinds(s)) {
    if (kind.code == unit->kind) level = kind.category;
  }
  return CategoriesForUnit(std::move(all), unit->id, level);
}

void CampaignService::PublicChanged() {
  db::Session s(db_);
  db::Bump(s, db::kCampaignSignal);
}

std::vector<Campaign> CampaignService::List() {
  db::Session s(db_);
  return store::LoadCampaigns(s);
}

Result<Campaign> CampaignService::Current() {
  db::Session s(db_);
  auto all = store::LoadCampaigns(s);
  if (all.empty()) return Error::NotFound("还没有活动周");
  const Campaign* pick = &all.front();  // latest year
  for (const auto& c : all) {
    if (c.status == "active") {
      pick = &c;
      break;
    }
  }
  Campaign c = *pick;
  c.days = store::LoadDays(s, c.id);
  c.deadlines = store::LoadDeadlines(s, c.id, std::nullopt, /*provincial_only=*/true);
  return c;
}

Result<Campaign> CampaignService::Get(const Principal& p, Id id) {
  db::Session s(db_);
  auto c = Load(s, id);
  if (!c) return Error::NotFound("活动周不存在");
  c->deadlines =
      store::LoadDeadlines(s, id, p.is_sysadmin ? std::nullopt : std::optional<Id>(p.user_id));
  return *c;
}

Result<Campaign> CampaignService::GetPublic(Id id) {
  db::Session s(db_);
  auto c = Load(s, id);
  if (!c) return Error::NotFound("活动周不存在");
  c->deadlines = store::LoadDeadlines(s, id, std::nullopt, /*provincial_only=*/true);
  return *c;
}

Status CampaignService::RequireManager(db::Session& s, const Principal& p, const Campaign& c) {
  if (p.is_sysadmin) return Ok();
  if (c.organiser_unit_id && scope_.Require(s, p, *c.organiser_unit_id, {Role::kUnitAdmin}).ok()) {
    return Ok();
  }
  return Error::Forbidden("只有系统管理员或主办单位管理员可以管理活动周");
}

Result<Campaign> CampaignService::LoadForWrite(db::Session& s, const Principal& p, Id id) {
  auto c = Load(s, id);
  if (!c) return Error::NotFound("活动周不存在");
  VW_RETURN_IF_ERROR(RequireManager(s, p, *c));
  return *c;
}

Result<Campaign> CampaignService::Update(const Principal& p, Id id, int version,
                                         const CampaignInput& input) {
  {
    db::Session s(db_);
    db::Transaction tx(s);
    VW_RETURN_IF_ERROR(UpdateIn(s, p, id, version, input));
    tx.Commit();
  }
  // Read back once the session is returned: a write holds one pooled
  // connection at a time.
  return Get(p, id);
}

Status CampaignService::UpdateIn(db::Session& s, const Principal& p, Id id, int version,
                                 const CampaignInput& input) {
  auto c = LoadForWrite(s, p, id);
  if (!c) return c.error();
  const Error stale = Error::Conflict("活动周信息已被他人修改，请刷新后重试", "version");
  if (c->version != version) return stale;
  if (input.starts_on.substr(0, 4) != std::to_string(c->year)) {
    return Error::Invalid("starts_on", "开始日期应在" + std::to_string(c->year) + "年内");
  }
  std::string ends_on = timeutil::AddDays(input.starts_on, 6);
  if (!store::UpdateCampaign(s, id, version, input, ends_on)) return stale;
  if (input.starts_on != c->starts_on) store::ShiftDayDates(s, id, input.starts_on);
  json::object changes;
  audit::Diff(changes, "name", json::value(c->name), json::value(input.name));
  audit::Diff(changes, "theme", json::value(c->theme), json::value(input.theme));
  audit::Diff(changes, "starts_on", json::value(c->starts_on), json::value(input.starts_on));
  audit::Diff(changes, "status", json::value(c->status), json::value(input.status));
  audit::Diff(changes, "source_notice", json::value(c->source_notice),
              json::value(input.source_notice));
  audit::Record(
      s, p,
      {"update", "campaign", id, c->organiser_unit_id, "修改活动周“" + input.name + "”", changes});
  return Ok();
}

Result<ThemeDay> CampaignService::UpdateThemeDay(const Principal& p, Id campaign_id, Id day_id,
                                                 int version, const ThemeDay& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto c = LoadForWrite(s, p, campaign_id);
  if (!c) return c.error();
  auto day = store::LoadDay(s, campaign_id, day_id);
  if (!day) return Error::NotFound("主题日不存在");
  if (!store::UpdateDay(s, day_id, version, input)) {
    return Error::Conflict("主题日已被他人修改，请刷新后重试", "version");
  }
  json::object changes;
  audit::Diff(changes, "name", json::value(day->name), json::value(input.name));
  audit::Diff(changes, "description", json::value(day->description),
              json::value(input.description));
  audit::Diff(changes, "publicity_theme", json::value(day->publicity_theme),
              json::value(input.publicity_theme));
  audit::Record(s, p,
                {"update", "theme_day", day_id, c->organiser_unit_id,
                 "修改第" + std::to_string(day->day_index) + "天主题日", changes});
  tx.Commit();
  return *store::LoadDay(s, campaign_id, day_id);
}

Result<Campaign> CampaignService::Copy(const Principal& p, Id source_id, const CopyInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto src = LoadForWrite(s, p, source_id);
  if (!src) return src.error();
  for (const auto& other : store::LoadCampaigns(s)) {
    if (other.year == input.year) {
      return Error::Conflict(std::to_string(input.year) + "年的活动周已存在", "year");
    }
  }
  std::int64_t shift = timeutil::DateToDays(input.starts_on) - timeutil::DateToDays(src->starts_on);
  Campaign c;
  c.year = input.year;
  c.name = input.name;
  c.theme = input.theme.empty() ? src->theme : input.theme;
  c.starts_on = input.starts_on;
  c.ends_on = timeutil::AddDays(input.starts_on, 6);
  c.status = "draft";
  c.organiser_unit_id = src->organiser_unit_id;
  c.copied_from_id = src->id;
  Id id = store::InsertCampaign(s, c);
  for (auto d : src->days) {
    d.date = timeutil::AddDays(input.starts_on, d.day_index - 1);
    store::InsertDay(s, id, d);
  }
  for (auto d : store::LoadDeadlines(s, source_id, std::nullopt)) {
    d.due_at = ShiftUtc(d.due_at, shift);
    store::InsertDeadline(s, id, d);
  }
  for (const auto& cat : store::LoadCategories(s, source_id)) store::InsertCategory(s, id, cat);
  CopyNoticeTexts(s, source_id, id);
  // Committees and duties, per unit, keeping the duty → task link.
  std::map<Id, Id> duty_ids;
  std::vector<Id> units_with_plans;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT DISTINCT unit_id FROM committee_members WHERE campaign_id = :c "
                          "UNION SELECT DISTINCT unit_id FROM duties WHERE campaign_id = :c2",
       soci::use(source_id), soci::use(source_id));
  for (const auto& r : rs) units_with_plans.push_back(db::Int(r, 0));
  for (Id unit : units_with_plans) {
    for (const auto& m : store::LoadCommittee(s, source_id, unit)) {
      store::InsertCommitteeMember(s, id, m);
    }
    for (const auto& d : store::LoadDuties(s, source_id, unit)) {
      duty_ids[d.id] = store::InsertDuty(s, id, d);
    }
  }
  for (auto t : store::LoadTasksOfCampaign(s, source_id)) {
    if (t.duty_id) t.duty_id = duty_ids.count(*t.duty_id) ? duty_ids[*t.duty_id] : 0;
    if (t.duty_id && *t.duty_id == 0) t.duty_id.reset();
    if (t.due_at) t.due_at = ShiftUtc(*t.due_at, shift);
    t.status = "todo";
    t.completed_at.reset();
    store::InsertTask(s, id, t);
  }
  audit::Record(
      s, p,
      {"copy", "campaign", id, c.organiser_unit_id, "由“" + src->name + "”复制新建“" + c.name + "”",
       json::object{{"source_id", source_id}, {"shift_days", shift}}});
  tx.Commit();
  return Get(p, id);
}

Result<Deadline> CampaignService::AddDeadline(const Principal& p, Id campaign_id,
                                              const DeadlineInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto c = Load(s, campaign_id);
  if (!c) return Error::NotFound("活动周不存在");
  if (input.collector_unit_id) {
    VW_RETURN_IF_ERROR(scope_.Require(s, p, *input.collector_unit_id, {Role::kUnitAdmin}));
  } else {
    VW_RETURN_IF_ERROR(RequireManager(s, p, *c));
  }
  VW_RETURN_IF_ERROR(CheckDeadlineLevels(s, campaign_id, input, 0));
  Deadline d{0,           input.collector_unit_id,           "",         input.form,
             input.title, timeutil::FormatUtc(input.due_at), input.note, input.sort_order};
  Id id = store::InsertDeadline(s, campaign_id, d);
  audit::Record(
      s, p,
      {"create", "deadline", id, input.collector_unit_id, "新增截止时间“" + input.title + "”",
       json::object{{"due_at", timeutil::FormatShanghaiIso(input.due_at)}}});
  tx.Commit();
  return *store::LoadDeadline(s, campaign_id, id);
}

Result<Deadline> CampaignService::UpdateDeadline(const Principal& p, Id campaign_id, Id deadline_id,
                                                 int version, const DeadlineInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto c = Load(s, campaign_id);
  if (!c) return Error::NotFound("活动周不存在");
  auto current = store::LoadDeadline(s, campaign_id, deadline_id);
  if (!current) return Error::NotFound("截止时间不存在");
  // Authority over both the current and the new collector.
  for (const auto& collector : {current->collector_unit_id, input.collector_unit_id}) {
    if (collector) {
      VW_RETURN_IF_ERROR(scope_.Require(s, p, *collector, {Role::kUnitAdmin}));
    } else {
      VW_RETURN_IF_ERROR(RequireManager(s, p, *c));
    }
  }
  VW_RETURN_IF_ERROR(CheckDeadlineLevels(s, campaign_id, input, deadline_id));
  Deadline d{deadline_id, input.collector_unit_id,           "",         input.form,
             input.title, timeutil::FormatUtc(input.due_at), input.note, input.sort_order};
  if (!store::UpdateDeadline(s, deadline_id, version, d)) return StaleDeadline();
  json::object changes;
  audit::Diff(changes, "title", json::value(current->title), json::value(d.title));
  audit::Diff(changes, "due_at", json::value(current->due_at), json::value(d.due_at));
  audit::Diff(changes, "form", json::value(current->form), json::value(d.form));
  audit::Record(s, p,
                {"update", "deadline", deadline_id, input.collector_unit_id,
                 "修改截止时间“" + input.title + "”", changes});
  tx.Commit();
  return *store::LoadDeadline(s, campaign_id, deadline_id);
}

Status CampaignService::DeleteDeadline(const Principal& p, Id campaign_id, Id deadline_id,
                                       int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto c = Load(s, campaign_id);
  if (!c) return Error::NotFound("活动周不存在");
  auto current = store::LoadDeadline(s, campaign_id, deadline_id);
  if (!current) return Error::NotFound("截止时间不存在");
  if (current->collector_unit_id) {
    VW_RETURN_IF_ERROR(scope_.Require(s, p, *current->collector_unit_id, {Role::kUnitAdmin}));
  } else {
    VW_RETURN_IF_ERROR(RequireManager(s, p, *c));
  }
  if (!store::DeleteDeadline(s, deadline_id, version)) return StaleDeadline();
  audit::Record(s, p,
                {"delete", "deadline", deadline_id, current->collector_unit_id,
                 "删除截止时间“" + current->title + "”", ToJson(*current)});
  tx.Commit();
  return Ok();
}

Result<std::vector<SubTheme>> CampaignService::SubThemes(const Principal& p, Id campaign_id) {
  db::Session s(db_);
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  return store::LoadSubThemes(s, campaign_id, p);
}

Result<SubTheme> CampaignService::SetSubTheme(const Principal& p, Id campaign_id, Id unit_id,
                                              int version, const std::string& sub_theme) {
  db::Session s(db_);
  db::Transaction tx(s);
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id, {Role::kUnitAdmin}));
  auto unit = org::UnitService::Load(s, unit_id);
  if (!unit) return Error::NotFound("单位不存在");
  if (!store::SaveSubTheme(s, campaign_id, unit_id, version, sub_theme)) {
    return Error::Conflict("分主题已被他人修改，请刷新后重试", "version");
  }
  audit::Record(s, p,
                {"update", "sub_theme", unit_id, unit_id, "设置分主题",
                 json::object{{"sub_theme", sub_theme}}});
  auto saved = store::LoadSubTheme(s, campaign_id, unit_id);
  tx.Commit();
  return *saved;
}

Result<std::vector<CommitteeMember>> CampaignService::Committee(const Principal& p, Id campaign_id,
                                                                Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  return store::LoadCommittee(s, campaign_id, unit_id);
}

Result<CommitteeMember> CampaignService::SaveCommitteeMember(const Principal& p, Id campaign_id,
                                                             const CommitteeMember& input) {
  bool known = false;
  for (const auto& pos : kPositions) known = known || pos == input.position;
  if (!known) return Error::Invalid("position", "职务应为组长、副组长或成员");
  db::Session s(db_);
  db::Transaction tx(s);
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  Id id = input.id;
  if (id) {
    auto current = store::LoadCommitteeMember(s, campaign_id, id);
    if (!current) return Error::NotFound("领导小组成员不存在");
    VW_RETURN_IF_ERROR(scope_.Require(s, p, current->unit_id, {Role::kUnitAdmin}));
    if (!store::UpdateCommitteeMember(s, id, input.version, input)) return StaleMember();
    audit::Record(s, p,
                  {"update", "committee_member", id, current->unit_id,
                   "修改领导小组成员 " + input.person_name, ToJson(input)});
  } else {
    VW_RETURN_IF_ERROR(scope_.Require(s, p, input.unit_id, {Role::kUnitAdmin}));
    id = store::InsertCommitteeMember(s, campaign_id, input);
    audit::Record(s, p,
                  {"create", "committee_member", id, input.unit_id,
                   "新增领导小组成员 " + input.person_name, ToJson(input)});
  }
  tx.Commit();
  return *store::LoadCommitteeMember(s, campaign_id, id);
}

Status CampaignService::DeleteCommitteeMember(const Principal& p, Id campaign_id, Id member_id,
                                              int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto current = store::LoadCommitteeMember(s, campaign_id, member_id);
  if (!current) return Error::NotFound("领导小组成员不存在");
  VW_RETURN_IF_ERROR(scope_.Require(s, p, current->unit_id, {Role::kUnitAdmin}));
  if (!store::DeleteCommitteeMember(s, member_id, version)) return StaleMember();
  audit::Record(s, p,
                {"delete", "committee_member", member_id, current->unit_id,
                 "删除领导小组成员 " + current->person_name, ToJson(*current)});
  tx.Commit();
  return Ok();
}

Result<std::vector<Duty>> CampaignService::Duties(const Principal& p, Id campaign_id, Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  return store::LoadDuties(s, campaign_id, unit_id);
}

Result<Duty> CampaignService::SaveDuty(const Principal& p, Id campaign_id, const Duty& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  Id unit_id = input.unit_id;
  if (input.id) {
    auto current = store::LoadDuty(s, campaign_id, input.id);
    if (!current) return Error::NotFound("职责不存在");
    unit_id = current->unit_id;
  }
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id, {Role::kUnitAdmin}));
  if (input.department_unit_id) {
    auto dept = org::UnitService::Load(s, *input.department_unit_id);
    if (!dept || dept->parent_id != unit_id) {
      return Error::Invalid("department_unit_id", "责任部门应为本单位的下级部门或学院");
    }
  }
  Id id = input.id;
  Duty d = input;
  d.unit_id = unit_id;
  if (id) {
    if (!store::UpdateDuty(s, id, input.version, d)) return StaleDuty();
    audit::Record(s, p,
                  {"update", "duty", id, unit_id, "修改部门职责 " + d.department_name, ToJson(d)});
  } else {
    id = store::InsertDuty(s, campaign_id, d);
    audit::Record(s, p,
                  {"create", "duty", id, unit_id, "新增部门职责 " + d.department_name, ToJson(d)});
  }
  tx.Commit();
  return *store::LoadDuty(s, campaign_id, id);
}

Status CampaignService::DeleteDuty(const Principal& p, Id campaign_id, Id duty_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto current = store::LoadDuty(s, campaign_id, duty_id);
  if (!current) return Error::NotFound("职责不存在");
  VW_RETURN_IF_ERROR(scope_.Require(s, p, current->unit_id, {Role::kUnitAdmin}));
  if (!store::DeleteDuty(s, duty_id, version)) return StaleDuty();
  audit::Record(s, p,
                {"delete", "duty", duty_id, current->unit_id,
                 "删除部门职责 " + current->department_name, ToJson(*current)});
  tx.Commit();
  return Ok();
}

Result<int> CampaignService::GenerateTasks(const Principal& p, Id campaign_id, Id unit_id,
                                           std::optional<std::int64_t> due_at) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto c = store::LoadCampaign(s, campaign_id);
  if (!c) return Error::NotFound("活动周不存在");
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id, {Role::kUnitAdmin}));
  std::optional<std::string> due;
  if (due_at) {
    due = timeutil::FormatUtc(*due_at);
  } else {
    // By default a duty is due when the week ends (Shanghai end of day).
    due = timeutil::FormatUtc(timeutil::ShanghaiToUnix(c->ends_on, 23, 59, 59));
  }
  int created = 0;
  for (const auto& duty : store::LoadDuties(s, campaign_id, unit_id)) {
    std::vector<Id> owners;
    if (duty.department_unit_id) {
      owners.push_back(*duty.department_unit_id);
    } else {
      soci::rowset<soci::row> rs =
          (s.sql().prepare << "SELECT id FROM units WHERE parent_id = :p AND kind = 'college' AND "
                              "active = 1 ORDER BY sort_order, id",
           soci::use(unit_id));
      for (const auto& r : rs) owners.push_back(db::Int(r, 0));
    }
    for (Id owner : owners) {
      if (store::TaskExistsForDuty(s, duty.id, owner)) continue;
      Task t;
      t.duty_id = duty.id;
      t.owner_unit_id = owner;
      t.title = duty.responsibility;
      t.assignee = duty.responsible_persons;
      t.due_at = due;
      t.status = "todo";
      store::InsertTask(s, campaign_id, t);
      ++created;
    }
  }
  audit::Record(s, p,
                {"generate_tasks", "campaign", campaign_id, unit_id,
                 "由部门职责生成任务 " + std::to_string(created) + " 项", nullptr});
  tx.Commit();
  return created;
}

Result<std::pair<std::vector<Task>, std::int64_t>> CampaignService::Tasks(const Principal& p,
                                                                          Id campaign_id,
                                                                          const TaskQuery& q) {
  db::Session s(db_);
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  if (q.unit_id) VW_RETURN_IF_ERROR(scope_.Require(s, p, *q.unit_id));
  int all = org::Scope::AllFlag(p);
  Id root = q.unit_id.value_or(0);
  std::string where =
      " WHERE t.campaign_id = :c AND " + org::Scope::SubtreeCondition("t.owner_unit_id") + " AND " +
      org::Scope::UnderCondition("t.owner_unit_id") + " AND (:st = '' OR t.status = :st2)";
  std::int64_t total = 0;
  s.sql() << "SELECT COUNT(*) FROM tasks t" << where, soci::use(campaign_id), soci::use(all),
      soci::use(p.user_id), soci::use(root), soci::use(root), soci::use(q.status),
      soci::use(q.status), soci::into(total);
  std::vector<Task> tasks;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT t.id FROM tasks t" << where
                       << " ORDER BY t.due_at, t.id LIMIT :lim OFFSET :off",
       soci::use(campaign_id), soci::use(all), soci::use(p.user_id), soci::use(root),
       soci::use(root), soci::use(q.status), soci::use(q.status), soci::use(q.limit),
       soci::use(q.offset));
  std::vector<Id> ids;
  for (const auto& r : rs) ids.push_back(db::Int(r, 0));
  tasks.reserve(tasks.size() + ids.size());
  for (Id id : ids) tasks.push_back(*store::LoadTask(s, id));
  return std::make_pair(std::move(tasks), total);
}

Result<Task> CampaignService::CreateTask(const Principal& p, Id campaign_id,
                                         const TaskInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  if (!store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  auto allowed = scope_.Require(s, p, input.owner_unit_id, {Role::kUnitAdmin});
  if (!allowed)
    return Error{ErrorCode::kForbidden, "不能给管理范围以外的单位分派任务", "owner_unit_id"};
  if (input.duty_id && !store::LoadDuty(s, campaign_id, *input.duty_id)) {
    return Error::Invalid("duty_id", "对应职责不存在");
  }
  Task t;
  t.duty_id = input.duty_id;
  t.owner_unit_id = input.owner_unit_id;
  t.title = input.title;
  t.description = input.description;
  t.assignee = input.assignee;
  if (input.due_at) t.due_at = timeutil::FormatUtc(*input.due_at);
  t.status = input.status;
  if (t.status == "done") t.completed_at = timeutil::NowUtc();
  Id id = store::InsertTask(s, campaign_id, t);
  audit::Record(
      s, p,
      {"create", "task", id, input.owner_unit_id, "新建任务“" + input.title + "”", ToJson(t)});
  tx.Commit();
  return *store::LoadTask(s, id);
}

Result<Task> CampaignService::UpdateTask(const Principal& p, Id task_id, int version,
                                         const TaskInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto current = store::LoadTask(s, task_id);
  if (!current) return Error::NotFound("任务不存在");
  VW_RETURN_IF_ERROR(
      scope_.Require(s, p, current->owner_unit_id,
                     {Role::kUnitAdmin, Role::kOrganiser, Role::kReviewer, Role::kPublicity}));
  const Error stale = Error::Conflict("任务已被他人修改，请刷新后重试", "version");
  if (current->version != version) return stale;
  bool admin = scope_.Require(s, p, current->owner_unit_id, {Role::kUnitAdmin}).ok();
  Task t = *current;
  if (admin) {
    if (input.owner_unit_id != current->owner_unit_id) {
      auto allowed = scope_.Require(s, p, input.owner_unit_id, {Role::kUnitAdmin});
      if (!allowed)
        return Error{ErrorCode::kForbidden, "不能把任务转给管理范围以外的单位", "owner_unit_id"};
    }
    t.owner_unit_id = input.owner_unit_id;
    t.title = input.title;
    t.description = input.description;
    t.due_at = input.due_at ? std::optional<std::string>(timeutil::FormatUtc(*input.due_at))
                            : std::nullopt;
  } else if (input.title != current->title || input.owner_unit_id != current->owner_unit_id) {
    return Error::Forbidden("只有单位管理员可以修改任务名称和责任单位");
  }
  t.assignee = input.assignee;
  if (input.status != t.status) {
    t.completed_at =
        input.status == "done" ? std::optional<std::string>(timeutil::NowUtc()) : std::nullopt;
  }
  t.status = input.status;
  if (!store::UpdateTask(s, task_id, version, t)) return stale;
  json::object changes;
  json::object before = ToJson(*current), after = ToJson(t);
  for (const char* k : {"title", "description", "assignee", "due_at", "status", "owner_unit_id"}) {
    audit::Diff(changes, k, before[k], after[k]);
  }
  audit::Record(s, p,
                {"update", "task", task_id, t.owner_unit_id, "更新任务“" + t.title + "”", changes});
  tx.Commit();
  return *store::LoadTask(s, task_id);
}

Status CampaignService::DeleteTask(const Principal& p, Id task_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto current = store::LoadTask(s, task_id);
  if (!current) return Error::NotFound("任务不存在");
  VW_RETURN_IF_ERROR(scope_.Require(s, p, current->owner_unit_id, {Role::kUnitAdmin}));
  if (!store::DeleteTask(s, task_id, version)) {
    return Error::Conflict("任务已被他人修改，请刷新后重试", "version");
  }
  audit::Record(s, p,
                {"delete", "task", task_id, current->owner_unit_id,
                 "删除任务“" + current->title + "”", ToJson(*current)});
  tx.Commit();
  return Ok();
}

}  // namespace vw::campaign
