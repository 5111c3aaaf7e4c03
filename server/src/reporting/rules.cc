// Validation rules as data and the one engine that applies them (submissions.h).
#include <cmath>

#include "audit/audit.h"
#include "core/json.h"
#include "reporting/rule_store.h"
#include "reporting/submissions.h"

namespace vw::reporting {

namespace json = boost::json;

namespace {

// "label：message", or the message alone when it names the field already
// (「参与活动的学生覆盖率不能超过 100%」, not the label twice).
std::string AboutField(const std::string& field, const std::string& message) {
  std::string label = FigureLabel(field);
  if (message.find(label) != std::string::npos) return message;
  return label + "：" + message;
}

}  // namespace

std::vector<Issue> Validate(const std::vector<Rule>& rules, std::string_view form,
                            const json::object& data, const RuleContext& ctx) {
  std::vector<Issue> out;
  auto add = [&](const Rule& r, const std::string& field, std::string message) {
    out.push_back({r.code, field, r.severity, std::move(message)});
  };
  auto number = [&](const std::string& field) -> double {
    const StatisticsField* f = FindStatisticsField(field);
    return f ? FigureValue(*ctx.figures, *f) : 0;
  };
  auto text = [&](const std::string& field) -> std::string {
    if (form == "plan" && field == "document") {
      const json::value* doc = data.if_contains("document");
      return doc && doc->is_object() ? TextOf(doc->as_object(), "file_name") : std::string();
    }
    if (form == "summary") {
      const json::value* sec = data.if_contains("sections");
      return sec && sec->is_object() ? TextOf(sec->as_object(), field) : std::string();
    }
    return TextOf(data, field);
  };
  for (const auto& r : rules) {
    if (!r.enabled || r.form != form) continue;
    if (r.kind == "min" || r.kind == "max") {
      if (!ctx.figures) continue;
      for (const auto& f : r.fields) {
        double v = number(f);
        if (r.kind == "min" ? v < r.value : v > r.value) add(r, f, AboutField(f, r.message));
      }
    } else if (r.kind == "sum_ge" && ctx.figures && !r.fields.empty()) {
      double sum = 0;
      for (std::size_t i = 1; i < r.fields.size(); ++i) sum += number(r.fields[i]);
      if (number(r.fields[0]) < sum) add(r, r.fields[0], r.message);
    } else if (r.kind == "schools_in_subtree" && ctx.figures) {
      for (const auto& f : r.fields) {
        if (FigureOf(*ctx.figures, f) > ctx.schools_in_subtree) {
          add(r, f, r.message + "（所辖学校 " + std::to_string(ctx.schools_in_subtree) + " 所）");
        }
      }
    } else if (r.kind == "jump" && ctx.figures && ctx.previous && r.value > 0) {
      for (const auto& f : r.fields) {
        double now = static_cast<double>(FigureOf(*ctx.figures, f));
        double before = static_cast<double>(FigureOf(*ctx.previous, f));
        if (before <= 0) continue;
        if (now > before * r.value || now * r.value < before) {
          char factor[32];
          std::snprintf(factor, sizeof factor, "%g", r.value);
          add(r, f,
              FigureLabel(f) + "：上一届 " + std::to_string(FigureOf(*ctx.previous, f)) +
                  "，本届 " + std::to_string(FigureOf(*ctx.figures, f)) + "，变化超过 " + factor +
                  " 倍，" + r.message);
        }
      }
    } else if (r.kind == "max_chars") {
      for (const auto& f : r.fields) {
        std::size_t n = Utf8Length(text(f));
        if (static_cast<double>(n) > r.value) {
          add(r, f, r.message + "（现有 " + std::to_string(n) + " 字）");
        }
      }
    } else if (r.kind == "required") {
      for (const auto& f : r.fields) {
        if (TrimSpaces(text(f)).empty()) add(r, f, r.message);
      }
    }
  }
  return out;
}

json::object ToJson(const Issue& i) {
  return {{"rule", i.rule}, {"field", i.field}, {"severity", i.severity}, {"message", i.message}};
}

json::object ToJson(const Rule& r) {
  json::array fields;
  for (const auto& f : r.fields) fields.push_back(json::value(f));
  return {{"code", r.code},       {"form", r.form},      {"kind", r.kind},
          {"fields", fields},     {"value", r.value},    {"severity", r.severity},
          {"message", r.message}, {"enabled", r.enabled}};
}

std::vector<Rule> SubmissionService::Rules() {
  db::Session s(db_);
  return store::LoadRules(s);
}

Result<Rule> SubmissionService::UpdateRule(const Principal& p, const std::string& code,
                                           double value, const std::string& severity,
                                           bool enabled) {
  db::Session s(db_);
  db::Transaction tx(s);
  if (!p.is_sysadmin && !store::AdministersTopUnit(s, p.user_id)) {
    return Error::Forbidden("只有系统管理员和省级单位管理员可以修改校验规则");
  }
  if (severity != "error" && severity != "warning") {
    return Error::Invalid("severity", "级别应为错误或提醒");
  }
  if (!std::isfinite(value) || value < 0 || value > 1e9) {
    return Error::Invalid("value", "规则参数应为不小于 0 的数");
  }
  auto rules = store::LoadRules(s);
  auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.code == code; });
  if (it == rules.end()) return Error::NotFound("校验规则不存在");
  store::UpdateRule(s, code, value, severity, enabled);
  json::object detail;
  audit::Diff(detail, "value", it->value, value);
  audit::Diff(detail, "severity", json::value(it->severity), json::value(severity));
  audit::Diff(detail, "enabled", it->enabled, enabled);
  audit::Record(s, p,
                {"update", "validation_rule", std::nullopt, std::nullopt,
                 "修改校验规则“" + it->message + "”", std::move(detail)});
  it->value = value;
  it->severity = severity;
  it->enabled = enabled;
  tx.Commit();
  return *it;
}

}  // namespace vw::reporting
