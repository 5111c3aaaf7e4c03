// The notices' rules (notices.h): input, authority, drafts, publication,
// acknowledgements and reminders. SQL in notices_store.cc.
#include <set>

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/time.h"
#include "notices/notices.h"
#include "notices/notices_store.h"
#include "reporting/notification_store.h"
#include "reporting/plan_form.h"
#include "reporting/submissions.h"

namespace vw::notices {
namespace {

constexpr RoleSet kWriters{Role::kUnitAdmin, Role::kReviewer};
constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

std::optional<Id> UserOf(const Principal& p) {
  return p.user_id > 0 ? std::optional<Id>(p.user_id) : std::nullopt;
}

Error Stale() { return Error::Conflict("通知已被他人修改或已发布，请刷新后重试", "version"); }

Error FieldForbidden(std::string field, std::string message) {
  return {ErrorCode::kForbidden, std::move(message), std::move(field)};
}

bool HasGrantOn(const Principal& p, Id unit_id) {
  for (const auto& g : p.grants) {
    if (g.unit_id == unit_id) return true;
  }
  return false;
}

std::string Api(const std::string& utc) { return utc.empty() ? "" : timeutil::UtcToApi(utc); }

const char* StatusName(const std::string& status) {
  return status == "published" ? "已发布" : "草稿";
}

json::object NoticeJson(const store::NoticeRow& n) {
  return {{"id", n.id},
          {"campaign_id", n.campaign_id},
          {"unit_id", n.unit_id},
          {"unit_name", n.unit_name},
          {"title", n.title},
          {"doc_number", n.doc_number},
          {"corrects_id", n.corrects_id ? json::value(*n.corrects_id) : json::value(nullptr)},
          {"ack_by", n.ack_by},
          {"status", n.status},
          {"status_name", StatusName(n.status)},
          {"published_at", Api(n.published_at)},
          {"published_by_name", n.published_by_name},
          {"reminded_at", Api(n.reminded_at)},
          {"version", n.version},
          {"created_at", Api(n.created_at)},
          {"updated_at", Api(n.updated_at)}};
}

json::object TargetJson(const store::TargetRow& t) {
  return {{"unit_id", t.unit_id},
          {"unit_name", t.unit_name},
          {"kind_name", t.kind_name},
          {"acknowledged", !t.acknowledged_at.empty()},
          {"acknowledged_at", Api(t.acknowledged_at)},
          {"acknowledged_by_name", t.acknowledged_name}};
}

json::object AnnexJson(const store::AnnexRow& a) {
  return {{"id", a.id},
          {"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size_bytes", a.size_bytes},
          {"sha256", a.sha256},
          {"uploaded_at", Api(a.uploaded_at)},
          {"url", "/api/notice-annexes/" + std::to_string(a.id)}};
}

// The units a notice goes to: the publisher's children, its subtree or the
// chosen units, each below the publisher.
Result<std::vector<Id>> ResolveTargets(db::Session& s, const NoticeInput& in, Id unit_id) {
  std::vector<Id> units;
  if (in.targets == "chosen") {
    std::vector<Id> below = store::BelowOf(s, unit_id, in.unit_ids);
    std::set<Id> ok(below.begin(), below.end());
    for (Id u : in.unit_ids) {
      if (ok.count(u) == 0) {
        return Error::Invalid("unit_ids", "【下发单位】中编号为 " + std::to_string(u) +
                                              " 的单位不在本单位的下级单位中");
      }
    }
    units = in.unit_ids;
  } else {
    units = store::UnitsBelow(s, unit_id, in.targets == "subtree");
  }
  if (units.empty()) return Error::Invalid("targets", "【下发单位】为空：本单位没有下级单位");
  if (units.size() > kMaxTargets) {
    return Error::Invalid(
        "targets", "【下发单位】最多" + std::to_string(kMaxTargets) + "个，请改为选择部分下级单位");
  }
  return units;
}

// The notice the input corrects: a published notice of the same unit and campaign.
Status CheckCorrects(db::Session& s, const NoticeInput& in, Id campaign_id, Id unit_id, Id self) {
  if (!in.corrects_id) return {};
  auto c = store::LoadNotice(s, *in.corrects_id);
  if (!c || *in.corrects_id == self || c->unit_id != unit_id || c->campaign_id != campaign_id ||
      c->status != "published") {
    return Error::Invalid("corrects_id", "【所更正的通知】应为本单位在本活动周已发布的通知");
  }
  return {};
}

// Reminds the targets of `n` that have not acknowledged: an in-app notice
// each (with its e-mail, SMS and robot messages). Answers their names.
std::vector<std::string> RemindPending(db::Session& s, const Principal& p,
                                       const store::NoticeRow& n, const std::string& now) {
  std::vector<std::string> names;
  for (const auto& t : store::TargetsOf(s, n.id)) {
    if (!t.acknowledged_at.empty()) continue;
    std::string body = n.unit_name + "发布的通知“" + n.title + "”" +
                       (n.doc_number.empty() ? "" : "（" + n.doc_number + "）") + "尚未签收" +
                       (n.ack_by.empty() ? "" : "，请于 " + n.ack_by + " 前签收") + "。";
    reporting::store::InsertNotification(
        s, {t.unit_id, n.campaign_id, "reminder:notice", "请签收通知：" + n.title, body,
            "/notices/" + std::to_string(n.id), UserOf(p), now});
    names.push_back(t.unit_name);
  }
  store::SetReminded(s, n.id, now);
  return names;
}

}  // namespace

Result<NoticeInput> ReadNoticeInput(const json::object& body, bool create) {
  FieldReader f(body);
  NoticeInput in;
  if (create) {
    in.campaign_id = f.RequiredInt("campaign_id", "【活动周】", 1, INT64_MAX);
    in.unit_id = f.RequiredInt("unit_id", "【发文单位】", 1, INT64_MAX);
  } else {
    in.version = static_cast<int>(f.RequiredInt("version", "【版本号】", 1, INT32_MAX));
  }
  in.title = f.RequiredString("title", "【标题】", kMaxTitle);
  in.doc_number = f.String("doc_number", "【文号】", kMaxDocNumber);
  in.body = f.RequiredMultilineString("body", "【正文】", kMaxBody);
  in.targets = f.Has("targets")
                   ? f.RequiredEnum("targets", "【下发范围】", {"children", "subtree", "chosen"})
                   : "children";
  std::string ack_by = f.String("ack_by", "【签收截止日期】", 10);
  auto corrects = f.OptionalInt("corrects_id", "【所更正的通知】", 1, INT64_MAX);
  VW_RETURN_IF_ERROR(f.status());
  in.corrects_id = corrects;
  if (!ack_by.empty()) {
    VW_TRY(date, timeutil::ParseDate(ack_by, "ack_by", "【签收截止日期】"));
    in.ack_by = date;
  }
  if (in.targets == "chosen") {
    const json::value* v = body.if_contains("unit_ids");
    if (!v || !v->is_array() || v->as_array().empty()) {
      return Error::Invalid("unit_ids", "请选择【下发单位】");
    }
    if (v->as_array().size() > kMaxTargets) {
      return Error::Invalid("unit_ids", "【下发单位】最多" + std::to_string(kMaxTargets) + "个");
    }
    std::set<Id> seen;
    for (const auto& item : v->as_array()) {
      if (!item.is_int64() || item.as_int64() < 1) {
        return Error::Invalid("unit_ids", "【下发单位】的每一项应为正整数编号");
      }
      if (seen.insert(item.as_int64()).second) in.unit_ids.push_back(item.as_int64());
    }
  }
  return in;
}

std::optional<std::string> SniffAnnex(std::string_view b) {
  if (b.substr(0, 4) == std::string_view("PK\x03\x04", 4) &&
      b.find("xl/workbook.xml") != std::string_view::npos) {
    return std::string(kXlsxType);
  }
  static constexpr char kBook[] = "W\0o\0r\0k\0b\0o\0o\0k\0";
  if (b.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) &&
      b.find(std::string_view(kBook, sizeof kBook - 1)) != std::string_view::npos) {
    return "application/vnd.ms-excel";
  }
  // PDF and Word as the activity plans accept them.
  return reporting::SniffPlanDocument(b);
}

std::string AnnexFileName(std::string_view client_name, std::string_view content_type) {
  // ScanFileName cleans the name and puts the PDF extension; it is replaced.
  std::string base = reporting::ScanFileName(client_name, "application/pdf");
  if (base.size() >= 4 && base.compare(base.size() - 4, 4, ".pdf") == 0) {
    base.erase(base.size() - 4);
  }
  if (base == "盖章扫描件") base = "附件";
  std::string ext = content_type == "application/pdf"            ? ".pdf"
                    : content_type == "application/msword"       ? ".doc"
                    : content_type == kXlsxType                  ? ".xlsx"
                    : content_type == "application/vnd.ms-excel" ? ".xls"
                    : content_type == kDocxType                  ? ".docx"
                                                                 : "";
  return base + ext;
}

Result<json::value> NoticeService::List(const Principal& p, Id campaign_id, Id unit_id) {
  db::Session s(db_);
  if (!scope_.Require(s, p, unit_id).ok()) {
    return FieldForbidden("unit_id", "无权查看该单位发布的通知");
  }
  json::array out;
  for (const auto& n : store::NoticesOf(s, campaign_id, unit_id, kMaxList)) {
    json::object o = NoticeJson(n);
    auto targets = store::TargetsOf(s, n.id);
    std::int64_t acknowledged = 0;
    json::array pending;
    for (const auto& t : targets) {
      if (!t.acknowledged_at.empty()) {
        ++acknowledged;
      } else {
        pending.emplace_back(t.unit_name);
      }
    }
    o["target_count"] = static_cast<std::int64_t>(targets.size());
    o["acknowledged_count"] = acknowledged;
    o["pending_units"] = std::move(pending);
    out.push_back(std::move(o));
  }
  return json::value(json::object{{"items", std::move(out)}});
}

Result<json::value> NoticeService::Inbox(const Principal& p, Id campaign_id) {
  db::Session s(db_);
  json::array out;
  for (const auto& n : store::InboxOf(s, campaign_id, p.user_id, kMaxList)) {
    json::object o = NoticeJson(n);
    json::array mine;
    for (const auto& t : store::TargetsOf(s, n.id)) {
      if (HasGrantOn(p, t.unit_id)) mine.push_back(TargetJson(t));
    }
    o["my_units"] = std::move(mine);
    out.push_back(std::move(o));
  }
  return json::value(json::object{{"items", std::move(out)}});
}

Result<json::value> NoticeService::Create(const Principal& p, const NoticeInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  if (!scope_.Require(s, p, in.unit_id, kWriters).ok()) {
    return FieldForbidden("unit_id", "【发文单位】不在您的管理范围内，不能以该单位名义发布通知");
  }
  long long campaigns = 0;
  s.sql() << "SELECT COUNT(*) FROM campaigns WHERE id = :c", soci::use(in.campaign_id),
      soci::into(campaigns);
  if (campaigns == 0) return Error::Invalid("campaign_id", "【活动周】不存在");
  VW_RETURN_IF_ERROR(CheckCorrects(s, in, in.campaign_id, in.unit_id, 0));
  VW_TRY(targets, ResolveTargets(s, in, in.unit_id));
  store::NoticeRow r;
  r.campaign_id = in.campaign_id;
  r.unit_id = in.unit_id;
  r.title = in.title;
  r.doc_number = in.doc_number;
  r.body = in.body;
  r.corrects_id = in.corrects_id;
  r.ack_by = in.ack_by;
  r.created_at = timeutil::NowUtc();
  Id id = store::InsertNotice(s, r, UserOf(p));
  store::ReplaceTargets(s, id, targets);
  audit::Record(s, p, {"create", "notice", id, in.unit_id, "起草通知“" + in.title + "”", nullptr});
  tx.Commit();
  return Get(p, id);
}

Result<json::value> NoticeService::Get(const Principal& p, Id notice_id) {
  db::Session s(db_);
  auto n = store::LoadNotice(s, notice_id);
  if (!n) return Error::NotFound("通知不存在");
  bool publisher = scope_.Require(s, p, n->unit_id).ok();
  auto targets = store::TargetsOf(s, n->id);
  json::array mine;
  for (const auto& t : targets) {
    if (HasGrantOn(p, t.unit_id)) mine.push_back(TargetJson(t));
  }
  if (!publisher && (n->status != "published" || mine.empty())) {
    return Error::NotFound("通知不存在");
  }
  json::object o = NoticeJson(*n);
  o["body"] = n->body;
  if (n->corrects_id) {
    auto c = store::LoadNotice(s, *n->corrects_id);
    o["corrects_title"] = c ? c->title : "";
  }
  json::array annexes;
  for (const auto& a : store::AnnexesOf(s, n->id)) annexes.push_back(AnnexJson(a));
  o["annexes"] = std::move(annexes);
  o["my_units"] = std::move(mine);
  bool writer = scope_.Require(s, p, n->unit_id, kWriters).ok();
  o["can_edit"] = writer && n->status == "draft";
  o["can_remind"] = writer && n->status == "published";
  std::int64_t acknowledged = 0;
  for (const auto& t : targets) acknowledged += t.acknowledged_at.empty() ? 0 : 1;
  o["target_count"] = static_cast<std::int64_t>(targets.size());
  o["acknowledged_count"] = acknowledged;
  if (publisher) {
    json::array all;
    for (const auto& t : targets) all.push_back(TargetJson(t));
    o["targets"] = std::move(all);
  }
  return json::value(std::move(o));
}

Result<json::value> NoticeService::Update(const Principal& p, Id notice_id, const NoticeInput& in) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto n = store::LoadNotice(s, notice_id);
  if (!n || !scope_.Require(s, p, n->unit_id, kWriters).ok()) return Error::NotFound("通知不存在");
  if (n->status != "draft") return Error::Conflict("通知已发布，不能修改；如需更正请发布更正通知");
  VW_RETURN_IF_ERROR(CheckCorrects(s, in, n->campaign_id, n->unit_id, n->id));
  VW_TRY(targets, ResolveTargets(s, in, n->unit_id));
  store::NoticeRow r = *n;
  r.title = in.title;
  r.doc_number = in.doc_number;
  r.body = in.body;
  r.corrects_id = in.corrects_id;
  r.ack_by = in.ack_by;
  r.updated_at = timeutil::NowUtc();
  if (!store::SaveDraft(s, r, in.version)) return Stale();
  store::ReplaceTargets(s, n->id, targets);
  audit::Record(s, p,
                {"update", "notice", n->id, n->unit_id, "修改通知“" + r.title + "”", nullptr});
  tx.Commit();
  return Get(p, notice_id);
}

Result<json::value> NoticeService::Delete(const Principal& p, Id notice_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto n = store::LoadNotice(s, notice_id);
  if (!n || !scope_.Require(s, p, n->unit_id, kWriters).ok()) return Error::NotFound("通知不存在");
  if (n->status != "draft") return Error::Conflict("已发布的通知不能删除");
  if (!store::DeleteDraft(s, n->id, version)) return Stale();
  audit::Record(s, p,
                {"delete", "notice", n->id, n->unit_id, "删除通知草稿“" + n->title + "”", nullptr});
  tx.Commit();
  return json::value(json::object{{"id", notice_id}});
}

Result<json::value> NoticeService::AddAnnex(const Principal& p, Id notice_id,
                                            std::string_view file_name, std::string_view bytes) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto n = store::LoadNotice(s, notice_id);
  if (!n || !scope_.Require(s, p, n->unit_id, kWriters).ok()) return Error::NotFound("通知不存在");
  if (n->status != "draft") return Error::Conflict("通知已发布，不能再添加附件", "file");
  if (bytes.empty()) return Error::Invalid("file", "附件为空");
  if (bytes.size() > kMaxAnnexBytes) return Error::Invalid("file", "附件不能超过 10 MB");
  auto type = SniffAnnex(bytes);
  if (!type)
    return Error::Invalid("file", "附件只能是 PDF、Word（.docx、.doc）或 Excel（.xlsx、.xls）文件");
  // The notice's row, written now, serialises two uploads at once.
  s.sql() << "UPDATE notices SET updated_at = updated_at WHERE id = :id", soci::use(n->id);
  std::int64_t count = store::CountAnnexes(s, n->id);
  if (count >= kMaxAnnexes) {
    return Error::Conflict("每份通知最多 " + std::to_string(kMaxAnnexes) + " 个附件", "file");
  }
  store::AnnexRow a;
  a.notice_id = n->id;
  a.file_name = AnnexFileName(file_name, *type);
  a.content_type = *type;
  a.size_bytes = static_cast<std::int64_t>(bytes.size());
  a.sha256 = Sha256Hex(bytes);
  a.uploaded_at = timeutil::NowUtc();
  a.id = store::InsertAnnex(s, a, UserOf(p), bytes);
  audit::Record(s, p,
                {"upload", "notice", n->id, n->unit_id, "上传通知附件“" + a.file_name + "”",
                 json::object{{"sha256", a.sha256}, {"size", a.size_bytes}}});
  tx.Commit();
  return json::value(AnnexJson(a));
}

Result<json::value> NoticeService::RemoveAnnex(const Principal& p, Id notice_id, Id annex_id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto n = store::LoadNotice(s, notice_id);
  if (!n || !scope_.Require(s, p, n->unit_id, kWriters).ok()) return Error::NotFound("通知不存在");
  if (n->status != "draft") return Error::Conflict("通知已发布，不能删除附件");
  if (!store::DeleteAnnex(s, n->id, annex_id)) return Error::NotFound("附件不存在");
  audit::Record(s, p, {"update", "notice", n->id, n->unit_id, "删除通知附件", nullptr});
  tx.Commit();
  return json::value(json::object{{"id", annex_id}});
}

Result<File> NoticeService::Annex(const Principal& p, Id annex_id) {
  db::Session s(db_);
  auto a = store::LoadAnnex(s, annex_id);
  if (!a) return Error::NotFound("附件不存在");
  auto n = store::LoadNotice(s, a->notice_id);
  if (!n) return Error::NotFound("附件不存在");
  bool allowed = scope_.Require(s, p, n->unit_id).ok();
  if (!allowed && n->status == "published") {
    for (const auto& t : store::TargetsOf(s, n->id)) {
      if (HasGrantOn(p, t.unit_id)) allowed = true;
    }
  }
  if (!allowed) return Error::NotFound("附件不存在");
  if (!a->bytes) return Error::Internal("附件读取失败，请联系管理员");
  return File{std::move(*a->bytes), a->content_type, a->file_name};
}

Result<json::value> NoticeService::Publish(const Principal& p, Id notice_id, int version) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto n = store::LoadNotice(s, notice_id);
  if (!n || !scope_.Require(s, p, n->unit_id, kWriters).ok()) return Error::NotFound("通知不存在");
  if (n->status != "draft") return Error::Conflict("通知已发布");
  auto targets = store::TargetsOf(s, n->id);
  if (targets.empty()) return Error::Invalid("targets", "【下发单位】为空");
  std::string now = timeutil::NowUtc();
  if (!store::MarkPublished(s, n->id, version, UserOf(p), now)) return Stale();
  std::string body = n->unit_name + "发布通知“" + n->title + "”" +
                     (n->doc_number.empty() ? "" : "（" + n->doc_number + "）") + "，请查阅并签收" +
                     (n->ack_by.empty() ? "" : "（" + n->ack_by + " 前）") + "。";
  for (const auto& t : targets) {
    reporting::store::InsertNotification(
        s, {t.unit_id, n->campaign_id, "notice", "新通知：" + n->title, body,
            "/notices/" + std::to_string(n->id), UserOf(p), now});
  }
  audit::Record(
      s, p,
      {"publish", "notice", n->id, n->unit_id,
       "发布通知“" + n->title + "”至 " + std::to_string(targets.size()) + " 个单位", nullptr});
  tx.Commit();
  return Get(p, notice_id);
}

Result<json::value> NoticeService::Acknowledge(const Principal& p, Id notice_id, Id unit_id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto n = store::LoadNotice(s, notice_id);
  if (!n || n->status != "published") return Error::NotFound("通知不存在");
  std::optional<store::TargetRow> target;
  for (auto& t : store::TargetsOf(s, n->id)) {
    if (t.unit_id == unit_id) target = t;
  }
  if (!target || !HasGrantOn(p, unit_id)) {
    return FieldForbidden("unit_id", "【签收单位】不是本通知的下发单位，或您不属于该单位");
  }
  std::string now = timeutil::NowUtc();
  std::string name = p.display_name.empty() ? p.username : p.display_name;
  bool first = store::Acknowledge(s, n->id, unit_id, UserOf(p), name, now);
  if (first) {
    audit::Record(s, p,
                  {"acknowledge", "notice", n->id, unit_id,
                   target->unit_name + "签收通知“" + n->title + "”", nullptr});
    target->acknowledged_at = now;
    target->acknowledged_by = UserOf(p);
    target->acknowledged_name = name;
  }
  tx.Commit();
  json::object o = TargetJson(*target);
  o["already"] = !first;
  return json::value(std::move(o));
}

Result<json::value> NoticeService::Remind(const Principal& p, Id notice_id) {
  db::Session s(db_);
  db::Transaction tx(s);
  auto n = store::LoadNotice(s, notice_id);
  if (!n || !scope_.Require(s, p, n->unit_id, kWriters).ok()) return Error::NotFound("通知不存在");
  if (n->status != "published") return Error::Conflict("通知尚未发布");
  std::string now = timeutil::NowUtc();
  auto names = RemindPending(s, p, *n, now);
  json::array reminded;
  for (const auto& name : names) reminded.emplace_back(name);
  if (!names.empty()) {
    audit::Record(
        s, p,
        {"remind", "notice", n->id, n->unit_id,
         "提醒 " + std::to_string(names.size()) + " 个单位签收通知“" + n->title + "”", nullptr});
  }
  tx.Commit();
  return json::value(json::object{{"reminded", std::move(reminded)}, {"reminded_at", Api(now)}});
}

int NoticeService::RemindBeforeAckDates(std::int64_t now, int days) {
  std::string today = timeutil::ShanghaiDate(now);
  std::string since = timeutil::FormatUtc(timeutil::ShanghaiToUnix(today, 0, 0));
  std::vector<Id> due;
  {
    db::Session s(db_);
    due = store::DueForReminder(s, today, timeutil::AddDays(today, days), since);
  }
  int reminded = 0;
  Principal system = Principal::System("notice_reminders");
  for (Id id : due) {
    db::Session s(db_);
    db::Transaction tx(s);
    auto n = store::LoadNotice(s, id);
    if (!n) continue;
    reminded += static_cast<int>(RemindPending(s, system, *n, timeutil::FormatUtc(now)).size());
    tx.Commit();
  }
  return reminded;
}

}  // namespace vw::notices
