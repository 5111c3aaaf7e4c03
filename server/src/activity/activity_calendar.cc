// iCalendar feeds of the public programme (RFC 5545).
#include <ctime>

#include "activity/activity.h"
#include "core/time.h"

namespace vw::activity {
namespace {

// "20250512T010000Z" from a stored UTC instant ("2025-05-12T01:00:00Z").
std::string IcalUtc(const std::string& utc) {
  std::time_t t = static_cast<std::time_t>(timeutil::ParseUtc(utc).value_or(0));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// TEXT values (RFC 5545 3.3.11) escape backslash, semicolon and comma and
// write every line break as "\n": CR LF, CR, LF and also VT, FF, U+0085,
// U+2028 and U+2029, which some readers take as a break of the content line
// itself. Other control characters (not allowed in TEXT) are dropped.
std::string IcalText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    auto next = [&](std::size_t k) {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\r') {
      if (next(1) == '\n') ++i;
      out += "\\n";
    } else if (c == '\n' || c == 0x0B || c == 0x0C) {
      out += "\\n";
    } else if (c == 0xC2 && next(1) == 0x85) {  // U+0085 NEXT LINE
      out += "\\n";
      ++i;
    } else if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) {
      out += "\\n";  // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
      i += 2;
    } else if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) {
      ++i;  // another C1 control
    } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
      // a C0 control: not allowed in TEXT
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// A content line folded at 75 octets without splitting a UTF-8 character.
void AddLine(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space of a continuation counts
  }
  out.append(line);
  out += "\r\n";
}

}  // namespace

std::string ICalendar(const std::string& calendar_name, const std::vector<Activity>& activities,
                      const std::string& base_url) {
  std::string out;
  AddLine(out, "BEGIN:VCALENDAR");
  AddLine(out, "VERSION:2.0");
  AddLine(out, "PRODID:-//vocweek//Vocational Education Activity Week//ZH");
  AddLine(out, "CALSCALE:GREGORIAN");
  AddLine(out, "METHOD:PUBLISH");
  AddLine(out, "X-WR-CALNAME:" + IcalText(calendar_name));
  AddLine(out, "X-WR-TIMEZONE:Asia/Shanghai");
  for (const auto& a : activities) {
    std::string page = base_url + "/p/activities/" + std::to_string(a.id);
    std::string description = a.description;
    description += std::string(description.empty() ? "" : "\n") + "主办单位：" + a.unit_name;
    if (!a.organiser.empty() || !a.contact.empty()) {
      description +=
          "\n组织者：" + a.organiser + (a.contact.empty() ? "" : "（" + a.contact + "）");
    }
    if (!a.online_url.empty()) description += "\n线上链接：" + a.online_url;
    description += "\n详情：" + page;
    std::string location = a.place_kind == "online" ? "线上" : a.place;
    AddLine(out, "BEGIN:VEVENT");
    AddLine(out, "UID:activity-" + std::to_string(a.id) + "@vocweek");
    AddLine(out, "DTSTAMP:" + IcalUtc(a.updated_at));
    AddLine(out, "LAST-MODIFIED:" + IcalUtc(a.updated_at));
    AddLine(out, "SEQUENCE:" + std::to_string(a.version));
    AddLine(out, "DTSTART:" + IcalUtc(a.starts_at));
    AddLine(out, "DTEND:" + IcalUtc(a.ends_at));
    AddLine(out, "SUMMARY:" + IcalText(a.title));
    AddLine(out, "DESCRIPTION:" + IcalText(description));
    if (!location.empty()) AddLine(out, "LOCATION:" + IcalText(location));
    AddLine(out, "URL:" + page);
    AddLine(out, "STATUS:CONFIRMED");
    AddLine(out, "END:VEVENT");
  }
  AddLine(out, "END:VCALENDAR");
  return out;
}

}  // namespace vw::activity
