// What the fuzz targets share: property checks that stop the run with a
// message, so that libFuzzer keeps the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/json.h"
#include "export/table_reader.h"

#define VW_FUZZ_CHECK(condition)                                                         \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace vw::fuzz {

// Well-formed UTF-8 (what every cell and message must be).
inline bool IsUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80                 ? 1
                    : c >= 0xC2 && c <= 0xDF ? 2
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4
                                             : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    auto next = static_cast<unsigned char>(n > 1 ? s[i + 1] : 0);
    if ((c == 0xE0 && next < 0xA0) || (c == 0xED && next >= 0xA0) || (c == 0xF0 && next < 0x90) ||
        (c == 0xF4 && next >= 0x90)) {
      return false;
    }
    i += n;
  }
  return true;
}

// What ReadTable promises, whatever the bytes: a table within `limits`
// (trimmed UTF-8 cells, no blank rows), or an error about the file whose
// message is short (it may quote only a short prefix of the input).
inline void CheckTable(const Result<tables::Table>& t, const tables::Limits& limits) {
  if (!t) {
    VW_FUZZ_CHECK(t.error().field == "file");
    VW_FUZZ_CHECK(!t.error().message.empty());
    VW_FUZZ_CHECK(t.error().message.size() < 400);
    VW_FUZZ_CHECK(IsUtf8(t.error().message));
    return;
  }
  VW_FUZZ_CHECK(t->rows.size() <= limits.max_rows);
  std::size_t text = 0;
  auto check_row = [&](const tables::Row& row) {
    VW_FUZZ_CHECK(row.number >= 1);
    VW_FUZZ_CHECK(row.cells.size() <= limits.max_columns);
    bool blank = true;
    for (const auto& cell : row.cells) {
      VW_FUZZ_CHECK(IsUtf8(cell));
      VW_FUZZ_CHECK(Utf8Length(cell) <= limits.max_cell_chars);
      VW_FUZZ_CHECK(TrimSpaces(cell) == cell);
      blank = blank && cell.empty();
      text += cell.size();
    }
    VW_FUZZ_CHECK(!blank);
  };
  check_row(t->header);
  for (const auto& row : t->rows) check_row(row);
  VW_FUZZ_CHECK(text <= limits.max_text_bytes);
}

// Small limits, so that short inputs reach every limit.
inline tables::Limits TinyLimits() {
  return {.max_rows = 4,
          .max_columns = 5,
          .max_cell_chars = 16,
          .max_text_bytes = 200,
          .max_part_bytes = 4096,
          .max_package_bytes = 8192};
}

}  // namespace vw::fuzz
