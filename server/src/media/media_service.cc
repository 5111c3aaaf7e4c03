#include "media/media_service.h"

#include <set>

#include <spdlog/spdlog.h>

#include "core/time.h"

namespace vw::media {
namespace {

constexpr const char* kUploadColumns =
    "id, unit_id, created_by, kind, name, size, received, status, blob_id, error, updated_at";
constexpr const char* kBlobColumns =
    "id, unit_id, created_by, kind, name, sha256, source_sha256, mime, bytes, width, height, "
    "duration_ms, web_sha256, thumb_sha256, poster_sha256, created_at";
// Who may upload for a unit.
constexpr RoleSet kUploaders{Role::kUnitAdmin, Role::kPublicity, Role::kOrganiser};
constexpr std::size_t kMaxNameChars = 200;

Kind KindFrom(const std::string& code) { return ParseKind(code).value_or(Kind::kImage); }

Upload UploadFrom(const soci::row& r) {
  Upload u;
  u.id = db::Int(r, 0);
  u.unit_id = db::Int(r, 1);
  u.created_by = db::Int(r, 2);
  u.kind = KindFrom(db::Str(r, 3));
  u.name = db::Str(r, 4);
  u.size = static_cast<std::uint64_t>(db::Int(r, 5));
  u.received = static_cast<std::uint64_t>(db::Int(r, 6));
  u.status = db::Str(r, 7);
  u.blob_id = db::OptInt(r, 8);
  u.error = db::Str(r, 9);
  u.updated_at = db::Int(r, 10);
  return u;
}

Blob BlobFrom(const soci::row& r) {
  Blob b;
  b.id = db::Int(r, 0);
  b.unit_id = db::Int(r, 1);
  b.created_by = db::Int(r, 2);
  b.kind = KindFrom(db::Str(r, 3));
  b.name = db::Str(r, 4);
  b.sha256 = db::Str(r, 5);
  b.source_sha256 = db::Str(r, 6);
  b.mime = db::Str(r, 7);
  b.bytes = static_cast<std::uint64_t>(db::Int(r, 8));
  b.width = static_cast<std::uint32_t>(db::Int(r, 9));
  b.height = static_cast<std::uint32_t>(db::Int(r, 10));
  b.duration_ms = db::Int(r, 11);
  b.web_sha256 = db::Str(r, 12);
  b.thumb_sha256 = db::Str(r, 13);
  b.poster_sha256 = db::Str(r, 14);
  b.created_at = db::Int(r, 15);
  return b;
}

std::optional<Upload> LoadUpload(db::Session& s, Id id, bool for_update = false) {
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT " << kUploadColumns << " FROM media_uploads WHERE id = :id"
                       << (for_update ? s.ForUpdate() : ""),
       soci::use(id));
  for (const auto& r : rows) return UploadFrom(r);
  return std::nullopt;
}

std::optional<Blob> LoadBlob(db::Session& s, Id id) {
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT " << kBlobColumns << " FROM media_blobs WHERE id = :id",
       soci::use(id));
  for (const auto& r : rows) return BlobFrom(r);
  return std::nullopt;
}

Error UploadNotFound() { return Error::NotFound("上传不存在或已过期"); }

// The upload when it is `p`'s; another user's reads as absent.
Result<Upload> OwnUpload(db::Session& s, const Principal& p, Id id, bool for_update = false) {
  auto u = LoadUpload(s, id, for_update);
  if (!u || u->created_by != p.user_id) return UploadNotFound();
  return *u;
}

std::string MegaBytes(std::uint64_t bytes) {
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

std::int64_t Signed(std::uint64_t v) { return static_cast<std::int64_t>(v); }

}  // namespace

std::optional<Variant> ParseVariant(std::string_view code) {
  if (code == "original") return Variant::kOriginal;
  if (code == "web") return Variant::kWeb;
  if (code == "thumb") return Variant::kThumb;
  if (code == "poster") return Variant::kPoster;
  return std::nullopt;
}

Result<NewUpload> ReadNewUpload(const json::object& body) {
  FieldReader f(body);
  NewUpload in;
  in.unit_id = f.RequiredInt("unit_id", "【单位】", 1, INT64_MAX);
  in.name = f.RequiredString("name", "【文件名】", kMaxNameChars);
  in.size =
      static_cast<std::uint64_t>(f.RequiredInt("size", "【文件大小】", 1, std::int64_t{1} << 40));
  std::string kind = f.RequiredEnum("kind", "【类型】", {"image", "video"});
  VW_RETURN_IF_ERROR(f.status());
  in.kind = *ParseKind(kind);
  return in;
}

json::value ToJson(const Upload& u) {
  json::object o{{"id", u.id},        {"unit_id", u.unit_id},   {"kind", KindCode(u.kind)},
                 {"name", u.name},    {"size", Signed(u.size)}, {"received", Signed(u.received)},
                 {"status", u.status}};
  o["blob_id"] = u.blob_id ? json::value(*u.blob_id) : json::value(nullptr);
  if (!u.error.empty()) o["error"] = u.error;
  return o;
}

json::value ToJson(const Blob& b) {
  auto variants = json::array{"original"};
  if (!b.web_sha256.empty()) variants.push_back("web");
  if (!b.thumb_sha256.empty()) variants.push_back("thumb");
  if (!b.poster_sha256.empty()) variants.push_back("poster");
  return json::object{{"id", b.id},
                      {"unit_id", b.unit_id},
                      {"kind", KindCode(b.kind)},
                      {"name", b.name},
                      {"sha256", b.sha256},
                      {"mime", b.mime},
                      {"bytes", Signed(b.bytes)},
                      {"width", static_cast<std::int64_t>(b.width)},
                      {"height", static_cast<std::int64_t>(b.height)},
                      {"duration_ms", b.duration_ms},
                      {"variants", std::move(variants)},
                      {"created_at", timeutil::FormatShanghaiIso(b.created_at)}};
}

MediaService::MediaService(db::Database& db, const org::Scope& scope, MediaOptions options)
    : db_(db), scope_(scope), options_(std::move(options)), store_(options_.dir) {}

Result<Upload> MediaService::CreateUpload(const Principal& p, const NewUpload& in) {
  std::uint64_t max = MaxBytes(in.kind, options_.limits);
  if (in.size > max) {
    return Error{ErrorCode::kPayloadTooLarge,
                 std::string("【文件大小】") + (in.kind == Kind::kImage ? "图片" : "视频") +
                     "不能超过 " + MegaBytes(max),
                 "size"};
  }
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, in.unit_id, kUploaders));
  db::Transaction tx(s);
  // The unit's row serialises the budget check of concurrent creates.
  Id locked = 0;
  s.sql() << "SELECT id FROM units WHERE id = :id" << s.ForUpdate(), soci::into(locked),
      soci::use(in.unit_id);
  if (locked == 0) return Error::NotFound("单位不存在");
  long long open = 0;
  s.sql() << "SELECT COUNT(*) FROM media_uploads WHERE created_by = :u AND status IN "
             "('open', 'processing')",
      soci::into(open), soci::use(p.user_id);
  if (open >= options_.max_open_uploads) {
    return Error::Conflict(
        "未完成的上传已有 " + std::to_string(open) + " 个，请先完成或等待过期后再上传", "file");
  }
  long long stored = 0, pending = 0;
  s.sql() << "SELECT COALESCE(SUM(bytes), 0) FROM media_blobs WHERE unit_id = :u",
      soci::into(stored), soci::use(in.unit_id);
  s.sql() << "SELECT COALESCE(SUM(size), 0) FROM media_uploads WHERE unit_id = :u AND status IN "
             "('open', 'processing')",
      soci::into(pending), soci::use(in.unit_id);
  if (static_cast<std::uint64_t>(stored + pending) + in.size > options_.unit_quota) {
    return Error{ErrorCode::kPayloadTooLarge,
                 "【文件大小】本单位素材空间不足：上限 " + MegaBytes(options_.unit_quota) +
                     "，已用 " + MegaBytes(static_cast<std::uint64_t>(stored + pending)),
                 "size"};
  }
  std::int64_t now = timeutil::NowUnix();
  std::string kind = KindCode(in.kind);
  std::int64_t size = Signed(in.size);
  Id id = 0;
  s.sql() << "INSERT INTO media_uploads(unit_id, created_by, kind, name, size, received, status, "
             "created_at, updated_at) VALUES (:unit, :by, :kind, :name, :size, 0, 'open', :now, "
             ":now2) RETURNING id",
      soci::use(in.unit_id), soci::use(p.user_id), soci::use(kind), soci::use(in.name),
      soci::use(size), soci::use(now), soci::use(now), soci::into(id);
  tx.Commit();
  store_.RemovePart(id);  // a part left by a database restored from backup
  return *LoadUpload(s, id);
}

Result<Upload> MediaService::GetUpload(const Principal& p, Id upload_id) {
  db::Session s(db_);
  return OwnUpload(s, p, upload_id);
}

Result<Upload> MediaService::PutChunk(const Principal& p, Id upload_id, std::uint64_t offset,
                                      std::string_view bytes) {
  if (bytes.empty()) return Error::Invalid("chunk", "【分片】不能为空");
  if (bytes.size() > options_.chunk_limit) {
    return Error{ErrorCode::kPayloadTooLarge,
                 "【分片】每片不能超过 " + MegaBytes(options_.chunk_limit), "chunk"};
  }
  db::Session s(db_);
  db::Transaction tx(s);
  VW_TRY(u, OwnUpload(s, p, upload_id, true));
  if (u.status != "open")
    return Error::Conflict("上传已" + std::string(u.status == "done" ? "完成" : "结束") +
                           "，不能再追加分片");
  if (offset != u.received) {
    return Error::Conflict("【偏移】应从第 " + std::to_string(u.received) +
                               " 字节续传，收到的是第 " + std::to_string(offset) + " 字节",
                           "offset");
  }
  if (offset + bytes.size() > u.size) {
    return Error::Invalid("chunk",
                          "【分片】超出声明的文件大小（" + std::to_string(u.size) + " 字节）");
  }
  if (offset == 0) {  // refused fast: the type and the image's dimensions from the header
    VW_RETURN_IF_ERROR(CheckSniffed(Sniff(bytes), u.kind, options_.limits, bytes.size() == u.size));
  }
  VW_RETURN_IF_ERROR(store_.WritePart(u.id, offset, bytes));
  std::int64_t received = Signed(offset + bytes.size());
  std::int64_t before = Signed(offset);
  std::int64_t now = timeutil::NowUnix();
  soci::statement st = (s.sql().prepare << "UPDATE media_uploads SET received = :r, updated_at = "
                                           ":now WHERE id = :id AND received = :before",
                        soci::use(received), soci::use(now), soci::use(u.id), soci::use(before));
  st.execute(true);
  if (st.get_affected_rows() != 1) return Error::Conflict("分片冲突，请查询进度后续传", "offset");
  tx.Commit();
  u.received = static_cast<std::uint64_t>(received);
  u.updated_at = now;
  return u;
}

Status MediaService::Fail(Id upload_id, const Error& error) {
  db::Session s(db_);
  std::int64_t now = timeutil::NowUnix();
  s.sql() << "UPDATE media_uploads SET status = 'failed', error = :e, updated_at = :now WHERE id = "
             ":id",
      soci::use(error.message), soci::use(now), soci::use(upload_id);
  store_.RemovePart(upload_id);
  return Ok();
}

Result<Blob> MediaService::Complete(const Principal& p, Id upload_id) {
  Upload u;
  {
    db::Session s(db_);
    db::Transaction tx(s);
    VW_TRY(found, OwnUpload(s, p, upload_id, true));
    u = found;
    if (u.status == "done" && u.blob_id) {
      auto b = LoadBlob(s, *u.blob_id);
      if (b) return *b;
    }
    if (u.status == "failed") return Error::Conflict("上传已失败：" + u.error);
    if (u.status != "open") return Error::Conflict("上传正在处理，请稍候");
    if (u.received != u.size) {
      return Error::Conflict("文件尚未传完：已收到 " + std::to_string(u.received) + " / " +
                                 std::to_string(u.size) + " 字节",
                             "offset");
    }
    std::int64_t now = timeutil::NowUnix();
    s.sql() << "UPDATE media_uploads SET status = 'processing', updated_at = :now WHERE id = :id",
        soci::use(now), soci::use(u.id);
    tx.Commit();
  }
  auto blob = Process(u, p);
  if (!blob) {
    if (blob.error().code != ErrorCode::kInternal) {
      (void)Fail(u.id, blob.error());
    } else {  // the store or the database: the same bytes may be completed again
      db::Session s(db_);
      s.sql() << "UPDATE media_uploads SET status = 'open' WHERE id = :id", soci::use(u.id);
    }
  }
  return blob;
}

Result<Blob> MediaService::Process(const Upload& u, const Principal& p) {
  Blob b;
  b.unit_id = u.unit_id;
  b.created_by = p.user_id;
  b.kind = u.kind;
  b.name = u.name;
  std::filesystem::path part = store_.PartOf(u.id);
  auto source = Sha256OfFile(part);
  if (!source) return Error::Internal("文件存储暂不可用，请稍后重试");
  b.source_sha256 = *source;
  if (u.kind == Kind::kImage) {
    auto bytes = store_.ReadPart(u.id, options_.limits.max_image_bytes + 1);
    if (!bytes) return Error::Internal("文件存储暂不可用，请稍后重试");
    VW_TRY(image, ProcessImage(*bytes, options_.limits));
    VW_TRY(full, store_.Put(image.full.jpeg));
    VW_TRY(web, store_.Put(image.web.jpeg));
    VW_TRY(thumb, store_.Put(image.thumb.jpeg));
    b.sha256 = full;
    b.web_sha256 = web;
    b.thumb_sha256 = thumb;
    b.mime = "image/jpeg";
    b.bytes = image.full.jpeg.size();
    b.width = image.full.width;
    b.height = image.full.height;
  } else {
    std::filesystem::path clean = part;
    clean.replace_extension(".clean");
    struct RemoveOnExit {  // gone already once adopted into the store
      std::filesystem::path path;
      ~RemoveOnExit() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
      }
    } remove_clean{clean};
    VW_TRY(video, ProcessVideo(part, options_.limits, clean));
    VW_TRY(web, store_.Put(video.poster_web.jpeg));
    VW_TRY(thumb, store_.Put(video.poster_thumb.jpeg));
    std::error_code ec;
    b.bytes = std::filesystem::file_size(clean, ec);
    VW_TRY(original, store_.Adopt(clean));
    b.sha256 = original;
    b.poster_sha256 = web;
    b.web_sha256 = web;
    b.thumb_sha256 = thumb;
    b.mime = MimeOf(video.format);
    b.width = video.width;
    b.height = video.height;
    b.duration_ms = video.duration_ms;
  }
  db::Session s(db_);
  db::Transaction tx(s);
  b.created_at = timeutil::NowUnix();
  std::string kind = KindCode(b.kind);
  std::int64_t bytes = Signed(b.bytes);
  int width = static_cast<int>(b.width), height = static_cast<int>(b.height);
  auto optional = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional(v); };
  std::optional<std::string> web = optional(b.web_sha256), thumb = optional(b.thumb_sha256),
                             poster = optional(b.poster_sha256);
  s.sql()
      << "INSERT INTO media_blobs(unit_id, created_by, kind, name, sha256, source_sha256, mime, "
         "bytes, width, height, duration_ms, web_sha256, thumb_sha256, poster_sha256, "
         "created_at) VALUES (:unit, :by, :kind, :name, :sha, :source, :mime, :bytes, :w, :h, "
         ":ms, :web, :thumb, :poster, :at) RETURNING id",
      soci::use(b.unit_id), soci::use(b.created_by), soci::use(kind), soci::use(b.name),
      soci::use(b.sha256), soci::use(b.source_sha256), soci::use(b.mime), soci::use(bytes),
      soci::use(width), soci::use(height), soci::use(b.duration_ms), soci::use(web),
      soci::use(thumb), soci::use(poster), soci::use(b.created_at), soci::into(b.id);
  s.sql() << "UPDATE media_uploads SET status = 'done', blob_id = :b, updated_at = :now WHERE id = "
             ":id",
      soci::use(b.id), soci::use(b.created_at), soci::use(u.id);
  tx.Commit();
  store_.RemovePart(u.id);
  return b;
}

Result<Blob> MediaService::GetBlob(const Principal& p, Id blob_id) {
  db::Session s(db_);
  auto b = LoadBlob(s, blob_id);
  if (!b) return Error::NotFound("文件不存在");
  VW_RETURN_IF_ERROR(scope_.Require(s, p, b->unit_id));
  return *b;
}

Result<Download> MediaService::Locate(const Principal& p, Id blob_id, Variant variant) {
  VW_TRY(b, GetBlob(p, blob_id));
  Download d;
  d.mime = "image/jpeg";
  switch (variant) {
    case Variant::kOriginal:
      d.sha256 = b.sha256;
      d.mime = b.mime;
      break;
    case Variant::kWeb:
      d.sha256 = b.web_sha256;
      break;
    case Variant::kThumb:
      d.sha256 = b.thumb_sha256;
      break;
    case Variant::kPoster:
      d.sha256 = b.poster_sha256;
      break;
  }
  if (d.sha256.empty()) return Error::NotFound("该文件没有这个版本");
  return d;
}

Result<Download> MediaService::Fetch(const Principal& p, Id blob_id, Variant variant) {
  VW_TRY(d, Locate(p, blob_id, variant));
  auto bytes = store_.Read(d.sha256);
  if (!bytes) {
    spdlog::error("media store: blob {} misses {}", blob_id, d.sha256);
    return Error::Internal("文件存储暂不可用，请稍后重试");
  }
  d.bytes = std::move(*bytes);
  return d;
}

int MediaService::RemoveStaleUploads() {
  std::int64_t before = timeutil::NowUnix() - options_.stale_after;
  std::vector<Id> ids;
  {
    db::Session s(db_);
    soci::rowset<soci::row> rows =
        (s.sql().prepare << "SELECT id FROM media_uploads WHERE status <> 'done' AND updated_at < "
                            ":before",
         soci::use(before));
    for (const auto& r : rows) ids.push_back(db::Int(r, 0));
  }
  int removed = 0;
  for (Id id : ids) {
    db::Session s(db_);
    soci::statement st =
        (s.sql().prepare << "DELETE FROM media_uploads WHERE id = :id AND status <> 'done' AND "
                            "updated_at < :before",
         soci::use(id), soci::use(before));
    st.execute(true);
    if (st.get_affected_rows() == 1) {
      store_.RemovePart(id);
      ++removed;
    }
  }
  return removed;
}

int MediaService::RemoveOrphans() {
  std::int64_t before = timeutil::NowUnix() - options_.orphan_after;
  int removed = 0;
  std::set<std::string> kept;
  {
    db::Session s(db_);
    db::Transaction tx(s);
    // A blob becomes used in the transaction that saves its item: the
    // NOT EXISTS and the DELETE are one statement.
    s.sql() << "DELETE FROM media_uploads WHERE blob_id IN (SELECT b.id FROM media_blobs b "
               "WHERE b.created_at < :before AND NOT EXISTS (SELECT 1 FROM publicity_item_files f "
               "WHERE f.blob_id = b.id))",
        soci::use(before);
    soci::statement st =
        (s.sql().prepare
             << "DELETE FROM media_blobs WHERE created_at < :before AND NOT EXISTS "
                "(SELECT 1 FROM publicity_item_files f WHERE f.blob_id = media_blobs.id)",
         soci::use(before));
    st.execute(true);
    removed = static_cast<int>(st.get_affected_rows());
    soci::rowset<soci::row> rows =
        (s.sql().prepare << "SELECT sha256, source_sha256, COALESCE(web_sha256, ''), "
                            "COALESCE(thumb_sha256, ''), COALESCE(poster_sha256, '') "
                            "FROM media_blobs");
    for (const auto& r : rows) {
      for (std::size_t i = 0; i < 5; ++i) kept.insert(r.get<std::string>(i));
    }
    tx.Commit();
  }
  store_.RemoveFilesExcept(kept, before);
  if (removed > 0) spdlog::info("media: removed {} unused files", removed);
  return removed;
}

}  // namespace vw::media
