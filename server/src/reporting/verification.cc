// Snapshots as the public sees them: verification codes typed from paper,
// the masked content, and the limits on lookups (submissions.h).
#include <chrono>

#include "core/crypto.h"
#include "core/json.h"
#include "core/masking.h"
#include "core/rate_limiter.h"
#include "core/time.h"
#include "db/shared_rate_limiter.h"
#include "reporting/plan_store.h"
#include "reporting/submission_store.h"
#include "reporting/submissions.h"

namespace vw::reporting {

namespace json = boost::json;

// Counted once for every server process on PostgreSQL (db::MakeRateLimiter).
struct SubmissionService::VerifyLimiters {
  VerifyLimiters(db::Database& db, const VerifyLimits& l)
      : per_address(
            db::MakeRateLimiter(db, "verify_address", l.per_address, std::chrono::minutes(1))),
        per_address_limit(l.per_address),
        short_codes(
            db::MakeRateLimiter(db, "verify_short_codes", l.short_codes, std::chrono::hours(1))) {}
  std::unique_ptr<RateLimiter> per_address;
  std::size_t per_address_limit;
  std::unique_ptr<RateLimiter> short_codes;
};

SubmissionService::SubmissionService(db::Database& db, const org::Scope& scope, VerifyLimits limits)
    : db_(db), scope_(scope), verify_limits_(std::make_shared<VerifyLimiters>(db, limits)) {}

std::optional<std::string> NormalizeCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (kCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    code.push_back(c);
  }
  if (code.size() != 16 && code.size() != 8) return std::nullopt;
  for (std::size_t at = code.size() - 4; at > 0; at -= 4) code.insert(at, "-");
  return code;
}

namespace {

// The part of a frozen content the public may see: unit, form, campaign,
// figures and texts, with the personal fields masked and the mobile numbers
// and e-mail addresses in free text hidden. Built key by key, so a field
// added to the forms later stays private until it is listed here.
json::object PublicContent(const json::object& c, const std::map<Id, std::string>& theme_days) {
  json::object out;
  for (const char* key : {"form", "form_name", "campaign_name", "year", "unit_name", "version",
                          "accepted_at", "accepted_by_unit"}) {
    if (const json::value* v = c.if_contains(key)) out[key] = *v;
  }
  const json::value* data_value = c.if_contains("data");
  const json::object empty;
  const json::object& data =
      data_value && data_value->is_object() ? data_value->as_object() : empty;
  std::string form = TextOf(c, "form");
  json::object shown;
  if (form == "info_form") {
    shown["contact_person"] = MaskName(TextOf(data, "contact_person"));
    shown["position"] = TextOf(data, "position");
    shown["mobile"] = MaskMobile(TextOf(data, "mobile"));
    shown["qq"] = MaskDigits(TextOf(data, "qq"));
    shown["website"] = TextOf(data, "website");
    shown["work_plan"] = MaskContactsIn(TextOf(data, "work_plan"));
    shown["featured"] = MaskContactsIn(TextOf(data, "featured"));
  } else if (form == "statistics") {
    json::object overrides;
    if (const json::value* o = data.if_contains("overrides"); o && o->is_object()) {
      for (const auto& [field, v] : o->as_object()) {
        if (!v.is_object()) continue;
        json::object one;
        if (const json::value* value = v.as_object().if_contains("value")) one["value"] = *value;
        one["reason"] = MaskContactsIn(TextOf(v.as_object(), "reason"));
        overrides[field] = std::move(one);
      }
    }
    shown["overrides"] = std::move(overrides);
    // The figures: the units' rows, the total and the unit's own figures.
    for (const char* key : {"rows", "total", "computed", "final"}) {
      if (const json::value* v = c.if_contains(key)) out[key] = *v;
    }
  } else if (form == "plan") {
    shown["person_name"] = MaskName(TextOf(data, "person_name"));
    shown["person_position"] = TextOf(data, "person_position");
    shown["person_mobile"] = MaskMobile(TextOf(data, "person_mobile"));
    json::array activities;
    if (const json::value* a = data.if_contains("activities"); a && a->is_array()) {
      for (const auto& item : a->as_array()) {
        if (!item.is_object()) continue;
        json::object one;
        if (const json::value* d = item.as_object().if_contains("theme_day_id")) {
          one["theme_day_id"] = *d;
          auto day = d->is_int64() ? theme_days.find(d->as_int64()) : theme_days.end();
          if (day != theme_days.end()) one["theme_day_name"] = day->second;
        }
        one["title"] = MaskContactsIn(TextOf(item.as_object(), "title"));
        activities.push_back(std::move(one));
      }
    }
    shown["activities"] = std::move(activities);
    if (const json::value* d = data.if_contains("document"); d && d->is_object()) {
      shown["document"] = json::object{{"file_name", TextOf(d->as_object(), "file_name")},
                                       {"sha256", TextOf(d->as_object(), "sha256")}};
    }
  } else if (form == "summary") {
    json::object sections;
    if (const json::value* in = data.if_contains("sections"); in && in->is_object()) {
      for (const char* key : kSummaryKeys) {
        sections[key] = MaskContactsIn(TextOf(in->as_object(), key));
      }
    }
    shown["sections"] = std::move(sections);
  }
  out["data"] = std::move(shown);
  return out;
}

}  // namespace

json::object AsFrozen(json::object live, const json::object& frozen) {
  for (const char* key : {"version", "accepted_at", "accepted_by_unit"}) {
    if (const json::value* v = frozen.if_contains(key)) live[key] = *v;
  }
  return live;
}

json::object ToJson(const Verification& v) {
  json::object content = ParseJsonObject(v.content).value_or(json::object{});
  std::string by = TextOf(content, "accepted_by_unit");
  return {{"code", v.code},
          {"unit_name", v.unit_name},
          {"form", v.form},
          {"form_name", FormName(v.form)},
          {"campaign_name", v.campaign_name},
          {"year", content.contains("year") ? content.at("year") : json::value(nullptr)},
          {"version", v.version},
          {"accepted_at", timeutil::UtcToApi(v.accepted_at)},
          {"accepted_by_unit", by.empty() ? v.parent_name : by},
          {"content_hash", v.content_hash},
          {"current_matches",
           v.current_matches ? json::value(*v.current_matches) : json::value(nullptr)},
          {"content", PublicContent(content, v.theme_days)},
          {"status", v.superseded_by.empty() ? "valid" : "superseded"},
          {"superseded_by",
           v.superseded_by.empty() ? json::value(nullptr) : json::value(v.superseded_by)},
          {"masked", true}};
}

Result<Verification> SubmissionService::Verify(const std::string& code, const std::string& client) {
  if (!verify_limits_->per_address->TryHit(client)) {
    return Error{ErrorCode::kRateLimited,
                 "核验过于频繁，请一分钟后再试（每个网络地址每分钟最多核验 " +
                     std::to_string(verify_limits_->per_address_limit) + " 次）",
                 ""};
  }
  auto normal = NormalizeCode(code);
  if (!normal) return Error::NotFound("未找到该验证码对应的报表");
  // The 8-character codes of earlier years are 40 bits: every client together
  // gets a small hourly budget of them, so guessing stays hopeless.
  if (normal->size() == 9 && !verify_limits_->short_codes->TryHit("")) {
    return Error{ErrorCode::kRateLimited, "旧版 8 位验证码的核验请求过多，请稍后再试", ""};
  }
  db::Session s(db_);
  auto v = store::FindVerification(s, *normal);
  if (!v) return Error::NotFound("未找到该验证码对应的报表");
  // The stored content must still hash to what was recorded.
  if (Sha256Hex(v->content) != v->content_hash) {
    return Error::Internal("该报表快照的内容与摘要不一致，请联系管理员");
  }
  // Today's data, frozen the same way, against the snapshot's hash.
  if (auto frozen = ParseJsonObject(v->content)) {
    auto unit = frozen->if_contains("unit_id");
    auto campaign = frozen->if_contains("campaign_id");
    if (unit && unit->is_int64() && campaign && campaign->is_int64()) {
      auto live = LiveContent(s, campaign->as_int64(), TextOf(*frozen, "form"), unit->as_int64());
      if (live) {
        v->current_matches =
            Sha256Hex(json::serialize(AsFrozen(std::move(*live), *frozen))) == v->content_hash;
      }
      if (v->form == "plan") {
        for (const auto& day : store::PlanDays(s, campaign->as_int64())) {
          v->theme_days[day.id] = day.date + " " + day.name;
        }
      }
    }
  }
  return *v;
}

}  // namespace vw::reporting
