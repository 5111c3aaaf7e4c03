#include "app/seed_pictures.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <memory>

#include "app/seed_random.h"

namespace vw::seed {
namespace {

constexpr int kWidth = 1200;
constexpr int kHeight = 800;
constexpr double kPi = 3.14159265358979323846;

struct Colour {
  double r, g, b;
};
const Colour kShirts[] = {{0.85, 0.2, 0.2},  {0.2, 0.45, 0.8}, {0.95, 0.7, 0.2},
                          {0.3, 0.65, 0.35}, {0.55, 0.3, 0.7}, {0.95, 0.95, 0.95}};

void Fill(cairo_t* cr, Colour c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// Centred text of `size` points in `colour` at (x, y) (its vertical centre).
void Text(cairo_t* cr, const std::string& text, double x, double y, double size, Colour colour,
          bool bold = true) {
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr),
                                                                 &g_object_unref);
  PangoFontDescription* font = pango_font_description_from_string("Noto Sans CJK SC");
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout.get(), &w, &h);
  Fill(cr, colour);
  cairo_move_to(cr, x - w / 2.0, y - h / 2.0);
  pango_cairo_show_layout(cr, layout.get());
}

// A person standing at (x, feet) `height` tall, seen from the front.
void Person(cairo_t* cr, Generator& g, double x, double feet, double height, bool helmet = false) {
  const double head = height * 0.13;
  const Colour shirt = kShirts[g.Below(6)];
  // Legs, body, arms, head.
  cairo_set_source_rgb(cr, 0.2, 0.22, 0.3);
  cairo_rectangle(cr, x - height * 0.09, feet - height * 0.45, height * 0.07, height * 0.45);
  cairo_rectangle(cr, x + height * 0.02, feet - height * 0.45, height * 0.07, height * 0.45);
  cairo_fill(cr);
  Fill(cr, shirt);
  cairo_rectangle(cr, x - height * 0.12, feet - height * 0.8, height * 0.24, height * 0.38);
  cairo_fill(cr);
  cairo_set_line_width(cr, height * 0.06);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  const double wave = g.Chance(30) ? -0.25 : 0.1;
  cairo_move_to(cr, x - height * 0.12, feet - height * 0.76);
  cairo_line_to(cr, x - height * 0.2, feet - height * (0.5 + wave));
  cairo_move_to(cr, x + height * 0.12, feet - height * 0.76);
  cairo_line_to(cr, x + height * 0.2, feet - height * 0.5);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.96, 0.8, 0.66);
  cairo_arc(cr, x, feet - height * 0.8 - head, head, 0, 2 * kPi);
  cairo_fill(cr);
  if (helmet) {
    cairo_set_source_rgb(cr, 0.98, 0.75, 0.1);
    cairo_arc(cr, x, feet - height * 0.8 - head * 1.15, head * 1.05, kPi, 2 * kPi);
    cairo_fill(cr);
  } else {
    cairo_set_source_rgb(cr, 0.12, 0.1, 0.1);
    cairo_arc(cr, x, feet - height * 0.8 - head * 1.2, head * 0.95, kPi, 2 * kPi);
    cairo_fill(cr);
  }
}

void Booth(cairo_t* cr, Generator& g, const std::string& banner) {
  // Sky, a square, a row of stands with roofs and banners, visitors.
  cairo_pattern_t* sky = cairo_pattern_create_linear(0, 0, 0, 420);
  cairo_pattern_add_color_stop_rgb(sky, 0, 0.45, 0.7, 0.95);
  cairo_pattern_add_color_stop_rgb(sky, 1, 0.85, 0.93, 1);
  cairo_set_source(cr, sky);
  cairo_rectangle(cr, 0, 0, kWidth, 420);
  cairo_fill(cr);
  cairo_pattern_destroy(sky);
  cairo_set_source_rgb(cr, 0.78, 0.75, 0.7);
  cairo_rectangle(cr, 0, 420, kWidth, kHeight - 420);
  cairo_fill(cr);
  const int stands = 3;
  for (int i = 0; i < stands; ++i) {
    const double x = 60 + i * 370;
    const Colour roof = kShirts[(i + g.Below(5)) % 5];
    Fill(cr, roof);
    cairo_move_to(cr, x - 10, 230);
    cairo_line_to(cr, x + 170, 150);
    cairo_line_to(cr, x + 350, 230);
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.98, 0.98, 0.96);
    cairo_rectangle(cr, x, 230, 340, 230);
    cairo_fill(cr);
    // The counter and what is shown on it.
    cairo_set_source_rgb(cr, 0.6, 0.38, 0.2);
    cairo_rectangle(cr, x + 20, 380, 300, 80);
    cairo_fill(cr);
    for (int k = 0; k < 3; ++k) {
      Fill(cr, kShirts[g.Below(6)]);
      cairo_rectangle(cr, x + 40 + k * 95, 340, 60, 40);
      cairo_fill(cr);
    }
    Fill(cr, roof);
    cairo_rectangle(cr, x + 20, 245, 300, 50);
    cairo_fill(cr);
    Text(cr, i == 1 ? banner : (i == 0 ? "技能展示" : "职业体验"), x + 170, 270, 26, {1, 1, 1});
  }
  for (int i = 0; i < 9; ++i) Person(cr, g, g.Between(40, 1160), g.Between(560, 700), 190);
}

void Stage(cairo_t* cr, Generator& g, const std::string& banner) {
  cairo_set_source_rgb(cr, 0.1, 0.08, 0.14);
  cairo_paint(cr);
  // Curtains, the backdrop with the banner, the stage floor, lights.
  cairo_set_source_rgb(cr, 0.6, 0.05, 0.1);
  cairo_rectangle(cr, 0, 0, 140, 560);
  cairo_rectangle(cr, kWidth - 140, 0, 140, 560);
  cairo_rectangle(cr, 0, 0, kWidth, 60);
  cairo_fill(cr);
  const Colour back = {0.1, 0.25 + g.Real(0, 0.2), 0.6};
  Fill(cr, back);
  cairo_rectangle(cr, 140, 60, kWidth - 280, 360);
  cairo_fill(cr);
  Text(cr, banner, kWidth / 2.0, 160, 46, {1, 0.9, 0.4});
  Text(cr, "2025年职业教育活动周", kWidth / 2.0, 240, 30, {1, 1, 1}, false);
  cairo_set_source_rgb(cr, 0.55, 0.35, 0.2);
  cairo_rectangle(cr, 60, 420, kWidth - 120, 140);
  cairo_fill(cr);
  for (int i = 0; i < 5; ++i) {
    cairo_pattern_t* light =
        cairo_pattern_create_radial(200 + i * 200, 60, 5, 200 + i * 200, 420, 160);
    cairo_pattern_add_color_stop_rgba(light, 0, 1, 1, 0.8, 0.35);
    cairo_pattern_add_color_stop_rgba(light, 1, 1, 1, 0.8, 0);
    cairo_set_source(cr, light);
    cairo_paint(cr);
    cairo_pattern_destroy(light);
  }
  const int performers = g.Between(3, 5);
  for (int i = 0; i < performers; ++i) {
    Person(cr, g, 260 + i * (680.0 / std::max(1, performers - 1)), 470, 200);
  }
  // The audience's heads and shoulders.
  for (int row = 0; row < 3; ++row) {
    for (int i = 0; i < 14; ++i) {
      const double x = 40 + i * 85 + (row % 2) * 40;
      const double y = 640 + row * 55;
      Fill(cr, kShirts[g.Below(6)]);
      cairo_arc(cr, x, y + 40, 36, kPi, 2 * kPi);
      cairo_fill(cr);
      cairo_set_source_rgb(cr, 0.12, 0.1, 0.1);
      cairo_arc(cr, x, y, 22, 0, 2 * kPi);
      cairo_fill(cr);
    }
  }
}

void Workshop(cairo_t* cr, Generator& g, const std::string& banner) {
  cairo_set_source_rgb(cr, 0.85, 0.87, 0.88);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.55, 0.58, 0.6);
  cairo_rectangle(cr, 0, 500, kWidth, kHeight - 500);
  cairo_fill(cr);
  // Safety stripes along the floor, windows, the sign.
  cairo_set_source_rgb(cr, 0.95, 0.8, 0.1);
  cairo_rectangle(cr, 0, 500, kWidth, 12);
  cairo_fill(cr);
  for (int i = 0; i < 4; ++i) {
    cairo_set_source_rgb(cr, 0.7, 0.85, 0.95);
    cairo_rectangle(cr, 60 + i * 290, 40, 220, 110);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0.1, 0.35, 0.6);
  cairo_rectangle(cr, 300, 175, 600, 64);
  cairo_fill(cr);
  Text(cr, banner, 600, 207, 32, {1, 1, 1});
  // A machine (a CNC lathe) and a robot arm.
  cairo_set_source_rgb(cr, 0.35, 0.4, 0.45);
  cairo_rectangle(cr, 90, 300, 320, 220);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.2, 0.6, 0.85);
  cairo_rectangle(cr, 130, 330, 150, 100);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.9, 0.3, 0.2);
  cairo_arc(cr, 350, 360, 16, 0, 2 * kPi);
  cairo_fill(cr);
  const double base_x = 820, base_y = 520;
  const double a1 = -kPi / 2 + g.Real(-0.5, 0.5);
  const double a2 = a1 + g.Real(0.6, 1.4);
  const double x1 = base_x + 170 * std::cos(a1), y1 = base_y - 60 + 170 * std::sin(a1);
  const double x2 = x1 + 150 * std::cos(a2), y2 = y1 + 150 * std::sin(a2);
  cairo_set_source_rgb(cr, 0.95, 0.5, 0.05);
  cairo_rectangle(cr, base_x - 60, base_y - 60, 120, 60);
  cairo_fill(cr);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width(cr, 34);
  cairo_move_to(cr, base_x, base_y - 60);
  cairo_line_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.22);
  for (auto [x, y] : {std::pair{base_x, base_y - 60}, std::pair{x1, y1}}) {
    cairo_arc(cr, x, y, 20, 0, 2 * kPi);
    cairo_fill(cr);
  }
  cairo_set_line_width(cr, 8);
  cairo_move_to(cr, x2 - 18, y2 + 24);
  cairo_line_to(cr, x2, y2);
  cairo_line_to(cr, x2 + 18, y2 + 24);
  cairo_stroke(cr);
  // A workbench with students in helmets around it.
  cairo_set_source_rgb(cr, 0.45, 0.3, 0.18);
  cairo_rectangle(cr, 380, 560, 420, 40);
  cairo_fill(cr);
  for (int i = 0; i < 5; ++i) Person(cr, g, 330 + i * 120 + g.Between(-20, 20), 740, 210, true);
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string DrawScene(Scene scene, const std::string& banner, const std::string& caption,
                      std::uint64_t variant) {
  Generator g(variant);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  switch (scene) {
    case Scene::kBooth:
      Booth(cr, g, banner);
      break;
    case Scene::kStage:
      Stage(cr, g, banner);
      break;
    case Scene::kWorkshop:
      Workshop(cr, g, banner);
      break;
  }
  cairo_set_source_rgba(cr, 0, 0, 0, 0.6);
  cairo_rectangle(cr, 0, kHeight - 70, kWidth, 70);
  cairo_fill(cr);
  Text(cr, caption, kWidth / 2.0, kHeight - 35, 28, {1, 1, 1}, false);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, &Append, &png);
  cairo_surface_destroy(surface);
  return png;
}

}  // namespace vw::seed
