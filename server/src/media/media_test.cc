// The image/video module: sniffing by content, budgets before decoding,
// metadata removed, orientation applied, video probe and poster.
#include <gtest/gtest.h>

#include <fstream>

#include "media/media.h"
#include "media/sniff.h"
#include "media/test_media_files.h"

namespace vw::media {
namespace {

namespace tf = testfiles;

// A PNG signature and IHDR claiming w×h, followed by a few KB of IDAT
// bytes: what a decompression bomb looks like from outside.
std::string PngHeader(std::uint32_t w, std::uint32_t h) {
  std::string b("\x89PNG\r\n\x1A\n", 8);
  auto be32 = [&b](std::uint32_t v) {
    for (int shift : {24, 16, 8, 0}) b.push_back(static_cast<char>((v >> shift) & 0xFF));
  };
  be32(13);
  b += "IHDR";
  be32(w);
  be32(h);
  b += std::string("\x08\x02\x00\x00\x00", 5);
  be32(0);  // CRC (not checked: refused before any decoder)
  be32(4096);
  b += "IDAT";
  b += std::string(4096, '\0');
  return b;
}

TEST(MediaSniff, KnowsFormatsByTheirBytesAndReadsDimensions) {
  Sniffed jpeg = Sniff(tf::Jpeg(120, 80));
  EXPECT_EQ(jpeg.format, Format::kJpeg);
  EXPECT_EQ(jpeg.width, 120u);
  EXPECT_EQ(jpeg.height, 80u);
  Sniffed png = Sniff(tf::Png(33, 44));
  EXPECT_EQ(png.format, Format::kPng);
  EXPECT_EQ(png.width, 33u);
  EXPECT_EQ(png.height, 44u);
  Sniffed webp = Sniff(tf::Webp(50, 60));
  EXPECT_EQ(webp.format, Format::kWebp);
  EXPECT_EQ(webp.width, 50u);
  EXPECT_EQ(webp.height, 60u);
  Sniffed gif = Sniff(std::string("GIF89a\x10\x00\x20\x00", 10));
  EXPECT_EQ(gif.format, Format::kGif);
  EXPECT_EQ(gif.width, 16u);
  EXPECT_EQ(gif.height, 32u);
  EXPECT_EQ(Sniff(std::string("\0\0\0\x18"
                              "ftypisom\0\0\0\0",
                              16))
                .format,
            Format::kMp4);
  EXPECT_EQ(Sniff(std::string("\0\0\0\x14"
                              "ftypqt  \0\0\0\0",
                              16))
                .format,
            Format::kMp4);
  EXPECT_EQ(Sniff(std::string("\0\0\0\x18"
                              "ftypheic\0\0\0\0",
                              16))
                .format,
            Format::kUnknown);
  EXPECT_EQ(Sniff("\x1A\x45\xDF\xA3\x9F\x42\x86\x81").format, Format::kWebm);
  EXPECT_EQ(Sniff("<svg xmlns='http://www.w3.org/2000/svg'/>").format, Format::kUnknown);
  EXPECT_EQ(Sniff("").format, Format::kUnknown);
  // A JPEG cut before its frame header: the type, no dimensions yet.
  std::string cut = tf::WithExif(tf::Jpeg(10, 10), 1).substr(0, 60);
  EXPECT_EQ(Sniff(cut).format, Format::kJpeg);
  EXPECT_FALSE(Sniff(cut).has_dimensions());
}

TEST(MediaSniff, KindDeclaredMustMatchTheContent) {
  Limits limits;
  auto as_video = CheckSniffed(Sniff(tf::Png(10, 10)), Kind::kVideo, limits, true);
  ASSERT_FALSE(as_video.ok());
  EXPECT_EQ(as_video.error().code, ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(as_video.error().field, "file");
  EXPECT_EQ(as_video.error().message, "【文件】不是支持的视频格式（MP4、MOV、WebM）");
  auto text =
      CheckSniffed(Sniff("hello, this is a text file named photo.jpg"), Kind::kImage, limits, true);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "【文件】不是支持的图片格式（JPEG、PNG、WebP、GIF）");
}

TEST(MediaImage, ADecompressionBombIsRefusedFromItsHeader) {
  std::string bomb = PngHeader(50000, 50000);
  ASSERT_LT(bomb.size(), 5000u);
  auto r = ProcessImage(bomb, Limits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "file");
  EXPECT_NE(r.error().message.find("50000×50000"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("超出上限"), std::string::npos);
  // Within the side limit but over the pixel budget.
  Limits small;
  small.max_pixels = 100 * 100;
  auto wide = ProcessImage(tf::Png(200, 100), small);
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.error().message.find("200×100"), std::string::npos);
}

TEST(MediaImage, ReencodingRemovesExifWithGpsAndAppliesTheOrientation) {
  // 200×100 stored sideways: orientation 6 means "rotate 90° clockwise".
  std::string photo = tf::WithExif(tf::Jpeg(200, 100), 6);
  ASSERT_NE(photo.find("Canon"), std::string::npos);
  ASSERT_NE(photo.find(std::string("Exif\0\0", 6)), std::string::npos);
  auto r = ProcessImage(photo, Limits{});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->source, Format::kJpeg);
  EXPECT_EQ(r->full.width, 100u);  // upright
  EXPECT_EQ(r->full.height, 200u);
  for (const Rendition* out : {&r->full, &r->web, &r->thumb}) {
    EXPECT_EQ(out->jpeg.find("Exif"), std::string::npos);
    EXPECT_EQ(out->jpeg.find("Canon"), std::string::npos);
    EXPECT_EQ(out->jpeg.find("http://ns.adobe.com/xap"), std::string::npos);  // XMP
    EXPECT_EQ(out->jpeg.find("Photoshop 3.0"), std::string::npos);            // IPTC
    Sniffed s = Sniff(out->jpeg);
    EXPECT_EQ(s.format, Format::kJpeg);
    EXPECT_EQ(s.width, out->width);
    vips::VImage back = vips::VImage::new_from_buffer(out->jpeg, "");
    EXPECT_EQ(back.get_typeof("exif-data"), 0u);
    EXPECT_EQ(back.get_typeof("orientation"), 0u);
  }
}

TEST(MediaImage, WebAndThumbnailSizesKeepTheAspect) {
  auto r = ProcessImage(tf::Png(2000, 1000), Limits{});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->source, Format::kPng);
  EXPECT_EQ(r->full.width, 2000u);
  EXPECT_EQ(r->web.width, 1600u);
  EXPECT_EQ(r->web.height, 800u);
  EXPECT_EQ(r->thumb.width, 320u);
  EXPECT_EQ(r->thumb.height, 160u);
  EXPECT_EQ(Sniff(r->thumb.jpeg).format, Format::kJpeg);
  // A small image is never enlarged.
  auto tiny = ProcessImage(tf::Webp(40, 30), Limits{});
  ASSERT_TRUE(tiny.ok()) << tiny.error().message;
  EXPECT_EQ(tiny->thumb.width, 40u);
}

TEST(MediaImage, ACorruptedImageIsRefused) {
  // Whole through its frame header (the dimensions read), garbage after it.
  std::string jpeg = tf::Jpeg(300, 200);
  std::size_t sof = jpeg.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  std::string broken = jpeg.substr(0, sof + 19) + std::string(2000, '\x55');
  ASSERT_TRUE(Sniff(broken).has_dimensions());
  auto r = ProcessImage(broken, Limits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "file");
  EXPECT_EQ(r.error().message, "【文件】图片已损坏或无法解码");
}

TEST(MediaVideo, AVideoGetsItsProbeAndAPosterFrame) {
  auto dir = tf::TempDir();
  auto file = dir / "clip.mp4";
  ASSERT_TRUE(tf::MakeVideo(file)) << "ffmpeg is needed (scripts/install-deps.sh)";
  auto clean = dir / "clean.mp4";
  auto r = ProcessVideo(file, Limits{}, clean);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->format, Format::kMp4);
  EXPECT_EQ(r->width, 64u);
  EXPECT_EQ(r->height, 48u);
  EXPECT_NEAR(static_cast<double>(r->duration_ms), 1000.0, 150.0);
  EXPECT_EQ(r->poster_web.width, 64u);
  EXPECT_EQ(Sniff(r->poster_thumb.jpeg).format, Format::kJpeg);
  // The kept copy plays (it probes again) and carries no metadata.
  std::ifstream source(file, std::ios::binary);
  std::string sent(std::istreambuf_iterator<char>(source), {});
  ASSERT_NE(sent.find("+30.6586+104.0647"), std::string::npos);
  std::ifstream kept_in(clean, std::ios::binary);
  std::string kept(std::istreambuf_iterator<char>(kept_in), {});
  EXPECT_EQ(Sniff(kept).format, Format::kMp4);
  EXPECT_EQ(kept.find("+30.6586+104.0647"), std::string::npos);
  EXPECT_EQ(kept.find("SECRET-TITLE"), std::string::npos);
  EXPECT_TRUE(ProcessVideo(clean, Limits{}, dir / "again.mp4").ok());
  Limits short_only;
  short_only.max_video_seconds = 0.5;
  auto too_long = ProcessVideo(file, short_only, clean);
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.error().message.find("时长"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(MediaVideo, ACorruptedVideoIsRefused) {
  auto dir = tf::TempDir();
  auto good = dir / "clip.mp4";
  ASSERT_TRUE(tf::MakeVideo(good));
  std::ifstream in(good, std::ios::binary);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  // The container's first box kept, everything after it garbled.
  for (std::size_t i = 32; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 + 7);
  auto bad = dir / "bad.mp4";
  std::ofstream(bad, std::ios::binary) << bytes;
  ASSERT_EQ(Sniff(bytes).format, Format::kMp4);
  auto r = ProcessVideo(bad, Limits{}, dir / "clean.mp4");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "file");
  EXPECT_NE(r.error().message.find("【文件】视频已损坏"), std::string::npos) << r.error().message;
  std::filesystem::remove_all(dir);
}

TEST(MediaTools, AProgramIsKilledAtItsTimeoutAndItsOutputBounded) {
  auto sh = FindProgram("sleep");
  ASSERT_TRUE(sh);
  ToolLimits quick;
  quick.timeout = std::chrono::milliseconds(200);
  ToolRun slow = RunTool({*sh, "30"}, quick);
  EXPECT_TRUE(slow.timed_out);
  EXPECT_FALSE(slow.ok());
  auto yes = FindProgram("yes");
  ASSERT_TRUE(yes);
  ToolLimits small;
  small.max_output = 1000;
  ToolRun chatty = RunTool({*yes}, small);
  EXPECT_TRUE(chatty.truncated);
  EXPECT_EQ(chatty.output.size(), 1000u);
  // No shell: metacharacters are plain arguments.
  auto echo = FindProgram("echo");
  ASSERT_TRUE(echo);
  ToolRun plain = RunTool({*echo, "a;", "$(id)"}, {});
  EXPECT_EQ(plain.output, "a; $(id)\n");
}

}  // namespace
}  // namespace vw::media
