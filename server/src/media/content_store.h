// Files by content: <root>/ab/cd/<sha256 hex>, written once.
//
// The key is the SHA-256 (libsodium) of the bytes; the same bytes are
// stored once. A file is written to <root>/tmp/ and renamed into place, so
// readers never see half a file and a crash leaves only a temporary file.
// Upload parts live in <root>/uploads/<id>.part. The root is a directory
// every node shares (ARCHITECTURE.md, "Media"); directories are created on
// first write. Thread-safe (the file system arbitrates).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/principal.h"
#include "core/result.h"

namespace vw::media {

class ContentStore {
 public:
  explicit ContentStore(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }

  // Stores `bytes`; returns their hash.
  Result<std::string> Put(std::string_view bytes) const;
  // Moves a finished file (on the same file system, e.g. an upload part)
  // into the store; returns the hash of its contents.
  Result<std::string> Adopt(const std::filesystem::path& file) const;
  // The bytes stored under `hash`, nullopt when absent or malformed.
  std::optional<std::string> Read(std::string_view hash) const;
  // The size of the file stored under `hash`, nullopt when absent or malformed.
  std::optional<std::uint64_t> Size(std::string_view hash) const;
  // `length` bytes from `offset` of the file under `hash` (fewer at its
  // end); nullopt when absent, malformed or unreadable.
  std::optional<std::string> ReadRange(std::string_view hash, std::uint64_t offset,
                                       std::uint64_t length) const;
  // Where `hash` lives (whether or not it exists); empty for a malformed hash.
  std::filesystem::path PathOf(std::string_view hash) const;

  // Removes the stored files whose hash is not in `kept` and that were last
  // written before `before` (unix seconds); returns how many.
  int RemoveFilesExcept(const std::set<std::string>& kept, std::int64_t before) const;

  // The part file of an upload.
  std::filesystem::path PartOf(Id upload_id) const;
  // Writes `bytes` at `offset` of the upload's part file and flushes them.
  Status WritePart(Id upload_id, std::uint64_t offset, std::string_view bytes) const;
  // Reads up to `max` bytes of the part file from its start.
  std::optional<std::string> ReadPart(Id upload_id, std::uint64_t max) const;
  void RemovePart(Id upload_id) const;

 private:
  Result<std::string> Place(const std::filesystem::path& temp, const std::string& hash) const;
  std::filesystem::path root_;
};

// SHA-256 hex of a file's contents, streamed; nullopt when unreadable.
std::optional<std::string> Sha256OfFile(const std::filesystem::path& file);

}  // namespace vw::media
