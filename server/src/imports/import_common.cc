#include "imports/import_common.h"

#include <charconv>

namespace vw::imports::detail {
namespace {

// Template titles are often decorated: "单位名称*", "单位名称（必填）".
std::string NormaliseTitle(std::string_view title) {
  std::string t = TrimSpaces(title);
  for (std::string_view mark : {"（必填）", "(必填)", "（选填）", "(选填)", "*", "＊"}) {
    if (t.size() > mark.size() && t.compare(t.size() - mark.size(), mark.size(), mark) == 0) {
      t = TrimSpaces(std::string_view(t).substr(0, t.size() - mark.size()));
    }
    if (t.size() > mark.size() && t.compare(0, mark.size(), mark) == 0) {
      t = TrimSpaces(std::string_view(t).substr(mark.size()));
    }
  }
  return t;
}

// The Chinese column title for an API field named in a service error.
std::string TitleFor(const std::vector<Column>& columns, const std::string& field) {
  for (const auto& c : columns) {
    if (field == c.field) return c.title;
  }
  return field;
}

}  // namespace

Layout MapHeader(const tables::Row& header, const std::vector<Column>& columns) {
  Layout l;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    std::string title = NormaliseTitle(header.cells[i]);
    if (title.empty()) continue;
    const Column* column = nullptr;
    for (const auto& c : columns) {
      bool alias = false;
      for (const auto& a : c.aliases) alias = alias || a == title;
      if (title == c.title || alias) column = &c;
    }
    if (!column) {
      std::string shown = tables::Excerpt(header.cells[i]);
      l.errors.push_back(
          {header.number, shown, "无法识别的列“" + shown + "”，请使用导入模板中的列名"});
    } else if (!l.index.emplace(column->title, i).second) {
      l.errors.push_back({header.number, column->title, "列“" + column->title + "”出现了两次"});
    }
  }
  for (const auto& c : columns) {
    if (c.required && !l.index.count(c.title)) {
      l.errors.push_back({header.number, c.title, "缺少必填列“" + c.title + "”"});
    }
  }
  return l;
}

std::string Cell(const Layout& l, const tables::Row& row, const std::string& title) {
  auto it = l.index.find(title);
  if (it == l.index.end() || it->second >= row.cells.size()) return "";
  return row.cells[it->second];
}

Error WithTitle(Error e, const std::vector<Column>& columns) {
  e.field = TitleFor(columns, e.field);
  return e;
}

// "1,200" and "1200" alike; empty is 0.
Result<std::int64_t> ParseCount(const std::string& text, const std::string& title) {
  std::string digits;
  for (char c : text) {
    if (c != ',') digits.push_back(c);
  }
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (digits.empty()) return std::int64_t{0};
  if (ec != std::errc() || ptr != digits.data() + digits.size() || v < 0) {
    return Error::Invalid(title,
                          title + "应为不小于0的整数，不能是“" + tables::Excerpt(text) + "”");
  }
  return v;
}

// Splits on , ; 、 ， ； and spaces (ASCII and U+3000).
std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ',' || s[i] == ';' || s[i] == ' ' || s[i] == '\t') {
      flush();
      ++i;
    } else if (s.compare(i, 3, "、") == 0 || s.compare(i, 3, "，") == 0 ||
               s.compare(i, 3, "；") == 0 || s.compare(i, 3, "\xE3\x80\x80") == 0) {
      flush();
      i += 3;
    } else {
      cur.push_back(s[i++]);
    }
  }
  flush();
  return out;
}

Status CheckSize(const tables::Table& table, std::size_t max_rows, const char* what) {
  if (table.rows.empty()) return Error::Invalid("file", "文件中只有表头，没有数据行");
  if (table.rows.size() > max_rows) {
    return Error::Invalid("file", "一次最多导入 " + std::to_string(max_rows) + " " + what +
                                      "，文件中有 " + std::to_string(table.rows.size()) +
                                      " 行数据，请分批导入");
  }
  return Ok();
}

// The message for a statement that failed mid-import; the transaction is
// unusable after it on PostgreSQL, so the import stops.
std::string StoppedMessage(const std::exception& e) {
  if (db::IsUniqueViolation(e)) {
    return "与已有数据重复（可能有人刚刚添加了相同的数据），导入已停止，请检查后重新导入";
  }
  return "写入数据库时出错，导入已停止，请稍后重试";
}

}  // namespace vw::imports::detail
