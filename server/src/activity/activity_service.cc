#include <map>
#include <set>

#include "activity/activity.h"
#include "activity/activity_store.h"
#include "activity/activity_workflow.h"
#include "audit/audit.h"
#include "campaign/campaign.h"
#include "campaign/campaign_store.h"
#include "core/json.h"
#include "core/time.h"
#include "db/change_signals.h"

namespace vw::activity {
namespace {

namespace json = boost::json;

const std::vector<std::string> kPlaceKinds = {"on_campus", "off_campus", "online"};

json::value OptId(const std::optional<Id>& v) { return v ? json::value(*v) : nullptr; }

bool WellFormedUrl(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  std::string_view scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find('.') == std::string_view::npos) return false;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20) return false;
  }
  return true;
}

// A JSON array of positive ids; errors name the field.
std::vector<Id> IdList(FieldReader& in, const json::object& body, const char* key,
                       const char* label) {
  std::vector<Id> out;
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > 20) {
    in.Fail(Error::Invalid(key, std::string(label) + "应为列表，最多20项"));
    return out;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_int64() || item.as_int64() < 1) {
      in.Fail(Error::Invalid(key, std::string(label) + "中有无效的编号"));
      return {};
    }
    out.push_back(item.as_int64());
  }
  return out;
}

}  // namespace

Result<ActivityInput> ParseActivityInput(const json::object& body) {
  FieldReader in(body);
  ActivityInput a;
  a.unit_id = in.RequiredInt("unit_id", "主办单位", 1, INT64_MAX);
  a.title = in.RequiredString("title", "活动名称", 100);
  a.description = in.MultilineString("description", "活动简介", 2000);
  a.theme_day_id = in.OptionalInt("theme_day_id", "主题日", 1, INT64_MAX);
  std::string starts = in.RequiredString("starts_at", "开始时间", 40);
  std::string ends = in.RequiredString("ends_at", "结束时间", 40);
  a.part_of_month = in.Bool("part_of_month", "属于活动月", false);
  a.place_kind = in.RequiredEnum("place_kind", "活动形式", kPlaceKinds);
  a.place = in.String("place", "活动地点", 200);
  a.online_url = in.String("online_url", "线上链接", 500);
  a.category_id = in.OptionalInt("category_id", "活动类别", 1, INT64_MAX);
  a.tag_ids = IdList(in, body, "tag_ids", "活动标签");
  a.audiences = body.contains("audiences") && !body.at("audiences").is_null()
                    ? in.StringList("audiences", "面向对象", 10, 40)
                    : std::vector<std::string>{};
  a.capacity = static_cast<int>(in.OptionalInt("capacity", "人数上限", 0, 100000).value_or(0));
  a.open_to_public = in.Bool("open_to_public", "面向公众开放", false);
  a.registration_required = in.Bool("registration_required", "需要报名", false);
  a.organiser = in.String("organiser", "组织者", 60);
  a.contact = in.String("contact", "联系方式", 60);
  a.featured = in.Bool("featured", "特色/品牌活动", false);
  a.partner = in.String("partner", "签约企业", 200);
  a.cooperation = in.String("cooperation", "合作领域", 200);
  a.enterprises = in.String("enterprises", "参会企业", 1000);
  a.posts_offered =
      static_cast<int>(in.OptionalInt("posts_offered", "提供岗位数", 0, 1000000).value_or(0));
  VW_RETURN_IF_ERROR(in.status());
  auto s = timeutil::ParseInstant(starts, "starts_at", "开始时间");
  if (!s) return s.error();
  auto e = timeutil::ParseInstant(ends, "ends_at", "结束时间");
  if (!e) return e.error();
  a.starts_at = *s;
  a.ends_at = *e;
  if (a.ends_at <= a.starts_at) return Error::Invalid("ends_at", "结束时间应晚于开始时间");
  if (a.place_kind == "off_campus" && a.place.empty()) {
    return Error::Invalid("place", "校外活动请填写活动地址");
  }
  if (a.place_kind == "online" && a.online_url.empty()) {
    return Error::Invalid("online_url", "线上活动请填写活动链接");
  }
  if (!a.online_url.empty() && !WellFormedUrl(a.online_url)) {
    return Error::Invalid("online_url", "线上链接格式不正确，应以 http:// 或 https:// 开头");
  }
  return a;
}

ActivityInput InputOf(const Activity& a) {
  ActivityInput in;
  in.unit_id = a.unit_id;
  in.title = a.title;
  in.description = a.description;
  in.theme_day_id = a.theme_day_id;
  in.starts_at = timeutil::ParseUtc(a.starts_at).value_or(0);
  in.ends_at = timeutil::ParseUtc(a.ends_at).value_or(0);
  in.part_of_month = a.part_of_month;
  in.place_kind = a.place_kind;
  in.place = a.place;
  in.online_url = a.online_url;
  in.category_id = a.category_id;
  in.tag_ids = a.tag_ids;
  in.audiences = a.audiences;
  in.capacity = a.capacity;
  in.open_to_public = a.open_to_public;
  in.registration_required = a.registration_required;
  in.organiser = a.organiser;
  in.contact = a.contact;
  in.featured = a.featured;
  in.partner = a.partner;
  in.cooperation = a.cooperation;
  in.enterprises = a.enterprises;
  in.posts_offered = a.posts_offered;
  return in;
}

json::object ToJson(const Activity& a) {
  json::array tags, audiences;
  for (Id t : a.tag_ids) tags.push_back(t);
  for (const auto& code : a.audiences) audiences.push_back(json::value(code));
  json::object o{{"id", a.id},
                 {"campaign_id", a.campaign_id},
                 {"unit_id", a.unit_id},
                 {"unit_name", a.unit_name},
                 {"school_name", a.school_name},
                 {"title", a.title},
                 {"description", a.description},
                 {"theme_day_id", OptId(a.theme_day_id)},
                 {"starts_at", timeutil::UtcToApi(a.starts_at)},
                 {"ends_at", timeutil::UtcToApi(a.ends_at)},
                 {"part_of_month", a.part_of_month},
                 {"place_kind", a.place_kind},
                 {"place", a.place},
                 {"online_url", a.online_url},
                 {"category_id", OptId(a.category_id)},
                 {"tag_ids", std::move(tags)},
                 {"audiences", std::move(audiences)},
                 {"capacity", a.capacity},
                 {"open_to_public", a.open_to_public},
                 {"registration_required", a.registration_required},
                 {"organiser", a.organiser},
                 {"contact", a.contact},
                 {"featured", a.featured},
                 {"partner", a.partner},
                 {"cooperation", a.cooperation},
                 {"enterprises", a.enterprises},
                 {"posts_offered", a.posts_offered},
                 {"status", a.status},
                 {"published_at", a.published_at ? json::value(timeutil::UtcToApi(*a.published_at))
                                                 : json::value(nullptr)},
                 {"cancel_reason", a.cancel_reason},
                 {"version", a.version},
                 {"created_at", timeutil::UtcToApi(a.created_at)},
                 {"updated_at", timeutil::UtcToApi(a.updated_at)}};
  if (a.actions) {
    const Actions& x = *a.actions;
    o["can_edit"] = x.can_edit;
    o["can_duplicate"] = x.can_duplicate;
    o["can_submit"] = x.can_submit;
    o["can_publish"] = x.can_publish;
    o["can_unpublish"] = x.can_unpublish;
    o["can_cancel"] = x.can_cancel;
    o["can_delete"] = x.can_delete;
    o["can_review"] = x.can_review;
  }
  return o;
}

void ActivityService::CommitChange(db::Session& s, db::Transaction& tx) {
  db::Bump(s, db::kProgrammeSignal);
  tx.Commit();
  if (on_change_) on_change_();
}

void ActivityService::NotifyChanged() {
  {
    db::Session s(db_);
    db::Bump(s, db::kProgrammeSignal);
  }
  if (on_change_) on_change_();
}

std::vector<Audience> ActivityService::Audiences() {
  db::Session s(db_);
  return Audiences(s);
}

std::vector<Audience> ActivityService::Audiences(db::Session& s) {
  std::vector<Audience> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT code, name FROM audiences ORDER BY sort_order");
  for (const auto& r : rs) out.push_back({db::Str(r, 0), db::Str(r, 1)});
  return out;
}

Status ActivityService::Validate(db::Session& s, Id campaign_id, const ActivityInput& in) {
  auto c = campaign::store::LoadCampaign(s, campaign_id);
  if (!c) return Error::NotFound("活动周不存在");
  std::string start_day = timeutil::ShanghaiDate(in.starts_at);
  std::string end_day = timeutil::ShanghaiDate(in.ends_at - 1);
  if (!in.part_of_month && (start_day < c->starts_on || end_day > c->ends_on)) {
    return Error::Invalid("starts_at", "活动时间应在活动周（" + c->starts_on + " 至 " + c->ends_on +
                                           "）内；属于活动月的请勾选“属于活动月”");
  }
  if (in.theme_day_id) {
    auto day = campaign::store::LoadDay(s, campaign_id, *in.theme_day_id);
    if (!day) return Error::Invalid("theme_day_id", "主题日不属于该活动周");
    if (!in.part_of_month && day->date != start_day) {
      return Error::Invalid("theme_day_id", "活动开始日期（" + start_day + "）与所选主题日“" +
                                                day->name + "”（" + day->date + "）不一致");
    }
  }
  std::map<Id, campaign::ActivityCategory> categories;
  for (auto& cat : campaign::store::LoadCategories(s, campaign_id)) {
    categories.emplace(cat.id, std::move(cat));
  }
  // A provincial programme entry belongs to its units (notice 000 annexes
  // 1-2); anyone else filing under it would put its label on the public site.
  auto check = [&](Id id, const char* field, const char* label) -> Status {
    auto it = categories.find(id);
    if (it == categories.end()) return Error::Invalid(field, std::string(label) + "不属于该活动周");
    if (!campaign::CategoryAvailableTo(it->second, in.unit_id)) {
      return Error::Invalid(field, "“" + it->second.name + "”是" + it->second.group_name +
                                       "的专项活动，只供其承办单位使用，请选择其他" + label);
    }
    return Ok();
  };
  if (in.category_id) VW_RETURN_IF_ERROR(check(*in.category_id, "category_id", "活动类别"));
  for (Id tag : in.tag_ids) VW_RETURN_IF_ERROR(check(tag, "tag_ids", "活动标签"));
  std::set<std::string> known;
  for (const auto& a : Audiences(s)) known.insert(a.code);
  for (const auto& code : in.audiences) {
    if (!known.count(code)) return Error::Invalid("audiences", "面向对象“" + code + "”无效");
  }
  return Ok();
}

Result<Activity> ActivityService::Create(const Principal& p, Id campaign_id,
                                         const ActivityInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto a = CreateIn(s, p, campaign_id, input);
  if (a) tx.Commit();
  return a;
}

Result<Activity> ActivityService::CreateIn(db::Session& s, const Principal& p, Id campaign_id,
                                           const ActivityInput& input) {
  VW_RETURN_IF_ERROR(scope_.Require(s, p, input.unit_id, kEditors));
  VW_RETURN_IF_ERROR(Validate(s, campaign_id, input));
  Id id = store::Insert(s, campaign_id, input, p.user_id);
  audit::Record(
      s, p, {"create", "activity", id, input.unit_id, "新建活动“" + input.title + "”", nullptr});
  return Answer(s, p, id);
}

Result<Activity> ActivityService::Duplicate(const Principal& p, Id id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto loaded = LoadForEdit(s, p, id);
  if (!loaded) return loaded.error();
  const Activity* original = &*loaded;
  ActivityInput copy = InputOf(*original);
  copy.title = Utf8Prefix(original->title, 96) + "（副本）";
  Id copy_id = store::Insert(s, original->campaign_id, copy, p.user_id);
  audit::Record(s, p,
                {"create", "activity", copy_id, copy.unit_id,
                 "复制活动“" + original->title + "”（编号 " + std::to_string(id) + "）", nullptr});
  tx.Commit();
  return Answer(s, p, copy_id);
}

Result<Activity> ActivityService::Update(const Principal& p, Id id, int version,
                                         const ActivityInput& input) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto current = LoadForEdit(s, p, id);
  if (!current) return current.error();
  if (input.unit_id != current->unit_id) {
    VW_RETURN_IF_ERROR(scope_.Require(s, p, input.unit_id, kEditors));
  }
  if (current->version != version) return StaleActivity();
  VW_RETURN_IF_ERROR(Validate(s, current->campaign_id, input));
  VW_RETURN_IF_ERROR(EditAllowed(*current));
  if (!store::Update(s, id, version, input)) return StaleActivity();
  // The row is this transaction's now (its version is version + 1).
  int v = version + 1;
  // An approved off-campus trip moved in place or time needs approval again
  // (and leaves the public site until then).
  bool approved = current->status == "approved" || current->status == "published";
  bool moved = input.place != current->place || input.place_kind != current->place_kind ||
               timeutil::FormatUtc(input.starts_at) != current->starts_at ||
               timeutil::FormatUtc(input.ends_at) != current->ends_at;
  bool filing_state = current->status == "pending" || current->status == "approved" ||
                      current->status == "rejected";
  std::optional<std::string> next;
  if (current->place_kind == "off_campus" && input.place_kind == "off_campus" && approved &&
      moved) {
    next = "pending";
    store::ReopenFiling(s, id);
  } else if ((input.place_kind == "off_campus" && current->place_kind != "off_campus" &&
              current->status != "draft") ||
             (input.place_kind != "off_campus" && current->place_kind == "off_campus" &&
              filing_state)) {
    // Becoming off campus: must be filed first. No longer a trip: no
    // approval to wait for.
    next = "draft";
  }
  if (next && !store::SetStatus(s, id, v, current->status, *next)) return StaleActivity();
  // A change of time or place is a reschedule: the log says from what to what.
  json::object detail;
  audit::Diff(detail, "starts_at", json::value(timeutil::UtcToApi(current->starts_at)),
              json::value(timeutil::UtcToApi(timeutil::FormatUtc(input.starts_at))));
  audit::Diff(detail, "ends_at", json::value(timeutil::UtcToApi(current->ends_at)),
              json::value(timeutil::UtcToApi(timeutil::FormatUtc(input.ends_at))));
  audit::Diff(detail, "place", json::value(current->place), json::value(input.place));
  audit::Diff(detail, "title", json::value(current->title), json::value(input.title));
  bool rescheduled =
      detail.contains("starts_at") || detail.contains("ends_at") || detail.contains("place");
  std::string summary =
      rescheduled ? "活动改期或变更地点“" + input.title + "”" : "修改活动“" + input.title + "”";
  audit::Record(s, p,
                {rescheduled ? "reschedule" : "update", "activity", id, input.unit_id, summary,
                 detail.empty() ? json::value(nullptr) : json::value(std::move(detail))});
  CommitChange(s, tx);
  if (on_capacity_raised_ &&
      (input.capacity == 0 ? current->capacity != 0 : input.capacity > current->capacity)) {
    on_capacity_raised_(id);
  }
  if (rescheduled && on_notice_) {
    on_notice_(id, "rescheduled",
               "活动“" + input.title + "”时间或地点有变更：" +
                   timeutil::FormatShanghaiMinute(input.starts_at) + " 开始，地点：" +
                   (input.place_kind == "online" ? std::string("线上") : input.place) +
                   "。如不能参加，请取消报名。");
  }
  return Answer(s, p, id);
}

Result<Activity> ActivityService::Get(const Principal& p, Id id) {
  db::Session s(db_);
  auto a = store::Load(s, id);
  if (!a) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, a->unit_id));
  std::vector<Activity> one{std::move(*a)};
  Annotate(s, p, one);
  return std::move(one.front());
}

Result<std::vector<audit::Row>> ActivityService::History(const Principal& p, Id id) {
  db::Session s(db_);
  auto a = store::Load(s, id);
  if (!a) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, a->unit_id));
  return audit::ForEntity(s, "activity", id);
}

Status ActivityService::Delete(const Principal& p, Id id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto a = LoadForEdit(s, p, id);
  if (!a) return a.error();
  VW_RETURN_IF_ERROR(DeleteAllowed(*a));
  if (!store::Delete(s, id, a->version, a->status)) return StaleActivity();
  audit::Record(s, p,
                {"delete", "activity", id, a->unit_id, "删除活动“" + a->title + "”", nullptr});
  CommitChange(s, tx);
  return Ok();
}

Result<std::pair<std::vector<Activity>, std::int64_t>> ActivityService::List(const Principal& p,
                                                                             Id campaign_id,
                                                                             const Query& q) {
  db::Session s(db_);
  if (!campaign::store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  if (q.unit_id) VW_RETURN_IF_ERROR(scope_.Require(s, p, *q.unit_id));
  int all = org::Scope::AllFlag(p);
  Id root = q.unit_id.value_or(0);
  Id day = q.theme_day_id.value_or(0);
  std::string like = "%" + q.keyword + "%";
  std::string where = " WHERE a.campaign_id = :c AND " + org::Scope::SubtreeCondition("a.unit_id") +
                      " AND " + org::Scope::UnderCondition("a.unit_id") +
                      " AND (:day = 0 OR a.theme_day_id = :day2) AND (:kw = '' OR a.title LIKE "
                      ":kw2)";
  std::int64_t total = 0;
  s.sql() << "SELECT COUNT(*) FROM activities a" << where, soci::use(campaign_id), soci::use(all),
      soci::use(p.user_id), soci::use(root), soci::use(root), soci::use(day), soci::use(day),
      soci::use(q.keyword), soci::use(like), soci::into(total);
  std::vector<Id> ids;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT a.id FROM activities a" << where
                       << " ORDER BY a.starts_at, a.id LIMIT :lim OFFSET :off",
       soci::use(campaign_id), soci::use(all), soci::use(p.user_id), soci::use(root),
       soci::use(root), soci::use(day), soci::use(day), soci::use(q.keyword), soci::use(like),
       soci::use(q.limit), soci::use(q.offset));
  for (const auto& r : rs) ids.push_back(db::Int(r, 0));
  std::vector<Activity> page = store::LoadMany(s, ids);
  Annotate(s, p, page);
  return std::make_pair(std::move(page), total);
}

}  // namespace vw::activity
