#include "export/xlsx_writer.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/json.h"

namespace vw::xlsx {

Workbook::Workbook() {
  std::string pattern = (std::filesystem::temp_directory_path() / "vocweek-XXXXXX.xlsx").string();
  int fd = mkstemps(pattern.data(), 5);
  if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
  close(fd);
  path_ = pattern;
  book_ = workbook_new(path_.c_str());
  if (!book_) throw std::runtime_error("xlsx: workbook_new failed");
}

Workbook::~Workbook() {
  if (book_) {
    workbook_close(book_);  // frees it; the file is removed below
  }
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

lxw_worksheet* Workbook::AddSheet(std::string_view name) {
  std::string n = Utf8Prefix(name, 31);
  return workbook_add_worksheet(book_, n.c_str());
}

lxw_format* Workbook::Format(bool bold, double font_size, lxw_color_t fill, bool border,
                             bool centre, bool wrap) {
  lxw_format* f = workbook_add_format(book_);
  format_set_font_name(f, "宋体");
  if (bold) format_set_bold(f);
  if (font_size > 0) format_set_font_size(f, font_size);
  if (fill) {
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, fill);
  }
  if (border) format_set_border(f, LXW_BORDER_THIN);
  if (centre) {
    format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  }
  if (wrap) format_set_text_wrap(f);
  return f;
}

Result<std::string> Workbook::Finish() {
  lxw_error err = workbook_close(book_);
  book_ = nullptr;
  if (err != LXW_NO_ERROR) {
    return Error::Internal(std::string("生成 Excel 文件失败：") + lxw_strerror(err));
  }
  std::ifstream in(path_, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace vw::xlsx
