#include "core/time.h"

#include <gtest/gtest.h>

namespace vw {
namespace {

TEST(TimeTest, InstantsAreStoredInUtcAndShownInShanghai) {
  auto t = timeutil::ParseInstant("2025-05-12T18:00:00+08:00", "due_at", "截止时间");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(timeutil::FormatUtc(*t), "2025-05-12T10:00:00Z");
  EXPECT_EQ(timeutil::UtcToApi("2025-05-12T10:00:00Z"), "2025-05-12T18:00:00+08:00");
}

TEST(TimeTest, BadInstantNamesTheField) {
  auto t = timeutil::ParseInstant("tomorrow", "due_at", "截止时间");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().field, "due_at");
}

TEST(TimeTest, DatesAddAcrossMonths) {
  EXPECT_EQ(timeutil::AddDays("2025-05-28", 6), "2025-06-03");
  EXPECT_FALSE(timeutil::ParseDate("2025-02-30", "d", "日期").ok());
}

}  // namespace
}  // namespace vw
