// Helpers that keep route handlers to "parse, call one service, reply".
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "http/response.h"

namespace vw::http {

// The value of a Result rendered by `to_json`, or its error.
template <class T, class ToJson>
Response Reply(Result<T>&& result, ToJson&& to_json, unsigned status = 200) {
  if (!result) return JsonError(result.error());
  return JsonOk(to_json(*result), status);
}

// A list envelope {items, total}: each row rendered by `render`; `total`
// defaults to the number of rows (for lists that are not paged).
template <class Rows, class Render>
Response ReplyListWith(const Rows& rows, Render&& render,
                       std::optional<std::int64_t> total = std::nullopt) {
  boost::json::array items;
  for (const auto& row : rows) items.push_back(render(row));
  std::int64_t n = total.value_or(static_cast<std::int64_t>(items.size()));
  return JsonList(std::move(items), n);
}

// The same for rows that have a ToJson(row) beside their type.
template <class Rows>
Response ReplyList(const Rows& rows, std::optional<std::int64_t> total = std::nullopt) {
  return ReplyListWith(
      rows, [](const auto& row) { return ToJson(row); }, total);
}

// {} on success, or the error.
inline Response Reply(const Status& status) {
  if (!status) return JsonError(status.error());
  return JsonOk(boost::json::object{});
}

}  // namespace vw::http

// In a handler: evaluates a Result-returning expression and either binds
// its value to `var` or returns the error response.
#define VW_HTTP_TRY(var, expr)                                             \
  auto var##_result_ = (expr);                                             \
  if (!var##_result_) return ::vw::http::JsonError(var##_result_.error()); \
  auto& var = *var##_result_

// In a handler: answers the error of a failed Status.
#define VW_HTTP_TRY_STATUS(expr)                                       \
  do {                                                                 \
    auto vw_status_ = (expr);                                          \
    if (!vw_status_) return ::vw::http::JsonError(vw_status_.error()); \
  } while (0)
