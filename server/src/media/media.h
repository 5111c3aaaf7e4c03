// The image/video module: every file the product accepts passes here.
//
// Type by content (sniff.h), budgets checked before any decoder runs (file
// bytes; image dimensions from the header; video duration and frame size
// from ffprobe), then:
//   images  re-encoded to JPEG with every metadata block removed (EXIF with
//           GPS and device, XMP, IPTC, ICC) after the EXIF orientation has
//           been applied, at three sizes: full (long side capped), web and
//           thumbnail;
//   videos  checked by ffprobe, given a poster frame by ffmpeg (run as
//           subprocesses with a timeout, no shell, bounded output), the
//           poster then treated as an image (web and thumbnail sizes), and
//           remuxed without metadata or extra tracks.
// libvips runs with untrusted loaders blocked, only the JPEG/PNG/WebP/GIF
// loaders enabled, its operation cache off. Errors are Chinese messages
// naming the field "file". Thread-safe; slow: call from worker threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "media/sniff.h"

namespace vw::media {

struct Limits {
  std::uint64_t max_image_bytes = 30u << 20;
  std::uint64_t max_video_bytes = std::uint64_t{500} << 20;
  std::uint64_t max_pixels = 40'000'000;  // width × height of an image
  std::uint32_t max_side = 20'000;        // pixels, either side
  double max_video_seconds = 600;
  std::uint32_t full_side = 4096;  // long side of the stored image at most
  std::uint32_t web_side = 1600;   // the web size
  std::uint32_t thumb_side = 320;  // the thumbnail
  std::chrono::milliseconds tool_timeout{60'000};
};

// Checks what Sniff found against the kind the upload declared and the
// budgets: an unknown or other-kind format, or dimensions over the limits,
// is refused. `whole` says the bytes were the whole file (then an image
// without readable dimensions is refused too).
Status CheckSniffed(const Sniffed& s, Kind expected, const Limits& limits, bool whole);
// The byte budget of a kind.
std::uint64_t MaxBytes(Kind kind, const Limits& limits);
// "image" / "video", and back.
const char* KindCode(Kind kind);
std::optional<Kind> ParseKind(std::string_view code);

struct Rendition {
  std::string jpeg;  // JPEG bytes, no metadata
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

struct ProcessedImage {
  Format source = Format::kUnknown;
  Rendition full, web, thumb;
};

// An uploaded image → its three renditions.
Result<ProcessedImage> ProcessImage(std::string_view bytes, const Limits& limits);

struct ProcessedVideo {
  Format format = Format::kUnknown;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::int64_t duration_ms = 0;
  Rendition poster_web, poster_thumb;
};

// A video file on disk → its probe and poster frame, and at `clean` a copy
// of its picture and sound without any metadata (place, device, titles) and
// without other tracks, the streams copied as they are.
Result<ProcessedVideo> ProcessVideo(const std::filesystem::path& file, const Limits& limits,
                                    const std::filesystem::path& clean);

// Starts libvips once (also called by the functions above).
void InitImageLibrary();

}  // namespace vw::media
