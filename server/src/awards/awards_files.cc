// The files of a decided award (awards.h): a certificate per winner and the
// list of winners as a notice (docx or PDF through the export layer).
#include "awards/awards.h"
#include "awards/awards_store.h"
#include "awards/certificate.h"
#include "core/time.h"
#include "export/docx.h"
#include "export/pdf.h"

namespace vw::awards {
namespace {

// Whether `p` may read the decided results: the organiser (decided or
// published), or a unit of `reach` once public.
bool ReadsResults(db::Session& s, const org::Scope& scope, const Principal& p,
                  const store::AwardRow& a, const std::vector<Id>& reach) {
  if (a.status != "decided" && a.status != "published") return false;
  if (scope.Require(s, p, a.owner_unit_id, RoleSet{Role::kUnitAdmin}).ok()) return true;
  if (a.status != "published" || !a.published_on ||
      *a.published_on > timeutil::ShanghaiDate(timeutil::NowUnix())) {
    return false;
  }
  for (Id u : reach) {
    if (scope.Require(s, p, u).ok()) return true;
  }
  return false;
}

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

Result<File> AwardService::Certificate(const Principal& p, Id award_id, Id unit_id,
                                       const std::string& origin) {
  db::Session s(db_);
  auto a = store::LoadAward(s, award_id);
  if (!a) return Error::NotFound("奖项不存在");
  if (!ReadsResults(s, scope_, p, *a, {unit_id})) return Error::NotFound("证书不存在");
  std::optional<store::ResultRow> result;
  for (auto& r : store::LoadResults(s, award_id)) {
    if (r.unit_id == unit_id && r.winner && r.code) result = std::move(r);
  }
  if (!result) return Error::NotFound("证书不存在");
  CertificateText t;
  t.unit_name = result->unit_name;
  t.campaign_name = a->campaign_name;
  t.award_name = a->name;
  t.issuer = a->owner_name;
  t.date = a->published_on ? *a->published_on
                           : timeutil::ShanghaiDate(*timeutil::ParseUtc(*a->decided_at));
  t.code = *result->code;
  t.verify_url = origin + "/p/awards/verify/" + *result->code;
  VW_TRY(bytes, RenderCertificate(t));
  return File{std::move(bytes), std::string(pdf::kContentType),
              a->name + "-" + result->unit_name + ".pdf"};
}

Result<File> AwardService::Notice(const Principal& p, Id award_id, const std::string& format) {
  db::Session s(db_);
  auto a = store::LoadAward(s, award_id);
  if (!a) return Error::NotFound("奖项不存在");
  std::vector<Id> units;
  for (const auto& u : store::LoadUnits(s, award_id)) units.push_back(u.id);
  if (!ReadsResults(s, scope_, p, *a, units)) return Error::NotFound("奖项不存在或结果尚未公布");
  auto results = store::LoadResults(s, award_id);
  auto criteria = store::LoadCriteria(s, award_id);

  doc::ReportDocument d;
  d.title = a->owner_name + "关于表彰" + a->campaign_name + "“" + a->name + "”获奖单位的通知";
  std::string date = a->published_on ? *a->published_on
                                     : timeutil::ShanghaiDate(*timeutil::ParseUtc(*a->decided_at));
  d.subtitle = a->owner_name + "　" + timeutil::FormatChineseDate(date);
  std::string standard;
  for (const auto& c : criteria) {
    standard += (standard.empty() ? "" : "；") + c.name + "（" + std::to_string(c.weight) + "%）";
  }
  std::string intro =
      "根据各单位在" + a->campaign_name + "期间的组织、表现及成果，按照" + standard +
      "的评价标准，经材料统计与评委评审，评选出“" + a->name + "”获奖单位" +
      std::to_string(std::count_if(results.begin(), results.end(),
                                   [](const store::ResultRow& r) { return r.winner; })) +
      "个，现予以表彰。";
  d.sections.push_back({"", intro, {}});
  std::string list;
  for (const auto& r : results) {
    if (!r.winner) continue;
    list += (list.empty() ? "" : "\n") + r.unit_name + "（总分 " +
            Percent(static_cast<double>(r.total_centi) / 100.0) + "，证书编号 " +
            r.code.value_or("") + "）";
  }
  d.sections.push_back({"获奖单位名单", list, {}});
  d.sections.push_back(
      {"", "希望获奖单位珍惜荣誉、再接再厉，进一步推动职业教育活动周各项工作取得新成效。", {}});

  File out;
  std::string base = a->name + "获奖名单";
  if (format == "pdf") {
    VW_TRY(bytes, pdf::RenderReport(d));
    out.bytes = std::move(bytes);
    out.content_type = std::string(pdf::kContentType);
    out.file_name = base + ".pdf";
  } else {
    VW_TRY(bytes, docx::RenderReport(d));
    out.bytes = std::move(bytes);
    out.content_type = std::string(docx::kContentType);
    out.file_name = base + ".docx";
  }
  return out;
}

}  // namespace vw::awards
