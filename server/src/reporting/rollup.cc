#include "reporting/rollup.h"

namespace vw::reporting {

std::string UncountedNote(std::string_view status) {
  if (status == "not_participating") return "（未参与）";
  if (status == "submitted") return "（待审核，未计入）";
  if (status == "returned") return "（已退回，未计入）";
  if (status == "draft") return "（未提交，未计入）";
  return "（未填报，未计入）";
}

void EnterpriseCount::Add(const EnterpriseCount& other) {
  names.insert(other.names.begin(), other.names.end());
  unnamed += other.unnamed;
}

EnterpriseCount EnterpriseCount::Of(std::int64_t figure, std::set<std::string> names) {
  EnterpriseCount c;
  c.unnamed = figure - static_cast<std::int64_t>(names.size());
  c.names = std::move(names);
  return c;
}

Rollup RollUpFigures(const RollupInput& in) {
  Rollup out;
  StatisticsRow own = in.own;
  own.unit_id = in.unit_id;
  own.unit_name = in.unit_name + "（本单位）";
  own.schools = in.school_like && in.own_held ? 1 : 0;
  own.enrolled = in.school_like ? in.enrolled : 0;
  RecomputeRatios(own);

  out.total.unit_id = in.unit_id;
  out.total.unit_name = "合计";
  AddFigures(out.total, own);
  EnterpriseCount own_enterprises = EnterpriseCount::Of(own.enterprises, in.own_enterprises);
  out.enterprises = own_enterprises;
  bool own_has_records = in.own_held;
  for (const auto& f : kStatisticsFields) {
    if (f.member && own.*(f.member) > 0) own_has_records = true;
  }
  if (own_has_records || in.children.empty()) {
    out.rows.push_back(own);
    out.row_status.emplace_back("own");
    out.uncounted.emplace_back();
    out.row_enterprises.push_back(std::move(own_enterprises));
  }
  for (const auto& c : in.children) {
    StatisticsRow row;
    bool counted = c.status == "accepted";
    if (c.status != "not_participating") row = c.figures;
    EnterpriseCount enterprises = EnterpriseCount::Of(row.enterprises, c.enterprise_names);
    if (counted) {
      AddFigures(out.total, row);
      out.enterprises.Add(enterprises);
    }
    out.row_enterprises.push_back(std::move(enterprises));
    row.unit_id = c.unit_id;
    row.unit_name = c.unit_name;
    RecomputeRatios(row);
    out.rows.push_back(std::move(row));
    out.row_status.push_back(c.status);
    out.uncounted.push_back(counted ? std::string() : UncountedNote(c.status));
  }
  out.total.enterprises = out.enterprises.Count();
  if (in.school_like) {
    // One school however many of its colleges held something; its own
    // enrolment, its colleges' being part of it.
    out.total.schools = out.total.schools > 0 ? 1 : 0;
    out.total.enrolled = in.enrolled;
  }
  RecomputeRatios(out.total);
  return out;
}

}  // namespace vw::reporting
