// The annex-5 field table: the figures of the statistics form (情况统计表,
// annex 5 of notice 000) in the annex's column order, declared once. The
// computation from records, the roll-up, the overrides, the rules, the
// xlsx/PDF columns and heads, the template import, the JSON of a row and
// the web (GET /api/reporting/statistics-fields) all read this table.
//
// Adding a column to annex 5: one line here, the StatisticsRow member, its
// statistics_figures column (a migration) and its computation from records
// (FiguresOfUnits).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/principal.h"

namespace vw::reporting {

// One row of annex 5: a unit's figures (or the total's).
struct StatisticsRow {
  Id unit_id = 0;  // 0 for the total row
  std::string unit_name;
  std::int64_t schools = 0;
  std::int64_t teachers = 0;
  std::int64_t students = 0;
  std::int64_t enrolled = 0;
  double coverage = 0;  // percent, two decimals
  std::int64_t enterprises = 0;
  std::int64_t total = 0;
  std::int64_t projects = 0;
  std::int64_t media_provincial = 0;
  std::int64_t media_city = 0;
  std::int64_t media_county = 0;
};

// How a figure sums over units: children's figures add up, or the ratio
// is recomputed from the sums (coverage = Σ students / Σ enrolled).
enum class FieldSum { kAdd, kRatio };

struct StatisticsField {
  std::string_view code;   // the JSON key and the statistics_figures column
  std::string_view label;  // the annex's column head
  std::string_view group;  // the merged head above it, "" for none
  std::string_view unit;   // 所, 人, %...
  bool overridable;        // a unit may replace the computed value (with a reason)
  FieldSum sum;
  std::int64_t StatisticsRow::*member;  // kAdd: where the count lives; kRatio: nullptr
  // How the figure is computed from records (SPEC "Reporting forms").
  std::string_view computed;
  // The same for its readers (统计口径): the form's field help, the API's
  // how_counted, the exports' note.
  std::string_view how_counted;
  double width = 1.2;  // relative width of its column in the printed table
  // kRatio: the codes of the counts it divides (numerator / denominator).
  std::string_view numerator = "";
  std::string_view denominator = "";
  // What the records behind the figure count (SourcesOf) when it is not
  // the figure's unit: 人次 per activity behind a figure of distinct people.
  std::string_view sources_unit = "";
};

inline constexpr StatisticsField kStatisticsFields[] = {
    {"schools", "参与活动的职业学校（含技工院校）数", "", "所", true, FieldSum::kAdd,
     &StatisticsRow::schools, "schools of at least one held activity, each counted once",
     "至少举办1项活动的学校（含其二级学院举办），每校只计1所", 1.6},
    {"teachers", "参与活动的教师数", "", "人", true, FieldSum::kAdd, &StatisticsRow::teachers,
     "staff checked in or counted at the door",
     "按人计，不按人次：凭报名手机号（个人报名）或团体名单上的“学校＋姓名”（不同学校的同名者为不同"
     "的人，同一学校名单中的同名者为同一人）识别的同一人，参加多项活动只计1次；无名单的团体、现场登"
     "记"
     "按签到人数计；无人签到的校外活动按外出报备的教师数计；上级汇总时按人去重：同一人在本单位和"
     "多个已审核的下级参加活动只计1次（下级审核通过时只保存识别信息的单向摘要，不保存手机号和姓名）"
     "，"
     "无法识别身份的人数相加",
     1.2, "", "", "人次"},
    {"students", "参与活动的学生数", "", "人", true, FieldSum::kAdd, &StatisticsRow::students,
     "students checked in or counted at the door",
     "按人计，不按人次：凭报名手机号（个人报名）或团体名单上的“学校＋姓名”（不同学校的同名者为不同"
     "的人，同一学校名单中的同名者为同一人）识别的同一人，参加多项活动只计1次；无名单的团体、现场登"
     "记"
     "按签到人数计；无人签到的校外活动按外出报备的学生数计；上级汇总时按人去重：同一人在本单位和"
     "多个已审核的下级参加活动只计1次（下级审核通过时只保存识别信息的单向摘要，不保存手机号和姓名）"
     "，"
     "无法识别身份的人数相加",
     1.2, "", "", "人次"},
    {"coverage", "参与活动的学生覆盖率", "", "%", false, FieldSum::kRatio, nullptr,
     "students / enrolled, recomputed from the sums",
     "参与活动的学生数÷在校学生数，合计行由合计数重新计算，不取平均", 1.3, "students", "enrolled"},
    {"enterprises", "参与活动的企业数", "", "家", true, FieldSum::kAdd, &StatisticsRow::enterprises,
     "distinct enterprise names of held activities",
     "已举办活动填写的签约企业、参会企业，按企业名称去重，同一企业只计1家"},
    {"total", "参与总人数", "", "人", true, FieldSum::kAdd, &StatisticsRow::total,
     "everyone checked in or counted at the door",
     "按人计，不按人次：教职工、学生、家长、社会公众等全部参与者，识别与计数方法同教师数、学生数",
     1.2, "", "", "人次"},
    {"projects", "观摩体验活动项目数", "", "个", true, FieldSum::kAdd, &StatisticsRow::projects,
     "held activities on site and open to the public", "已举办、面向社会公众开放的线下活动项目数",
     1.3},
    {"media_provincial", "省级及以上媒体报道数", "活动周媒体报道数", "篇", true, FieldSum::kAdd,
     &StatisticsRow::media_provincial, "media reports of provincial level or above",
     "本单位及下级登记的中央级、省级媒体报道篇数", 1.3},
    {"media_city", "市（州）级媒体报道数", "活动周媒体报道数", "篇", true, FieldSum::kAdd,
     &StatisticsRow::media_city, "media reports of city level",
     "本单位及下级登记的市（州）级媒体报道篇数", 1.3},
    {"media_county", "县（区）级媒体报道数", "活动周媒体报道数", "篇", true, FieldSum::kAdd,
     &StatisticsRow::media_county, "media reports of county level",
     "本单位及下级登记的县（区）级媒体报道篇数", 1.3},
};
// Not a column of the annex: the denominator of the coverage (enrolled
// students of the counted schools); stored and summed like a count.
inline constexpr StatisticsField kEnrolledField{"enrolled",
                                                "在校学生数",
                                                "",
                                                "人",
                                                false,
                                                FieldSum::kAdd,
                                                &StatisticsRow::enrolled,
                                                "enrolled students of the subtree's schools",
                                                "所含学校（或本校）登记的在校学生数"};
// The head of the annex's first column (the unit's name).
inline constexpr std::string_view kStatisticsUnitHead = "市（州）/职业学校（含技工院校）";

// The field with this code (enrolled included), or nullptr.
const StatisticsField* FindStatisticsField(std::string_view code);
// The stored counts: every kAdd field of the table, then enrolled.
std::span<const StatisticsField* const> StoredStatisticsFields();
// "f.schools, f.teachers, …, f.enrolled": the stored columns in
// StoredStatisticsFields order, each with `prefix`.
std::string StatisticsColumns(std::string_view prefix);

// A count by code (enrolled included; 0 for the ratio or an unknown code).
std::int64_t FigureOf(const StatisticsRow& r, std::string_view code);
// Sets a count by code (nothing for the ratio or an unknown code).
void SetFigure(StatisticsRow& r, std::string_view code, std::int64_t value);
// The figure as a number: the count, or the ratio for coverage.
double FigureValue(const StatisticsRow& r, const StatisticsField& f);
// Chinese column name of a figure ("参与活动的教师数"); the code when unknown.
std::string FigureLabel(std::string_view code);

// students / enrolled in percent with two decimals; 0 without enrolment.
double CoveragePercent(std::int64_t students, std::int64_t enrolled);
// Adds every count of `from` (enrolled included) to `to` and recomputes the
// ratios from the sums.
void AddFigures(StatisticsRow& to, const StatisticsRow& from);
// Recomputes the ratios (coverage) from the counts.
void RecomputeRatios(StatisticsRow& r);

// `sp`: where the object allocates (a monotonic resource for large answers).
boost::json::object ToJson(const StatisticsRow& r, boost::json::storage_ptr sp = {});
// The inverse of ToJson(StatisticsRow) (missing numbers are 0); the
// coverage is recomputed from students / enrolled.
StatisticsRow RowFromJson(const boost::json::object& o);
// The table for the web: GET /api/reporting/statistics-fields.
boost::json::object StatisticsFieldsJson();

}  // namespace vw::reporting
