// The ranking of an award (awards.h Rank): normalised indicators, weighted
// criteria, places with the award's tie rule.
#include <algorithm>
#include <cmath>

#include "awards/awards.h"

namespace vw::awards {
namespace {

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

double Mean(const std::vector<int>& v) {
  if (v.empty()) return 0;
  double sum = 0;
  for (int x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

}  // namespace

std::vector<Ranked> Rank(const std::vector<CriterionSpec>& criteria,
                         const std::vector<UnitInputs>& units, const std::string& tie_rule,
                         int winners) {
  // The largest value of each record indicator among the competitors.
  std::map<std::string, double> max;
  for (const auto& u : units) {
    for (const auto& [code, value] : u.values) max[code] = std::max(max[code], value);
  }
  std::vector<Ranked> out;
  for (const auto& u : units) {
    Ranked r;
    r.unit_id = u.unit_id;
    r.unit_name = u.unit_name;
    double total = 0;
    for (const auto& c : criteria) {
      CriterionScore cs;
      cs.criterion_id = c.id;
      cs.name = c.name;
      cs.weight = c.weight;
      double sum = 0;
      for (const auto& code : c.indicators) {
        IndicatorScore is;
        is.code = code;
        if (code == "judge") {
          auto found = u.judge_scores.find(c.id);
          const std::vector<int> none;
          const auto& scores = found == u.judge_scores.end() ? none : found->second;
          is.value = Round2(Mean(scores));
          is.score = is.value;
          is.judges = static_cast<int>(scores.size());
        } else {
          auto v = u.values.find(code);
          is.value = v == u.values.end() ? 0 : v->second;
          double top = max[code];
          is.score = top > 0 ? Round2(is.value / top * 100.0) : 0;
          is.value = Round2(is.value);
        }
        sum += is.score;
        cs.indicators.push_back(std::move(is));
      }
      cs.score = c.indicators.empty() ? 0 : Round2(sum / static_cast<double>(c.indicators.size()));
      total += cs.score * c.weight / 100.0;
      r.criteria.push_back(std::move(cs));
    }
    r.total = Round2(total);
    out.push_back(std::move(r));
  }
  bool by_first = tie_rule == "first_criterion";
  auto first = [](const Ranked& r) { return r.criteria.empty() ? 0.0 : r.criteria[0].score; };
  auto key = [&](const Ranked& r) {
    return std::make_pair(std::llround(r.total * 100), by_first ? std::llround(first(r) * 100) : 0);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Ranked& a, const Ranked& b) { return key(a) > key(b); });
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].place =
        i > 0 && key(out[i]) == key(out[i - 1]) ? out[i - 1].place : static_cast<int>(i) + 1;
    out[i].winner = out[i].place <= winners;
  }
  return out;
}

json::object ToJson(const Ranked& r) {
  json::array criteria;
  for (const auto& c : r.criteria) {
    json::array indicators;
    for (const auto& i : c.indicators) {
      const IndicatorKind* kind = FindIndicator(i.code);
      indicators.push_back(json::object{{"code", i.code},
                                        {"name", kind ? kind->name : i.code},
                                        {"unit", kind ? kind->unit : ""},
                                        {"value", i.value},
                                        {"score", i.score},
                                        {"judges", i.judges}});
    }
    criteria.push_back(json::object{{"criterion_id", c.criterion_id},
                                    {"name", c.name},
                                    {"weight", c.weight},
                                    {"score", c.score},
                                    {"weighted", Round2(c.score * c.weight / 100.0)},
                                    {"indicators", std::move(indicators)}});
  }
  return {{"unit_id", r.unit_id}, {"unit_name", r.unit_name}, {"place", r.place},
          {"total", r.total},     {"winner", r.winner},       {"criteria", std::move(criteria)}};
}

}  // namespace vw::awards
