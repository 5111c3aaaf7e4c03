// The public programme cache stays within its byte budget, oldest first.
#include <gtest/gtest.h>

#include "activity/activity_routes.h"

namespace vw::activity {
namespace {

TEST(PublicProgrammeCacheTest, StaysWithinItsBytesDroppingTheOldestPages) {
  PublicProgrammeCache cache(/*max_bytes=*/10'000, /*max_entries=*/1000);
  int builds = 0;
  auto page_of = [&](std::size_t bytes) {
    return [&builds, bytes]() -> Result<std::string> {
      ++builds;
      return std::string(bytes, 'x');
    };
  };
  for (int i = 0; i < 200; ++i) {
    auto page = cache.Get("q" + std::to_string(i), page_of(1000));
    ASSERT_TRUE(page);
    EXPECT_EQ(page->body->size(), 1000u);
    EXPECT_LE(cache.bytes(), 10'000u);
  }
  EXPECT_EQ(builds, 200);
  EXPECT_EQ(cache.size(), 9u);  // 9 × (1000 + key) fit in 10,000 bytes
  ASSERT_TRUE(cache.Get("q199", page_of(1000)));
  EXPECT_EQ(builds, 200) << "the newest page was dropped";
  ASSERT_TRUE(cache.Get("q0", page_of(1000)));
  EXPECT_EQ(builds, 201) << "the oldest page was kept";

  // A page larger than the whole budget is served, not kept.
  auto huge = cache.Get("huge", page_of(20'000));
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->body->size(), 20'000u);
  EXPECT_LE(cache.bytes(), 10'000u);
  ASSERT_TRUE(cache.Get("huge", page_of(20'000)));
  EXPECT_EQ(builds, 203);

  cache.Invalidate();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(PublicProgrammeCacheTest, BoundedInEntriesToo) {
  PublicProgrammeCache cache(/*max_bytes=*/1 << 20, /*max_entries=*/5);
  for (int i = 0; i < 50; ++i) {
    auto page = cache.Get("q" + std::to_string(i),
                          []() -> Result<std::string> { return std::string("x"); });
    ASSERT_TRUE(page);
    EXPECT_LE(cache.size(), 5u);
  }
}

}  // namespace
}  // namespace vw::activity
