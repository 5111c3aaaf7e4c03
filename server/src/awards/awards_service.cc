// Awards: definition, judges' scores, decision and publication (awards.h).
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "audit/audit.h"
#include "awards/awards.h"
#include "awards/awards_store.h"
#include "core/time.h"

namespace vw::awards {
namespace {

constexpr RoleSet kOrganisers{Role::kUnitAdmin};
constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

Error AwardNotFound() { return Error::NotFound("奖项不存在"); }
Error Stale() { return Error::Conflict("已被他人修改，请刷新后重试", "version"); }

std::optional<Id> UserOf(const Principal& p) {
  return p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
}

std::string Today() { return timeutil::ShanghaiDate(timeutil::NowUnix()); }

bool PublicNow(const store::AwardRow& a) {
  return a.status == "published" && a.published_on && *a.published_on <= Today();
}

// A fresh certificate code: 16 characters of the verification alphabet,
// grouped by four.
std::string NewCode() {
  std::string code;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
    code.push_back(kCodeAlphabet[randombytes_uniform(kCodeAlphabet.size())]);
  }
  return code;
}

// A typed code as stored (upper case, grouped), or "" when it cannot be one.
std::string NormaliseCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (kCodeAlphabet.find(c) == std::string_view::npos) return "";
    code.push_back(c);
  }
  if (code.size() != 16) return "";
  for (std::size_t at = 12; at > 0; at -= 4) code.insert(at, "-");
  return code;
}

// A required array of distinct positive ids of at most `max` items.
std::vector<Id> IdList(FieldReader& f, const json::object& body, const char* key,
                       const std::string& label, std::size_t max) {
  std::vector<Id> out;
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) {
    f.Fail(Error::Invalid(key, label + "应为列表"));
    return out;
  }
  if (v->as_array().size() > max) {
    f.Fail(Error::Invalid(key, label + "最多" + std::to_string(max) + "项"));
    return out;
  }
  std::set<Id> seen;
  for (const auto& item : v->as_array()) {
    if (!item.is_int64() || item.as_int64() < 1) {
      f.Fail(Error::Invalid(key, label + "的每一项应为正整数编号"));
      return {};
    }
    if (!seen.insert(item.as_int64()).second) {
      f.Fail(Error::Invalid(key, label + "中有重复的项：" + std::to_string(item.as_int64())));
      return {};
    }
    out.push_back(item.as_int64());
  }
  return out;
}

json::value OptText(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

// Who the caller is to an award.
struct Roles {
  bool organiser = false;
  bool judge = false;
  bool competitor = false;  // reaches a competing unit
};

// The judge `user_id` belongs to `unit` (a competitor below `owner`): one
// of the judge's units (home, grants) lies in the unit's subtree, or is an
// ancestor of it below the owner.
bool Belongs(const std::map<Id, std::vector<Id>>& ancestors, const std::set<Id>& judge_units,
             Id unit, Id owner) {
  for (Id j : judge_units) {
    auto up = ancestors.find(j);
    if (up != ancestors.end() &&
        std::find(up->second.begin(), up->second.end(), unit) != up->second.end()) {
      return true;  // j is the unit or below it
    }
    auto unit_up = ancestors.find(unit);
    if (unit_up != ancestors.end() && j != owner &&
        std::find(unit_up->second.begin(), unit_up->second.end(), j) != unit_up->second.end() &&
        up != ancestors.end() &&
        std::find(up->second.begin(), up->second.end(), owner) != up->second.end()) {
      return true;  // j is an ancestor of the unit, below the owner
    }
  }
  return false;
}

// The competing units `user_id` may not score.
std::set<Id> OwnUnits(db::Session& s, Id user_id, Id owner,
                      const std::vector<store::NamedUnit>& units) {
  std::set<Id> judge_units = store::UnitsOfUser(s, user_id);
  std::vector<Id> ids(judge_units.begin(), judge_units.end());
  for (const auto& u : units) ids.push_back(u.id);
  auto ancestors = org::Scope::AncestorsOf(s, ids);
  std::set<Id> out;
  for (const auto& u : units) {
    if (Belongs(ancestors, judge_units, u.id, owner)) out.insert(u.id);
  }
  return out;
}

bool HasJudgeIndicator(const CriterionSpec& c) {
  return std::find(c.indicators.begin(), c.indicators.end(), "judge") != c.indicators.end();
}

class Context {
 public:
  Context(db::Session& s, const org::Scope& scope, const Principal& p)
      : s_(s), scope_(scope), p_(p) {}

  // The award as the caller may see it, or "not found".
  Result<store::AwardRow> Load(Id id, bool for_update = false) {
    auto a = store::LoadAward(s_, id, for_update);
    if (!a) return AwardNotFound();
    award_ = *a;
    units_ = store::LoadUnits(s_, id);
    judges_ = store::LoadJudges(s_, id);
    roles_.organiser = scope_.Require(s_, p_, a->owner_unit_id, kOrganisers).ok();
    roles_.judge = std::any_of(judges_.begin(), judges_.end(),
                               [&](const store::JudgeRow& j) { return j.user_id == p_.user_id; });
    roles_.competitor =
        PublicNow(*a) && std::any_of(units_.begin(), units_.end(), [&](const store::NamedUnit& u) {
          return scope_.Require(s_, p_, u.id).ok();
        });
    if (!roles_.organiser && !roles_.judge && !roles_.competitor) return AwardNotFound();
    return *a;
  }
  const Roles& roles() const { return roles_; }
  const std::vector<store::NamedUnit>& units() const { return units_; }
  const std::vector<store::JudgeRow>& judges() const { return judges_; }
  const store::JudgeRow* Me() const {
    for (const auto& j : judges_) {
      if (j.user_id == p_.user_id) return &j;
    }
    return nullptr;
  }

  json::object Json() {
    const auto& a = award_;
    json::array units;
    for (const auto& u : units_) units.push_back(json::object{{"id", u.id}, {"name", u.name}});
    json::array judges;
    for (const auto& j : judges_) {
      judges.push_back(json::object{{"user_id", j.user_id},
                                    {"name", j.name},
                                    {"unit_name", j.unit_name},
                                    {"submitted", j.submitted_at.has_value()}});
    }
    json::array criteria;
    for (const auto& c : store::LoadCriteria(s_, a.id)) {
      json::array codes;
      for (const auto& i : c.indicators) codes.emplace_back(i);
      criteria.push_back(json::object{{"id", c.id},
                                      {"name", c.name},
                                      {"weight", c.weight},
                                      {"indicators", std::move(codes)},
                                      {"judged", HasJudgeIndicator(c)}});
    }
    bool org = roles_.organiser;
    return {{"id", a.id},
            {"campaign_id", a.campaign_id},
            {"campaign_name", a.campaign_name},
            {"owner_unit_id", a.owner_unit_id},
            {"owner_name", a.owner_name},
            {"name", a.name},
            {"level", a.level},
            {"level_name", LevelName(a.level)},
            {"winners", a.winners},
            {"tie_rule", a.tie_rule},
            {"status", a.status},
            {"status_name", StatusName(a.status)},
            {"decided_at",
             a.decided_at ? json::value(timeutil::UtcToApi(*a.decided_at)) : json::value(nullptr)},
            {"published_on", OptText(a.published_on)},
            {"units", std::move(units)},
            {"judges", std::move(judges)},
            {"criteria", std::move(criteria)},
            {"is_organiser", org},
            {"is_judge", roles_.judge},
            {"can_edit", org && a.status == "draft"},
            {"can_open", org && a.status == "draft"},
            {"can_decide", org && a.status == "scoring"},
            {"can_publish", org && a.status == "decided"},
            {"version", a.version}};
  }

 private:
  db::Session& s_;
  const org::Scope& scope_;
  const Principal& p_;
  store::AwardRow award_;
  std::vector<store::NamedUnit> units_;
  std::vector<store::JudgeRow> judges_;
  Roles roles_;
};

// The checks that need the database: the competing units lie strictly
// below the owner, the judges' home units in its subtree.
Status CheckTargets(db::Session& s, Id owner, const AwardInput& in) {
  auto below = store::UnitsBelow(s, owner, in.unit_ids);
  for (Id u : in.unit_ids) {
    if (!below.count(u)) {
      return Error{ErrorCode::kNotFound,
                   "【参评单位】" + std::to_string(u) + " 不存在或不是本单位的下级单位",
                   "unit_ids"};
    }
  }
  auto users = store::UsersUnder(s, owner, in.judge_ids);
  for (Id j : in.judge_ids) {
    if (!users.count(j)) {
      return Error{ErrorCode::kNotFound,
                   "【评委】" + std::to_string(j) + " 不存在或不是本单位及下级单位的用户",
                   "judge_ids"};
    }
  }
  return Ok();
}

void Write(db::Session& s, Id id, const AwardInput& in) {
  store::ReplaceUnits(s, id, in.unit_ids);
  store::ReplaceJudges(s, id, in.judge_ids);
  store::ReplaceCriteria(s, id, in.criteria);
}

std::vector<Ranked> Compute(db::Session& s, const store::AwardRow& a,
                            const std::vector<store::NamedUnit>& units,
                            const std::vector<store::JudgeRow>& judges) {
  auto criteria = store::LoadCriteria(s, a.id);
  std::vector<Id> ids;
  ids.reserve(units.size());
  for (const auto& u : units) ids.push_back(u.id);
  auto values = store::IndicatorValues(s, a.campaign_id, ids);
  std::set<Id> submitted;
  for (const auto& j : judges) {
    if (j.submitted_at) submitted.insert(j.user_id);
  }
  std::map<Id, UnitInputs> inputs;
  for (const auto& u : units) inputs[u.id] = {u.id, u.name, values[u.id], {}};
  for (const auto& sc : store::LoadScores(s, a.id)) {
    if (!submitted.count(sc.user_id) || !inputs.count(sc.unit_id)) continue;
    inputs[sc.unit_id].judge_scores[sc.criterion_id].push_back(sc.score);
  }
  std::vector<UnitInputs> list;
  list.reserve(units.size());
  for (const auto& u : units) list.push_back(std::move(inputs[u.id]));
  return Rank(criteria, list, a.tie_rule, a.winners);
}

}  // namespace

const IndicatorKind* FindIndicator(std::string_view code) {
  for (const auto& k : kIndicators) {
    if (code == k.code) return &k;
  }
  return nullptr;
}

const char* LevelName(std::string_view level) {
  if (level == "school") return "校级";
  if (level == "city") return "市级";
  if (level == "province") return "省级";
  return "";
}

const char* StatusName(std::string_view status) {
  if (status == "draft") return "草稿";
  if (status == "scoring") return "评审中";
  if (status == "decided") return "已决定";
  if (status == "published") return "已公布";
  return "";
}

Result<AwardInput> ReadAwardInput(const json::object& body, bool create) {
  FieldReader f(body);
  AwardInput in;
  if (create) {
    in.campaign_id = f.RequiredInt("campaign_id", "【活动周】", 1, INT64_MAX);
    in.owner_unit_id = f.RequiredInt("owner_unit_id", "【评选单位】", 1, INT64_MAX);
  } else {
    auto v = f.RequiredInt("version", "【版本号】", 1, INT32_MAX);
    in.version = static_cast<int>(v);
  }
  in.name = f.RequiredString("name", "【奖项名称】", kMaxName);
  in.level = f.RequiredEnum("level", "【奖项级别】", {"school", "city", "province"});
  in.winners = static_cast<int>(f.RequiredInt("winners", "【获奖名额】", 1, kMaxUnits));
  in.tie_rule = f.Has("tie_rule")
                    ? f.RequiredEnum("tie_rule", "【并列规则】", {"first_criterion", "share"})
                    : "first_criterion";
  in.unit_ids = IdList(f, body, "unit_ids", "【参评单位】", kMaxUnits);
  in.judge_ids = IdList(f, body, "judge_ids", "【评委】", kMaxJudges);
  VW_RETURN_IF_ERROR(f.status());
  if (in.unit_ids.size() < kMinUnits) {
    return Error::Invalid("unit_ids", "【参评单位】至少" + std::to_string(kMinUnits) + "个");
  }
  if (static_cast<std::size_t>(in.winners) > in.unit_ids.size()) {
    return Error::Invalid(
        "winners", "【获奖名额】不能多于参评单位数（" + std::to_string(in.unit_ids.size()) + "）");
  }
  const json::value* list = body.if_contains("criteria");
  if (!list || !list->is_array() || list->as_array().empty()) {
    return Error::Invalid("criteria", "请填写【评价标准】");
  }
  if (list->as_array().size() > kMaxCriteria) {
    return Error::Invalid("criteria", "【评价标准】最多" + std::to_string(kMaxCriteria) + "项");
  }
  int sum = 0;
  std::set<std::string> names;
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) return Error::Invalid("criteria", "【评价标准】的每一项应为对象");
    FieldReader c(item.as_object());
    CriterionInput ci;
    ci.name = c.RequiredString("name", "【评价标准名称】", kMaxCriterionName);
    ci.weight = static_cast<int>(c.RequiredInt("weight", "【权重】", 1, 100));
    ci.indicators = c.StringList("indicators", "【评价指标】", kMaxIndicators, 40);
    VW_RETURN_IF_ERROR(c.status());
    if (ci.indicators.empty()) {
      return Error::Invalid("indicators", "【评价指标】“" + ci.name + "”至少需要一项指标");
    }
    std::set<std::string> seen;
    for (const auto& code : ci.indicators) {
      if (!FindIndicator(code)) {
        return Error::Invalid("indicators", "【评价指标】“" + code + "”不是可用的指标");
      }
      if (!seen.insert(code).second) {
        return Error::Invalid("indicators", "【评价指标】“" + ci.name + "”中指标重复：" + code);
      }
    }
    if (!names.insert(ci.name).second) {
      return Error::Invalid("criteria", "【评价标准名称】重复：" + ci.name);
    }
    sum += ci.weight;
    in.criteria.push_back(std::move(ci));
  }
  if (sum != 100) {
    return Error::Invalid("weight",
                          "【权重】各项评价标准的权重之和应为 100，现为 " + std::to_string(sum));
  }
  return in;
}

Result<std::vector<ScoreInput>> ReadScores(const json::object& body) {
  const json::value* list = body.if_contains("scores");
  if (!list || !list->is_array()) return Error::Invalid("scores", "【评分】应为列表");
  if (list->as_array().size() > kMaxScores) {
    return Error::Invalid("scores", "【评分】最多" + std::to_string(kMaxScores) + "项");
  }
  std::vector<ScoreInput> out;
  std::set<std::pair<Id, Id>> seen;
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) return Error::Invalid("scores", "【评分】的每一项应为对象");
    FieldReader f(item.as_object());
    ScoreInput s;
    s.unit_id = f.RequiredInt("unit_id", "【参评单位】", 1, INT64_MAX);
    s.criterion_id = f.RequiredInt("criterion_id", "【评价标准】", 1, INT64_MAX);
    const json::value* score = item.as_object().if_contains("score");
    if (score && score->is_int64() && (score->as_int64() < 0 || score->as_int64() > 100)) {
      return Error::Invalid(
          "score", "【评分】应为 0 到 100 的整数，现为 " + std::to_string(score->as_int64()));
    }
    s.score = static_cast<int>(f.RequiredInt("score", "【评分】", 0, 100));
    s.comment = f.MultilineString("comment", "【评语】", kMaxComment);
    VW_RETURN_IF_ERROR(f.status());
    if (!seen.insert({s.unit_id, s.criterion_id}).second) {
      return Error::Invalid("scores", "【评分】同一单位的同一评价标准只能评一次");
    }
    out.push_back(std::move(s));
  }
  return out;
}

AwardService::AwardService(db::Database& db, const org::Scope& scope) : db_(db), scope_(scope) {}

Result<json::value> AwardService::List(const Principal& p, Id campaign_id) {
  db::Session s(db_);
  json::array items;
  for (Id id : store::AwardIds(s, campaign_id)) {
    Context c(s, scope_, p);
    if (!c.Load(id)) continue;
    items.push_back(c.Json());
  }
  return json::value(json::object{{"items", std::move(items)}});
}

Result<json::value> AwardService::Create(const Principal& p, const AwardInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, in.owner_unit_id, kOrganisers));
  if (!store::CampaignExists(s, in.campaign_id)) {
    return Error{ErrorCode::kNotFound, "【活动周】不存在", "campaign_id"};
  }
  VW_RETURN_IF_ERROR(CheckTargets(s, in.owner_unit_id, in));
  store::AwardRow r;
  r.campaign_id = in.campaign_id;
  r.owner_unit_id = in.owner_unit_id;
  r.name = in.name;
  r.level = in.level;
  r.winners = in.winners;
  r.tie_rule = in.tie_rule;
  r.created_at = timeutil::NowUtc();
  Id id = store::InsertAward(s, r, UserOf(p));
  Write(s, id, in);
  audit::Record(s, p,
                {"create", "award", id, in.owner_unit_id, "新建奖项“" + in.name + "”", nullptr});
  Context c(s, scope_, p);
  VW_RETURN_IF_ERROR(c.Load(id));
  auto out = c.Json();
  tx.Commit();
  return json::value(std::move(out));
}

Result<json::value> AwardService::Get(const Principal& p, Id award_id) {
  db::Session s(db_);
  Context c(s, scope_, p);
  VW_RETURN_IF_ERROR(c.Load(award_id));
  return json::value(c.Json());
}

Result<json::value> AwardService::Update(const Principal& p, Id award_id, const AwardInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  Context c(s, scope_, p);
  VW_TRY(a, c.Load(award_id, true));
  if (!c.roles().organiser) return Error::Forbidden("只有评选单位的单位管理员可以修改奖项");
  if (in.version != a.version) return Stale();
  if (a.status != "draft") return Error::Conflict("奖项已开始评审，不能修改", "status");
  VW_RETURN_IF_ERROR(CheckTargets(s, a.owner_unit_id, in));
  a.name = in.name;
  a.level = in.level;
  a.winners = in.winners;
  a.tie_rule = in.tie_rule;
  std::string now = timeutil::NowUtc();
  if (!store::SaveAward(s, a, in.version, std::nullopt, now)) return Stale();
  Write(s, a.id, in);
  audit::Record(s, p,
                {"update", "award", a.id, a.owner_unit_id, "修改奖项“" + a.name + "”", nullptr});
  Context after(s, scope_, p);
  VW_RETURN_IF_ERROR(after.Load(a.id));
  auto out = after.Json();
  tx.Commit();
  return json::value(std::move(out));
}

Result<json::value> AwardService::Open(const Principal& p, Id award_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  Context c(s, scope_, p);
  VW_TRY(a, c.Load(award_id, true));
  if (!c.roles().organiser) return Error::Forbidden("只有评选单位的单位管理员可以开始评审");
  if (version != a.version) return Stale();
  if (a.status != "draft") return Error::Conflict("奖项不是草稿，不能开始评审", "status");
  bool judged = false;
  for (const auto& cr : store::LoadCriteria(s, a.id)) judged = judged || HasJudgeIndicator(cr);
  if (judged && c.judges().empty()) {
    return Error::Invalid("judge_ids", "【评委】评价指标含评委评分，请先指定评委");
  }
  a.status = "scoring";
  if (!store::SaveAward(s, a, version, std::nullopt, timeutil::NowUtc())) return Stale();
  audit::Record(s, p,
                {"open", "award", a.id, a.owner_unit_id, "奖项“" + a.name + "”开始评审", nullptr});
  Context after(s, scope_, p);
  VW_RETURN_IF_ERROR(after.Load(a.id));
  auto out = after.Json();
  tx.Commit();
  return json::value(std::move(out));
}

Result<json::value> AwardService::Scores(const Principal& p, Id award_id) {
  db::Session s(db_);
  Context c(s, scope_, p);
  VW_TRY(a, c.Load(award_id));
  if (!c.roles().organiser && !c.roles().judge) return AwardNotFound();
  const store::JudgeRow* me = c.Me();
  bool my_submitted = me && me->submitted_at.has_value();
  bool sees_others = c.roles().organiser || my_submitted;
  std::set<Id> own = me ? OwnUnits(s, me->user_id, a.owner_unit_id, c.units()) : std::set<Id>{};
  std::map<Id, std::string> judge_names;
  std::set<Id> submitted;
  for (const auto& j : c.judges()) {
    judge_names[j.user_id] = j.name;
    if (j.submitted_at) submitted.insert(j.user_id);
  }
  json::array units;
  for (const auto& u : c.units()) {
    units.push_back(
        json::object{{"id", u.id}, {"name", u.name}, {"may_score", me && !own.count(u.id)}});
  }
  json::array mine, others;
  // Per (unit, criterion): the submitted judges' scores.
  std::map<std::pair<Id, Id>, std::vector<int>> by_cell;
  for (const auto& sc : store::LoadScores(s, a.id)) {
    json::object row{{"unit_id", sc.unit_id},
                     {"criterion_id", sc.criterion_id},
                     {"score", sc.score},
                     {"comment", sc.comment}};
    if (sc.user_id == p.user_id) mine.push_back(row);
    if (!submitted.count(sc.user_id)) continue;
    by_cell[{sc.unit_id, sc.criterion_id}].push_back(sc.score);
    if (sees_others && sc.user_id != p.user_id) {
      row["judge_id"] = sc.user_id;
      row["judge_name"] = judge_names[sc.user_id];
      others.push_back(std::move(row));
    }
  }
  json::object out{{"award", c.Json()},
                   {"units", std::move(units)},
                   {"mine", std::move(mine)},
                   {"submitted", my_submitted},
                   {"can_score", me && !my_submitted && a.status == "scoring"},
                   {"others", std::move(others)}};
  if (c.roles().organiser) {
    json::array agreement;
    for (const auto& [cell, scores] : by_cell) {
      double mean = 0;
      for (int x : scores) mean += x;
      mean /= static_cast<double>(scores.size());
      double var = 0;
      for (int x : scores) var += (x - mean) * (x - mean);
      var /= static_cast<double>(scores.size());
      auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
      agreement.push_back(json::object{{"unit_id", cell.first},
                                       {"criterion_id", cell.second},
                                       {"count", static_cast<std::int64_t>(scores.size())},
                                       {"mean", std::round(mean * 100) / 100},
                                       {"spread", *hi - *lo},
                                       {"stddev", std::round(std::sqrt(var) * 100) / 100}});
    }
    out["agreement"] = std::move(agreement);
  }
  return json::value(std::move(out));
}

Result<json::value> AwardService::SaveScores(const Principal& p, Id award_id,
                                             const std::vector<ScoreInput>& scores) {
  {
    db::Session s(db_);
    db::Transaction tx(s);
    Context c(s, scope_, p);
    VW_TRY(a, c.Load(award_id, true));
    const store::JudgeRow* me = c.Me();
    if (!me) return Error::Forbidden("您不是该奖项的评委");
    if (a.status != "scoring") return Error::Conflict("该奖项不在评审阶段", "status");
    if (me->submitted_at) return Error::Conflict("您已提交评分，不能再修改", "scores");
    std::map<Id, std::string> names;
    for (const auto& u : c.units()) names[u.id] = u.name;
    std::set<Id> judged;
    for (const auto& cr : store::LoadCriteria(s, a.id)) {
      if (HasJudgeIndicator(cr)) judged.insert(cr.id);
    }
    std::set<Id> own = OwnUnits(s, me->user_id, a.owner_unit_id, c.units());
    for (const auto& sc : scores) {
      if (!names.count(sc.unit_id)) {
        return Error{ErrorCode::kNotFound,
                     "【参评单位】" + std::to_string(sc.unit_id) + " 不是该奖项的参评单位",
                     "unit_id"};
      }
      if (!judged.count(sc.criterion_id)) {
        return Error{
            ErrorCode::kNotFound,
            "【评价标准】" + std::to_string(sc.criterion_id) + " 不是该奖项需要评委评分的评价标准",
            "criterion_id"};
      }
      if (own.count(sc.unit_id)) {
        return Error{ErrorCode::kForbidden,
                     "【参评单位】评委不能为本人所属单位“" + names[sc.unit_id] + "”评分",
                     "unit_id"};
      }
    }
    store::ReplaceScores(s, a.id, me->user_id, scores, timeutil::NowUtc());
    audit::Record(
        s, p,
        {"score", "award", a.id, a.owner_unit_id,
         "保存奖项“" + a.name + "”的评分（" + std::to_string(scores.size()) + "项）", nullptr});
    tx.Commit();
  }
  return Scores(p, award_id);
}

Result<json::value> AwardService::SubmitScores(const Principal& p, Id award_id) {
  {
    db::Session s(db_);
    db::Transaction tx(s);
    Context c(s, scope_, p);
    VW_TRY(a, c.Load(award_id, true));
    const store::JudgeRow* me = c.Me();
    if (!me) return Error::Forbidden("您不是该奖项的评委");
    if (a.status != "scoring") return Error::Conflict("该奖项不在评审阶段", "status");
    if (me->submitted_at) return Error::Conflict("您已提交评分", "scores");
    std::set<Id> own = OwnUnits(s, me->user_id, a.owner_unit_id, c.units());
    std::set<std::pair<Id, Id>> have;
    for (const auto& sc : store::LoadScores(s, a.id)) {
      if (sc.user_id == me->user_id) have.insert({sc.unit_id, sc.criterion_id});
    }
    int missing = 0;
    std::string first;
    for (const auto& cr : store::LoadCriteria(s, a.id)) {
      if (!HasJudgeIndicator(cr)) continue;
      for (const auto& u : c.units()) {
        if (own.count(u.id) || have.count({u.id, cr.id})) continue;
        if (missing++ == 0) first = u.name + "·" + cr.name;
      }
    }
    if (missing > 0) {
      return Error::Invalid(
          "scores", "【评分】尚有 " + std::to_string(missing) + " 项未评分（如：" + first + "）");
    }
    store::MarkSubmitted(s, a.id, me->user_id, timeutil::NowUtc());
    audit::Record(s, p,
                  {"submit_scores", "award", a.id, a.owner_unit_id,
                   "提交奖项“" + a.name + "”的评分", nullptr});
    tx.Commit();
  }
  return Scores(p, award_id);
}

Result<json::value> AwardService::Ranking(const Principal& p, Id award_id) {
  db::Session s(db_);
  Context c(s, scope_, p);
  VW_TRY(a, c.Load(award_id));
  bool stored = a.status == "decided" || a.status == "published";
  if (!c.roles().organiser && !(c.roles().competitor && a.status == "published")) {
    return Error::Forbidden("评选结果公布后方可查看");
  }
  json::array rows;
  if (stored) {
    for (const auto& r : store::LoadResults(s, a.id)) {
      boost::system::error_code ec;
      auto v = json::parse(r.breakdown, ec);
      json::object row = !ec && v.is_object() ? v.as_object() : json::object{};
      row["place"] = r.place;
      row["winner"] = r.winner;
      bool sees_code = c.roles().organiser || scope_.Require(s, p, r.unit_id).ok();
      row["certificate_code"] = sees_code && r.code ? json::value(*r.code) : json::value(nullptr);
      rows.push_back(std::move(row));
    }
  } else {
    for (const auto& r : Compute(s, a, c.units(), c.judges())) rows.push_back(ToJson(r));
  }
  int submitted = 0;
  for (const auto& j : c.judges()) submitted += j.submitted_at ? 1 : 0;
  return json::value(json::object{{"award", c.Json()},
                                  {"live", !stored},
                                  {"judges_submitted", submitted},
                                  {"judges", static_cast<std::int64_t>(c.judges().size())},
                                  {"units", std::move(rows)}});
}

Result<json::value> AwardService::Decide(const Principal& p, Id award_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  Context c(s, scope_, p);
  VW_TRY(a, c.Load(award_id, true));
  if (!c.roles().organiser) return Error::Forbidden("只有评选单位的单位管理员可以决定评选结果");
  if (version != a.version) return Stale();
  if (a.status != "scoring") return Error::Conflict("奖项不在评审阶段，不能决定结果", "status");
  for (const auto& j : c.judges()) {
    if (!j.submitted_at) {
      return Error::Conflict("评委“" + j.name + "”尚未提交评分", "judge_ids");
    }
  }
  auto ranked = Compute(s, a, c.units(), c.judges());
  std::vector<store::ResultRow> rows;
  std::string winners;
  for (const auto& r : ranked) {
    store::ResultRow row;
    row.unit_id = r.unit_id;
    row.unit_name = r.unit_name;
    row.place = r.place;
    row.total_centi = std::llround(r.total * 100);
    row.winner = r.winner;
    row.breakdown = json::serialize(ToJson(r));
    if (r.winner) {
      row.code = NewCode();
      winners += (winners.empty() ? "" : "、") + r.unit_name;
    }
    rows.push_back(std::move(row));
  }
  store::SaveResults(s, a.id, rows);
  std::string now = timeutil::NowUtc();
  a.status = "decided";
  a.decided_at = now;
  if (!store::SaveAward(s, a, version, UserOf(p), now)) return Stale();
  audit::Record(s, p,
                {"decide", "award", a.id, a.owner_unit_id,
                 "决定奖项“" + a.name + "”的评选结果：" + winners, nullptr});
  tx.Commit();
  return Ranking(p, award_id);
}

Result<json::value> AwardService::Publish(const Principal& p, Id award_id, int version,
                                          const std::string& published_on) {
  {
    db::Session s(db_);
    db::Transaction tx(s);
    Context c(s, scope_, p);
    VW_TRY(a, c.Load(award_id, true));
    if (!c.roles().organiser) return Error::Forbidden("只有评选单位的单位管理员可以公布结果");
    if (version != a.version) return Stale();
    if (a.status != "decided") return Error::Conflict("评选结果尚未决定，不能公布", "status");
    a.status = "published";
    a.published_on = published_on;
    if (!store::SaveAward(s, a, version, std::nullopt, timeutil::NowUtc())) return Stale();
    audit::Record(s, p,
                  {"publish", "award", a.id, a.owner_unit_id,
                   "公布奖项“" + a.name + "”的评选结果（" + published_on + "起）", nullptr});
    tx.Commit();
  }
  return Get(p, award_id);
}

Result<json::value> AwardService::Verify(const std::string& typed) {
  std::string code = NormaliseCode(typed);
  if (code.empty()) return Error::NotFound("证书编号无效");
  db::Session s(db_);
  auto found = store::FindCertificate(s, code);
  if (!found) return Error::NotFound("未找到该证书");
  auto a = store::LoadAward(s, found->first);
  if (!a || !PublicNow(*a) || !found->second.winner) return Error::NotFound("未找到该证书");
  return json::value(json::object{{"code", code},
                                  {"award", a->name},
                                  {"level_name", LevelName(a->level)},
                                  {"campaign_name", a->campaign_name},
                                  {"unit_name", found->second.unit_name},
                                  {"issuer", a->owner_name},
                                  {"published_on", OptText(a->published_on)},
                                  {"place", found->second.place}});
}

}  // namespace vw::awards
