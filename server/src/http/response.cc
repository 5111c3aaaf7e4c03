#include "http/response.h"

#include <algorithm>

#include "core/crypto.h"

namespace vw::http {

void Response::SetHeader(std::string name, std::string value) {
  for (auto& h : headers) {
    if (h.first == name) {
      h.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

void Response::WrapLater(const Around& around) {
  if (offload) {
    offload = [around, make = std::move(offload)] { return around(make); };
  }
  if (later) {
    later = [around, start = std::move(later)](Respond respond) {
      start([around, respond = std::move(respond)](MakeResponse make) {
        respond([around, make = std::move(make)] { return around(make); });
      });
    };
  }
}

unsigned StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
    case ErrorCode::kMustChangePassword:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

std::string ETagFor(std::string_view body) { return "\"" + ContentHash(body).substr(0, 32) + "\""; }

std::string EnvelopeBody(const json::value& data) {
  // Written around the serialized data rather than copying it into an
  // envelope object: large answers (a province's 12,000 rows) are not
  // deep-copied.
  std::string out = "{\"ok\":true,\"data\":";
  json::serializer writer;
  writer.reset(&data);
  while (!writer.done()) {
    std::size_t at = out.size();
    out.resize(std::max<std::size_t>(2 * at, 4096));
    out.resize(at + writer.read(out.data() + at, out.size() - at).size());
  }
  out += '}';
  return out;
}

Response JsonOk(const json::value& data, unsigned status) {
  Response r;
  r.status = status;
  r.body = EnvelopeBody(data);
  return r;
}

Response JsonList(json::array items, std::int64_t total) {
  json::object data;
  data["items"] = std::move(items);
  data["total"] = total;
  return JsonOk(data);
}

Response JsonError(const Error& error) {
  json::object err;
  err["code"] = ErrorCodeName(error.code);
  err["message"] = error.message;
  if (!error.field.empty()) err["field"] = error.field;
  json::object env;
  env["ok"] = false;
  env["error"] = std::move(err);
  Response r;
  r.status = StatusFor(error.code);
  r.body = json::serialize(env);
  if (error.retry_after > 0) r.SetHeader("Retry-After", std::to_string(error.retry_after));
  return r;
}

std::string ContentDisposition(std::string_view filename, bool inline_view) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string ascii;
  std::string encoded;
  for (unsigned char c : filename) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_';
    if (plain) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[c >> 4]);
      encoded.push_back(kHex[c & 15]);
    }
    if (c < 0x80 && c != '"' && c != '\\' && c >= 0x20) ascii.push_back(static_cast<char>(c));
  }
  // Keep the extension in the ASCII fallback so old clients still open the file.
  auto dot = std::string_view(filename).rfind('.');
  std::string fallback = "download";
  if (dot != std::string_view::npos) fallback += std::string(filename.substr(dot));
  bool all_ascii = ascii.size() == filename.size();
  return std::string(inline_view ? "inline" : "attachment") + "; filename=\"" +
         (all_ascii ? ascii : fallback) + "\"; filename*=UTF-8''" + encoded;
}

Response Download(std::string bytes, std::string content_type, std::string_view filename) {
  Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(bytes);
  r.SetHeader("Content-Disposition", ContentDisposition(filename));
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace vw::http
