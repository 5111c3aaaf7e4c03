// Reading uploaded spreadsheets (.xlsx, .csv) into rows of text.
//
// Domain-free: imports map the header row to their fields. Cell values are
// trimmed; integral numbers read from xlsx lose their ".0"; fully empty rows
// are skipped but every row keeps its spreadsheet row number, so errors can
// point at the row the user sees in Excel. Thread-safe (no shared state).
#pragma once

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
  Row header;
  std::vector<Row> rows;  // data rows after the header
};

inline constexpr std::size_t kMaxRows = 5000;

// The type from the Content-Type, else the file name, else the bytes
// (xlsx is a zip: "PK\3\4"); nullopt for anything else that is not text.
std::optional<FileType> DetectFileType(std::string_view content_type, std::string_view file_name,
                                       std::string_view bytes);

// The first worksheet (xlsx) or the whole file (CSV, UTF-8 with or without
// BOM). Errors (kInvalidArgument, Chinese, field "file"): empty or corrupt
// file, not UTF-8, no header row, more than kMaxRows data rows.
Result<Table> ReadTable(std::string_view bytes, FileType type);

}  // namespace vw::tables
