// Writing .xlsx workbooks in memory with libxlsxwriter.
//
// libxlsxwriter (1.1 in Debian 12) writes to a file only, so a Workbook
// writes into a private temporary file that Finish() reads back and removes.
// The C API stays visible (book(), the lxw_worksheet pointers): exports set
// their own formats, merges and widths with it; this class owns the
// lifetime and the byte handling.
//
// Not thread-safe; one Workbook per request.
#pragma once

#include <xlsxwriter.h>

#include <string>
#include <string_view>

#include "core/result.h"
#include "export/xlsx.h"  // kContentType

namespace vw::xlsx {

class Workbook {
 public:
  Workbook();
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* book() { return book_; }
  // A worksheet; `name` is cut to Excel's 31 characters.
  lxw_worksheet* AddSheet(std::string_view name);
  // A format from a few common properties (bold, font size, fill colour as
  // 0xRRGGBB or 0 for none, thin borders, centred, wrapped text).
  lxw_format* Format(bool bold = false, double font_size = 0, lxw_color_t fill = 0,
                     bool border = false, bool centre = false, bool wrap = false);

  // Closes the workbook and returns the file's bytes. kInternal when
  // libxlsxwriter fails (a full temporary directory, say).
  Result<std::string> Finish();

 private:
  std::string path_;
  lxw_workbook* book_ = nullptr;
};

}  // namespace vw::xlsx
