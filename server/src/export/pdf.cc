#include "export/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "export/image_info.h"

namespace vw::pdf {
namespace {

// Lengths are in PDF points (1/72 inch); cairo's user space and, with the
// pango context at 72 dpi, pango's font sizes use the same unit.
constexpr double kMm = 72.0 / 25.4;
constexpr double kA4Short = 210 * kMm;  // 595.276
constexpr double kA4Long = 297 * kMm;   // 841.890
constexpr double kEps = 0.01;
constexpr char kSerif[] = "Noto Serif CJK SC";
constexpr char kSans[] = "Noto Sans CJK SC";

double FromPango(int units) { return static_cast<double>(units) / PANGO_SCALE; }
int ToPango(double points) { return static_cast<int>(std::lround(points * PANGO_SCALE)); }

struct GObjectUnref {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// ---------------------------------------------------------------------------
// Text cleaning: pango wants valid UTF-8 and draws control characters as
// boxes.

bool IsClean(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
    // U+0080..U+009F (C1 controls) are C2 80..C2 9F.
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xa0) return false;
  }
  return g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr);
}

// Valid UTF-8 with '\n' as the only control character: invalid bytes become
// U+FFFD, "\r\n" and '\r' become '\n', a tab a space, other controls go.
std::string Clean(std::string_view s) {
  std::string bytes(s);
  std::erase(bytes, '\0');
  std::unique_ptr<gchar, decltype(&g_free)> valid(
      g_utf8_make_valid(bytes.data(), static_cast<gssize>(bytes.size())), &g_free);
  std::string out;
  out.reserve(bytes.size());
  for (const char* p = valid.get(); *p;) {
    const char* next = g_utf8_next_char(p);
    gunichar c = g_utf8_get_char(p);
    if (c == '\r') {
      if (*next != '\n') out += '\n';
    } else if (c == '\t') {
      out += ' ';
    } else if (c == '\n' || (c >= 0x20 && (c < 0x7f || c >= 0xa0))) {
      out.append(p, next);
    }
    p = next;
  }
  return out;
}

// Keeps cleaned copies alive for the string_views that point at them.
class TextStore {
 public:
  std::string_view Use(std::string_view s) {
    if (IsClean(s)) return s;
    return copies_.emplace_back(Clean(s));
  }

 private:
  std::deque<std::string> copies_;
};

// ---------------------------------------------------------------------------
// TextStyle: one font at one size with one PangoLayout reused for every text
// of the style, and a per-character glyph cache for text set entirely in the
// style's own font (nearly all table cells: names, numbers). Such text is
// measured and broken into lines from the cache (break opportunities from
// pango_get_log_attrs, so lines break where pango would break them) and
// queued as glyphs that Flush draws in one cairo call per page, which is
// what makes a 300-page table render in well under a second. Everything
// else (fallback fonts, combining marks, emoji) goes through the layout.

class TextStyle {
 public:
  TextStyle(PangoContext* context, const char* family, bool bold, double size)
      : layout_(pango_layout_new(context)), probe_(pango_layout_new(context)), size_(size) {
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, family);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(font, ToPango(size));
    pango_layout_set_font_description(layout_.get(), font);
    pango_layout_set_font_description(probe_.get(), font);
    pango_font_description_free(font);
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);

    pango_layout_set_text(probe_.get(), "国", -1);
    int height = 0;
    pango_layout_get_size(probe_.get(), nullptr, &height);
    line_height_ = FromPango(height);
    baseline_ = FromPango(pango_layout_get_baseline(probe_.get()));
    PangoLayoutLine* line = pango_layout_get_line_readonly(probe_.get(), 0);
    if (line && line->runs) {
      auto* run = static_cast<PangoGlyphItem*>(line->runs->data);
      font_ = PANGO_FONT(g_object_ref(run->item->analysis.font));
    }
  }
  ~TextStyle() {
    if (font_) g_object_unref(font_);
  }
  TextStyle(const TextStyle&) = delete;
  TextStyle& operator=(const TextStyle&) = delete;

  double size() const { return size_; }
  // Height of one line of text and the baseline's distance from its top.
  double line_height() const { return line_height_; }
  double baseline() const { return baseline_; }

  // The style's layout holding `text` (clean), wrapped at `width` points
  // (negative: not wrapped). Valid until the next call.
  PangoLayout* Lay(std::string_view text, double width, PangoAlignment align = PANGO_ALIGN_LEFT) {
    pango_layout_set_width(layout_.get(), width < 0 ? -1 : ToPango(width));
    pango_layout_set_alignment(layout_.get(), align);
    pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
    return layout_.get();
  }
  // A layout of its own, for text that must stay laid out while others are.
  LayoutPtr NewLayout(std::string_view text, double width) {
    LayoutPtr layout(pango_layout_copy(layout_.get()));
    pango_layout_set_width(layout.get(), ToPango(width));
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  // One line of simple text: bytes [begin, end) of the text, and its width
  // without trailing spaces.
  struct Line {
    uint32_t begin = 0, end = 0;
    float width = 0;
  };

  // Breaks `text` into lines no wider than `width` (where it has '\n', and
  // where Unicode line breaking allows, as pango does: inside a word only
  // when the word alone is too wide) and appends them to `lines`. False,
  // with `lines` untouched, when the text needs pango.
  bool SimpleLines(std::string_view text, double width, std::vector<Line>& lines) {
    double total = 0;
    bool breaks = false;
    for (const char *p = text.data(), *end = p + text.size(); p < end; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      if (c == '\n') {
        breaks = true;
        continue;
      }
      const Glyph& g = Lookup(c);
      if (!g.simple) return false;
      total += g.advance;
    }
    if (!breaks && total <= width + kEps) {
      lines.push_back({0, static_cast<uint32_t>(text.size()), static_cast<float>(total)});
      return true;
    }
    for (size_t begin = 0;;) {
      size_t nl = text.find('\n', begin);
      size_t end = nl == std::string_view::npos ? text.size() : nl;
      Wrap(text, begin, end, width, lines);
      if (nl == std::string_view::npos) break;
      begin = nl + 1;
    }
    return true;
  }

  // Queues `text` (SimpleLines took it) with the left end of its baseline
  // at (x, y).
  void Queue(std::string_view text, double x, double y) {
    queued_text_.append(text);
    for (const char *p = text.data(), *end = p + text.size(); p < end;) {
      const char* next = g_utf8_next_char(p);
      const Glyph& g = glyphs_.find(g_utf8_get_char(p))->second;
      queued_glyphs_.push_back({g.index, x, y});
      queued_clusters_.push_back({static_cast<int>(next - p), 1});
      x += g.advance;
      p = next;
    }
  }
  // Draws the queued glyphs; the text goes along so the PDF's text can be
  // searched and copied.
  void Flush(cairo_t* cr) {
    if (queued_glyphs_.empty()) return;
    cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font_)));
    cairo_show_text_glyphs(cr, queued_text_.data(), static_cast<int>(queued_text_.size()),
                           queued_glyphs_.data(), static_cast<int>(queued_glyphs_.size()),
                           queued_clusters_.data(), static_cast<int>(queued_clusters_.size()),
                           cairo_text_cluster_flags_t{});
    queued_text_.clear();
    queued_glyphs_.clear();
    queued_clusters_.clear();
  }

 private:
  struct Glyph {
    unsigned long index = 0;
    double advance = 0;
    bool simple = false;
  };

  const Glyph& Lookup(gunichar c) {
    auto [it, inserted] = glyphs_.try_emplace(c);
    Glyph& g = it->second;
    if (!inserted || c < 0x20 || !font_) return g;
    char utf8[6];
    int n = g_unichar_to_utf8(c, utf8);
    pango_layout_set_text(probe_.get(), utf8, n);
    if (pango_layout_get_line_count(probe_.get()) != 1) return g;
    PangoLayoutLine* line = pango_layout_get_line_readonly(probe_.get(), 0);
    if (!line->runs || line->runs->next) return g;
    auto* run = static_cast<PangoGlyphItem*>(line->runs->data);
    if (run->item->analysis.font != font_ || run->glyphs->num_glyphs != 1) return g;
    const PangoGlyphInfo& info = run->glyphs->glyphs[0];
    if ((info.glyph & PANGO_GLYPH_UNKNOWN_FLAG) || info.glyph == PANGO_GLYPH_EMPTY ||
        info.geometry.x_offset != 0 || info.geometry.y_offset != 0) {
      return g;
    }
    g = {info.glyph, FromPango(info.geometry.width), true};
    return g;
  }

  static bool IsSpace(gunichar c) { return c == ' ' || c == 0x3000; }

  // Appends the lines of the paragraph text[begin, end) (every character
  // simple): greedy, breaking at the last opportunity pango's Unicode line
  // breaking gives, or before the character that overflows.
  void Wrap(std::string_view text, size_t begin, size_t end, double width,
            std::vector<Line>& lines) {
    auto push = [&](size_t from, size_t to) {
      double w = 0, trailing = 0;
      for (const char *p = text.data() + from, *stop = text.data() + to; p < stop;
           p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        double advance = glyphs_.find(c)->second.advance;
        w += advance;
        trailing = IsSpace(c) ? trailing + advance : 0;
      }
      lines.push_back({static_cast<uint32_t>(from), static_cast<uint32_t>(to),
                       static_cast<float>(w - trailing)});
    };
    if (begin == end) {
      push(begin, end);
      return;
    }
    const char* para = text.data() + begin;
    const int chars = static_cast<int>(g_utf8_strlen(para, static_cast<gssize>(end - begin)));
    attrs_.resize(chars + 1);
    pango_get_log_attrs(para, static_cast<int>(end - begin), -1, language_, attrs_.data(),
                        chars + 1);
    size_t line = begin;       // where the current line starts
    double used = 0;           // advances from `line` to the current character
    size_t opportunity = end;  // the last break allowed after `line`, or `end` for none
    double before = 0;         // advances from `line` to `opportunity`
    int i = 0;
    for (const char* p = para; p < text.data() + end; p = g_utf8_next_char(p), ++i) {
      const size_t at = static_cast<size_t>(p - text.data());
      const gunichar c = g_utf8_get_char(p);
      const double advance = glyphs_.find(c)->second.advance;
      if (attrs_[i].is_line_break && at > line) {
        opportunity = at;
        before = used;
      }
      // Spaces may hang past the edge; other characters start a new line.
      if (!IsSpace(c) && used + advance > width + kEps && at > line) {
        if (opportunity != end) {
          push(line, opportunity);
          line = opportunity;
          used -= before;
        }
        if (used + advance > width + kEps && at > line) {  // a word wider than the line
          push(line, at);
          line = at;
          used = 0;
        }
        opportunity = end;
      }
      used += advance;
    }
    push(line, end);
  }

  LayoutPtr layout_;
  LayoutPtr probe_;  // one character at a time, for the glyph cache
  double size_;
  double line_height_ = 0;
  double baseline_ = 0;
  PangoFont* font_ = nullptr;  // the style's own font; only its glyphs are cached
  std::unordered_map<gunichar, Glyph> glyphs_;
  PangoLanguage* language_ = pango_language_from_string("zh-cn");
  std::vector<PangoLogAttr> attrs_;
  std::string queued_text_;
  std::vector<cairo_glyph_t> queued_glyphs_;
  std::vector<cairo_text_cluster_t> queued_clusters_;
};

// ---------------------------------------------------------------------------
// Writer: one PDF being written, its page geometry and page footers.

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Margins {
  double top, right, bottom, left;
};

class Writer {
 public:
  Writer(bool landscape, Margins margins, std::string_view title)
      : width_(landscape ? kA4Long : kA4Short),
        height_(landscape ? kA4Short : kA4Long),
        margins_(margins),
        surface_(cairo_pdf_surface_create_for_stream(&AppendBytes, &bytes_, width_, height_),
                 &cairo_surface_destroy),
        cr_(cairo_create(surface_.get()), &cairo_destroy) {
    if (!title.empty()) {
      std::string t = Clean(title);
      cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, t.c_str());
    }
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "vocweek");
    context_.reset(pango_cairo_create_context(cr_.get()));
    pango_cairo_context_set_resolution(context_.get(), 72);  // font sizes in points
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
    pango_context_set_language(context_.get(), pango_language_from_string("zh-cn"));
    cairo_set_source_rgb(cr_.get(), 0, 0, 0);
    footer_ = &Style(kSerif, false, 9);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  cairo_t* cr() { return cr_.get(); }
  TextStyle& Style(const char* family, bool bold, double size) {
    return styles_.emplace_back(context_.get(), family, bold, size);
  }

  double left() const { return margins_.left; }
  double right() const { return width_ - margins_.right; }
  double top() const { return margins_.top; }
  double bottom() const { return height_ - margins_.bottom; }
  double content_width() const { return right() - left(); }

  void set_total_pages(int total) { total_pages_ = total; }
  void FlushText() {
    for (TextStyle& s : styles_) s.Flush(cr_.get());
  }
  // Draws the footer of page `index` (0-based) and starts the next page.
  void EndPage(int index) {
    FlushText();
    std::string number =
        "第 " + std::to_string(index + 1) + " 页 / 共 " + std::to_string(total_pages_) + " 页";
    const double baseline = height_ - 10 * kMm;
    footer_lines_.clear();
    if (footer_->SimpleLines(number, content_width(), footer_lines_)) {
      footer_->Queue(number, left() + (content_width() - footer_lines_[0].width) / 2, baseline);
      footer_->Flush(cr());
    } else {
      PangoLayout* layout = footer_->Lay(number, content_width(), PANGO_ALIGN_CENTER);
      cairo_move_to(cr(), left(), baseline - footer_->baseline());
      pango_cairo_show_layout(cr(), layout);
    }
    cairo_show_page(cr());
  }

  // The document's bytes after the last EndPage.
  Result<std::string> Finish() {
    cairo_status_t status = cairo_status(cr_.get());
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_.get());
    if (status != CAIRO_STATUS_SUCCESS) {
      return Error::Internal(std::string("生成 PDF 失败：") + cairo_status_to_string(status));
    }
    return std::move(bytes_);
  }

 private:
  double width_, height_;
  Margins margins_;
  std::string bytes_;  // before surface_: the surface writes into it until destroyed
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface_;
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr_;
  std::unique_ptr<PangoContext, GObjectUnref> context_;
  std::deque<TextStyle> styles_;  // a deque: styles are handed out by reference
  TextStyle* footer_ = nullptr;
  std::vector<TextStyle::Line> footer_lines_;
  int total_pages_ = 1;
};

// Where the next text goes, page by page. The same layout code runs twice:
// once without drawing to count the pages, once drawing with the total known.
struct Cursor {
  Writer* writer;
  bool draw;
  int page;
  double y;

  bool at_top() const { return y <= writer->top() + kEps; }
  void NewPage() {
    if (draw) writer->EndPage(page);
    ++page;
    y = writer->top();
  }
};

// Sets `layout` at `x` from the cursor down, line by line, starting a new
// page where a line would cross the bottom margin.
void FlowLines(Cursor& cur, PangoLayout* layout, double x) {
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  double shift = cur.y;  // page y minus layout y on the current page
  double end = cur.y;
  do {
    int top = 0, bottom = 0;
    pango_layout_iter_get_line_yrange(iter, &top, &bottom);
    if (FromPango(bottom) + shift > cur.writer->bottom() + kEps &&
        FromPango(top) + shift > cur.writer->top() + kEps) {
      cur.NewPage();
      shift = cur.writer->top() - FromPango(top);
    }
    if (cur.draw) {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      cairo_move_to(cur.writer->cr(), x + FromPango(logical.x),
                    FromPango(pango_layout_iter_get_baseline(iter)) + shift);
      pango_cairo_show_layout_line(cur.writer->cr(), pango_layout_iter_get_line_readonly(iter));
    }
    end = FromPango(bottom) + shift;
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  cur.y = end;
}

double LayoutHeight(PangoLayout* layout) {
  int height = 0;
  pango_layout_get_size(layout, nullptr, &height);
  return FromPango(height);
}

// ---------------------------------------------------------------------------
// The verification mark: QR code of the URL, the code in bold, the URL and
// the note beside it, at the foot of the last page.

class Mark {
 public:
  static Result<std::unique_ptr<Mark>> Make(Writer& w, const doc::Verification& v) {
    auto mark = std::make_unique<Mark>(w);
    TextStore store;
    mark->code_ = "验证码：" + std::string(store.Use(v.code));
    mark->url_ = std::string(store.Use(v.url));
    mark->note_ = std::string(store.Use(v.note));
    if (!v.url.empty()) {
      std::string url(v.url);
      QRcode* code = QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      if (!code) return Error::Internal("无法生成核验二维码：链接过长");
      mark->modules_ = code->width;
      mark->dark_.resize(static_cast<size_t>(code->width) * code->width);
      for (size_t i = 0; i < mark->dark_.size(); ++i) mark->dark_[i] = code->data[i] & 1;
      QRcode_free(code);
    }
    return mark;
  }

  explicit Mark(Writer& w)
      : writer_(w), code_style_(w.Style(kSans, true, 11)), text_style_(w.Style(kSerif, false, 9)) {}

  // Reserves the foot of the cursor's page (or of a new one when the text
  // above leaves no room) and draws the mark there.
  void Place(Cursor& cur) {
    const double qr = modules_ ? kQrSize : 0;
    const double gap = modules_ ? 4 * kMm : 0;
    const double text_x = writer_.left() + qr + gap;
    const double text_width = writer_.right() - text_x;
    const double text_height = Text(text_x, 0, text_width, false);
    const double height = std::max(qr, text_height);
    if (cur.y + 5 * kMm + height > writer_.bottom() + kEps) cur.NewPage();
    const double top = writer_.bottom() - height;
    if (cur.draw) {
      DrawQr(writer_.left(), top + (height - qr) / 2);
      Text(text_x, top + (height - text_height) / 2, text_width, true);
    }
    cur.y = writer_.bottom();
  }

 private:
  static constexpr double kQrSize = 23 * kMm;

  // Lays out (and draws) the three lines; returns their height.
  double Text(double x, double y, double width, bool draw) {
    double h = 0;
    auto line = [&](TextStyle& style, const std::string& text, double space_before) {
      if (text.empty()) return;
      if (h > 0) h += space_before;
      PangoLayout* layout = style.Lay(text, width);
      if (draw) {
        cairo_move_to(writer_.cr(), x, y + h);
        pango_cairo_show_layout(writer_.cr(), layout);
      }
      h += LayoutHeight(layout);
    };
    line(code_style_, code_, 0);
    line(text_style_, url_, 1.5 * kMm);
    line(text_style_, note_, 1 * kMm);
    return h;
  }

  void DrawQr(double x, double y) {
    if (!modules_) return;
    cairo_t* cr = writer_.cr();
    const double m = kQrSize / modules_;
    for (int row = 0; row < modules_; ++row) {
      for (int col = 0; col < modules_;) {
        if (!dark_[static_cast<size_t>(row) * modules_ + col]) {
          ++col;
          continue;
        }
        int run = col;
        while (run < modules_ && dark_[static_cast<size_t>(row) * modules_ + run]) ++run;
        cairo_rectangle(cr, x + col * m, y + row * m, (run - col) * m, m);
        col = run;
      }
    }
    cairo_fill(cr);
  }

  Writer& writer_;
  TextStyle& code_style_;
  TextStyle& text_style_;
  std::string code_, url_, note_;
  int modules_ = 0;
  std::vector<char> dark_;
};

// ---------------------------------------------------------------------------
// Tables.

constexpr double kCellPadX = 1.5 * kMm;
constexpr double kCellPadY = 1.2 * kMm;
constexpr double kRuleWidth = 0.6;

// A cell placed on the grid.
struct Placed {
  int row = 0, col = 0, row_span = 1, col_span = 1;
  std::string_view text;
  TextStyle* style = nullptr;
  doc::Align align = doc::Align::kCentre;
  bool bold = false;
  float text_height = 0;
  int first_line = -1;  // >= 0: simple text, its lines in Grid::lines from here
  int line_count = 0;
};

struct Grid {
  int rows = 0, cols = 0;
  std::vector<Placed> cells;           // in row order
  std::vector<int> owner;              // rows * cols: index into cells, -1 where no cell is
  std::vector<double> top;             // rows + 1 row boundaries from 0
  std::vector<TextStyle::Line> lines;  // of the cells with simple text

  int Owner(int r, int c) const { return owner[static_cast<size_t>(r) * cols + c]; }
  double height() const { return top.back(); }
  // First row whose bottom is below y, and last row whose top is above y.
  int FirstRowEndingAfter(double y) const {
    return static_cast<int>(std::upper_bound(top.begin() + 1, top.end(), y + kEps) -
                            (top.begin() + 1));
  }
  int LastRowStartingBefore(double y) const {
    return static_cast<int>(std::lower_bound(top.begin(), top.end() - 1, y - kEps) - top.begin()) -
           1;
  }
};

// Places cells like HTML tables do: each cell goes to the next column not
// covered by a row-spanning cell above. Spans are clipped to the rows given,
// to the free columns and to `width` columns (0: no limit); a cell starting
// past `width` still gets its column. `cols` becomes the widest row's extent.
Grid Place(const std::vector<doc::Row>& rows, size_t width, bool all_bold, bool last_bold,
           TextStore& store) {
  Grid g;
  g.rows = static_cast<int>(rows.size());
  std::vector<int> busy;  // per column: rows still covered from above, this one included
  for (int r = 0; r < g.rows; ++r) {
    size_t c = 0;
    for (const doc::Cell& cell : rows[r].cells) {
      while (c < busy.size() && busy[c] > 0) ++c;
      int cs = 1;
      while (cs < cell.col_span && (width == 0 || c + cs < width) &&
             (c + cs >= busy.size() || busy[c + cs] == 0)) {
        ++cs;
      }
      int rs = std::clamp(cell.row_span, 1, g.rows - r);
      if (busy.size() < c + cs) busy.resize(c + cs, 0);
      std::fill(busy.begin() + static_cast<long>(c), busy.begin() + static_cast<long>(c + cs), rs);
      Placed p;
      p.row = r;
      p.col = static_cast<int>(c);
      p.row_span = rs;
      p.col_span = cs;
      p.text = store.Use(cell.text);
      p.align = cell.align;
      p.bold = all_bold || cell.bold || (last_bold && r == g.rows - 1);
      g.cells.push_back(p);
      c += cs;
    }
    for (int& b : busy) b = std::max(0, b - 1);
    g.cols = std::max(g.cols, static_cast<int>(busy.size()));
  }
  return g;
}

void FillOwners(Grid& g, int cols) {
  g.cols = cols;
  g.owner.assign(static_cast<size_t>(g.rows) * cols, -1);
  for (size_t i = 0; i < g.cells.size(); ++i) {
    const Placed& p = g.cells[i];
    for (int r = p.row; r < p.row + p.row_span; ++r) {
      for (int c = p.col; c < p.col + p.col_span; ++c) {
        g.owner[static_cast<size_t>(r) * cols + c] = static_cast<int>(i);
      }
    }
  }
}

void Measure(Grid& g, const std::vector<double>& col_x, TextStyle& regular, TextStyle& bold) {
  for (Placed& p : g.cells) {
    p.style = p.bold ? &bold : &regular;
    if (p.text.empty()) continue;
    double inner = std::max(1.0, col_x[p.col + p.col_span] - col_x[p.col] - 2 * kCellPadX);
    const size_t first = g.lines.size();
    if (p.style->SimpleLines(p.text, inner, g.lines)) {
      p.first_line = static_cast<int>(first);
      p.line_count = static_cast<int>(g.lines.size() - first);
      p.text_height = static_cast<float>(p.line_count * p.style->line_height());
      continue;
    }
    p.text_height = static_cast<float>(LayoutHeight(p.style->Lay(p.text, inner)));
  }
}

// Each row as high as its tallest cell; a row-spanning cell taller than its
// rows together shares the difference out among them.
void SizeRows(Grid& g, const std::vector<doc::Row>& rows, double min_height) {
  std::vector<double> h(g.rows, min_height);
  for (int r = 0; r < g.rows; ++r) {
    double mm = rows[r].min_height_mm;
    if (std::isfinite(mm) && mm > 0) h[r] = std::max(h[r], mm * kMm);
  }
  std::vector<const Placed*> spanning;
  for (const Placed& p : g.cells) {
    if (p.row_span == 1) {
      h[p.row] = std::max(h[p.row], p.text_height + 2 * kCellPadY);
    } else {
      spanning.push_back(&p);
    }
  }
  std::stable_sort(spanning.begin(), spanning.end(),
                   [](const Placed* a, const Placed* b) { return a->row_span < b->row_span; });
  for (const Placed* p : spanning) {
    double have = 0;
    for (int r = p->row; r < p->row + p->row_span; ++r) have += h[r];
    double need = p->text_height + 2 * kCellPadY;
    if (need > have + kEps) {
      for (int r = p->row; r < p->row + p->row_span; ++r) h[r] += (need - have) / p->row_span;
    }
  }
  g.top.assign(g.rows + 1, 0);
  for (int r = 0; r < g.rows; ++r) g.top[r + 1] = g.top[r] + h[r];
}

// Where a cell's text starts: centred vertically in the cell's rectangle.
double TextTop(const Placed& p, double cell_top, double cell_height) {
  return cell_top + std::max(kCellPadY, (cell_height - p.text_height) / 2);
}

// Draws the part [y0, y1] of `g` (in the grid's coordinates), the grid's y
// mapped to page y + offset. `clip`: y0 or y1 falls inside a cell; the part
// then shows the text lines that start in [y0, y1), clipped to the part,
// which `lead` and `trail` extend (padding where a row was cut).
void DrawGrid(Writer& w, const Grid& g, const std::vector<double>& col_x, double y0, double y1,
              double offset, bool clip, double lead = 0, double trail = 0) {
  if (g.rows == 0 || y1 - y0 < kEps) return;
  cairo_t* cr = w.cr();
  const int first = g.FirstRowEndingAfter(y0);
  const int last = g.LastRowStartingBefore(y1);
  if (first > last) return;

  if (clip) {
    cairo_save(cr);
    cairo_rectangle(cr, col_x.front(), y0 - lead + offset, col_x.back() - col_x.front(),
                    lead + y1 - y0 + trail);
    cairo_clip(cr);
  }
  // In a clipped part, a line of text shows on the page where it starts, so
  // a cut cell's text is neither lost nor shown (or extracted) twice.
  auto shows = [&](double line_top) {
    return !clip || (line_top >= y0 - kEps && line_top < y1 - kEps);
  };
  auto draw_cell = [&](const Placed& p) {
    if (p.text.empty()) return;
    const double x = col_x[p.col];
    const double width = col_x[p.col + p.col_span] - x;
    const double text_top = TextTop(p, g.top[p.row], g.top[p.row + p.row_span] - g.top[p.row]);
    if (p.first_line >= 0) {
      for (int k = 0; k < p.line_count; ++k) {
        const double line_top = text_top + k * p.style->line_height();
        if (!shows(line_top)) continue;
        const TextStyle::Line& line = g.lines[p.first_line + k];
        double tx = x + kCellPadX;
        if (p.align == doc::Align::kCentre) tx = x + (width - line.width) / 2;
        if (p.align == doc::Align::kRight) tx = x + width - kCellPadX - line.width;
        p.style->Queue(p.text.substr(line.begin, line.end - line.begin), tx,
                       line_top + offset + p.style->baseline());
      }
      return;
    }
    PangoAlignment align = p.align == doc::Align::kLeft    ? PANGO_ALIGN_LEFT
                           : p.align == doc::Align::kRight ? PANGO_ALIGN_RIGHT
                                                           : PANGO_ALIGN_CENTER;
    PangoLayout* layout = p.style->Lay(p.text, std::max(1.0, width - 2 * kCellPadX), align);
    if (!clip) {
      cairo_move_to(cr, x + kCellPadX, text_top + offset);
      pango_cairo_show_layout(cr, layout);
      return;
    }
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
      int line_top = 0, line_bottom = 0;
      pango_layout_iter_get_line_yrange(iter, &line_top, &line_bottom);
      if (!shows(text_top + FromPango(line_top))) continue;
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      cairo_move_to(cr, x + kCellPadX + FromPango(logical.x),
                    text_top + offset + FromPango(pango_layout_iter_get_baseline(iter)));
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
  };
  // Cells reaching into the first row from above, then those starting here.
  for (int c = 0; c < g.cols; ++c) {
    int i = g.Owner(first, c);
    if (i >= 0 && g.cells[i].row < first && (c == 0 || g.Owner(first, c - 1) != i)) {
      draw_cell(g.cells[i]);
    }
  }
  auto begin = std::lower_bound(g.cells.begin(), g.cells.end(), first,
                                [](const Placed& p, int row) { return p.row < row; });
  for (auto it = begin; it != g.cells.end() && it->row <= last; ++it) draw_cell(*it);
  w.FlushText();
  if (clip) cairo_restore(cr);

  // Rules: the part's top and bottom edges across the table, inner row
  // boundaries where no cell spans them, column boundaries likewise.
  const double left = col_x.front(), right = col_x.back();
  cairo_move_to(cr, left, y0 - lead + offset);
  cairo_line_to(cr, right, y0 - lead + offset);
  cairo_move_to(cr, left, y1 + trail + offset);
  cairo_line_to(cr, right, y1 + trail + offset);
  for (int r = first + 1; r <= last; ++r) {
    const double y = g.top[r] + offset;
    for (int c = 0; c < g.cols;) {
      auto split = [&](int col) {
        int above = g.Owner(r - 1, col);
        return above < 0 || above != g.Owner(r, col);
      };
      if (!split(c)) {
        ++c;
        continue;
      }
      int end = c;
      while (end < g.cols && split(end)) ++end;
      cairo_move_to(cr, col_x[c], y);
      cairo_line_to(cr, col_x[end], y);
      c = end;
    }
  }
  for (int c = 0; c <= g.cols; ++c) {
    auto split = [&](int row) {
      if (c == 0 || c == g.cols) return true;
      int here = g.Owner(row, c);
      return here < 0 || here != g.Owner(row, c - 1);
    };
    for (int r = first; r <= last;) {
      if (!split(r)) {
        ++r;
        continue;
      }
      int end = r;
      while (end <= last && split(end)) ++end;
      cairo_move_to(cr, col_x[c], (r == first ? y0 - lead : g.top[r]) + offset);
      cairo_line_to(cr, col_x[c], (end == last + 1 ? y1 + trail : g.top[end]) + offset);
      r = end;
    }
  }
  cairo_set_line_width(cr, kRuleWidth);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
  cairo_stroke(cr);
}

// The part of the body on one page.
struct Slice {
  int page = 0;
  double grid_top = 0;  // page y of the header rows' top
  double y0 = 0, y1 = 0;
  bool clip = false;
  bool grid = true;  // false: the page has no rows (the first rows did not fit under the title)
  double lead = 0, trail = 0;  // cell padding added where a row is cut between text lines
  double height(double header) const { return header + lead + (y1 - y0) + trail; }
};

// Inside row group [y, limit] that cannot fit a page: the lowest place at
// or above `limit` that cuts no text line of the cells there, else `limit`.
double CutBetweenLines(const Grid& g, const std::vector<double>& col_x, double y, double limit) {
  const int row = std::clamp(g.LastRowStartingBefore(limit), 0, g.rows - 1);
  std::vector<std::pair<double, double>> lines;  // in grid coordinates
  std::vector<int> seen;
  for (int c = 0; c < g.cols; ++c) {
    int i = g.Owner(row, c);
    if (i < 0 || std::find(seen.begin(), seen.end(), i) != seen.end()) continue;
    seen.push_back(i);
    const Placed& p = g.cells[i];
    const double text_top = TextTop(p, g.top[p.row], g.top[p.row + p.row_span] - g.top[p.row]);
    if (p.first_line >= 0) {
      for (int k = 0; k < p.line_count; ++k) {
        const double line_top = text_top + k * p.style->line_height();
        lines.emplace_back(line_top, line_top + p.style->line_height());
      }
      continue;
    }
    double inner = std::max(1.0, col_x[p.col + p.col_span] - col_x[p.col] - 2 * kCellPadX);
    PangoLayoutIter* iter = pango_layout_get_iter(p.style->Lay(p.text, inner));
    do {
      int top = 0, bottom = 0;
      pango_layout_iter_get_line_yrange(iter, &top, &bottom);
      lines.emplace_back(text_top + FromPango(top), text_top + FromPango(bottom));
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
  }
  auto cuts_a_line = [&](double at) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const auto& l) { return l.first + kEps < at && at < l.second - kEps; });
  };
  double best = cuts_a_line(limit) ? -1 : limit;
  for (const auto& l : lines) {
    if (l.first > y + 1 && l.first <= limit && l.first > best && !cuts_a_line(l.first)) {
      best = l.first;
    }
  }
  return best > y + 1 ? best : limit;
}

// Splits the body into pages: a page ends where no row and no row-spanning
// cell is cut; a group of rows taller than a page breaks at a row boundary
// inside it, a row taller than a page between text lines.
std::vector<Slice> Paginate(const Grid& body, const std::vector<double>& col_x, double header_h,
                            double first_top, double page_top, double bottom) {
  std::vector<double> good;  // boundaries no cell spans, ascending
  int reach = -1;
  for (size_t i = 0, r = 0; r < static_cast<size_t>(body.rows); ++r) {
    for (; i < body.cells.size() && body.cells[i].row == static_cast<int>(r); ++i) {
      reach = std::max(reach, body.cells[i].row + body.cells[i].row_span - 1);
    }
    if (reach <= static_cast<int>(r)) good.push_back(body.top[r + 1]);
  }

  const double total = body.height();
  const double full = std::max(36.0, bottom - page_top - header_h);
  std::vector<Slice> slices;
  double y = 0, grid_top = first_top;
  bool clip_start = false;
  double lead = 0;
  for (int page = 0;; ++page) {
    const double avail = std::max(36.0, bottom - grid_top - header_h) - lead;
    const double limit = y + avail;
    if (total <= limit + kEps) {
      slices.push_back({page, grid_top, y, total, clip_start, true, lead, 0});
      break;
    }
    double end = -1, trail = 0;
    bool clip_end = false;
    auto it = std::upper_bound(good.begin(), good.end(), limit + kEps);
    auto next_good = std::upper_bound(good.begin(), good.end(), y + kEps);
    if (it != good.begin() && *(it - 1) > y + kEps) {
      end = *(it - 1);
    } else if (grid_top > page_top + kEps && next_good != good.end() &&
               *next_good <= y + full + kEps) {
      slices.push_back({page, grid_top, y, y, false, false});
      grid_top = page_top;
      continue;
    } else {
      clip_end = true;
      int r = body.LastRowStartingBefore(limit + kEps);
      if (r >= 0 && body.top[r] > y + kEps) {
        end = body.top[r];
      } else {
        trail = kCellPadY;
        end = CutBetweenLines(body, col_x, y, limit - trail);
      }
    }
    slices.push_back({page, grid_top, y, end, clip_start || clip_end, true, lead, trail});
    y = end;
    clip_start = clip_end;
    lead = trail;
    grid_top = page_top;
  }
  return slices;
}

// Label, title and info line; returns the y below them.
double DrawTableTop(Writer& w, const doc::TableDocument& d, TextStore& store, TextStyle& label,
                    TextStyle& title, TextStyle& info, bool draw) {
  double y = w.top();
  auto put = [&](TextStyle& style, std::string_view text, PangoAlignment align, double after) {
    if (text.empty()) return;
    PangoLayout* layout = style.Lay(store.Use(text), w.content_width(), align);
    if (draw) {
      cairo_move_to(w.cr(), w.left(), y);
      pango_cairo_show_layout(w.cr(), layout);
    }
    y += LayoutHeight(layout) + after;
  };
  put(label, d.label, PANGO_ALIGN_LEFT, 1.5 * kMm);
  put(title, d.title, PANGO_ALIGN_CENTER, 3 * kMm);
  put(info, d.info_line, PANGO_ALIGN_LEFT, 1.5 * kMm);
  return y;
}

// Footnotes and the verification mark after the grid.
void DrawTableTail(Cursor& cur, const doc::TableDocument& d, TextStore& store, TextStyle& note,
                   Mark* mark) {
  if (!d.footnotes.empty()) cur.y += 2 * kMm;
  for (const std::string& footnote : d.footnotes) {
    if (footnote.empty()) continue;
    FlowLines(cur, note.Lay(store.Use(footnote), cur.writer->content_width()), cur.writer->left());
    cur.y += 0.8 * kMm;
  }
  if (mark) mark->Place(cur);
}

}  // namespace

Result<std::string> RenderTable(const doc::TableDocument& d) {
  Writer w(d.landscape, {15 * kMm, 15 * kMm, 18 * kMm, 15 * kMm}, d.title);
  TextStyle& label = w.Style(kSans, false, 13);
  TextStyle& title = w.Style(kSans, true, 17);
  TextStyle& info = w.Style(kSerif, false, 10.5);
  TextStyle& cell = w.Style(kSerif, false, 10);
  TextStyle& cell_bold = w.Style(kSans, true, 10);
  TextStyle& note = w.Style(kSerif, false, 9.5);
  std::unique_ptr<Mark> mark;
  if (d.verification) {
    auto made = Mark::Make(w, *d.verification);
    if (!made) return std::move(made).error();
    mark = std::move(*made);
  }

  TextStore store;
  Grid header = Place(d.header, d.column_widths.size(), true, false, store);
  Grid body = Place(d.body, d.column_widths.size(), false, d.last_row_bold, store);
  const int cols = std::max({header.cols, body.cols, static_cast<int>(d.column_widths.size())});
  FillOwners(header, cols);
  FillOwners(body, cols);

  // Column positions from the relative widths.
  std::vector<double> col_x(cols + 1, w.left());
  if (cols > 0) {
    double given = 0;
    int positive = 0;
    for (double x : d.column_widths) {
      if (std::isfinite(x) && x > 0) {
        given += x;
        ++positive;
      }
    }
    const double fallback = positive ? given / positive : 1;
    std::vector<double> rel(cols, fallback);
    for (int c = 0; c < std::min(cols, static_cast<int>(d.column_widths.size())); ++c) {
      double x = d.column_widths[c];
      if (std::isfinite(x) && x > 0) rel[c] = x;
    }
    double sum = 0;
    for (double x : rel) sum += x;
    for (int c = 0; c < cols; ++c) col_x[c + 1] = col_x[c] + rel[c] / sum * w.content_width();
  }

  Measure(header, col_x, cell, cell_bold);
  Measure(body, col_x, cell, cell_bold);
  const double min_row = cell.line_height() + 2 * kCellPadY;
  SizeRows(header, d.header, min_row);
  SizeRows(body, d.body, min_row);

  const double first_top = DrawTableTop(w, d, store, label, title, info, false);
  std::vector<Slice> slices =
      Paginate(body, col_x, header.height(), first_top, w.top(), w.bottom());
  const Slice& last = slices.back();
  const double grid_end = last.grid ? last.grid_top + last.height(header.height()) : last.grid_top;

  Cursor count{&w, false, last.page, grid_end};
  DrawTableTail(count, d, store, note, mark.get());
  w.set_total_pages(count.page + 1);

  int page = 0;
  DrawTableTop(w, d, store, label, title, info, true);
  for (const Slice& s : slices) {
    for (; page < s.page; ++page) w.EndPage(page);
    if (!s.grid || cols == 0) continue;
    DrawGrid(w, header, col_x, 0, header.height(), s.grid_top, false);
    DrawGrid(w, body, col_x, s.y0, s.y1, s.grid_top + header.height() + s.lead - s.y0, s.clip,
             s.lead, s.trail);
  }
  Cursor cur{&w, true, last.page, grid_end};
  DrawTableTail(cur, d, store, note, mark.get());
  w.EndPage(cur.page);
  return w.Finish();
}

// ---------------------------------------------------------------------------
// Pictures.

using SurfacePtr = std::shared_ptr<cairo_surface_t>;

struct ReadState {
  std::string_view bytes;
  std::size_t at = 0;
};
cairo_status_t ReadBytes(void* closure, unsigned char* data, unsigned int length) {
  auto* state = static_cast<ReadState*>(closure);
  if (state->bytes.size() - state->at < length) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(state->bytes.data() + state->at, length, data);
  state->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// A surface to paint a picture `width` × `height` points large: a PNG is
// decoded; a JPEG is never decoded here but attached to a blank surface of
// the drawn size as its mime data, which cairo's PDF surface embeds as it is
// (so a page of photographs costs their JPEG bytes, not their pixels).
// Null when the bytes cannot be read.
SurfacePtr PictureSurface(std::string_view bytes, const doc::ImageInfo& info, double width,
                          double height) {
  cairo_surface_t* surface = nullptr;
  if (info.format == doc::ImageFormat::kPng) {
    ReadState state{bytes};
    surface = cairo_image_surface_create_from_png_stream(&ReadBytes, &state);
  } else {
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, std::max(1, int(std::ceil(width))),
                                         std::max(1, int(std::ceil(height))));
    if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS) {
      auto* copy = new std::string(bytes);
      cairo_surface_set_mime_data(
          surface, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()),
          copy->size(), [](void* p) { delete static_cast<std::string*>(p); }, copy);
    }
  }
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return nullptr;
  }
  return SurfacePtr(surface, &cairo_surface_destroy);
}

// ---------------------------------------------------------------------------
// Reports.

Result<std::string> RenderReport(const doc::ReportDocument& d) {
  Writer w(false, {25 * kMm, 26 * kMm, 25 * kMm, 28 * kMm}, d.title);
  TextStyle& title = w.Style(kSans, true, 20);
  TextStyle& subtitle = w.Style(kSerif, false, 14);
  TextStyle& heading = w.Style(kSans, true, 15);
  TextStyle& body = w.Style(kSerif, false, 14);
  TextStyle& caption = w.Style(kSerif, false, 11);
  std::unique_ptr<Mark> mark;
  if (d.verification) {
    auto made = Mark::Make(w, *d.verification);
    if (!made) return std::move(made).error();
    mark = std::move(*made);
  }

  // Every block keeps its own layout: the page count comes from a first
  // pass and the drawing from a second. A report has tens of blocks.
  struct Block {
    LayoutPtr layout;  // null for a picture
    double space_before = 0;
    bool keep_with_next = false;
    SurfacePtr picture;
    double picture_width = 0, picture_height = 0;

    double Height() const { return layout ? LayoutHeight(layout.get()) : picture_height; }
    // What must follow a heading on its page: two lines of text, or the picture.
    double StartHeight() const {
      if (!layout) return picture_height;
      PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
      int top = 0, bottom = 0;
      for (int n = 0; n < 2; ++n) {
        pango_layout_iter_get_line_yrange(iter, &top, &bottom);
        if (!pango_layout_iter_next_line(iter)) break;
      }
      pango_layout_iter_free(iter);
      return FromPango(bottom);
    }
  };
  std::vector<Block> blocks;
  TextStore store;
  const double width = w.content_width();
  auto add = [&](TextStyle& style, std::string_view text, PangoAlignment align, double before,
                 bool keep, bool paragraph) {
    Block b{style.NewLayout(store.Use(text), width), before, keep};
    pango_layout_set_alignment(b.layout.get(), align);
    pango_layout_set_line_spacing(b.layout.get(), 1.25f);
    if (paragraph) {
      // Not justified: pango stretches only the spaces, and a line with
      // one Latin word gets holes.
      pango_layout_set_indent(b.layout.get(), ToPango(2 * style.size()));
    }
    blocks.push_back(std::move(b));
  };
  if (!d.title.empty()) add(title, d.title, PANGO_ALIGN_CENTER, 0, true, false);
  if (!d.subtitle.empty()) add(subtitle, d.subtitle, PANGO_ALIGN_CENTER, 2 * kMm, true, false);
  bool first_section = true;
  for (const doc::Section& section : d.sections) {
    const double before = first_section ? 8 * kMm : 3 * kMm;
    first_section = false;
    if (!section.heading.empty())
      add(heading, section.heading, PANGO_ALIGN_LEFT, before, true, false);
    std::string_view rest = section.text;
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string paragraph = TrimSpaces(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (!paragraph.empty()) {
        add(body, paragraph, PANGO_ALIGN_LEFT, 0, false, true);
      }
    }
    for (const doc::Figure& figure : section.figures) {
      std::optional<doc::ImageInfo> info = doc::ReadImageInfo(figure.bytes);
      SurfacePtr surface;
      double scale = 0;
      if (info) {
        const double max_height = std::min(figure.max_height_mm * kMm, w.bottom() - w.top() - 20);
        scale = std::min({width / info->width, max_height / info->height, 1.0});
        surface = PictureSurface(figure.bytes, *info, info->width * scale, info->height * scale);
      }
      if (!surface) {
        add(caption, "［图片无法显示］" + figure.caption, PANGO_ALIGN_CENTER, 2 * kMm, false,
            false);
        continue;
      }
      Block b;
      b.space_before = 3 * kMm;
      b.picture = std::move(surface);
      b.picture_width = info->width * scale;
      b.picture_height = info->height * scale;
      b.keep_with_next = !figure.caption.empty();
      blocks.push_back(std::move(b));
      if (!figure.caption.empty())
        add(caption, figure.caption, PANGO_ALIGN_CENTER, 1.5 * kMm, false, false);
    }
  }

  auto flow = [&](Cursor& cur) {
    for (size_t i = 0; i < blocks.size(); ++i) {
      const Block& b = blocks[i];
      if (!cur.at_top()) cur.y += b.space_before;
      // A heading (or the title) stays with the first two lines after it.
      if (b.keep_with_next && !cur.at_top()) {
        double need = b.Height();
        for (size_t j = i + 1; j < blocks.size(); ++j) {
          if (!blocks[j].keep_with_next) {
            need += blocks[j].space_before + blocks[j].StartHeight();
            break;
          }
          need += blocks[j].space_before + blocks[j].Height();
        }
        if (need <= w.bottom() - w.top() && cur.y + need > w.bottom() + kEps) cur.NewPage();
      }
      if (b.layout) {
        FlowLines(cur, b.layout.get(), w.left());
        continue;
      }
      if (!cur.at_top() && cur.y + b.picture_height > w.bottom() + kEps) cur.NewPage();
      if (cur.draw) {
        cairo_t* cr = w.cr();
        w.FlushText();  // queued text is drawn first, as laid out
        const double x = w.left() + (width - b.picture_width) / 2;
        const double sx = b.picture_width / cairo_image_surface_get_width(b.picture.get());
        const double sy = b.picture_height / cairo_image_surface_get_height(b.picture.get());
        cairo_save(cr);
        cairo_translate(cr, x, cur.y);
        cairo_scale(cr, sx, sy);
        cairo_set_source_surface(cr, b.picture.get(), 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_paint(cr);
        cairo_restore(cr);
      }
      cur.y += b.picture_height;
    }
    if (mark) mark->Place(cur);
  };
  Cursor count{&w, false, 0, w.top()};
  flow(count);
  w.set_total_pages(count.page + 1);
  Cursor cur{&w, true, 0, w.top()};
  flow(cur);
  w.EndPage(cur.page);
  return w.Finish();
}

}  // namespace vw::pdf
