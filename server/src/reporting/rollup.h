// The statistics roll-up of one unit, pure: no database, no HTTP. Its
// inputs are the unit, the figures of its own records and its reporting
// children with their status and figures; its output is the annex-5 rows
// (own records, then one per child) and the total.
//
// Rules (SPEC "Reporting forms"): the total counts the unit's own records
// and the final figures of each accepted child (enterprises as distinct
// names, EnterpriseCount); other children are listed
// with their live figures (not participating: none) and a note, and not
// counted. A school (or a college below one) counts 1 school when anything
// was held and its own enrolment; above schools the children's counts and
// enrolments add up. Ratios (coverage) are recomputed from the sums, never
// averaged. The own row is shown when it has records or there are no
// children.
#pragma once

#include <optional>
#include <set>
#include <string>
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

struct RollupChild {
  Id unit_id = 0;
  std::string unit_name;
  std::string status = "not_started";  // a submission status
  // accepted: the frozen final figures; otherwise what its records say
  // now (shown, not counted); ignored for not_participating.
  StatisticsRow figures;
  // accepted: the enterprise names behind figures.enterprises.
  std::set<std::string> enterprise_names;
};

struct RollupInput {
  Id unit_id = 0;
  std::string unit_name;
  bool school_like = false;               // a school or a unit below one (a college)
  std::int64_t enrolled = 0;              // the unit's own enrolment (school-like units)
  StatisticsRow own;                      // its own records' counts (schools and enrolled ignored)
  bool own_held = false;                  // any of its own activities was held
  std::set<std::string> own_enterprises;  // the names behind own.enterprises
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
};

Rollup RollUpFigures(const RollupInput& in);

// Why a child's row is not counted, as the exports print it after its
// name: "（未参与）", "（待审核，未计入）"...
std::string UncountedNote(std::string_view status);

}  // namespace vw::reporting
