// Printable documents as data, independent of any domain: tables (annexes 4
// and 5, the coverage matrix, lists, templates) and the summary report.
// pdf.h renders them with cairo + pango (Noto CJK), xlsx.h writes tables as
// an Excel workbook, docx.h writes the report as a Word file.
//
// Some fields only matter to a spreadsheet (a cell's number and fill, row
// heights, column widths, frozen panes); the other renderers ignore them.
//
// Plain structs; no behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vw::doc {

enum class Align { kLeft, kCentre, kRight };

// One cell of a grid. Spans work like HTML's colspan/rowspan: a cell
// covering two columns is listed once, and the row below leaves out the
// positions a row-spanning cell above already covers.
struct Cell {
  std::string text;  // '\n' breaks lines
  int col_span = 1;
  int row_span = 1;
  bool bold = false;
  Align align = Align::kCentre;
  // Spreadsheet: the cell holds this number instead of `text` (which is
  // what a printed document shows), as a percentage when `percent` (0.25
  // shows 25.00%; the stored value is rounded to those shown decimals, any
  // other number to 15 significant digits). Without a number and with empty
  // text, the cell is blank but keeps its borders.
  std::optional<double> number = std::nullopt;
  bool percent = false;
  bool wrap = false;  // spreadsheet: wrap the text (printed text always wraps)
  bool top = false;   // spreadsheet: align the text to the top of the cell
  // Spreadsheet: the background colour as 0xRRGGBB (0: none), and thin
  // borders (a printed grid always has them).
  std::uint32_t fill = 0;
  bool border = true;
};

struct Row {
  std::vector<Cell> cells;
  double min_height_mm = 0;  // 0: as high as the text needs
  double sheet_height = 0;   // spreadsheet row height in points; 0: default
};

// A "verifiable official output" mark: a short code and the public URL
// that confirms the snapshot's content hash, printed with a QR code of the
// URL at the foot of the document's last page.
struct Verification {
  std::string code;  // e.g. "7KQ2-M9XD-4H8P-3ZQA"
  std::string url;   // e.g. "http://127.0.0.1:8080/p/verify/7KQ2-M9XD-4H8P-3ZQA"
  std::string note;  // e.g. "扫码或访问链接核验本表内容（内容摘要 SHA-256 前 16 位：…）"
};

// A table document like annex 5: label ("附件5"), centred title, the
// 填报单位（盖章）/填报人/联系电话 line, a grid whose header rows repeat on
// every page, footnotes (填表说明), an optional verification mark.
struct TableDocument {
  bool landscape = false;              // A4 landscape (annex 5) or portrait
  std::string label;                   // top-left, may be empty
  std::string title;                   // centred, large, bold
  std::string info_line;               // left-aligned under the title
  std::vector<double> column_widths;   // relative widths, one per column
  std::vector<Row> header;             // bold, repeated on each page
  std::vector<Row> body;               // split across pages as needed
  bool last_row_bold = false;          // the 合计 row
  std::vector<std::string> footnotes;  // under the grid, left-aligned
  std::optional<Verification> verification;

  // As a spreadsheet: the title and the info line over all columns, the
  // header (in bold, thin borders, centred and wrapped; repeated on each
  // printed page when `repeat_header`), the body, then each footnote over
  // all columns; the label and the verification mark only with
  // `sheet_marks` (a form as filed: the label in its own row above the
  // title, the mark in rows under the footnotes). Templates read back by
  // row number leave it off. An empty title or info line leaves its row
  // out; the grid moves up.
  bool sheet_marks = false;
  std::string sheet_name;            // cut to 31 characters
  std::vector<double> sheet_widths;  // column widths in characters; 0: default
  double title_size = 16;            // points
  double title_height = 32;          // points; 0: default
  double cell_size = 10;             // points, the grid's and the footnotes' text
  double footnote_height = 0;        // points; 0: default
  bool repeat_header = true;
  // Rows above and columns left of the scrolling part stay in view (the
  // title and info rows count).
  int freeze_rows = 0;
  int freeze_columns = 0;
  // Body cells and columns formatted as text (@), so that what a user types
  // into a template (a time, a long number) stays as typed.
  bool text_cells = false;
};

// A picture in a report: JPEG or PNG bytes, told apart by their content
// (image_info.h). Renderers draw it centred, scaled to the text width and at
// most `max_height_mm` high, keeping its proportions, with the caption under
// it; bytes that are neither format, or over image_info.h's budgets, print
// as "［图片无法显示］" followed by the caption.
struct Figure {
  std::string bytes;
  std::string caption;
  double max_height_mm = 90;
};

// A written report: the summary report (工作总结报告) with its sections.
struct Section {
  std::string heading;          // e.g. "一、基本情况"
  std::string text;             // paragraphs separated by '\n'
  std::vector<Figure> figures;  // after the text
};
struct ReportDocument {
  std::string title;     // centred, large, bold
  std::string subtitle;  // centred under the title (unit, date)
  std::vector<Section> sections;
  std::optional<Verification> verification;
};

}  // namespace vw::doc
