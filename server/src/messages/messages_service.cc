// Rules of the messages' settings and delivery status (messages.h).
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include "audit/audit.h"
#include "core/json.h"
#include "core/masking.h"
#include "core/time.h"
#include "messages/channels.h"
#include "messages/messages.h"
#include "messages/outbox_store.h"

namespace vw::messages {

namespace {

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

int EnvInt(const char* name, int fallback, int min, int max) {
  const char* v = Env(name);
  if (!v) return fallback;
  int out = 0;
  std::string_view s(v);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || ptr != s.data() + s.size() || out < min || out > max) {
    throw std::invalid_argument(std::string(name) + " must be an integer in [" +
                                std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return out;
}

void EnvText(const char* name, std::string& out) {
  if (const char* v = Env(name)) out = v;
}

bool IsCategory(std::string_view c) {
  for (const char* k : kCategories) {
    if (c == k) return true;
  }
  return false;
}

// Unit admins of the unit or above change its settings.
constexpr RoleSet kSettingsRoles{Role::kUnitAdmin};

std::string MaskedRecipient(const store::OutboxRow& r) {
  if (r.recipient.empty()) return "";
  if (r.channel == "email") return MaskEmail(r.recipient);
  if (r.channel == "sms") return MaskMobile(r.recipient);
  // A robot's URL holds its key: the host only.
  auto url = ParseWebUrl(r.recipient);
  return url ? url->host : "";
}

Delivery DeliveryOf(const store::OutboxRow& r) {
  Delivery d;
  d.id = r.id;
  d.unit_id = r.unit_id.value_or(0);
  d.kind = r.kind;
  d.channel = r.channel;
  d.recipient = MaskedRecipient(r);
  d.recipient_name = r.recipient_name;
  d.subject = r.subject;
  d.status = r.status;
  d.attempts = r.attempts;
  d.last_error = r.last_error;
  d.created_at = r.created_at;
  d.sent_at = r.sent_at;
  if (r.status == "pending" && r.next_attempt_at > 0) {
    d.next_attempt_at = timeutil::FormatShanghaiIso(r.next_attempt_at);
  }
  return d;
}

json::object SettingsJson(Id unit_id, const store::UnitSettingsRow& r) {
  // The robot's URL holds its key: shown to the unit's admins only, who set it.
  return {{"unit_id", unit_id},
          {"email_default", r.email_default},
          {"sms_default", r.sms_default},
          {"webhook_kind", r.webhook_kind},
          {"webhook_url", r.webhook_url},
          {"updated_at", r.updated_at.empty() ? "" : timeutil::UtcToApi(r.updated_at)}};
}

}  // namespace

Settings SettingsFromEnvironment() {
  Settings s;
  EnvText("VOCWEEK_SMTP_HOST", s.smtp_host);
  s.smtp_port = EnvInt("VOCWEEK_SMTP_PORT", s.smtp_port, 1, 65535);
  EnvText("VOCWEEK_SMTP_USER", s.smtp_user);
  EnvText("VOCWEEK_SMTP_PASSWORD", s.smtp_password);
  EnvText("VOCWEEK_SMTP_FROM", s.smtp_from);
  EnvText("VOCWEEK_SMTP_FROM_NAME", s.smtp_from_name);
  EnvText("VOCWEEK_SMTP_TLS", s.smtp_tls);
  if (const char* v = Env("VOCWEEK_MESSAGES_TLS_VERIFY")) s.tls_verify = std::string_view(v) != "0";
  EnvText("VOCWEEK_SMS_URL", s.sms_url);
  EnvText("VOCWEEK_SMS_SIGN", s.sms_sign);
  EnvText("VOCWEEK_SMS_TEMPLATE", s.sms_template);
  EnvText("VOCWEEK_SMS_KEY", s.sms_key);
  EnvText("VOCWEEK_WEBHOOK_HOSTS", s.webhook_hosts);
  s.timeout_seconds = EnvInt("VOCWEEK_MESSAGES_TIMEOUT", s.timeout_seconds, 1, 300);
  s.max_attempts = EnvInt("VOCWEEK_MESSAGES_ATTEMPTS", s.max_attempts, 1, 50);
  s.backoff_seconds = EnvInt("VOCWEEK_MESSAGES_BACKOFF", s.backoff_seconds, 1, 86400);
  s.lease_seconds = EnvInt("VOCWEEK_MESSAGES_LEASE", s.lease_seconds, 2, 86400);
  s.poll_ms = EnvInt("VOCWEEK_MESSAGES_POLL_MS", s.poll_ms, 100, 600000);
  CheckSettings(s);
  return s;
}

void CheckSettings(const Settings& s) {
  if (s.smtp_tls != "auto" && s.smtp_tls != "starttls" && s.smtp_tls != "tls" &&
      s.smtp_tls != "off") {
    throw std::invalid_argument("VOCWEEK_SMTP_TLS / --smtp-tls must be auto, starttls, tls or off");
  }
  if (s.smtp_port < 1 || s.smtp_port > 65535) {
    throw std::invalid_argument("VOCWEEK_SMTP_PORT / --smtp-port must be in [1, 65535]");
  }
  if (!s.smtp_host.empty() && !s.smtp_from.empty() && s.smtp_from.find('@') == std::string::npos) {
    throw std::invalid_argument("VOCWEEK_SMTP_FROM / --smtp-from must be an e-mail address");
  }
  if (!s.sms_url.empty() && !ParseWebUrl(s.sms_url)) {
    throw std::invalid_argument("VOCWEEK_SMS_URL / --sms-url must be an http(s) URL");
  }
}

std::string CategoryOf(std::string_view kind) {
  if (kind.rfind("reminder", 0) == 0) return "reminder";
  if (kind == "returned" || kind == "accepted" || kind == "reopened" || kind == "submitted") {
    return "review";
  }
  if (kind.rfind("publicity", 0) == 0) return "publicity";
  if (kind.rfind("filing", 0) == 0) return "filing";
  if (kind == "promoted" || kind == "cancelled" || kind == "rescheduled") return "registration";
  return "other";
}

std::string CategoryName(std::string_view category) {
  if (category == "reminder") return "填报提醒";
  if (category == "review") return "报表退回与通过";
  if (category == "publicity") return "宣传素材审核";
  if (category == "filing") return "外出报备";
  if (category == "registration") return "报名变动";
  return "其他通知";
}

Status CheckWebhookUrl(std::string_view url, std::string_view allowed_hosts) {
  if (url.size() > kMaxWebhookUrl) {
    return Error::Invalid("webhook_url",
                          "【群机器人地址】不能超过" + std::to_string(kMaxWebhookUrl) + "个字符");
  }
  auto parsed = ParseWebUrl(url);
  if (!parsed) {
    return Error::Invalid("webhook_url", "【群机器人地址】应为 http:// 或 https:// 开头的网址");
  }
  std::string_view hosts = allowed_hosts;
  while (!hosts.empty()) {
    auto comma = hosts.find(',');
    if (TrimSpaces(hosts.substr(0, comma)) == parsed->host) return Ok();
    if (comma == std::string_view::npos) break;
    hosts.remove_prefix(comma + 1);
  }
  return Error::Invalid("webhook_url", "【群机器人地址】只能是企业微信或钉钉群机器人的地址");
}

json::object ToJson(const Delivery& d) {
  return {{"id", d.id},
          {"unit_id", d.unit_id},
          {"kind", d.kind},
          {"category", CategoryOf(d.kind)},
          {"channel", d.channel},
          {"recipient", d.recipient},
          {"recipient_name", d.recipient_name},
          {"subject", d.subject},
          {"status", d.status},
          {"attempts", d.attempts},
          {"last_error", d.last_error},
          {"created_at", timeutil::UtcToApi(d.created_at)},
          {"sent_at", d.sent_at.empty() ? "" : timeutil::UtcToApi(d.sent_at)},
          {"next_attempt_at", d.next_attempt_at}};
}

Result<json::object> MessageService::Preferences(const Principal& p) {
  db::Session s(db_);
  auto person = store::PersonOf(s, p.user_id);
  if (!person) return Error::Forbidden();
  auto unit = store::LoadUnitSettings(s, p.home_unit_id);
  auto choices = store::PreferencesOf(s, p.user_id);
  json::array categories;
  for (const char* c : kCategories) {
    json::object row{{"category", c}, {"name", CategoryName(c)}};
    bool chosen = false;
    for (const char* ch : kUserChannels) {
      auto it = choices.find({c, ch});
      bool fallback = std::string_view(ch) == "email" ? (!unit || unit->email_default)
                                                      : (unit && unit->sms_default);
      row[ch] = it != choices.end() ? it->second : fallback;
      chosen = chosen || it != choices.end();
    }
    // E-mails one by one ("立即") or once a day ("每日汇总").
    auto digest = choices.find({c, kDigestChannel});
    row["digest"] = digest != choices.end() && digest->second;
    row["chosen"] = chosen;
    categories.push_back(std::move(row));
  }
  return json::object{{"categories", std::move(categories)},
                      {"email", person->email.empty() ? "" : MaskEmail(person->email)},
                      {"mobile", person->mobile.empty() ? "" : MaskMobile(person->mobile)},
                      {"email_on", settings_.EmailOn()},
                      {"sms_on", settings_.SmsOn()}};
}

Result<json::object> MessageService::SetPreferences(const Principal& p, const json::object& body) {
  const json::value* list = body.if_contains("categories");
  if (!list || !list->is_array()) return Error::Invalid("categories", "请提供【消息类别】列表");
  const auto& items = list->as_array();
  if (items.size() > std::size(kCategories)) {
    return Error::Invalid("categories", "【消息类别】过多");
  }
  struct Choice {
    std::string category;
    bool email, sms, digest;
  };
  std::vector<Choice> parsed;
  for (const auto& item : items) {
    if (!item.is_object()) return Error::Invalid("categories", "【消息类别】格式不正确");
    FieldReader in(item.as_object());
    Choice c;
    c.category = in.String("category", "消息类别", 20);
    c.email = in.Bool("email", "邮件", false);
    c.sms = in.Bool("sms", "短信", false);
    c.digest = in.Bool("digest", "每日汇总", false);
    VW_RETURN_IF_ERROR(in.status());
    if (!IsCategory(c.category)) return Error::Invalid("category", "【消息类别】不存在");
    parsed.push_back(c);
  }
  {
    db::Session s(db_);
    db::Transaction tx(s);
    for (const auto& c : parsed) {
      store::SavePreference(s, p.user_id, c.category, "email", c.email);
      store::SavePreference(s, p.user_id, c.category, "sms", c.sms);
      store::SavePreference(s, p.user_id, c.category, kDigestChannel, c.digest);
    }
    tx.Commit();
  }
  return Preferences(p);
}

Result<json::object> MessageService::UnitSettings(const Principal& p, Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id, kSettingsRoles));
  return SettingsJson(unit_id,
                      store::LoadUnitSettings(s, unit_id).value_or(store::UnitSettingsRow{}));
}

Result<json::object> MessageService::SetUnitSettings(const Principal& p, Id unit_id,
                                                     const json::object& body) {
  FieldReader in(body);
  store::UnitSettingsRow r;
  r.email_default = in.Bool("email_default", "默认邮件通知", true);
  r.sms_default = in.Bool("sms_default", "默认短信通知", false);
  r.webhook_kind = in.String("webhook_kind", "群机器人类型", 20);
  r.webhook_url = in.String("webhook_url", "群机器人地址", kMaxWebhookUrl + 1);
  VW_RETURN_IF_ERROR(in.status());
  if (!r.webhook_kind.empty() && r.webhook_kind != "wecom" && r.webhook_kind != "dingtalk") {
    return Error::Invalid("webhook_kind", "【群机器人类型】应为企业微信或钉钉");
  }
  if (r.webhook_kind.empty() != r.webhook_url.empty()) {
    return Error::Invalid(
        r.webhook_url.empty() ? "webhook_url" : "webhook_kind",
        r.webhook_url.empty() ? "请填写【群机器人地址】" : "请选择【群机器人类型】");
  }
  if (!r.webhook_url.empty())
    VW_RETURN_IF_ERROR(CheckWebhookUrl(r.webhook_url, settings_.webhook_hosts));
  r.updated_at = timeutil::NowUtc();
  db::Session s(db_);
  db::Transaction tx(s);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id, kSettingsRoles));
  store::SaveUnitSettings(s, unit_id, r);
  audit::Record(
      s, p,
      {"update", "message_settings", std::nullopt, unit_id,
       std::string("消息设置：") + (r.webhook_kind.empty() ? "无群机器人" : r.webhook_kind),
       nullptr});
  tx.Commit();
  return SettingsJson(unit_id, r);
}

Result<std::vector<Delivery>> MessageService::Deliveries(const Principal& p, Id unit_id,
                                                         int limit) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  std::vector<Delivery> out;
  for (const auto& r : store::LatestOfUnit(s, unit_id, std::clamp(limit, 1, kMaxDeliveries))) {
    out.push_back(DeliveryOf(r));
  }
  return out;
}

Result<Delivery> MessageService::Retry(const Principal& p, Id outbox_id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto row = store::LoadOutbox(s, outbox_id);
  // Unknown ids and rows of no unit are refused like foreign ones.
  if (!row || !row->unit_id) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, *row->unit_id, kSettingsRoles));
  if (!store::Requeue(s, outbox_id, timeutil::NowUnix())) {
    return Error::Conflict("只有发送失败或状态不明的消息可以重发");
  }
  audit::Record(
      s, p, {"retry", "message", outbox_id, *row->unit_id, "重发消息：" + row->subject, nullptr});
  tx.Commit();
  return DeliveryOf(*store::LoadOutbox(s, outbox_id));
}

}  // namespace vw::messages
