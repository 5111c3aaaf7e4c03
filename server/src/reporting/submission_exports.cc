// Files of the reporting forms: the annex-4 and annex-5 tables as .xlsx and
// PDF, the summary report as PDF and .docx, the statistics template and its
// import, and the stamped scans.
#include "audit/audit.h"
#include "core/crypto.h"
#include "core/json.h"
#include "core/time.h"
#include "export/document.h"
#include "export/docx.h"
#include "export/pdf.h"
#include "export/table_reader.h"
#include "export/xlsx.h"
#include "reporting/scan_store.h"
#include "reporting/submission_store.h"
#include "reporting/submissions.h"

namespace vw::reporting {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxScanBytes = 10u << 20;
constexpr std::int64_t kMaxScansPerSubmission = 10;

std::int64_t Number(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}
const json::object& Object(const json::object& o, std::string_view key) {
  static const json::object empty;
  const json::value* v = o.if_contains(key);
  return v && v->is_object() ? v->as_object() : empty;
}

// What an export renders: the accepted snapshot as frozen, else the live form.
struct Rendered {
  json::object content;
  std::optional<doc::Verification> verification;
  std::string contact_person;
  std::string contact_phone;
};

Rendered RenderSource(const Submission& sub, const std::string& origin) {
  Rendered out;
  if (sub.status == "accepted" && sub.snapshot) {
    auto parsed = ParseJsonObject(sub.snapshot->content);
    out.content = parsed ? *parsed : Content(sub);
    out.verification = doc::Verification{
        sub.snapshot->code, origin + "/p/verify/" + sub.snapshot->code,
        "本表已于 " +
            timeutil::FormatShanghaiMinute(*timeutil::ParseUtc(sub.snapshot->accepted_at)) + " 经" +
            sub.parent_name + "审核通过。扫码、访问链接或在 " + origin +
            "/p/verify 输入验证码（不区分大小写）可核验内容（SHA-256 摘要前 16 位：" +
            sub.snapshot->content_hash.substr(0, 16) + "）。"};
  } else {
    out.content = Content(sub);
  }
  return out;
}

// The unit's overrides under the table, so that a 合计 differing from the
// rows above it says why: "合计含本单位调整：<figure>系统计算 2，填报 5（<reason>）；…";
// "" without overrides.
std::string OverridesNote(const json::object& c) {
  const json::object& overrides = Object(Object(c, "data"), "overrides");
  StatisticsRow computed = RowFromJson(Object(c, "computed"));
  std::string out;
  for (const auto& [key, v] : overrides) {
    if (!v.is_object()) continue;
    const json::value* value = v.as_object().if_contains("value");
    if (!value || !value->is_int64()) continue;
    std::string reason = TextOf(v.as_object(), "reason");
    out += (out.empty() ? "" : "；") + FigureLabel(key) + "系统计算 " +
           std::to_string(FigureOf(computed, key)) + "，填报 " + std::to_string(value->as_int64()) +
           (reason.empty() ? "" : "（" + reason + "）");
  }
  return out.empty() ? out : "合计含本单位调整：" + out + "。";
}

Statistics StatisticsFromContent(const json::object& c) {
  Statistics st;
  st.unit_name = TextOf(c, "unit_name");
  st.campaign_name = TextOf(c, "campaign_name");
  st.year = static_cast<int>(Number(c, "year"));
  if (const json::value* rows = c.if_contains("rows"); rows && rows->is_array()) {
    for (const auto& r : rows->as_array()) {
      const json::object& row = r.as_object();
      const json::value* included = row.if_contains("included");
      bool counted = !included || !included->is_bool() || included->as_bool();
      st.rows.push_back(RowFromJson(row));
      st.uncounted.push_back(counted ? std::string() : UncountedNote(TextOf(row, "status")));
    }
  }
  // The unit's own figures with its overrides: the total row it submits.
  StatisticsRow final_row = RowFromJson(Object(c, "final"));
  final_row.unit_name = "合计";
  st.total = final_row;
  return st;
}

constexpr const char* kInfoHeaders[] = {
    "市（州）/职业学校（含技工学校）", "联系人", "职务", "手机", "QQ号",
    "专题网站（专栏）链接地址"};

std::string InfoTitle(const json::object& c) {
  return std::to_string(Number(c, "year")) + "年职业教育活动周信息采集表";
}

// Annex 4 as printed (PDF) and as a workbook (the sheet_* fields).
doc::TableDocument InfoTable(const json::object& c, const std::string& note) {
  const json::object& d = Object(c, "data");
  doc::TableDocument t;
  t.label = "附件4";
  t.sheet_name = "信息采集表";
  t.sheet_widths = {24, 12, 12, 12, 12, 30};
  t.footnote_height = 36;
  t.repeat_header = false;
  t.title = InfoTitle(c);
  t.info_line =
      StatisticsInfoLine(TextOf(c, "unit_name"), TextOf(d, "contact_person"), TextOf(d, "mobile"));
  t.column_widths = {2.4, 1.2, 1.2, 1.6, 1.4, 2.8};
  doc::Row head;
  for (const char* h : kInfoHeaders) head.cells.push_back({h, 1, 1, true});
  head.sheet_height = 36;
  t.header = {head};
  doc::Row values;
  for (const std::string& v :
       {TextOf(c, "unit_name"), TextOf(d, "contact_person"), TextOf(d, "position"),
        TextOf(d, "mobile"), TextOf(d, "qq"), TextOf(d, "website")}) {
    doc::Cell cell{v};
    cell.wrap = true;
    values.cells.push_back(cell);
  }
  values.min_height_mm = 14;
  values.sheet_height = 36;
  t.body.push_back(values);
  auto long_row = [](const char* label, const std::string& text) {
    doc::Row r;
    doc::Cell head{label, 1, 1, true};
    head.wrap = true;
    doc::Cell body{text, 5, 1, false, doc::Align::kLeft};
    body.wrap = true;
    body.top = true;
    r.cells = {head, body};
    r.min_height_mm = 70;
    r.sheet_height = 150;
    return r;
  };
  t.body.push_back(long_row("活动周工作计划\n（300字以内）", TextOf(d, "work_plan")));
  t.body.push_back(long_row("特色活动简介\n（300字以内）", TextOf(d, "featured")));
  t.footnotes = {note};
  return t;
}

doc::ReportDocument SummaryDocument(const json::object& c) {
  static const std::pair<const char*, const char*> kSections[] = {
      {"basic", "一、基本情况"},         {"measures", "二、主要做法和措施"},
      {"results", "三、取得成效"},       {"highlights", "四、活动亮点"},
      {"cases", "五、典型案例"},         {"media", "六、媒体宣传情况"},
      {"problems", "七、存在问题及建议"}};
  doc::ReportDocument d;
  d.title =
      TextOf(c, "unit_name") + std::to_string(Number(c, "year")) + "年职业教育活动周工作总结报告";
  d.subtitle = TextOf(c, "unit_name");
  const json::object& sections = Object(Object(c, "data"), "sections");
  for (const auto& [key, heading] : kSections) {
    d.sections.push_back({heading, TextOf(sections, key)});
  }
  return d;
}

// PDF, JPEG or PNG by their first bytes.
std::optional<std::string> SniffScan(std::string_view b) {
  if (b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.size() > 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF) {
    return "image/jpeg";
  }
  if (b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  return std::nullopt;
}

// The code point at s[i] and its length; 0 for a byte that does not start
// valid UTF-8 (the header was percent-decoded, so anything may come).
std::pair<char32_t, std::size_t> CodePointAt(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  std::size_t n = b < 0x80             ? 1
                  : (b & 0xE0) == 0xC0 ? 2
                  : (b & 0xF0) == 0xE0 ? 3
                  : (b & 0xF8) == 0xF0 ? 4
                                       : 0;
  if (n == 0 || i + n > s.size()) return {0, 1};
  if (n == 1) return {b, 1};
  char32_t c = b & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0, 1};
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  bool overlong = (n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000);
  if (overlong || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return {0, n};
  return {c, n};
}

// What a file name may not carry: control characters, invisible direction
// and line controls, quotes, and what file systems refuse (< > : / \ | ? *).
bool Unsafe(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 ||
         c == 0x2029 || c == 0xFEFF ||
         std::u32string_view(U"\"'<>:/\\|?*").find(c) != std::u32string_view::npos;
}

std::string_view ExtensionOf(std::string_view content_type) {
  if (content_type == "application/pdf") return ".pdf";
  if (content_type == "image/jpeg") return ".jpg";
  if (content_type == "image/png") return ".png";
  return "";
}

// "12", "12.0" → 12; nullopt for anything else (negative, fractions, text).
std::optional<std::int64_t> WholeNumber(const std::string& cell) {
  std::string t = TrimSpaces(cell);
  if (t.empty()) return std::nullopt;
  if (auto dot = t.find('.'); dot != std::string::npos) {
    if (t.find_first_not_of('0', dot + 1) != std::string::npos) return std::nullopt;
    t = t.substr(0, dot);
  }
  if (t.empty() || t.size() > 12 || t.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(t);
}

// The leader's sign-off of the content (Content's "signed_off") as the
// exports print it, "审签：姓名 2025-05-14 10:00"; "" when not signed off.
std::string SignOffLine(const json::object& c) {
  const json::object& signed_off = Object(c, "signed_off");
  std::string at = TextOf(signed_off, "at");
  if (at.empty()) return "";
  std::string when = at;
  if (auto utc = timeutil::ParseInstant(at, "at", "审签时间")) {
    when = timeutil::FormatShanghaiMinute(*utc);
  }
  return "审签：" + TextOf(signed_off, "by") + " " + when;
}

// A table's last footnote is the sign-off line.
void AddSignOff(doc::TableDocument& d, const json::object& c) {
  if (std::string line = SignOffLine(c); !line.empty()) d.footnotes.push_back(std::move(line));
}

}  // namespace

std::string ScanFileName(std::string_view client_name, std::string_view content_type) {
  std::string_view base = client_name;
  if (auto slash = base.find_last_of("/\\"); slash != std::string_view::npos) {
    base.remove_prefix(slash + 1);
  }
  std::string clean;
  for (std::size_t i = 0; i < base.size();) {
    auto [c, n] = CodePointAt(base, i);
    if (c != 0 && !Unsafe(c)) clean.append(base.substr(i, n));
    i += n;
  }
  // The client's extension goes: the type judged from the bytes names it.
  if (auto dot = clean.rfind('.'); dot != std::string::npos) clean.erase(dot);
  clean = TrimSpaces(clean);
  std::size_t lead = clean.find_first_not_of(". ");
  clean.erase(0, lead == std::string::npos ? clean.size() : lead);
  while (!clean.empty() && (clean.back() == '.' || clean.back() == ' ')) clean.pop_back();
  if (clean.empty()) clean = "盖章扫描件";
  return Utf8Prefix(clean, 100) + std::string(ExtensionOf(content_type));
}

FormContact StatisticsFiller(db::Session& s, Id campaign_id, Id unit_id) {
  FormContact c;
  if (auto info = store::FindSubmission(s, campaign_id, unit_id, "info_form")) {
    if (auto data = ParseJsonObject(info->data)) {
      c.person = TrimSpaces(TextOf(*data, "contact_person"));
      c.phone = TrimSpaces(TextOf(*data, "mobile"));
    }
  }
  if (c.person.empty() || c.phone.empty()) {
    store::UnitContact unit = store::ContactOf(s, unit_id);
    if (c.person.empty()) c.person = unit.person;
    if (c.phone.empty()) c.phone = unit.phone;
  }
  return c;
}

Result<ExportFile> SubmissionService::Export(const Principal& p, Id campaign_id,
                                             const std::string& form, Id unit_id,
                                             const std::string& format, const std::string& origin) {
  VW_TRY(sub, Get(p, campaign_id, form, unit_id));
  if (format != "xlsx" && format != "pdf" && format != "docx") {
    return Error::Invalid("format", "导出格式应为 xlsx、pdf 或 docx");
  }
  if (form == "plan") {
    return Error::Invalid("format", "活动方案没有导出格式，请下载上传的方案文件");
  }
  Rendered r = RenderSource(sub, origin);
  const json::object& c = r.content;
  db::Session s(db_);
  if (form == "statistics") {
    Statistics st = StatisticsFromContent(c);
    FormContact contact = StatisticsFiller(s, campaign_id, unit_id);
    StatisticsSheet opts;
    opts.unit = st.unit_name;
    opts.filler = contact.person;
    opts.phone = contact.phone;
    opts.note = NoticeText(s, campaign_id, "statistics_note");
    doc::TableDocument d = StatisticsDocument(st, st.year, opts);
    if (std::string note = OverridesNote(c); !note.empty()) d.footnotes.push_back(note);
    d.verification = r.verification;
    d.sheet_marks = true;
    AddSignOff(d, c);
    if (format == "xlsx") {
      VW_TRY(bytes, xlsx::RenderTable(d));
      return ExportFile{std::move(bytes), std::string(xlsx::kContentType), d.title + ".xlsx"};
    }
    if (format == "pdf") {
      VW_TRY(bytes, pdf::RenderTable(d));
      return ExportFile{std::move(bytes), std::string(pdf::kContentType), d.title + ".pdf"};
    }
    return Error::Invalid("format", "情况统计表可导出为 xlsx 或 pdf");
  }
  if (form == "info_form") {
    std::string name = TextOf(c, "unit_name") + InfoTitle(c);
    std::string note = NoticeText(s, campaign_id, "info_form_note");
    doc::TableDocument d = InfoTable(c, note);
    d.verification = r.verification;
    d.sheet_marks = true;
    AddSignOff(d, c);
    if (format == "xlsx") {
      VW_TRY(bytes, xlsx::RenderTable(d));
      return ExportFile{std::move(bytes), std::string(xlsx::kContentType), name + ".xlsx"};
    }
    if (format == "pdf") {
      VW_TRY(bytes, pdf::RenderTable(d));
      return ExportFile{std::move(bytes), std::string(pdf::kContentType), name + ".pdf"};
    }
    return Error::Invalid("format", "信息采集表可导出为 xlsx 或 pdf");
  }
  doc::ReportDocument d = SummaryDocument(c);
  if (std::string line = SignOffLine(c); !line.empty()) d.subtitle += "　" + line;
  d.verification = r.verification;
  if (format == "pdf") {
    VW_TRY(bytes, pdf::RenderReport(d));
    return ExportFile{std::move(bytes), std::string(pdf::kContentType), d.title + ".pdf"};
  }
  if (format == "docx") {
    VW_TRY(bytes, docx::RenderReport(d));
    return ExportFile{std::move(bytes), std::string(docx::kContentType), d.title + ".docx"};
  }
  return Error::Invalid("format", "工作总结报告可导出为 pdf 或 docx");
}

Result<ExportFile> SubmissionService::StatisticsTemplate(const Principal& p, Id campaign_id,
                                                         Id unit_id, bool blank) {
  VW_TRY(sub, Get(p, campaign_id, "statistics", unit_id));
  Statistics st;
  st.unit_name = sub.unit_name;
  st.year = sub.year;
  StatisticsRow row = *sub.final_figures;
  row.unit_name = sub.unit_name;
  st.rows.push_back(row);
  StatisticsSheet opts;
  opts.unit = sub.unit_name;
  opts.template_mode = true;
  opts.blank = blank;
  std::string reasons;
  for (const auto& [key, v] : Object(sub.data, "overrides")) {
    if (v.is_object()) {
      std::string reason = TextOf(v.as_object(), "reason");
      if (!reason.empty() && reasons.find(reason) == std::string::npos) {
        reasons += (reasons.empty() ? "" : "；") + reason;
      }
    }
  }
  opts.notes.push_back(reasons);
  {
    db::Session s(db_);
    opts.note = NoticeText(s, campaign_id, "statistics_template_note");
  }
  VW_TRY(bytes, StatisticsXlsx(st, st.year, opts));
  return ExportFile{std::move(bytes), std::string(xlsx::kContentType),
                    StatisticsTitle(st, st.year) + "（填报模板）.xlsx"};
}

namespace {

// The first cell where a workbook differs from the template this unit
// downloads (title, the two header rows, the unit's name in row 5), as an
// error naming it; nullopt for the template.
std::optional<TemplateImport::CellError> NotTheTemplate(const tables::Table& table,
                                                        const std::string& title,
                                                        const std::string& unit_name) {
  auto text = [&](int row, std::size_t col) {
    const tables::Row* found = table.header.number == row ? &table.header : nullptr;
    for (const auto& r : table.rows) {
      if (!found && r.number == row) found = &r;
    }
    return found && col < found->cells.size() ? found->cells[col] : std::string();
  };
  struct Expected {
    int row;
    std::size_t col;
    std::string text;
    const char* what;
  };
  std::vector<Expected> expected{{1, 0, title, "标题"}};
  expected.push_back({3, 0, std::string(kStatisticsUnitHead), "表头"});
  std::string_view group;
  for (std::size_t i = 0; i < std::size(kStatisticsFields); ++i) {
    const StatisticsField& f = kStatisticsFields[i];
    if (f.group.empty()) {
      expected.push_back({3, i + 1, std::string(f.label), "表头"});
    } else {
      if (f.group != group) expected.push_back({3, i + 1, std::string(f.group), "表头"});
      expected.push_back({4, i + 1, std::string(f.label), "表头"});
    }
    group = f.group;
  }
  expected.push_back({3, std::size(kStatisticsFields) + 1, kStatisticsReasonHead, "表头"});
  expected.push_back({5, 0, unit_name, "单位名称"});
  for (const auto& e : expected) {
    std::string found = text(e.row, e.col);
    if (found == e.text) continue;
    std::string column = tables::ColumnName(e.col);
    return TemplateImport::CellError{
        e.row, column, "",
        "不是本单位的统计表模板：第 " + std::to_string(e.row) + " 行 " + column + " 列的" + e.what +
            "应为“" + e.text + "”，" +
            (found.empty() ? "文件中是空的" : "文件中是“" + tables::Excerpt(found) + "”") +
            "。请在本页下载模板，填写后上传"};
  }
  return std::nullopt;
}

const char* OverrideChange(const json::object* before, const json::object* after) {
  if (!before) return after ? "added" : "none";
  if (!after) return "removed";
  return *before == *after ? "kept" : "changed";
}

}  // namespace

Result<TemplateImport> SubmissionService::ImportStatistics(const Principal& p, Id campaign_id,
                                                           Id unit_id, std::string_view bytes,
                                                           std::string_view content_type,
                                                           std::string_view file_name,
                                                           bool dry_run) {
  // One load for reading the file and checking it (the session is given
  // back before the save, which loads the form again under its lock).
  std::optional<db::Session> s(std::in_place, db_);
  VW_TRY(sub, Load(*s, p, campaign_id, "statistics", unit_id));
  if (!sub.can_edit) {
    if (sub.status == "submitted" || sub.status == "accepted") {
      return Error::Conflict("该表已提交或已通过，不能再导入");
    }
    return Error::Forbidden();
  }
  auto type = tables::DetectFileType(content_type, file_name, bytes);
  if (!type || *type != tables::FileType::kXlsx) {
    return Error::Invalid("file", "请上传从本系统下载的 .xlsx 填报模板");
  }
  // The template has six rows and twelve columns; room for notes around.
  VW_TRY(table, tables::ReadTable(bytes, *type, {.max_rows = 50, .max_columns = 26}));
  TemplateImport out;
  Statistics named;
  named.unit_name = sub.unit_name;
  if (auto wrong = NotTheTemplate(table, StatisticsTitle(named, sub.year), sub.unit_name)) {
    out.errors.push_back(std::move(*wrong));
    return out;
  }
  const tables::Row* data_row = nullptr;
  for (const auto& r : table.rows) {
    if (!data_row && r.number == 5) data_row = &r;
  }
  auto cell = [&](std::size_t col) {
    return col < data_row->cells.size() ? data_row->cells[col] : std::string();
  };
  const std::size_t reason_col = std::size(kStatisticsFields) + 1;
  std::string reason = TrimSpaces(cell(reason_col));
  const StatisticsRow& computed = *sub.computed;
  const json::object& before = Object(sub.data, "overrides");
  json::object overrides;
  std::map<std::string, std::size_t> column_of;
  for (std::size_t i = 0; i < std::size(kStatisticsFields); ++i) {
    if (!kStatisticsFields[i].overridable) continue;
    std::string field(kStatisticsFields[i].code);
    std::size_t col = i + 1;
    column_of[field] = col;
    TemplateImport::FigureChange change;
    change.field = field;
    change.computed = FigureOf(computed, field);
    const json::value* had_value = before.if_contains(field);
    const json::object* had =
        had_value && had_value->is_object() ? &had_value->as_object() : nullptr;
    change.current = had ? Number(*had, "value") : change.computed;
    change.reason_before = had ? TextOf(*had, "reason") : "";

    // Empty or as computed: no override. As the form has it now: that
    // override, its reason kept. Otherwise a new one with the file's reason.
    std::optional<json::object> after;
    std::string text = TrimSpaces(cell(col));
    if (!text.empty()) {
      auto value = WholeNumber(text);
      if (!value) {
        out.errors.push_back(
            {5, tables::ColumnName(col), field, "“" + FigureLabel(field) + "”应为不小于 0 的整数"});
        continue;
      }
      if (*value != change.computed) {
        if (had && *value == change.current) {
          after = *had;
        } else if (reason.empty()) {
          out.errors.push_back({5, tables::ColumnName(reason_col), field,
                                "“" + FigureLabel(field) + "”与系统计算值（" +
                                    std::to_string(change.computed) +
                                    "）不同，请在“调整说明”列写明原因"});
          continue;
        } else {
          after = json::object{{"value", *value}, {"reason", Utf8Prefix(reason, 500)}};
        }
      }
    }
    change.imported = after ? Number(*after, "value") : change.computed;
    change.reason_after = after ? TextOf(*after, "reason") : "";
    change.override_change = OverrideChange(had, after ? &*after : nullptr);
    if (after) overrides[field] = std::move(*after);
    out.changes.push_back(std::move(change));
  }
  out.overrides = overrides;
  if (out.errors.empty()) {
    json::object data{{"overrides", overrides}};
    VW_TRY(issues, CheckLoaded(*s, sub, data));
    for (const auto& i : issues) {
      if (i.severity != "error") continue;
      auto col = column_of.find(i.field);
      out.errors.push_back(
          {5, col == column_of.end() ? "A" : tables::ColumnName(col->second), i.field, i.message});
    }
  }
  out.valid = out.errors.empty();
  if (!out.valid) out.changes.clear();  // a file with errors changes nothing
  s.reset();
  if (out.valid && !dry_run) {
    auto saved = SaveForm(p, campaign_id, "statistics", unit_id, sub.version,
                          json::object{{"overrides", overrides}}, false);
    if (!saved) return saved.error();
    out.saved = true;
  }
  return out;
}

json::object ToJson(const TemplateImport& t) {
  json::array errors;
  for (const auto& e : t.errors) {
    errors.push_back(json::object{
        {"row", e.row}, {"column", e.column}, {"field", e.field}, {"message", e.message}});
  }
  json::array changes;
  for (const auto& c : t.changes) {
    changes.push_back(json::object{{"field", c.field},
                                   {"label", FigureLabel(c.field)},
                                   {"computed", c.computed},
                                   {"current", c.current},
                                   {"imported", c.imported},
                                   {"override", c.override_change},
                                   {"reason_before", c.reason_before},
                                   {"reason_after", c.reason_after}});
  }
  return {{"valid", t.valid},
          {"errors", std::move(errors)},
          {"overrides", t.overrides},
          {"changes", std::move(changes)},
          {"saved", t.saved}};
}

Result<ScanInfo> SubmissionService::AddScan(const Principal& p, Id submission_id,
                                            std::string_view file_name, std::string_view bytes) {
  db::Session s(db_);
  db::Transaction tx(s);
  // Locked, so that two uploads at once cannot both pass the count below.
  auto target = store::LockScanTarget(s, submission_id);
  if (!target) return Error::Forbidden();
  if (!scope_.Require(s, p, target->unit_id, kFormEditors).ok()) {
    auto parent = store::ParentUnit(s, target->unit_id);
    if (!parent || !scope_.Require(s, p, *parent, kFormReviewers).ok()) {
      return Error::Forbidden();
    }
  }
  if (bytes.empty()) return Error::Invalid("file", "文件为空");
  if (bytes.size() > kMaxScanBytes) return Error::Invalid("file", "扫描件不能超过 10 MB");
  auto type = SniffScan(bytes);
  if (!type) return Error::Invalid("file", "扫描件只能是 PDF、JPG 或 PNG 文件");
  std::int64_t count = store::CountScans(s, submission_id);
  if (count >= kMaxScansPerSubmission) {
    return Error::Conflict("每份报表最多上传 " + std::to_string(kMaxScansPerSubmission) +
                               " 个盖章扫描件，本表已有 " + std::to_string(count) + " 个",
                           "file");
  }
  store::NewScan scan{submission_id,
                      ScanFileName(file_name, *type),
                      *type,
                      Sha256Hex(bytes),
                      p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt,
                      timeutil::NowUtc()};
  Id id = store::InsertScan(s, scan, bytes);
  auto size = static_cast<std::int64_t>(bytes.size());
  audit::Record(s, p,
                {"upload", "submission", submission_id, target->unit_id,
                 "上传盖章扫描件“" + scan.file_name + "”（" + FormName(target->form) + "）",
                 json::object{{"sha256", scan.sha256}, {"size", size}}});
  std::string uploader = scan.uploaded_by ? store::UserDisplayName(s, *scan.uploaded_by) : "";
  tx.Commit();
  return ScanInfo{id, scan.file_name, scan.content_type, size, scan.uploaded_at, uploader};
}

Result<SubmissionService::ScanFile> SubmissionService::ScanOf(const Principal& p, Id scan_id) {
  db::Session s(db_);
  auto stored = store::LoadScan(s, scan_id);
  if (!stored) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, stored->unit_id));
  if (!stored->bytes) return Error::Internal("扫描件读取失败，请联系管理员");
  ScanFile f;
  f.bytes = std::move(*stored->bytes);
  f.content_type = stored->content_type;
  // Names stored before they were cleaned on upload are cleaned here.
  f.file_name = ScanFileName(stored->file_name, stored->content_type);
  return f;
}

}  // namespace vw::reporting
