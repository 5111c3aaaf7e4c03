// Not a test: the measurement behind ARCHITECTURE.md's choice of where
// media bytes live (a shared directory vs the database). Disabled; run it
// on purpose on each backend:
//   ./build/vocweek_tests --gtest_also_run_disabled_tests \
//       --gtest_filter='MediaStoreMeasure.*'
//   scripts/with-postgres.sh ./build/vocweek_tests ... (the same)
// It prints MB/s; it asserts only that the bytes come back.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <cstdio>

#include "core/crypto.h"
#include "media/content_store.h"
#include "media/test_media_files.h"
#include "test_env.h"

namespace vw::media {
namespace {

constexpr int kRounds = 8;
constexpr std::size_t kBytes = 5u << 20;

double MegabytesPerSecond(std::chrono::steady_clock::duration d) {
  double seconds = std::chrono::duration<double>(d).count();
  return kRounds * (kBytes / 1048576.0) / seconds;
}

TEST(MediaStoreMeasure, DISABLED_FiveMegabytesInFilesAndInTheDatabase) {
  using Clock = std::chrono::steady_clock;
  std::vector<std::string> files;
  for (int i = 0; i < kRounds; ++i) {
    std::string bytes(kBytes, '\0');
    randombytes_buf(bytes.data(), bytes.size());
    files.push_back(std::move(bytes));
  }

  auto dir = testfiles::TempDir();
  ContentStore store(dir);
  std::vector<std::string> hashes;
  hashes.reserve(files.size());
  auto t0 = Clock::now();
  for (const auto& f : files) hashes.push_back(*store.Put(f));
  auto t1 = Clock::now();
  for (const auto& h : hashes) ASSERT_EQ(store.Read(h)->size(), kBytes);
  auto t2 = Clock::now();
  std::printf("files (write+fsync+rename): write %.0f MB/s, read %.0f MB/s\n",
              MegabytesPerSecond(t1 - t0), MegabytesPerSecond(t2 - t1));
  std::filesystem::remove_all(dir);

  auto db = testing::FreshDatabase();
  db::Session s(*db);
  s.sql() << std::string("CREATE TABLE measure_bytes (id BIGINT PRIMARY KEY, data ") +
                 (s.backend() == db::Backend::kSqlite ? "BLOB" : "BYTEA") + ")";
  auto t3 = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    db::Transaction tx(s);
    s.WriteBytes("INSERT INTO measure_bytes(id, data) VALUES (:id, :bytes)", files[i], i);
    tx.Commit();
  }
  auto t4 = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    std::string hex;
    s.sql() << "SELECT " << s.HexOf("data") << " FROM measure_bytes WHERE id = :id",
        soci::into(hex), soci::use(i);
    ASSERT_EQ(FromHex(hex)->size(), kBytes);
  }
  auto t5 = Clock::now();
  std::printf("database (%s): write %.0f MB/s, read %.0f MB/s\n",
              s.backend() == db::Backend::kSqlite ? "SQLite" : "PostgreSQL",
              MegabytesPerSecond(t4 - t3), MegabytesPerSecond(t5 - t4));
}

}  // namespace
}  // namespace vw::media
