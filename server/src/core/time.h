// Time in vocweek: stored in UTC, shown in Asia/Shanghai.
//
// The database keeps instants as ISO-8601 UTC text ("2025-05-12T10:00:00Z"),
// which sorts correctly and reads the same on SQLite and PostgreSQL. The API
// speaks ISO-8601 with the Shanghai offset ("2025-05-12T18:00:00+08:00").
// Asia/Shanghai has had a fixed +08:00 offset without daylight saving since
// 1991, so a fixed offset is exact for every date this product handles.
// Calendar dates (a campaign's days) are plain "YYYY-MM-DD" strings.
//
// All functions are thread-safe; all but NowUnix/NowUtc are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace vw::timeutil {

inline constexpr int kShanghaiOffsetSeconds = 8 * 3600;

// Seconds since the Unix epoch, now (or the instant a test set below).
std::int64_t NowUnix();

// Tests only: makes NowUnix() answer `unix_seconds` until cleared with
// std::nullopt, so rules that depend on the date (an activity that has
// ended, a deadline passed) can be tested with the demo week. Thread-safe.
void SetClockForTesting(std::optional<std::int64_t> unix_seconds);

// "2025-05-12T10:00:00Z" for the current instant.
std::string NowUtc();

// Formats unix seconds as stored UTC text.
std::string FormatUtc(std::int64_t unix_seconds);

// Parses stored UTC text; fails on anything else.
Result<std::int64_t> ParseUtc(std::string_view text);

// Parses an instant from the API: "2025-05-12T18:00:00+08:00", "...Z", or a
// local Shanghai time without offset ("2025-05-12 18:00", "2025-05-12T18:00",
// seconds optional). `field` names the JSON field for the error.
Result<std::int64_t> ParseInstant(std::string_view text, std::string_view field,
                                  std::string_view label);

// "2025-05-12T18:00:00+08:00" for unix seconds.
std::string FormatShanghaiIso(std::int64_t unix_seconds);

// Converts stored UTC text to the API form; returns the input unchanged when it
// is not valid stored text (never loses data).
std::string UtcToApi(std::string_view utc);

// "2025-05-12 18:00" in Shanghai time, for documents and messages.
std::string FormatShanghaiMinute(std::int64_t unix_seconds);

// "2025年5月12日" for a "YYYY-MM-DD" date.
std::string FormatChineseDate(std::string_view date);

// Validates and normalises a calendar date "YYYY-MM-DD".
Result<std::string> ParseDate(std::string_view text, std::string_view field,
                              std::string_view label);
bool IsValidDate(std::string_view text);

// Days since 1970-01-01 for a valid date (undefined for invalid input).
std::int64_t DateToDays(std::string_view date);
std::string DaysToDate(std::int64_t days);
std::string AddDays(std::string_view date, std::int64_t days);

// The Shanghai calendar date of an instant.
std::string ShanghaiDate(std::int64_t unix_seconds);

// Unix seconds of a Shanghai wall-clock time on a date (hh:mm:ss).
std::int64_t ShanghaiToUnix(std::string_view date, int hour, int minute, int second = 0);

}  // namespace vw::timeutil
