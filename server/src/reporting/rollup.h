// The statistics roll-up of one unit, pure: no database, no HTTP. Its
// inputs are the unit, the figures of its own records and its reporting
// children with their status and figures; its output is the annex-5 rows
// (own records, then one per child) and the total.
//
// Rules (SPEC "Reporting forms"): the total counts the unit's own records
// and the final figures of each accepted child (enterprises as distinct
// names, EnterpriseCount; teachers, students and everyone as distinct
// people where they can be told apart, DistinctPeople); other children are listed
// with their live figures (not participating: none) and a note, and not
// counted. A school (or a college below one) counts 1 school when anything
// was held and its own enrolment; above schools the children's counts and
// enrolments add up. Ratios (coverage) are recomputed from the sums, never
// averaged. The own row is shown when it has records or there are no
// children.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "reporting/statistics_fields.h"

namespace vw::reporting {

// The enterprises a figure counts: their names, and how many more it holds
// without a name (an overridden figure, figures accepted before the names
// were kept). Levels above count the union of the names.
struct EnterpriseCount {
  std::set<std::string> names;
  std::int64_t unnamed = 0;
  std::int64_t Count() const { return static_cast<std::int64_t>(names.size()) + unnamed; }
  // The union of the names; the unnamed add up.
  void Add(const EnterpriseCount& other);
  // A figure of `figure` enterprises with these names behind it.
  static EnterpriseCount Of(std::int64_t figure, std::set<std::string> names);
};

// A person told apart from others: the first 128 bits of the SHA-256 of
// what identifies them (PersonKeyOf in reporting.h), never the mobile or
// name itself.
struct PersonKey {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  // clang-tidy reads the defaulted comparison as a literal 0 for a pointer.
  auto operator<=>(const PersonKey&) const = default;  // NOLINT(modernize-use-nullptr)
  // 32 lower-case hex digits, as statistics_people stores it.
  std::string Hex() const;
  // nullopt for anything but 32 hex digits.
  static std::optional<PersonKey> FromHex(std::string_view hex);
};

// The people behind a row's teachers, students and total (参与总人数): the
// keys of those who can be told apart and head counts of the rest
// (walk-ins, groups without a roster, off-campus filings, figures
// accepted before keys were kept, an overridden figure's difference).
// Levels above count the union of the keys and add up the head counts.
struct DistinctPeople {
  std::vector<PersonKey> staff, students, everyone;  // sorted and distinct once Settle()d
  std::int64_t staff_heads = 0, student_heads = 0, heads = 0;
  // Appends the other's keys and adds its heads; call Settle() before reading.
  void Add(const DistinctPeople& other);
  // Sorts the keys and drops repeats.
  void Settle();
  // Sets teachers, students and total of `f` (settled counts).
  void Into(StatisticsRow& f) const;
  // The people behind `figures` when `keys` (settled) are who it names:
  // the heads are what each figure holds beyond its keys.
  static DistinctPeople Of(const StatisticsRow& figures, DistinctPeople keys);
};

struct RollupChild {
  Id unit_id = 0;
  std::string unit_name;
  std::string status = "not_started";  // a submission status
  // accepted: the frozen final figures; otherwise what its records say
  // now (shown, not counted); ignored for not_participating.
  StatisticsRow figures;
  // accepted: the enterprise names behind figures.enterprises.
  std::set<std::string> enterprise_names;
  // accepted: the keys of the people behind its people figures (heads 0).
  DistinctPeople people;
};

struct RollupInput {
  Id unit_id = 0;
  std::string unit_name;
  bool school_like = false;               // a school or a unit below one (a college)
  std::int64_t enrolled = 0;              // the unit's own enrolment (school-like units)
  StatisticsRow own;                      // its own records' counts (schools and enrolled ignored)
  bool own_held = false;                  // any of its own activities was held
  std::set<std::string> own_enterprises;  // the names behind own.enterprises
  DistinctPeople own_people;              // the people behind own's people figures
  std::vector<RollupChild> children;
};

struct Rollup {
  std::vector<StatisticsRow> rows;
  std::vector<std::string> row_status;  // parallel: "own" or the child's status
  std::vector<std::string> uncounted;   // parallel: "" when counted, else UncountedNote
  StatisticsRow total;                  // unit_id = the unit, unit_name = "合计"
  // Parallel to rows: the enterprises each row counts.
  std::vector<EnterpriseCount> row_enterprises;
  // What total.enterprises counts: the union over the own records and the
  // accepted children, so one enterprise counts once.
  EnterpriseCount enterprises;
  // Parallel to rows: the people each row counts (settled).
  std::vector<DistinctPeople> row_people;
  // What total's teachers, students and total count: the union over the
  // own records and the accepted children (settled).
  DistinctPeople people;
};

Rollup RollUpFigures(const RollupInput& in);

// Why a child's row is not counted, as the exports print it after its
// name: "（未参与）", "（待审核，未计入）"...
std::string UncountedNote(std::string_view status);

}  // namespace vw::reporting
