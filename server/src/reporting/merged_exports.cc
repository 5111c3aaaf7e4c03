// Merged lists for a unit above others (issue 14): the 信息采集表 contacts of
// every reporting unit under it in one workbook, and the forms its reporting
// children filed, as one zip for the archive (submissions.h).
#include <algorithm>
#include <map>

#include "core/json.h"
#include "core/time.h"
#include "export/archive.h"
#include "export/xlsx.h"
#include "reporting/merged_store.h"
#include "reporting/statistics_store.h"
#include "reporting/submission_store.h"
#include "reporting/submissions.h"

namespace vw::reporting {
namespace {

namespace json = boost::json;

// A unit's name as a folder of the zip: no path or reserved characters.
std::string FolderName(const std::string& name) {
  std::string out;
  for (char c : name) {
    out += std::string_view("/\\:*?\"<>|").find(c) == std::string_view::npos ? c : '_';
  }
  return out.empty() ? "_" : out;
}

doc::Cell Text(const std::string& text, doc::Align align = doc::Align::kLeft) {
  doc::Cell c{text};
  c.align = align;
  c.wrap = true;
  return c;
}

}  // namespace

Result<ExportFile> SubmissionService::ContactsExport(const Principal& p, Id campaign_id,
                                                     Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  auto campaign = store::LoadCampaign(s, campaign_id);
  if (!campaign) return Error::NotFound("活动周不存在");
  auto unit = store::LoadUnit(s, unit_id);
  if (!unit) return Error::Forbidden();
  auto forms = store::InfoFormsUnder(s, campaign_id, unit_id);

  doc::TableDocument d;
  d.landscape = true;
  d.title = unit->name + std::to_string(campaign->year) + "年职业教育活动周信息采集表联系人汇总";
  std::size_t filed = 0;
  for (const auto& f : forms) filed += f.status == "not_started" ? 0 : 1;
  d.info_line = "汇总单位：" + unit->name + "          共 " + std::to_string(forms.size()) +
                " 个单位，已填写 " + std::to_string(filed) + " 个          导出时间：" +
                timeutil::FormatShanghaiMinute(timeutil::NowUnix());
  d.sheet_name = "联系人汇总";
  d.column_widths = {0.6, 2.6, 2, 1.1, 1.4, 1.4, 1.2, 3, 0.9};
  d.sheet_widths = {6, 30, 22, 10, 16, 14, 12, 40, 10};
  doc::Row head;
  for (const char* h : {"序号", "单位", "上级单位", "联系人", "职务", "手机", "QQ号",
                        "专题网站（专栏）链接地址", "填报状态"}) {
    head.cells.push_back({h, 1, 1, true});
  }
  d.header = {head};
  d.freeze_rows = 3;
  d.freeze_columns = 2;
  int n = 0;
  for (const auto& f : forms) {
    json::object data;
    if (auto parsed = ParseJsonObject(f.data)) data = std::move(*parsed);
    doc::Row r;
    doc::Cell number{std::to_string(++n)};
    number.number = n;
    r.cells = {number,
               Text(f.unit_name),
               Text(f.parent_name),
               Text(TextOf(data, "contact_person"), doc::Align::kCentre),
               Text(TextOf(data, "position"), doc::Align::kCentre),
               Text(TextOf(data, "mobile"), doc::Align::kCentre),
               Text(TextOf(data, "qq"), doc::Align::kCentre),
               Text(TextOf(data, "website")),
               Text(StatusName(f.status), doc::Align::kCentre)};
    d.body.push_back(std::move(r));
  }
  d.footnotes = {"说明：联系人信息取自各单位填写的信息采集表（含未提交的草稿），仅列出" +
                 unit->name + "下属的报送单位。"};
  VW_TRY(bytes, xlsx::RenderTable(d));
  return ExportFile{std::move(bytes), std::string(xlsx::kContentType), d.title + ".xlsx"};
}

Result<ExportFile> SubmissionService::ChildrenBundle(const Principal& p, Id campaign_id, Id unit_id,
                                                     const std::string& origin,
                                                     const BundleLimits& limits) {
  struct Item {
    std::string child;
    Id child_id = 0;
    std::string form;
    std::string status;
  };
  std::vector<Item> items;
  std::string unit_name;
  std::int64_t year = 0;
  {
    db::Session s(db_);
    VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
    auto campaign = store::LoadCampaign(s, campaign_id);
    if (!campaign) return Error::NotFound("活动周不存在");
    auto unit = store::LoadUnit(s, unit_id);
    if (!unit) return Error::Forbidden();
    unit_name = unit->name;
    year = campaign->year;
    for (const char* form : kForms) {
      for (const auto& c : store::ReportingChildren(s, campaign_id, form, unit_id)) {
        items.push_back({c.name, c.unit_id, form, c.status});
      }
    }
  }
  // One child after the other, in the tree's order, each with its forms.
  std::map<Id, std::size_t> order;
  for (const auto& i : items) order.emplace(i.child_id, order.size());
  std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    return order[a.child_id] < order[b.child_id];
  });
  std::size_t files = 0;
  for (const auto& i : items) files += i.status == "accepted" ? 2 : 0;
  if (files > limits.max_files) {
    return Error::Invalid(
        "unit_id", "下级单位已通过的报表共 " + std::to_string(files) + " 个文件，超过打包上限 " +
                       std::to_string(limits.max_files) + " 个，请到下级单位分别打包");
  }

  std::vector<std::pair<std::string, std::string>> entries;
  std::size_t total = 0;
  doc::TableDocument index;
  index.title = unit_name + std::to_string(year) + "年职业教育活动周下级单位报表归档目录";
  index.info_line = "只收入已审核通过的报表（带验证码）；其他状态的报表只列在本目录中。导出时间：" +
                    timeutil::FormatShanghaiMinute(timeutil::NowUnix());
  index.sheet_name = "目录";
  index.column_widths = {2.6, 1.2, 0.9, 2, 3.6};
  index.sheet_widths = {30, 14, 10, 24, 60};
  doc::Row head;
  for (const char* h : {"单位", "报表", "状态", "验证码", "压缩包内的文件"}) {
    head.cells.push_back({h, 1, 1, true});
  }
  index.header = {head};
  index.freeze_rows = 3;
  for (const auto& i : items) {
    std::string code, names;
    if (i.status == "accepted") {
      std::vector<std::string> formats = {"pdf", i.form == "summary" ? "docx" : "xlsx"};
      for (const std::string& format : formats) {
        VW_TRY(file, Export(p, campaign_id, i.form, i.child_id, format, origin));
        total += file.bytes.size();
        if (total > limits.max_bytes) {
          return Error::Invalid("unit_id", "打包内容超过 " +
                                               std::to_string(limits.max_bytes >> 20) +
                                               " MB，请到下级单位分别打包");
        }
        std::string name = FolderName(i.child) + "/" + FolderName(file.file_name);
        names += (names.empty() ? "" : "\n") + name;
        entries.emplace_back(std::move(name), std::move(file.bytes));
      }
      VW_TRY(sub, Get(p, campaign_id, i.form, i.child_id));
      if (sub.snapshot) code = sub.snapshot->code;
    }
    index.body.push_back({{Text(i.child), Text(FormName(i.form), doc::Align::kCentre),
                           Text(StatusName(i.status), doc::Align::kCentre),
                           Text(code, doc::Align::kCentre), Text(names)}});
  }
  VW_TRY(index_bytes, xlsx::RenderTable(index));
  entries.insert(entries.begin(), {"目录.xlsx", std::move(index_bytes)});
  VW_TRY(zip, archive::Zip(entries, "压缩包"));
  return ExportFile{std::move(zip), std::string(archive::kZipContentType),
                    unit_name + std::to_string(year) + "年下级单位报表归档.zip"};
}

}  // namespace vw::reporting
