// SQL of media reports (media_store.h).
#include "reporting/media_store.h"

namespace vw::reporting::store {
namespace {

// A report with its unit's name and the title of its activity (only one in
// the unit's subtree: whoever reads the report may read that); the WHERE
// clause follows.
constexpr const char* kReportFrom =
    "SELECT m.id, m.campaign_id, m.unit_id, u.name, m.activity_id, m.outlet, m.level, m.title, "
    "m.published_on, m.url, m.created_at, m.channel, m.version, a.title FROM media_reports m "
    "JOIN units u ON u.id = m.unit_id LEFT JOIN activities a ON a.id = m.activity_id AND "
    "EXISTS (SELECT 1 FROM unit_closure ac WHERE ac.ancestor_id = m.unit_id AND "
    "ac.descendant_id = a.unit_id) ";

MediaReport ReportAt(const soci::row& r) {
  return {db::Int(r, 0),
          db::Int(r, 1),
          db::Int(r, 2),
          db::Str(r, 3),
          db::OptInt(r, 4),
          db::Str(r, 5),
          db::Str(r, 6),
          db::Str(r, 7),
          db::Str(r, 8),
          db::Str(r, 9),
          db::Str(r, 10),
          db::Str(r, 11),
          static_cast<int>(db::Int(r, 12)),
          db::Str(r, 13)};
}

// Runs a prepared UPDATE or DELETE of one versioned row; true when it hit it.
bool TouchedOne(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace

Id InsertMediaReport(db::Session& s, const MediaReport& m, std::optional<Id> created_by) {
  Id id = 0;
  s.sql() << "INSERT INTO media_reports (campaign_id, unit_id, activity_id, outlet, level, title, "
             "published_on, url, created_by, created_at, channel) VALUES (:c, :u, :a, :o, :l, "
             ":t, :d, :url, :by, :now, :ch) RETURNING id",
      soci::use(m.campaign_id), soci::use(m.unit_id), soci::use(m.activity_id), soci::use(m.outlet),
      soci::use(m.level), soci::use(m.title), soci::use(m.published_on), soci::use(m.url),
      soci::use(created_by), soci::use(m.created_at), soci::use(m.channel), soci::into(id);
  return id;
}

bool UpdateMediaReport(db::Session& s, const MediaReport& m, int version) {
  soci::statement st =
      (s.sql().prepare << "UPDATE media_reports SET unit_id = :u, activity_id = :a, outlet = :o, "
                          "level = :l, title = :t, published_on = :d, url = :url, channel = :ch, "
                          "version = version + 1 WHERE id = :id AND version = :v",
       soci::use(m.unit_id), soci::use(m.activity_id), soci::use(m.outlet), soci::use(m.level),
       soci::use(m.title), soci::use(m.published_on), soci::use(m.url), soci::use(m.channel),
       soci::use(m.id), soci::use(version));
  return TouchedOne(st);
}

std::optional<MediaReport> FindMediaReport(db::Session& s, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kReportFrom << "WHERE m.id = :id", soci::use(id));
  for (const auto& r : rs) return ReportAt(r);
  return std::nullopt;
}

std::vector<MediaReport> MediaReportsUnder(db::Session& s, Id campaign_id, Id ancestor) {
  std::vector<MediaReport> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kReportFrom
                       << "JOIN unit_closure c ON c.descendant_id = m.unit_id AND c.ancestor_id "
                          "= :u WHERE m.campaign_id = :c ORDER BY m.published_on DESC, m.id DESC",
       soci::use(ancestor), soci::use(campaign_id));
  for (const auto& r : rs) out.push_back(ReportAt(r));
  return out;
}

std::optional<MediaReport> DuplicateMediaReport(db::Session& s, const MediaReport& m) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kReportFrom
                       << "WHERE m.campaign_id = :c AND m.id <> :self AND ((:url <> '' AND "
                          "m.url = :url2) OR "
                          "(m.title = :t AND m.outlet = :o)) AND EXISTS (SELECT 1 FROM "
                          "unit_closure c WHERE (c.ancestor_id = m.unit_id AND c.descendant_id = "
                          ":u) OR (c.ancestor_id = :u2 AND c.descendant_id = m.unit_id)) ORDER "
                          "BY m.id LIMIT 1",
       soci::use(m.campaign_id), soci::use(m.id), soci::use(m.url), soci::use(m.url),
       soci::use(m.title), soci::use(m.outlet), soci::use(m.unit_id), soci::use(m.unit_id));
  for (const auto& r : rs) return ReportAt(r);
  return std::nullopt;
}

bool ActivityUnder(db::Session& s, Id campaign_id, Id activity_id, Id unit_id) {
  std::int64_t found = 0;
  s.sql() << "SELECT COUNT(*) FROM activities a JOIN unit_closure c ON c.descendant_id = "
             "a.unit_id AND c.ancestor_id = :u WHERE a.id = :a AND a.campaign_id = :c",
      soci::use(unit_id), soci::use(activity_id), soci::use(campaign_id), soci::into(found);
  return found > 0;
}

bool DeleteMediaReport(db::Session& s, Id id, std::optional<int> version) {
  int v = version.value_or(0);
  int any = version ? 0 : 1;
  soci::statement st = (s.sql().prepare << "DELETE FROM media_reports WHERE id = :id AND (:any = 1 "
                                           "OR version = :v)",
                        soci::use(id), soci::use(any), soci::use(v));
  return TouchedOne(st);
}

std::vector<MediaCount> MediaCountsOf(db::Session& s, Id campaign_id, Id unit_id) {
  std::vector<MediaCount> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT level, COUNT(*) FROM media_reports WHERE campaign_id = :c "
                          "AND unit_id = :u AND channel = 'media' GROUP BY level",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rs) out.push_back({unit_id, db::Str(r, 0), db::Int(r, 1)});
  return out;
}

std::vector<MediaCount> MediaCountsUnder(db::Session& s, Id campaign_id, Id ancestor) {
  std::vector<MediaCount> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT m.unit_id, m.level, COUNT(*) FROM media_reports m JOIN "
                          "unit_closure c ON c.descendant_id = m.unit_id AND c.ancestor_id = :u "
                          "WHERE m.campaign_id = :c AND m.channel = 'media' GROUP BY m.unit_id, "
                          "m.level",
       soci::use(ancestor), soci::use(campaign_id));
  for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Str(r, 1), db::Int(r, 2)});
  return out;
}

std::vector<MediaReport> MediaReportsAt(db::Session& s, Id campaign_id, Id ancestor,
                                        const std::string& level) {
  std::vector<MediaReport> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT m.id, m.title, m.outlet, m.activity_id, m.published_on, m.level FROM "
              "media_reports m JOIN unit_closure c ON c.descendant_id = m.unit_id "
              "AND c.ancestor_id = :u WHERE m.campaign_id = :c AND m.channel = 'media' "
              "AND (m.level = :l OR "
              "(:l2 = 'provincial' AND m.level = 'central')) "
              "ORDER BY m.published_on, m.id",
       soci::use(ancestor), soci::use(campaign_id), soci::use(level), soci::use(level));
  for (const auto& r : rs) {
    MediaReport m;
    m.id = db::Int(r, 0);
    m.campaign_id = campaign_id;
    m.title = db::Str(r, 1);
    m.outlet = db::Str(r, 2);
    m.activity_id = db::OptInt(r, 3);
    m.published_on = db::Str(r, 4);
    m.level = db::Str(r, 5);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace vw::reporting::store
