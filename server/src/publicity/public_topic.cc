#include "publicity/public_topic.h"

#include <map>
#include <vector>

#include "core/time.h"
#include "org/scope.h"
#include "publicity/publicity.h"

namespace vw::publicity {
namespace {

// An item row as the public lists read it (kItemColumns, in order).
struct Row {
  Id id = 0;
  std::string kind, title;
  Id unit_id = 0;
  std::string unit_name;
  std::optional<Id> theme_day_id;
  std::string day_date, day_name;
  std::string body;  // the start only in lists (kItemColumns)
  std::string status, published_at, video_url, author;
};

// The columns Read() parses; `body` is cut to what an excerpt needs.
std::string ItemColumns(bool whole_body) {
  return std::string(
             "SELECT i.id, i.kind, i.title, i.unit_id, u.name, i.theme_day_id, d.day_date, "
             "d.name, ") +
         (whole_body ? "i.body" : "SUBSTR(i.body, 1, 120)") +
         ", i.status, i.published_at, i.video_url, i.author FROM publicity_items i JOIN units u "
         "ON u.id = i.unit_id LEFT JOIN theme_days d ON d.id = i.theme_day_id WHERE " +
         PublicCondition();
}
constexpr const char* kNewestFirst = " ORDER BY i.published_at DESC, i.id DESC";

Row Read(const soci::row& r) {
  Row x;
  x.id = db::Int(r, 0);
  x.kind = db::Str(r, 1);
  x.title = db::Str(r, 2);
  x.unit_id = db::Int(r, 3);
  x.unit_name = db::Str(r, 4);
  x.theme_day_id = db::OptInt(r, 5);
  x.day_date = db::Str(r, 6);
  x.day_name = db::Str(r, 7);
  x.body = db::Str(r, 8);
  x.status = db::Str(r, 9);
  x.published_at = db::Str(r, 10);
  x.video_url = db::Str(r, 11);
  x.author = db::Str(r, 12);
  return x;
}

std::vector<Row> ReadAll(soci::rowset<soci::row>& rows) {
  std::vector<Row> out;
  for (const auto& r : rows) out.push_back(Read(r));
  return out;
}

struct File {
  Id blob_id = 0;
  std::string caption, kind;
  std::int64_t width = 0, height = 0;
  bool web = false, thumb = false, poster = false;
};

std::string MediaUrl(Id blob_id, const char* variant) {
  return "/api/public/media/" + std::to_string(blob_id) + "/" + variant;
}

// The files of `items`, in their order, by item.
std::map<Id, std::vector<File>> LoadFiles(db::Session& s, const std::vector<Row>& items) {
  std::map<Id, std::vector<File>> out;
  if (items.empty()) return out;
  std::string ids;
  for (const auto& i : items) ids += (ids.empty() ? "" : ",") + std::to_string(i.id);
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT f.item_id, f.blob_id, f.caption, b.kind, b.width, b.height, "
                          "b.web_sha256, b.thumb_sha256, b.poster_sha256 FROM "
                          "publicity_item_files f JOIN media_blobs b ON b.id = f.blob_id WHERE "
                          "f.item_id IN (" +
                              ids + ") ORDER BY f.item_id, f.sort_order, f.blob_id");
  for (const auto& r : rows) {
    File f;
    f.blob_id = db::Int(r, 1);
    f.caption = db::Str(r, 2);
    f.kind = db::Str(r, 3);
    f.width = db::Int(r, 4);
    f.height = db::Int(r, 5);
    f.web = !db::Str(r, 6).empty();
    f.thumb = !db::Str(r, 7).empty();
    f.poster = !db::Str(r, 8).empty();
    out[db::Int(r, 0)].push_back(std::move(f));
  }
  return out;
}

json::object FileJson(const File& f, const Row& item) {
  return {{"blob_id", f.blob_id},
          {"kind", f.kind},
          {"caption", f.caption},
          {"width", f.width},
          {"height", f.height},
          {"thumb_url", f.thumb ? MediaUrl(f.blob_id, "thumb") : ""},
          {"web_url", f.web ? MediaUrl(f.blob_id, "web") : ""},
          {"poster_url", f.poster ? MediaUrl(f.blob_id, "poster") : ""},
          // A stored video plays from here (in ranges); a linked one on its platform.
          {"play_url", f.kind == "video" ? MediaUrl(f.blob_id, "video") : ""},
          {"video_url", f.kind == "video" ? item.video_url : ""}};
}

// The first file with a picture, or nullptr.
const File* CoverOf(const std::vector<File>* files) {
  if (!files) return nullptr;
  for (const auto& f : *files) {
    if (f.web && f.thumb) return &f;
  }
  return nullptr;
}

const std::vector<File>* FilesOf(const std::map<Id, std::vector<File>>& files, Id item) {
  auto it = files.find(item);
  return it == files.end() ? nullptr : &it->second;
}

std::string Excerpt(const std::string& body) {
  std::string flat;
  for (char c : body) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return Utf8Prefix(flat, kExcerptChars);
}

json::object Card(const Row& x, const std::vector<File>* files) {
  std::string published = timeutil::UtcToApi(x.published_at);
  json::value cover = nullptr;
  if (const File* f = CoverOf(files)) {
    cover = json::object{{"thumb_url", MediaUrl(f->blob_id, "thumb")},
                         {"web_url", MediaUrl(f->blob_id, "web")}};
  }
  return {{"id", x.id},
          {"kind", x.kind},
          {"kind_name", KindName(x.kind)},
          {"title", x.title},
          {"unit_id", x.unit_id},
          {"unit_name", x.unit_name},
          {"theme_day_id", x.theme_day_id ? json::value(*x.theme_day_id) : json::value(nullptr)},
          {"theme_day_name", x.day_name},
          {"date", x.day_date.empty() ? published.substr(0, 10) : x.day_date},
          {"excerpt", Excerpt(x.body)},
          {"cover", std::move(cover)},
          {"pushed", x.status == "pushed"},
          {"published_at", published}};
}

json::array Cards(db::Session& s, const std::vector<Row>& rows) {
  auto files = LoadFiles(s, rows);
  json::array out;
  for (const auto& x : rows) out.push_back(Card(x, FilesOf(files, x.id)));
  return out;
}

json::object GalleryItem(const Row& x, const std::vector<File>* files) {
  json::value cover = nullptr;
  if (const File* f = CoverOf(files)) {
    cover = json::object{{"thumb_url", MediaUrl(f->blob_id, "thumb")},
                         {"web_url", MediaUrl(f->blob_id, "web")},
                         {"width", f->width},
                         {"height", f->height}};
  }
  json::array list;
  if (files) {
    for (const auto& f : *files) list.push_back(FileJson(f, x));
  }
  return {{"id", x.id},
          {"title", x.title},
          {"unit_id", x.unit_id},
          {"unit_name", x.unit_name},
          {"theme_day_name", x.day_name},
          {"kind", x.kind},
          {"published_at", timeutil::UtcToApi(x.published_at)},
          {"cover", std::move(cover)},
          {"files", std::move(list)},
          {"video_url", x.video_url}};
}

json::array GalleryItems(db::Session& s, const std::vector<Row>& rows) {
  auto files = LoadFiles(s, rows);
  json::array out;
  for (const auto& x : rows) out.push_back(GalleryItem(x, FilesOf(files, x.id)));
  return out;
}

// Public items of the campaign of one kind in one unit's subtree (root 0:
// everywhere), newest first.
std::vector<Row> OfKind(db::Session& s, Id campaign_id, const std::string& kind, Id root,
                        int limit) {
  soci::rowset<soci::row> rows =
      (s.sql().prepare << ItemColumns(false) << " AND i.campaign_id = :c AND i.kind = :k AND "
                       << org::Scope::UnderCondition("i.unit_id") << kNewestFirst << " LIMIT :lim",
       soci::use(campaign_id), soci::use(kind), soci::use(root), soci::use(root), soci::use(limit));
  return ReadAll(rows);
}

bool CampaignExists(db::Session& s, Id campaign_id) {
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM campaigns WHERE id = :c", soci::use(campaign_id), soci::into(n);
  return n > 0;
}

// The web picture of the newest public item with one, among items of the
// campaign in `root`'s subtree (0: all), pushed ones first.
std::string NewestPicture(db::Session& s, Id campaign_id, Id root) {
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT f.blob_id FROM publicity_items i JOIN publicity_item_files f ON "
                          "f.item_id = i.id JOIN media_blobs b ON b.id = f.blob_id WHERE "
                       << PublicCondition()
                       << " AND i.campaign_id = :c AND b.web_sha256 IS NOT NULL AND "
                       << org::Scope::UnderCondition("i.unit_id")
                       << " ORDER BY CASE WHEN i.status = 'pushed' THEN 0 ELSE 1 END, "
                          "i.published_at DESC, i.id DESC, f.sort_order, f.blob_id LIMIT 1",
       soci::use(campaign_id), soci::use(root), soci::use(root));
  for (const auto& r : rows) return MediaUrl(db::Int(r, 0), "web");
  return "";
}

// {"items","total"} of the gallery of an existing campaign.
json::object GalleryOf(db::Session& s, Id campaign_id, const GalleryQuery& q) {
  Id day = q.theme_day_id.value_or(0);
  Id root = q.unit_id.value_or(0);
  std::string where =
      " AND i.campaign_id = :c AND i.kind IN ('photos', 'video') AND (:kind = '' "
      "OR i.kind = :kind2) AND (:day = 0 OR i.theme_day_id = :day2) AND " +
      org::Scope::UnderCondition("i.unit_id");
  std::int64_t total = 0;
  s.sql() << "SELECT COUNT(*) FROM publicity_items i WHERE " << PublicCondition() << where,
      soci::use(campaign_id), soci::use(q.kind), soci::use(q.kind), soci::use(day), soci::use(day),
      soci::use(root), soci::use(root), soci::into(total);
  soci::rowset<soci::row> rows =
      (s.sql().prepare << ItemColumns(false) << where << kNewestFirst << " LIMIT :lim OFFSET :off",
       soci::use(campaign_id), soci::use(q.kind), soci::use(q.kind), soci::use(day), soci::use(day),
       soci::use(root), soci::use(root), soci::use(q.limit), soci::use(q.offset));
  auto items = GalleryItems(s, ReadAll(rows));
  return json::object{{"items", std::move(items)}, {"total", total}};
}

}  // namespace

std::string PublicCondition() {
  return "(i.published_at IS NOT NULL AND i.status IN ('submitted', 'accepted', 'pushed') AND "
         "(i.has_people = 0 OR i.portrait_consent = 1))";
}

Result<json::value> PublicTopic::Topic(Id campaign_id) {
  db::Session s(db_);
  db::Transaction tx(s, db::Transaction::Mode::kRead);
  json::object campaign;
  {
    soci::rowset<soci::row> rows =
        (s.sql().prepare << "SELECT id, name, theme FROM campaigns WHERE id = :c",
         soci::use(campaign_id));
    for (const auto& r : rows) {
      campaign = {{"id", db::Int(r, 0)}, {"name", db::Str(r, 1)}, {"theme", db::Str(r, 2)}};
    }
  }
  if (campaign.empty()) return Error::NotFound("活动周不存在");

  json::array days;
  soci::rowset<soci::row> day_rows =
      (s.sql().prepare << "SELECT id, day_index, day_date, name, publicity_theme FROM theme_days "
                          "WHERE campaign_id = :c ORDER BY day_index",
       soci::use(campaign_id));
  std::vector<json::object> day_list;
  for (const auto& r : day_rows) {
    day_list.push_back({{"theme_day_id", db::Int(r, 0)},
                        {"day_index", db::Int(r, 1)},
                        {"date", db::Str(r, 2)},
                        {"name", db::Str(r, 3)},
                        {"publicity_theme", db::Str(r, 4)}});
  }
  for (auto& day : day_list) {
    Id day_id = day.at("theme_day_id").as_int64();
    auto of_day = [&](const char* kind) {
      std::string k = kind;
      int limit = kDayListSize;
      soci::rowset<soci::row> rows =
          (s.sql().prepare << ItemColumns(false)
                           << " AND i.campaign_id = :c AND i.theme_day_id = :d AND i.kind = :k"
                           << kNewestFirst << " LIMIT :lim",
           soci::use(campaign_id), soci::use(day_id), soci::use(k), soci::use(limit));
      return Cards(s, ReadAll(rows));
    };
    day["news"] = of_day("article");
    day["cases"] = of_day("case");
    days.push_back(std::move(day));
  }

  int featured_limit = kFeaturedSize;
  soci::rowset<soci::row> featured_rows =
      (s.sql().prepare << ItemColumns(false) << " AND i.campaign_id = :c AND i.status = 'pushed'"
                       << kNewestFirst << " LIMIT :lim",
       soci::use(campaign_id), soci::use(featured_limit));
  json::array featured = Cards(s, ReadAll(featured_rows));

  json::object counts{{"articles", 0}, {"photos", 0}, {"videos", 0}, {"cases", 0}};
  soci::rowset<soci::row> count_rows =
      (s.sql().prepare << "SELECT i.kind, COUNT(*) FROM publicity_items i WHERE "
                       << PublicCondition() << " AND i.campaign_id = :c GROUP BY i.kind",
       soci::use(campaign_id));
  for (const auto& r : count_rows) {
    std::string kind = db::Str(r, 0);
    const char* key = kind == "article"  ? "articles"
                      : kind == "photos" ? "photos"
                      : kind == "video"  ? "videos"
                      : kind == "case"   ? "cases"
                                         : nullptr;
    if (key) counts[key] = db::Int(r, 1);
  }
  return json::value(json::object{{"campaign", std::move(campaign)},
                                  {"days", std::move(days)},
                                  {"featured", std::move(featured)},
                                  {"counts", std::move(counts)}});
}

Result<json::value> PublicTopic::Gallery(Id campaign_id, const GalleryQuery& q) {
  db::Session s(db_);
  if (!CampaignExists(s, campaign_id)) return Error::NotFound("活动周不存在");
  return json::value(GalleryOf(s, campaign_id, q));
}

Result<json::value> PublicTopic::Item(Id item_id) {
  db::Session s(db_);
  std::vector<Row> found;
  {
    soci::rowset<soci::row> rows =
        (s.sql().prepare << ItemColumns(true) << " AND i.id = :id", soci::use(item_id));
    found = ReadAll(rows);
  }
  if (found.empty()) return Error::NotFound("该稿件不存在或尚未公开");
  const Row& x = found.front();
  auto files = LoadFiles(s, found);
  json::object o = Card(x, FilesOf(files, x.id));
  o["body"] = x.body;
  o["author"] = x.author;
  o["video_url"] = x.video_url;
  json::array list;
  if (const auto* f = FilesOf(files, x.id)) {
    for (const auto& file : *f) list.push_back(FileJson(file, x));
  }
  o["files"] = std::move(list);

  json::array outlets;
  soci::rowset<soci::row> outlet_rows =
      (s.sql().prepare << "SELECT outlet, level, published_on, url FROM media_reports WHERE "
                          "publicity_item_id = :id ORDER BY published_on, id",
       soci::use(item_id));
  for (const auto& r : outlet_rows) {
    outlets.push_back({{"outlet", db::Str(r, 0)},
                       {"level", db::Str(r, 1)},
                       {"published_on", db::Str(r, 2)},
                       {"url", db::Str(r, 3)}});
  }
  o["outlets"] = std::move(outlets);

  // The linked activity, only while the programme shows it.
  json::value activity = nullptr;
  soci::rowset<soci::row> activity_rows =
      (s.sql().prepare << "SELECT a.id, a.title FROM publicity_items i JOIN activities a ON a.id = "
                          "i.activity_id WHERE i.id = :id AND (a.status = 'published' OR "
                          "(a.status = 'cancelled' AND a.published_at IS NOT NULL))",
       soci::use(item_id));
  for (const auto& r : activity_rows) {
    activity = json::object{{"id", db::Int(r, 0)}, {"title", db::Str(r, 1)}};
  }
  o["activity"] = std::move(activity);
  return json::value(std::move(o));
}

Result<json::value> PublicTopic::Column(Id campaign_id, Id unit_id) {
  db::Session s(db_);
  db::Transaction tx(s, db::Transaction::Mode::kRead);
  if (!CampaignExists(s, campaign_id)) return Error::NotFound("活动周不存在");
  json::object unit;
  {
    soci::rowset<soci::row> rows =
        (s.sql().prepare << "SELECT id, name, kind FROM units WHERE id = :u AND active = 1",
         soci::use(unit_id));
    for (const auto& r : rows) {
      unit = {{"id", db::Int(r, 0)}, {"name", db::Str(r, 1)}, {"kind", db::Str(r, 2)}};
    }
  }
  if (unit.empty()) return Error::NotFound("单位不存在");

  json::array news = Cards(s, OfKind(s, campaign_id, "article", unit_id, kColumnListSize));
  json::array cases = Cards(s, OfKind(s, campaign_id, "case", unit_id, kColumnListSize));
  json::object gallery =
      GalleryOf(s, campaign_id, GalleryQuery{.unit_id = unit_id, .limit = kColumnGallerySize});

  std::int64_t activities = 0;
  s.sql() << "SELECT COUNT(*) FROM activities a WHERE a.campaign_id = :c AND a.status = "
             "'published' AND "
          << org::Scope::UnderCondition("a.unit_id"),
      soci::use(campaign_id), soci::use(unit_id), soci::use(unit_id), soci::into(activities);
  return json::value(json::object{{"unit", std::move(unit)},
                                  {"news", std::move(news)},
                                  {"cases", std::move(cases)},
                                  {"gallery", std::move(gallery.at("items"))},
                                  {"activities", json::object{{"total", activities}}}});
}

Result<media::StoredFile> PublicTopic::PublicFile(Id blob_id, media::Variant variant) {
  // The original only of a video (images are public in their web size).
  const char* column = variant == media::Variant::kWeb        ? "b.web_sha256"
                       : variant == media::Variant::kThumb    ? "b.thumb_sha256"
                       : variant == media::Variant::kPoster   ? "b.poster_sha256"
                       : variant == media::Variant::kOriginal ? "b.sha256"
                                                              : nullptr;
  if (!column) return Error::NotFound("文件不存在或尚未公开");
  db::Session s(db_);
  media::StoredFile file;
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT " << column
                       << ", b.kind, b.mime FROM media_blobs b WHERE b.id = :id AND EXISTS "
                          "(SELECT 1 FROM publicity_item_files f JOIN publicity_items i ON i.id = "
                          "f.item_id WHERE f.blob_id = b.id AND "
                       << PublicCondition() << ")",
       soci::use(blob_id));
  for (const auto& r : rows) {
    bool video = db::Str(r, 1) == "video";
    if (variant == media::Variant::kOriginal && !video) break;
    file.sha256 = db::Str(r, 0);
    // Every derived version is a JPEG (media.h).
    file.mime = variant == media::Variant::kOriginal ? db::Str(r, 2) : "image/jpeg";
  }
  if (file.sha256.empty()) return Error::NotFound("文件不存在或尚未公开");
  return file;
}

std::optional<ShareCard> PublicTopic::NewsCard(Id item_id) {
  db::Session s(db_);
  soci::rowset<soci::row> rows =
      (s.sql().prepare << ItemColumns(false) << " AND i.id = :id", soci::use(item_id));
  auto found = ReadAll(rows);
  if (found.empty()) return std::nullopt;
  const Row& x = found.front();
  auto files = LoadFiles(s, found);
  ShareCard card;
  card.title = x.title + " - " + x.unit_name;
  std::string excerpt = Excerpt(x.body);
  card.description = excerpt.empty() ? x.unit_name + " · " + KindName(x.kind) : excerpt;
  if (const File* f = CoverOf(FilesOf(files, x.id))) card.image_path = MediaUrl(f->blob_id, "web");
  return card;
}

std::optional<ShareCard> PublicTopic::TopicCard(Id campaign_id) {
  db::Session s(db_);
  ShareCard card;
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT name, theme FROM campaigns WHERE id = :c",
       soci::use(campaign_id));
  for (const auto& r : rows) {
    card.title = db::Str(r, 0) + "专题";
    card.description = db::Str(r, 1);
  }
  if (card.title.empty()) return std::nullopt;
  card.image_path = NewestPicture(s, campaign_id, 0);
  return card;
}

std::optional<ShareCard> PublicTopic::ColumnCard(Id campaign_id, Id unit_id) {
  db::Session s(db_);
  ShareCard card;
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT u.name, c.name FROM units u JOIN campaigns c ON c.id = :c WHERE "
                          "u.id = :u AND u.active = 1",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rows) {
    std::string unit = db::Str(r, 0);
    card.title = unit + "专栏";
    card.description = db::Str(r, 1) + " · " + unit + "的活动安排、新闻和图片";
  }
  if (card.title.empty()) return std::nullopt;
  card.image_path = NewestPicture(s, campaign_id, unit_id);
  return card;
}

}  // namespace vw::publicity
