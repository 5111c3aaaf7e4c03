#include "media/sniff.h"

#include <cstddef>

namespace vw::media {
namespace {

std::uint32_t Be16(std::string_view b, std::size_t at) {
  return (static_cast<std::uint8_t>(b[at]) << 8) | static_cast<std::uint8_t>(b[at + 1]);
}
std::uint32_t Be32(std::string_view b, std::size_t at) {
  return (Be16(b, at) << 16) | Be16(b, at + 2);
}
std::uint32_t Le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint8_t>(b[at]) | (static_cast<std::uint8_t>(b[at + 1]) << 8);
}
std::uint32_t Le24(std::string_view b, std::size_t at) {
  return Le16(b, at) | (static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[at + 2])) << 16);
}
bool StartsWith(std::string_view b, std::string_view magic, std::size_t at = 0) {
  return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
}

// Walks the JPEG marker segments to the first start-of-frame.
void JpegDimensions(std::string_view b, Sniffed& s) {
  std::size_t at = 2;
  while (at + 4 <= b.size()) {
    if (static_cast<std::uint8_t>(b[at]) != 0xFF) return;  // not a marker: malformed
    std::uint8_t marker = static_cast<std::uint8_t>(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      at += 2;  // markers without a length
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return;  // end of image / scan before any frame
    std::uint32_t length = Be16(b, at + 2);
    if (length < 2) return;
    bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (at + 9 > b.size() || length < 7) return;
      s.height = Be16(b, at + 5);
      s.width = Be16(b, at + 7);
      return;
    }
    at += 2 + length;
  }
}

void WebpDimensions(std::string_view b, Sniffed& s) {
  // RIFF....WEBP then the first chunk at 12.
  if (StartsWith(b, "VP8 ", 12) && b.size() >= 30) {
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
    if (static_cast<std::uint8_t>(b[23]) != 0x9D || static_cast<std::uint8_t>(b[24]) != 0x01 ||
        static_cast<std::uint8_t>(b[25]) != 0x2A) {
      return;
    }
    s.width = Le16(b, 26) & 0x3FFF;
    s.height = Le16(b, 28) & 0x3FFF;
  } else if (StartsWith(b, "VP8L", 12) && b.size() >= 25) {
    if (static_cast<std::uint8_t>(b[20]) != 0x2F) return;
    std::uint32_t bits = static_cast<std::uint8_t>(b[21]) |
                         (static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[22])) << 8) |
                         (static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[23])) << 16) |
                         (static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[24])) << 24);
    s.width = (bits & 0x3FFF) + 1;
    s.height = ((bits >> 14) & 0x3FFF) + 1;
  } else if (StartsWith(b, "VP8X", 12) && b.size() >= 30) {
    s.width = Le24(b, 24) + 1;
    s.height = Le24(b, 27) + 1;
  }
}

// ISO base media: a box "ftyp" at 4 whose major brand is a video one.
bool IsIsoVideo(std::string_view b) {
  if (!StartsWith(b, "ftyp", 4) || b.size() < 12) return false;
  std::uint32_t size = Be32(b, 0);
  if (size < 8) return false;
  std::string_view brand = b.substr(8, 4);
  // HEIC/AVIF images share the container: refuse them as video.
  for (std::string_view image : {"heic", "heix", "mif1", "msf1", "avif", "avis"}) {
    if (brand == image) return false;
  }
  return true;
}

}  // namespace

Sniffed Sniff(std::string_view b) {
  Sniffed s;
  if (StartsWith(b, "\xFF\xD8\xFF")) {
    s.format = Format::kJpeg;
    JpegDimensions(b, s);
  } else if (StartsWith(b, "\x89PNG\r\n\x1A\n")) {
    s.format = Format::kPng;
    if (StartsWith(b, "IHDR", 12) && b.size() >= 24) {
      s.width = Be32(b, 16);
      s.height = Be32(b, 20);
    }
  } else if (StartsWith(b, "RIFF") && StartsWith(b, "WEBP", 8)) {
    s.format = Format::kWebp;
    WebpDimensions(b, s);
  } else if (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a")) {
    s.format = Format::kGif;
    if (b.size() >= 10) {
      s.width = Le16(b, 6);
      s.height = Le16(b, 8);
    }
  } else if (StartsWith(b, "\x1A\x45\xDF\xA3")) {
    // Before the ISO box test, which needs 12 bytes: a prefix of a file
    // must never sniff as another format than the whole (fuzzed).
    s.format = Format::kWebm;
  } else if (IsIsoVideo(b)) {
    s.format = Format::kMp4;
  }
  return s;
}

Kind KindOf(Format format) {
  return format == Format::kMp4 || format == Format::kWebm ? Kind::kVideo : Kind::kImage;
}

const char* MimeOf(Format format) {
  switch (format) {
    case Format::kJpeg:
      return "image/jpeg";
    case Format::kPng:
      return "image/png";
    case Format::kWebp:
      return "image/webp";
    case Format::kGif:
      return "image/gif";
    case Format::kMp4:
      return "video/mp4";
    case Format::kWebm:
      return "video/webm";
    case Format::kUnknown:
      break;
  }
  return "application/octet-stream";
}

const char* NameOf(Format format) {
  switch (format) {
    case Format::kJpeg:
      return "JPEG";
    case Format::kPng:
      return "PNG";
    case Format::kWebp:
      return "WebP";
    case Format::kGif:
      return "GIF";
    case Format::kMp4:
      return "MP4";
    case Format::kWebm:
      return "WebM";
    case Format::kUnknown:
      break;
  }
  return "未知";
}

}  // namespace vw::media
