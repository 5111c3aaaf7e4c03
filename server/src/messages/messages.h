// Messages that reach people outside vocweek (issue 20; docs/messages.md):
// e-mail over SMTP, SMS through a provider's HTTP API and the group robots
// of 企业微信 and 钉钉.
//
// Every message is a row of message_outbox written in the same transaction
// as the event that causes it: EnqueueForUnit runs wherever an in-app
// notification is inserted (reporting/notification_store.cc), so reminders,
// returns, acceptances, publicity steps and filings all reach people. Who
// gets what: each user with a grant on the unit, per category of message
// and channel, by the user's choice (message_preferences) or else the
// unit's defaults (message_unit_settings); the unit's group robot gets
// every message of the unit. A user without an address gets a row with
// status "missing", so the gap is visible.
//
// The rows are sent later, off the request path, by OutboxWorker
// (outbox_worker.h). MessageService serves the settings pages and the
// delivery status.
//
// Files: messages_service.cc (rules), enqueue.cc, digest.cc, outbox_store.{h,cc}
// (SQL), outbox_worker.{h,cc}, smtp.{h,cc}, http_post.{h,cc},
// channels.{h,cc} (formats of each channel), messages_routes.{h,cc}.
// Thread-safe; each call uses its own database session.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::messages {

// The server's channels, from VOCWEEK_SMTP_* and VOCWEEK_SMS_* (see
// SettingsFromEnvironment). A channel without its settings is off: its
// rows get status "off" instead of being sent.
struct Settings {
  std::string smtp_host;                          // VOCWEEK_SMTP_HOST; empty: e-mail off
  int smtp_port = 25;                             // VOCWEEK_SMTP_PORT
  std::string smtp_user;                          // VOCWEEK_SMTP_USER; empty: no AUTH
  std::string smtp_password;                      // VOCWEEK_SMTP_PASSWORD
  std::string smtp_from;                          // VOCWEEK_SMTP_FROM, "noreply@example.edu.cn"
  std::string smtp_from_name = "职业教育活动周";  // VOCWEEK_SMTP_FROM_NAME
  // VOCWEEK_SMTP_TLS: auto (STARTTLS when offered), starttls (required),
  // tls (implicit TLS, port 465) or off.
  std::string smtp_tls = "auto";
  bool tls_verify = true;  // VOCWEEK_MESSAGES_TLS_VERIFY=0 for self-signed test servers
  // SMS provider (VOCWEEK_SMS_URL, _SIGN, _TEMPLATE, _KEY): a POST of JSON
  // {"mobile","sign","template","params":{"title","body"},"key"}. Empty URL: SMS off.
  std::string sms_url;
  std::string sms_sign;
  std::string sms_template;
  std::string sms_key;
  // Hosts a unit's group robot may point at (VOCWEEK_WEBHOOK_HOSTS,
  // comma-separated): the robots' own hosts by default, never the
  // server's neighbours.
  std::string webhook_hosts = "qyapi.weixin.qq.com,oapi.dingtalk.com";
  int timeout_seconds = 20;  // VOCWEEK_MESSAGES_TIMEOUT: per network step
  int max_attempts = 6;      // VOCWEEK_MESSAGES_ATTEMPTS
  int backoff_seconds = 60;  // VOCWEEK_MESSAGES_BACKOFF: first retry; doubles each time
  // VOCWEEK_MESSAGES_LEASE: a claim's lease, longer than any send can take
  // (every network step has timeout_seconds); shorter only in tests.
  int lease_seconds = 300;
  int poll_ms = 5000;  // VOCWEEK_MESSAGES_POLL_MS: how often the sender looks for due rows

  bool EmailOn() const { return !smtp_host.empty() && !smtp_from.empty(); }
  bool SmsOn() const { return !sms_url.empty(); }
};
// Defaults overridden by the environment. Throws std::invalid_argument
// naming the variable when a value is malformed.
Settings SettingsFromEnvironment();
// Throws std::invalid_argument naming the setting when a value (from the
// environment or from command-line flags, app/main.cc) is malformed.
void CheckSettings(const Settings& s);

// Categories of messages a user chooses channels for, and their names.
inline constexpr const char* kCategories[] = {"reminder", "review", "publicity", "filing", "other"};
// Of a notification kind; "registration" for the registrants' notices.
std::string CategoryOf(std::string_view kind);
std::string CategoryName(std::string_view category);
inline constexpr const char* kUserChannels[] = {"email", "sms"};
// The preference (message_preferences.channel) of a category whose e-mails
// a user takes as one daily digest instead of one by one.
inline constexpr const char* kDigestChannel = "email_digest";

// Budgets.
inline constexpr std::size_t kMaxWebhookUrl = 500;
inline constexpr int kMaxDeliveries = 200;

// Ok when `url` may be a group robot's address: http(s), a host of
// `allowed_hosts` (comma-separated), at most kMaxWebhookUrl bytes. The
// error names the field.
Status CheckWebhookUrl(std::string_view url, std::string_view allowed_hosts);

// A notice to a unit, to be sent to its people (in the caller's transaction).
struct UnitNotice {
  Id unit_id = 0;
  std::string kind;  // the notification's kind ("reminder:info_form", "returned"...)
  std::string title;
  std::string body;
  std::string link;  // a path of the web app, or ""
  std::optional<Id> notification_id;
  std::string now;  // UTC text
};
// Writes the outbox rows of the notice; returns how many.
int EnqueueForUnit(db::Session& s, const UnitNotice& n);

// A notice to registrants (promoted from the waiting list, activity
// rescheduled or cancelled), who give a mobile only: an SMS each, or a
// "missing" row when the mobile is empty (personal data purged). For one
// registration (`registration_id`) or every one not cancelled of the
// activity (`activity_id`, when registration_id is 0).
void EnqueueForRegistrants(db::Session& s, Id activity_id, Id registration_id,
                           const std::string& kind, const std::string& message,
                           const std::string& now);

// The daily digest (the `message_digest` job, app/app.cc; once across
// nodes): each recipient's held e-mails (status "held": categories the
// person takes daily) become one pending e-mail of kind "digest" listing
// them, in one transaction; the held rows become "digested". `public_url`
// makes the listed links absolute ("" leaves them relative). Returns how
// many digests were written.
int WriteDailyDigests(db::Database& db, const std::string& public_url, const std::string& now);

// One outbox row as the delivery status shows it.
struct Delivery {
  Id id = 0;
  Id unit_id = 0;
  std::string kind;
  std::string channel;
  std::string recipient;  // masked for e-mail, mobile and webhook URLs
  std::string recipient_name;
  std::string subject;
  std::string status;
  int attempts = 0;
  std::string last_error;
  std::string created_at;
  std::string sent_at;
  std::string next_attempt_at;  // API time; "" unless pending
};
boost::json::object ToJson(const Delivery& d);

class MessageService {
 public:
  MessageService(db::Database& db, const org::Scope& scope, Settings settings)
      : db_(db), scope_(scope), settings_(std::move(settings)) {}

  // The caller's channels per category: {categories: [{category, name,
  // email, sms, digest, chosen}], email, mobile, email_on, sms_on}.
  Result<boost::json::object> Preferences(const Principal& p);
  // Body {"categories":[{"category","email","sms","digest"}]}: replaces the
  // caller's choices for the categories named.
  Result<boost::json::object> SetPreferences(const Principal& p, const boost::json::object& body);

  // A unit's defaults and group robot (unit admins of the unit or above).
  Result<boost::json::object> UnitSettings(const Principal& p, Id unit_id);
  // Body {"email_default","sms_default","webhook_kind","webhook_url"}.
  Result<boost::json::object> SetUnitSettings(const Principal& p, Id unit_id,
                                              const boost::json::object& body);

  // The latest messages to the unit's people (any role on the unit or above).
  Result<std::vector<Delivery>> Deliveries(const Principal& p, Id unit_id, int limit);
  // Sends a failed or unknown message again (a unit admin's decision:
  // an "unknown" one may arrive twice).
  Result<Delivery> Retry(const Principal& p, Id outbox_id);

 private:
  db::Database& db_;
  const org::Scope& scope_;
  Settings settings_;
};

}  // namespace vw::messages
