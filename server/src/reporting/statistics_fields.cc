#include "reporting/statistics_fields.h"

#include <array>
#include <cmath>
#include <utility>

namespace vw::reporting {

namespace json = boost::json;

namespace {

constexpr std::size_t kStoredCount = [] {
  std::size_t n = 1;  // enrolled
  for (const auto& f : kStatisticsFields) n += f.member != nullptr ? 1 : 0;
  return n;
}();

const std::array<const StatisticsField*, kStoredCount>& Stored() {
  static const auto stored = [] {
    std::array<const StatisticsField*, kStoredCount> out{};
    std::size_t i = 0;
    for (const auto& f : kStatisticsFields) {
      if (f.member) out[i++] = &f;
    }
    out[i] = &kEnrolledField;
    return out;
  }();
  return stored;
}

}  // namespace

const StatisticsField* FindStatisticsField(std::string_view code) {
  for (const auto& f : kStatisticsFields) {
    if (f.code == code) return &f;
  }
  return code == kEnrolledField.code ? &kEnrolledField : nullptr;
}

std::span<const StatisticsField* const> StoredStatisticsFields() { return Stored(); }

std::string StatisticsColumns(std::string_view prefix) {
  std::string out;
  for (const StatisticsField* f : Stored()) {
    if (!out.empty()) out += ", ";
    out += prefix;
    out += f->code;
  }
  return out;
}

std::int64_t FigureOf(const StatisticsRow& r, std::string_view code) {
  const StatisticsField* f = FindStatisticsField(code);
  return f && f->member ? r.*(f->member) : 0;
}

void SetFigure(StatisticsRow& r, std::string_view code, std::int64_t value) {
  const StatisticsField* f = FindStatisticsField(code);
  if (f && f->member) r.*(f->member) = value;
}

double FigureValue(const StatisticsRow& r, const StatisticsField& f) {
  return f.member ? static_cast<double>(r.*(f.member)) : r.coverage;
}

std::string FigureLabel(std::string_view code) {
  const StatisticsField* f = FindStatisticsField(code);
  return std::string(f ? f->label : code);
}

double CoveragePercent(std::int64_t students, std::int64_t enrolled) {
  if (enrolled <= 0) return 0;
  return std::round(10000.0 * static_cast<double>(students) / static_cast<double>(enrolled)) /
         100.0;
}

void RecomputeRatios(StatisticsRow& r) { r.coverage = CoveragePercent(r.students, r.enrolled); }

void AddFigures(StatisticsRow& to, const StatisticsRow& from) {
  for (const StatisticsField* f : Stored()) to.*(f->member) += from.*(f->member);
  RecomputeRatios(to);
}

json::object ToJson(const StatisticsRow& r, json::storage_ptr sp) {
  json::object o(std::move(sp));
  o.reserve(3 + kStoredCount);
  o["unit_id"] = r.unit_id;
  o["unit_name"] = r.unit_name;
  for (const auto& f : kStatisticsFields) {
    if (f.member) {
      o[f.code] = r.*(f.member);
    } else {
      // The ratio follows its denominator, as the rows always carried it.
      o[kEnrolledField.code] = r.enrolled;
      o[f.code] = r.coverage;
    }
  }
  return o;
}

StatisticsRow RowFromJson(const json::object& o) {
  auto num = [&](std::string_view key) -> std::int64_t {
    const json::value* v = o.if_contains(key);
    if (!v) return 0;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
    if (v->is_double()) return static_cast<std::int64_t>(std::llround(v->as_double()));
    return 0;
  };
  StatisticsRow r;
  r.unit_id = num("unit_id");
  if (const json::value* n = o.if_contains("unit_name"); n && n->is_string())
    r.unit_name = std::string(n->as_string());
  for (const StatisticsField* f : Stored()) r.*(f->member) = num(f->code);
  RecomputeRatios(r);
  return r;
}

json::object StatisticsFieldsJson() {
  json::array fields;
  for (const auto& f : kStatisticsFields) {
    json::object field{{"code", f.code},
                       {"label", f.label},
                       {"group", f.group},
                       {"overridable", f.overridable},
                       {"sum", f.sum == FieldSum::kAdd ? "add" : "ratio"},
                       {"unit", f.unit},
                       {"how_counted", f.how_counted},
                       {"sources_unit", f.sources_unit.empty() ? f.unit : f.sources_unit}};
    if (f.sum == FieldSum::kRatio) {
      field["numerator"] = f.numerator;
      field["denominator"] = f.denominator;
    }
    fields.push_back(std::move(field));
  }
  return {
      {"fields", std::move(fields)},
      {"enrolled", json::object{{"code", kEnrolledField.code}, {"label", kEnrolledField.label}}},
      {"unit_head", kStatisticsUnitHead}};
}

}  // namespace vw::reporting
