// Writing a notice's outbox rows in the caller's transaction (messages.h).
#include "messages/outbox_store.h"

namespace vw::messages {
namespace {

// Whether the person gets the category over the channel: their own choice,
// else the unit's default (e-mail on, SMS off without settings).
bool Wants(const store::Choices& choices, const std::optional<store::UnitSettingsRow>& unit,
           const std::string& category, const std::string& channel) {
  if (auto it = choices.find({category, channel}); it != choices.end()) return it->second;
  if (channel == "email") return unit ? unit->email_default : true;
  return unit ? unit->sms_default : false;
}

// Whether the person takes the category's e-mails as one daily digest.
bool Digests(const store::Choices& choices, const std::string& category) {
  auto it = choices.find({category, kDigestChannel});
  return it != choices.end() && it->second;
}

}  // namespace

int EnqueueForUnit(db::Session& s, const UnitNotice& n) {
  std::string category = CategoryOf(n.kind);
  auto unit = store::LoadUnitSettings(s, n.unit_id);
  int written = 0;
  store::OutboxRow row;
  row.unit_id = n.unit_id;
  row.notification_id = n.notification_id;
  row.kind = n.kind;
  row.subject = n.title;
  row.body = n.body;
  row.link = n.link;
  row.created_at = n.now;
  for (const auto& person : store::PeopleOf(s, n.unit_id)) {
    auto choices = store::PreferencesOf(s, person.user_id);
    for (const char* channel : kUserChannels) {
      if (!Wants(choices, unit, category, channel)) continue;
      const std::string& address =
          std::string_view(channel) == "email" ? person.email : person.mobile;
      row.user_id = person.user_id;
      row.channel = channel;
      row.recipient = address;
      row.recipient_name = person.name;
      // E-mails of a category the person takes as a daily digest wait for
      // the digest job (digest.cc).
      bool digest = std::string_view(channel) == "email" && Digests(choices, category);
      row.status = address.empty() ? "missing" : (digest ? "held" : "pending");
      row.last_error = address.empty() ? (std::string_view(channel) == "email" ? "未填写电子邮箱"
                                                                               : "未填写手机号")
                                       : "";
      store::InsertOutbox(s, row);
      ++written;
    }
  }
  if (unit && !unit->webhook_kind.empty() && !unit->webhook_url.empty()) {
    row.user_id = std::nullopt;
    row.channel = unit->webhook_kind;
    row.recipient = unit->webhook_url;
    row.recipient_name = "群机器人";
    row.status = "pending";
    row.last_error = "";
    store::InsertOutbox(s, row);
    ++written;
  }
  return written;
}

void EnqueueForRegistrants(db::Session& s, Id activity_id, Id registration_id,
                           const std::string& kind, const std::string& message,
                           const std::string& now) {
  std::string missing = "报名人未留手机号";
  std::string prefix = "报名通知：";
  s.sql() << "INSERT INTO message_outbox (unit_id, kind, channel, recipient, recipient_name, "
             "subject, body, status, next_attempt_at, last_error, created_at) SELECT a.unit_id, "
             ":k, 'sms', r.mobile, r.name, CAST(:prefix AS TEXT) || a.title, :m, CASE WHEN "
             "r.mobile = '' THEN "
             "'missing' ELSE 'pending' END, 0, CASE WHEN r.mobile = '' THEN :missing ELSE '' END, "
             ":now FROM registrations r JOIN activities a ON a.id = r.activity_id WHERE "
             "(r.id = :r OR (:r0 = 0 AND r.activity_id = :a AND r.status <> 'cancelled'))",
      soci::use(kind), soci::use(prefix), soci::use(message), soci::use(missing), soci::use(now),
      soci::use(registration_id), soci::use(registration_id), soci::use(activity_id);
}

}  // namespace vw::messages
