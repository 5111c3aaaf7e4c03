#include "http/params.h"

#include <utility>

namespace vw::http {

Param Param::Int(std::string name, std::string label, std::int64_t min, std::int64_t max) {
  Param p;
  p.name = std::move(name);
  p.type = Type::kInteger;
  p.label = std::move(label);
  p.min = min;
  p.max = max;
  return p;
}

Param Param::Text(std::string name, std::string label, std::size_t max_chars) {
  Param p;
  p.name = std::move(name);
  p.label = std::move(label);
  p.max_chars = max_chars;
  return p;
}

Param Param::Choice(std::string name, std::string label, std::vector<std::string> choices) {
  Param p;
  p.name = std::move(name);
  p.label = std::move(label);
  p.choices = std::move(choices);
  return p;
}

Param Param::Flag(std::string name, std::string label) {
  Param p;
  p.name = std::move(name);
  p.type = Type::kFlag;
  p.label = std::move(label);
  return p;
}

Param Param::Required() const {
  Param p = *this;
  p.required = true;
  return p;
}

Param Param::Default(boost::json::value value) const {
  Param p = *this;
  p.fallback = std::move(value);
  return p;
}

Param Param::Describe(std::string text) const {
  Param p = *this;
  p.description = std::move(text);
  return p;
}

std::vector<Param> Paged(std::vector<Param> others, std::int64_t max_page_size) {
  others.push_back(Param::Int("page", "页码", 1, 1'000'000).Default(1));
  others.push_back(Param::Int("page_size", "每页条数", 1, max_page_size).Default(kDefaultPageSize));
  return others;
}

const Param* FindParam(const std::vector<Param>& params, std::string_view name) {
  for (const auto& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace vw::http
