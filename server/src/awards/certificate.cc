// The award certificate (certificate.h).
#include "awards/certificate.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>

#include "core/time.h"

namespace vw::awards {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kWidth = 297 * kMm;
constexpr double kHeight = 210 * kMm;
constexpr char kSerif[] = "Noto Serif CJK SC";
constexpr char kSans[] = "Noto Sans CJK SC";

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Valid UTF-8 without control characters, so any stored text renders.
std::string Clean(const std::string& s) {
  std::unique_ptr<gchar, decltype(&g_free)> valid(g_utf8_make_valid(s.c_str(), -1), &g_free);
  std::string out;
  for (const char* p = valid.get(); *p; ++p) {
    auto c = static_cast<unsigned char>(*p);
    if (c >= 0x20 || c == '\n') out.push_back(*p);
  }
  return out;
}

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};

// Draws `text` in a box `width` wide at (x, y), aligned; returns its height.
double Text(cairo_t* cr, PangoContext* context, const std::string& text, const char* family,
            bool bold, double size, double x, double y, double width, PangoAlignment align) {
  std::unique_ptr<PangoLayout, GObjectUnref> layout(pango_layout_new(context));
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
      pango_font_description_new(), &pango_font_description_free);
  pango_font_description_set_family(font.get(), family);
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align);
  std::string clean = Clean(text);
  pango_layout_set_text(layout.get(), clean.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

}  // namespace

Result<std::string> RenderCertificate(const CertificateText& t) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(t.verify_url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!qr) return Error::Internal("无法生成核验二维码：链接过长");

  std::string bytes;
  {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_pdf_surface_create_for_stream(&AppendBytes, &bytes, kWidth, kHeight),
        &cairo_surface_destroy);
    std::string title = Clean(t.award_name + " 荣誉证书");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "vocweek");
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> owned(cairo_create(surface.get()),
                                                             &cairo_destroy);
    cairo_t* cr = owned.get();
    std::unique_ptr<PangoContext, GObjectUnref> context(pango_cairo_create_context(cr));
    pango_cairo_context_set_resolution(context.get(), 72);
    pango_context_set_language(context.get(), pango_language_from_string("zh-cn"));

    // A double red frame.
    cairo_set_source_rgb(cr, 0.70, 0.10, 0.10);
    cairo_set_line_width(cr, 3);
    cairo_rectangle(cr, 12 * kMm, 12 * kMm, kWidth - 24 * kMm, kHeight - 24 * kMm);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, 15 * kMm, 15 * kMm, kWidth - 30 * kMm, kHeight - 30 * kMm);
    cairo_stroke(cr);

    const double left = 40 * kMm;
    const double width = kWidth - 80 * kMm;
    Text(cr, context.get(), "荣 誉 证 书", kSans, true, 40, left, 30 * kMm, width,
         PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr, 0, 0, 0);
    double y = 62 * kMm;
    y += Text(cr, context.get(), t.unit_name + "：", kSerif, true, 22, left, y, width,
              PANGO_ALIGN_LEFT);
    y += 6 * kMm;
    Text(cr, context.get(),
         "　　在" + t.campaign_name + "中组织有力、表现突出、成果显著，荣获“" + t.award_name +
             "”。\n　　特发此证，以资鼓励。",
         kSerif, false, 18, left, y, width, PANGO_ALIGN_LEFT);

    // Issuer and date, bottom right.
    const double sign_x = kWidth - 130 * kMm;
    double sy = kHeight - 62 * kMm;
    sy += Text(cr, context.get(), t.issuer, kSerif, false, 16, sign_x, sy, 90 * kMm,
               PANGO_ALIGN_CENTER);
    Text(cr, context.get(), timeutil::FormatChineseDate(t.date), kSerif, false, 16, sign_x,
         sy + 3 * kMm, 90 * kMm, PANGO_ALIGN_CENTER);

    // The QR code and the code, bottom left.
    const double qr_size = 26 * kMm;
    const double qx = 24 * kMm;
    const double qy = kHeight - 24 * kMm - qr_size - 12 * kMm;
    const double m = qr_size / qr->width;
    for (int row = 0; row < qr->width; ++row) {
      for (int col = 0; col < qr->width; ++col) {
        if (qr->data[row * qr->width + col] & 1)
          cairo_rectangle(cr, qx + col * m, qy + row * m, m, m);
      }
    }
    cairo_fill(cr);
    Text(cr, context.get(), "证书编号：" + t.code, kSans, true, 9, qx, qy + qr_size + 2 * kMm,
         110 * kMm, PANGO_ALIGN_LEFT);
    Text(cr, context.get(), "扫码或访问 " + t.verify_url + " 核验", kSerif, false, 7, qx,
         qy + qr_size + 6.5 * kMm, 150 * kMm, PANGO_ALIGN_LEFT);

    cairo_show_page(cr);
    cairo_status_t status = cairo_status(cr);
    owned.reset();
    cairo_surface_finish(surface.get());
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS) {
      return Error::Internal(std::string("生成 PDF 失败：") + cairo_status_to_string(status));
    }
  }
  return bytes;
}

}  // namespace vw::awards
