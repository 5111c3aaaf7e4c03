#include "export/table_reader.h"

#include <zip.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <pugixml.hpp>

#include "core/json.h"

namespace vw::tables {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kZipMagic{"PK\x03\x04", 4};
// OLE2 compound document: legacy .xls, and password-protected .xlsx.
constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

Error FileError(std::string message) { return Error::Invalid("file", std::move(message)); }

Error TooManyRows() {
  return FileError("文件过大：最多 " + std::to_string(kMaxRows) + " 行数据，请分批导入");
}

Error TooManyColumns() {
  return FileError("文件过大：每行最多 " + std::to_string(kMaxColumns) + " 列");
}

Error NotXlsx() { return FileError("文件不是有效的 Excel（.xlsx）文件"); }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && Lower(s.substr(s.size() - suffix.size())) == suffix;
}

bool ValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra;
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    // No overlong forms, UTF-16 surrogates or code points above U+10FFFF.
    auto next = static_cast<unsigned char>(extra > 0 ? s[i + 1] : 0);
    if ((c == 0xE0 && next < 0xA0) || (c == 0xED && next >= 0xA0) || (c == 0xF0 && next < 0x90) ||
        (c == 0xF4 && next >= 0x90)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Collects the non-empty rows of a sheet, trimmed, and splits off the header.
class RowCollector {
 public:
  // False once there are more data rows than kMaxRows.
  bool Add(Row row) {
    bool blank = true;
    for (auto& c : row.cells) {
      c = TrimSpaces(c);
      blank = blank && c.empty();
    }
    if (blank) return true;
    rows_.push_back(std::move(row));
    return rows_.size() <= kMaxRows + 1;
  }

  Result<Table> Finish() && {
    if (rows_.empty()) return FileError("文件中没有数据（第一行应为表头）");
    if (rows_.size() > kMaxRows + 1) return TooManyRows();
    Table t;
    t.header = std::move(rows_.front());
    t.rows.assign(std::make_move_iterator(rows_.begin() + 1), std::make_move_iterator(rows_.end()));
    return t;
  }

 private:
  std::vector<Row> rows_;
};

// ---------------------------------------------------------------- CSV

Result<Table> ReadCsv(std::string_view bytes) {
  if (StartsWith(bytes, kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  if (!ValidUtf8(bytes)) {
    return FileError("文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”");
  }
  RowCollector rows;
  Row row{1, {}};
  std::string cell;
  bool quoted = false;
  bool cell_started = false;  // the cell has content or an opening quote
  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    cell_started = false;
    return row.cells.size() <= kMaxColumns;
  };
  // Ends the record; Excel shows every record, blank ones too, as one row.
  auto end_row = [&] {
    int next = row.number + 1;
    bool ok = rows.Add(std::move(row));
    row = Row{next, {}};
    return ok;
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
      } else if (c == '\r') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
        cell.push_back('\n');
      } else {
        cell.push_back(c);
      }
      continue;
    }
    switch (c) {
      case '"':
        if (cell_started) {
          cell.push_back(c);  // a stray quote inside an unquoted cell is text
        } else {
          quoted = true;
          cell_started = true;
        }
        break;
      case ',':
        if (!end_cell()) return TooManyColumns();
        break;
      case '\r':
      case '\n':
        if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
        if (!end_cell()) return TooManyColumns();
        if (!end_row()) return TooManyRows();
        break;
      default:
        cell.push_back(c);
        cell_started = true;
    }
  }
  if (quoted) {
    return FileError("文件格式不正确：第 " + std::to_string(row.number) + " 行的引号没有闭合");
  }
  if (cell_started || !row.cells.empty()) {
    if (!end_cell()) return TooManyColumns();
    if (!end_row()) return TooManyRows();
  }
  return std::move(rows).Finish();
}

// ---------------------------------------------------------------- xlsx

// pugixml does not resolve namespaces; match elements by their local name so
// that prefixed documents ("x:row", written by some libraries) read the same.
std::string_view LocalName(std::string_view qualified) {
  auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool Is(pugi::xml_node n, std::string_view local) {
  return n.type() == pugi::node_element && LocalName(n.name()) == local;
}

pugi::xml_node Child(pugi::xml_node n, std::string_view local) {
  for (pugi::xml_node c : n.children()) {
    if (Is(c, local)) return c;
  }
  return {};
}

// The relationship id of a <sheet>: the attribute "r:id", whatever its prefix.
std::string RelationshipId(pugi::xml_node n) {
  for (pugi::xml_attribute a : n.attributes()) {
    std::string_view name = a.name();
    if (name.find(':') != std::string_view::npos && LocalName(name) == "id") return a.value();
  }
  return {};
}

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

Error PartTooLarge() {
  return FileError("文件过大：工作表内容解压后超过 " + std::to_string(kMaxPartBytes >> 20) +
                   " MB，请删除无关内容或分批导入");
}

// One part of the package, uncompressed; nullopt when there is no such part.
// Part names are case-insensitive in OPC.
Result<std::optional<std::string>> ReadPart(zip_t* z, const std::string& name) {
  zip_int64_t index = zip_name_locate(z, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>();
  auto at = static_cast<zip_uint64_t>(index);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, at, 0, &st) != 0) return FileError("Excel 文件已损坏，无法读取");
  if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) return PartTooLarge();
  std::unique_ptr<zip_file_t, ZipFileClose> f(zip_fopen_index(z, at, 0));
  if (!f) return FileError("Excel 文件已损坏或已加密，无法读取");
  std::string out;
  char buf[64 * 1024];
  zip_int64_t n;
  // The declared size may lie (a zip bomb); count what really comes out.
  while ((n = zip_fread(f.get(), buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > kMaxPartBytes) return PartTooLarge();
  }
  if (n < 0) return FileError("Excel 文件已损坏，无法读取");
  return std::optional<std::string>(std::move(out));
}

Result<std::unique_ptr<pugi::xml_document>> ParseXml(std::string& text, const char* what) {
  auto doc = std::make_unique<pugi::xml_document>();
  if (!doc->load_buffer_inplace(text.data(), text.size())) {
    return FileError(std::string("Excel 文件已损坏（") + what + "）");
  }
  return doc;
}

std::string DirName(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, slash + 1));
}

// A relationship target resolved against the folder of its source part.
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  std::string joined = StartsWith(target, "/") ? std::string(target.substr(1))
                                               : std::string(base_dir) + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string seg = joined.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// The target of the relationship in `rels_xml` whose Id (or, with an empty
// id, whose Type ends with `type_suffix`) matches; empty when absent.
std::string FindRelationship(pugi::xml_node rels_root, std::string_view id,
                             std::string_view type_suffix) {
  for (pugi::xml_node r : rels_root.children()) {
    if (!Is(r, "Relationship")) continue;
    std::string_view rid = r.attribute("Id").value();
    std::string_view type = r.attribute("Type").value();
    bool match = !id.empty() ? rid == id
                             : type.size() >= type_suffix.size() &&
                                   type.substr(type.size() - type_suffix.size()) == type_suffix;
    if (match) return r.attribute("Target").value();
  }
  return {};
}

struct SheetParts {
  std::string workbook_dir;  // "xl/"
  std::string sheet;         // "xl/worksheets/sheet1.xml"
};

// Finds the first visible worksheet: package rels → workbook → its rels.
Result<SheetParts> LocateFirstSheet(zip_t* z) {
  std::string workbook = "xl/workbook.xml";
  auto root_rels = ReadPart(z, "_rels/.rels");
  if (!root_rels) return std::move(root_rels).error();
  if (*root_rels) {
    auto doc = ParseXml(**root_rels, "包关系");
    if (!doc) return std::move(doc).error();
    std::string target = FindRelationship((*doc)->document_element(), "", "/officeDocument");
    if (!target.empty()) workbook = ResolveTarget("", target);
  }
  SheetParts parts{DirName(workbook), ""};
  auto wb = ReadPart(z, workbook);
  if (!wb) return std::move(wb).error();
  if (!*wb) return NotXlsx();
  auto wdoc = ParseXml(**wb, "工作簿");
  if (!wdoc) return std::move(wdoc).error();

  pugi::xml_node chosen;
  for (pugi::xml_node sheet : Child((*wdoc)->document_element(), "sheets").children()) {
    if (!Is(sheet, "sheet")) continue;
    if (!chosen) chosen = sheet;
    std::string_view state = sheet.attribute("state").value();
    if (state != "hidden" && state != "veryHidden") {
      chosen = sheet;
      break;
    }
  }
  if (!chosen) return FileError("Excel 文件中没有工作表");
  std::string rid = RelationshipId(chosen);

  std::string rels_name =
      parts.workbook_dir + "_rels/" + workbook.substr(parts.workbook_dir.size()) + ".rels";
  auto rels = ReadPart(z, rels_name);
  if (!rels) return std::move(rels).error();
  if (*rels && !rid.empty()) {
    auto rdoc = ParseXml(**rels, "工作簿关系");
    if (!rdoc) return std::move(rdoc).error();
    std::string target = FindRelationship((*rdoc)->document_element(), rid, "");
    if (!target.empty()) parts.sheet = ResolveTarget(parts.workbook_dir, target);
  }
  if (parts.sheet.empty()) parts.sheet = parts.workbook_dir + "worksheets/sheet1.xml";
  return parts;
}

// Excel writes characters XML cannot hold as _xHHHH_ ("_x000D_" for CR).
std::string DecodeEscapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      auto [ptr, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
      if (ec == std::errc() && ptr == s.data() + i + 6) {
        AppendUtf8(out, cp);
        i += 7;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

// The text of an <si> or <is>: a plain <t>, or rich-text runs <r><t>.
// Phonetic guides (<rPh>) are not part of the value.
std::string RichText(pugi::xml_node n) {
  std::string out;
  for (pugi::xml_node c : n.children()) {
    if (Is(c, "t")) {
      out += c.text().get();
    } else if (Is(c, "r")) {
      out += Child(c, "t").text().get();
    }
  }
  return DecodeEscapes(out);
}

// "C12" → 2 (0-based column index); -1 when malformed or beyond kMaxColumns.
int ColumnIndex(std::string_view ref) {
  long col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
  }
  if (i == 0 || col > static_cast<long>(kMaxColumns)) return -1;
  return static_cast<int>(col - 1);
}

// A number as Excel's General format shows it: integers in full (up to
// 15 digits), other values with at most 15 significant digits.
std::string NumberText(std::string_view raw) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (raw.empty() || ec != std::errc() || ptr != raw.data() + raw.size() || !std::isfinite(v)) {
    return std::string(raw);
  }
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[40];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 15);
  return std::string(buf, res.ptr);
}

std::string CellText(pugi::xml_node c, const std::vector<std::string>& shared) {
  std::string_view type = c.attribute("t").value();
  pugi::xml_node v = Child(c, "v");
  if (type == "s") {
    auto idx = v.text().as_ullong(~0ull);
    return idx < shared.size() ? shared[idx] : std::string();
  }
  if (type == "inlineStr" || (!v && Child(c, "is"))) return RichText(Child(c, "is"));
  if (type == "b") return v.text().as_int() ? "TRUE" : "FALSE";
  if (type == "str") return DecodeEscapes(v.text().get());
  if (type == "e" || type == "d") return v.text().get();
  return NumberText(TrimSpaces(v.text().get()));
}

Result<Table> ReadXlsx(std::string_view bytes) {
  if (StartsWith(bytes, kOle2Magic)) {
    return FileError("文件是旧版 Excel（.xls）或设置了密码，请在 Excel 中另存为 .xlsx（不设密码）");
  }
  if (!StartsWith(bytes, kZipMagic)) return NotXlsx();
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_error_fini(&err);
  if (!src) return Error::Internal();
  zip_error_init(&err);
  std::unique_ptr<zip_t, ZipDiscard> z(zip_open_from_source(src, ZIP_RDONLY, &err));
  zip_error_fini(&err);
  if (!z) {
    zip_source_free(src);  // still ours when the open failed
    return NotXlsx();
  }

  auto parts = LocateFirstSheet(z.get());
  if (!parts) return std::move(parts).error();

  std::vector<std::string> shared;
  auto sst = ReadPart(z.get(), parts->workbook_dir + "sharedStrings.xml");
  if (!sst) return std::move(sst).error();
  if (*sst) {
    auto doc = ParseXml(**sst, "共享字符串");
    if (!doc) return std::move(doc).error();
    for (pugi::xml_node si : (*doc)->document_element().children()) {
      if (Is(si, "si")) shared.push_back(RichText(si));
    }
  }

  auto sheet = ReadPart(z.get(), parts->sheet);
  if (!sheet) return std::move(sheet).error();
  if (!*sheet) return FileError("Excel 文件已损坏（找不到第一个工作表）");
  auto doc = ParseXml(**sheet, "工作表");
  if (!doc) return std::move(doc).error();

  RowCollector rows;
  int next_number = 1;
  for (pugi::xml_node r : Child((*doc)->document_element(), "sheetData").children()) {
    if (!Is(r, "row")) continue;
    Row row;
    row.number = r.attribute("r").as_int(next_number);
    if (row.number <= 0) row.number = next_number;
    next_number = row.number + 1;
    int next_col = 0;
    for (pugi::xml_node c : r.children()) {
      if (!Is(c, "c")) continue;
      pugi::xml_attribute ref = c.attribute("r");
      int col = ref ? ColumnIndex(ref.value()) : next_col;
      if (col < 0) continue;
      next_col = col + 1;
      std::string value = CellText(c, shared);
      // Formatted but empty cells far to the right must not widen the row.
      if (value.empty()) continue;
      if (row.cells.size() <= static_cast<std::size_t>(col)) row.cells.resize(col + 1);
      row.cells[col] = std::move(value);
    }
    if (!rows.Add(std::move(row))) return TooManyRows();
  }
  return std::move(rows).Finish();
}

}  // namespace

std::optional<FileType> DetectFileType(std::string_view content_type, std::string_view file_name,
                                       std::string_view bytes) {
  if (StartsWith(bytes, kZipMagic)) return FileType::kXlsx;
  for (std::string_view magic : {kOle2Magic, std::string_view("%PDF-"), std::string_view("\x89PNG"),
                                 std::string_view("\xFF\xD8\xFF"), std::string_view("GIF8")}) {
    if (StartsWith(bytes, magic)) return std::nullopt;
  }
  std::string media = Lower(TrimSpaces(content_type.substr(0, content_type.find(';'))));
  if (media == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    return FileType::kXlsx;
  }
  if (media == "text/csv" || media == "application/csv" || media == "text/x-csv" ||
      media == "text/comma-separated-values" || media == "text/plain" ||
      media == "application/vnd.ms-excel") {
    return FileType::kCsv;
  }
  if (StartsWith(media, "image/") || StartsWith(media, "audio/") || StartsWith(media, "video/") ||
      media == "application/pdf") {
    return std::nullopt;
  }
  if (EndsWithNoCase(file_name, ".xlsx")) return FileType::kXlsx;
  if (EndsWithNoCase(file_name, ".csv") || EndsWithNoCase(file_name, ".txt")) {
    return FileType::kCsv;
  }
  // UTF-16 text (Excel's "Unicode text"): CSV, so that the reader can say
  // which encoding to use instead.
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) return FileType::kCsv;
  if (!bytes.empty() && bytes.substr(0, 8192).find('\0') == std::string_view::npos) {
    return FileType::kCsv;
  }
  return std::nullopt;
}

Result<Table> ReadTable(std::string_view bytes, FileType type) {
  if (bytes.empty() || bytes == kUtf8Bom) return FileError("文件是空的");
  return type == FileType::kXlsx ? ReadXlsx(bytes) : ReadCsv(bytes);
}

}  // namespace vw::tables
