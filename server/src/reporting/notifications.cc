// In-app notifications of the reporting workflow (submissions.h): the
// latest ones of the units a user holds grants on, and per-user read marks.
#include "core/time.h"
#include "reporting/notification_store.h"
#include "reporting/submissions.h"
#include "reporting/workflow_steps.h"

namespace vw::reporting {

namespace json = boost::json;

namespace {

// How many notifications the list shows.
constexpr int kLatestNotifications = 50;

}  // namespace

json::object ToJson(const Notification& n) {
  return {{"id", n.id},
          {"unit_id", n.unit_id},
          {"unit_name", n.unit_name},
          {"kind", n.kind},
          {"title", n.title},
          {"body", n.body},
          {"link", n.link},
          {"created_at", timeutil::UtcToApi(n.created_at)},
          {"read_at", n.read_at.empty() ? "" : timeutil::UtcToApi(n.read_at)}};
}

void NotifyFilingSubmitted(db::Session& s, const Principal& p, Id approver_unit_id, Id campaign_id,
                           const std::string& unit_name, const std::string& title) {
  Notify(s, p, approver_unit_id, campaign_id, "filing_submitted",
         unit_name + "提交了外出报备，待审批",
         unit_name + "的校外活动“" + title + "”已提交外出报备，请审批。", "/activities/approvals");
}

Result<std::vector<Notification>> SubmissionService::Notifications(const Principal& p) {
  db::Session s(db_);
  return store::LatestNotifications(s, p.user_id, kLatestNotifications);
}

Result<Notification> SubmissionService::MarkRead(const Principal& p, Id notification_id) {
  db::Session s(db_);
  // Visible to the user when it went to a unit the user holds a grant on,
  // however old it is.
  if (!store::VisibleNotification(s, p.user_id, notification_id)) return Error::Forbidden();
  store::MarkNotificationRead(s, notification_id, p.user_id, timeutil::NowUtc());
  auto marked = store::VisibleNotification(s, p.user_id, notification_id);
  if (!marked) return Error::Forbidden();
  return *marked;
}

}  // namespace vw::reporting
