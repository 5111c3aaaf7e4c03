#include "export/table_reader.h"

#include <zip.h>

#include <cstdlib>
#include <memory>
#include <pugixml.hpp>

#include "core/json.h"

namespace vw::tables {
namespace {

constexpr std::size_t kMaxPartBytes = 64u << 20;  // uncompressed, per xlsx part

Error FileError(std::string message) { return Error::Invalid("file", std::move(message)); }

bool ValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra;
    if (c < 0x80) {
      extra = 0;
    } else if ((c >> 5) == 0x6) {
      extra = 1;
    } else if ((c >> 4) == 0xE) {
      extra = 2;
    } else if ((c >> 3) == 0x1E) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

bool Blank(const std::vector<std::string>& cells) {
  for (const auto& c : cells) {
    if (!c.empty()) return false;
  }
  return true;
}

// Splits rows into header + data, dropping blank rows and checking limits.
Result<Table> Assemble(std::vector<Row> rows) {
  Table t;
  bool have_header = false;
  for (auto& r : rows) {
    for (auto& c : r.cells) c = TrimSpaces(c);
    if (Blank(r.cells)) continue;
    if (!have_header) {
      t.header = std::move(r);
      have_header = true;
      continue;
    }
    if (t.rows.size() >= kMaxRows) {
      return FileError("文件过大：最多 " + std::to_string(kMaxRows) + " 行数据，请分批导入");
    }
    t.rows.push_back(std::move(r));
  }
  if (!have_header) return FileError("文件中没有数据（第一行应为表头）");
  return t;
}

Result<Table> ReadCsv(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (!ValidUtf8(bytes)) {
    return FileError("文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");
  }
  std::vector<Row> rows;
  Row row{1, {}};
  std::string cell;
  bool quoted = false, cell_started = false;
  int line = 1;
  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    cell_started = false;
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = true;
      cell_started = true;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\r') {
      // Part of CRLF; a bare CR is ignored as well.
    } else if (c == '\n') {
      end_cell();
      rows.push_back(std::move(row));
      row = Row{++line, {}};
    } else {
      cell.push_back(c);
      cell_started = true;
    }
  }
  if (quoted)
    return FileError("文件格式不正确：第 " + std::to_string(row.number) + " 行的引号没有闭合");
  if (cell_started || !row.cells.empty() || !cell.empty()) {
    end_cell();
    rows.push_back(std::move(row));
  }
  return Assemble(std::move(rows));
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

std::optional<std::string> ReadPart(zip_t* z, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return std::nullopt;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) return std::nullopt;
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return std::nullopt;
  std::string out;
  char buf[64 * 1024];
  zip_int64_t n;
  while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > kMaxPartBytes) break;
  }
  zip_fclose(f);
  if (n < 0 || out.size() > kMaxPartBytes) return std::nullopt;
  return out;
}

// "xl/worksheets/sheet1.xml" for the first sheet, via workbook.xml and its rels.
std::string FirstSheetPath(zip_t* z) {
  std::string fallback = "xl/worksheets/sheet1.xml";
  auto wb = ReadPart(z, "xl/workbook.xml");
  auto rels = ReadPart(z, "xl/_rels/workbook.xml.rels");
  if (!wb || !rels) return fallback;
  pugi::xml_document wdoc, rdoc;
  if (!wdoc.load_string(wb->c_str()) || !rdoc.load_string(rels->c_str())) return fallback;
  pugi::xml_node sheet = wdoc.child("workbook").child("sheets").child("sheet");
  std::string rid = sheet.attribute("r:id").as_string();
  if (rid.empty()) return fallback;
  for (pugi::xml_node r : rdoc.child("Relationships").children("Relationship")) {
    if (rid == r.attribute("Id").as_string()) {
      std::string target = r.attribute("Target").as_string();
      if (!target.empty() && target[0] == '/') return target.substr(1);
      return "xl/" + target;
    }
  }
  return fallback;
}

// All text of an <si> or <is> element: plain <t> or rich-text runs <r><t>.
std::string InlineText(pugi::xml_node n) {
  if (pugi::xml_node t = n.child("t")) return t.text().get();
  std::string out;
  for (pugi::xml_node r : n.children("r")) out += r.child("t").text().get();
  return out;
}

// "C12" → 2 (0-based column index); -1 when malformed.
int ColumnIndex(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  return i == 0 ? -1 : col - 1;
}

std::string NumberText(const std::string& raw) {
  char* end = nullptr;
  double v = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str() || *end != '\0') return raw;
  if (v == static_cast<double>(static_cast<long long>(v)) && v < 1e15 && v > -1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  return raw;
}

Result<Table> ReadXlsx(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return FileError("无法读取文件");
  ZipPtr z(zip_open_from_source(src, ZIP_RDONLY, &err));
  if (!z) {
    zip_source_free(src);
    return FileError("文件不是有效的 Excel（.xlsx）文件");
  }
  std::vector<std::string> shared;
  if (auto sst = ReadPart(z.get(), "xl/sharedStrings.xml")) {
    pugi::xml_document doc;
    if (!doc.load_string(sst->c_str())) return FileError("Excel 文件已损坏（共享字符串）");
    for (pugi::xml_node si : doc.child("sst").children("si")) shared.push_back(InlineText(si));
  }
  auto sheet = ReadPart(z.get(), FirstSheetPath(z.get()));
  if (!sheet) return FileError("Excel 文件中找不到工作表，或工作表过大");
  pugi::xml_document doc;
  if (!doc.load_string(sheet->c_str())) return FileError("Excel 文件已损坏（工作表）");
  std::vector<Row> rows;
  int next_number = 1;
  for (pugi::xml_node r : doc.child("worksheet").child("sheetData").children("row")) {
    Row row;
    row.number = r.attribute("r").as_int(next_number);
    next_number = row.number + 1;
    int next_col = 0;
    for (pugi::xml_node c : r.children("c")) {
      int col = c.attribute("r") ? ColumnIndex(c.attribute("r").as_string()) : next_col;
      if (col < 0 || col > 1000) continue;
      next_col = col + 1;
      std::string type = c.attribute("t").as_string();
      std::string value;
      if (type == "s") {
        std::size_t idx = static_cast<std::size_t>(c.child("v").text().as_ullong(~0ull));
        if (idx < shared.size()) value = shared[idx];
      } else if (type == "inlineStr") {
        value = InlineText(c.child("is"));
      } else if (type == "b") {
        value = c.child("v").text().as_int() ? "是" : "否";
      } else if (type == "str" || type == "e") {
        value = c.child("v").text().get();
      } else {
        value = NumberText(c.child("v").text().get());
      }
      if (row.cells.size() <= static_cast<std::size_t>(col)) row.cells.resize(col + 1);
      row.cells[col] = std::move(value);
    }
    rows.push_back(std::move(row));
    if (rows.size() > kMaxRows + 50) {
      return FileError("文件过大：最多 " + std::to_string(kMaxRows) + " 行数据，请分批导入");
    }
  }
  return Assemble(std::move(rows));
}

}  // namespace

std::optional<FileType> DetectFileType(std::string_view content_type, std::string_view file_name,
                                       std::string_view bytes) {
  auto ends_with = [](std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
      char c = s[s.size() - suffix.size() + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != suffix[i]) return false;
    }
    return true;
  };
  bool zip = bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  if (content_type.find("spreadsheetml") != std::string_view::npos) return FileType::kXlsx;
  if (content_type.find("text/csv") != std::string_view::npos) {
    return zip ? FileType::kXlsx : FileType::kCsv;
  }
  if (ends_with(file_name, ".xlsx")) return FileType::kXlsx;
  if (ends_with(file_name, ".csv")) return FileType::kCsv;
  if (zip) return FileType::kXlsx;
  if (!bytes.empty() && bytes.find('\0') == std::string_view::npos) return FileType::kCsv;
  return std::nullopt;
}

Result<Table> ReadTable(std::string_view bytes, FileType type) {
  if (bytes.empty()) return FileError("文件是空的");
  return type == FileType::kXlsx ? ReadXlsx(bytes) : ReadCsv(bytes);
}

}  // namespace vw::tables
