// The summary's drafted sections (summary_draft.h).
#include "reporting/summary_draft.h"

#include <algorithm>
#include <set>

#include "reporting/media_store.h"
#include "reporting/statistics_store.h"
#include "reporting/submissions.h"

namespace vw::reporting {
namespace {

namespace json = boost::json;

// Annex 5's order: 省级及以上 (central first), 市级, 县级.
int LevelRank(const std::string& level) {
  if (level == "central") return 0;
  if (level == "provincial") return 1;
  if (level == "city") return 2;
  return 3;
}

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Byte offsets of each character's start, and the end.
std::vector<std::size_t> CharStarts(const std::string& s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  }
  out.push_back(s.size());
  return out;
}

// `text` cut to at most `max_chars` characters (the last one "…") at a
// place that does not split a run of Latin letters or digits.
std::string CutAtWord(const std::string& text, std::size_t max_chars) {
  std::vector<std::size_t> starts = CharStarts(text);
  std::size_t chars = starts.size() - 1;
  if (chars <= max_chars || max_chars < 2) return text;
  std::size_t keep = max_chars - 1;
  auto splits = [&](std::size_t k) {
    return k > 0 && IsWordByte(static_cast<unsigned char>(text[starts[k - 1]])) &&
           IsWordByte(static_cast<unsigned char>(text[starts[k]]));
  };
  std::size_t k = keep;
  while (splits(k)) --k;
  if (k == 0) k = keep;  // one word longer than the bound: cut it rather than drop all
  std::string out = text.substr(0, starts[k]);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

void Collect(db::Session& s, Id campaign_id, Id unit_id, std::set<Id>& units) {
  for (Id own : store::OwnUnits(s, unit_id)) units.insert(own);
  for (const auto& c : store::ReportingChildren(s, campaign_id, "statistics", unit_id)) {
    if (c.status == "accepted") Collect(s, campaign_id, c.unit_id, units);
  }
}

std::string TextAt(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string DraftBasic(int year, const std::string& unit_name, bool above_schools,
                       const StatisticsRow& f) {
  std::string basic = std::to_string(year) + "年职业教育活动周期间，" + unit_name;
  if (above_schools) {
    basic += "共有" + std::to_string(f.schools) + "所职业学校（含技工院校）参与活动，";
  }
  basic += "开展观摩体验活动项目" + std::to_string(f.projects) + "个，参与教师" +
           std::to_string(f.teachers) + "人、学生" + std::to_string(f.students) + "人，学生覆盖率" +
           CoverageText(f.coverage) + "，参与企业" + std::to_string(f.enterprises) +
           "家，参与总人数" + std::to_string(f.total) + "人。";
  return basic;
}

std::string MediaLine(const MediaReport& m, std::size_t max_chars) {
  return m.outlet + "：" + CutAtWord(m.title, max_chars);
}

std::string DraftMedia(const StatisticsRow& f, const std::vector<MediaReport>& counted,
                       std::size_t max_lines) {
  std::int64_t media = f.media_provincial + f.media_city + f.media_county;
  std::string text = "活动周期间，共获得媒体报道" + std::to_string(media) +
                     "篇，其中省级及以上媒体" + std::to_string(f.media_provincial) +
                     "篇、市（州）级媒体" + std::to_string(f.media_city) + "篇、县（区）级媒体" +
                     std::to_string(f.media_county) + "篇。";
  if (counted.empty()) return text;
  text += "主要报道有：";
  std::size_t shown = std::min(counted.size(), max_lines);
  for (std::size_t i = 0; i < shown; ++i) text += "\n" + MediaLine(counted[i]);
  if (counted.size() > shown) {
    text += "\n等，另有" + std::to_string(counted.size() - shown) + "篇报道。";
  }
  return text;
}

std::vector<MediaReport> CountedMediaReports(db::Session& s, Id campaign_id, Id unit_id) {
  std::set<Id> units;
  Collect(s, campaign_id, unit_id, units);
  std::vector<MediaReport> out;
  for (auto& m : store::MediaReportsUnder(s, campaign_id, unit_id)) {
    if (m.channel == "media" && units.count(m.unit_id)) out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(), [](const MediaReport& a, const MediaReport& b) {
    int ra = LevelRank(a.level), rb = LevelRank(b.level);
    if (ra != rb) return ra < rb;
    if (a.published_on != b.published_on) return a.published_on < b.published_on;
    return a.id < b.id;
  });
  return out;
}

void RefreshDraft(json::object& data, const json::object& fresh, bool stored, bool editable,
                  json::object& updates) {
  if (!editable) return;
  json::value& sv = data["sections"];
  if (!sv.is_object()) sv = json::object{};
  json::object& sections = sv.as_object();
  json::value& dv = data["drafted"];
  if (!dv.is_object()) dv = json::object{};
  json::object& drafted = dv.as_object();
  for (const char* key : kDraftedSections) {
    std::string now = TextAt(fresh, key);
    std::string section = TextAt(sections, key);
    bool has_draft = drafted.contains(key);
    std::string before = TextAt(drafted, key);
    bool untouched = !stored || (has_draft ? section == before : section.empty());
    if (untouched) {
      sections[key] = now;
      drafted[key] = now;
    } else if (now != section && (!has_draft || now != before)) {
      updates[key] = now;
    }
  }
}

}  // namespace vw::reporting
