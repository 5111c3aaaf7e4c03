// Pictures for the export tests: a PNG drawn with cairo, so no test needs a
// stored image file.
#pragma once

#include <cairo.h>

#include <string>

namespace vw::doc::testing {

// A `width` × `height` PNG: a red frame around a blue field.
inline std::string PngPicture(int width, int height) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.1, 0.3, 0.8);
  cairo_rectangle(cr, width / 8.0, height / 8.0, width * 0.75, height * 0.75);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(
      surface,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &out);
  cairo_surface_destroy(surface);
  return out;
}

}  // namespace vw::doc::testing
