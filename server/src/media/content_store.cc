#include "media/content_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <cerrno>
#include <cstdio>
#include <fstream>

#include "core/crypto.h"

namespace vw::media {
namespace {

namespace fs = std::filesystem;

bool IsHash(std::string_view hash) {
  if (hash.size() != 64) return false;
  for (char c : hash) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status IoError(const std::string& what, const fs::path& path) {
  spdlog::error("media store: {} {} failed", what, path.string());
  return Error::Internal("文件存储暂不可用，请稍后重试");
}

// Writes all of `bytes` at `offset` of `fd`.
bool WriteAll(int fd, std::string_view bytes, std::uint64_t offset) {
  while (!bytes.empty()) {
    ssize_t n = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
  }
  return true;
}

}  // namespace

std::optional<std::string> Sha256OfFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    auto n = in.gcount();
    if (n > 0) {
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(n));
    }
  }
  if (in.bad()) return std::nullopt;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return ToHex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

fs::path ContentStore::PathOf(std::string_view hash) const {
  if (!IsHash(hash)) return {};
  return root_ / hash.substr(0, 2) / hash.substr(2, 2) / hash;
}

fs::path ContentStore::PartOf(Id upload_id) const {
  return root_ / "uploads" / (std::to_string(upload_id) + ".part");
}

Result<std::string> ContentStore::Place(const fs::path& temp, const std::string& hash) const {
  fs::path target = PathOf(hash);
  std::error_code ec;
  if (fs::exists(target, ec)) {  // same bytes stored once
    fs::remove(temp, ec);
    return hash;
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec) return IoError("mkdir", target.parent_path()).error();
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    return IoError("rename", target).error();
  }
  return hash;
}

Result<std::string> ContentStore::Put(std::string_view bytes) const {
  std::string hash = Sha256Hex(bytes);
  if (fs::exists(PathOf(hash))) return hash;
  std::error_code ec;
  fs::create_directories(root_ / "tmp", ec);
  fs::path temp = root_ / "tmp" / (hash + "." + RandomToken(8) + ".tmp");
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return IoError("create", temp).error();
  bool ok = WriteAll(fd, bytes, 0) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    fs::remove(temp, ec);
    return IoError("write", temp).error();
  }
  return Place(temp, hash);
}

Result<std::string> ContentStore::Adopt(const fs::path& file) const {
  auto hash = Sha256OfFile(file);
  if (!hash) return IoError("read", file).error();
  return Place(file, *hash);
}

std::optional<std::string> ContentStore::Read(std::string_view hash) const {
  fs::path path = PathOf(hash);
  if (path.empty()) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::optional<std::uint64_t> ContentStore::Size(std::string_view hash) const {
  fs::path path = PathOf(hash);
  if (path.empty()) return std::nullopt;
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  return static_cast<std::uint64_t>(size);
}

std::optional<std::string> ContentStore::ReadRange(std::string_view hash, std::uint64_t offset,
                                                   std::uint64_t length) const {
  fs::path path = PathOf(hash);
  if (path.empty()) return std::nullopt;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string bytes(length, '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n =
        ::pread(fd, bytes.data() + got, bytes.size() - got, static_cast<off_t>(offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;  // the end of the file
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(got);
  return bytes;
}

int ContentStore::RemoveFilesExcept(const std::set<std::string>& kept, std::int64_t before) const {
  int removed = 0;
  std::error_code ec;
  // Only the two levels of hash directories: tmp/ and uploads/ are not files by hash.
  for (fs::directory_iterator top(root_, ec), end; !ec && top != end; top.increment(ec)) {
    std::string a = top->path().filename().string();
    if (a.size() != 2 || !top->is_directory(ec)) continue;
    for (fs::recursive_directory_iterator it(top->path(), ec), stop; !ec && it != stop;
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string name = it->path().filename().string();
      if (PathOf(name) != it->path() || kept.count(name) > 0) continue;
      struct stat st {};
      if (::stat(it->path().c_str(), &st) != 0 || st.st_mtime >= before) continue;
      if (fs::remove(it->path(), ec)) ++removed;
    }
  }
  return removed;
}

Status ContentStore::WritePart(Id upload_id, std::uint64_t offset, std::string_view bytes) const {
  fs::path part = PartOf(upload_id);
  std::error_code ec;
  fs::create_directories(part.parent_path(), ec);
  int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return IoError("open", part);
  bool ok = WriteAll(fd, bytes, offset) && ::fdatasync(fd) == 0;
  ::close(fd);
  if (!ok) return IoError("write", part);
  return Ok();
}

std::optional<std::string> ContentStore::ReadPart(Id upload_id, std::uint64_t max) const {
  std::ifstream in(PartOf(upload_id), std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes(max, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(max));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

void ContentStore::RemovePart(Id upload_id) const {
  std::error_code ec;
  fs::remove(PartOf(upload_id), ec);
}

}  // namespace vw::media
