// The files of a display event (display.h): the printable 位置分布图 (one
// A3 landscape page drawn with cairo and pango, like export/pdf.cc) and the
// exhibitor list (xlsx through export/xlsx.h).
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <map>
#include <memory>

#include "core/time.h"
#include "display/display.h"
#include "display/display_access.h"
#include "display/display_store.h"
#include "export/xlsx.h"

namespace vw::display {
namespace {

constexpr double kA3Long = 1190.55;  // points
constexpr double kA3Short = 841.89;
constexpr double kA4Scale = 0.7071;  // A4 is A3 scaled by 1/sqrt(2)

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Rgb {
  double r, g, b;
};
Rgb FillOf(const std::string& kind) {
  if (kind == "zone") return {0.93, 0.95, 0.99};
  if (kind == "booth") return {1.0, 0.96, 0.86};
  if (kind == "stage") return {0.98, 0.85, 0.85};
  if (kind == "entrance") return {0.85, 0.95, 0.87};
  return {1.0, 0.9, 0.4};  // power
}

// Text drawn with one font at one size, through one layout.
class Text {
 public:
  Text(cairo_t* cr, double size, bool bold) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, "Noto Sans CJK SC");
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
  }
  ~Text() { g_object_unref(layout_); }
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;

  // Draws `s` at (x, y) within `width` (wrapped; -1 for one line), aligned
  // as asked; answers the height drawn.
  double Draw(const std::string& s, double x, double y, double width,
              PangoAlignment align = PANGO_ALIGN_LEFT) {
    pango_layout_set_text(layout_, s.c_str(), -1);
    pango_layout_set_width(layout_, width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_, align);
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  // Centred in the box (x, y, w, h), one or more lines.
  void Centre(const std::string& s, double x, double y, double w, double h) {
    pango_layout_set_text(layout_, s.c_str(), -1);
    pango_layout_set_width(layout_, static_cast<int>(std::max(w, 1.0) * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_, PANGO_ALIGN_CENTER);
    int lw = 0, lh = 0;
    pango_layout_get_size(layout_, &lw, &lh);
    cairo_move_to(cr_, x, y + (h - static_cast<double>(lh) / PANGO_SCALE) / 2);
    pango_cairo_show_layout(cr_, layout_);
  }

 private:
  cairo_t* cr_;
  PangoLayout* layout_;
};

// A unit's name short enough for a booth on the map: at most `max`
// characters (code points), the rest replaced by "…".
std::string ShortName(const std::string& name, std::size_t max = 8) {
  std::size_t chars = 0, cut = std::string::npos;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max - 1 && cut == std::string::npos) cut = i;
    ++chars;
  }
  return chars <= max ? name : name.substr(0, cut) + "…";
}

// The map on one landscape page, A3 or A4: the A4 page is the A3 page
// scaled (every length and font size times kA4Scale).
std::string Draw(const store::EventRow& e, const Plan& plan,
                 const std::vector<store::ApplicationRow>& apps, bool a4) {
  const double k = a4 ? kA4Scale : 1.0;
  const double kLong = kA3Long * k, kShort = kA3Short * k;
  const double kMargin = 36 * k, kLegendWidth = 300 * k;
  std::string bytes;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(&AppendBytes, &bytes, kLong, kShort),
      &cairo_surface_destroy);
  std::string title = e.title + " 位置分布图";
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "vocweek");
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> holder(cairo_create(surface.get()),
                                                            &cairo_destroy);
  cairo_t* cr = holder.get();
  Text heading(cr, 22 * k, true), info(cr, 11 * k, false), label(cr, 8 * k, false),
      small(cr, 9 * k, false), bold(cr, 10 * k, true);
  cairo_set_source_rgb(cr, 0, 0, 0);
  double y = kMargin;
  y += heading.Draw(title, kMargin, y, kLong - 2 * kMargin, PANGO_ALIGN_CENTER) + 6 * k;
  std::string line = "主办单位：" + e.unit_name + "　时间：" + timeutil::FormatChineseDate(e.day) +
                     " " + e.start_time + "-" + e.end_time + "　地点：" + e.venue;
  if (e.weather_switched) {
    line += "（因天气调整，原定" + timeutil::FormatChineseDate(e.original_day) + " " +
            e.original_venue + "）";
  }
  y += info.Draw(line, kMargin, y, kLong - 2 * kMargin, PANGO_ALIGN_CENTER) + 12 * k;

  // The map: the site scaled into the area left of the legend.
  double area_w = kLong - 2 * kMargin - kLegendWidth - 20 * k;
  double area_h = kShort - kMargin - y;
  double scale =
      std::min(area_w / static_cast<double>(plan.width), area_h / static_cast<double>(plan.height));
  double ox = kMargin, oy = y;
  cairo_set_line_width(cr, 0.3);
  cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
  for (std::int64_t gx = 0; gx <= plan.width; ++gx) {
    cairo_move_to(cr, ox + static_cast<double>(gx) * scale, oy);
    cairo_line_to(cr, ox + static_cast<double>(gx) * scale,
                  oy + static_cast<double>(plan.height) * scale);
  }
  for (std::int64_t gy = 0; gy <= plan.height; ++gy) {
    cairo_move_to(cr, ox, oy + static_cast<double>(gy) * scale);
    cairo_line_to(cr, ox + static_cast<double>(plan.width) * scale,
                  oy + static_cast<double>(gy) * scale);
  }
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1.2);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_rectangle(cr, ox, oy, static_cast<double>(plan.width) * scale,
                  static_cast<double>(plan.height) * scale);
  cairo_stroke(cr);

  std::map<std::string, const store::ApplicationRow*> by_booth;
  for (const auto& a : apps) {
    if (!a.booth.empty()) by_booth[a.booth] = &a;
  }
  // Zones first (under the rest).
  std::vector<const Shape*> order;
  for (const auto& s : plan.shapes) {
    if (s.kind == "zone") order.push_back(&s);
  }
  for (const auto& s : plan.shapes) {
    if (s.kind != "zone") order.push_back(&s);
  }
  for (const Shape* s : order) {
    double x = ox + static_cast<double>(s->x) * scale;
    double sy = oy + static_cast<double>(s->y) * scale;
    double w = static_cast<double>(s->w) * scale;
    double h = static_cast<double>(s->h) * scale;
    Rgb fill = FillOf(s->kind);
    cairo_rectangle(cr, x, sy, w, h);
    cairo_set_source_rgb(cr, fill.r, fill.g, fill.b);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, s->kind == "zone" ? 0.8 : 1);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    std::string text;
    if (s->kind == "booth") {
      text = s->number;
      if (BoothHasPower(plan, *s)) text += "（电）";
      if (auto found = by_booth.find(s->number); found != by_booth.end()) {
        text += "\n" + ShortName(found->second->unit_name);
      }
    } else if (s->kind == "power") {
      text = "电";
    } else {
      text = s->label.empty() ? (s->kind == "stage"      ? "舞台"
                                 : s->kind == "entrance" ? "入口"
                                                         : "")
                              : s->label;
    }
    if (s->kind == "zone") {
      label.Draw(text, x + 2, sy + 2, w - 4);
    } else {
      label.Centre(text, x + 1, sy, w - 2, h);
    }
  }

  // The legend: booth number → unit, then the shape kinds.
  double lx = kLong - kMargin - kLegendWidth;
  double ly = y;
  ly += bold.Draw("展位与参展单位", lx, ly, kLegendWidth) + 4 * k;
  std::vector<const Shape*> booths;
  for (const auto& s : plan.shapes) {
    if (s.kind == "booth") booths.push_back(&s);
  }
  std::sort(booths.begin(), booths.end(),
            [](const Shape* a, const Shape* b) { return a->number < b->number; });
  double bottom = kShort - kMargin - 60 * k;
  std::size_t shown = 0;
  for (const Shape* b : booths) {
    if (ly > bottom) break;
    auto found = by_booth.find(b->number);
    std::string unit = found == by_booth.end() ? "（空）" : found->second->unit_name;
    small.Draw(b->number, lx, ly, 50 * k);
    ly += small.Draw(unit, lx + 52 * k, ly, kLegendWidth - 52 * k) + 2 * k;
    ++shown;
  }
  if (shown < booths.size()) {
    ly += small.Draw("另有 " + std::to_string(booths.size() - shown) + " 个展位见参展单位名单", lx,
                     ly, kLegendWidth) +
          2 * k;
  }
  ly = std::max(ly + 8 * k, bottom);
  double kx = lx;
  for (const char* kind : {"zone", "booth", "stage", "entrance", "power"}) {
    Rgb fill = FillOf(kind);
    cairo_rectangle(cr, kx, ly + 2 * k, 10 * k, 10 * k);
    cairo_set_source_rgb(cr, fill.r, fill.g, fill.b);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    std::string name = std::string(kind) == "zone"       ? "区域"
                       : std::string(kind) == "booth"    ? "展位"
                       : std::string(kind) == "stage"    ? "舞台"
                       : std::string(kind) == "entrance" ? "出入口"
                                                         : "电源点";
    small.Draw(name, kx + 13 * k, ly, 50 * k);
    kx += 58 * k;
  }
  ly += 20 * k;
  std::string foot = "每格 1 米；（电）为有电源的展位";
  if (!e.contact.empty()) foot += "；联系人：" + e.contact;
  small.Draw(foot, lx, ly, kLegendWidth);

  cairo_show_page(cr);
  holder.reset();
  cairo_surface_finish(surface.get());
  return bytes;
}

}  // namespace

Result<ExportFile> DisplayService::MapPdf(const Principal& p, Id event_id, bool a4) {
  db::Session s(db_);
  auto e = store::LoadEvent(s, event_id);
  if (!e || !Reaches(scope_, s, p, e->unit_id)) return Error::NotFound("展示活动不存在");
  if (e->plan_version == 0) return Error::Invalid("plan", "【平面图】尚未绘制场地平面图");
  Plan plan = ParsePlan(e->plan);
  auto apps = store::Applications(s, e->id);
  std::string bytes = Draw(*e, plan, apps, a4);
  if (bytes.empty()) return Error::Internal("位置分布图生成失败");
  return ExportFile{std::move(bytes), "application/pdf",
                    e->title + "位置分布图" + (a4 ? "（A4）" : "") + ".pdf"};
}

Result<ExportFile> DisplayService::ExhibitorsXlsx(const Principal& p, Id event_id) {
  db::Session s(db_);
  auto e = store::LoadEvent(s, event_id);
  if (!e || !Reaches(scope_, s, p, e->unit_id)) return Error::NotFound("展示活动不存在");
  if (!Manages(scope_, s, p, e->unit_id)) {
    return Error::Forbidden("只有主办单位的管理员可以导出参展单位名单");
  }
  doc::TableDocument d;
  d.landscape = true;
  d.title = e->title + "参展单位名单";
  d.info_line = "时间：" + timeutil::FormatChineseDate(e->day) + " " + e->start_time + "-" +
                e->end_time + "　地点：" + e->venue;
  d.column_widths = {8, 24, 40, 14, 8, 8, 8, 10, 20, 10};
  doc::Row head;
  for (const char* h : {"展位号", "参展单位", "展示内容", "专业群/类别", "桌子", "用电", "网络",
                        "面积(㎡)", "联系人", "参观人数"}) {
    head.cells.push_back(doc::Cell{h});
  }
  d.header.push_back(head);
  auto apps = store::Applications(s, e->id);
  std::stable_sort(apps.begin(), apps.end(), [](const auto& a, const auto& b) {
    if (a.booth.empty() != b.booth.empty()) return b.booth.empty();
    return a.booth < b.booth;
  });
  for (const auto& a : apps) {
    doc::Row r;
    auto cell = [](std::string text, doc::Align align = doc::Align::kCentre) {
      doc::Cell c{std::move(text)};
      c.align = align;
      c.wrap = true;
      return c;
    };
    r.cells = {cell(a.booth.empty() ? "未分配" : a.booth),
               cell(a.unit_name, doc::Align::kLeft),
               cell(a.exhibit, doc::Align::kLeft),
               cell(a.category),
               cell(std::to_string(a.tables)),
               cell(a.power ? "是" : "否"),
               cell(a.network ? "是" : "否"),
               cell(std::to_string(a.area_m2)),
               cell(a.contact, doc::Align::kLeft),
               cell(std::to_string(a.visitors))};
    r.cells[4].number = static_cast<double>(a.tables);
    r.cells[9].number = static_cast<double>(a.visitors);
    r.cells[7].number = static_cast<double>(a.area_m2);
    d.body.push_back(std::move(r));
  }
  std::int64_t visitors = 0;
  for (const auto& a : apps) visitors += a.visitors;
  d.footnotes.push_back("共 " + std::to_string(apps.size()) + " 家单位申请，展位参观人数合计 " +
                        std::to_string(visitors) + " 人次（展位现场计数）。布展时间：" +
                        (e->setup_time.empty() ? "另行通知" : e->setup_time) + "；撤展时间：" +
                        (e->clear_time.empty() ? "另行通知" : e->clear_time) + "。");
  VW_TRY(bytes, xlsx::RenderTable(d));
  return ExportFile{std::move(bytes), std::string(xlsx::kContentType),
                    e->title + "参展单位名单.xlsx"};
}

}  // namespace vw::display
