// SQL of the notices (notices.h). The caller checks scope and holds the
// session (and the transaction when writing); every value is bound.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.h"
#include "db/database.h"

namespace vw::notices::store {

struct NoticeRow {
  Id id = 0;
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::string title;
  std::string doc_number;
  std::string body;
  std::optional<Id> corrects_id;
  std::string ack_by;
  std::string status;  // draft | published
  std::string published_at;
  std::string published_by_name;
  std::string reminded_at;
  int version = 1;
  std::string created_at;
  std::string updated_at;
};
Id InsertNotice(db::Session& s, const NoticeRow& r, std::optional<Id> by);
std::optional<NoticeRow> LoadNotice(db::Session& s, Id notice_id);
// The draft's texts at `version`; false when stale or published.
bool SaveDraft(db::Session& s, const NoticeRow& r, int version);
bool MarkPublished(db::Session& s, Id notice_id, int version, std::optional<Id> by,
                   const std::string& now);
bool DeleteDraft(db::Session& s, Id notice_id, int version);
void SetReminded(db::Session& s, Id notice_id, const std::string& now);
// Rows of a campaign's notices of `unit_id`, newest first.
std::vector<NoticeRow> NoticesOf(db::Session& s, Id campaign_id, Id unit_id, int limit);
// Published notices of a campaign to units `user_id` holds a grant on.
std::vector<NoticeRow> InboxOf(db::Session& s, Id campaign_id, Id user_id, int limit);
// Published notices with an acknowledge-by date in [from, to] not reminded
// since `since` (UTC text).
std::vector<Id> DueForReminder(db::Session& s, const std::string& from, const std::string& to,
                               const std::string& since);

// Units below `ancestor`: its direct children (`subtree` false) or every
// unit under it, in the tree's order.
std::vector<Id> UnitsBelow(db::Session& s, Id ancestor, bool subtree);
// Which of `units` lie below `ancestor` (depth 1 or more).
std::vector<Id> BelowOf(db::Session& s, Id ancestor, const std::vector<Id>& units);
void ReplaceTargets(db::Session& s, Id notice_id, const std::vector<Id>& units);

struct TargetRow {
  Id unit_id = 0;
  std::string unit_name;
  std::string kind_name;
  std::string acknowledged_at;  // "" when not yet
  std::optional<Id> acknowledged_by;
  std::string acknowledged_name;
};
std::vector<TargetRow> TargetsOf(db::Session& s, Id notice_id);
// Sets the acknowledgement when there is none; false otherwise.
bool Acknowledge(db::Session& s, Id notice_id, Id unit_id, std::optional<Id> by,
                 const std::string& name, const std::string& now);

struct AnnexRow {
  Id id = 0;
  Id notice_id = 0;
  std::string file_name;
  std::string content_type;
  std::int64_t size_bytes = 0;
  std::string sha256;
  std::string uploaded_at;
  std::optional<std::string> bytes;  // LoadAnnex only; nullopt when unreadable
};
Id InsertAnnex(db::Session& s, const AnnexRow& a, std::optional<Id> by, std::string_view bytes);
std::vector<AnnexRow> AnnexesOf(db::Session& s, Id notice_id);
std::optional<AnnexRow> LoadAnnex(db::Session& s, Id annex_id);
bool DeleteAnnex(db::Session& s, Id notice_id, Id annex_id);
std::int64_t CountAnnexes(db::Session& s, Id notice_id);

}  // namespace vw::notices::store
