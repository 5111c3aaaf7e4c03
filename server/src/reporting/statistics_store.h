// SQL of the statistics form's inputs: the unit, its reporting children
// with their submission of a form (and, accepted, their frozen figures),
// the units whose records are its own, what its subtree may count, last
// campaign's figures, and the roll-up's inputs gathered from these.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.h"
#include "reporting/reporting.h"
#include "reporting/rollup.h"

namespace vw::reporting::store {

struct UnitInfo {
  Id id = 0;
  std::string name;
  std::string category;
  std::string kind;
  std::int64_t enrolled = 0;
  std::optional<Id> parent_id;
  std::string parent_name;
  std::string contact_person;
  std::string contact_phone;
  std::string website;
};
std::optional<UnitInfo> LoadUnit(db::Session& s, Id unit_id);

struct ChildInfo {
  Id unit_id = 0;
  std::string name;
  std::string kind_name;
  std::string category;
  std::int64_t enrolled = 0;
  std::optional<Id> submission_id;
  std::string status = "not_started";
  std::string submitted_at;
  bool late = false;
  std::string reviewed_at;
  std::optional<StatisticsRow> accepted;   // statistics: the frozen final figures
  std::set<std::string> enterprise_names;  // accepted: the names behind its enterprises
  DistinctPeople people;                   // accepted: the keys of the people behind its figures
};
// The reporting children of a unit with their submission of `form`.
std::vector<ChildInfo> ReportingChildren(db::Session& s, Id campaign_id, const std::string& form,
                                         Id unit_id);
// How far the reporting children of each child of `unit_id` have come with
// `form` (ReportingChildren of each child, counted in one query): child →
// {children, submitted or accepted, accepted}.
struct Completeness {
  std::int64_t children = 0;
  std::int64_t submitted = 0;
  std::int64_t accepted = 0;
};
std::map<Id, Completeness> GrandchildCompleteness(db::Session& s, Id campaign_id,
                                                  const std::string& form, Id unit_id);
// The stored figures (StoredStatisticsFields) from column `first` of `r` on,
// with the ratios computed from them.
StatisticsRow FiguresAt(const soci::row& r, std::size_t first);
// The unit and its non-reporting descendants (a school's offices): whose
// records are the unit's own.
std::vector<Id> OwnUnits(db::Session& s, Id unit_id);
bool IsSchoolOrBelow(const std::string& category);
// The roll-up's inputs: the unit's own records, and per child its accepted
// figures, submitted the figures frozen at its submission
// (submission_freeze.h), else its live figures.
RollupInput RollupInputOf(db::Session& s, Id campaign_id, const UnitInfo& unit,
                          const std::vector<ChildInfo>& children);
// Schools of the unit's subtree, or just `at_least` when that already
// covers `needed`.
std::int64_t SchoolsInSubtree(db::Session& s, const UnitInfo& unit, std::int64_t needed,
                              std::int64_t at_least);
// The unit's accepted figures of the latest earlier campaign.
std::optional<StatisticsRow> PreviousFigures(db::Session& s, Id campaign_id, Id unit_id);

// Every unit of the subtree of `unit_id` (itself included), in display
// order, with the row it counts for in the unit's statistics: the direct
// reporting child it lies under, or the unit itself (the unit, and what lies
// under its non-reporting children such as offices: its own records).
struct SubtreeMember {
  Id id = 0;
  Id row = 0;
  std::string category;  // its kind's
  std::int64_t enrolled = 0;
  std::string name;
  std::optional<Id> parent_id;
  bool active = false;
};
std::vector<SubtreeMember> SubtreeMembers(db::Session& s, Id unit_id);

// ---- The province overview's inputs.

struct ChainRoot {
  Id id = 0;
  std::string name;
  std::string region_code;
};
// The tops of the reporting chains (org::kChainRootCondition), in display order.
std::vector<ChainRoot> ChainRoots(db::Session& s);
// The region's name; "" when unknown.
std::string RegionName(db::Session& s, const std::string& code);
struct ChildUnit {
  Id id = 0;
  std::string name;
  std::string region_code;
  std::string category;     // its kind's
  std::string region_name;  // "" without a known region
};
// Every direct child of `parent_id` (reporting or not, active or not).
std::vector<ChildUnit> ChildUnits(db::Session& s, Id parent_id);

// Replaces the enterprise names behind a submission's accepted figures.
void SaveEnterprises(db::Session& s, Id submission_id, const std::set<std::string>& names);
// Replaces the people keys behind a submission's accepted figures: staff,
// students, then the rest of everyone, at most kPeopleKeysPerForm rows in
// all (the levels above count the others as heads).
void SavePeople(db::Session& s, Id submission_id, const DistinctPeople& people);
// Replaces the accepted figures of a submission (the roll-up's input above).
void SaveFigures(db::Session& s, Id submission_id, Id campaign_id, Id unit_id,
                 const StatisticsRow& f);

}  // namespace vw::reporting::store
