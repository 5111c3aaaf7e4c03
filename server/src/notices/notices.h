// Notices as documents (通知公文, issue 20; the contract is docs/notices.md,
// the tables migration 0034).
//
// A unit publishes a notice of a campaign (title, 文号, body, annexes) to
// units below it: by default its direct children, optionally its whole
// subtree, or a chosen list of its descendants. A draft is edited; once
// published a notice is never edited (a correction is a new notice that
// names it in corrects_id). Each target unit acknowledges it (签收) once:
// who and when are recorded, a second acknowledgement changes nothing. The
// publisher sees who has acknowledged and reminds those who have not (a
// button, and the daily `notice_reminders` job when an acknowledge-by date
// comes near); the reminders are in-app notifications that reach people by
// e-mail, SMS and group robot through the outbox (messages/messages.h).
//
// Authority is over the target: the publisher's unit admins and reviewers
// write; only people with a grant on a target unit acknowledge for it; the
// annexes are read by the publisher's side and the target units' staff.
// Forged ids answer "not found" or name the field.
//
// Files: notices_service.cc (rules), notices_store.{h,cc} (SQL),
// notices_routes.{h,cc}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::notices {

// Budgets (docs/notices.md).
inline constexpr std::size_t kMaxTitle = 100;
inline constexpr std::size_t kMaxDocNumber = 50;
inline constexpr std::size_t kMaxBody = 20000;
inline constexpr std::size_t kMaxTargets = 500;  // chosen or resolved target units
inline constexpr std::int64_t kMaxAnnexes = 10;
inline constexpr std::size_t kMaxAnnexBytes = 10u << 20;
inline constexpr int kMaxList = 200;

// What a create or an edit sends.
struct NoticeInput {
  Id campaign_id = 0;  // create only
  Id unit_id = 0;      // create only: the publishing unit
  std::string title;
  std::string doc_number;
  std::string body;
  // "children" (the direct children), "subtree" (every unit below) or
  // "chosen" (unit_ids, each below the publisher).
  std::string targets = "children";
  std::vector<Id> unit_ids;
  std::string ack_by;  // YYYY-MM-DD or ""
  std::optional<Id> corrects_id;
  int version = 0;  // edits
};
// Reads the JSON body with Chinese errors naming the field; `create` asks
// for campaign_id and unit_id, an edit for version.
Result<NoticeInput> ReadNoticeInput(const json::object& body, bool create);

// The type of an annex judged by its bytes: PDF, Word (.docx, .doc) or
// Excel (.xlsx, .xls); nullopt for anything else.
std::optional<std::string> SniffAnnex(std::string_view bytes);
// The name an annex is stored under: the client's name cleaned (no path,
// no control or quote characters, at most 100 characters), with the
// extension of its type; "附件" when nothing is left.
std::string AnnexFileName(std::string_view client_name, std::string_view content_type);

struct File {
  std::string bytes;
  std::string content_type;
  std::string file_name;
};

class NoticeService {
 public:
  NoticeService(db::Database& db, const org::Scope& scope) : db_(db), scope_(scope) {}

  // The notices a unit published or drafted in a campaign, with their
  // acknowledgement counts and the units that have not acknowledged.
  Result<json::value> List(const Principal& p, Id campaign_id, Id unit_id);
  // The published notices to the units the caller holds a grant on.
  Result<json::value> Inbox(const Principal& p, Id campaign_id);
  Result<json::value> Create(const Principal& p, const NoticeInput& in);
  // The notice, its annexes and, for the publisher's side, every target
  // with its acknowledgement; for a target's staff, their own units.
  Result<json::value> Get(const Principal& p, Id notice_id);
  Result<json::value> Update(const Principal& p, Id notice_id, const NoticeInput& in);
  Result<json::value> Delete(const Principal& p, Id notice_id, int version);
  Result<json::value> AddAnnex(const Principal& p, Id notice_id, std::string_view file_name,
                               std::string_view bytes);
  Result<json::value> RemoveAnnex(const Principal& p, Id notice_id, Id annex_id);
  Result<File> Annex(const Principal& p, Id annex_id);
  Result<json::value> Publish(const Principal& p, Id notice_id, int version);
  // 签收 for `unit_id` (a target the caller holds a grant on); idempotent.
  Result<json::value> Acknowledge(const Principal& p, Id notice_id, Id unit_id);
  // Reminds every target that has not acknowledged; answers their names.
  Result<json::value> Remind(const Principal& p, Id notice_id);

  // The daily job: reminds the unacknowledged targets of every published
  // notice whose acknowledge-by date is within `days` days of today
  // (Shanghai) and not past, unless reminded today already. Returns how many
  // units were reminded.
  int RemindBeforeAckDates(std::int64_t now, int days);

 private:
  db::Database& db_;
  const org::Scope& scope_;
};

}  // namespace vw::notices
