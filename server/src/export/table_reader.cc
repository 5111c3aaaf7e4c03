#include "export/table_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>

#include "core/json.h"

namespace vw::tables {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kZipMagic{"PK\x03\x04", 4};
// OLE2 compound document: legacy .xls, and password-protected .xlsx.
constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
// Excel's last row; a larger row number in a file is ignored.
constexpr int kExcelMaxRow = 1048576;
// Entries of the shared string table (4 bytes each while reading).
constexpr std::size_t kMaxSharedStrings = 1u << 20;
// Files in the zip: a workbook has a few dozen; libzip holds ~300 bytes for
// each entry of the central directory from the moment it opens the file.
constexpr std::size_t kMaxZipEntries = 10000;

Error FileError(std::string message) { return Error::Invalid("file", std::move(message)); }

Error NotXlsx() { return FileError("文件不是有效的 Excel（.xlsx）文件"); }

// "32 MB", "1536 KB", "5000 字节": a limit as it is set.
std::string Size(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KB";
  return std::to_string(bytes) + " 字节";
}

std::string Where(int row, std::size_t col) {
  return "第 " + std::to_string(row) + " 行 " + ColumnName(col) + " 列";
}

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

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) >> 6) == 0x2; }

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
      if (!IsContinuation(s[i + k])) return false;
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

// Collects the rows of a sheet within the limits: cells trimmed, empty rows
// skipped, the first non-empty row kept as the header.
class RowCollector {
 public:
  explicit RowCollector(const Limits& limits) : limits_(limits) {}

  // Puts `value` into column `col` of `row`, gaps filled with "". Empty
  // cells are kept only inside the column limit and only when `keep_empty`
  // (CSV keeps them, so a row reads as typed).
  Status AddCell(Row& row, std::size_t col, std::string_view value, bool keep_empty) {
    std::string text = TrimSpaces(value);
    if (text.empty()) {
      if (keep_empty && col < limits_.max_columns && row.cells.size() <= col) {
        row.cells.resize(col + 1);
      }
      return Ok();
    }
    if (col >= limits_.max_columns) {
      return FileError("表格列数超过上限 " + std::to_string(limits_.max_columns) + "（" +
                       Where(row.number, col) + "），请删除多余的列");
    }
    if (Utf8Length(text) > limits_.max_cell_chars) return CellTooLong(row.number, col);
    text_bytes_ += text.size();
    if (text_bytes_ > limits_.max_text_bytes) {
      return FileError("表格文字总量超过上限 " + Size(limits_.max_text_bytes) + "（" +
                       Where(row.number, col) + "），请删除无关内容或分批导入");
    }
    if (row.cells.size() <= col) row.cells.resize(col + 1);
    row.cells[col] = std::move(text);
    return Ok();
  }

  Error CellTooLong(int row, std::size_t col) const {
    return FileError("单元格内容超过上限 " + std::to_string(limits_.max_cell_chars) + " 个字符（" +
                     Where(row, col) + "）");
  }

  // Ends a row; errors once there are more data rows than the limit.
  Status AddRow(Row row) {
    bool blank = std::all_of(row.cells.begin(), row.cells.end(),
                             [](const std::string& c) { return c.empty(); });
    if (blank) return Ok();
    if (!header_) {
      header_ = std::move(row);
      return Ok();
    }
    if (rows_.size() >= limits_.max_rows) {
      return FileError("数据行数超过上限 " + std::to_string(limits_.max_rows) + " 行（第 " +
                       std::to_string(row.number) + " 行），请分批导入");
    }
    rows_.push_back(std::move(row));
    return Ok();
  }

  Result<Table> Finish() && {
    if (!header_) return FileError("文件中没有数据（第一行应为表头）");
    Table t;
    t.header = std::move(*header_);
    t.rows = std::move(rows_);
    return t;
  }

 private:
  const Limits& limits_;
  std::optional<Row> header_;
  std::vector<Row> rows_;
  std::size_t text_bytes_ = 0;
};

// ---------------------------------------------------------------- CSV

Result<Table> ReadCsv(std::string_view bytes, const Limits& limits) {
  if (StartsWith(bytes, kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  if (!ValidUtf8(bytes)) {
    return FileError("文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”");
  }
  RowCollector rows(limits);
  Row row{1, {}};
  std::string cell;
  std::size_t cell_chars = 0;
  bool quoted = false;
  bool cell_started = false;  // the cell has content or an opening quote
  std::size_t col = 0;
  auto push = [&](char c) -> Status {
    if (!IsContinuation(c) && ++cell_chars > limits.max_cell_chars) {
      return rows.CellTooLong(row.number, col);
    }
    cell.push_back(c);
    return Ok();
  };
  auto end_cell = [&]() -> Status {
    VW_RETURN_IF_ERROR(rows.AddCell(row, col++, cell, /*keep_empty=*/true));
    cell.clear();
    cell_chars = 0;
    cell_started = false;
    return Ok();
  };
  // Ends the record; Excel shows every record, blank ones too, as one row.
  auto end_row = [&]() -> Status {
    int next = row.number + 1;
    VW_RETURN_IF_ERROR(rows.AddRow(std::move(row)));
    row = Row{next, {}};
    col = 0;
    return Ok();
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\0') {
      return FileError("文件中含有空字符（第 " + std::to_string(row.number) +
                       " 行），不是有效的 CSV 文本");
    }
    if (quoted) {
      if (c == '"') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
          VW_RETURN_IF_ERROR(push('"'));
          ++i;
        } else {
          quoted = false;
        }
      } else if (c == '\r') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
        VW_RETURN_IF_ERROR(push('\n'));
      } else {
        VW_RETURN_IF_ERROR(push(c));
      }
      continue;
    }
    switch (c) {
      case '"':
        if (cell_started) {
          VW_RETURN_IF_ERROR(push(c));  // a stray quote inside an unquoted cell is text
        } else {
          quoted = true;
          cell_started = true;
        }
        break;
      case ',':
        VW_RETURN_IF_ERROR(end_cell());
        break;
      case '\r':
      case '\n':
        if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
        VW_RETURN_IF_ERROR(end_cell());
        VW_RETURN_IF_ERROR(end_row());
        break;
      default:
        VW_RETURN_IF_ERROR(push(c));
        cell_started = true;
    }
  }
  if (quoted) {
    return FileError("文件格式不正确：第 " + std::to_string(row.number) + " 行的引号没有闭合");
  }
  if (cell_started || col > 0) {
    VW_RETURN_IF_ERROR(end_cell());
    VW_RETURN_IF_ERROR(end_row());
  }
  return std::move(rows).Finish();
}

// ---------------------------------------------------------------- xlsx
//
// Every part is inflated in chunks and handed to expat as it comes, so what
// the reader holds is one chunk, the current row and what it keeps (the
// shared strings and the table), each within the limits. Part sizes
// declared in the zip are not trusted: the bytes that come out are counted.

// The parser does not resolve namespaces; elements and attributes are
// matched by their local name, so that prefixed documents ("x:row",
// written by some libraries) read the same.
std::string_view LocalName(std::string_view qualified) {
  auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// The attribute with this name (exact), or nullptr.
const char* Attr(const XML_Char** attrs, std::string_view name) {
  for (std::size_t i = 0; attrs[i]; i += 2) {
    if (name == attrs[i]) return attrs[i + 1];
  }
  return nullptr;
}

// The relationship id of a <sheet>: the attribute "r:id", whatever its prefix.
const char* RelationshipId(const XML_Char** attrs) {
  for (std::size_t i = 0; attrs[i]; i += 2) {
    std::string_view name = attrs[i];
    if (name.find(':') != std::string_view::npos && LocalName(name) == "id") return attrs[i + 1];
  }
  return nullptr;
}

// Receives the parse of one part. A handler that finds a problem sets
// `error`; the parse stops there and returns it.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view text) {}

  std::optional<Error> error;
};

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

class Package {
 public:
  Package(zip_t* z, const Limits& limits) : z_(z), limits_(limits) {}

  // Parses the part `name` (case-insensitive, as in OPC) into `handler`.
  // False when the package has no such part. `what` names the part in
  // messages ("工作表").
  Result<bool> Parse(const std::string& name, XmlHandler& handler, const char* what) {
    zip_int64_t index = zip_name_locate(z_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return false;
    std::unique_ptr<zip_file_t, ZipFileClose> f(
        zip_fopen_index(z_, static_cast<zip_uint64_t>(index), 0));
    if (!f) return FileError("Excel 文件已损坏或已加密，无法读取");
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
    if (!parser) throw std::bad_alloc();
    XML_Parser p = parser.get();
    Context ctx{handler, p};
    XML_SetUserData(p, &ctx);
    XML_SetElementHandler(p, &Context::OnStart, &Context::OnEnd);
    XML_SetCharacterDataHandler(p, &Context::OnText);
    XML_SetStartDoctypeDeclHandler(p, &Context::OnDoctype);

    auto broken = [&] { return FileError(std::string("Excel 文件已损坏（") + what + "）"); };
    auto outcome = [&](XML_Status status) -> Status {
      if (handler.error) return *handler.error;
      if (status != XML_STATUS_OK) return broken();
      return Ok();
    };
    std::size_t part_bytes = 0;
    char buf[64 * 1024];
    zip_int64_t n;
    while ((n = zip_fread(f.get(), buf, sizeof buf)) > 0) {
      auto got = static_cast<std::size_t>(n);
      part_bytes += got;
      package_bytes_ += got;
      if (part_bytes > limits_.max_part_bytes) {
        return FileError(std::string("文件过大：") + what + "解压后超过上限 " +
                         Size(limits_.max_part_bytes) + "，请删除无关内容或分批导入");
      }
      if (package_bytes_ > limits_.max_package_bytes) {
        return FileError("文件过大：解压后总计超过上限 " + Size(limits_.max_package_bytes) +
                         "，请删除无关内容或分批导入");
      }
      VW_RETURN_IF_ERROR(outcome(XML_Parse(p, buf, static_cast<int>(got), XML_FALSE)));
    }
    if (n < 0) return FileError("Excel 文件已损坏，无法读取");
    VW_RETURN_IF_ERROR(outcome(XML_Parse(p, buf, 0, XML_TRUE)));
    return true;
  }

 private:
  struct Context {
    XmlHandler& handler;
    XML_Parser parser;

    void Stop(Error e) {
      if (!handler.error) handler.error = std::move(e);
      XML_StopParser(parser, XML_FALSE);
    }
    static void OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
      auto* c = static_cast<Context*>(data);
      c->handler.Start(LocalName(name), attrs);
      if (c->handler.error) c->Stop(*c->handler.error);
    }
    static void OnEnd(void* data, const XML_Char* name) {
      auto* c = static_cast<Context*>(data);
      c->handler.End(LocalName(name));
      if (c->handler.error) c->Stop(*c->handler.error);
    }
    static void OnText(void* data, const XML_Char* s, int len) {
      auto* c = static_cast<Context*>(data);
      c->handler.Text(std::string_view(s, static_cast<std::size_t>(len)));
      if (c->handler.error) c->Stop(*c->handler.error);
    }
    // Workbooks never carry a DTD; one is refused rather than expanded.
    static void OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      static_cast<Context*>(data)->Stop(FileError("Excel 文件已损坏（含有 DTD）"));
    }
  };

  zip_t* z_;
  const Limits& limits_;
  std::size_t package_bytes_ = 0;
};

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

// The target of the first relationship whose Id is `id` (or, with an empty
// id, whose Type ends with `type_suffix`); only that one is kept.
class RelationshipFinder : public XmlHandler {
 public:
  RelationshipFinder(std::string_view id, std::string_view type_suffix)
      : id_(id), type_suffix_(type_suffix) {}

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (found_ || name != "Relationship") return;
    std::string_view rid = Attr(attrs, "Id") ? Attr(attrs, "Id") : "";
    std::string_view type = Attr(attrs, "Type") ? Attr(attrs, "Type") : "";
    bool match = !id_.empty() ? rid == id_
                              : type.size() >= type_suffix_.size() &&
                                    type.substr(type.size() - type_suffix_.size()) == type_suffix_;
    if (match && Attr(attrs, "Target")) {
      target = Attr(attrs, "Target");
      found_ = true;
    }
  }
  void End(std::string_view) override {}

  std::string target;

 private:
  std::string id_;
  std::string type_suffix_;
  bool found_ = false;
};

// The relationship id of the first visible <sheet> in <sheets> (or of the
// first sheet when all are hidden).
class SheetChooser : public XmlHandler {
 public:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheets") {
      in_sheets_ = true;
    } else if (in_sheets_ && name == "sheet" && !visible_) {
      const char* rid = RelationshipId(attrs);
      const char* state = Attr(attrs, "state");
      bool hidden =
          state && (std::string_view(state) == "hidden" || std::string_view(state) == "veryHidden");
      if (!found || !hidden) rid_ = rid ? rid : "";
      found = true;
      visible_ = !hidden;
    }
  }
  void End(std::string_view name) override {
    if (name == "sheets") in_sheets_ = false;
  }

  bool found = false;
  const std::string& rid() const { return rid_; }

 private:
  bool in_sheets_ = false;
  bool visible_ = false;
  std::string rid_;
};

struct SheetParts {
  std::string workbook_dir;  // "xl/"
  std::string sheet;         // "xl/worksheets/sheet1.xml"
};

// Finds the first visible worksheet: package rels → workbook → its rels.
Result<SheetParts> LocateFirstSheet(Package& pkg) {
  std::string workbook = "xl/workbook.xml";
  RelationshipFinder root("", "/officeDocument");
  VW_TRY(has_root, pkg.Parse("_rels/.rels", root, "包关系"));
  if (has_root && !root.target.empty()) workbook = ResolveTarget("", root.target);

  SheetParts parts{DirName(workbook), ""};
  SheetChooser chooser;
  VW_TRY(has_workbook, pkg.Parse(workbook, chooser, "工作簿"));
  if (!has_workbook) return NotXlsx();
  if (!chooser.found) return FileError("Excel 文件中没有工作表");

  if (!chooser.rid().empty()) {
    std::string rels_name =
        parts.workbook_dir + "_rels/" + workbook.substr(parts.workbook_dir.size()) + ".rels";
    RelationshipFinder rels(chooser.rid(), "");
    VW_TRY(has_rels, pkg.Parse(rels_name, rels, "工作簿关系"));
    if (has_rels && !rels.target.empty()) {
      parts.sheet = ResolveTarget(parts.workbook_dir, rels.target);
    }
  }
  if (parts.sheet.empty()) parts.sheet = parts.workbook_dir + "worksheets/sheet1.xml";
  return parts;
}

// Excel writes characters XML cannot hold as _xHHHH_ ("_x000D_" for CR).
// Code points that are no characters (NUL, surrogates) stay as written.
std::string DecodeEscapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      auto [ptr, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
      bool character = cp == 0x9 || cp == 0xA || cp == 0xD ||
                       (cp >= 0x20 && (cp < 0xD800 || cp > 0xDFFF) && cp < 0xFFFE);
      if (ec == std::errc() && ptr == s.data() + i + 6 && character) {
        AppendUtf8(out, cp);
        i += 7;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

// The text of a cell or shared string as written, before _xHHHH_ decoding.
// Capped at 7 bytes a character (an escape is the longest way to write
// one), so the exact check after decoding sees the whole of any text that
// can pass it, and nothing longer is ever held.
class TextBuffer {
 public:
  explicit TextBuffer(std::size_t max_chars) : cap_(max_chars * 7 + 8) {}
  void Clear() {
    text_.clear();
    over_ = false;
  }
  void Append(std::string_view s) {
    if (over_) return;
    if (text_.size() + s.size() > cap_) {
      over_ = true;
      text_.clear();
      return;
    }
    text_.append(s);
  }
  bool over() const { return over_; }
  const std::string& text() const { return text_; }

 private:
  std::size_t cap_;
  std::string text_;
  bool over_ = false;
};

// The shared string table, kept as one block of text: each entry costs
// 4 bytes plus its text. Entries over the cell limit keep no text; using
// one in a cell is an error of that cell.
class SharedStrings : public XmlHandler {
 public:
  explicit SharedStrings(const Limits& limits) : limits_(limits), text_(limits.max_cell_chars) {}

  void Start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_si_ = true;
      rph_depth_ = 0;
      text_.Clear();
    } else if (in_si_ && name == "rPh") {
      ++rph_depth_;
    } else if (in_si_ && rph_depth_ == 0 && name == "t") {
      in_t_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "t") {
      in_t_ = false;
    } else if (name == "rPh" && rph_depth_ > 0) {
      --rph_depth_;
    } else if (name == "si" && in_si_) {
      in_si_ = false;
      Store();
    }
  }
  void Text(std::string_view s) override {
    if (in_t_) text_.Append(s);
  }

  // Entry `index`: its text, nullopt when there is no such entry, or an
  // error when it is over the cell limit.
  enum class Lookup { kFound, kMissing, kTooLong };
  Lookup Get(std::uint64_t index, std::string_view* out) const {
    if (index >= starts_.size()) return Lookup::kMissing;
    auto i = static_cast<std::uint32_t>(index);
    if (std::binary_search(too_long_.begin(), too_long_.end(), i)) return Lookup::kTooLong;
    std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] : pool_.size();
    *out = std::string_view(pool_).substr(starts_[i], end - starts_[i]);
    return Lookup::kFound;
  }

 private:
  void Store() {
    if (starts_.size() >= kMaxSharedStrings) {
      error = FileError("共享字符串超过上限 " + std::to_string(kMaxSharedStrings) + " 个");
      return;
    }
    auto index = static_cast<std::uint32_t>(starts_.size());
    starts_.push_back(static_cast<std::uint32_t>(pool_.size()));
    std::string decoded = text_.over() ? std::string() : DecodeEscapes(text_.text());
    if (text_.over() || Utf8Length(decoded) > limits_.max_cell_chars) {
      too_long_.push_back(index);
      return;
    }
    pool_ += decoded;
  }

  const Limits& limits_;
  TextBuffer text_;
  bool in_si_ = false;
  bool in_t_ = false;
  int rph_depth_ = 0;
  std::string pool_;
  std::vector<std::uint32_t> starts_;
  std::vector<std::uint32_t> too_long_;  // ascending
};

// "C12" → 2 (0-based column index); nullopt when malformed or beyond XFD.
std::optional<std::size_t> ColumnIndex(std::string_view ref) {
  std::size_t col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  if (i == 0 || col > 16384) return std::nullopt;
  return col - 1;
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

// The rows of <sheetData>, cell by cell as they are parsed.
class SheetReader : public XmlHandler {
 public:
  SheetReader(const Limits& limits, const SharedStrings& shared, RowCollector& rows)
      : shared_(shared),
        rows_(rows),
        value_(limits.max_cell_chars),
        inline_(limits.max_cell_chars) {}

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheetData") {
      in_data_ = true;
      return;
    }
    if (!in_data_) return;
    if (name == "row") {
      StartRow(Attr(attrs, "r"));
      return;
    }
    if (name == "c") {
      StartCell(Attr(attrs, "r"), Attr(attrs, "t"));
      return;
    }
    if (!in_cell_) return;
    if (name == "v") {
      has_v_ = in_v_ = true;
    } else if (name == "is") {
      has_is_ = in_is_ = true;
    } else if (name == "rPh") {
      ++rph_depth_;
    } else if (in_is_ && rph_depth_ == 0 && name == "t") {
      in_t_ = true;
    }
  }

  void End(std::string_view name) override {
    if (!in_data_) return;
    if (name == "sheetData") {
      if (in_row_) EndRow();
      in_data_ = false;
    } else if (name == "row" && in_row_) {
      EndRow();
    } else if (name == "c" && in_cell_) {
      EndCell();
    } else if (name == "v") {
      in_v_ = false;
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "t") {
      in_t_ = false;
    } else if (name == "rPh" && rph_depth_ > 0) {
      --rph_depth_;
    }
  }

  void Text(std::string_view s) override {
    if (!in_cell_) return;
    if (in_v_) {
      value_.Append(s);
    } else if (in_t_) {
      inline_.Append(s);  // the text runs of an inline string, phonetic guides left out
    }
  }

 private:
  void StartRow(const char* r) {
    if (in_row_) EndRow();
    in_row_ = true;
    int number = 0;
    if (r) {
      std::string_view s(r);
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
      if (ec != std::errc() || ptr != s.data() + s.size()) number = 0;
    }
    if (number <= 0 || number > kExcelMaxRow) number = next_number_;
    row_ = Row{number, {}};
    next_number_ = std::min(number + 1, kExcelMaxRow);
    next_col_ = 0;
  }

  void EndRow() {
    in_row_ = false;
    if (in_cell_) EndCell();
    if (error) return;
    if (Status st = rows_.AddRow(std::move(row_)); !st) error = st.error();
    row_ = Row{};
  }

  void StartCell(const char* ref, const char* type) {
    if (!in_row_) StartRow(nullptr);
    if (in_cell_) EndCell();
    in_cell_ = true;
    col_ = ref ? ColumnIndex(ref) : std::optional<std::size_t>(next_col_);
    if (col_) next_col_ = *col_ + 1;
    type_ = type ? type : "";
    has_v_ = has_is_ = in_v_ = in_is_ = in_t_ = false;
    rph_depth_ = 0;
    value_.Clear();
    inline_.Clear();
  }

  void EndCell() {
    in_cell_ = false;
    if (!col_ || error) return;  // a malformed reference: not a cell we can place
    std::size_t col = *col_;
    bool inline_string = type_ == "inlineStr" || (!has_v_ && has_is_);
    const TextBuffer& text = inline_string ? inline_ : value_;
    if (text.over()) {
      error = rows_.CellTooLong(row_.number, col);
      return;
    }
    std::string_view raw = text.text();
    std::string value;
    if (type_ == "s") {
      std::uint64_t index = 0;
      std::string trimmed = TrimSpaces(raw);
      auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), index);
      std::string_view shared;
      if (ec == std::errc() && ptr == trimmed.data() + trimmed.size()) {
        switch (shared_.Get(index, &shared)) {
          case SharedStrings::Lookup::kFound:
            value = shared;
            break;
          case SharedStrings::Lookup::kTooLong:
            error = rows_.CellTooLong(row_.number, col);
            return;
          case SharedStrings::Lookup::kMissing:
            break;
        }
      }
    } else if (inline_string || type_ == "str") {
      value = DecodeEscapes(raw);
    } else if (type_ == "b") {
      std::string trimmed = TrimSpaces(raw);
      int flag = 0;
      std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), flag);
      value = flag ? "TRUE" : "FALSE";
    } else if (type_ == "e" || type_ == "d") {
      value = raw;
    } else {
      value = NumberText(TrimSpaces(raw));
    }
    if (Status st = rows_.AddCell(row_, col, value, /*keep_empty=*/false); !st) {
      error = st.error();
    }
  }

  const SharedStrings& shared_;
  RowCollector& rows_;
  TextBuffer value_;   // <v>
  TextBuffer inline_;  // <is>
  bool in_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool has_v_ = false, has_is_ = false, in_v_ = false, in_is_ = false, in_t_ = false;
  int rph_depth_ = 0;
  Row row_;
  int next_number_ = 1;
  std::size_t next_col_ = 0;
  std::optional<std::size_t> col_;
  std::string type_;
};

// The number of entries the zip's end-of-central-directory record declares
// (its ZIP64 record's when it has one); nullopt when there is no such
// record, which libzip then reports as a broken file.
std::optional<std::uint64_t> DeclaredZipEntries(std::string_view bytes) {
  auto le = [&](std::size_t at, int width) {
    std::uint64_t v = 0;
    for (int i = width - 1; i >= 0; --i) {
      v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    }
    return v;
  };
  constexpr std::size_t kEocd = 22, kMaxComment = 0xFFFF;
  if (bytes.size() < kEocd) return std::nullopt;
  std::size_t lowest = bytes.size() > kEocd + kMaxComment ? bytes.size() - kEocd - kMaxComment : 0;
  for (std::size_t at = bytes.size() - kEocd + 1; at-- > lowest;) {
    if (bytes.compare(at, 4, "PK\x05\x06") != 0) continue;
    std::uint64_t entries = le(at + 10, 2);
    // ZIP64: a locator just before the record points at the real count.
    if (entries == 0xFFFF && at >= 20 && bytes.compare(at - 20, 4, "PK\x06\x07") == 0) {
      std::uint64_t record = le(at - 20 + 8, 8);
      if (bytes.size() >= 56 && record <= bytes.size() - 56 &&
          bytes.compare(record, 4, "PK\x06\x06") == 0) {
        entries = le(record + 32, 8);
      }
    }
    return entries;
  }
  return std::nullopt;
}

Result<Table> ReadXlsx(std::string_view bytes, const Limits& limits) {
  if (StartsWith(bytes, kOle2Magic)) {
    return FileError("文件是旧版 Excel（.xls）或设置了密码，请在 Excel 中另存为 .xlsx（不设密码）");
  }
  if (!StartsWith(bytes, kZipMagic)) return NotXlsx();
  if (auto entries = DeclaredZipEntries(bytes); entries && *entries > kMaxZipEntries) {
    return FileError("文件过大：压缩包中的文件数超过上限 " + std::to_string(kMaxZipEntries) +
                     " 个，不是有效的 Excel 工作簿");
  }
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

  Package pkg(z.get(), limits);
  VW_TRY(parts, LocateFirstSheet(pkg));

  SharedStrings shared(limits);
  VW_TRY(has_shared, pkg.Parse(parts.workbook_dir + "sharedStrings.xml", shared, "共享字符串"));
  (void)has_shared;

  RowCollector rows(limits);
  SheetReader sheet(limits, shared, rows);
  VW_TRY(has_sheet, pkg.Parse(parts.sheet, sheet, "工作表"));
  if (!has_sheet) return FileError("Excel 文件已损坏（找不到第一个工作表）");
  return std::move(rows).Finish();
}

}  // namespace

std::string Excerpt(std::string_view text, std::size_t max_chars) {
  std::string head = Utf8Prefix(text, max_chars);
  return head.size() < text.size() ? head + "…" : head;
}

std::string ColumnName(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

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

Result<Table> ReadTable(std::string_view bytes, FileType type, const Limits& limits) {
  if (bytes.empty() || bytes == kUtf8Bom) return FileError("文件是空的");
  return type == FileType::kXlsx ? ReadXlsx(bytes, limits) : ReadCsv(bytes, limits);
}

}  // namespace vw::tables
