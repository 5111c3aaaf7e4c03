// The format and pixel size of a picture a document embeds, read from its
// first bytes (never decoded here), and the budgets a renderer holds it to
// before anything decodes it. Domain-free; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace vw::doc {

enum class ImageFormat { kJpeg, kPng };

struct ImageInfo {
  ImageFormat format = ImageFormat::kJpeg;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// Budgets of one embedded picture: bytes, either side, width × height.
inline constexpr std::size_t kMaxFigureBytes = 20u << 20;
inline constexpr std::uint32_t kMaxFigureSide = 8192;
inline constexpr std::uint64_t kMaxFigurePixels = 24'000'000;

// The format and size of JPEG (baseline or progressive, 1, 3 or 4
// components) or PNG bytes; nullopt for anything else, for a zero size and
// for bytes over the budgets above.
std::optional<ImageInfo> ReadImageInfo(std::string_view bytes);

}  // namespace vw::doc
