// Helpers that keep route handlers to "parse, call one service, reply".
#pragma once

#include <utility>

#include "http/response.h"

namespace vw::http {

// The value of a Result rendered by `to_json`, or its error.
template <class T, class ToJson>
Response Reply(Result<T>&& result, ToJson&& to_json, unsigned status = 200) {
  if (!result) return JsonError(result.error());
  return JsonOk(to_json(*result), status);
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
