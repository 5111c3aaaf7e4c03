#include "publicity/publicity_exports.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

#include "core/time.h"
#include "export/archive.h"
#include "export/document.h"
#include "export/docx.h"
#include "export/pdf.h"
#include "export/xlsx.h"
#include "publicity/publicity.h"

namespace vw::publicity {
namespace {

// ---------------------------------------------------------------------------
// What the exports read (parameterised SQL over the tables of migration 0028).

struct File {
  Id blob_id = 0;
  std::string caption;
  std::string kind;  // image | video
  std::string name;
  std::string mime;
  std::uint64_t bytes = 0;
  bool has_web = false;
};

struct OutletRow {
  std::string outlet, level, published_on, url;
};

struct Item {
  Id id = 0;
  std::string unit_name, kind, title, body, author, status, video_url, submitted_at, theme_day;
  bool late = false;
  bool published = false;
  std::vector<File> files;
  std::vector<OutletRow> outlets;
};

struct Heading {
  std::string campaign;
  std::int64_t year = 0;
  std::string unit;
};

constexpr char kItemColumns[] =
    "SELECT i.id, u.name, i.kind, i.title, i.body, i.author, i.status, i.video_url, "
    "COALESCE(i.submitted_at, ''), i.late, COALESCE(d.name, ''), "
    "CASE WHEN i.published_at IS NULL THEN 0 ELSE 1 END "
    "FROM publicity_items i JOIN units u ON u.id = i.unit_id "
    "LEFT JOIN theme_days d ON d.id = i.theme_day_id ";
// Pushed first, then in the order they were sent up.
constexpr char kItemOrder[] =
    " ORDER BY CASE i.status WHEN 'pushed' THEN 0 ELSE 1 END, "
    "COALESCE(i.submitted_at, i.created_at), i.id";

// The campaign's and the unit's names once the caller's grant over the unit
// is checked.
Result<Heading> LoadHeading(db::Session& s, const org::Scope& scope, const Principal& p,
                            Id campaign_id, Id unit_id) {
  VW_RETURN_IF_ERROR(scope.Require(s, p, unit_id));
  Heading h;
  soci::indicator ind = soci::i_ok;
  s.sql() << "SELECT name, year FROM campaigns WHERE id = :c", soci::use(campaign_id),
      soci::into(h.campaign, ind), soci::into(h.year);
  if (!s.sql().got_data()) return Error::NotFound("活动周不存在");
  s.sql() << "SELECT name FROM units WHERE id = :u", soci::use(unit_id), soci::into(h.unit);
  if (!s.sql().got_data()) return Error::Forbidden();
  return h;
}

std::vector<Item> ReadItems(soci::rowset<soci::row>& rows) {
  std::vector<Item> out;
  for (const auto& r : rows) {
    Item i;
    i.id = db::Int(r, 0);
    i.unit_name = db::Str(r, 1);
    i.kind = db::Str(r, 2);
    i.title = db::Str(r, 3);
    i.body = db::Str(r, 4);
    i.author = db::Str(r, 5);
    i.status = db::Str(r, 6);
    i.video_url = db::Str(r, 7);
    i.submitted_at = db::Str(r, 8);
    i.late = db::Int(r, 9) != 0;
    i.theme_day = db::Str(r, 10);
    i.published = db::Int(r, 11) != 0;
    out.push_back(std::move(i));
  }
  return out;
}

// Up to `limit` + 1 items of the subtree of `unit_id` that were pushed, or
// taken (采用) by a unit of that subtree.
std::vector<Item> FeaturedItems(db::Session& s, Id campaign_id, Id unit_id, std::size_t limit) {
  const std::int64_t cap = static_cast<std::int64_t>(limit) + 1;
  soci::rowset<soci::row> rows =
      (s.sql().prepare << std::string(kItemColumns) +
                              "WHERE i.campaign_id = :c AND i.unit_id IN (SELECT descendant_id "
                              "FROM unit_closure WHERE ancestor_id = :u) AND (i.status IN "
                              "('pushed', 'accepted') OR EXISTS (SELECT 1 FROM publicity_takes t "
                              "JOIN unit_closure k ON k.descendant_id = t.unit_id WHERE t.item_id "
                              "= i.id AND k.ancestor_id = :u2))" +
                              kItemOrder + " LIMIT :n",
       soci::use(campaign_id), soci::use(unit_id), soci::use(unit_id), soci::use(cap));
  return ReadItems(rows);
}

// Up to `limit` + 1 items of the unit's library that are accepted or
// pushed: those it took, and its own or those waiting at it in that state.
std::vector<Item> LibraryItems(db::Session& s, Id campaign_id, Id unit_id, std::size_t limit) {
  const std::int64_t cap = static_cast<std::int64_t>(limit) + 1;
  soci::rowset<soci::row> rows =
      (s.sql().prepare << std::string(kItemColumns) +
                              "WHERE i.campaign_id = :c AND (EXISTS (SELECT 1 FROM "
                              "publicity_takes t WHERE t.item_id = i.id AND t.unit_id = :u) OR "
                              "(i.status IN ('accepted', 'pushed') AND (i.unit_id = :u2 OR "
                              "i.at_unit_id = :u3)))" +
                              kItemOrder + " LIMIT :n",
       soci::use(campaign_id), soci::use(unit_id), soci::use(unit_id), soci::use(unit_id),
       soci::use(cap));
  return ReadItems(rows);
}

void LoadFilesAndOutlets(db::Session& s, std::vector<Item>& items) {
  for (Item& item : items) {
    soci::rowset<soci::row> files =
        (s.sql().prepare << "SELECT f.blob_id, f.caption, b.kind, b.name, b.mime, b.bytes, "
                            "CASE WHEN b.web_sha256 IS NULL THEN 0 ELSE 1 END "
                            "FROM publicity_item_files f JOIN media_blobs b ON b.id = f.blob_id "
                            "WHERE f.item_id = :i ORDER BY f.sort_order, f.blob_id",
         soci::use(item.id));
    for (const auto& r : files) {
      item.files.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3),
                            db::Str(r, 4), static_cast<std::uint64_t>(db::Int(r, 5)),
                            db::Int(r, 6) != 0});
    }
    soci::rowset<soci::row> outlets =
        (s.sql().prepare << "SELECT outlet, level, published_on, url FROM media_reports "
                            "WHERE publicity_item_id = :i ORDER BY published_on, id",
         soci::use(item.id));
    for (const auto& r : outlets) {
      item.outlets.push_back({db::Str(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3)});
    }
  }
}

struct KindCount {
  int all = 0, accepted = 0, pushed = 0, published = 0;
};

// Items of the subtree that left their unit (not drafts), per kind.
std::map<std::string, KindCount> CountsByKind(db::Session& s, Id campaign_id, Id unit_id) {
  std::map<std::string, KindCount> out;
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT kind, status, CASE WHEN published_at IS NULL THEN 0 ELSE 1 "
                          "END, COUNT(*) FROM publicity_items WHERE campaign_id = :c AND status "
                          "<> 'draft' AND unit_id IN (SELECT descendant_id FROM unit_closure "
                          "WHERE ancestor_id = :u) GROUP BY kind, status, CASE WHEN "
                          "published_at IS NULL THEN 0 ELSE 1 END",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rows) {
    KindCount& k = out[db::Str(r, 0)];
    const int n = static_cast<int>(db::Int(r, 3));
    const std::string status = db::Str(r, 1);
    k.all += n;
    if (status == "accepted") k.accepted += n;
    if (status == "pushed") k.pushed += n;
    if (db::Int(r, 2) != 0) k.published += n;
  }
  return out;
}

struct ReportRow {
  std::string level, outlet, title, published_on, unit;
};
constexpr std::int64_t kMaxReportsListed = 1000;

// Media reports (channel 'media', the ones annex 5 counts) of the subtree.
std::vector<ReportRow> MediaReports(db::Session& s, Id campaign_id, Id unit_id) {
  std::vector<ReportRow> out;
  soci::rowset<soci::row> rows =
      (s.sql().prepare << "SELECT m.level, m.outlet, m.title, m.published_on, u.name FROM "
                          "media_reports m JOIN units u ON u.id = m.unit_id WHERE m.campaign_id "
                          "= :c AND m.channel = 'media' AND m.unit_id IN (SELECT descendant_id "
                          "FROM unit_closure WHERE ancestor_id = :u) ORDER BY m.published_on, "
                          "m.id LIMIT :n",
       soci::use(campaign_id), soci::use(unit_id), soci::use(kMaxReportsListed + 1));
  for (const auto& r : rows) {
    out.push_back({db::Str(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3), db::Str(r, 4)});
  }
  return out;
}

// ---------------------------------------------------------------------------
// Wording.

constexpr const char* kLevels[] = {"central", "provincial", "city", "county"};
const char* LevelName(std::string_view level) {
  if (level == "central") return "中央级";
  if (level == "provincial") return "省级";
  if (level == "city") return "市（州）级";
  if (level == "county") return "县（区）级";
  return "其他";
}

std::string Date(const std::string& utc) {
  auto at = timeutil::ParseUtc(utc);
  return at ? timeutil::FormatShanghaiMinute(*at).substr(0, 10) : "";
}

std::string OutletsLine(const std::vector<OutletRow>& outlets) {
  std::string out;
  for (const OutletRow& o : outlets) {
    out += (out.empty() ? "" : "；") + o.outlet + "（" + LevelName(o.level) + "，" +
           o.published_on + "）";
  }
  return out;
}

// "unit　author　date" under an item's heading.
std::string Byline(const Item& i) {
  std::string out = i.unit_name;
  if (!i.author.empty()) out += "　作者：" + i.author;
  if (!i.theme_day.empty()) out += "　" + i.theme_day;
  std::string date = Date(i.submitted_at);
  if (!date.empty()) out += "　" + date + (i.late ? "（逾期报送）" : "");
  return out;
}

// A file or folder name inside the zip: no separators or characters that
// Windows refuses, at most `max_chars` characters.
std::string SafeName(std::string_view name, std::size_t max_chars = 60) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    const bool lead = (c & 0xc0) != 0x80;
    if (lead && ++chars > max_chars) break;
    if (c < 0x20 ||
        std::string_view("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string_view::npos) {
      out += '_';
    } else {
      out += static_cast<char>(c);
    }
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out.empty() ? "_" : out;
}

// The stored original's name: the upload's name with the extension of what
// is stored (images are re-encoded to JPEG).
std::string OriginalName(const File& f) {
  static const std::map<std::string, std::string> kExtensions = {{"image/jpeg", ".jpg"},
                                                                 {"image/png", ".png"},
                                                                 {"video/mp4", ".mp4"},
                                                                 {"video/webm", ".webm"},
                                                                 {"video/quicktime", ".mov"}};
  std::string stem = f.name;
  if (auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0) stem.resize(dot);
  auto ext = kExtensions.find(f.mime);
  return SafeName(stem, 50) + (ext != kExtensions.end() ? ext->second : "");
}

Error OverLimit(const std::string& what) {
  return Error::Invalid("unit_id", what + "，请按下级单位分别导出");
}

}  // namespace

// ---------------------------------------------------------------------------

Result<ExportFile> PublicityExports::Digest(const Principal& p, Id campaign_id, Id unit_id,
                                            const std::string& format) {
  if (format != "docx" && format != "pdf") {
    return Error::Invalid("format", "导出格式只能是 docx 或 pdf");
  }
  Heading h;
  std::vector<Item> items;
  std::map<std::string, KindCount> counts;
  std::vector<ReportRow> reports;
  {
    db::Session s(db_);
    VW_TRY(heading, LoadHeading(s, scope_, p, campaign_id, unit_id));
    h = std::move(heading);
    items = FeaturedItems(s, campaign_id, unit_id, limits_.max_items);
    if (items.size() > limits_.max_items) {
      return OverLimit("采用和推送的宣传材料超过 " + std::to_string(limits_.max_items) + " 件");
    }
    LoadFilesAndOutlets(s, items);
    counts = CountsByKind(s, campaign_id, unit_id);
    reports = MediaReports(s, campaign_id, unit_id);
  }

  // The pictures to show, counted before any is read.
  std::size_t pictures = 0;
  for (const Item& i : items) {
    std::size_t shown = 0;
    for (const File& f : i.files) shown += f.kind == "image" && f.has_web ? 1 : 0;
    pictures += std::min(shown, limits_.pictures_per_item);
  }
  if (pictures > limits_.max_pictures) {
    return OverLimit("需要插入的图片共 " + std::to_string(pictures) + " 张，超过上限 " +
                     std::to_string(limits_.max_pictures) + " 张");
  }
  std::uint64_t picture_bytes = 0;
  // The item's photos (web versions) as figures, and a note on those left out.
  auto figures = [&](const Item& i, doc::Section& section) -> Status {
    std::size_t shown = 0, more = 0;
    for (const File& f : i.files) {
      if (f.kind != "image" || !f.has_web) continue;
      if (shown == limits_.pictures_per_item) {
        ++more;
        continue;
      }
      VW_TRY(file, media_.Fetch(p, f.blob_id, media::Variant::kWeb));
      picture_bytes += file.bytes.size();
      if (picture_bytes > limits_.max_picture_bytes) {
        return OverLimit("需要插入的图片超过 " + std::to_string(limits_.max_picture_bytes >> 20) +
                         " MB");
      }
      ++shown;
      section.figures.push_back({std::move(file.bytes), f.caption.empty() ? i.title : f.caption});
    }
    if (more > 0) {
      section.text += "\n（另有图片 " + std::to_string(more) + " 张，见宣传材料归档压缩包。）";
    }
    return {};
  };

  doc::ReportDocument d;
  d.title = h.unit + std::to_string(h.year) + "年职业教育活动周宣传材料汇编";
  d.subtitle = h.campaign + "\n" + h.unit + "　" +
               timeutil::FormatShanghaiMinute(timeutil::NowUnix()).substr(0, 10);

  // 一、基本情况: the counts per kind and of the media reports.
  {
    auto count = [&](const char* kind) { return counts[kind]; };
    KindCount all;
    for (const auto& [kind, k] : counts) {
      all.all += k.all;
      all.accepted += k.accepted;
      all.pushed += k.pushed;
      all.published += k.published;
    }
    std::map<std::string, int> by_level;
    for (const ReportRow& r : reports) ++by_level[r.level];
    std::string text = "本单位及下属单位共报送宣传材料 " + std::to_string(all.all) +
                       " 件，其中稿件 " + std::to_string(count("article").all) + " 篇、图片 " +
                       std::to_string(count("photos").all) + " 组、视频 " +
                       std::to_string(count("video").all) + " 个、典型案例 " +
                       std::to_string(count("case").all) + " 个。";
    text += "\n已采用 " + std::to_string(all.accepted) + " 件，择优推送至主流媒体 " +
            std::to_string(all.pushed) + " 件，在专题网站公开 " + std::to_string(all.published) +
            " 件。";
    text += "\n媒体报道 " + std::to_string(reports.size()) + " 篇：";
    bool first = true;
    for (const char* level : kLevels) {
      text += std::string(first ? "" : "、") + LevelName(level) + " " +
              std::to_string(by_level[level]) + " 篇";
      first = false;
    }
    text += "。";
    d.sections.push_back({"一、基本情况", text});
  }

  // 二 to 五, one kind each: pushed first, then accepted, with their text and photos.
  const char* kHeadings[] = {"二、优秀稿件", "三、典型案例", "四、活动图片", "五、活动视频"};
  const char* kKindsInOrder[] = {"article", "case", "photos", "video"};
  for (int k = 0; k < 4; ++k) {
    const std::string kind = kKindsInOrder[k];
    std::vector<const Item*> of_kind;
    for (const Item& i : items) {
      if (i.kind == kind) of_kind.push_back(&i);
    }
    d.sections.push_back({kHeadings[k], of_kind.empty() ? "（无）" : ""});
    int n = 0;
    for (const Item* i : of_kind) {
      doc::Section section;
      section.heading = "（" + std::to_string(++n) + "）" + i->title +
                        (i->status == "pushed" ? "【择优推送】" : "");
      section.text = Byline(*i);
      if (!i->outlets.empty()) section.text += "\n刊发媒体：" + OutletsLine(i->outlets);
      if (!i->body.empty()) section.text += "\n" + i->body;
      if (!i->video_url.empty()) section.text += "\n视频链接：" + i->video_url;
      for (const File& f : i->files) {
        if (f.kind == "video") section.text += "\n视频文件：" + f.name;
      }
      VW_RETURN_IF_ERROR(figures(*i, section));
      d.sections.push_back(std::move(section));
    }
  }

  // 六、媒体报道情况: by level, in the order published.
  d.sections.push_back({"六、媒体报道情况", reports.empty() ? "（无）" : ""});
  int level_number = 0;
  for (const char* level : kLevels) {
    std::string text;
    int n = 0;
    for (const ReportRow& r : reports) {
      if (r.level != level) continue;
      text += (text.empty() ? "" : "\n") + std::to_string(++n) + ". " + r.outlet + "《" + r.title +
              "》（" + r.published_on + "，" + r.unit + "）";
    }
    if (n == 0) continue;
    d.sections.push_back({"（" + std::to_string(++level_number) + "）" + LevelName(level) +
                              "媒体（" + std::to_string(n) + " 篇）",
                          text});
  }
  if (reports.size() > static_cast<std::size_t>(kMaxReportsListed)) {
    d.sections.push_back({"", "（仅列出前 " + std::to_string(kMaxReportsListed) + " 篇。）"});
  }

  ExportFile out;
  out.file_name = d.title + "." + format;
  if (format == "docx") {
    VW_TRY(bytes, docx::RenderReport(d));
    out.bytes = std::move(bytes);
    out.content_type = std::string(docx::kContentType);
  } else {
    VW_TRY(bytes, pdf::RenderReport(d));
    out.bytes = std::move(bytes);
    out.content_type = std::string(pdf::kContentType);
  }
  return out;
}

Result<ExportFile> PublicityExports::Archive(const Principal& p, Id campaign_id, Id unit_id) {
  Heading h;
  std::vector<Item> items;
  {
    db::Session s(db_);
    VW_TRY(heading, LoadHeading(s, scope_, p, campaign_id, unit_id));
    h = std::move(heading);
    items = LibraryItems(s, campaign_id, unit_id, limits_.max_items);
    if (items.size() > limits_.max_items) {
      return OverLimit("已采用和推送的宣传材料超过 " + std::to_string(limits_.max_items) + " 件");
    }
    LoadFilesAndOutlets(s, items);
  }
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  for (const Item& i : items) {
    files += i.files.size();
    for (const File& f : i.files) bytes += f.bytes;
  }
  if (files > limits_.max_files) {
    return OverLimit("原始文件共 " + std::to_string(files) + " 个，超过打包上限 " +
                     std::to_string(limits_.max_files) + " 个");
  }
  if (bytes > limits_.max_archive_bytes) {
    return OverLimit("原始文件共 " + std::to_string((bytes + (1u << 20) - 1) >> 20) +
                     " MB，超过打包上限 " + std::to_string(limits_.max_archive_bytes >> 20) +
                     " MB");
  }

  doc::TableDocument index;
  index.title = h.unit + std::to_string(h.year) + "年职业教育活动周宣传材料归档目录";
  index.info_line = "收入本单位已采用和择优推送的宣传材料原件，每件一个文件夹。导出时间：" +
                    timeutil::FormatShanghaiMinute(timeutil::NowUnix());
  index.sheet_name = "目录";
  index.column_widths = {0.6, 2.4, 0.8, 2.6, 1.8, 1, 1.2, 1.2, 2.4, 2.4, 2.6};
  index.sheet_widths = {6, 30, 8, 36, 24, 10, 12, 14, 36, 30, 40};
  doc::Row head;
  for (const char* text : {"序号", "文件夹", "类型", "标题", "单位", "作者", "状态", "报送日期",
                           "刊发媒体", "视频链接", "文件"}) {
    head.cells.push_back({text, 1, 1, true});
  }
  index.header = {head};
  index.freeze_rows = 3;

  std::vector<std::pair<std::string, std::string>> entries;
  int n = 0;
  for (const Item& i : items) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%03d_", ++n);
    const std::string folder = prefix + SafeName(i.title);
    std::string names;
    if (!i.body.empty()) {
      std::string text = i.title + "\n" + Byline(i) + "\n\n" + i.body + "\n";
      entries.emplace_back(folder + "/正文.txt", std::move(text));
      names += "正文.txt";
    }
    int k = 0;
    for (const File& f : i.files) {
      VW_TRY(file, media_.Fetch(p, f.blob_id, media::Variant::kOriginal));
      char number[8];
      std::snprintf(number, sizeof number, "%02d_", ++k);
      const std::string name = number + OriginalName(f);
      names += (names.empty() ? "" : "\n") + name;
      entries.emplace_back(folder + "/" + name, std::move(file.bytes));
    }
    auto text = [](std::string t, doc::Align align = doc::Align::kLeft) {
      doc::Cell c{std::move(t)};
      c.align = align;
      c.wrap = true;
      return c;
    };
    doc::Cell number{std::to_string(n)};
    number.number = n;
    index.body.push_back(
        {{number, text(folder), text(KindName(i.kind), doc::Align::kCentre), text(i.title),
          text(i.unit_name), text(i.author), text(StatusName(i.status), doc::Align::kCentre),
          text(Date(i.submitted_at) + (i.late ? "（逾期）" : ""), doc::Align::kCentre),
          text(OutletsLine(i.outlets)), text(i.video_url), text(names)}});
  }
  VW_TRY(index_bytes, xlsx::RenderTable(index));
  entries.insert(entries.begin(), {"目录.xlsx", std::move(index_bytes)});
  VW_TRY(zip, archive::Zip(entries, "压缩包"));
  return ExportFile{std::move(zip), std::string(archive::kZipContentType),
                    h.unit + std::to_string(h.year) + "年宣传材料归档.zip"};
}

}  // namespace vw::publicity
