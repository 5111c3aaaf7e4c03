// Checking and answering a return's per-field comments (review_comments.h).
#include "reporting/review_comments.h"

#include <iterator>

#include "core/json.h"
#include "core/time.h"
#include "reporting/statistics_fields.h"
#include "reporting/submissions.h"

namespace vw::reporting {
namespace {

namespace json = boost::json;

struct FieldName {
  std::string_view code;
  std::string_view label;
};
// The information form's fields in annex 4's order, named as the form names them.
constexpr FieldName kInfoFields[] = {
    {"contact_person", "联系人"},
    {"position", "职务"},
    {"mobile", "手机"},
    {"qq", "QQ号"},
    {"website", "专题网站（专栏）链接地址"},
    {"work_plan", "活动周工作计划"},
    {"featured", "特色活动简介"},
};

constexpr FieldName kPlanFields[] = {
    {"person_name", "专人姓名"},   {"person_position", "专人职务"},
    {"person_mobile", "专人手机"}, {"activities", "各主题日计划活动"},
    {"document", "活动方案文件"},
};

// The form's commentable fields in its order.
std::vector<FieldName> FieldsOf(std::string_view form) {
  std::vector<FieldName> out;
  if (form == "info_form") {
    out.assign(std::begin(kInfoFields), std::end(kInfoFields));
  } else if (form == "statistics") {
    for (const auto& f : kStatisticsFields) out.push_back({f.code, f.label});
  } else if (form == "plan") {
    out.assign(std::begin(kPlanFields), std::end(kPlanFields));
  } else if (form == "summary") {
    for (std::size_t i = 0; i < std::size(kSummaryKeys); ++i) {
      out.push_back({kSummaryKeys[i], kSummaryTitles[i]});
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> CommentFieldLabel(std::string_view form, std::string_view field) {
  for (const auto& f : FieldsOf(form)) {
    if (f.code == field) return std::string(f.label);
  }
  return std::nullopt;
}

Result<std::vector<ReviewComment>> CheckReviewComments(std::string_view form,
                                                       const json::object& comments) {
  std::vector<ReviewComment> out;
  for (const auto& [key, v] : comments) {
    auto label = CommentFieldLabel(form, key);
    if (!label) {
      std::string shown = Utf8Length(key) > 20 ? Utf8Prefix(key, 20) + "…" : std::string(key);
      VW_TRY(checked, CheckText(shown, TextKind::kOneLine, "field_comments", "字段意见的字段名"));
      return Error::Invalid("field_comments", "“" + checked + "”不是" + FormName(form) +
                                                  "的填报项，不能对其提出意见");
    }
    if (!v.is_string() && !v.is_null()) {
      return Error::Invalid("field_comments", "对“" + *label + "”的意见应为文字");
    }
    if (v.is_null()) continue;
    VW_TRY(checked, CheckText(v.as_string(), TextKind::kMultiLine, "field_comments",
                              "对“" + *label + "”的意见"));
    std::string text = TrimSpaces(checked);
    if (Utf8Length(text) > kMaxReviewCommentChars) {
      return Error::Invalid("field_comments", "对“" + *label + "”的意见不超过 " +
                                                  std::to_string(kMaxReviewCommentChars) + " 字");
    }
    if (!text.empty()) out.push_back({std::string(key), *label, std::move(text)});
  }
  // The form's order, whatever order the client sent.
  std::vector<ReviewComment> ordered;
  for (const auto& f : FieldsOf(form)) {
    for (auto& c : out) {
      if (c.field == f.code) ordered.push_back(std::move(c));
    }
  }
  return ordered;
}

json::object CommentsObject(const std::vector<ReviewComment>& comments) {
  json::object o;
  for (const auto& c : comments) o[c.field] = c.text;
  return o;
}

json::object ToJson(const ReturnRecord& r) {
  json::array fields;
  for (const auto& f : r.fields) {
    fields.push_back(json::object{{"field", f.field}, {"label", f.label}, {"text", f.text}});
  }
  return json::object{{"id", r.id},
                      {"version", r.version},
                      {"comment", r.comment},
                      {"returned_at", timeutil::UtcToApi(r.returned_at)},
                      {"returned_by_name", r.returned_by_name},
                      {"fields", std::move(fields)}};
}

}  // namespace vw::reporting
