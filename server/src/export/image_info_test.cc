#include "export/image_info.h"

#include <gtest/gtest.h>

#include <string>

#include "export/test_pictures.h"

namespace vw::doc {
namespace {

// The start of a baseline JPEG: SOI, an APP0 segment, then a frame header
// of `width` × `height` with three components.
std::string JpegHeader(int width, int height) {
  std::string s("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  s += std::string("\xff\xc0\x00\x11\x08", 5);
  s += static_cast<char>(height >> 8);
  s += static_cast<char>(height & 0xff);
  s += static_cast<char>(width >> 8);
  s += static_cast<char>(width & 0xff);
  s += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  return s;
}

TEST(ImageInfoTest, ReadsPngAndJpegSizes) {
  auto png = ReadImageInfo(testing::PngPicture(40, 30));
  ASSERT_TRUE(png);
  EXPECT_EQ(png->format, ImageFormat::kPng);
  EXPECT_EQ(png->width, 40u);
  EXPECT_EQ(png->height, 30u);
  auto jpeg = ReadImageInfo(JpegHeader(1600, 1200));
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->format, ImageFormat::kJpeg);
  EXPECT_EQ(jpeg->width, 1600u);
  EXPECT_EQ(jpeg->height, 1200u);
}

TEST(ImageInfoTest, RefusesOtherBytesAndPicturesOverTheBudgets) {
  EXPECT_FALSE(ReadImageInfo(""));
  EXPECT_FALSE(ReadImageInfo("GIF89a not a picture we embed"));
  EXPECT_FALSE(ReadImageInfo(std::string("\xff\xd8\xff", 3)));  // cut short
  EXPECT_FALSE(ReadImageInfo(JpegHeader(0, 100)));
  EXPECT_FALSE(ReadImageInfo(JpegHeader(kMaxFigureSide + 1, 10)));
  EXPECT_FALSE(ReadImageInfo(JpegHeader(6000, 6000)));  // 36 million pixels
  std::string big = JpegHeader(100, 100);
  big.resize(kMaxFigureBytes + 1);
  EXPECT_FALSE(ReadImageInfo(big));
}

}  // namespace
}  // namespace vw::doc
