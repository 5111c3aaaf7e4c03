// SQL of the activity records the statistics count (records_store.h).
#include "reporting/records_store.h"

#include "org/school.h"

namespace vw::reporting::store {
namespace {

// Both tables hold (activity, category, people): admitting scans and walk-ins.
constexpr const char* kPeopleSources[] = {
    "SELECT activity_id, category, people FROM checkins WHERE result = 'ok'",
    "SELECT activity_id, category, delta AS people FROM walkins"};

// Held activities of the subtree of :u, joined to their unit.
constexpr const char* kHeldUnder =
    " FROM activities a JOIN units u ON u.id = a.unit_id JOIN unit_closure c ON c.descendant_id "
    "= a.unit_id AND c.ancestor_id = :u WHERE a.campaign_id = :c AND a.status = 'published'";

}  // namespace

std::vector<HeldActivity> HeldActivitiesOf(db::Session& s, Id campaign_id, Id unit_id) {
  std::vector<HeldActivity> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT open_to_public, place_kind, partner, enterprises FROM "
                          "activities WHERE campaign_id = :c AND unit_id = :u AND status = "
                          "'published'",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rs) {
    out.push_back(
        {unit_id, db::Int(r, 0) != 0, db::Str(r, 1), db::Str(r, 2), db::Str(r, 3), std::nullopt});
  }
  return out;
}

std::vector<HeldActivity> HeldActivitiesUnder(db::Session& s, Id campaign_id, Id ancestor) {
  std::vector<HeldActivity> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT a.unit_id, a.open_to_public, a.place_kind, a.partner, a.enterprises, "
           << org::NearestSchoolSql("a.unit_id")
           << " FROM activities a "
              "JOIN unit_closure c ON c.descendant_id = a.unit_id AND c.ancestor_id = :u WHERE "
              "a.campaign_id = :c AND a.status = 'published'",
       soci::use(ancestor), soci::use(campaign_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Int(r, 1) != 0, db::Str(r, 2), db::Str(r, 3), db::Str(r, 4),
                   db::OptInt(r, 5)});
  }
  return out;
}

std::vector<PeopleCount> PeopleUnder(db::Session& s, Id campaign_id, Id ancestor) {
  std::vector<PeopleCount> out;
  for (const char* source : kPeopleSources) {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT a.unit_id, p.category, SUM(p.people) FROM (" << source
                         << ") p JOIN activities a ON a.id = "
                            "p.activity_id JOIN unit_closure c ON c.descendant_id = a.unit_id AND "
                            "c.ancestor_id = :u WHERE a.campaign_id = :c AND a.status = "
                            "'published' GROUP BY a.unit_id, p.category",
         soci::use(ancestor), soci::use(campaign_id));
    for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Str(r, 1), db::Int(r, 2)});
  }
  return out;
}

namespace {

// The held activities `a` of one unit (:u) or of a subtree (:u), then the
// campaign (:c): both bind the unit first.
constexpr const char* kOfUnit =
    " WHERE a.unit_id = :u AND a.campaign_id = :c AND a.status = 'published'";
constexpr const char* kOfSubtree =
    " JOIN unit_closure c ON c.descendant_id = a.unit_id AND c.ancestor_id = :u WHERE "
    "a.campaign_id = :c AND a.status = 'published'";

std::vector<Attendance> AttendanceWhere(db::Session& s, Id campaign_id, Id unit, const char* held) {
  std::vector<Attendance> out;
  soci::rowset<soci::row> admitted =
      (s.sql().prepare << "SELECT x.unit_id, x.category, x.people, x.registration_id, "
                          "COALESCE(r.kind, ''), COALESCE(r.mobile, ''), COALESCE(r.school, ''), "
                          "COALESCE(r.roster, ''), COALESCE(r.purged, 0) FROM (SELECT a.unit_id, "
                          "k.category, k.registration_id, SUM(k.people) AS people FROM checkins k "
                          "JOIN activities a ON a.id = k.activity_id"
                       << held
                       << " AND k.result = 'ok' GROUP BY a.unit_id, k.category, "
                          "k.registration_id) x LEFT JOIN registrations r ON r.id = "
                          "x.registration_id ORDER BY x.unit_id, x.registration_id",
       soci::use(unit), soci::use(campaign_id));
  for (const auto& r : admitted) {
    Attendance a{db::Int(r, 0), db::Str(r, 1), db::Int(r, 2), db::OptInt(r, 3),
                 db::Str(r, 4), db::Str(r, 5), db::Str(r, 6), db::Str(r, 7)};
    if (db::Int(r, 8) != 0) a.mobile.clear();
    out.push_back(std::move(a));
  }
  soci::rowset<soci::row> walkins =
      (s.sql().prepare << "SELECT a.unit_id, w.category, SUM(w.delta) FROM walkins w JOIN "
                          "activities a ON a.id = w.activity_id"
                       << held << " GROUP BY a.unit_id, w.category",
       soci::use(unit), soci::use(campaign_id));
  for (const auto& r : walkins) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Int(r, 2), std::nullopt, "", "", "", ""});
  }
  soci::rowset<soci::row> filed =
      (s.sql().prepare << "SELECT a.unit_id, SUM(f.staff_count), SUM(f.student_count) FROM "
                          "activity_filings f JOIN activities a ON a.id = f.activity_id"
                       << held
                       << " AND a.place_kind = 'off_campus' AND NOT EXISTS (SELECT 1 FROM "
                          "checkins k WHERE k.activity_id = a.id AND k.result = 'ok') AND NOT "
                          "EXISTS (SELECT 1 FROM walkins w WHERE w.activity_id = a.id) GROUP BY "
                          "a.unit_id",
       soci::use(unit), soci::use(campaign_id));
  for (const auto& r : filed) {
    out.push_back({db::Int(r, 0), "staff", db::Int(r, 1), std::nullopt, "", "", "", ""});
    out.push_back({db::Int(r, 0), "student", db::Int(r, 2), std::nullopt, "", "", "", ""});
  }
  return out;
}

}  // namespace

std::vector<Attendance> AttendanceOf(db::Session& s, Id campaign_id, Id unit_id) {
  return AttendanceWhere(s, campaign_id, unit_id, kOfUnit);
}

std::vector<Attendance> AttendanceUnder(db::Session& s, Id campaign_id, Id ancestor) {
  return AttendanceWhere(s, campaign_id, ancestor, kOfSubtree);
}

std::vector<ActivityPeople> PeopleByActivity(db::Session& s, Id campaign_id, Id ancestor,
                                             PeopleKind kind) {
  // Constant filters only: nothing typed reaches the SQL text.
  const char* filter = kind == PeopleKind::kStaff      ? "category = 'staff'"
                       : kind == PeopleKind::kStudents ? "category = 'student'"
                                                       : "1 = 1";
  std::string people =
      std::string(
          "(SELECT COALESCE(SUM(people), 0) FROM checkins WHERE activity_id = a.id AND result = "
          "'ok' AND ") +
      filter + ") + (SELECT COALESCE(SUM(delta), 0) FROM walkins WHERE activity_id = a.id AND " +
      filter + ")";
  std::vector<ActivityPeople> out;
  soci::rowset<soci::row> rs = (s.sql().prepare << "SELECT a.id, a.title, u.name, " << people
                                                << kHeldUnder << " ORDER BY a.starts_at, a.id",
                                soci::use(ancestor), soci::use(campaign_id));
  for (const auto& r : rs)
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Int(r, 3)});
  return out;
}

std::vector<ActivityPeople> OpenProjects(db::Session& s, Id campaign_id, Id ancestor) {
  std::vector<ActivityPeople> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT a.id, a.title, u.name" << kHeldUnder
                       << " AND a.open_to_public = 1 AND a.place_kind <> 'online' ORDER BY "
                          "a.starts_at, a.id",
       soci::use(ancestor), soci::use(campaign_id));
  for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), 0});
  return out;
}

std::vector<SchoolHolding> SchoolsHolding(db::Session& s, Id campaign_id, Id ancestor) {
  std::vector<SchoolHolding> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT sn.id, sn.name, COUNT(*) FROM activities a JOIN unit_closure "
                          "c ON c.descendant_id = a.unit_id AND c.ancestor_id = :u JOIN "
                          "unit_closure sc ON sc.descendant_id = a.unit_id JOIN units sn ON "
                          "sn.id = sc.ancestor_id JOIN unit_kinds sk ON sk.code = sn.kind WHERE "
                          "a.campaign_id = :c AND a.status = 'published' AND sk.category = "
                          "'school' GROUP BY sn.id, sn.name ORDER BY sn.name",
       soci::use(ancestor), soci::use(campaign_id));
  for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Str(r, 1), db::Int(r, 2)});
  return out;
}

std::vector<ActivityEnterprises> EnterprisesByActivity(db::Session& s, Id campaign_id,
                                                       Id ancestor) {
  std::vector<ActivityEnterprises> out;
  soci::rowset<soci::row> rs = (s.sql().prepare << "SELECT a.id, a.title, a.partner, a.enterprises"
                                                << kHeldUnder << " ORDER BY a.starts_at, a.id",
                                soci::use(ancestor), soci::use(campaign_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3)});
  }
  return out;
}

}  // namespace vw::reporting::store
