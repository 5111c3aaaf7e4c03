#include "export/image_info.h"

namespace vw::doc {
namespace {

std::uint32_t Big16(std::string_view b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8) |
         static_cast<unsigned char>(b[at + 1]);
}
std::uint32_t Big32(std::string_view b, std::size_t at) {
  return (Big16(b, at) << 16) | Big16(b, at + 2);
}

std::optional<ImageInfo> Png(std::string_view b) {
  // Signature, then the IHDR chunk: length, "IHDR", width, height.
  if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
  return ImageInfo{ImageFormat::kPng, Big32(b, 16), Big32(b, 20)};
}

std::optional<ImageInfo> Jpeg(std::string_view b) {
  std::size_t i = 2;
  while (i + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[i]) != 0xff) return std::nullopt;
    const unsigned char marker = static_cast<unsigned char>(b[i + 1]);
    if (marker == 0xff) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {  // no length
      i += 2;
      continue;
    }
    if (marker == 0xd9 || marker == 0xda) return std::nullopt;  // no frame header before the data
    const std::uint32_t length = Big16(b, i + 2);
    if (length < 2) return std::nullopt;
    const bool frame =
        marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (frame) {
      // Length, precision, height, width, components.
      if (length < 8 || i + 10 > b.size()) return std::nullopt;
      const unsigned char components = static_cast<unsigned char>(b[i + 9]);
      if (components != 1 && components != 3 && components != 4) return std::nullopt;
      return ImageInfo{ImageFormat::kJpeg, Big16(b, i + 7), Big16(b, i + 5)};
    }
    i += 2 + length;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> ReadImageInfo(std::string_view bytes) {
  if (bytes.size() > kMaxFigureBytes) return std::nullopt;
  std::optional<ImageInfo> info;
  if (bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    info = Png(bytes);
  } else if (bytes.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) {
    info = Jpeg(bytes);
  }
  if (!info || info->width == 0 || info->height == 0 || info->width > kMaxFigureSide ||
      info->height > kMaxFigureSide ||
      std::uint64_t{info->width} * info->height > kMaxFigurePixels) {
    return std::nullopt;
  }
  return info;
}

}  // namespace vw::doc
