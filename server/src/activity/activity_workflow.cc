// Filing and approval, publishing, cancelling, and the public programme.
#include "activity/activity_workflow.h"

#include <algorithm>

#include "activity/activity.h"
#include "activity/activity_store.h"
#include "audit/audit.h"
#include "core/json.h"
#include "core/time.h"
#include "org/school.h"

namespace vw::activity {
namespace {

namespace json = boost::json;

}  // namespace

Error StaleActivity() { return Error::Conflict("该活动已被他人修改，请刷新后重试", "version"); }

Reach ReachOf(const Principal& p, const Activity& a, const std::vector<Id>& ancestors) {
  Id approving = ApprovingUnitOf(a);
  auto from = std::find(ancestors.begin(), ancestors.end(), approving);
  std::vector<Id> above(from, ancestors.end());
  return {org::Scope::Reaches(p, ancestors, kEditors), org::Scope::Reaches(p, above, kApprovers)};
}

Status EditAllowed(const Activity& a) {
  if (a.status == "cancelled") return Error::Conflict("已取消的活动不能修改");
  return Ok();
}

Status SubmitAllowed(const Activity& a) {
  if (a.place_kind != "off_campus") return Error::Conflict("只有校外活动需要外出报备");
  if (a.status == "cancelled") return Error::Conflict("已取消的活动不能报备");
  // Re-filing would take a published trip off the public site behind its
  // registrants' backs; an approved one that is not public yet may be filed
  // again (it waits for the new decision).
  if (a.status == "published") {
    return Error::Conflict("已发布的活动不能重新报备；如需修改报备内容，请先撤回发布");
  }
  return Ok();
}

Status DecideAllowed(const Activity& a) {
  if (a.status != "pending") return Error::Conflict("该活动没有待审批的外出报备");
  return Ok();
}

Status PublishAllowed(const Activity& a) {
  if (a.status == "published") return Error::Conflict("该活动已发布");
  if (a.place_kind == "off_campus" && a.status != "approved") {
    return Error::Conflict("校外活动须经教务处外出报备审批通过后才能发布");
  }
  if (a.status == "cancelled") return Error::Conflict("已取消的活动不能发布");
  if (a.place_kind != "off_campus" && a.status != "draft") {
    return Error::Conflict("该活动当前状态不能发布");
  }
  return Ok();
}

Status UnpublishAllowed(const Activity& a) {
  if (a.status != "published") return Error::Conflict("该活动尚未发布");
  return Ok();
}

namespace {

// "活动“…”已取消，原因：暴雨预警。": no empty reason, no doubled full stop
// when the reason ends with one.
std::string CancelNotice(const std::string& title, std::string reason) {
  for (std::string_view stop : {"。", "！", "."}) {
    while (reason.size() >= stop.size() && reason.ends_with(stop)) {
      reason.resize(reason.size() - stop.size());
    }
  }
  std::string out = "活动“" + title + "”已取消";
  if (!reason.empty()) out += "，原因：" + reason;
  return out + "。";
}

}  // namespace

Status CancelAllowed(const Activity& a) {
  if (a.status == "cancelled") return Error::Conflict("该活动已取消");
  return Ok();
}

Status DeleteAllowed(const Activity& a) {
  if (a.status != "draft") return Error::Conflict("只有草稿状态的活动可以删除");
  return Ok();
}

Actions ActionsOf(const Activity& a, const Reach& r) {
  Actions x;
  x.can_edit = r.edits && EditAllowed(a).ok();
  x.can_duplicate = r.edits;
  x.can_submit = r.edits && SubmitAllowed(a).ok();
  x.can_publish = r.edits && PublishAllowed(a).ok();
  x.can_unpublish = r.edits && UnpublishAllowed(a).ok();
  x.can_cancel = r.edits && CancelAllowed(a).ok();
  x.can_delete = r.edits && DeleteAllowed(a).ok();
  x.can_review = r.reviews && DecideAllowed(a).ok();
  return x;
}

void ActivityService::Annotate(db::Session& s, const Principal& p, std::vector<Activity>& list) {
  std::vector<Id> units;
  units.reserve(list.size());
  for (const auto& a : list) units.push_back(a.unit_id);
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  auto ancestors = org::Scope::AncestorsOf(s, units);
  for (auto& a : list) a.actions = ActionsOf(a, ReachOf(p, a, ancestors[a.unit_id]));
}

Activity ActivityService::Answer(db::Session& s, const Principal& p, Id id) {
  std::vector<Activity> one{*store::Load(s, id)};
  Annotate(s, p, one);
  return std::move(one.front());
}

Result<Filing> ParseFiling(const json::object& body) {
  FieldReader in(body);
  Filing f;
  f.destination = in.RequiredString("destination", "外出目的地", 200);
  f.teacher_in_charge = in.RequiredString("teacher_in_charge", "带队教师", 40);
  f.teacher_phone = in.String("teacher_phone", "带队教师电话", 20);
  f.staff_count = static_cast<int>(in.RequiredInt("staff_count", "教师人数", 0, 10000));
  f.student_count = static_cast<int>(in.RequiredInt("student_count", "学生人数", 0, 100000));
  f.transport = in.RequiredString("transport", "交通方式", 200);
  f.safety_plan = in.RequiredMultilineString("safety_plan", "安全预案", 4000);
  VW_RETURN_IF_ERROR(in.status());
  if (f.staff_count + f.student_count == 0) {
    return Error::Invalid("student_count", "请填写外出的教师和学生人数");
  }
  return f;
}

json::object ToJson(const Filing& f) {
  return {{"destination", f.destination},
          {"teacher_in_charge", f.teacher_in_charge},
          {"teacher_phone", f.teacher_phone},
          {"staff_count", f.staff_count},
          {"student_count", f.student_count},
          {"transport", f.transport},
          {"safety_plan", f.safety_plan},
          {"submitted_at", timeutil::UtcToApi(f.submitted_at)},
          {"decided_at",
           f.decided_at ? json::value(timeutil::UtcToApi(*f.decided_at)) : json::value(nullptr)},
          {"reason", f.reason}};
}

Result<Activity> ActivityService::LoadForEdit(db::Session& s, const Principal& p, Id id) {
  auto a = store::Load(s, id);
  if (!a) return Error::Forbidden();
  if (!ReachOf(p, *a, org::Scope::AncestorsOf(s, a->unit_id)).edits) return Error::Forbidden();
  return *a;
}

Result<Activity> ActivityService::Submit(const Principal& p, Id id, const Filing& filing) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto loaded = LoadForEdit(s, p, id);
  if (!loaded) return loaded.error();
  const Activity& a = *loaded;
  VW_RETURN_IF_ERROR(SubmitAllowed(a));
  if (!store::SetStatus(s, id, a.version, a.status, "pending")) return StaleActivity();
  store::SaveFiling(s, id, filing, p.user_id);
  audit::Record(
      s, p, {"submit", "activity", id, a.unit_id, "提交外出报备“" + a.title + "”", ToJson(filing)});
  if (on_filing_) on_filing_(s, p, a);
  CommitChange(s, tx);
  return Answer(s, p, id);
}

Result<Activity> ActivityService::Decide(const Principal& p, Id id, bool approve,
                                         const std::string& opinion) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto a = store::Load(s, id);
  if (!a) return Error::Forbidden();
  if (!ReachOf(p, *a, org::Scope::AncestorsOf(s, a->unit_id)).reviews) return Error::Forbidden();
  VW_RETURN_IF_ERROR(DecideAllowed(*a));
  std::string said(TrimSpaces(opinion));
  if (!approve && said.empty()) return Error::Invalid("reason", "退回时请填写审批意见");
  const char* decision = approve ? "approved" : "rejected";
  if (!store::SetStatus(s, id, a->version, a->status, decision)) return StaleActivity();
  store::DecideFiling(s, id, p.user_id, said);
  store::InsertDecision(s, *a, a->school_id ? a->school_id : a->unit_id, decision, said, p.user_id);
  // The filer reads the opinion in the activity's history.
  audit::Record(
      s, p,
      {approve ? "approve" : "reject", "activity", id, a->unit_id,
       (approve ? "批准外出报备“" : "退回外出报备“") + a->title + "”",
       said.empty() ? json::value(nullptr) : json::value(json::object{{"opinion", said}})});
  CommitChange(s, tx);
  return Answer(s, p, id);
}

Result<Activity> ActivityService::Publish(const Principal& p, Id id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto loaded = LoadForEdit(s, p, id);
  if (!loaded) return loaded.error();
  const Activity& a = *loaded;
  if (a.status == "published") return Answer(s, p, id);
  VW_RETURN_IF_ERROR(PublishAllowed(a));
  if (!store::SetStatus(s, id, a.version, a.status, "published")) return StaleActivity();
  audit::Record(s, p, {"publish", "activity", id, a.unit_id, "发布活动“" + a.title + "”", nullptr});
  CommitChange(s, tx);
  return Answer(s, p, id);
}

Result<Activity> ActivityService::Unpublish(const Principal& p, Id id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto loaded = LoadForEdit(s, p, id);
  if (!loaded) return loaded.error();
  const Activity& a = *loaded;
  VW_RETURN_IF_ERROR(UnpublishAllowed(a));
  if (!store::SetStatus(s, id, a.version, a.status,
                        a.place_kind == "off_campus" ? "approved" : "draft")) {
    return StaleActivity();
  }
  audit::Record(s, p,
                {"unpublish", "activity", id, a.unit_id, "撤回发布“" + a.title + "”", nullptr});
  CommitChange(s, tx);
  return Answer(s, p, id);
}

Result<Activity> ActivityService::Cancel(const Principal& p, Id id, const std::string& reason) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto loaded = LoadForEdit(s, p, id);
  if (!loaded) return loaded.error();
  const Activity& a = *loaded;
  VW_RETURN_IF_ERROR(CancelAllowed(a));
  if (TrimSpaces(reason).empty()) return Error::Invalid("reason", "请填写取消原因");
  if (!store::Cancel(s, id, a.version, a.status, reason)) return StaleActivity();
  audit::Record(s, p,
                {"cancel", "activity", id, a.unit_id, "取消活动“" + a.title + "”",
                 json::object{{"reason", reason}}});
  CommitChange(s, tx);
  if (on_notice_) {
    on_notice_(id, "cancelled", CancelNotice(a.title, reason));
  }
  return Answer(s, p, id);
}

Result<std::optional<Filing>> ActivityService::GetFiling(const Principal& p, Id id) {
  db::Session s(db_);
  auto a = store::Load(s, id);
  if (!a) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, a->unit_id));
  return store::LoadFiling(s, id);
}

Result<std::vector<Activity>> ActivityService::PendingApprovals(const Principal& p,
                                                                Id campaign_id) {
  db::Session s(db_);
  std::vector<Id> ids;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT a.id FROM activities a JOIN activity_filings f ON "
                          "f.activity_id = a.id WHERE a.campaign_id = :c AND a.status = "
                          "'pending' ORDER BY f.submitted_at, a.id",
       soci::use(campaign_id));
  for (const auto& r : rs) ids.push_back(db::Int(r, 0));
  std::vector<Activity> pending = store::LoadMany(s, ids);
  Annotate(s, p, pending);
  std::vector<Activity> out;
  for (auto& a : pending) {
    if (a.actions->can_review) out.push_back(std::move(a));
  }
  return out;
}

Result<std::pair<std::vector<FilingDecision>, std::int64_t>> ActivityService::DecidedFilings(
    const Principal& p, Id campaign_id, const DecisionQuery& q) {
  db::Session s(db_);
  return store::ListDecisions(s, campaign_id, p.is_sysadmin, p.user_id, q.keyword, q.offset,
                              q.limit);
}

json::object ToJson(const FilingDecision& d) {
  return {{"id", d.id},
          {"activity_id", d.activity_id},
          {"title", d.title},
          {"unit_name", d.unit_name},
          {"decision", d.decision},
          {"opinion", d.opinion},
          {"decided_by", d.decided_by},
          {"decider_unit", d.decider_unit},
          {"decided_at", timeutil::UtcToApi(d.decided_at)}};
}

Result<std::pair<std::vector<Activity>, std::int64_t>> ActivityService::PublicList(
    Id campaign_id, const PublicQuery& q) {
  db::Session s(db_);
  Id day = q.theme_day_id.value_or(0);
  Id root = q.unit_id.value_or(0);
  Id category = q.category_id.value_or(0);
  std::string region = q.region_code;
  // A city code (xxxx00) matches its counties: compare the first 4 digits.
  if (region.size() == 6 && region.substr(4) == "00") region = region.substr(0, 4);
  std::string region_like = region + "%";
  std::string keyword = "%" + q.keyword + "%";
  int cancelled = q.include_cancelled ? 1 : 0;
  std::string where =
      " FROM activities a JOIN units u ON u.id = a.unit_id WHERE a.campaign_id = :c AND "
      "(a.status = 'published' OR (:cancelled = 1 AND a.status = 'cancelled' AND a.published_at "
      "IS NOT NULL)) AND (:day = 0 OR a.theme_day_id = :day2) AND " +
      org::Scope::UnderCondition("a.unit_id") +
      " AND (:region = '' OR u.region_code LIKE :region_like) AND (:cat = 0 OR a.category_id = "
      ":cat2 "
      "OR a.id IN (SELECT activity_id FROM activity_tags WHERE category_id = :cat3)) AND (:aud = "
      "'' OR a.id IN (SELECT activity_id FROM activity_audiences WHERE audience = :aud2)) AND "
      "(:mode = '' OR (:mode2 = 'online' AND a.place_kind = 'online') OR (:mode3 = 'onsite' AND "
      "a.place_kind <> 'online')) AND (:kw = '' OR a.title LIKE :kw2 OR a.description LIKE :kw3 "
      "OR u.name LIKE :kw4)";
  std::int64_t total = 0;
  s.sql() << "SELECT COUNT(*)" << where, soci::use(campaign_id), soci::use(cancelled),
      soci::use(day), soci::use(day), soci::use(root), soci::use(root), soci::use(region),
      soci::use(region_like), soci::use(category), soci::use(category), soci::use(category),
      soci::use(q.audience), soci::use(q.audience), soci::use(q.mode), soci::use(q.mode),
      soci::use(q.mode), soci::use(q.keyword), soci::use(keyword), soci::use(keyword),
      soci::use(keyword), soci::into(total);
  std::vector<Id> ids;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT a.id" << where
                       << " ORDER BY a.starts_at, a.id LIMIT :lim OFFSET :off",
       soci::use(campaign_id), soci::use(cancelled), soci::use(day), soci::use(day),
       soci::use(root), soci::use(root), soci::use(region), soci::use(region_like),
       soci::use(category), soci::use(category), soci::use(category), soci::use(q.audience),
       soci::use(q.audience), soci::use(q.mode), soci::use(q.mode), soci::use(q.mode),
       soci::use(q.keyword), soci::use(keyword), soci::use(keyword), soci::use(keyword),
       soci::use(q.limit), soci::use(q.offset));
  for (const auto& r : rs) ids.push_back(db::Int(r, 0));
  return std::make_pair(store::LoadMany(s, ids), total);
}

std::vector<Organiser> ActivityService::PublicOrganisers(Id campaign_id) {
  db::Session s(db_);
  std::vector<Organiser> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT u.id, u.name, u.region_code FROM units u WHERE u.id IN (SELECT COALESCE("
           << org::NearestSchoolSql("a.unit_id")
           << ", a.unit_id) FROM activities a WHERE a.campaign_id = :c AND a.status = "
              "'published') ORDER BY u.region_code, u.sort_order, u.id",
       soci::use(campaign_id));
  for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2)});
  return out;
}

Result<Activity> ActivityService::PublicGet(Id id) {
  db::Session s(db_);
  auto a = store::Load(s, id);
  bool cancelled_in_public = a && a->status == "cancelled" && a->published_at.has_value();
  if (!a || (a->status != "published" && !cancelled_in_public)) {
    return Error::NotFound("活动不存在或尚未发布");
  }
  return *a;
}

}  // namespace vw::activity
