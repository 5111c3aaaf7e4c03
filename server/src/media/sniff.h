// What a file is, read from its first bytes (never from its name).
//
// Sniff looks at magic bytes only: JPEG, PNG, WebP and GIF images, MP4/MOV
// (ISO base media, "ftyp") and WebM/Matroska (EBML) videos. For images it
// also reads the pixel dimensions from the header (JPEG SOF marker, PNG
// IHDR, WebP VP8/VP8L/VP8X, GIF logical screen) so a decompression bomb is
// refused before any decoder allocates. Pure functions on bytes: no
// allocation beyond the result, no library; the fuzz target
// server/fuzz/media_sniff_fuzz.cc runs them on any input.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace vw::media {

enum class Format { kUnknown, kJpeg, kPng, kWebp, kGif, kMp4, kWebm };
enum class Kind { kImage, kVideo };

struct Sniffed {
  Format format = Format::kUnknown;
  // Image dimensions from the header; 0 when the header was not (yet) in
  // the bytes given or is malformed.
  std::uint32_t width = 0;
  std::uint32_t height = 0;

  bool known() const { return format != Format::kUnknown; }
  bool has_dimensions() const { return width > 0 && height > 0; }
};

// The format and, for images, the dimensions, from a prefix of the file
// (the whole file is fine; a few kilobytes usually suffice, a JPEG's SOF may
// follow up to ~64 KB per APP segment).
Sniffed Sniff(std::string_view head);

Kind KindOf(Format format);  // kUnknown counts as an image
// "image/jpeg", "video/mp4"...; "application/octet-stream" for kUnknown.
const char* MimeOf(Format format);
// "JPEG", "MP4"... for messages.
const char* NameOf(Format format);

}  // namespace vw::media
