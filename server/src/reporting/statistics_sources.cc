// The records behind each figure of the statistics form.
#include <map>
#include <set>

#include "reporting/media_store.h"
#include "reporting/records_store.h"
#include "reporting/reporting.h"

namespace vw::reporting {

namespace json = boost::json;

json::object ToJson(const SourceRecord& r) {
  auto opt = [](const std::optional<Id>& v) { return v ? json::value(*v) : json::value(nullptr); };
  return {{"label", r.label},
          {"count", r.count},
          {"activity_id", opt(r.activity_id)},
          {"unit_id", opt(r.unit_id)},
          {"detail", r.detail}};
}

namespace {

// Whom each people figure counts.
const std::map<std::string, store::PeopleKind>& PeopleFigures() {
  static const auto* figures =
      new std::map<std::string, store::PeopleKind>{{"teachers", store::PeopleKind::kStaff},
                                                   {"students", store::PeopleKind::kStudents},
                                                   {"total", store::PeopleKind::kEveryone}};
  return *figures;
}

}  // namespace

Result<std::vector<SourceRecord>> ReportingService::SourcesOf(const Principal& p, Id campaign_id,
                                                              Id unit_id,
                                                              const std::string& figure) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  std::vector<SourceRecord> out;
  if (auto f = PeopleFigures().find(figure); f != PeopleFigures().end()) {
    for (const auto& a : store::PeopleByActivity(s, campaign_id, unit_id, f->second)) {
      if (a.people > 0)
        out.push_back({a.title, a.people, a.activity_id, std::nullopt, a.unit_name});
    }
  } else if (figure == "projects") {
    for (const auto& a : store::OpenProjects(s, campaign_id, unit_id)) {
      out.push_back({a.title, 1, a.activity_id, std::nullopt, a.unit_name});
    }
  } else if (figure == "schools") {
    for (const auto& school : store::SchoolsHolding(s, campaign_id, unit_id)) {
      out.push_back({school.name, 1, std::nullopt, school.school_id,
                     std::to_string(school.activities) + " 项已举办活动"});
    }
  } else if (figure == "enterprises") {
    std::set<std::string> seen;
    for (const auto& a : store::EnterprisesByActivity(s, campaign_id, unit_id)) {
      for (const std::string* text : {&a.partner, &a.enterprises}) {
        for (auto& name : EnterpriseNames(*text)) {
          if (!seen.insert(name).second) continue;  // counted once, at its first activity
          out.push_back({name, 1, a.activity_id, std::nullopt, a.title});
        }
      }
    }
  } else if (const StatisticsField* f = FindStatisticsField(figure);
             f && f->member && figure.rfind("media_", 0) == 0) {
    std::string level = figure.substr(6);  // media_<level>: the reports of that level
    for (const auto& m : store::MediaReportsAt(s, campaign_id, unit_id, level)) {
      out.push_back({m.title, 1, m.activity_id, std::nullopt, m.outlet + " " + m.published_on});
    }
  } else {
    std::string codes;
    for (const auto& field : kStatisticsFields) {
      if (field.sum == FieldSum::kAdd)
        codes += (codes.empty() ? "" : "、") + std::string(field.code);
    }
    return Error::Invalid("figure", "统计项应为 " + codes + " 之一");
  }
  return out;
}

}  // namespace vw::reporting
