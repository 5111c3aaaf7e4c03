// SQL of the messages (outbox_store.h).
#include "messages/outbox_store.h"

namespace vw::messages::store {
namespace {

constexpr const char* kOutboxColumns =
    "SELECT id, unit_id, user_id, notification_id, kind, channel, recipient, recipient_name, "
    "subject, body, link, status, attempts, next_attempt_at, last_error, created_at, sent_at "
    "FROM message_outbox ";

OutboxRow OutboxAt(const soci::row& r) {
  OutboxRow o;
  o.id = db::Int(r, 0);
  o.unit_id = db::OptInt(r, 1);
  o.user_id = db::OptInt(r, 2);
  o.notification_id = db::OptInt(r, 3);
  o.kind = db::Str(r, 4);
  o.channel = db::Str(r, 5);
  o.recipient = db::Str(r, 6);
  o.recipient_name = db::Str(r, 7);
  o.subject = db::Str(r, 8);
  o.body = db::Str(r, 9);
  o.link = db::Str(r, 10);
  o.status = db::Str(r, 11);
  o.attempts = static_cast<int>(db::Int(r, 12));
  o.next_attempt_at = db::Int(r, 13);
  o.last_error = db::Str(r, 14);
  o.created_at = db::Str(r, 15);
  o.sent_at = db::Str(r, 16);
  return o;
}

Person PersonAt(const soci::row& r) {
  return {db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3)};
}

int Affected(soci::statement& st) { return static_cast<int>(st.get_affected_rows()); }

}  // namespace

void InsertOutbox(db::Session& s, const OutboxRow& r) {
  s.sql() << "INSERT INTO message_outbox (unit_id, user_id, notification_id, kind, channel, "
             "recipient, recipient_name, subject, body, link, status, next_attempt_at, "
             "last_error, created_at) VALUES (:u, :user, :n, :k, :ch, :r, :rn, :s, :b, :l, :st, "
             ":next, :e, :now)",
      soci::use(r.unit_id), soci::use(r.user_id), soci::use(r.notification_id), soci::use(r.kind),
      soci::use(r.channel), soci::use(r.recipient), soci::use(r.recipient_name),
      soci::use(r.subject), soci::use(r.body), soci::use(r.link), soci::use(r.status),
      soci::use(r.next_attempt_at), soci::use(r.last_error), soci::use(r.created_at);
}

std::optional<OutboxRow> LoadOutbox(db::Session& s, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kOutboxColumns << "WHERE id = :id", soci::use(id));
  for (const auto& r : rs) return OutboxAt(r);
  return std::nullopt;
}

std::optional<UnitSettingsRow> LoadUnitSettings(db::Session& s, Id unit_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT email_default, sms_default, webhook_kind, webhook_url, "
                          "updated_at FROM message_unit_settings WHERE unit_id = :u",
       soci::use(unit_id));
  for (const auto& r : rs) {
    return UnitSettingsRow{db::Int(r, 0) != 0, db::Int(r, 1) != 0, db::Str(r, 2), db::Str(r, 3),
                           db::Str(r, 4)};
  }
  return std::nullopt;
}

void SaveUnitSettings(db::Session& s, Id unit_id, const UnitSettingsRow& r) {
  int email = r.email_default ? 1 : 0;
  int sms = r.sms_default ? 1 : 0;
  s.sql() << "INSERT INTO message_unit_settings (unit_id, email_default, sms_default, "
             "webhook_kind, webhook_url, updated_at) VALUES (:u, :e, :s, :k, :url, :at) "
             "ON CONFLICT (unit_id) DO UPDATE SET email_default = excluded.email_default, "
             "sms_default = excluded.sms_default, webhook_kind = excluded.webhook_kind, "
             "webhook_url = excluded.webhook_url, updated_at = excluded.updated_at",
      soci::use(unit_id), soci::use(email), soci::use(sms), soci::use(r.webhook_kind),
      soci::use(r.webhook_url), soci::use(r.updated_at);
}

Choices PreferencesOf(db::Session& s, Id user_id) {
  Choices out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT category, channel, enabled FROM message_preferences WHERE "
                          "user_id = :u",
       soci::use(user_id));
  for (const auto& r : rs) out[{db::Str(r, 0), db::Str(r, 1)}] = db::Int(r, 2) != 0;
  return out;
}

void SavePreference(db::Session& s, Id user_id, const std::string& category,
                    const std::string& channel, bool enabled) {
  int on = enabled ? 1 : 0;
  s.sql() << "INSERT INTO message_preferences (user_id, category, channel, enabled) VALUES (:u, "
             ":c, :ch, :e) ON CONFLICT (user_id, category, channel) DO UPDATE SET enabled = "
             "excluded.enabled",
      soci::use(user_id), soci::use(category), soci::use(channel), soci::use(on);
}

std::vector<Person> PeopleOf(db::Session& s, Id unit_id) {
  std::vector<Person> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id, display_name, email, mobile FROM users WHERE active = 1 "
                          "AND id IN (SELECT user_id FROM grants WHERE unit_id = :u) ORDER BY id",
       soci::use(unit_id));
  for (const auto& r : rs) out.push_back(PersonAt(r));
  return out;
}

std::optional<Person> PersonOf(db::Session& s, Id user_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id, display_name, email, mobile FROM users WHERE id = :u",
       soci::use(user_id));
  for (const auto& r : rs) return PersonAt(r);
  return std::nullopt;
}

std::vector<Id> DueIds(db::Session& s, std::int64_t now, int limit) {
  std::vector<Id> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id FROM message_outbox WHERE status = 'pending' AND "
                          "next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :n",
       soci::use(now), soci::use(limit));
  for (const auto& r : rs) out.push_back(db::Int(r, 0));
  return out;
}

bool Claim(db::Session& s, Id id, const std::string& owner, std::int64_t now,
           std::int64_t lease_until) {
  soci::statement st =
      (s.sql().prepare << "UPDATE message_outbox SET status = 'sending', claimed_by = :owner, "
                          "lease_until = :until, attempts = attempts + 1 WHERE id = :id AND "
                          "status = 'pending' AND next_attempt_at <= :now",
       soci::use(owner), soci::use(lease_until), soci::use(id), soci::use(now));
  st.execute(true);
  return Affected(st) == 1;
}

int ExpireLeases(db::Session& s, std::int64_t now) {
  std::string error = "发送过程中断（发送进程停止），无法确定是否已送达，不再自动重发";
  soci::statement st =
      (s.sql().prepare << "UPDATE message_outbox SET status = 'unknown', last_error = :e WHERE "
                          "status = 'sending' AND lease_until < :now",
       soci::use(error), soci::use(now));
  st.execute(true);
  return Affected(st);
}

bool Finish(db::Session& s, Id id, const std::string& owner, const std::string& status,
            std::int64_t next_attempt_at, const std::string& error, const std::string& sent_at) {
  soci::statement st =
      (s.sql().prepare << "UPDATE message_outbox SET status = :st, next_attempt_at = :next, "
                          "last_error = :e, sent_at = :sent, lease_until = NULL WHERE id = :id "
                          "AND claimed_by = :owner AND status IN ('sending', 'unknown')",
       soci::use(status), soci::use(next_attempt_at), soci::use(error), soci::use(sent_at),
       soci::use(id), soci::use(owner));
  st.execute(true);
  return Affected(st) == 1;
}

std::vector<OutboxRow> LatestOfUnit(db::Session& s, Id unit_id, int limit) {
  std::vector<OutboxRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kOutboxColumns << "WHERE unit_id = :u ORDER BY id DESC LIMIT :n",
       soci::use(unit_id), soci::use(limit));
  for (const auto& r : rs) out.push_back(OutboxAt(r));
  return out;
}

bool Requeue(db::Session& s, Id id, std::int64_t now) {
  soci::statement st =
      (s.sql().prepare << "UPDATE message_outbox SET status = 'pending', next_attempt_at = :now, "
                          "attempts = 0, claimed_by = NULL, lease_until = NULL WHERE id = :id AND "
                          "status IN ('failed', 'unknown')",
       soci::use(now), soci::use(id));
  st.execute(true);
  return Affected(st) == 1;
}

std::vector<OutboxRow> HeldEmails(db::Session& s, int limit) {
  std::vector<OutboxRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kOutboxColumns
                       << "WHERE status = 'held' AND channel = 'email' ORDER BY recipient, id "
                          "LIMIT :n",
       soci::use(limit));
  for (const auto& r : rs) out.push_back(OutboxAt(r));
  return out;
}

bool MarkDigested(db::Session& s, Id id, const std::string& note) {
  soci::statement st =
      (s.sql().prepare << "UPDATE message_outbox SET status = 'digested', last_error = :note "
                          "WHERE id = :id AND status = 'held'",
       soci::use(note), soci::use(id));
  st.execute(true);
  return Affected(st) == 1;
}

}  // namespace vw::messages::store
