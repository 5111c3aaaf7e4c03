// The activity plan (plan_form.h): its data, its document and the parent's
// merged list of its children's plans (submissions.h: UploadPlanDocument,
// PlanDocumentOf, PlanListExport).
#include "reporting/plan_form.h"

#include <algorithm>
#include <set>

#include "core/crypto.h"
#include "core/json.h"
#include "core/time.h"
#include "export/document.h"
#include "export/xlsx.h"
#include "reporting/plan_store.h"
#include "reporting/statistics_store.h"
#include "reporting/submission_store.h"
#include "reporting/submissions.h"

namespace vw::reporting {

namespace json = boost::json;

namespace {

constexpr std::string_view kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

bool IsMobile(const std::string& m) {
  return m.size() == 11 && m[0] == '1' &&
         std::all_of(m.begin(), m.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Nth(std::size_t i) { return "第 " + std::to_string(i + 1) + " 项计划活动"; }

std::string Minute(const std::string& utc) {
  if (utc.empty()) return "";
  auto t = timeutil::ParseUtc(utc);
  return t ? timeutil::FormatShanghaiMinute(*t) : "";
}

}  // namespace

Result<json::object> NormalizePlan(const json::object& data) {
  FieldReader in(data);
  json::object out;
  out["person_name"] = in.String("person_name", "专人姓名", 40);
  out["person_position"] = in.String("person_position", "专人职务", 40);
  std::string mobile = in.String("person_mobile", "专人手机", 20);
  VW_RETURN_IF_ERROR(in.status());
  if (!mobile.empty() && !IsMobile(mobile)) {
    return Error::Invalid("person_mobile", "专人手机应为 11 位手机号码");
  }
  out["person_mobile"] = mobile;
  json::array activities;
  if (const json::value* a = data.if_contains("activities"); a && !a->is_null()) {
    if (!a->is_array()) return Error::Invalid("activities", "计划活动格式不正确");
    if (a->as_array().size() > kMaxPlanActivities) {
      return Error::Invalid("activities",
                            "计划活动最多 " + std::to_string(kMaxPlanActivities) + " 项");
    }
    for (std::size_t i = 0; i < a->as_array().size(); ++i) {
      const json::value& v = a->as_array()[i];
      if (!v.is_object()) return Error::Invalid("activities", Nth(i) + "格式不正确");
      FieldReader item(v.as_object());
      auto day = item.RequiredInt("theme_day_id", Nth(i) + "的主题日", 1, INT64_MAX);
      auto title = item.String("title", Nth(i) + "的名称", 100);
      auto activity = item.OptionalInt("activity_id", Nth(i) + "关联的活动", 1, INT64_MAX);
      if (auto st = item.status(); !st.ok())
        return Error::Invalid("activities", st.error().message);
      if (title.empty() && !activity) {
        return Error::Invalid("activities", Nth(i) + "须填写名称或关联一项活动");
      }
      activities.push_back(
          json::object{{"theme_day_id", day},
                       {"title", title},
                       {"activity_id", activity ? json::value(*activity) : json::value(nullptr)}});
    }
  }
  out["activities"] = std::move(activities);
  return out;
}

void KeepPlanDocument(const json::object& stored, json::object& normal) {
  if (const json::value* d = stored.if_contains("document"); d && d->is_object()) {
    normal["document"] = *d;
  }
}

json::object PlanChoices(db::Session& s, Id campaign_id, Id unit_id) {
  json::array days, activities;
  for (const auto& d : store::PlanDays(s, campaign_id)) {
    days.push_back(
        json::object{{"id", d.id}, {"day_index", d.day_index}, {"date", d.date}, {"name", d.name}});
  }
  for (const auto& a : store::PlanActivities(s, campaign_id, unit_id)) {
    activities.push_back(json::object{
        {"id", a.id},
        {"title", a.title},
        {"theme_day_id", a.theme_day_id ? json::value(*a.theme_day_id) : json::value(nullptr)},
        {"unit_name", a.unit_name}});
  }
  return {{"days", std::move(days)}, {"activities", std::move(activities)}};
}

Status CheckPlanLinks(db::Session& s, Id campaign_id, Id unit_id, json::object& plan) {
  std::set<Id> days;
  for (const auto& d : store::PlanDays(s, campaign_id)) days.insert(d.id);
  std::vector<store::PlanActivity> own = store::PlanActivities(s, campaign_id, unit_id);
  json::array& items = plan["activities"].as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    json::object& item = items[i].as_object();
    if (!days.count(item["theme_day_id"].as_int64())) {
      return Error::Invalid("activities", Nth(i) + "的主题日不是本届活动周的主题日");
    }
    if (!item["activity_id"].is_int64()) continue;
    Id id = item["activity_id"].as_int64();
    auto it = std::find_if(own.begin(), own.end(),
                           [&](const store::PlanActivity& a) { return a.id == id; });
    if (it == own.end()) {
      return Error::Forbidden(Nth(i) + "关联的活动不属于本单位或下属单位，不能关联");
    }
    if (item["title"].as_string().empty()) item["title"] = it->title;
  }
  return Ok();
}

json::object PlanPrefill(db::Session& s, Id campaign_id, Id unit_id,
                         const std::string& contact_person, const std::string& contact_phone) {
  json::array activities;
  for (const auto& a : store::PlanActivities(s, campaign_id, unit_id)) {
    if (!a.theme_day_id || activities.size() >= kMaxPlanActivities) continue;
    activities.push_back(
        json::object{{"theme_day_id", *a.theme_day_id}, {"title", a.title}, {"activity_id", a.id}});
  }
  return {{"person_name", contact_person},
          {"person_position", ""},
          {"person_mobile", IsMobile(contact_phone) ? contact_phone : std::string()},
          {"activities", std::move(activities)}};
}

std::optional<std::string> SniffPlanDocument(std::string_view b) {
  if (b.substr(0, 5) == "%PDF-") return "application/pdf";
  // A .docx is a zip whose directory names word/document.xml (names are
  // stored uncompressed); an .xlsx or any other zip is not a plan.
  if (b.substr(0, 4) == std::string_view("PK\x03\x04", 4) &&
      b.find("word/document.xml") != std::string_view::npos) {
    return std::string(kDocxType);
  }
  // A .doc is an OLE compound file with a "WordDocument" stream (its name
  // in UTF-16LE in the directory); an .xls or .ppt has none.
  static constexpr char kStream[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";
  if (b.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) &&
      b.find(std::string_view(kStream, sizeof kStream - 1)) != std::string_view::npos) {
    return "application/msword";
  }
  return std::nullopt;
}

std::string PlanDocumentName(std::string_view client_name, std::string_view content_type) {
  // ScanFileName cleans the name and drops the client's extension; it knows
  // no Word type, so the extension is added here.
  std::string base = ScanFileName(client_name, content_type);
  if (base == "盖章扫描件" || base == "盖章扫描件.pdf") base = "活动方案";
  if (auto dot = base.rfind(".pdf"); dot != std::string::npos && dot + 4 == base.size()) {
    base.erase(dot);
  }
  std::string ext = content_type == "application/pdf"      ? ".pdf"
                    : content_type == "application/msword" ? ".doc"
                                                           : ".docx";
  return base + ext;
}

Result<Submission> SubmissionService::UploadPlanDocument(const Principal& p, Id campaign_id,
                                                         Id unit_id, std::int64_t version,
                                                         std::string_view file_name,
                                                         std::string_view bytes) {
  db::Session s(db_);
  db::Transaction tx(s);
  store::LockForm(s, campaign_id, "plan", unit_id);
  VW_TRY(sub, Load(s, p, campaign_id, "plan", unit_id));
  VW_RETURN_IF_ERROR(CheckEditable(s, p, sub, version));
  if (bytes.empty()) return Error::Invalid("document", "活动方案文件为空");
  if (bytes.size() > kMaxPlanDocumentBytes) {
    return Error::Invalid("document", "活动方案文件不能超过 10 MB");
  }
  auto type = SniffPlanDocument(bytes);
  if (!type) {
    return Error::Invalid("document", "活动方案文件只能是 PDF 或 Word（.docx、.doc）文件");
  }
  store::NewPlanDocument doc{campaign_id,
                             unit_id,
                             PlanDocumentName(file_name, *type),
                             *type,
                             Sha256Hex(bytes),
                             p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt,
                             timeutil::NowUtc()};
  Id id = store::InsertPlanDocument(s, doc, bytes);
  json::object data = sub.data;
  data["document"] = json::object{{"id", id},
                                  {"file_name", doc.file_name},
                                  {"content_type", doc.content_type},
                                  {"size_bytes", static_cast<std::int64_t>(bytes.size())},
                                  {"sha256", doc.sha256},
                                  {"uploaded_at", timeutil::UtcToApi(doc.uploaded_at)}};
  VW_RETURN_IF_ERROR(
      WriteData(s, p, sub, version, data, "上传活动方案文件“" + doc.file_name + "”"));
  VW_TRY(out, Load(s, p, campaign_id, "plan", unit_id));
  tx.Commit();
  return out;
}

Result<SubmissionService::ScanFile> SubmissionService::PlanDocumentOf(const Principal& p,
                                                                      Id document_id) {
  db::Session s(db_);
  auto stored = store::LoadPlanDocument(s, document_id);
  if (!stored) return Error::Forbidden();
  VW_RETURN_IF_ERROR(scope_.Require(s, p, stored->unit_id));
  if (!stored->bytes) return Error::Internal("活动方案文件读取失败，请联系管理员");
  return ScanFile{stored->file_name, stored->content_type, std::move(*stored->bytes)};
}

Result<ExportFile> SubmissionService::PlanListExport(const Principal& p, Id campaign_id,
                                                     Id unit_id) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  auto campaign = store::LoadCampaign(s, campaign_id);
  if (!campaign) return Error::NotFound("活动周不存在");
  auto unit = store::LoadUnit(s, unit_id);
  if (!unit) return Error::Forbidden();

  doc::TableDocument t;
  t.sheet_name = "活动方案汇总";
  t.title = unit->name + std::to_string(campaign->year) + "年职业教育活动周活动方案汇总表";
  t.info_line = "汇总单位：" + unit->name + "　　导出时间：" + Minute(timeutil::NowUtc());
  t.column_widths = {0.6, 2.6, 1.4, 1.0, 1.4, 1.0, 2.4, 1.6, 1.6};
  t.sheet_widths = {6, 30, 14, 10, 14, 12, 30, 18, 18};
  t.landscape = true;
  t.freeze_rows = 3;
  doc::Row head;
  for (const char* h : {"序号", "单位", "状态", "专人", "手机", "计划活动数", "方案文件",
                        "提交时间", "审核通过时间"}) {
    head.cells.push_back({h, 1, 1, true});
  }
  t.header = {head};
  std::size_t n = 0;
  for (const auto& c : store::ReportingChildren(s, campaign_id, "plan", unit_id)) {
    json::object data;
    if (auto row = store::FindSubmission(s, campaign_id, c.unit_id, "plan")) {
      if (auto parsed = ParseJsonObject(row->data)) data = std::move(*parsed);
    }
    std::int64_t planned = 0;
    if (const json::value* a = data.if_contains("activities"); a && a->is_array()) {
      planned = static_cast<std::int64_t>(a->as_array().size());
    }
    std::string file;
    if (const json::value* d = data.if_contains("document"); d && d->is_object()) {
      file = TextOf(d->as_object(), "file_name");
    }
    doc::Row r;
    doc::Cell index{std::to_string(++n)};
    index.number = static_cast<double>(n);
    r.cells.push_back(index);
    doc::Cell name{c.name};
    name.align = doc::Align::kLeft;
    name.wrap = true;
    r.cells.push_back(name);
    r.cells.push_back({StatusName(c.status)});
    r.cells.push_back({TextOf(data, "person_name")});
    r.cells.push_back({TextOf(data, "person_mobile")});
    doc::Cell count{std::to_string(planned)};
    count.number = static_cast<double>(planned);
    r.cells.push_back(count);
    doc::Cell doc_cell{file};
    doc_cell.align = doc::Align::kLeft;
    doc_cell.wrap = true;
    r.cells.push_back(doc_cell);
    r.cells.push_back({Minute(c.submitted_at)});
    r.cells.push_back({c.status == "accepted" ? Minute(c.reviewed_at) : std::string()});
    t.body.push_back(std::move(r));
  }
  t.footnotes = {"状态以导出时为准；审核通过时间仅对已通过的方案列出。"};
  VW_TRY(bytes, xlsx::RenderTable(t));
  return ExportFile{std::move(bytes), std::string(xlsx::kContentType), t.title + ".xlsx"};
}

}  // namespace vw::reporting
