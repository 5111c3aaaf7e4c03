#include "core/time.h"

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdio>

namespace vw::timeutil {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

bool ReadDigits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool ValidYmd(int y, int m, int d) {
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                     std::chrono::day{static_cast<unsigned>(d)}};
  return y >= 1900 && y <= 9999 && ymd.ok();
}

std::int64_t YmdToDays(int y, int m, int d) {
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                     std::chrono::day{static_cast<unsigned>(d)}};
  return sys_days{ymd}.time_since_epoch().count();
}

struct Parts {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
};

Parts Split(std::int64_t unix_seconds) {
  std::int64_t day = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  std::int64_t rem = unix_seconds - day * 86400;
  year_month_day ymd{sys_days{days{day}}};
  Parts p;
  p.y = static_cast<int>(ymd.year());
  p.mo = static_cast<int>(static_cast<unsigned>(ymd.month()));
  p.d = static_cast<int>(static_cast<unsigned>(ymd.day()));
  p.h = static_cast<int>(rem / 3600);
  p.mi = static_cast<int>(rem % 3600 / 60);
  p.s = static_cast<int>(rem % 60);
  return p;
}

// Parses "YYYY-MM-DD[T| ]HH:MM[:SS]" at the start of s; returns chars consumed or 0.
size_t ParseLocalDateTime(std::string_view s, Parts& p) {
  if (!ReadDigits(s, 0, 4, p.y) || s.size() < 16 || s[4] != '-' || !ReadDigits(s, 5, 2, p.mo) ||
      s[7] != '-' || !ReadDigits(s, 8, 2, p.d) || (s[10] != 'T' && s[10] != ' ') ||
      !ReadDigits(s, 11, 2, p.h) || s[13] != ':' || !ReadDigits(s, 14, 2, p.mi)) {
    return 0;
  }
  size_t pos = 16;
  p.s = 0;
  if (s.size() >= 19 && s[16] == ':') {
    if (!ReadDigits(s, 17, 2, p.s)) return 0;
    pos = 19;
    // Fractional seconds are accepted and dropped.
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  if (!ValidYmd(p.y, p.mo, p.d) || p.h > 23 || p.mi > 59 || p.s > 59) return 0;
  return pos;
}

std::int64_t PartsToUnix(const Parts& p) {
  return YmdToDays(p.y, p.mo, p.d) * 86400 + p.h * 3600 + p.mi * 60 + p.s;
}

}  // namespace

namespace {
// INT64_MIN: the real clock.
std::atomic<std::int64_t> test_clock{INT64_MIN};
}  // namespace

void SetClockForTesting(std::optional<std::int64_t> unix_seconds) {
  test_clock.store(unix_seconds.value_or(INT64_MIN), std::memory_order_relaxed);
}

std::int64_t NowUnix() {
  if (std::int64_t fixed = test_clock.load(std::memory_order_relaxed); fixed != INT64_MIN) {
    return fixed;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string NowUtc() { return FormatUtc(NowUnix()); }

std::string FormatUtc(std::int64_t unix_seconds) {
  Parts p = Split(unix_seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", p.y, p.mo, p.d, p.h, p.mi, p.s);
  return buf;
}

Result<std::int64_t> ParseUtc(std::string_view text) {
  Parts p;
  size_t n = ParseLocalDateTime(text, p);
  if (n == 0 || n + 1 != text.size() || text[n] != 'Z') {
    return Error::Invalid("", "时间格式不正确");
  }
  return PartsToUnix(p);
}

Result<std::int64_t> ParseInstant(std::string_view text, std::string_view field,
                                  std::string_view label) {
  auto bad = [&] {
    return Error::Invalid(std::string(field),
                          std::string(label) + "的时间格式不正确，应为 2025-05-12 18:00");
  };
  Parts p;
  size_t n = ParseLocalDateTime(text, p);
  if (n == 0) return bad();
  std::int64_t local = PartsToUnix(p);
  std::string_view rest = text.substr(n);
  if (rest.empty()) return local - kShanghaiOffsetSeconds;
  if (rest == "Z") return local;
  int oh = 0, om = 0;
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && ReadDigits(rest, 1, 2, oh) &&
      rest[3] == ':' && ReadDigits(rest, 4, 2, om) && oh <= 14 && om <= 59) {
    int offset = (oh * 3600 + om * 60) * (rest[0] == '-' ? -1 : 1);
    return local - offset;
  }
  return bad();
}

std::string FormatShanghaiIso(std::int64_t unix_seconds) {
  Parts p = Split(unix_seconds + kShanghaiOffsetSeconds);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", p.y, p.mo, p.d, p.h, p.mi,
                p.s);
  return buf;
}

std::string UtcToApi(std::string_view utc) {
  auto t = ParseUtc(utc);
  if (!t) return std::string(utc);
  return FormatShanghaiIso(*t);
}

std::string FormatShanghaiMinute(std::int64_t unix_seconds) {
  Parts p = Split(unix_seconds + kShanghaiOffsetSeconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", p.y, p.mo, p.d, p.h, p.mi);
  return buf;
}

std::string FormatChineseDate(std::string_view date) {
  int y = 0, m = 0, d = 0;
  if (!IsValidDate(date) || !ReadDigits(date, 0, 4, y) || !ReadDigits(date, 5, 2, m) ||
      !ReadDigits(date, 8, 2, d)) {
    return std::string(date);
  }
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

bool IsValidDate(std::string_view text) {
  int y = 0, m = 0, d = 0;
  return text.size() == 10 && ReadDigits(text, 0, 4, y) && text[4] == '-' &&
         ReadDigits(text, 5, 2, m) && text[7] == '-' && ReadDigits(text, 8, 2, d) &&
         ValidYmd(y, m, d);
}

Result<std::string> ParseDate(std::string_view text, std::string_view field,
                              std::string_view label) {
  if (!IsValidDate(text)) {
    return Error::Invalid(std::string(field),
                          std::string(label) + "的日期格式不正确，应为 2025-05-11");
  }
  return std::string(text);
}

std::int64_t DateToDays(std::string_view date) {
  int y = 0, m = 0, d = 0;
  ReadDigits(date, 0, 4, y);
  ReadDigits(date, 5, 2, m);
  ReadDigits(date, 8, 2, d);
  return YmdToDays(y, m, d);
}

std::string DaysToDate(std::int64_t days) {
  Parts p = Split(days * 86400);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p.y, p.mo, p.d);
  return buf;
}

std::string AddDays(std::string_view date, std::int64_t days) {
  return DaysToDate(DateToDays(date) + days);
}

std::string ShanghaiDate(std::int64_t unix_seconds) {
  std::int64_t local = unix_seconds + kShanghaiOffsetSeconds;
  std::int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  return DaysToDate(day);
}

std::int64_t ShanghaiToUnix(std::string_view date, int hour, int minute, int second) {
  return DateToDays(date) * 86400 + hour * 3600 + minute * 60 + second - kShanghaiOffsetSeconds;
}

}  // namespace vw::timeutil
