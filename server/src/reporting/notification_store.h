// SQL of the in-app notifications of the reporting workflow
// (submissions.h): the notices the workflow steps and reminders send to a
// unit, what a user may read (the notices of the units the user holds a
// grant on) and the user's read marks. Callers hold the session (and the
// transaction when writing); every value is bound.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "reporting/submissions.h"

namespace vw::reporting::store {

struct NewNotification {
  Id unit_id = 0;
  Id campaign_id = 0;
  std::string kind;
  std::string title;
  std::string body;
  std::string link;
  std::optional<Id> created_by;
  std::string created_at;
};
void InsertNotification(db::Session& s, const NewNotification& n);
// Per reporting child of `parent_id`, when it was last sent a notification
// of `kind` in the campaign (the board's reminders).
std::map<Id, std::string> LastNotices(db::Session& s, Id campaign_id, const std::string& kind,
                                      Id parent_id);

// The latest `limit` notifications the user may read, newest first, with
// the user's read mark.
std::vector<Notification> LatestNotifications(db::Session& s, Id user_id, int limit);
// The notification when the user may read it (however old), with the
// user's read mark; none otherwise.
std::optional<Notification> VisibleNotification(db::Session& s, Id user_id, Id notification_id);
// Marks the notification read by the user at `now`; a second mark keeps
// the first time.
void MarkNotificationRead(db::Session& s, Id notification_id, Id user_id, const std::string& now);

}  // namespace vw::reporting::store
