// Texts the exports print from the notices (annex 4's 填表说明, annex 5's
// footnotes), kept per campaign as data (migration 0011): copied with the
// campaign, editable by whoever manages the campaign, never constants in
// code. A text may hold the placeholder {截止日期}, which renders as the date
// of the campaign's provincial deadline for the text's form, so a campaign
// copied from last year prints its own date.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "campaign/campaign.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "http/router.h"

namespace vw::campaign {

// The placeholder a text may hold; any other "{" or "}" is refused.
inline constexpr std::string_view kDeadlinePlaceholder = "{截止日期}";
inline constexpr std::size_t kNoticeTextMaxChars = 2000;

struct NoticeTextRow {
  Id id = 0;
  Id campaign_id = 0;
  std::string code;  // info_form_note | statistics_note | statistics_template_note
  std::string label;
  std::string form;      // whose provincial deadline {截止日期} takes
  std::string text;      // as stored, with placeholders
  std::string rendered;  // placeholders filled
  int sort_order = 0;
  int version = 1;
  std::string updated_at;  // UTC
};
boost::json::object ToJson(const NoticeTextRow& t);

// The campaign's text `code` with its placeholders filled; "" when the
// campaign has no such text. For the exports: runs on the caller's session
// (inside its transaction, if any) and checks no permission.
std::string NoticeText(db::Session& s, Id campaign_id, std::string_view code);

// `text` with {截止日期} replaced by `due_at_utc`'s Shanghai date written
// "2026 年 5 月 13 日", or by "（截止日期未设定）" when there is no deadline.
std::string RenderNoticeText(std::string_view text, const std::optional<std::string>& due_at_utc);

// The "text" of a PUT body: one to kNoticeTextMaxChars characters, several
// lines allowed, only the known placeholder. kInvalidArgument naming `text`.
Result<std::string> ParseNoticeText(const boost::json::object& body);

// Called by the campaign's own writes inside their transaction: a copied
// campaign takes the source's texts as they are (placeholders render with
// the copy's deadlines); a campaign made from nothing (the demo seed) takes
// notice_text_defaults.
void CopyNoticeTexts(db::Session& s, Id from_campaign_id, Id to_campaign_id);
void InsertDefaultNoticeTexts(db::Session& s, Id campaign_id);

// Thread-safe; each call leases a session.
class NoticeTextService {
 public:
  NoticeTextService(db::Database& db, CampaignService& campaigns)
      : db_(db), campaigns_(campaigns) {}

  // The campaign's texts in display order; kNotFound for an unknown campaign.
  Result<std::vector<NoticeTextRow>> List(Id campaign_id);
  // Replaces one text if `version` is still the stored one: kNotFound for an
  // unknown campaign or code, kForbidden unless the principal manages
  // the campaign (CampaignService::RequireManager), kConflict on a stale
  // version (checked in the UPDATE itself).
  Result<NoticeTextRow> Update(const Principal& p, Id campaign_id, std::string_view code,
                               int version, const std::string& text);

 private:
  db::Database& db_;
  CampaignService& campaigns_;
};

// GET /api/campaigns/{id}/notice-texts, PUT /api/campaigns/{id}/notice-texts/{code}.
void RegisterNoticeTextRoutes(http::Router& router, NoticeTextService& texts);

}  // namespace vw::campaign
