// The records behind each figure of the statistics form.
#include <map>
#include <set>

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

// Held activities of the subtree, joined to their unit.
constexpr const char* kHeld =
    " FROM activities a JOIN units u ON u.id = a.unit_id JOIN unit_closure c ON c.descendant_id "
    "= a.unit_id AND c.ancestor_id = :u WHERE a.campaign_id = :c AND a.status = 'published'";

const std::map<std::string, std::string>& PeopleFilters() {
  static const auto* filters = new std::map<std::string, std::string>{
      {"teachers", "category = 'staff'"}, {"students", "category = 'student'"}, {"total", "1 = 1"}};
  return *filters;
}

}  // namespace

Result<std::vector<SourceRecord>> ReportingService::SourcesOf(const Principal& p, Id campaign_id,
                                                              Id unit_id,
                                                              const std::string& figure) {
  db::Session s(db_);
  VW_RETURN_IF_ERROR(scope_.Require(s, p, unit_id));
  std::vector<SourceRecord> out;
  if (auto f = PeopleFilters().find(figure); f != PeopleFilters().end()) {
    std::string people =
        "(SELECT COALESCE(SUM(people), 0) FROM checkins WHERE activity_id = a.id "
        "AND result = 'ok' AND " +
        f->second +
        ") + (SELECT COALESCE(SUM(delta), 0) FROM walkins WHERE activity_id = "
        "a.id AND " +
        f->second + ")";
    soci::rowset<soci::row> rs = (s.sql().prepare << "SELECT a.id, a.title, u.name, " << people
                                                  << kHeld << " ORDER BY a.starts_at, a.id",
                                  soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : rs) {
      std::int64_t n = db::Int(r, 3);
      if (n > 0) out.push_back({db::Str(r, 1), n, db::Int(r, 0), std::nullopt, db::Str(r, 2)});
    }
  } else if (figure == "projects") {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT a.id, a.title, u.name" << kHeld
                         << " AND a.open_to_public = 1 AND a.place_kind <> 'online' ORDER BY "
                            "a.starts_at, a.id",
         soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : rs) {
      out.push_back({db::Str(r, 1), 1, db::Int(r, 0), std::nullopt, db::Str(r, 2)});
    }
  } else if (figure == "schools") {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT sn.id, sn.name, COUNT(*) FROM activities a JOIN unit_closure "
                            "c ON c.descendant_id = a.unit_id AND c.ancestor_id = :u JOIN "
                            "unit_closure sc ON sc.descendant_id = a.unit_id JOIN units sn ON "
                            "sn.id = sc.ancestor_id JOIN unit_kinds sk ON sk.code = sn.kind WHERE "
                            "a.campaign_id = :c AND a.status = 'published' AND sk.category = "
                            "'school' GROUP BY sn.id, sn.name ORDER BY sn.name",
         soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : rs) {
      out.push_back({db::Str(r, 1), 1, std::nullopt, db::Int(r, 0),
                     std::to_string(db::Int(r, 2)) + " 项已举办活动"});
    }
  } else if (figure == "enterprises") {
    std::set<std::string> seen;
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT a.id, a.title, a.partner, a.enterprises" << kHeld
                         << " ORDER BY a.starts_at, a.id",
         soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : rs) {
      for (std::size_t col : {2u, 3u}) {
        for (auto& name : EnterpriseNames(db::Str(r, col))) {
          if (!seen.insert(name).second) continue;  // counted once, at its first activity
          out.push_back({name, 1, db::Int(r, 0), std::nullopt, db::Str(r, 1)});
        }
      }
    }
  } else if (const StatisticsField* f = FindStatisticsField(figure);
             f && f->member && figure.rfind("media_", 0) == 0) {
    std::string level = figure.substr(6);  // media_<level>: the reports of that level
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT m.id, m.title, m.outlet, m.activity_id, m.published_on FROM "
                            "media_reports m JOIN unit_closure c ON c.descendant_id = m.unit_id "
                            "AND c.ancestor_id = :u WHERE m.campaign_id = :c AND m.level = :l "
                            "ORDER BY m.published_on, m.id",
         soci::use(unit_id), soci::use(campaign_id), soci::use(level));
    for (const auto& r : rs) {
      out.push_back(
          {db::Str(r, 1), 1, db::OptInt(r, 3), std::nullopt, db::Str(r, 2) + " " + db::Str(r, 4)});
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
