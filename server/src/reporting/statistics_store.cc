// SQL of the statistics form's inputs (statistics_store.h).
#include "reporting/statistics_store.h"

#include <map>

#include "org/org.h"
#include "reporting/submission_freeze.h"

namespace vw::reporting::store {

std::optional<UnitInfo> LoadUnit(db::Session& s, Id unit_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT u.id, u.name, k.category, u.kind, u.enrolled_students, "
                          "u.parent_id, COALESCE(p.name, ''), u.contact_person, u.contact_phone, "
                          "u.website FROM units u JOIN unit_kinds k ON k.code = u.kind LEFT JOIN "
                          "units p ON p.id = u.parent_id WHERE u.id = :u",
       soci::use(unit_id));
  for (const auto& r : rs) {
    return UnitInfo{db::Int(r, 0),    db::Str(r, 1), db::Str(r, 2), db::Str(r, 3), db::Int(r, 4),
                    db::OptInt(r, 5), db::Str(r, 6), db::Str(r, 7), db::Str(r, 8), db::Str(r, 9)};
  }
  return std::nullopt;
}

// The stored figures (StoredStatisticsFields) from column `first` of `r` on,
// with the ratios computed from them.
StatisticsRow FiguresAt(const soci::row& r, std::size_t first) {
  StatisticsRow f;
  for (const StatisticsField* field : StoredStatisticsFields())
    f.*(field->member) = db::Int(r, first++);
  RecomputeRatios(f);
  return f;
}

// The reporting children of a unit with their submission of `form`.
std::vector<ChildInfo> ReportingChildren(db::Session& s, Id campaign_id, const std::string& form,
                                         Id unit_id) {
  std::vector<ChildInfo> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT u.id, u.name, k.name, k.category, u.enrolled_students, sb.id, sb.status, "
              "sb.submitted_at, sb.late, sb.reviewed_at, "
           << StatisticsColumns("f.")
           << " FROM units u JOIN unit_kinds k ON k.code = u.kind LEFT JOIN "
              "submissions sb ON sb.unit_id = u.id AND sb.campaign_id = :c AND sb.form = :f LEFT "
              "JOIN statistics_figures f ON f.submission_id = sb.id WHERE u.parent_id = :u AND "
              "k.reports_forms = 1 AND u.active = 1 ORDER BY u.sort_order, u.id",
       soci::use(campaign_id), soci::use(form), soci::use(unit_id));
  for (const auto& r : rs) {
    ChildInfo c;
    c.unit_id = db::Int(r, 0);
    c.name = db::Str(r, 1);
    c.kind_name = db::Str(r, 2);
    c.category = db::Str(r, 3);
    c.enrolled = db::Int(r, 4);
    c.submission_id = db::OptInt(r, 5);
    if (c.submission_id) {
      c.status = db::Str(r, 6);
      c.submitted_at = db::Str(r, 7);
      c.late = db::Int(r, 8) != 0;
      c.reviewed_at = db::Str(r, 9);
    }
    if (c.status == "accepted" && r.get_indicator(10) == soci::i_ok) {
      StatisticsRow f = FiguresAt(r, 10);
      f.unit_id = c.unit_id;
      f.unit_name = c.name;
      c.accepted = f;
    }
    out.push_back(std::move(c));
  }
  bool any_accepted = false;
  for (const auto& c : out) any_accepted = any_accepted || c.accepted.has_value();
  if (form == "statistics" && any_accepted) {
    std::map<Id, ChildInfo*> by_unit;
    for (auto& c : out) by_unit[c.unit_id] = &c;
    soci::rowset<soci::row> names =
        (s.sql().prepare << "SELECT sb.unit_id, e.name FROM statistics_enterprises e JOIN "
                            "submissions sb ON sb.id = e.submission_id JOIN units u ON u.id = "
                            "sb.unit_id WHERE u.parent_id = :u AND sb.campaign_id = :c AND "
                            "sb.form = 'statistics' AND sb.status = 'accepted'",
         soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : names) {
      auto c = by_unit.find(db::Int(r, 0));
      if (c != by_unit.end() && c->second->accepted)
        c->second->enterprise_names.insert(db::Str(r, 1));
    }
    soci::rowset<soci::row> people =
        (s.sql().prepare << "SELECT sb.unit_id, p.category, p.person FROM statistics_people p JOIN "
                            "submissions sb ON sb.id = p.submission_id JOIN units u ON u.id = "
                            "sb.unit_id WHERE u.parent_id = :u AND sb.campaign_id = :c AND "
                            "sb.form = 'statistics' AND sb.status = 'accepted'",
         soci::use(unit_id), soci::use(campaign_id));
    for (const auto& r : people) {
      auto c = by_unit.find(db::Int(r, 0));
      auto key = PersonKey::FromHex(db::Str(r, 2));
      if (c == by_unit.end() || !c->second->accepted || !key) continue;
      DistinctPeople& to = c->second->people;
      std::string category = db::Str(r, 1);
      if (category == "staff") to.staff.push_back(*key);
      if (category == "student") to.students.push_back(*key);
      to.everyone.push_back(*key);
    }
    for (auto& c : out) c.people.Settle();
  }
  return out;
}

// The unit and its non-reporting descendants (a school's offices): whose
// records are the unit's own.
std::vector<Id> OwnUnits(db::Session& s, Id unit_id) {
  std::vector<Id> out{unit_id};
  for (std::size_t i = 0; i < out.size(); ++i) {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT u.id FROM units u JOIN unit_kinds k ON k.code = u.kind WHERE "
                            "u.parent_id = :p AND k.reports_forms = 0",
         soci::use(out[i]));
    for (const auto& r : rs) out.push_back(db::Int(r, 0));
  }
  return out;
}

bool IsSchoolOrBelow(const std::string& category) {
  return category == "school" || category == "department";
}

// The roll-up's inputs from the database: the unit's own records, and per
// child its accepted figures or, not accepted, its live figures.
RollupInput RollupInputOf(db::Session& s, Id campaign_id, const UnitInfo& unit,
                          const std::vector<ChildInfo>& children) {
  RollupInput in;
  in.unit_id = unit.id;
  in.unit_name = unit.name;
  in.school_like = IsSchoolOrBelow(unit.category);
  in.enrolled = unit.enrolled;
  OwnRecords own = FiguresOfUnits(s, campaign_id, OwnUnits(s, unit.id));
  in.own = own.figures;
  in.own_held = own.held;
  in.own_enterprises = std::move(own.enterprises);
  in.own_people = std::move(own.people);
  for (const auto& c : children) {
    RollupChild child{c.unit_id, c.name, c.status, {}, {}, {}};
    if (c.accepted) {
      child.figures = *c.accepted;
      child.enterprise_names = c.enterprise_names;
      child.people = c.people;
    } else if (auto frozen = c.status == "submitted" && c.submission_id
                                 ? SubmittedFigures(s, *c.submission_id)
                                 : std::nullopt) {
      child.figures = *frozen;  // as the child submitted them (submission_freeze.h)
      child.figures.unit_id = c.unit_id;
      child.figures.unit_name = c.name;
    } else if (c.status != "not_participating") {
      if (auto live = ComputeStatistics(s, campaign_id, c.unit_id)) child.figures = live->total;
    }
    in.children.push_back(std::move(child));
  }
  return in;
}

// Schools of the unit's subtree, or just `at_least` when that already
// covers `needed` (a province with 12,000 direct schools need not count
// its whole tree).
std::int64_t SchoolsInSubtree(db::Session& s, const UnitInfo& unit, std::int64_t needed,
                              std::int64_t at_least) {
  if (IsSchoolOrBelow(unit.category)) return 1;
  if (needed <= at_least) return at_least;
  std::int64_t n = 0;
  s.sql() << "SELECT COUNT(*) FROM unit_closure c JOIN units u ON u.id = c.descendant_id JOIN "
             "unit_kinds k ON k.code = u.kind WHERE c.ancestor_id = :u AND k.category = 'school' "
             "AND u.active = 1",
      soci::use(unit.id), soci::into(n);
  return n;
}

std::optional<StatisticsRow> PreviousFigures(db::Session& s, Id campaign_id, Id unit_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT " << StatisticsColumns("f.")
           << " FROM statistics_figures f JOIN campaigns c ON c.id = f.campaign_id WHERE f.unit_id "
              "= :u "
              "AND c.year < (SELECT year FROM campaigns WHERE id = :c) ORDER BY c.year DESC LIMIT "
              "1",
       soci::use(unit_id), soci::use(campaign_id));
  for (const auto& r : rs) return FiguresAt(r, 0);
  return std::nullopt;
}

std::vector<SubtreeMember> SubtreeMembers(db::Session& s, Id unit_id) {
  std::vector<SubtreeMember> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT u.id, COALESCE((SELECT c2.ancestor_id FROM unit_closure c2 JOIN units u2 "
              "ON u2.id = c2.ancestor_id JOIN unit_kinds k2 ON k2.code = u2.kind WHERE "
              "c2.descendant_id = u.id AND u2.parent_id = :p AND k2.reports_forms = 1), "
              "c.ancestor_id), k.category, u.enrolled_students, u.name, u.parent_id, u.active FROM "
              "units "
              "u JOIN unit_kinds k ON k.code = u.kind JOIN unit_closure c ON c.descendant_id = "
              "u.id AND c.ancestor_id = :u ORDER BY u.sort_order, u.id",
       soci::use(unit_id), soci::use(unit_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Int(r, 1), db::Str(r, 2), db::Int(r, 3), db::Str(r, 4),
                   db::OptInt(r, 5), db::Int(r, 6) != 0});
  }
  return out;
}

std::map<Id, Completeness> GrandchildCompleteness(db::Session& s, Id campaign_id,
                                                  const std::string& form, Id unit_id) {
  std::map<Id, Completeness> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare
           << "SELECT u.parent_id, COUNT(*), SUM(CASE WHEN sb.status IN ('submitted', "
              "'accepted') THEN 1 ELSE 0 END), SUM(CASE WHEN sb.status = 'accepted' THEN 1 ELSE "
              "0 END) FROM units u JOIN units p ON p.id = u.parent_id JOIN unit_kinds k ON "
              "k.code = u.kind LEFT JOIN submissions sb ON sb.unit_id = u.id AND sb.campaign_id "
              "= :c AND sb.form = :f WHERE p.parent_id = :u AND k.reports_forms = 1 AND "
              "u.active = 1 GROUP BY u.parent_id",
       soci::use(campaign_id), soci::use(form), soci::use(unit_id));
  for (const auto& r : rs) out[db::Int(r, 0)] = {db::Int(r, 1), db::Int(r, 2), db::Int(r, 3)};
  return out;
}

std::vector<ChainRoot> ChainRoots(db::Session& s) {
  std::vector<ChainRoot> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT u.id, u.name, u.region_code FROM units u WHERE "
                       << org::kChainRootCondition << " ORDER BY u.sort_order, u.id");
  for (const auto& r : rs) out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2)});
  return out;
}

std::string RegionName(db::Session& s, const std::string& code) {
  std::string name;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT name FROM regions WHERE code = :c", soci::use(code), soci::into(name, ind);
  return ind == soci::i_ok ? name : std::string();
}

std::vector<ChildUnit> ChildUnits(db::Session& s, Id parent_id) {
  std::vector<ChildUnit> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT u.id, u.name, u.region_code, k.category, r.name FROM units u "
                          "JOIN unit_kinds k ON k.code = u.kind LEFT JOIN regions r ON r.code = "
                          "u.region_code WHERE u.parent_id = :p",
       soci::use(parent_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3),
                   db::OptStr(r, 4).value_or("")});
  }
  return out;
}

void SaveEnterprises(db::Session& s, Id submission_id, const std::set<std::string>& names) {
  s.sql() << "DELETE FROM statistics_enterprises WHERE submission_id = :s",
      soci::use(submission_id);
  for (const std::string& name : names) {
    s.sql() << "INSERT INTO statistics_enterprises (submission_id, name) VALUES (:s, :n)",
        soci::use(submission_id), soci::use(name);
  }
}

void SavePeople(db::Session& s, Id submission_id, const DistinctPeople& people) {
  s.sql() << "DELETE FROM statistics_people WHERE submission_id = :s", soci::use(submission_id);
  // Rows in batches bound as vectors; everyone's keys already stored as
  // staff or students need no row of their own.
  std::vector<std::string> persons, categories;
  std::set<PersonKey> stored;
  auto flush = [&] {
    if (persons.empty()) return;
    std::vector<Id> ids(persons.size(), submission_id);
    s.sql() << "INSERT INTO statistics_people (submission_id, category, person) VALUES (:s, :c, "
               ":p)",
        soci::use(ids), soci::use(categories), soci::use(persons);
    persons.clear();
    categories.clear();
  };
  std::size_t budget = kPeopleKeysPerForm;
  auto keep = [&](const std::vector<PersonKey>& keys, const char* category, bool once) {
    for (const PersonKey& key : keys) {
      if (budget == 0) return;
      if (once && stored.count(key)) continue;
      if (!once) stored.insert(key);
      persons.push_back(key.Hex());
      categories.emplace_back(category);
      --budget;
      if (persons.size() == 1000) flush();
    }
  };
  keep(people.staff, "staff", false);
  keep(people.students, "student", false);
  keep(people.everyone, "other", true);
  flush();
}

void SaveFigures(db::Session& s, Id submission_id, Id campaign_id, Id unit_id,
                 const StatisticsRow& f) {
  s.sql() << "DELETE FROM statistics_figures WHERE submission_id = :s", soci::use(submission_id);
  std::string values;
  for (std::size_t i = 0; i < StoredStatisticsFields().size(); ++i) {
    values += ", :f" + std::to_string(i);
  }
  soci::statement st =
      (s.sql().prepare << "INSERT INTO statistics_figures (submission_id, campaign_id, unit_id, "
                       << StatisticsColumns("") << ") VALUES (:s, :c, :u" << values << ")");
  st.exchange(soci::use(submission_id));
  st.exchange(soci::use(campaign_id));
  st.exchange(soci::use(unit_id));
  for (const StatisticsField* field : StoredStatisticsFields()) {
    st.exchange(soci::use(f.*(field->member)));
  }
  st.define_and_bind();
  st.execute(true);
}

}  // namespace vw::reporting::store
