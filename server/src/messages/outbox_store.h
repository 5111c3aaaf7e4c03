// SQL of the messages (messages.h): the outbox, the units' settings and the
// users' preferences. Callers hold the session (and the transaction when
// writing); every value is bound.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "messages/messages.h"

namespace vw::messages::store {

struct OutboxRow {
  Id id = 0;
  std::optional<Id> unit_id;
  std::optional<Id> user_id;
  std::optional<Id> notification_id;
  std::string kind;
  std::string channel;  // email | sms | wecom | dingtalk
  std::string recipient;
  std::string recipient_name;
  std::string subject;
  std::string body;
  std::string link;
  std::string status = "pending";
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;
  std::string created_at;
  std::string sent_at;
};
void InsertOutbox(db::Session& s, const OutboxRow& r);
std::optional<OutboxRow> LoadOutbox(db::Session& s, Id id);

struct UnitSettingsRow {
  bool email_default = true;
  bool sms_default = false;
  std::string webhook_kind;  // wecom | dingtalk | ""
  std::string webhook_url;
  std::string updated_at;
};
std::optional<UnitSettingsRow> LoadUnitSettings(db::Session& s, Id unit_id);
void SaveUnitSettings(db::Session& s, Id unit_id, const UnitSettingsRow& r);

// (category, channel) -> enabled, of the user's own choices.
using Choices = std::map<std::pair<std::string, std::string>, bool>;
Choices PreferencesOf(db::Session& s, Id user_id);
void SavePreference(db::Session& s, Id user_id, const std::string& category,
                    const std::string& channel, bool enabled);

// The active users holding a grant on the unit, once each.
struct Person {
  Id user_id = 0;
  std::string name;
  std::string email;
  std::string mobile;
};
std::vector<Person> PeopleOf(db::Session& s, Id unit_id);
std::optional<Person> PersonOf(db::Session& s, Id user_id);

// The sender's statements (outbox_worker.h).
// Ids of pending rows due at `now`, oldest first.
std::vector<Id> DueIds(db::Session& s, std::int64_t now, int limit);
// Claims a pending due row for `owner` until `lease_until`: status
// sending, one more attempt. True when this call claimed it.
bool Claim(db::Session& s, Id id, const std::string& owner, std::int64_t now,
           std::int64_t lease_until);
// Rows whose sender's lease ran out mid-send become "unknown" (never sent
// again automatically); returns how many.
int ExpireLeases(db::Session& s, std::int64_t now);
// The owner's outcome of a claimed row: sent, pending again at
// `next_attempt_at`, failed, unknown or off. False when the row is no
// longer the owner's.
bool Finish(db::Session& s, Id id, const std::string& owner, const std::string& status,
            std::int64_t next_attempt_at, const std::string& error, const std::string& sent_at);

std::vector<OutboxRow> LatestOfUnit(db::Session& s, Id unit_id, int limit);
// A failed or unknown row pending again now; false for other statuses.
bool Requeue(db::Session& s, Id id, std::int64_t now);

// The daily digest (digest.cc): e-mails held for it, by recipient then
// age (at most `limit`), and one of them marked digested with `note`
// (false when it was no longer held).
std::vector<OutboxRow> HeldEmails(db::Session& s, int limit);
bool MarkDigested(db::Session& s, Id id, const std::string& note);

}  // namespace vw::messages::store
