// Importing a programme of activities from a spreadsheet (issue: a school
// imports its programme with the same validation and dry run as the form).
#include <charconv>
#include <cmath>
#include <map>

#include "activity/activity.h"
#include "campaign/campaign.h"
#include "campaign/campaign_store.h"
#include "core/json.h"
#include "core/time.h"
#include "export/document.h"
#include "export/xlsx.h"
#include "imports/import_common.h"
#include "imports/imports.h"

namespace vw::imports {
namespace {

namespace json = boost::json;
using detail::Cell;
using detail::Column;

const std::vector<Column>& ActivityColumns() {
  static const auto* columns = new std::vector<Column>{
      {"活动名称", "title", true, {"名称", "活动主题"}, "智能制造实训中心开放日"},
      {"主办单位", "unit_id", false, {"单位", "组织单位"}, "智能制造学院"},
      {"开始时间", "starts_at", true, {"开始"}, "2025-05-12 09:30"},
      {"结束时间", "ends_at", true, {"结束"}, "2025-05-12 11:30"},
      {"主题日", "theme_day_id", false, {}, "职普融通体验日"},
      {"活动形式", "place_kind", true, {"形式"}, "校内"},
      {"活动地点", "place", false, {"地点", "地址"}, "东区实训楼一楼"},
      {"线上链接", "online_url", false, {"链接", "直播链接"}, ""},
      {"活动类别", "category_id", false, {"类别"}, "校园开放活动"},
      {"活动标签", "tag_ids", false, {"标签"}, "开放校园"},
      {"面向对象", "audiences", false, {"参与对象"}, "中小学生、家长"},
      {"人数上限", "capacity", false, {"名额"}, "60"},
      {"面向公众开放", "open_to_public", false, {"公众开放"}, "是"},
      {"需要报名", "registration_required", false, {"报名"}, "是"},
      {"属于活动月", "part_of_month", false, {"活动月"}, "否"},
      {"特色活动", "featured", false, {"品牌活动"}, "否"},
      {"组织者", "organiser", false, {"负责人"}, "王老师"},
      {"联系方式", "contact", false, {"联系电话"}, "028-12345678"},
      {"活动简介", "description", false, {"简介", "活动内容"}, "工业机器人编程体验"},
      {"签约企业", "partner", false, {}, ""},
      {"合作领域", "cooperation", false, {}, ""},
      {"参会企业", "enterprises", false, {}, ""},
      {"提供岗位数", "posts_offered", false, {"岗位数"}, ""},
  };
  return *columns;
}

// 是/否 and their usual variants; empty is false.
Result<bool> ParseYesNo(const std::string& text, const std::string& title) {
  if (text.empty()) return false;
  for (const char* yes : {"是", "Y", "y", "YES", "yes", "1", "TRUE", "true", "√"}) {
    if (text == yes) return true;
  }
  for (const char* no : {"否", "N", "n", "NO", "no", "0", "FALSE", "false", "×"}) {
    if (text == no) return false;
  }
  return Error::Invalid(title, title + "应填“是”或“否”，不能是“" + tables::Excerpt(text) + "”");
}

int ToInt(std::string_view s) {
  int v = -1;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size() ? v : -1;
}

// A local (Asia/Shanghai) date-time as people type it or Excel stores it:
// "2025-05-12 09:30", "2025/5/12 9:30", "2025-05-12T09:30:00", or a date
// serial number (45789.395833…). Answered as an API instant with +08:00.
Result<std::string> ParseLocalDateTime(const std::string& text, const std::string& title) {
  auto bad = [&] {
    return Error::Invalid(
        title, title + "“" + tables::Excerpt(text) + "”无法识别，请写成 2025-05-12 09:30");
  };
  if (text.empty()) return Error::Invalid(title, "请填写" + title);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (text.find_first_not_of("0123456789.") == std::string::npos) {
    double serial = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
    if (ec != std::errc() || serial < 1 || serial > 2958465) return bad();
    auto minutes = static_cast<std::int64_t>(std::llround(serial * 24 * 60));
    // Excel's day 0 is 1899-12-30 (local time, no zone).
    std::int64_t unix_local = (minutes - 25569LL * 24 * 60) * 60;
    std::string date = timeutil::ShanghaiDate(unix_local - 8 * 3600);
    std::int64_t day_minutes = minutes % (24 * 60);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00+08:00", date.c_str(),
                  static_cast<int>(day_minutes / 60), static_cast<int>(day_minutes % 60));
    return std::string(buf);
  }
  // Split into numbers on any separator: - / 年 月 日 space T :
  std::vector<std::string> parts;
  std::string cur;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      cur.push_back(c);
    } else if (!cur.empty()) {
      parts.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) parts.push_back(std::move(cur));
  if (parts.size() < 3 || parts.size() > 6) return bad();
  y = ToInt(parts[0]);
  mo = ToInt(parts[1]);
  d = ToInt(parts[2]);
  h = parts.size() > 3 ? ToInt(parts[3]) : 0;
  mi = parts.size() > 4 ? ToInt(parts[4]) : 0;
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
      mi > 59) {
    return bad();
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00+08:00", y, mo, d, h, mi);
  return std::string(buf);
}

// What the file's words mean in this campaign.
struct Vocabulary {
  std::vector<campaign::ThemeDay> days;
  std::vector<campaign::ActivityCategory> categories;
  std::vector<std::pair<std::string, std::string>> audiences;  // code, name

  std::optional<Id> Day(const std::string& text) const {
    for (const auto& day : days) {
      if (text == day.name || text == day.date ||
          text == "第" + std::to_string(day.day_index) + "天")
        return day.id;
    }
    return std::nullopt;
  }
  std::optional<Id> Category(const std::string& text) const {
    for (const auto& c : categories) {
      if (text == c.name || text == c.code) return c.id;
    }
    return std::nullopt;
  }
  std::optional<std::string> Audience(const std::string& text) const {
    for (const auto& [code, name] : audiences) {
      if (text == name || text == code) return code;
    }
    return std::nullopt;
  }
  std::string DayChoices() const {
    std::string out;
    for (const auto& d : days) out += (out.empty() ? "" : "、") + d.name;
    return out;
  }
  std::string AudienceChoices() const {
    std::string out;
    for (const auto& a : audiences) out += (out.empty() ? "" : "、") + a.second;
    return out;
  }
};

Vocabulary LoadVocabulary(db::Session& s, Id campaign_id) {
  Vocabulary v;
  v.days = campaign::store::LoadDays(s, campaign_id);
  v.categories = campaign::store::LoadCategories(s, campaign_id);
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT code, name FROM audiences ORDER BY sort_order");
  for (const auto& r : rs) v.audiences.emplace_back(db::Str(r, 0), db::Str(r, 1));
  return v;
}

const std::map<std::string, std::string>& PlaceKinds() {
  static const auto* kinds = new std::map<std::string, std::string>{
      {"校内", "on_campus"},  {"校内活动", "on_campus"},  {"on_campus", "on_campus"},
      {"校外", "off_campus"}, {"校外活动", "off_campus"}, {"off_campus", "off_campus"},
      {"线上", "online"},     {"线上活动", "online"},     {"online", "online"}};
  return *kinds;
}

}  // namespace

Result<ImportReport> ImportService::ImportActivities(const Principal& p, Id campaign_id,
                                                     std::optional<Id> default_unit,
                                                     const tables::Table& table, bool dry_run) {
  if (!p.is_sysadmin && !p.HasRoleAnywhere({Role::kUnitAdmin, Role::kOrganiser})) {
    return Error::Forbidden("只有单位管理员或活动组织者可以导入活动");
  }
  {
    db::Session s(db_);
    if (!campaign::store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  }
  const auto& columns = ActivityColumns();
  detail::Layout layout = detail::MapHeader(table.header, columns);
  if (!layout.errors.empty()) {
    ImportReport report;
    report.rows = static_cast<int>(table.rows.size());
    report.errors = std::move(layout.errors);
    return report;
  }
  VW_RETURN_IF_ERROR(detail::CheckSize(table, kMaxActivityRows, "项活动"));
  std::optional<Vocabulary> words;

  auto import_row = [&](db::Session& s, const tables::Row& row) -> Status {
    if (!words) words = LoadVocabulary(s, campaign_id);
    auto text = [&](const char* title) { return Cell(layout, row, title); };

    std::optional<Id> unit = default_unit;
    if (std::string name = text("主办单位"); !name.empty()) {
      auto found = detail::UnitFinder(s, p).Find(name);
      if (!found) return Error::Invalid("主办单位", found.error().message);
      unit = *found;
    }
    if (!unit) return Error::Invalid("主办单位", "请填写主办单位");

    auto starts = ParseLocalDateTime(text("开始时间"), "开始时间");
    if (!starts) return starts.error();
    auto ends = ParseLocalDateTime(text("结束时间"), "结束时间");
    if (!ends) return ends.error();

    json::object body{{"unit_id", *unit},
                      {"title", text("活动名称")},
                      {"description", text("活动简介")},
                      {"starts_at", *starts},
                      {"ends_at", *ends},
                      {"place", text("活动地点")},
                      {"online_url", text("线上链接")},
                      {"organiser", text("组织者")},
                      {"contact", text("联系方式")},
                      {"partner", text("签约企业")},
                      {"cooperation", text("合作领域")},
                      {"enterprises", text("参会企业")}};

    std::string kind = text("活动形式");
    auto k = PlaceKinds().find(kind);
    if (k == PlaceKinds().end()) {
      return Error::Invalid("活动形式", kind.empty() ? "请填写活动形式（校内、校外或线上）"
                                                     : "活动形式“" + tables::Excerpt(kind) +
                                                           "”无效，可选：校内、校外、线上");
    }
    body["place_kind"] = k->second;

    if (std::string day = text("主题日"); !day.empty()) {
      auto id = words->Day(day);
      if (!id)
        return Error::Invalid(
            "主题日", "主题日“" + tables::Excerpt(day) + "”不存在，可选：" + words->DayChoices());
      body["theme_day_id"] = *id;
    } else {
      // Taken from the start date when it falls on one of the days.
      for (const auto& d : words->days) {
        if (starts->compare(0, 10, d.date) == 0) body["theme_day_id"] = d.id;
      }
    }
    if (std::string cat = text("活动类别"); !cat.empty()) {
      auto id = words->Category(cat);
      if (!id)
        return Error::Invalid("活动类别",
                              "活动类别“" + tables::Excerpt(cat) + "”不在本届活动周的类别中");
      body["category_id"] = *id;
    }
    json::array tags;
    for (const auto& tag : detail::SplitList(text("活动标签"))) {
      auto id = words->Category(tag);
      if (!id)
        return Error::Invalid("活动标签",
                              "活动标签“" + tables::Excerpt(tag) + "”不在本届活动周的类别中");
      tags.push_back(*id);
    }
    body["tag_ids"] = std::move(tags);
    json::array audiences;
    for (const auto& a : detail::SplitList(text("面向对象"))) {
      auto code = words->Audience(a);
      if (!code) {
        return Error::Invalid("面向对象", "面向对象“" + tables::Excerpt(a) + "”无效，可选：" +
                                              words->AudienceChoices());
      }
      audiences.push_back(json::value(*code));
    }
    body["audiences"] = std::move(audiences);
    for (const char* title : {"人数上限", "提供岗位数"}) {
      auto n = detail::ParseCount(text(title), title);
      if (!n) return n.error();
      body[title == std::string("人数上限") ? "capacity" : "posts_offered"] = *n;
    }
    for (const auto& [title, field] : {std::pair{"面向公众开放", "open_to_public"},
                                       {"需要报名", "registration_required"},
                                       {"属于活动月", "part_of_month"},
                                       {"特色活动", "featured"}}) {
      auto yes = ParseYesNo(text(title), title);
      if (!yes) return yes.error();
      body[field] = *yes;
    }

    auto input = activity::ParseActivityInput(body);
    if (!input) return detail::WithTitle(input.error(), columns);
    auto created = activities_.CreateIn(s, p, campaign_id, *input);
    if (!created) {
      Error e = created.error();
      if (e.code == ErrorCode::kForbidden) {
        e.field = "主办单位";
        e.message = "您不能为该单位新建活动（只能为本单位及下级单位导入）";
        return e;
      }
      return detail::WithTitle(std::move(e), columns);
    }
    return Ok();
  };
  auto report = detail::RunImport(db_, p, table, dry_run, "activities", import_row);
  if (report.created > 0) activities_.NotifyChanged();
  return report;
}

Result<std::string> ImportService::ActivityTemplate(Id campaign_id) {
  db::Session s(db_);
  if (!campaign::store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  Vocabulary words = LoadVocabulary(s, campaign_id);
  const auto& columns = ActivityColumns();

  // The columns (required ones marked * and shaded), an example row, all
  // cells text so that times stay as typed.
  doc::TableDocument sheet;
  sheet.sheet_name = "活动安排";
  sheet.cell_size = 11;
  sheet.text_cells = true;
  sheet.freeze_rows = 1;
  sheet.repeat_header = false;
  doc::Row head, example;
  head.sheet_height = 30;
  for (const auto& col : columns) {
    doc::Cell h{col.title + (col.required ? "*" : "")};
    h.fill = col.required ? 0xFCE4D6 : 0xD9E1F2;
    head.cells.push_back(std::move(h));
    doc::Cell e{col.example, 1, 1, false, doc::Align::kLeft};
    e.border = false;
    example.cells.push_back(std::move(e));
    sheet.sheet_widths.push_back(col.title == "活动简介" ? 40 : 16);
  }
  sheet.header = {head};
  sheet.body = {example};

  doc::TableDocument help;
  help.sheet_name = "填写说明";
  help.cell_size = 11;
  help.sheet_widths = {18, 70};
  help.repeat_header = false;
  auto line = [&](const std::string& a, const std::string& b) {
    doc::Cell key{a, 1, 1, true, doc::Align::kLeft};
    key.border = false;
    doc::Cell text{b, 1, 1, false, doc::Align::kLeft};
    text.border = false;
    help.body.push_back({{key, text}});
  };
  auto gap = [&] { help.body.emplace_back(); };
  line(
      "说明",
      "带 * 的列必填；第2行是示例，导入前请删除或改写。一次导入要么全部成功，要么不写入任何一行。");
  line("主办单位", "单位名称；同名单位写成“学校/学院”；不填则为导入时选定的单位");
  line("时间", "写成 2025-05-12 09:30（北京时间）；活动须在活动周内，属于活动月的填“是”");
  line("活动形式",
       "校内、校外或线上；校外须填活动地点，线上须填线上链接（http:// 或 https:// 开头）");
  line("是/否列", "面向公众开放、需要报名、属于活动月、特色活动：填“是”或“否”");
  line("多个值", "活动标签、面向对象可填多个，用顿号、逗号或空格分隔");
  gap();
  line("主题日", "");
  for (const auto& d : words.days) line("  " + d.date, d.name);
  gap();
  line("活动类别与标签", "");
  for (const auto& c : words.categories) line("  " + c.group_name, c.name);
  gap();
  line("面向对象", words.AudienceChoices());
  return xlsx::RenderWorkbook({sheet, help});
}

}  // namespace vw::imports
