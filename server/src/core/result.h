// Result<T>: the value of an operation that can fail in an expected way.
//
// Services return Result<T>; exceptions are reserved for bugs and start-up
// failures. An Error carries an HTTP-agnostic code, a message in Chinese that
// can be shown to the user as is, and the name of the offending field when
// there is one. The HTTP layer maps codes to statuses in one place
// (http::StatusFor in http/response.cc).
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace vw {

enum class ErrorCode {
  kInvalidArgument,       // the input is malformed or fails validation
  kUnauthenticated,       // no valid session
  kForbidden,             // outside the caller's grants, or a missing CSRF token
  kNotFound,              // no such record
  kConflict,              // stale version, duplicate, or a state that forbids the change
  kPayloadTooLarge,       // body or upload over its limit
  kUnsupportedMediaType,  // wrong Content-Type or sniffed file type
  kRateLimited,           // too many attempts (retry_after says when to come back)
  kMustChangePassword,    // the account must set a new password before anything else
  kInternal,              // a bug or an unavailable dependency
  kUnavailable,           // the server is busy; try again shortly (Retry-After)
};

// Stable string for an ErrorCode, used in the JSON envelope ("invalid_argument"...).
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // zh-CN, shown to the user
  std::string field;    // JSON name of the offending field, empty when none
  // kRateLimited: seconds until a retry may succeed (HTTP Retry-After); 0 when unknown.
  std::int64_t retry_after = 0;

  static Error Invalid(std::string field, std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Error NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}};
  }
  static Error Forbidden(std::string message = "无权访问该数据") {
    return {ErrorCode::kForbidden, std::move(message), {}};
  }
  static Error Conflict(std::string message, std::string field = {}) {
    return {ErrorCode::kConflict, std::move(message), std::move(field)};
  }
  static Error Unauthenticated(std::string message = "请先登录") {
    return {ErrorCode::kUnauthenticated, std::move(message), {}};
  }
  static Error Internal(std::string message = "服务器内部错误，请稍后重试") {
    return {ErrorCode::kInternal, std::move(message), {}};
  }
};

// Holds either a T or an Error. Converting constructors keep call sites short:
//   Result<Unit> Get(Id id) { if (...) return Error::NotFound("..."); return unit; }
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T value_or(T fallback) const& { return ok() ? std::get<0>(v_) : std::move(fallback); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation that yields nothing on success.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace vw

// Returns the error of `expr` (a Result or Status) from the enclosing function.
#define VW_RETURN_IF_ERROR(expr)                           \
  do {                                                     \
    auto vw_status_ = (expr);                              \
    if (!vw_status_) return std::move(vw_status_).error(); \
  } while (0)

// Binds `var` to the value of `expr` (a Result), or returns its error from
// the enclosing function.
#define VW_TRY(var, expr)                                      \
  auto var##_result_ = (expr);                                 \
  if (!var##_result_) return std::move(var##_result_).error(); \
  auto& var = *var##_result_
