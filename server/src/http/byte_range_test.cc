#include "http/byte_range.h"

#include <gtest/gtest.h>

namespace vw::http {
namespace {

constexpr std::uint64_t kNoCap = 0;

TEST(ByteRangeTest, ReadsTheThreeFormsOfOneRange) {
  auto r = ParseRange("bytes=100-199", 1000, kNoCap);
  ASSERT_EQ(r.kind, RangeRequest::kRange);
  EXPECT_EQ(r.range.first, 100u);
  EXPECT_EQ(r.range.last, 199u);
  EXPECT_EQ(ContentRange(r, 1000), "bytes 100-199/1000");

  r = ParseRange("bytes=900-", 1000, kNoCap);
  ASSERT_EQ(r.kind, RangeRequest::kRange);
  EXPECT_EQ(r.range.first, 900u);
  EXPECT_EQ(r.range.last, 999u);

  r = ParseRange("bytes=-300", 1000, kNoCap);
  ASSERT_EQ(r.kind, RangeRequest::kRange);
  EXPECT_EQ(r.range.first, 700u);
  EXPECT_EQ(r.range.length(), 300u);

  r = ParseRange("bytes=-5000", 1000, kNoCap);  // more than the file: all of it
  EXPECT_EQ(r.range.first, 0u);
  EXPECT_EQ(r.range.last, 999u);
}

TEST(ByteRangeTest, AnEndPastTheFileStopsAtItsLastByte) {
  auto r = ParseRange("bytes=990-5000", 1000, kNoCap);
  ASSERT_EQ(r.kind, RangeRequest::kRange);
  EXPECT_EQ(r.range.last, 999u);
}

TEST(ByteRangeTest, ALongRangeIsCutToTheCap) {
  auto r = ParseRange("bytes=0-", 100'000'000, 8 << 20);
  ASSERT_EQ(r.kind, RangeRequest::kRange);
  EXPECT_EQ(r.range.first, 0u);
  EXPECT_EQ(r.range.length(), std::uint64_t{8} << 20);
  EXPECT_EQ(ContentRange(r, 100'000'000), "bytes 0-8388607/100000000");
}

TEST(ByteRangeTest, AStartPastTheEndIsUnsatisfiable) {
  auto r = ParseRange("bytes=1000-", 1000, kNoCap);
  EXPECT_EQ(r.kind, RangeRequest::kUnsatisfiable);
  EXPECT_EQ(ContentRange(r, 1000), "bytes */1000");
  EXPECT_EQ(ParseRange("bytes=-0", 1000, kNoCap).kind, RangeRequest::kUnsatisfiable);
  EXPECT_EQ(ParseRange("bytes=0-", 0, kNoCap).kind, RangeRequest::kUnsatisfiable);
}

TEST(ByteRangeTest, WhatItDoesNotServeAsksForTheWholeFile) {
  for (const char* h :
       {"", "bytes=", "bytes=-", "items=0-10", "bytes=0-10,20-30", "bytes=20-10", "bytes=a-b",
        "bytes= 0-10", "bytes=+1-2", "bytes=99999999999999999999-", "bytes=0x10-"}) {
    EXPECT_EQ(ParseRange(h, 1000, kNoCap).kind, RangeRequest::kWhole) << h;
  }
}

}  // namespace
}  // namespace vw::http
