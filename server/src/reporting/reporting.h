// Reporting (SPEC "Reporting forms"): the records side. Media reports as
// records, and the statistics form's figures (情况统计表, annex 5 of notice
// 000) computed from records. The form workflow built on these figures is
// in submissions.h.
//
// Files: reporting_service.cc (media reports, figures of a unit),
// statistics_sources.cc (the records behind each figure),
// statistics_fields.{h,cc} (the one annex-5 field table), rollup.{h,cc}
// (the pure roll-up of children's accepted figures and own records),
// statistics_store.{h,cc} (the statistics SQL), records_store.{h,cc} (the
// held activities and people the figures count), media_store.{h,cc} (media
// reports), statistics_export.cc. The service files hold no SQL.
//
// Every figure of the statistics form comes from records, for the unit
// asked about and each of its direct children (a school's colleges, a
// city's schools, the province's cities and higher vocational schools):
//   schools      schools (kind category "school") at or above the unit of at
//                least one held activity in the subtree, counted once each;
//   teachers     教职工 as people, not visits: one registration mobile (a
//                person) or roster name (a group: the school it names plus
//                the name, so two 张伟 of two schools are two people and
//                one school's 张伟 in several rosters is one) counts once
//                however many activities it came to; a group without a
//                roster and walk-ins count as admitted or counted; an
//                off-campus activity nobody was admitted or counted at
//                counts its filing's teachers;
//   students     the same for 在校学生 (the filing's students);
//   coverage     students / enrolled students of the subtree's schools (a
//                college's own enrolment below a school), in percent; the
//                total row recomputes it from the sums, never averages;
//   enterprises  distinct enterprise names of held activities (签约企业 and
//                参会企业 fields);
//   total        everyone, counted as teachers and students are;
//   projects     held activities on site and open to the public (观摩体验);
//   media        media reports of the subtree by level.
// "Held" means published (cancelled activities never count). The total row
// counts schools, enterprises and people as distinct sets, so a school
// reached through two rows is one school. The form's roll-up of accepted
// children (rollup.h) keeps people distinct the same way through the keys
// stored with each accepted form (PersonKeyOf, statistics_people). How each figure is counted is
// told to the user by StatisticsField::how_counted.
//
// Thread-safe; each call uses its own database session.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"
#include "reporting/rollup.h"
#include "reporting/statistics_fields.h"

namespace vw::reporting {

// A report on the campaign: by an outlet (channel "media", counted in
// annex 5's media columns by its level) or a post on the unit's own website
// or new-media accounts (channel "own": listed, never counted; level "").
struct MediaReport {
  Id id = 0;
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::optional<Id> activity_id;
  std::string outlet;
  std::string level;  // central | provincial | city | county; "" for channel own
  std::string title;
  std::string published_on;  // YYYY-MM-DD
  std::string url;
  std::string created_at;
  std::string channel = "media";  // media | own
  int version = 1;
  std::string activity_title;  // of activity_id ("" when none); output only
};
struct MediaReportInput {
  Id unit_id = 0;
  std::optional<Id> activity_id;
  std::string outlet;
  std::string level;  // "" for channel own
  std::string title;
  std::string published_on;
  std::string url;
  std::string channel = "media";
};
// kInvalid naming the field: outlet, title, date and (channel media) level
// are required; a link starts with http:// or https://.
Result<MediaReportInput> ParseMediaReportInput(const boost::json::object& body);
boost::json::object ToJson(const MediaReport& m);

struct Statistics {
  std::string unit_name;
  std::string campaign_name;
  int year = 0;
  std::vector<StatisticsRow> rows;  // own records (when any), then children
  // Parallel to rows when not empty: "" for a row the total counts, else
  // why it does not ("（待审核，未计入）"); the exports print such a row's
  // name with that note and leave its figures blank.
  std::vector<std::string> uncounted;
  StatisticsRow total;
};
boost::json::object ToJson(const Statistics& s);

// The statistics of `unit_id` from records, without a scope check (the
// caller checked it): rows per direct child, distinct sets in the total.
Result<Statistics> ComputeStatistics(db::Session& s, Id campaign_id, Id unit_id);

// The figures of exactly these units' own records (not their subtrees):
// held activities, their check-ins and walk-ins by category, media
// reports. `held` tells whether any activity was held; `schools` stays 0
// (the caller knows what counts as a school); enrolled stays 0.
struct OwnRecords {
  StatisticsRow figures;
  bool held = false;
  std::set<std::string> enterprises;
  DistinctPeople people;  // the people behind figures' teachers, students, total (settled)
};

// The key of a person of the campaign from what identifies them ("m:" and
// a mobile, "n:" a group's school, a line feed and a roster name, both
// without spaces; "t:" and a ticket's registration id): the first 128 bits
// of SHA-256 over the campaign id and that text. Kept with accepted forms
// so levels above count people once; the text itself is never stored.
PersonKey PersonKeyOf(Id campaign_id, std::string_view identity);
// Most keys of one accepted form kept for the levels above; beyond these
// its people count there as heads (added, not told apart).
inline constexpr std::size_t kPeopleKeysPerForm = 60'000;
OwnRecords FiguresOfUnits(db::Session& s, Id campaign_id, const std::vector<Id>& units);

// The statistics form as the annex-5 workbook: title (e.g. 成都市教育局2025年
// 职业教育活动周情况统计表), the 填报单位（盖章）/填报人/联系电话 line, the two
// header rows with the annex's merged cells, one row per child unit, the
// total row and the 填表说明 footnote; A4 landscape, one page wide.
// `year` goes into the title.
struct StatisticsSheet {
  std::string unit;    // 填报单位（盖章）：…
  std::string filler;  // 填报人：…
  std::string phone;   // 联系电话：…
  // The fill-in template: a 调整说明 column, no total row, its own note.
  bool template_mode = false;
  bool blank = false;              // template without figures
  std::vector<std::string> notes;  // template: 调整说明 per row
  // The 填表说明 under the table: NoticeText(…, "statistics_note"), or
  // "statistics_template_note" for the template.
  std::string note;
};
Result<std::string> StatisticsXlsx(const Statistics& s, int year, const StatisticsSheet& opts = {});
// "填报单位（盖章）：<unit>    填报人：<filler>    联系电话：<phone>"
std::string StatisticsInfoLine(const std::string& unit, const std::string& filler,
                               const std::string& phone);
// The fill-in template's last column (L).
inline constexpr const char* kStatisticsReasonHead = "调整说明（与系统计算值不同时必填）";
// The text of a notice printed under a form's table (填表说明) by its code:
// info_form_note (annex 4), statistics_note (annex 5),
// statistics_template_note (the fill-in template). Every export takes its
// note from here and passes it to the document builder; the texts are the
// campaign's own (campaign::NoticeText: copied with the campaign, editable).
std::string NoticeText(db::Session& s, Id campaign_id, std::string_view code);
// The 统计口径 line every annex-5 export prints under its 填表说明: how the
// people and enterprise figures are counted (StatisticsField::how_counted).
std::string HowCountedNote();
// "<unit><year>年职业教育活动周情况统计表"
std::string StatisticsTitle(const Statistics& s, int year);

// Enterprise names as organisers type them (separated by 、，,；; or spaces).
std::vector<std::string> EnterpriseNames(const std::string& text);

// One record behind a figure: what it is, how much it adds, and where to
// look (an activity or a unit id when there is one).
struct SourceRecord {
  std::string label;
  std::int64_t count = 0;
  std::optional<Id> activity_id;
  std::optional<Id> unit_id;
  std::string detail;  // the organising unit, the outlet...
};
boost::json::object ToJson(const SourceRecord& r);

class ReportingService {
 public:
  ReportingService(db::Database& db, const org::Scope& scope) : db_(db), scope_(scope) {}

  // Editors (unit_admin, organiser, publicity) of the unit record reports;
  // any role reads them, subtree included.
  Result<MediaReport> AddMediaReport(const Principal& p, Id campaign_id,
                                     const MediaReportInput& in);
  Result<std::vector<MediaReport>> MediaReports(const Principal& p, Id campaign_id, Id unit_id);
  // Edits a report at `version` (the one the editor read): the caller edits
  // the report's unit and, when the report moves, the new one (kForbidden
  // otherwise, and for an unknown id); kConflict when the version is stale or
  // the edited report would repeat another one of the chain (as on adding).
  // The audit log keeps who changed what from what (MediaReportHistory).
  Result<MediaReport> UpdateMediaReport(const Principal& p, Id id, int version,
                                        const MediaReportInput& in);
  // `version`, when given, must be the current one (kConflict otherwise).
  Status DeleteMediaReport(const Principal& p, Id id, std::optional<int> version = std::nullopt);
  // The report's audit entries, newest first; any role on its unit.
  Result<std::vector<audit::Row>> MediaReportHistory(const Principal& p, Id id);

  // The statistics form of `unit_id` computed from records. Any role on it.
  Result<Statistics> StatisticsOf(const Principal& p, Id campaign_id, Id unit_id);
  // The same as the annex-5 workbook: its title and bytes.
  Result<std::pair<std::string, std::string>> StatisticsWorkbook(const Principal& p, Id campaign_id,
                                                                 Id unit_id);

  // The records behind one figure of the unit's statistics (its subtree):
  // teachers / students / total → the held activities with the people they
  // admitted or counted; projects → those activities; schools → the
  // schools; enterprises → the names with the activity naming them;
  // media_provincial / media_city / media_county → the reports. kInvalid
  // for another figure name.
  Result<std::vector<SourceRecord>> SourcesOf(const Principal& p, Id campaign_id, Id unit_id,
                                              const std::string& figure);

 private:
  db::Database& db_;
  const org::Scope& scope_;
};

}  // namespace vw::reporting
