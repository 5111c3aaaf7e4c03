#include "http/access_log.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <ctime>
#include <iterator>

#include "core/metrics.h"

namespace vw::http {
namespace {

constexpr std::size_t kMaxPath = 512;
constexpr std::size_t kMaxQuery = 256;
// The writer wakes this often, or when the queue is half full: an I/O
// thread never signals it per request.
constexpr std::chrono::milliseconds kWriterInterval{20};

void AppendCut(std::string& out, std::string_view s, std::size_t max) {
  if (s.size() <= max) {
    out += s;
  } else {
    out += s.substr(0, max);
    out += "...";
  }
}

// Quotes and escapes a JSON string; bytes outside ASCII are written as
// \u00XX, so a line is valid JSON whatever the client sent.
void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

// Control characters would split or forge a text line.
void AppendPrintable(std::string& out, std::string_view s) {
  for (char c : s) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
}

bool IsError(unsigned status) { return status >= 500; }

}  // namespace

std::optional<AccessLogFormat> ParseAccessLogFormat(std::string_view name) {
  if (name == "text") return AccessLogFormat::kText;
  if (name == "json") return AccessLogFormat::kJson;
  if (name == "off") return AccessLogFormat::kOff;
  return std::nullopt;
}

std::string BoundedTarget(std::string_view target) {
  std::string out;
  auto q = target.find('?');
  AppendCut(out, target.substr(0, q), kMaxPath);
  if (q != std::string_view::npos) {
    out += '?';
    AppendCut(out, target.substr(q + 1), kMaxQuery);
  }
  return out;
}

void FormatAccessLine(AccessLogFormat format, const AccessLogEntry& e, std::string& out) {
  using namespace std::chrono;
  auto since_epoch = e.time.time_since_epoch();
  std::time_t secs = duration_cast<seconds>(since_epoch).count();
  auto millis = duration_cast<milliseconds>(since_epoch).count() % 1000;
  // The date and time up to the second, converted once per second (the
  // writer formats thousands of lines a second; localtime_r takes a lock).
  struct Stamp {
    std::time_t secs = -1;
    AccessLogFormat format = AccessLogFormat::kOff;
    std::string text;
  };
  thread_local Stamp stamp;
  if (stamp.secs != secs || stamp.format != format) {
    std::tm tm{};
    bool json = format == AccessLogFormat::kJson;
    if (json) {
      gmtime_r(&secs, &tm);
    } else {
      localtime_r(&secs, &tm);  // spdlog's default pattern is in local time
    }
    stamp = {secs, format,
             fmt::format("{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}.", tm.tm_year + 1900, tm.tm_mon + 1,
                         tm.tm_mday, json ? 'T' : ' ', tm.tm_hour, tm.tm_min, tm.tm_sec)};
  }
  auto it = std::back_inserter(out);
  std::string_view level = IsError(e.status) ? "error" : "info";
  if (format == AccessLogFormat::kJson) {
    fmt::format_to(it, "{{\"time\":\"{}{:03}Z\",\"level\":\"{}\"", stamp.text, millis, level);
    out += ",\"rid\":";
    AppendJsonString(out, e.request_id);
    out += ",\"method\":";
    AppendJsonString(out, e.method);
    out += ",\"target\":";
    AppendJsonString(out, e.target);
    fmt::format_to(it, ",\"status\":{},\"bytes\":{},\"ms\":{:.1f},\"client\":", e.status, e.bytes,
                   e.ms);
    AppendJsonString(out, e.client);
    out += "}\n";
    return;
  }
  fmt::format_to(it, "[{}{:03}] [{}] rid=", stamp.text, millis, level);
  AppendPrintable(out, e.request_id);
  out += ' ';
  AppendPrintable(out, e.method);
  out += ' ';
  AppendPrintable(out, e.target);
  fmt::format_to(it, " {} {}B {:.1f}ms ", e.status, e.bytes, e.ms);
  AppendPrintable(out, e.client.empty() ? "-" : e.client);
  out += '\n';
}

AccessLog::AccessLog(AccessLogFormat format, std::size_t capacity, Sink sink)
    : format_(format), capacity_(std::max<std::size_t>(capacity, 2)), sink_(std::move(sink)) {
  if (!sink_) {
    sink_ = [](std::string_view lines) {
      std::fwrite(lines.data(), 1, lines.size(), stdout);
      std::fflush(stdout);
    };
  }
  if (format_ == AccessLogFormat::kOff) return;
  queue_.reserve(capacity_);
  writer_ = std::thread([this] { Run(); });
}

AccessLog::~AccessLog() {
  if (!writer_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

bool AccessLog::Wants(unsigned status) const {
  if (format_ == AccessLogFormat::kOff) return false;
  return spdlog::default_logger_raw()->should_log(IsError(status) ? spdlog::level::err
                                                                  : spdlog::level::info);
}

bool AccessLog::Add(AccessLogEntry entry) {
  std::size_t size;
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= capacity_ || stop_) {
      metrics::Process().access_log_dropped.Add();
      return false;
    }
    queue_.push_back(std::move(entry));
    ++queued_;
    size = queue_.size();
  }
  if (size == capacity_ / 2) wake_.notify_one();
  return true;
}

void AccessLog::Flush() {
  if (!writer_.joinable()) return;
  std::unique_lock lock(mu_);
  std::uint64_t target = queued_;
  flush_ = true;
  wake_.notify_one();
  drained_.wait(lock, [&] { return written_ >= target; });
}

void AccessLog::Run() {
  std::vector<AccessLogEntry> batch;
  batch.reserve(capacity_);
  std::string lines;
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait_for(lock, kWriterInterval,
                   [&] { return stop_ || flush_ || queue_.size() >= capacity_ / 2; });
    bool stopping = stop_;
    flush_ = false;
    batch.swap(queue_);
    lock.unlock();
    lines.clear();
    for (const auto& e : batch) FormatAccessLine(format_, e, lines);
    if (!lines.empty()) sink_(lines);
    metrics::Process().access_log_lines.Add(batch.size());
    std::size_t n = batch.size();
    batch.clear();
    lock.lock();
    written_ += n;
    drained_.notify_all();
    if (stopping && queue_.empty()) return;
  }
}

}  // namespace vw::http
