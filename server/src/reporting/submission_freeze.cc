// Figures frozen at submission (submission_freeze.h).
#include "reporting/submission_freeze.h"

#include "core/json.h"
#include "reporting/submission_store.h"

namespace vw::reporting {

namespace json = boost::json;

json::object FreezeFigures(const Submission& sub) {
  json::object out = Content(sub);
  json::array names;
  for (const auto& n : sub.enterprise_names) names.push_back(json::string(n));
  out["enterprises"] = std::move(names);
  return out;
}

bool ThawFigures(const json::object& content, Submission& sub) {
  const json::value* computed = content.if_contains("computed");
  if (!computed || !computed->is_object()) return false;
  sub.rows.clear();
  sub.row_status.clear();
  if (const json::value* rows = content.if_contains("rows"); rows && rows->is_array()) {
    for (const auto& r : rows->as_array()) {
      if (!r.is_object()) continue;
      sub.rows.push_back(RowFromJson(r.as_object()));
      sub.row_status.push_back(TextOf(r.as_object(), "status"));
    }
  }
  if (const json::value* t = content.if_contains("total"); t && t->is_object()) {
    sub.total = RowFromJson(t->as_object());
  }
  sub.computed = RowFromJson(computed->as_object());
  sub.enterprise_names.clear();
  if (const json::value* e = content.if_contains("enterprises"); e && e->is_array()) {
    for (const auto& n : e->as_array()) {
      if (n.is_string()) sub.enterprise_names.insert(std::string(n.as_string()));
    }
  }
  return true;
}

std::vector<Submission::RecordChange> FiguresChanged(const StatisticsRow& frozen,
                                                     const StatisticsRow& now) {
  std::vector<Submission::RecordChange> out;
  for (const auto& f : kStatisticsFields) {
    double was = FigureValue(frozen, f);
    double is = FigureValue(now, f);
    if (was != is) out.push_back({std::string(f.code), std::string(f.label), was, is});
  }
  return out;
}

std::optional<StatisticsRow> SubmittedFigures(db::Session& s, Id submission_id) {
  auto frozen = store::FindFreeze(s, submission_id);
  if (!frozen) return std::nullopt;
  auto content = ParseJsonObject(frozen->content);
  if (!content) return std::nullopt;
  const json::value* final_figures = content->if_contains("final");
  if (!final_figures || !final_figures->is_object()) return std::nullopt;
  return RowFromJson(final_figures->as_object());
}

}  // namespace vw::reporting
