// Path and query parameters as a route declares them (RouteOptions).
//
// The declaration is the one description of a parameter: RequestContext
// reads a parameter only through it (bounds, choices, the default and the
// Chinese label its errors name come from here), and the OpenAPI document is
// written from it. Reading a parameter the route did not declare, or as
// another type, throws std::logic_error: a programming error, which the
// router answers with a 500 and the tests that call the route catch.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace vw::http {

struct Param {
  enum class Type {
    kInteger,  // a whole number in [min, max]
    kString,   // trimmed one-line text, or one of `choices`
    kFlag,     // "1" (or "true") for yes; anything else, or absent, is no
  };

  std::string name;
  Type type = Type::kString;
  std::string label;            // Chinese: names the parameter in errors and the document
  std::string description;      // Chinese, the document only: what the label does not say
  bool required = false;        // absent or empty is refused ("请指定" + label)
  boost::json::value fallback;  // what the reader gives when absent (null: nothing)
  std::int64_t min = 1;         // kInteger
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
  std::vector<std::string> choices;  // kString: the only values accepted (empty: any text)
  std::size_t max_chars = 0;         // kString: longest text in code points (0: no limit)

  static Param Int(std::string name, std::string label, std::int64_t min = 1,
                   std::int64_t max = std::numeric_limits<std::int64_t>::max());
  static Param Text(std::string name, std::string label, std::size_t max_chars);
  static Param Choice(std::string name, std::string label, std::vector<std::string> choices);
  static Param Flag(std::string name, std::string label);

  // Copies with one more property, for readable declarations:
  // Param::Int("unit_id", "单位").Required().
  Param Required() const;
  Param Default(boost::json::value value) const;
  Param Describe(std::string text) const;
};

// The default and the largest page size of a paged list.
inline constexpr std::int64_t kDefaultPageSize = 20;
inline constexpr std::int64_t kMaxPageSize = 200;

// `others` followed by page (from 1) and page_size (1..max_page_size), the
// two parameters RequestContext::Page reads.
std::vector<Param> Paged(std::vector<Param> others = {}, std::int64_t max_page_size = kMaxPageSize);

// The parameter called `name`, or nullptr.
const Param* FindParam(const std::vector<Param>& params, std::string_view name);

}  // namespace vw::http
