#include "http/byte_range.h"

#include <charconv>
#include <optional>

namespace vw::http {
namespace {

// A decimal number of at most 19 digits (no sign, no spaces).
std::optional<std::uint64_t> Number(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

RangeRequest ParseRange(std::string_view header, std::uint64_t size, std::uint64_t max_length) {
  constexpr std::string_view kPrefix = "bytes=";
  RangeRequest whole;
  if (header.size() > 200 || header.substr(0, kPrefix.size()) != kPrefix) return whole;
  std::string_view spec = header.substr(kPrefix.size());
  if (spec.find(',') != std::string_view::npos) return whole;  // several ranges
  std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return whole;
  std::string_view from = spec.substr(0, dash), to = spec.substr(dash + 1);
  RangeRequest r;
  r.kind = RangeRequest::kRange;
  if (from.empty()) {  // the last `to` bytes
    auto suffix = Number(to);
    if (!suffix) return whole;
    if (*suffix == 0 || size == 0) return {RangeRequest::kUnsatisfiable, {}};
    r.range.first = *suffix >= size ? 0 : size - *suffix;
    r.range.last = size - 1;
  } else {
    auto first = Number(from);
    if (!first) return whole;
    std::uint64_t last = size == 0 ? 0 : size - 1;
    if (!to.empty()) {
      auto asked = Number(to);
      if (!asked || *asked < *first) return whole;
      last = std::min(*asked, last);
    }
    if (*first >= size) return {RangeRequest::kUnsatisfiable, {}};
    r.range.first = *first;
    r.range.last = last;
  }
  if (max_length > 0 && r.range.length() > max_length) {
    r.range.last = r.range.first + max_length - 1;
  }
  return r;
}

std::string ContentRange(const RangeRequest& r, std::uint64_t size) {
  if (r.kind != RangeRequest::kRange) return "bytes */" + std::to_string(size);
  return "bytes " + std::to_string(r.range.first) + "-" + std::to_string(r.range.last) + "/" +
         std::to_string(size);
}

}  // namespace vw::http
