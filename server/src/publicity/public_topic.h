// The public topic site (专题网站/专栏) of issue 18: what visitors read
// without logging in (docs/publicity.md, "Public topic site").
//
// Only published items appear, and never one that shows people without the
// portrait consent, whatever its published_at says (PublicCondition). A
// file is public only while an item it belongs to is. Answers are JSON
// built from the tables of migration 0028; the routes cache them by content
// (public_topic_routes.h). Reads only; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "media/media_service.h"
#include "media/serve_stored.h"

namespace vw::publicity {

// Lists of the topic site: at most this many items per list.
inline constexpr int kDayListSize = 6;
inline constexpr int kFeaturedSize = 12;
inline constexpr int kColumnListSize = 10;
inline constexpr int kColumnGallerySize = 12;
inline constexpr int kMaxGalleryPageSize = 60;
inline constexpr std::size_t kExcerptChars = 80;

// The SQL condition an item row aliased `i` meets while visitors may see it:
// published (not a draft or returned), and without people or with consent.
std::string PublicCondition();

struct GalleryQuery {
  std::optional<Id> theme_day_id;
  std::optional<Id> unit_id;  // the unit and below
  std::string kind;           // "" (both) | photos | video
  int offset = 0;
  int limit = 24;
};

// What a shared link shows before any script runs (og: tags, <title>).
struct ShareCard {
  std::string title;
  std::string description;
  std::string image_path;  // "/api/public/media/{id}/web", or "" without a picture
};

class PublicTopic {
 public:
  explicit PublicTopic(db::Database& db) : db_(db) {}

  // {"campaign","days":[...],"featured":[card],"counts":{...}}
  Result<json::value> Topic(Id campaign_id);
  // {"items":[gallery item],"total":n}: photo sets and videos, newest first.
  Result<json::value> Gallery(Id campaign_id, const GalleryQuery& q);
  // One published item: card fields, body, author, files, outlets, activity.
  Result<json::value> Item(Id item_id);
  // A unit's 专栏: its (and below) news, cases, gallery, count of activities.
  Result<json::value> Column(Id campaign_id, Id unit_id);

  // The stored hash of a file variant visitors may download; "not found"
  // unless an item the blob belongs to is public.
  Result<media::StoredFile> PublicFile(Id blob_id, media::Variant variant);

  // Share cards of /p/news/{id}, /p/topic and /p/column/{unit_id} (the
  // caller picks the campaign the pages show); nullopt when not public.
  std::optional<ShareCard> NewsCard(Id item_id);
  std::optional<ShareCard> TopicCard(Id campaign_id);
  std::optional<ShareCard> ColumnCard(Id campaign_id, Id unit_id);

 private:
  db::Database& db_;
};

}  // namespace vw::publicity
