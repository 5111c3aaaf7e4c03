// Registering, the waiting list, tickets, lists and the retention purge.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/json.h"
#include "core/masking.h"
#include "core/rate_limiter.h"
#include "core/time.h"
#include "db/shared_rate_limiter.h"
#include "registration/checkin_batch.h"
#include "registration/registration.h"
#include "registration/registration_store.h"
#include "registration/short_code.h"

namespace vw::registration {

namespace json = boost::json;

const std::vector<Category>& Categories() {
  static const auto* categories = new std::vector<Category>{
      {"pupil_primary", "小学生"}, {"pupil_secondary", "中学生"}, {"parent", "家长"},
      {"public", "社会公众"},      {"enterprise", "企业人员"},    {"staff", "教职工"},
      {"student", "在校学生"}};
  return *categories;
}

std::string MaskMobile(std::string_view mobile) { return vw::MaskMobile(mobile); }

Result<RegistrationInput> ParseRegistrationInput(const json::object& body) {
  FieldReader in(body);
  RegistrationInput r;
  static const std::vector<std::string> kKinds = {"person", "group"};
  r.kind = in.RequiredEnum("kind", "报名方式", kKinds);
  bool group = r.kind == "group";
  r.name = in.RequiredString("name", group ? "带队教师姓名" : "姓名", 20);
  r.mobile = in.RequiredString("mobile", "手机号", 20);
  std::vector<std::string> codes;
  for (const auto& c : Categories()) codes.emplace_back(c.code);
  r.category = in.RequiredEnum("category", "身份类别", codes);
  r.consent = in.Bool("consent", "同意个人信息保护说明", false);
  r.under_14 = in.Bool("under_14", "未满14周岁", false);
  r.guardian_name = in.String("guardian_name", "监护人姓名", 20);
  r.school = in.String("school", "学校", 60);
  r.class_name = in.String("class_name", "班级", 30);
  if (group) {
    r.head_count = static_cast<int>(in.RequiredInt("head_count", "人数", 1, 200));
    if (body.contains("roster") && !body.at("roster").is_null()) {
      r.roster = in.StringList("roster", "名单", 200, 20);
    }
  }
  VW_RETURN_IF_ERROR(in.status());
  if (r.mobile.size() != 11 || r.mobile[0] != '1' ||
      r.mobile.find_first_not_of("0123456789") != std::string::npos) {
    return Error::Invalid("mobile", "手机号应为以1开头的11位数字");
  }
  if (group && r.school.empty()) return Error::Invalid("school", "团体报名请填写学校");
  if (group && r.roster.size() > static_cast<std::size_t>(r.head_count)) {
    return Error::Invalid("roster", "名单人数（" + std::to_string(r.roster.size()) +
                                        "）超过了报名人数（" + std::to_string(r.head_count) + "）");
  }
  if (r.under_14 && r.guardian_name.empty()) {
    return Error::Invalid("guardian_name", "未满14周岁的报名须由监护人填写监护人姓名并同意");
  }
  if (!r.consent) {
    return Error::Invalid("consent", r.under_14 ? "请由监护人阅读并同意个人信息保护说明"
                                                : "请阅读并同意个人信息保护说明");
  }
  return r;
}

json::object ToJson(const Registration& r, bool with_token) {
  json::array roster;
  for (const auto& n : r.roster) roster.push_back(json::value(n));
  json::object o{{"id", r.id},
                 {"activity_id", r.activity_id},
                 {"short_code", GroupedShortCode(r.short_code)},
                 {"kind", r.kind},
                 {"name", r.name},
                 {"mobile", r.mobile},
                 {"category", r.category},
                 {"guardian_name", r.guardian_name},
                 {"school", r.school},
                 {"class_name", r.class_name},
                 {"head_count", r.head_count},
                 {"roster", std::move(roster)},
                 {"status", r.status},
                 {"checked_in", r.checked_in},
                 {"waiting_position", r.waiting_position},
                 {"purged", r.purged},
                 {"created_at", timeutil::UtcToApi(r.created_at)},
                 {"updated_at", timeutil::UtcToApi(r.updated_at)}};
  if (with_token) o["token"] = r.token;
  return o;
}

json::object ToJson(const Ticket& t) {
  json::array notices;
  for (const auto& n : t.notices) {
    notices.push_back(json::object{{"kind", n.kind},
                                   {"message", n.message},
                                   {"created_at", timeutil::UtcToApi(n.created_at)}});
  }
  return {{"registration", ToJson(t.registration, true)},
          {"activity", t.activity},
          {"notices", std::move(notices)}};
}

json::object ToJson(const PublicSeats& s) {
  return {{"activity_id", s.activity_id}, {"registration_required", s.registration_required},
          {"capacity", s.capacity},       {"confirmed", s.confirmed},
          {"waiting", s.waiting},         {"waiting_room", s.waiting_room}};
}

// Counted once for every server process on PostgreSQL (db::MakeRateLimiter).
class RegistrationService::Limiters {
 public:
  Limiters(db::Database& db, const Limits& l)
      : per_ip(db::MakeRateLimiter(db, "registration_ip", l.per_ip, std::chrono::minutes(10))),
        per_mobile(
            db::MakeRateLimiter(db, "registration_mobile", l.per_mobile, std::chrono::hours(1))),
        code_lookups(
            db::MakeRateLimiter(db, "code_lookups", l.code_lookups, std::chrono::minutes(10))) {}
  std::unique_ptr<RateLimiter> per_ip;
  std::unique_ptr<RateLimiter> per_mobile;
  std::unique_ptr<RateLimiter> code_lookups;  // per caller
};

bool RegistrationService::CodeLookupsAllowed(const std::string& caller) {
  return limiters_->code_lookups->Allowed(caller);
}

void RegistrationService::CountCodeLookups(const std::string& caller, int count) {
  limiters_->code_lookups->Hit(caller, count);
}

RegistrationService::RegistrationService(db::Database& db, const org::Scope& scope, Limits limits)
    : db_(db),
      scope_(scope),
      waiting_list_min_(limits.waiting_list_min),
      limiters_(std::make_shared<Limiters>(db, limits)),
      committer_(std::make_shared<CheckinCommitter>(
          db, std::chrono::microseconds(limits.checkin_gather_us))) {}

namespace {

bool Ended(const store::BookingActivity& a) {
  auto ends = timeutil::ParseUtc(a.ends_at);
  return ends && *ends <= timeutil::NowUnix();
}

// A short code no registration of the activity has. The caller holds the
// activity's seat lock, so no booking takes the same code meanwhile (the
// unique index is the backstop). With 3.4·10^9 codes a retry is rare.
std::string FreeShortCode(db::Session& s, Id activity_id) {
  for (;;) {
    std::string code = NewShortCode();
    if (!store::ShortCodeTaken(s, activity_id, code)) return code;
  }
}

// The holder's answers are anyone's who has the link.
Registration AsHolderSees(Registration r) {
  r.mobile = MaskMobile(r.mobile);
  return r;
}

}  // namespace

Result<Registration> RegistrationService::Register(Id activity_id, const RegistrationInput& in,
                                                   const std::string& ip) {
  if (!limiters_->per_ip->TryHit(ip)) {
    return Error{ErrorCode::kRateLimited, "报名过于频繁，请10分钟后再试", ""};
  }
  if (!limiters_->per_mobile->TryHit(in.mobile)) {
    return Error{ErrorCode::kRateLimited, "该手机号报名次数过多，请1小时后再试", "mobile"};
  }
  db::Session s(db_);
  db::Transaction tx(s);
  auto activity = store::LoadActivityForBooking(s, activity_id);
  if (!activity || activity->status != "published" || !activity->registration_required) {
    return Error::NotFound("该活动不存在或不接受报名");
  }
  if (Ended(*activity)) return Error::Conflict("活动已结束，不能再报名");
  store::Seats seats = store::LockSeats(s, activity_id);
  if (store::HasActiveRegistration(s, activity_id, in.mobile)) {
    return Error::Conflict("该手机号已报名此活动，可打开报名凭证查看", "mobile");
  }
  bool fits = activity->capacity == 0 || seats.confirmed + in.head_count <= activity->capacity;
  int waiting_room = std::max(activity->capacity, waiting_list_min_);
  if (!fits && seats.waiting + in.head_count > waiting_room) {
    return Error::Conflict("名额已满，候补名单也已满（最多 " + std::to_string(waiting_room) +
                           " 人），不能再报名");
  }
  std::string status = fits ? "confirmed" : "waiting";
  Id id = store::InsertRegistration(s, activity_id, in, RandomToken(16),
                                    FreeShortCode(s, activity_id), status);
  store::AddSeats(s, activity_id, fits ? in.head_count : 0, fits ? 0 : in.head_count);
  tx.Commit();
  return AsHolderSees(*store::LoadRegistration(s, id));
}

std::vector<PublicSeats> RegistrationService::SeatsOf(const std::vector<Id>& ids) {
  db::Session s(db_);
  auto out = store::LoadPublicSeats(s, ids);
  for (auto& x : out) x.waiting_room = std::max(x.capacity, waiting_list_min_);
  return out;
}

Result<Ticket> RegistrationService::GetTicket(const std::string& token) {
  db::Session s(db_);
  auto r = store::LoadByToken(s, token);
  if (!r) return Error::NotFound("报名凭证不存在");
  Ticket t;
  t.registration = AsHolderSees(std::move(*r));
  t.activity = store::PublicActivity(s, t.registration.activity_id);
  t.notices = store::LoadNotices(s, t.registration.id);
  return t;
}

Result<Registration> RegistrationService::CancelTicket(const std::string& token) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto r = store::LoadByToken(s, token);
  if (!r) return Error::NotFound("报名凭证不存在");
  if (r->status == "cancelled") return Error::Conflict("该报名已取消");
  if (r->checked_in > 0) return Error::Conflict("已签到的报名不能取消");
  auto activity = store::LoadActivityForBooking(s, r->activity_id);
  if (activity && Ended(*activity)) return Error::Conflict("活动已结束，不能再取消报名");
  store::LockSeats(s, r->activity_id);
  store::SetStatus(s, r->id, "cancelled");
  bool confirmed = r->status == "confirmed";
  store::AddSeats(s, r->activity_id, confirmed ? -r->head_count : 0,
                  confirmed ? 0 : -r->head_count);
  if (confirmed && activity) store::PromoteWaiting(s, r->activity_id, activity->capacity);
  tx.Commit();
  return AsHolderSees(*store::LoadRegistration(s, r->id));
}

Status RegistrationService::RequireStaff(db::Session& s, const Principal& p, Id unit_id) {
  return scope_.Require(s, p, unit_id, kStaffRoles);
}

Result<RegistrationPage> RegistrationService::List(const Principal& p, Id activity_id,
                                                   bool unmasked, const RegistrationQuery& query) {
  constexpr std::size_t kMaxText = 20;
  std::string text = query.text;
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text.size() > kMaxText * 3 || Utf8Length(text) > kMaxText) {
    return Error::Invalid("q", "搜索内容不能超过" + std::to_string(kMaxText) + "个字");
  }
  db::Session s(db_);
  auto activity = store::LoadActivityForBooking(s, activity_id);
  if (!activity) return Error::Forbidden();
  VW_RETURN_IF_ERROR(unmasked ? RequireStaff(s, p, activity->unit_id)
                              : scope_.Require(s, p, activity->unit_id));
  RegistrationPage page;
  if (text.empty()) {
    page.items = store::LoadRegistrations(s, activity_id);
    page.total = static_cast<int>(page.items.size());
  } else {
    store::RegistrationSearch search;
    search.limit = query.limit > 0 ? std::min(query.limit, kSearchLimit) : kSearchLimit;
    bool four_digits =
        text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos;
    if (four_digits) {
      search.mobile_suffix = text;
    } else {
      TypedShortCode typed = ReadShortCode(text);
      if (typed.kind == TypedShortCode::Kind::kValid) search.code = typed.code;
      search.text = text;
    }
    page = store::SearchRegistrations(s, activity_id, search);
  }
  if (!unmasked) {
    for (auto& r : page.items) r.mobile = MaskMobile(r.mobile);
  }
  return page;
}

void RegistrationService::NotifyRegistrants(Id activity_id, const std::string& kind,
                                            const std::string& message) {
  db::Session s(db_);
  db::Transaction tx(s);
  store::NotifyAll(s, activity_id, kind, message);
  tx.Commit();
}

void RegistrationService::CapacityRaised(Id activity_id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto activity = store::LoadActivityForBooking(s, activity_id);
  if (!activity) return;
  store::LockSeats(s, activity_id);
  store::PromoteWaiting(s, activity_id, activity->capacity);
  tx.Commit();
}

int RegistrationService::FillShortCodes() {
  int filled = 0;
  std::vector<Id> activities;
  {
    db::Session s(db_);
    activities = store::ActivitiesMissingShortCodes(s);
  }
  for (Id activity_id : activities) {
    db::Session s(db_);
    db::Transaction tx(s);
    store::LockSeats(s, activity_id);
    for (Id id : store::RegistrationsMissingShortCodes(s, activity_id)) {
      store::SetShortCode(s, id, FreeShortCode(s, activity_id));
      ++filled;
    }
    tx.Commit();
  }
  if (filled > 0) spdlog::info("short codes given to {} registrations", filled);
  return filled;
}

int RegistrationService::PurgePersonalData(int days, const std::string& today) {
  db::Session s(db_);
  db::Transaction tx(s);
  int purged = store::PurgeEndedBefore(s, timeutil::AddDays(today, -days));
  tx.Commit();
  if (purged > 0) spdlog::info("retention: personal data of {} registrations removed", purged);
  return purged;
}

}  // namespace vw::registration
