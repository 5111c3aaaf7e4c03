// SQL of the material library (publicity.h); used by PublicityService only.
// Callers hold the session (and the transaction when writing); every value
// is bound.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "db/database.h"
#include "reporting/reporting.h"

namespace vw::publicity::store {

// One item with the names the pages show.
struct ItemRow {
  Id id = 0;
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::string kind;
  std::string title;
  std::string body;
  std::string author;
  std::optional<Id> theme_day_id;
  std::string theme_day_name;
  std::optional<Id> activity_id;
  std::string activity_title;
  std::string video_url;
  std::string tags = "[]";  // JSON array text
  bool has_people = false;
  bool minors = false;
  bool portrait_consent = false;
  std::string status = "draft";
  std::optional<Id> at_unit_id;
  std::string at_unit_name;
  std::optional<Id> from_unit_id;
  std::string from_unit_name;
  std::optional<std::string> submitted_at;  // UTC text
  bool late = false;
  std::optional<std::string> published_at;  // UTC text
  std::optional<Id> published_by;
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

struct FileRow {
  Id blob_id = 0;
  std::string kind;  // image | video
  std::string caption;
  std::int64_t width = 0;
  std::int64_t height = 0;
  bool has_poster = false;
};

struct TakeRow {
  Id unit_id = 0;
  std::string unit_name;
  std::string taken_at;
};

struct StepRow {
  std::string action;
  std::string unit_name;
  std::string actor;  // "姓名（单位）"
  std::string to_unit_name;
  std::string comment;
  std::string at;
};

struct OutletRow {
  Id media_report_id = 0;
  std::string outlet;
  std::string level;
  std::string published_on;
  std::string url;
};

struct BlobInfo {
  Id unit_id = 0;
  std::string kind;  // image | video
};

// The item, or none. `for_update` locks its row (PostgreSQL).
std::optional<ItemRow> LoadItem(db::Session& s, Id id, bool for_update = false);
// Inserts the item's columns (names unused); returns its id.
Id InsertItem(db::Session& s, const ItemRow& r, std::optional<Id> created_by);
// Writes every column but the id, campaign, origin and creation at
// `version`, bumping it and updated_at; false when stale.
bool SaveItem(db::Session& s, const ItemRow& r, int version, const std::string& now);
// false when stale (or not a draft).
bool DeleteDraft(db::Session& s, Id id, int version);

std::vector<FileRow> LoadFiles(db::Session& s, Id item_id);
void ReplaceFiles(db::Session& s, Id item_id, const std::vector<std::pair<Id, std::string>>& files);
// The blobs among `ids` that exist.
std::map<Id, BlobInfo> LoadBlobs(db::Session& s, const std::vector<Id>& ids);

std::vector<TakeRow> LoadTakes(db::Session& s, Id item_id);
// Adds the take unless the unit holds it already.
void AddTake(db::Session& s, Id item_id, Id unit_id, const std::string& now);

std::vector<StepRow> LoadSteps(db::Session& s, Id item_id);
void AddStep(db::Session& s, Id item_id, Id unit_id, const std::string& action,
             std::optional<Id> to_unit_id, const std::string& comment, std::optional<Id> user_id,
             const std::string& now);

std::vector<OutletRow> LoadOutlets(db::Session& s, Id item_id);
// Links the media report `m` to the item: the one the chain recorded
// already (the same link, or the same title and outlet, as
// reporting::store::DuplicateMediaReport finds it; counted once), else a
// new one. Returns its id.
Id AddOutlet(db::Session& s, Id item_id, const reporting::MediaReport& m,
             std::optional<Id> created_by);

// The unit's name ("" when unknown).
std::string UnitName(db::Session& s, Id unit_id);
// The unit's parent; none for a chain's head or an unknown unit.
std::optional<Id> ParentOf(db::Session& s, Id unit_id);

struct ListFilter {
  Id campaign_id = 0;
  Id unit_id = 0;
  // library: the unit's items and those it took; inbox: waiting at the unit
  // (submitted there, or returned there after it recommended them); below:
  // items of units below it, drafts aside.
  std::string scope;
  std::string kind, status, q;
  std::optional<Id> theme_day_id;
  std::int64_t limit = 20, offset = 0;
};
// Items without their body, newest change first, and how many match.
std::vector<ItemRow> ListItems(db::Session& s, const ListFilter& f, std::int64_t& total);

struct BoardRow {
  Id unit_id = 0;
  std::string unit_name;
  bool own = false;  // the unit's own items (not its subtree)
  std::int64_t items = 0, submitted = 0, accepted = 0, pushed = 0, late = 0, published = 0;
};
// The unit's own row, then one per direct child (subtree counts).
std::vector<BoardRow> Board(db::Session& s, Id campaign_id, Id unit_id);

}  // namespace vw::publicity::store
