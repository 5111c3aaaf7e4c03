#include "reporting/rollup.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

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

std::string PersonKey::Hex() const {
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  return std::string(out, 32);
}

std::optional<PersonKey> PersonKey::FromHex(std::string_view hex) {
  if (hex.size() != 32) return std::nullopt;
  PersonKey k;
  for (auto [part, from] : {std::pair{&k.hi, hex.data()}, std::pair{&k.lo, hex.data() + 16}}) {
    auto [end, ec] = std::from_chars(from, from + 16, *part, 16);
    if (ec != std::errc() || end != from + 16) return std::nullopt;
  }
  return k;
}

namespace {

void SortUnique(std::vector<PersonKey>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

std::int64_t Size(const std::vector<PersonKey>& keys) {
  return static_cast<std::int64_t>(keys.size());
}

}  // namespace

void DistinctPeople::Add(const DistinctPeople& other) {
  staff.insert(staff.end(), other.staff.begin(), other.staff.end());
  students.insert(students.end(), other.students.begin(), other.students.end());
  everyone.insert(everyone.end(), other.everyone.begin(), other.everyone.end());
  staff_heads += other.staff_heads;
  student_heads += other.student_heads;
  heads += other.heads;
}

void DistinctPeople::Settle() {
  SortUnique(staff);
  SortUnique(students);
  SortUnique(everyone);
}

void DistinctPeople::Into(StatisticsRow& f) const {
  f.teachers = Size(staff) + staff_heads;
  f.students = Size(students) + student_heads;
  f.total = Size(everyone) + heads;
}

DistinctPeople DistinctPeople::Of(const StatisticsRow& figures, DistinctPeople keys) {
  keys.staff_heads = figures.teachers - Size(keys.staff);
  keys.student_heads = figures.students - Size(keys.students);
  keys.heads = figures.total - Size(keys.everyone);
  return keys;
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
  DistinctPeople own_people = DistinctPeople::Of(own, in.own_people);
  out.people = own_people;
  bool own_has_records = in.own_held;
  for (const auto& f : kStatisticsFields) {
    if (f.member && own.*(f.member) > 0) own_has_records = true;
  }
  if (own_has_records || in.children.empty()) {
    out.rows.push_back(own);
    out.row_status.emplace_back("own");
    out.uncounted.emplace_back();
    out.row_enterprises.push_back(std::move(own_enterprises));
    out.row_people.push_back(std::move(own_people));
  }
  for (const auto& c : in.children) {
    StatisticsRow row;
    bool counted = c.status == "accepted";
    if (c.status != "not_participating") row = c.figures;
    EnterpriseCount enterprises = EnterpriseCount::Of(row.enterprises, c.enterprise_names);
    DistinctPeople people = DistinctPeople::Of(row, counted ? c.people : DistinctPeople{});
    if (counted) {
      AddFigures(out.total, row);
      out.enterprises.Add(enterprises);
      out.people.Add(people);
    }
    out.row_enterprises.push_back(std::move(enterprises));
    out.row_people.push_back(std::move(people));
    row.unit_id = c.unit_id;
    row.unit_name = c.unit_name;
    RecomputeRatios(row);
    out.rows.push_back(std::move(row));
    out.row_status.push_back(c.status);
    out.uncounted.push_back(counted ? std::string() : UncountedNote(c.status));
  }
  out.total.enterprises = out.enterprises.Count();
  out.people.Settle();
  out.people.Into(out.total);
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
