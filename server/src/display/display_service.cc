// Display events: the rules (display.h).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "activity/activity.h"
#include "audit/audit.h"
#include "core/time.h"
#include "display/display.h"
#include "display/display_access.h"
#include "display/display_store.h"
#include "reporting/media_store.h"
#include "reporting/notification_store.h"

namespace vw::display {
namespace {

constexpr RoleSet kApplicants{Role::kUnitAdmin, Role::kOrganiser};

Error EventNotFound() { return Error::NotFound("展示活动不存在"); }
Error Stale() { return Error::Conflict("已被他人修改，请刷新后重试", "version"); }

std::optional<Id> UserOf(const Principal& p) {
  return p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
}

bool IsTime(const std::string& t) {
  return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
         std::isdigit(static_cast<unsigned char>(t[1])) &&
         std::isdigit(static_cast<unsigned char>(t[3])) &&
         std::isdigit(static_cast<unsigned char>(t[4])) && t.substr(0, 2) < "24" &&
         t.substr(3, 2) < "60";
}

std::string When(const store::EventRow& e) {
  return timeutil::FormatChineseDate(e.day) + " " + e.start_time + "-" + e.end_time;
}

std::string Link(Id event_id) { return "/display/events/" + std::to_string(event_id); }

json::object ApplicationJson(const store::ApplicationRow& a) {
  return {{"id", a.id},
          {"unit_id", a.unit_id},
          {"unit_name", a.unit_name},
          {"exhibit", a.exhibit},
          {"category", a.category},
          {"tables", a.tables},
          {"power", a.power},
          {"network", a.network},
          {"area_m2", a.area_m2},
          {"contact", a.contact},
          {"booth", a.booth},
          {"version", a.version},
          {"visitors", a.visitors}};
}

json::object EventJson(const store::EventRow& e) {
  return {{"id", e.id},
          {"campaign_id", e.campaign_id},
          {"unit_id", e.unit_id},
          {"unit_name", e.unit_name},
          {"title", e.title},
          {"venue", e.venue},
          {"day", e.day},
          {"day_text", timeutil::FormatChineseDate(e.day)},
          {"start_time", e.start_time},
          {"end_time", e.end_time},
          {"fallback_venue", e.fallback_venue},
          {"fallback_day", e.fallback_day},
          {"weather_switched", e.weather_switched},
          {"original_venue", e.original_venue},
          {"original_day", e.original_day},
          {"setup_time", e.setup_time},
          {"clear_time", e.clear_time},
          {"contact", e.contact},
          {"activity_id", e.activity_id ? json::value(*e.activity_id) : json::value(nullptr)},
          {"plan_version", e.plan_version},
          {"published", e.published_at.has_value()},
          {"published_at",
           e.published_at ? json::value(timeutil::UtcToApi(*e.published_at)) : json::value()},
          {"version", e.version}};
}

json::array SlotsJson(const std::vector<Slot>& slots) {
  json::array out;
  for (const auto& s : slots) {
    out.push_back(json::object{{"start_time", s.start_time},
                               {"end_time", s.end_time},
                               {"title", s.title},
                               {"performer", s.performer}});
  }
  return out;
}

// Units `p` may apply for: granted applicant roles, strictly below the
// organiser, not yet applied.
json::array ApplyUnits(db::Session& s, const Principal& p, const store::EventRow& e,
                       const std::vector<store::ApplicationRow>& apps) {
  std::set<Id> applied;
  for (const auto& a : apps) applied.insert(a.unit_id);
  std::vector<Id> units;
  for (const auto& g : p.grants) {
    if (kApplicants.Has(g.role) && g.unit_id != e.unit_id && !applied.count(g.unit_id) &&
        std::find(units.begin(), units.end(), g.unit_id) == units.end()) {
      units.push_back(g.unit_id);
    }
  }
  json::array out;
  if (units.empty()) return out;
  auto ancestors = org::Scope::AncestorsOf(s, units);
  for (Id u : units) {
    const auto& chain = ancestors[u];
    if (std::find(chain.begin(), chain.end(), e.unit_id) == chain.end()) continue;
    out.push_back(json::object{{"id", u}, {"name", store::UnitName(s, u)}});
  }
  return out;
}

// The event as its reader `p` sees it.
json::object Detail(db::Session& s, const org::Scope& scope, const Principal& p,
                    const store::EventRow& e) {
  bool manage = Manages(scope, s, p, e.unit_id);
  auto apps = store::Applications(s, e.id);
  json::object o = EventJson(e);
  Plan plan = ParsePlan(e.plan);
  plan.plan_version = e.plan_version;
  o["plan"] = PlanJson(plan);
  o["slots"] = SlotsJson(store::Slots(s, e.id));
  json::array list;
  std::int64_t visitors = 0;
  for (const auto& a : apps) {
    if (manage || scope.Require(s, p, a.unit_id).ok()) {
      list.push_back(ApplicationJson(a));
      visitors += a.visitors;
    }
  }
  o["applications"] = std::move(list);
  o["visitor_total"] = visitors;  // of the applications shown
  o["application_count"] = static_cast<std::int64_t>(apps.size());
  o["can_manage"] = manage;
  o["apply_units"] = ApplyUnits(s, p, e, apps);
  return o;
}

// The event `p` manages, locked; absent or unreadable reads as not found.
Result<store::EventRow> LoadManaged(db::Session& s, const org::Scope& scope, const Principal& p,
                                    Id id, int version) {
  auto e = store::LoadEvent(s, id, true);
  if (!e || !Reaches(scope, s, p, e->unit_id)) return EventNotFound();
  if (!Manages(scope, s, p, e->unit_id)) {
    return Error::Forbidden("只有主办单位的管理员可以管理展示活动");
  }
  if (version != e->version) return Stale();
  return *e;
}

Status CheckEventContent(db::Session& s, Id campaign_id, Id unit_id, const EventInput& in) {
  if (in.activity_id &&
      !reporting::store::ActivityUnder(s, campaign_id, *in.activity_id, unit_id)) {
    return Error{ErrorCode::kNotFound, "【关联活动】不存在或不是主办单位及其下级单位的活动",
                 "activity_id"};
  }
  return Ok();
}

void CopyInput(store::EventRow& r, const EventInput& in) {
  r.title = in.title;
  r.venue = in.venue;
  r.day = in.day;
  r.start_time = in.start_time;
  r.end_time = in.end_time;
  r.fallback_venue = in.fallback_venue;
  r.fallback_day = in.fallback_day;
  r.setup_time = in.setup_time;
  r.clear_time = in.clear_time;
  r.contact = in.contact;
  r.activity_id = in.activity_id;
}

// What a unit is told about its booth.
std::string BoothNotice(const store::EventRow& e, const std::string& booth) {
  std::string text = e.title + "：" + When(e) + "，" + e.venue + "。";
  text += booth.empty() ? "暂未分配展位。" : "展位号 " + booth + "。";
  if (!e.setup_time.empty()) text += "布展时间：" + e.setup_time + "。";
  if (!e.clear_time.empty()) text += "撤展时间：" + e.clear_time + "。";
  if (!e.contact.empty()) text += "联系人：" + e.contact + "。";
  return text;
}

// Writes the booths of `wanted` (application id -> booth) that differ; once
// published, each unit concerned is told. Checks that no booth is given
// twice and that each is in the plan.
Status WriteBooths(db::Session& s, const Principal& p, const store::EventRow& e,
                   const std::vector<store::ApplicationRow>& apps,
                   const std::map<Id, std::string>& wanted, const std::string& now) {
  Plan plan = ParsePlan(e.plan);
  std::set<std::string> booths;
  for (const auto& sh : plan.shapes) {
    if (sh.kind == "booth") booths.insert(sh.number);
  }
  std::map<std::string, std::string> taken;  // booth -> unit name
  for (const auto& a : apps) {
    auto w = wanted.find(a.id);
    const std::string& booth = w == wanted.end() ? a.booth : w->second;
    if (booth.empty()) continue;
    if (!booths.count(booth)) {
      return Error::Invalid("booth", "【展位】“" + booth + "”不在当前平面图中");
    }
    auto [it, fresh] = taken.emplace(booth, a.unit_name);
    if (!fresh) {
      return Error::Invalid(
          "booth", "【展位】" + booth + "不能同时分配给" + it->second + "和" + a.unit_name);
    }
  }
  for (const auto& a : apps) {
    auto w = wanted.find(a.id);
    if (w == wanted.end() || w->second == a.booth) continue;
    store::SetBooth(s, a.id, w->second, now);
    if (e.published_at) {
      reporting::store::InsertNotification(
          s, {a.unit_id, e.campaign_id, "display_booth_changed", "展位调整：" + e.title,
              "展位由 " + (a.booth.empty() ? std::string("（无）") : a.booth) + " 调整为 " +
                  (w->second.empty() ? std::string("（无）") : w->second) + "。" +
                  BoothNotice(e, w->second),
              Link(e.id), UserOf(p), now});
    }
  }
  return Ok();
}

// Bumps the event's version (every managing write does, so two managers
// never both win) and answers its detail.
Result<json::value> Finish(db::Session& s, db::Transaction& tx, const org::Scope& scope,
                           const Principal& p, store::EventRow& e, int version,
                           const std::string& now) {
  if (!store::SaveEvent(s, e, version, now)) return Stale();
  auto fresh = store::LoadEvent(s, e.id);
  json::object out = Detail(s, scope, p, *fresh);
  tx.Commit();
  return json::value(std::move(out));
}

// The gap between two shapes in grid cells (0 when they touch): the
// aisle one would cross from one booth to the other.
std::int64_t Gap(const Shape& a, const Shape& b) {
  std::int64_t dx = std::max<std::int64_t>(0, std::max(a.x, b.x) - std::min(a.x + a.w, b.x + b.w));
  std::int64_t dy = std::max<std::int64_t>(0, std::max(a.y, b.y) - std::min(a.y + a.h, b.y + b.h));
  return dx + dy;
}

// Auto-assign (docs/display.md "Auto-assign"): the applications of one
// 专业群 (category) form a group, larger groups first (then by name; an
// application without a category is a group of its own, last). Within a
// group the power needs go first; the first member takes the first free
// booth in number order that fits (or, when units of the group were given
// booths before, the one nearest to those), every next member the fitting
// free booth nearest (smallest Gap, then number) to the group's booths, so one
// group's units stand side by side. A booth fits a power need only with
// power; a unit without a power need takes a booth with power only when the
// booths with power left outnumber the power needs still waiting. Booths
// large enough for the area asked are preferred.
std::map<Id, std::string> ChooseBooths(
    const Plan& plan, std::vector<const Shape*> free,
    const std::vector<const store::ApplicationRow*>& waiting,
    const std::map<std::string, std::vector<const Shape*>>& held_by_category,
    std::int64_t& unassigned) {
  std::sort(free.begin(), free.end(),
            [](const Shape* a, const Shape* b) { return a->number < b->number; });
  std::map<std::string, std::vector<const store::ApplicationRow*>> by_category;
  std::vector<std::vector<const store::ApplicationRow*>> groups, singles;
  for (const auto* a : waiting) {
    if (a->category.empty()) {
      singles.push_back({a});
    } else {
      by_category[a->category].push_back(a);
    }
  }
  for (auto& [category, list] : by_category) groups.push_back(std::move(list));
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (auto& single : singles) groups.push_back(std::move(single));

  std::int64_t power_needs = 0, power_free = 0;
  for (const auto* a : waiting) power_needs += a->power ? 1 : 0;
  for (const auto* b : free) power_free += BoothHasPower(plan, *b) ? 1 : 0;

  std::map<Id, std::string> wanted;
  for (auto& group : groups) {
    std::stable_sort(group.begin(), group.end(),
                     [](const auto* a, const auto* b) { return a->power && !b->power; });
    std::vector<const Shape*> held;  // the group's booths, those assigned before too
    if (auto h = held_by_category.find(group.front()->category);
        h != held_by_category.end() && !group.front()->category.empty()) {
      held = h->second;
    }
    for (const auto* a : group) {
      auto fits = [&](const Shape* b, bool strict) {
        bool powered = BoothHasPower(plan, *b);
        if (a->power && !powered) return false;
        if (!a->power && powered && (strict || power_free <= power_needs)) return false;
        if (strict && a->area_m2 > b->w * b->h) return false;
        return true;
      };
      auto nearest = [&](bool strict) {
        auto best = free.end();
        std::int64_t best_gap = 0;
        for (auto it = free.begin(); it != free.end(); ++it) {
          if (!fits(*it, strict)) continue;
          std::int64_t gap = 0;
          if (!held.empty()) {
            gap = INT64_MAX;
            for (const Shape* h : held) gap = std::min(gap, Gap(**it, *h));
          }
          if (best == free.end() || gap < best_gap) {
            best = it;
            best_gap = gap;
          }
        }
        return best;
      };
      auto pick = nearest(true);
      if (pick == free.end()) pick = nearest(false);
      if (a->power) --power_needs;
      if (pick == free.end()) {
        ++unassigned;
        continue;
      }
      if (BoothHasPower(plan, **pick)) --power_free;
      wanted[a->id] = (*pick)->number;
      held.push_back(*pick);
      free.erase(pick);
    }
  }
  return wanted;
}

}  // namespace

bool Manages(const org::Scope& scope, db::Session& s, const Principal& p, Id organiser) {
  return scope.Require(s, p, organiser, {Role::kUnitAdmin}).ok();
}

bool Reaches(const org::Scope& scope, db::Session& s, const Principal& p, Id organiser) {
  if (p.is_sysadmin || scope.Require(s, p, organiser).ok()) return true;
  std::vector<Id> units;
  for (const auto& g : p.grants) units.push_back(g.unit_id);
  if (units.empty()) return false;
  for (const auto& [unit, chain] : org::Scope::AncestorsOf(s, units)) {
    if (std::find(chain.begin(), chain.end(), organiser) != chain.end()) return true;
  }
  return false;
}

Result<EventInput> ReadEventInput(const json::object& body, bool create) {
  FieldReader f(body);
  EventInput in;
  if (create) {
    in.campaign_id = f.RequiredInt("campaign_id", "【活动周】", 1, INT64_MAX);
    in.unit_id = f.RequiredInt("unit_id", "【主办单位】", 1, INT64_MAX);
  }
  in.title = f.RequiredString("title", "【名称】", kMaxTitle);
  in.venue = f.RequiredString("venue", "【地点】", kMaxVenue);
  in.day = f.RequiredString("day", "【日期】", 10);
  in.start_time = f.RequiredString("start_time", "【开始时间】", 5);
  in.end_time = f.RequiredString("end_time", "【结束时间】", 5);
  in.fallback_venue = f.String("fallback_venue", "【备用地点】", kMaxVenue);
  in.fallback_day = f.String("fallback_day", "【备用日期】", 10);
  in.setup_time = f.String("setup_time", "【布展时间】", kMaxTimeText);
  in.clear_time = f.String("clear_time", "【撤展时间】", kMaxTimeText);
  in.contact = f.String("contact", "【联系人】", kMaxContact);
  in.activity_id = f.OptionalInt("activity_id", "【关联活动】", 1, INT64_MAX);
  if (!create) in.version = static_cast<int>(f.RequiredInt("version", "【版本号】", 1, INT32_MAX));
  VW_RETURN_IF_ERROR(f.status());
  if (!timeutil::IsValidDate(in.day)) {
    return Error::Invalid("day", "【日期】应为 YYYY-MM-DD 格式的日期");
  }
  if (!in.fallback_day.empty() && !timeutil::IsValidDate(in.fallback_day)) {
    return Error::Invalid("fallback_day", "【备用日期】应为 YYYY-MM-DD 格式的日期");
  }
  if (!IsTime(in.start_time)) return Error::Invalid("start_time", "【开始时间】应为 HH:MM");
  if (!IsTime(in.end_time)) return Error::Invalid("end_time", "【结束时间】应为 HH:MM");
  if (in.end_time <= in.start_time) {
    return Error::Invalid("end_time", "【结束时间】应晚于开始时间");
  }
  return in;
}

Result<ApplicationInput> ReadApplicationInput(const json::object& body) {
  FieldReader f(body);
  ApplicationInput in;
  in.unit_id = f.RequiredInt("unit_id", "【参展单位】", 1, INT64_MAX);
  in.exhibit = f.RequiredString("exhibit", "【展示内容】", kMaxExhibit);
  in.category = f.String("category", "【专业群/类别】", kMaxCategory);
  in.contact = f.String("contact", "【联系人】", kMaxContact);
  in.tables = f.OptionalInt("tables", "【桌子数量】", 0, kMaxTables).value_or(0);
  in.area_m2 = f.OptionalInt("area_m2", "【场地面积】", 0, kMaxArea).value_or(0);
  in.power = f.Bool("power", "【需要用电】", false);
  in.network = f.Bool("network", "【需要网络】", false);
  VW_RETURN_IF_ERROR(f.status());
  return in;
}

Result<std::vector<Slot>> ReadSlots(const json::object& body) {
  auto found = body.find("slots");
  if (found == body.end() || !found->value().is_array()) {
    return Error::Invalid("slots", "【节目单】应为列表");
  }
  const auto& list = found->value().as_array();
  if (list.size() > kMaxSlots) {
    return Error::Invalid("slots", "【节目单】最多" + std::to_string(kMaxSlots) + "个节目");
  }
  std::vector<Slot> out;
  for (const auto& v : list) {
    if (!v.is_object()) return Error::Invalid("slots", "【节目单】的每一项应为对象");
    FieldReader f(v.as_object());
    Slot slot;
    slot.start_time = f.RequiredString("start_time", "【节目开始时间】", 5);
    slot.end_time = f.RequiredString("end_time", "【节目结束时间】", 5);
    slot.title = f.RequiredString("title", "【节目名称】", kMaxLabel * 2);
    slot.performer = f.String("performer", "【表演单位】", kMaxTitle);
    if (auto st = f.status(); !st) {
      Error err = st.error();
      err.field = "slots";
      return err;
    }
    if (!IsTime(slot.start_time) || !IsTime(slot.end_time) || slot.end_time <= slot.start_time) {
      return Error::Invalid("slots",
                            "【节目时间】“" + slot.title + "”的时间应为 HH:MM，且结束晚于开始");
    }
    out.push_back(std::move(slot));
  }
  std::sort(out.begin(), out.end(),
            [](const Slot& a, const Slot& b) { return a.start_time < b.start_time; });
  return out;
}

Result<std::vector<Assignment>> ReadAssignments(const json::object& body) {
  auto found = body.find("assignments");
  if (found == body.end() || !found->value().is_array()) {
    return Error::Invalid("assignments", "【展位分配】应为列表");
  }
  const auto& list = found->value().as_array();
  if (list.size() > kMaxApplications) {
    return Error::Invalid("assignments",
                          "【展位分配】最多" + std::to_string(kMaxApplications) + "项");
  }
  std::vector<Assignment> out;
  for (const auto& v : list) {
    if (!v.is_object()) return Error::Invalid("assignments", "【展位分配】的每一项应为对象");
    FieldReader f(v.as_object());
    Assignment a;
    a.application_id = f.RequiredInt("application_id", "【申请】", 1, INT64_MAX);
    a.booth = f.String("booth", "【展位】", kMaxBoothNumber);
    VW_RETURN_IF_ERROR(f.status());
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<VisitTap>> ReadVisitTaps(const json::object& body) {
  auto found = body.find("taps");
  if (found == body.end() || !found->value().is_array()) {
    return Error::Invalid("taps", "【参观人数】应为计数记录列表");
  }
  const auto& list = found->value().as_array();
  if (list.empty()) return Error::Invalid("taps", "【参观人数】没有计数记录");
  if (list.size() > kMaxVisitTaps) {
    return Error::Invalid("taps",
                          "【参观人数】一次最多上传" + std::to_string(kMaxVisitTaps) + "条记录");
  }
  std::vector<VisitTap> out;
  for (const auto& v : list) {
    if (!v.is_object()) return Error::Invalid("taps", "【参观人数】的每一项应为对象");
    FieldReader f(v.as_object());
    VisitTap tap;
    tap.tap_id = f.RequiredString("tap_id", "【记录编号】", kMaxTapId);
    tap.application_id = f.RequiredInt("application_id", "【展位】", 1, INT64_MAX);
    tap.delta =
        static_cast<int>(f.RequiredInt("delta", "【人数变化】", -kMaxVisitDelta, kMaxVisitDelta));
    VW_RETURN_IF_ERROR(f.status());
    if (tap.delta == 0) return Error::Invalid("delta", "【人数变化】不能为0");
    out.push_back(std::move(tap));
  }
  return out;
}

Result<json::value> DisplayService::List(const Principal& p, Id campaign_id) {
  db::Session s(db_);
  json::array items;
  for (const auto& e : store::EventsOfCampaign(s, campaign_id)) {
    if (!Reaches(scope_, s, p, e.unit_id)) continue;
    json::object o = EventJson(e);
    o["can_manage"] = Manages(scope_, s, p, e.unit_id);
    o["application_count"] = store::CountApplications(s, e.id);
    items.push_back(std::move(o));
  }
  std::int64_t total = static_cast<std::int64_t>(items.size());
  return json::value(json::object{{"items", std::move(items)}, {"total", total}});
}

Result<json::value> DisplayService::Create(const Principal& p, const EventInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  if (!store::CampaignExists(s, in.campaign_id)) {
    return Error{ErrorCode::kNotFound, "【活动周】不存在", "campaign_id"};
  }
  if (!Manages(scope_, s, p, in.unit_id)) {
    return Error::Forbidden("只有单位管理员可以为本单位创建展示活动");
  }
  VW_RETURN_IF_ERROR(CheckEventContent(s, in.campaign_id, in.unit_id, in));
  store::EventRow r;
  r.campaign_id = in.campaign_id;
  r.unit_id = in.unit_id;
  CopyInput(r, in);
  r.created_at = timeutil::NowUtc();
  Id id = store::InsertEvent(s, r, UserOf(p));
  audit::Record(
      s, p, {"create", "display_event", id, in.unit_id, "创建展示活动“" + in.title + "”", nullptr});
  auto e = store::LoadEvent(s, id);
  json::object out = Detail(s, scope_, p, *e);
  tx.Commit();
  return json::value(std::move(out));
}

Result<json::value> DisplayService::Get(const Principal& p, Id event_id) {
  db::Session s(db_);
  auto e = store::LoadEvent(s, event_id);
  if (!e || !Reaches(scope_, s, p, e->unit_id)) return EventNotFound();
  return json::value(Detail(s, scope_, p, *e));
}

Result<json::value> DisplayService::Update(const Principal& p, Id event_id, const EventInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_TRY(e, LoadManaged(s, scope_, p, event_id, in.version));
  VW_RETURN_IF_ERROR(CheckEventContent(s, e.campaign_id, e.unit_id, in));
  CopyInput(e, in);
  std::string now = timeutil::NowUtc();
  audit::Record(
      s, p, {"update", "display_event", e.id, e.unit_id, "修改展示活动“" + e.title + "”", nullptr});
  return Finish(s, tx, scope_, p, e, in.version, now);
}

Result<json::value> DisplayService::SavePlan(const Principal& p, Id event_id, const Plan& plan) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto found = store::LoadEvent(s, event_id, true);
  if (!found || !Reaches(scope_, s, p, found->unit_id)) return EventNotFound();
  if (!Manages(scope_, s, p, found->unit_id)) {
    return Error::Forbidden("只有主办单位的管理员可以编辑平面图");
  }
  store::EventRow e = *found;
  if (plan.plan_version != e.plan_version) {
    return Error::Conflict(
        "平面图已被他人修改（当前第" + std::to_string(e.plan_version) + "版），请刷新后重试",
        "plan_version");
  }
  std::set<std::string> numbers;
  for (const auto& sh : plan.shapes) {
    if (sh.kind == "booth") numbers.insert(sh.number);
  }
  for (const auto& a : store::Applications(s, e.id)) {
    if (!a.booth.empty() && !numbers.count(a.booth)) {
      return Error::Invalid(
          "shapes", "【展位】" + a.booth + "已分配给" + a.unit_name + "，请先调整分配再删除该展位");
    }
  }
  Plan stored = plan;
  stored.plan_version = e.plan_version + 1;
  std::string now = timeutil::NowUtc();
  e.plan = json::serialize(PlanJson(stored));
  int version = e.version;
  e.plan_version = stored.plan_version;
  store::AddPlanVersion(s, e.id, e.plan_version, e.plan, UserOf(p), now);
  audit::Record(
      s, p,
      {"plan", "display_event", e.id, e.unit_id,
       "保存展示活动“" + e.title + "”平面图第" + std::to_string(e.plan_version) + "版", nullptr});
  return Finish(s, tx, scope_, p, e, version, now);
}

Result<json::value> DisplayService::SaveSlots(const Principal& p, Id event_id, int version,
                                              const std::vector<Slot>& slots) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_TRY(e, LoadManaged(s, scope_, p, event_id, version));
  store::ReplaceSlots(s, e.id, slots);
  std::string now = timeutil::NowUtc();
  audit::Record(s, p,
                {"slots", "display_event", e.id, e.unit_id,
                 "修改展示活动“" + e.title + "”舞台节目单", nullptr});
  return Finish(s, tx, scope_, p, e, version, now);
}

Result<json::value> DisplayService::Apply(const Principal& p, Id event_id,
                                          const ApplicationInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto e = store::LoadEvent(s, event_id, true);
  if (!e || !Reaches(scope_, s, p, e->unit_id)) return EventNotFound();
  if (!scope_.Require(s, p, in.unit_id, kApplicants).ok()) {
    return Error{ErrorCode::kForbidden, "【参展单位】无权代该单位申请展位", "unit_id"};
  }
  auto chain = org::Scope::AncestorsOf(s, in.unit_id);
  if (in.unit_id == e->unit_id ||
      std::find(chain.begin(), chain.end(), e->unit_id) == chain.end()) {
    return Error{ErrorCode::kForbidden, "【参展单位】不是主办单位" + e->unit_name + "的下级单位",
                 "unit_id"};
  }
  if (store::HasApplied(s, e->id, in.unit_id)) {
    return Error::Conflict("【参展单位】该单位已提交过申请", "unit_id");
  }
  if (store::CountApplications(s, e->id) >= static_cast<std::int64_t>(kMaxApplications)) {
    return Error::Invalid("unit_id",
                          "【参展单位】申请已满" + std::to_string(kMaxApplications) + "家");
  }
  std::string now = timeutil::NowUtc();
  Id id = store::InsertApplication(s, e->id, in, UserOf(p), now);
  std::string unit = store::UnitName(s, in.unit_id);
  reporting::store::InsertNotification(
      s, {e->unit_id, e->campaign_id, "display_applied", "展位申请：" + unit,
          unit + "申请参加" + e->title + "，展示内容：" + in.exhibit, Link(e->id), UserOf(p), now});
  audit::Record(s, p,
                {"apply", "display_application", id, in.unit_id,
                 unit + "申请参加“" + e->title + "”", nullptr});
  json::object out = Detail(s, scope_, p, *e);
  tx.Commit();
  return json::value(std::move(out));
}

namespace {

// The application `application_id` of the event, locked with it, that `p`
// may change: applicant roles over its unit, or managing the event.
struct OwnApplication {
  store::EventRow event;
  store::ApplicationRow application;
};
Result<OwnApplication> LoadOwnApplication(db::Session& s, const org::Scope& scope,
                                          const Principal& p, Id event_id, Id application_id,
                                          int version) {
  auto e = store::LoadEvent(s, event_id, true);
  if (!e || !Reaches(scope, s, p, e->unit_id)) return EventNotFound();
  for (auto& a : store::Applications(s, e->id)) {
    if (a.id != application_id) continue;
    if (!Manages(scope, s, p, e->unit_id) && !scope.Require(s, p, a.unit_id, kApplicants).ok()) {
      return Error{ErrorCode::kForbidden, "【申请】无权修改" + a.unit_name + "的展位申请",
                   "application_id"};
    }
    if (a.version != version) return Stale();
    return OwnApplication{*e, std::move(a)};
  }
  return Error{ErrorCode::kNotFound,
               "【申请】" + std::to_string(application_id) + " 不是本展示活动的申请",
               "application_id"};
}

}  // namespace

Result<json::value> DisplayService::UpdateApplication(const Principal& p, Id event_id,
                                                      Id application_id, int version,
                                                      const ApplicationInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_TRY(own, LoadOwnApplication(s, scope_, p, event_id, application_id, version));
  if (own.event.published_at) {
    return Error::Conflict("展位已公布，不能再修改申请；如需调整请联系主办单位或撤回申请",
                           "application_id");
  }
  if (in.unit_id != own.application.unit_id) {
    return Error::Invalid("unit_id", "【参展单位】不能更改，请撤回后以新单位申请");
  }
  std::string now = timeutil::NowUtc();
  if (!store::UpdateApplication(s, application_id, version, in, now)) return Stale();
  audit::Record(s, p,
                {"update", "display_application", application_id, own.application.unit_id,
                 own.application.unit_name + "修改“" + own.event.title + "”展位申请", nullptr});
  json::object out = Detail(s, scope_, p, own.event);
  tx.Commit();
  return json::value(std::move(out));
}

Result<json::value> DisplayService::Withdraw(const Principal& p, Id event_id, Id application_id,
                                             int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_TRY(own, LoadOwnApplication(s, scope_, p, event_id, application_id, version));
  const auto& a = own.application;
  const auto& e = own.event;
  if (a.visitors > 0) {
    return Error::Conflict("该展位已有参观计数，不能撤回申请", "application_id");
  }
  std::string now = timeutil::NowUtc();
  store::DeleteApplication(s, a.id);
  std::string text = a.unit_name + "撤回了" + e.title + "的展位申请";
  if (!a.booth.empty()) text += "，展位 " + a.booth + " 已空出";
  text += "。";
  reporting::store::InsertNotification(
      s, {e.unit_id, e.campaign_id, "display_withdrawn", "撤回展位申请：" + a.unit_name, text,
          Link(e.id), UserOf(p), now});
  audit::Record(s, p, {"withdraw", "display_application", a.id, a.unit_id, text, nullptr});
  json::object out = Detail(s, scope_, p, e);
  tx.Commit();
  return json::value(std::move(out));
}

Result<json::value> DisplayService::Assign(const Principal& p, Id event_id, int version,
                                           const std::vector<Assignment>& assignments) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_TRY(e, LoadManaged(s, scope_, p, event_id, version));
  auto apps = store::Applications(s, e.id);
  std::set<Id> ids;
  for (const auto& a : apps) ids.insert(a.id);
  std::map<Id, std::string> wanted;
  for (const auto& a : assignments) {
    if (!ids.count(a.application_id)) {
      return Error{ErrorCode::kNotFound,
                   "【申请】" + std::to_string(a.application_id) + " 不是本展示活动的申请",
                   "application_id"};
    }
    wanted[a.application_id] = a.booth;
  }
  std::string now = timeutil::NowUtc();
  VW_RETURN_IF_ERROR(WriteBooths(s, p, e, apps, wanted, now));
  audit::Record(
      s, p,
      {"assign", "display_event", e.id, e.unit_id, "分配展示活动“" + e.title + "”展位", nullptr});
  return Finish(s, tx, scope_, p, e, version, now);
}

Result<json::value> DisplayService::AutoAssign(const Principal& p, Id event_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_TRY(e, LoadManaged(s, scope_, p, event_id, version));
  auto apps = store::Applications(s, e.id);
  Plan plan = ParsePlan(e.plan);
  std::map<std::string, const Shape*> booths;
  for (const auto& sh : plan.shapes) {
    if (sh.kind == "booth") booths[sh.number] = &sh;
  }
  std::map<std::string, std::vector<const Shape*>> held;  // category -> its booths
  for (const auto& a : apps) {
    auto b = booths.find(a.booth);
    if (a.booth.empty() || b == booths.end()) continue;
    held[a.category].push_back(b->second);
    booths.erase(b);
  }
  std::vector<const Shape*> free;
  free.reserve(booths.size());
  for (const auto& [number, shape] : booths) free.push_back(shape);
  std::vector<const store::ApplicationRow*> waiting;
  for (const auto& a : apps) {
    if (a.booth.empty()) waiting.push_back(&a);
  }
  std::int64_t unassigned = 0;
  std::map<Id, std::string> wanted = ChooseBooths(plan, std::move(free), waiting, held, unassigned);
  std::string now = timeutil::NowUtc();
  VW_RETURN_IF_ERROR(WriteBooths(s, p, e, apps, wanted, now));
  audit::Record(
      s, p,
      {"auto_assign", "display_event", e.id, e.unit_id,
       "自动分配展示活动“" + e.title + "”展位 " + std::to_string(wanted.size()) + " 个", nullptr});
  VW_TRY(out, Finish(s, tx, scope_, p, e, version, now));
  out.as_object()["unassigned"] = unassigned;
  out.as_object()["assigned_now"] = static_cast<std::int64_t>(wanted.size());
  return out;
}

Result<json::value> DisplayService::Publish(const Principal& p, Id event_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_TRY(e, LoadManaged(s, scope_, p, event_id, version));
  if (e.plan_version == 0) {
    return Error::Invalid("plan", "【平面图】请先绘制并保存场地平面图");
  }
  std::string now = timeutil::NowUtc();
  e.published_at = now;
  for (const auto& a : store::Applications(s, e.id)) {
    reporting::store::InsertNotification(
        s, {a.unit_id, e.campaign_id, "display_published", "展位公布：" + e.title,
            BoothNotice(e, a.booth), Link(e.id), UserOf(p), now});
  }
  audit::Record(
      s, p,
      {"publish", "display_event", e.id, e.unit_id, "公布展示活动“" + e.title + "”展位", nullptr});
  return Finish(s, tx, scope_, p, e, version, now);
}

Result<json::value> DisplayService::SwitchWeather(const Principal& p, Id event_id, int version) {
  std::optional<Id> activity_id;
  std::string old_day, new_day, new_venue;
  json::value out;
  {
    db::Session s(db_);
    db::Transaction tx(s);
    VW_TRY(e, LoadManaged(s, scope_, p, event_id, version));
    if (e.weather_switched) return Error::Conflict("已经启用过备用方案", "version");
    if (e.fallback_venue.empty() && e.fallback_day.empty()) {
      return Error::Invalid("fallback_venue", "【备用地点】未设置备用地点或备用日期");
    }
    e.original_venue = e.venue;
    e.original_day = e.day;
    if (!e.fallback_venue.empty()) e.venue = e.fallback_venue;
    if (!e.fallback_day.empty()) e.day = e.fallback_day;
    e.weather_switched = true;
    std::string now = timeutil::NowUtc();
    std::string text = "因天气原因，" + e.title + "调整为：" + When(e) + "，地点：" + e.venue +
                       "（原定" + timeutil::FormatChineseDate(e.original_day) + "，" +
                       e.original_venue + "）。";
    for (const auto& a : store::Applications(s, e.id)) {
      reporting::store::InsertNotification(
          s,
          {a.unit_id, e.campaign_id, "display_weather", "展示活动调整：" + e.title,
           text + (a.booth.empty() ? "" : "展位号 " + a.booth + "。"), Link(e.id), UserOf(p), now});
    }
    audit::Record(s, p, {"weather", "display_event", e.id, e.unit_id, text, nullptr});
    activity_id = e.activity_id;
    old_day = e.original_day;
    new_day = e.day;
    new_venue = e.venue;
    VW_TRY(done, Finish(s, tx, scope_, p, e, version, now));
    out = std::move(done);
  }
  // The linked activity moves through its own service (its audit, programme
  // signal and registrant notices), after the event's commit.
  if (activity_id) {
    std::string error;
    auto a = activities_.Get(p, *activity_id);
    if (a) {
      activity::ActivityInput in = activity::InputOf(*a);
      std::int64_t shift = (timeutil::DateToDays(new_day) - timeutil::DateToDays(old_day)) * 86400;
      auto start = timeutil::ParseUtc(a->starts_at);
      auto end = timeutil::ParseUtc(a->ends_at);
      if (start && end) {
        in.starts_at = *start + shift;
        in.ends_at = *end + shift;
      }
      in.place = new_venue;
      auto moved = activities_.Update(p, *activity_id, a->version, in);
      if (!moved) error = moved.error().message;
    } else {
      error = a.error().message;
    }
    out.as_object()["activity_error"] = error;
  }
  return out;
}

Result<json::value> DisplayService::CountVisitors(const Principal& p, Id event_id,
                                                  const std::vector<VisitTap>& taps) {
  static constexpr RoleSet kBoothStaff{Role::kUnitAdmin, Role::kOrganiser, Role::kReviewer};
  db::Session s(db_);
  db::Transaction tx(s);
  // The event's row lock serialises the counts of one event (a replayed tap
  // is then always seen by its retry).
  auto e = store::LoadEvent(s, event_id, true);
  if (!e || !Reaches(scope_, s, p, e->unit_id)) return EventNotFound();
  if (!e->published_at) return Error::Conflict("展位尚未公布，暂不能统计参观人数", "taps");
  bool manage = Manages(scope_, s, p, e->unit_id);
  auto apps = store::Applications(s, e->id);
  std::map<Id, const store::ApplicationRow*> by_id;
  for (const auto& a : apps) by_id[a.id] = &a;
  // Every tap is checked before any is written: a foreign one refuses all.
  for (const auto& tap : taps) {
    auto it = by_id.find(tap.application_id);
    if (it == by_id.end()) {
      return Error{
          ErrorCode::kNotFound,
          "【展位】申请 " + std::to_string(tap.application_id) + " 不是本展示活动的参展申请",
          "application_id"};
    }
    const auto& a = *it->second;
    if (!manage && !scope_.Require(s, p, a.unit_id, kBoothStaff).ok()) {
      return Error{ErrorCode::kForbidden, "【展位】无权为" + a.unit_name + "的展位统计参观人数",
                   "application_id"};
    }
    if (a.booth.empty()) {
      return Error::Invalid("application_id", "【展位】" + a.unit_name + "尚未分配展位");
    }
  }
  std::string now = timeutil::NowUtc();
  std::int64_t recorded = 0, replayed = 0;
  for (const auto& tap : taps) {
    const auto& a = *by_id[tap.application_id];
    if (store::HasVisitTap(s, a.id, tap.tap_id)) {
      ++replayed;
      continue;
    }
    std::int64_t delta = std::max<std::int64_t>(tap.delta, -store::Visitors(s, a.id));
    if (delta == 0) continue;  // an undo at zero
    store::InsertVisit(s, e->id, a.id, tap.tap_id, a.booth, delta, UserOf(p), now);
    ++recorded;
  }
  json::object out = Detail(s, scope_, p, *e);
  out["taps_recorded"] = recorded;
  out["taps_replayed"] = replayed;
  tx.Commit();
  return json::value(std::move(out));
}

Result<json::value> DisplayService::Public(Id event_id) {
  db::Session s(db_);
  auto e = store::LoadEvent(s, event_id);
  if (!e || !e->published_at) return Error::NotFound("展示活动不存在或尚未公布");
  json::object o{
      {"id", e->id},
      {"title", e->title},
      {"unit_name", e->unit_name},
      {"venue", e->venue},
      {"day", e->day},
      {"day_text", timeutil::FormatChineseDate(e->day)},
      {"start_time", e->start_time},
      {"end_time", e->end_time},
      {"weather_switched", e->weather_switched},
      {"original_venue", e->original_venue},
      {"original_day", e->original_day},
      {"original_day_text",
       e->original_day.empty() ? std::string() : timeutil::FormatChineseDate(e->original_day)}};
  Plan plan = ParsePlan(e->plan);
  plan.plan_version = e->plan_version;
  o["plan"] = PlanJson(plan);
  o["slots"] = SlotsJson(store::Slots(s, e->id));
  json::array exhibitors;
  for (const auto& a : store::Applications(s, e->id)) {
    if (a.booth.empty()) continue;
    exhibitors.push_back(
        json::object{{"booth", a.booth}, {"unit_name", a.unit_name}, {"exhibit", a.exhibit}});
  }
  o["exhibitors"] = std::move(exhibitors);
  return json::value(std::move(o));
}

}  // namespace vw::display
