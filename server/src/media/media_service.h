// Uploads and stored files (blobs) of the material library (issue 18).
//
// A signed-in user creates an upload for a unit they hold a grant on
// (declared name, size and kind; refused at once over the per-file or the
// per-unit budget), sends its bytes in chunks at increasing offsets (each at
// most MediaOptions::chunk_limit; the next chunk must start where the last
// ended, so out-of-order and overlapping chunks are refused), reads its
// status to resume after a broken connection, and completes it: the bytes
// are checked and processed by media.h (slow: call Complete from a worker
// thread) and recorded as a blob with its derived versions. The state lives
// in the database (migration 0027) and the bytes in the shared content store
// (content_store.h), so any node continues what another began.
//
// Authority is over the target: an upload is its creator's alone (another
// user's id answers "not found"); a blob is read by users with a grant over
// its unit or an ancestor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "media/content_store.h"
#include "media/media.h"
#include "org/scope.h"

namespace vw::media {

struct MediaOptions {
  std::filesystem::path dir = "data/media";  // the content store's root
  Limits limits;
  std::uint64_t unit_quota = std::uint64_t{5} << 30;  // bytes of blobs and open uploads per unit
  std::uint64_t chunk_limit = 4u << 20;               // bytes per chunk
  int max_open_uploads = 20;                          // per user
  std::int64_t stale_after = 24 * 3600;               // seconds without a chunk
  std::int64_t orphan_after = 7 * 24 * 3600;          // seconds a blob may stay unused
};

struct Upload {
  Id id = 0;
  Id unit_id = 0;
  Id created_by = 0;
  Kind kind = Kind::kImage;
  std::string name;
  std::uint64_t size = 0;
  std::uint64_t received = 0;
  std::string status;  // open | processing | done | failed
  std::optional<Id> blob_id;
  std::string error;  // why it failed
  std::int64_t updated_at = 0;
};

struct Blob {
  Id id = 0;
  Id unit_id = 0;
  Id created_by = 0;
  Kind kind = Kind::kImage;
  std::string name;
  std::string sha256;         // of the stored file (a re-encoded image, a remuxed video)
  std::string source_sha256;  // of the bytes uploaded
  std::string mime;
  std::uint64_t bytes = 0;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::int64_t duration_ms = 0;
  std::string web_sha256, thumb_sha256, poster_sha256;  // empty when none
  std::int64_t created_at = 0;
};

// The versions of a blob one can download.
enum class Variant { kOriginal, kWeb, kThumb, kPoster };
std::optional<Variant> ParseVariant(std::string_view code);

struct NewUpload {
  Id unit_id = 0;
  std::string name;
  std::uint64_t size = 0;
  Kind kind = Kind::kImage;
};
// {unit_id, name, size, kind} read with Chinese errors naming the field.
Result<NewUpload> ReadNewUpload(const json::object& body);

json::value ToJson(const Upload& u);
json::value ToJson(const Blob& b);

struct Download {
  std::string bytes;
  std::string mime;
  std::string sha256;
};

class MediaService {
 public:
  MediaService(db::Database& db, const org::Scope& scope, MediaOptions options);

  Result<Upload> CreateUpload(const Principal& p, const NewUpload& in);
  Result<Upload> GetUpload(const Principal& p, Id upload_id);
  // Appends `bytes` at `offset` (which must equal the bytes received so far).
  Result<Upload> PutChunk(const Principal& p, Id upload_id, std::uint64_t offset,
                          std::string_view bytes);
  // Checks and processes the whole file; slow. Completing a completed upload
  // answers its blob again.
  Result<Blob> Complete(const Principal& p, Id upload_id);

  Result<Blob> GetBlob(const Principal& p, Id blob_id);
  // The whole version, read into memory (small files; callers that answer a
  // download use Locate and ServeStored, serve_stored.h).
  Result<Download> Fetch(const Principal& p, Id blob_id, Variant variant);
  // Which stored file a version is (bytes left empty), after the same checks.
  Result<Download> Locate(const Principal& p, Id blob_id, Variant variant);

  // Removes uploads without progress for `stale_after` seconds (and their
  // part files); returns how many. The `media_uploads` job.
  int RemoveStaleUploads();
  // Removes blobs no library item has used for `orphan_after` seconds since
  // they were stored (an upload whose item was never saved, a photo taken
  // out of an item), then the store's files no blob names that are older
  // than that too (a file just stored for an upload being completed is
  // younger). Returns how many blobs. The `media_orphans` job.
  int RemoveOrphans();

  const MediaOptions& options() const { return options_; }
  const ContentStore& store() const { return store_; }

 private:
  Result<Blob> Process(const Upload& u, const Principal& p);
  Status Fail(Id upload_id, const Error& error);

  db::Database& db_;
  const org::Scope& scope_;
  MediaOptions options_;
  ContentStore store_;
};

}  // namespace vw::media
