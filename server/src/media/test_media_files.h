// Tests only: small images and videos made on the spot (no binary fixtures).
#pragma once

#include <vips/vips8>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "media/media.h"
#include "media/subprocess.h"

namespace vw::media::testfiles {

inline std::string FromBlob(VipsBlob* blob) {
  std::size_t size = 0;
  const void* data = vips_blob_get(blob, &size);
  std::string out(static_cast<const char*>(data), size);
  vips_area_unref(VIPS_AREA(blob));
  return out;
}

// A w×h colour picture: reddish, with a white top-left quarter.
inline vips::VImage Picture(int w, int h) {
  InitImageLibrary();
  vips::VImage base = vips::VImage::black(w, h, vips::VImage::option()->set("bands", 3)) +
                      std::vector<double>{200, 60, 40};
  base = base.cast(VIPS_FORMAT_UCHAR).copy_memory();
  base.draw_rect({255, 255, 255}, 0, 0, w / 2, h / 2, vips::VImage::option()->set("fill", true));
  return base;
}

inline std::string Jpeg(int w, int h) { return FromBlob(Picture(w, h).jpegsave_buffer()); }
inline std::string Png(int w, int h) { return FromBlob(Picture(w, h).pngsave_buffer()); }
inline std::string Webp(int w, int h) { return FromBlob(Picture(w, h).webpsave_buffer()); }

// A little-endian EXIF APP1 segment: Orientation = `orientation`, Make =
// "Canon", and a GPS IFD with latitude N 30°39'.
inline std::string ExifApp1(std::uint16_t orientation) {
  std::string t;
  auto u16 = [&t](std::uint32_t v) {
    t.push_back(static_cast<char>(v & 0xFF));
    t.push_back(static_cast<char>((v >> 8) & 0xFF));
  };
  auto u32 = [&](std::uint32_t v) {
    u16(v & 0xFFFF);
    u16(v >> 16);
  };
  auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t count,
                   std::uint32_t value) {
    u16(tag);
    u16(type);
    u32(count);
    u32(value);
  };
  // TIFF header; IFD0 at 8 with 3 entries (2 + 36 + 4 = 42 bytes) → 50.
  t += "II";
  u16(42);
  u32(8);
  u16(3);
  entry(0x010F, 2, 6, 50);           // Make, "Canon\0" at 50
  entry(0x0112, 3, 1, orientation);  // Orientation (SHORT, in the value field)
  entry(0x8825, 4, 1, 56);           // GPS IFD at 56
  u32(0);
  t += std::string("Canon\0", 6);  // 50..55
  // GPS IFD at 56: 2 entries (2 + 24 + 4 = 30) → rationals at 86.
  u16(2);
  entry(0x0001, 2, 2, 'N');  // GPSLatitudeRef "N\0" in the value field
  entry(0x0002, 5, 3, 86);   // GPSLatitude: 3 rationals at 86
  u32(0);
  for (std::uint32_t v : {30u, 1u, 39u, 1u, 0u, 1u}) u32(v);
  std::string payload = std::string("Exif\0\0", 6) + t;
  std::size_t length = payload.size() + 2;
  std::string app1 = "\xFF\xE1";
  app1.push_back(static_cast<char>(length >> 8));
  app1.push_back(static_cast<char>(length & 0xFF));
  return app1 + payload;
}

// `jpeg` with the APP1 segment inserted right after its start marker.
inline std::string WithExif(const std::string& jpeg, std::uint16_t orientation) {
  return jpeg.substr(0, 2) + ExifApp1(orientation) + jpeg.substr(2);
}

// A one-second 64×48 MP4 made by ffmpeg, written to `path`, with a place
// (+30.6586+104.0647, under the key iPhones use) and a title
// ("SECRET-TITLE") in its metadata.
inline bool MakeVideo(const std::filesystem::path& path) {
  auto ffmpeg = FindProgram("ffmpeg");
  if (!ffmpeg) return false;
  std::vector<std::string> args = {*ffmpeg,
                                   "-v",
                                   "error",
                                   "-nostdin",
                                   "-y",
                                   "-f",
                                   "lavfi",
                                   "-i",
                                   "testsrc=duration=1:size=64x48:rate=10",
                                   "-pix_fmt",
                                   "yuv420p",
                                   "-c:v",
                                   "mpeg4",
                                   "-metadata",
                                   "com.apple.quicktime.location.ISO6709=+30.6586+104.0647/",
                                   "-metadata",
                                   "title=SECRET-TITLE",
                                   "-movflags",
                                   "use_metadata_tags",
                                   "-f",
                                   "mp4",
                                   path.string()};
  ToolRun run = RunTool(args, {});
  return run.exit_code == 0 && !run.timed_out;
}

// The bytes of MakeVideo's clip (made in `dir`, then removed); empty
// without ffmpeg.
inline std::string VideoBytes(const std::filesystem::path& dir) {
  auto file = dir / "clip-source.mp4";
  if (!MakeVideo(file)) return {};
  std::ifstream in(file, std::ios::binary);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  std::filesystem::remove(file);
  return bytes;
}

inline std::filesystem::path TempDir() {
  auto dir = std::filesystem::temp_directory_path() / "vocweek-tests" / ("media-" + RandomToken(8));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace vw::media::testfiles
