// Reading uploaded spreadsheets (.xlsx, .csv) into rows of text.
//
// Domain-free: imports map the header row to their fields. What a caller gets:
// - the first visible worksheet of an xlsx workbook, or the whole CSV file;
// - every cell as UTF-8 text, trimmed of ASCII spaces and U+3000 at both ends;
//   xlsx shared, inline and formula strings as shown, integral numbers
//   without ".0" ("12.0" → "12", "13800000000" stays whole), other numbers
//   with at most 15 significant digits, booleans as TRUE/FALSE; empty cells
//   between filled ones as "" (a row may be shorter than the header);
// - fully empty rows skipped, but every row keeps the 1-based row number the
//   user sees when the file is opened in Excel, so errors can point at it.
//   For CSV that is the record number (a quoted cell with a line break is
//   still one row), blank lines counted.
//
// Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vw::tables {

enum class FileType { kXlsx, kCsv };

struct Row {
  int number = 0;  // 1-based row number in the sheet (the header is usually 1)
  std::vector<std::string> cells;
};

struct Table {
  Row header;             // the first non-empty row
  std::vector<Row> rows;  // non-empty data rows after the header, in file order
};

inline constexpr std::size_t kMaxRows = 5000;            // data rows, header excluded
inline constexpr std::size_t kMaxColumns = 16384;        // Excel's limit (column XFD)
inline constexpr std::size_t kMaxPartBytes = 10u << 20;  // per xlsx part, uncompressed

// What the upload is, judged in this order: zip magic bytes ("PK\3\4") mean
// xlsx whatever the label says; other known binary formats (legacy .xls and
// encrypted workbooks, PDF, images) and image/audio/video/PDF content types
// are refused; then the Content-Type (the xlsx type; text/csv, text/plain
// and application/vnd.ms-excel, which Windows sends for .csv, mean CSV), then
// the file name's extension (.xlsx; .csv or .txt), and last the bytes: text
// without NUL bytes, or with a UTF-16 byte-order mark, is CSV. nullopt means
// an unsupported type (the HTTP layer answers 415).
std::optional<FileType> DetectFileType(std::string_view content_type, std::string_view file_name,
                                       std::string_view bytes);

// Reads the table. Errors are kInvalidArgument with field "file" and a
// Chinese message: empty file; corrupt or non-xlsx zip; CSV that is not
// UTF-8 (the message tells how to save as "CSV UTF-8") or has an unclosed
// quote; no non-empty row; more than kMaxRows data rows, kMaxColumns columns
// or an xlsx part larger than kMaxPartBytes uncompressed ("文件过大…").
Result<Table> ReadTable(std::string_view bytes, FileType type);

}  // namespace vw::tables
