// SQL of awards (awards_store.h).
#include "awards/awards_store.h"

#include <algorithm>

#include "db/id_list.h"
#include "reporting/records_store.h"
#include "reporting/reporting.h"

namespace vw::awards::store {
namespace {

constexpr const char* kAwardColumns =
    "SELECT a.id, a.campaign_id, c.name, a.owner_unit_id, u.name, a.name, a.level, a.winners, "
    "a.tie_rule, a.status, a.decided_at, a.published_on, a.version, a.created_at, a.updated_at "
    "FROM awards a JOIN campaigns c ON c.id = a.campaign_id JOIN units u ON u.id = "
    "a.owner_unit_id";

AwardRow AwardOf(const soci::row& r) {
  AwardRow a;
  a.id = db::Int(r, 0);
  a.campaign_id = db::Int(r, 1);
  a.campaign_name = db::Str(r, 2);
  a.owner_unit_id = db::Int(r, 3);
  a.owner_name = db::Str(r, 4);
  a.name = db::Str(r, 5);
  a.level = db::Str(r, 6);
  a.winners = static_cast<int>(db::Int(r, 7));
  a.tie_rule = db::Str(r, 8);
  a.status = db::Str(r, 9);
  a.decided_at = db::OptStr(r, 10);
  a.published_on = db::OptStr(r, 11);
  a.version = static_cast<int>(db::Int(r, 12));
  a.created_at = db::Str(r, 13);
  a.updated_at = db::Str(r, 14);
  return a;
}

std::vector<std::string> CodesOf(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& c : v.as_array()) {
    if (c.is_string()) out.emplace_back(c.as_string());
  }
  return out;
}

std::int64_t CountUnder(db::Session& s, const std::string& sql, Id unit, Id campaign_id) {
  long long n = 0;
  s.sql() << sql, soci::use(unit), soci::use(campaign_id), soci::into(n);
  return n;
}

}  // namespace

std::optional<AwardRow> LoadAward(db::Session& s, Id id, bool for_update) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kAwardColumns << " WHERE a.id = :id"
                       << (for_update && s.backend() == db::Backend::kPostgres ? " FOR UPDATE OF a"
                                                                               : ""),
       soci::use(id));
  for (const auto& r : rs) return AwardOf(r);
  return std::nullopt;
}

std::vector<Id> AwardIds(db::Session& s, Id campaign_id) {
  std::vector<Id> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id FROM awards WHERE campaign_id = :c ORDER BY id DESC",
       soci::use(campaign_id));
  for (const auto& r : rs) out.push_back(db::Int(r, 0));
  return out;
}

Id InsertAward(db::Session& s, const AwardRow& r, std::optional<Id> created_by) {
  Id id = 0;
  s.sql() << "INSERT INTO awards (campaign_id, owner_unit_id, name, level, winners, tie_rule, "
             "status, version, created_by, created_at, updated_at) VALUES (:c, :o, :n, :l, :w, "
             ":t, 'draft', 1, :by, :now, :now2) RETURNING id",
      soci::use(r.campaign_id), soci::use(r.owner_unit_id), soci::use(r.name), soci::use(r.level),
      soci::use(r.winners), soci::use(r.tie_rule), soci::use(created_by), soci::use(r.created_at),
      soci::use(r.created_at), soci::into(id);
  return id;
}

bool SaveAward(db::Session& s, const AwardRow& r, int version, std::optional<Id> decided_by,
               const std::string& now) {
  soci::statement st =
      (s.sql().prepare << "UPDATE awards SET name = :n, level = :l, winners = :w, tie_rule = :t, "
                          "status = :st, decided_at = :da, decided_by = COALESCE(:db, "
                          "decided_by), published_on = :po, version = version + 1, updated_at = "
                          ":now WHERE id = :id AND version = :v",
       soci::use(r.name), soci::use(r.level), soci::use(r.winners), soci::use(r.tie_rule),
       soci::use(r.status), soci::use(r.decided_at), soci::use(decided_by),
       soci::use(r.published_on), soci::use(now), soci::use(r.id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<NamedUnit> LoadUnits(db::Session& s, Id award_id) {
  std::vector<NamedUnit> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT u.id, u.name FROM award_units w JOIN units u ON u.id = "
                          "w.unit_id WHERE w.award_id = :a ORDER BY u.sort_order, u.id",
       soci::use(award_id));
  for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Str(r, 1)});
  return out;
}

void ReplaceUnits(db::Session& s, Id award_id, const std::vector<Id>& unit_ids) {
  s.sql() << "DELETE FROM award_units WHERE award_id = :a", soci::use(award_id);
  for (Id u : unit_ids) {
    s.sql() << "INSERT INTO award_units (award_id, unit_id) VALUES (:a, :u)", soci::use(award_id),
        soci::use(u);
  }
}

std::map<Id, std::string> UnitsBelow(db::Session& s, Id owner, const std::vector<Id>& ids) {
  std::map<Id, std::string> out;
  if (ids.empty()) return out;
  std::vector<std::int64_t> bound(ids.begin(), ids.end());
  auto rs = db::RowsForIds(s,
                           "SELECT u.id, u.name, c.ancestor_id FROM units u JOIN unit_closure c "
                           "ON c.descendant_id = u.id AND c.depth >= 1 WHERE u.id IN ",
                           bound);
  for (const auto& r : rs) {
    if (db::Int(r, 2) == owner) out[db::Int(r, 0)] = db::Str(r, 1);
  }
  return out;
}

std::string UnitName(db::Session& s, Id unit_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT name FROM units WHERE id = :id", soci::use(unit_id), soci::into(name, ind);
  return ind == soci::i_ok ? name : "";
}

bool CampaignExists(db::Session& s, Id campaign_id) {
  long long n = 0;
  s.sql() << "SELECT COUNT(*) FROM campaigns WHERE id = :id", soci::use(campaign_id), soci::into(n);
  return n > 0;
}

std::vector<CriterionSpec> LoadCriteria(db::Session& s, Id award_id) {
  std::vector<CriterionSpec> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id, name, weight, indicators FROM award_criteria WHERE "
                          "award_id = :a ORDER BY sort_order, id",
       soci::use(award_id));
  for (const auto& r : rs) {
    out.push_back(
        {db::Int(r, 0), db::Str(r, 1), static_cast<int>(db::Int(r, 2)), CodesOf(db::Str(r, 3))});
  }
  return out;
}

void ReplaceCriteria(db::Session& s, Id award_id, const std::vector<CriterionInput>& criteria) {
  s.sql() << "DELETE FROM award_criteria WHERE award_id = :a", soci::use(award_id);
  int order = 0;
  for (const auto& c : criteria) {
    json::array codes;
    for (const auto& i : c.indicators) codes.emplace_back(i);
    std::string text = json::serialize(codes);
    ++order;
    s.sql() << "INSERT INTO award_criteria (award_id, sort_order, name, weight, indicators) "
               "VALUES (:a, :o, :n, :w, :i)",
        soci::use(award_id), soci::use(order), soci::use(c.name), soci::use(c.weight),
        soci::use(text);
  }
}

std::vector<JudgeRow> LoadJudges(db::Session& s, Id award_id) {
  std::vector<JudgeRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT j.user_id, u.display_name, u.unit_id, n.name, j.submitted_at "
                          "FROM award_judges j JOIN users u ON u.id = j.user_id JOIN units n ON "
                          "n.id = u.unit_id WHERE j.award_id = :a ORDER BY j.user_id",
       soci::use(award_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Int(r, 2), db::Str(r, 3), db::OptStr(r, 4)});
  }
  return out;
}

void ReplaceJudges(db::Session& s, Id award_id, const std::vector<Id>& user_ids) {
  s.sql() << "DELETE FROM award_judges WHERE award_id = :a", soci::use(award_id);
  for (Id u : user_ids) {
    s.sql() << "INSERT INTO award_judges (award_id, user_id) VALUES (:a, :u)", soci::use(award_id),
        soci::use(u);
  }
}

std::map<Id, JudgeRow> UsersUnder(db::Session& s, Id owner, const std::vector<Id>& ids) {
  std::map<Id, JudgeRow> out;
  if (ids.empty()) return out;
  std::vector<std::int64_t> bound(ids.begin(), ids.end());
  auto rs = db::RowsForIds(s,
                           "SELECT u.id, u.display_name, u.unit_id, n.name, c.ancestor_id FROM "
                           "users u JOIN units n ON n.id = u.unit_id JOIN unit_closure c ON "
                           "c.descendant_id = u.unit_id WHERE u.active = 1 AND u.id IN ",
                           bound);
  for (const auto& r : rs) {
    if (db::Int(r, 4) != owner) continue;
    out[db::Int(r, 0)] = {db::Int(r, 0), db::Str(r, 1), db::Int(r, 2), db::Str(r, 3), std::nullopt};
  }
  return out;
}

std::set<Id> UnitsOfUser(db::Session& s, Id user_id) {
  std::set<Id> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT unit_id FROM users WHERE id = :u UNION SELECT unit_id FROM "
                          "grants WHERE user_id = :u2",
       soci::use(user_id), soci::use(user_id));
  for (const auto& r : rs) out.insert(db::Int(r, 0));
  return out;
}

void MarkSubmitted(db::Session& s, Id award_id, Id user_id, const std::string& now) {
  s.sql() << "UPDATE award_judges SET submitted_at = :now WHERE award_id = :a AND user_id = :u",
      soci::use(now), soci::use(award_id), soci::use(user_id);
}

std::vector<ScoreRow> LoadScores(db::Session& s, Id award_id) {
  std::vector<ScoreRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT user_id, unit_id, criterion_id, score, comment, updated_at FROM "
                          "award_scores WHERE award_id = :a ORDER BY user_id, unit_id, "
                          "criterion_id",
       soci::use(award_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Int(r, 1), db::Int(r, 2), static_cast<int>(db::Int(r, 3)),
                   db::Str(r, 4), db::Str(r, 5)});
  }
  return out;
}

void ReplaceScores(db::Session& s, Id award_id, Id user_id, const std::vector<ScoreInput>& scores,
                   const std::string& now) {
  s.sql() << "DELETE FROM award_scores WHERE award_id = :a AND user_id = :u", soci::use(award_id),
      soci::use(user_id);
  for (const auto& x : scores) {
    s.sql() << "INSERT INTO award_scores (award_id, user_id, unit_id, criterion_id, score, "
               "comment, updated_at) VALUES (:a, :u, :n, :c, :s, :m, :now)",
        soci::use(award_id), soci::use(user_id), soci::use(x.unit_id), soci::use(x.criterion_id),
        soci::use(x.score), soci::use(x.comment), soci::use(now);
  }
}

std::map<Id, std::map<std::string, double>> IndicatorValues(db::Session& s, Id campaign_id,
                                                            const std::vector<Id>& unit_ids) {
  // Held activities of the subtree of :u in campaign :c.
  const std::string held =
      " FROM activities a JOIN unit_closure k ON k.descendant_id = a.unit_id AND k.ancestor_id = "
      ":u WHERE a.campaign_id = :c AND a.status = 'published'";
  const std::string media =
      " FROM media_reports m JOIN unit_closure k ON k.descendant_id = m.unit_id AND k.ancestor_id "
      "= :u WHERE m.campaign_id = :c AND m.channel = 'media'";
  const std::string items =
      " FROM publicity_items p JOIN unit_closure k ON k.descendant_id = p.unit_id AND "
      "k.ancestor_id = :u WHERE p.campaign_id = :c";
  std::map<Id, std::map<std::string, double>> out;
  for (Id u : unit_ids) {
    auto& v = out[u];
    v["activities"] = static_cast<double>(CountUnder(s, "SELECT COUNT(*)" + held, u, campaign_id));
    v["activity_days"] = static_cast<double>(
        CountUnder(s, "SELECT COUNT(DISTINCT a.theme_day_id)" + held, u, campaign_id));
    v["on_campus"] = static_cast<double>(CountUnder(
        s, "SELECT COUNT(*)" + held + " AND a.place_kind = 'on_campus'", u, campaign_id));
    v["media_reports"] =
        static_cast<double>(CountUnder(s, "SELECT COUNT(*)" + media, u, campaign_id));
    v["media_provincial"] = static_cast<double>(
        CountUnder(s, "SELECT COUNT(*)" + media + " AND m.level IN ('central', 'provincial')", u,
                   campaign_id));
    v["publicity_accepted"] = static_cast<double>(CountUnder(
        s, "SELECT COUNT(*)" + items + " AND p.status IN ('accepted', 'pushed')", u, campaign_id));
    v["publicity_pushed"] = static_cast<double>(
        CountUnder(s, "SELECT COUNT(*)" + items + " AND p.status = 'pushed'", u, campaign_id));
    v["forms_on_time"] = static_cast<double>(CountUnder(
        s,
        "SELECT COUNT(*) FROM submissions f JOIN unit_closure k ON k.descendant_id = f.unit_id "
        "AND k.ancestor_id = :u WHERE f.campaign_id = :c AND f.submitted_at <> '' AND f.late = 0 "
        "AND f.form IN ('info_form', 'statistics', 'summary')",
        u, campaign_id));

    // Teachers and students who came, over the enrolled students and staff.
    std::int64_t people = 0;
    for (const auto& a : reporting::store::AttendanceUnder(s, campaign_id, u)) {
      if (a.category == "staff" || a.category == "student") people += a.people;
    }
    long long enrolled = 0;
    s.sql() << "SELECT COALESCE(SUM(n.enrolled_students + n.staff_count), 0) FROM units n JOIN "
               "unit_closure k ON k.descendant_id = n.id AND k.ancestor_id = :u",
        soci::use(u), soci::into(enrolled);
    v["participation"] =
        enrolled > 0 ? static_cast<double>(people) * 100.0 / static_cast<double>(enrolled) : 0.0;

    std::set<std::string> names;
    for (const auto& a : reporting::store::EnterprisesByActivity(s, campaign_id, u)) {
      for (const std::string* text : {&a.partner, &a.enterprises}) {
        for (auto& name : reporting::EnterpriseNames(*text)) names.insert(name);
      }
    }
    v["enterprises"] = static_cast<double>(names.size());
  }
  return out;
}

void SaveResults(db::Session& s, Id award_id, const std::vector<ResultRow>& rows) {
  s.sql() << "DELETE FROM award_results WHERE award_id = :a", soci::use(award_id);
  for (const auto& r : rows) {
    int winner = r.winner ? 1 : 0;
    s.sql() << "INSERT INTO award_results (award_id, unit_id, place, total_centi, winner, "
               "breakdown, certificate_code) VALUES (:a, :u, :p, :t, :w, :b, :code)",
        soci::use(award_id), soci::use(r.unit_id), soci::use(r.place), soci::use(r.total_centi),
        soci::use(winner), soci::use(r.breakdown), soci::use(r.code);
  }
}

namespace {
constexpr const char* kResultColumns =
    "SELECT r.unit_id, u.name, r.place, r.total_centi, r.winner, r.breakdown, r.certificate_code, "
    "r.award_id FROM award_results r JOIN units u ON u.id = r.unit_id";
ResultRow ResultOf(const soci::row& r) {
  return {db::Int(r, 0),   db::Str(r, 1),      static_cast<int>(db::Int(r, 2)),
          db::Int(r, 3),   db::Int(r, 4) != 0, db::Str(r, 5),
          db::OptStr(r, 6)};
}
}  // namespace

std::vector<ResultRow> LoadResults(db::Session& s, Id award_id) {
  std::vector<ResultRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kResultColumns
                       << " WHERE r.award_id = :a ORDER BY r.place, u.sort_order, "
                          "r.unit_id",
       soci::use(award_id));
  for (const auto& r : rs) out.push_back(ResultOf(r));
  return out;
}

std::optional<std::pair<Id, ResultRow>> FindCertificate(db::Session& s, const std::string& code) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kResultColumns << " WHERE r.certificate_code = :code", soci::use(code));
  for (const auto& r : rs) return std::make_pair(db::Int(r, 7), ResultOf(r));
  return std::nullopt;
}

}  // namespace vw::awards::store
