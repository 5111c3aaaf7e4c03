// Reading and validating JSON request bodies.
//
// FieldReader reads typed fields from a JSON object and records the first
// validation failure as an Error naming the field and its Chinese label.
// Text is one line (titles, names, phone numbers) unless read with the
// Multiline readers (descriptions, reasons, plans); see CheckText.
// After the first failure every further read returns a default value, so a
// service can read all fields and check `status()` once:
//
//   FieldReader in(body);
//   auto name = in.RequiredString("name", "单位名称", 100);
//   auto staff = in.OptionalInt("staff_count", "教职工数", 0, 1'000'000);
//   VW_RETURN_IF_ERROR(in.status());
//
// Not thread-safe; one reader per request.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vw {

namespace json = boost::json;

// Parses a request body that must be a JSON object.
Result<json::object> ParseJsonObject(std::string_view body);

// Number of Unicode code points in valid UTF-8 (a Chinese character counts 1).
size_t Utf8Length(std::string_view s);
// The first `max_chars` code points of valid UTF-8.
std::string Utf8Prefix(std::string_view s, size_t max_chars);

// Trims ASCII and full-width (U+3000) spaces at both ends.
std::string TrimSpaces(std::string_view s);

// What a text field may hold. Both kinds refuse the C0 and C1 control
// characters (other than line breaks and, in several lines, tabs), DEL and
// the invisible bidirectional controls (U+061C, U+200E, U+200F,
// U+202A-U+202E, U+2066-U+2069) that make a text display differently from
// what it is. One line also refuses line breaks (CR, LF, VT, FF, U+0085,
// U+2028, U+2029) and tabs; several lines turn every line break into "\n".
enum class TextKind { kOneLine, kMultiLine };

// `text` checked as `kind`, with its line breaks normalised (kMultiLine);
// kInvalidArgument naming `key` with a Chinese message about `label`
// otherwise. Does not trim.
Result<std::string> CheckText(std::string_view text, TextKind kind, std::string_view key,
                              std::string_view label);

// The "version" an edit was based on (optimistic locking; a stale one is
// the service's kConflict). Error names the field when missing or invalid.
Result<int> RequiredVersion(const json::object& body);

class FieldReader {
 public:
  explicit FieldReader(const json::object& obj) : obj_(obj) {}

  bool Has(std::string_view key) const;

  // One line of trimmed text (TextKind::kOneLine) of 1..max_len characters.
  std::string RequiredString(std::string_view key, std::string_view label, size_t max_len);
  // One line of trimmed text of 0..max_len characters; absent or null gives
  // `fallback`.
  std::string String(std::string_view key, std::string_view label, size_t max_len,
                     std::string fallback = {});
  // Absent or null gives nullopt; otherwise as String().
  std::optional<std::string> OptionalString(std::string_view key, std::string_view label,
                                            size_t max_len);
  // The same for text of several lines (TextKind::kMultiLine): line breaks
  // are kept as "\n", the text is trimmed at both ends.
  std::string RequiredMultilineString(std::string_view key, std::string_view label, size_t max_len);
  std::string MultilineString(std::string_view key, std::string_view label, size_t max_len,
                              std::string fallback = {});

  std::int64_t RequiredInt(std::string_view key, std::string_view label, std::int64_t min,
                           std::int64_t max);
  std::optional<std::int64_t> OptionalInt(std::string_view key, std::string_view label,
                                          std::int64_t min, std::int64_t max);
  bool Bool(std::string_view key, std::string_view label, bool fallback);

  // A required string that must be one of `allowed`.
  std::string RequiredEnum(std::string_view key, std::string_view label,
                           const std::vector<std::string>& allowed);

  // Required array of one-line strings, each trimmed and 1..max_len long.
  std::vector<std::string> StringList(std::string_view key, std::string_view label,
                                      size_t max_items, size_t max_len);

  // Records a failure found by the caller (first one wins).
  void Fail(Error error);

  Status status() const;

 private:
  const json::value* Find(std::string_view key) const;
  std::optional<std::string> Text(std::string_view key, std::string_view label, size_t max_len,
                                  TextKind kind);
  std::string RequiredText(std::string_view key, std::string_view label, size_t max_len,
                           TextKind kind);
  bool failed() const { return error_.has_value(); }

  const json::object& obj_;
  std::optional<Error> error_;
};

}  // namespace vw
