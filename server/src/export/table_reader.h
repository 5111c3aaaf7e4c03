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

// The reading budget of one table. Every limit is checked while the file is
// read (CSV scanned, xlsx parts inflated chunk by chunk and parsed as they
// come), so a hostile file stops at the first limit it crosses, with a
// Chinese message that names the limit and where it was crossed, before it
// can make the reader allocate more than the limits allow.
struct Limits {
  std::size_t max_rows = 5000;  // non-empty data rows, the header excluded
  // Columns A.. up to this many; a non-empty cell beyond is refused, empty
  // (formatted) cells beyond are ignored.
  std::size_t max_columns = 64;
  std::size_t max_cell_chars = 32767;  // Excel's own limit for one cell
  // The text of all cells kept together; a shared string counts each time
  // a cell uses it.
  std::size_t max_text_bytes = 16u << 20;
  std::size_t max_part_bytes = 16u << 20;     // one xlsx part, inflated
  std::size_t max_package_bytes = 32u << 20;  // all xlsx parts read, inflated
};

// Hostile text in a message: at most `max_chars` characters of `text`,
// then "…" when there was more.
std::string Excerpt(std::string_view text, std::size_t max_chars = 20);

// The spreadsheet name of a 0-based column: 0 → "A", 27 → "AB", 16383 → "XFD".
std::string ColumnName(std::size_t index);

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
// Chinese message: empty file; corrupt or non-xlsx zip, or XML with a DTD;
// CSV that is not UTF-8 (the message tells how to save as "CSV UTF-8"),
// holds NUL bytes or has an unclosed quote; no non-empty row; any of
// `limits` crossed (the message names the limit and the row and column).
Result<Table> ReadTable(std::string_view bytes, FileType type, const Limits& limits = {});

}  // namespace vw::tables
