// Printable PDF documents: the official tables (annexes 4 and 5) and the
// summary report, on A4, rendered with cairo's PDF surface in memory and
// pango for text ("Noto Serif CJK SC" for body text, "Noto Sans CJK SC" bold
// for titles, headings and header cells; Debian's fonts-noto-cjk). Every page
// carries "第 N 页 / 共 M 页" at its foot; a document with a verification mark
// ends with its QR code, code, URL and note at the foot of the last page.
//
// Text is taken as UTF-8; invalid bytes become U+FFFD and control characters
// other than '\n' are dropped, so any stored string renders.
//
// Thread-safe: each call owns its cairo surface and uses the calling thread's
// pango font map (pango keeps one per thread), so requests may render at the
// same time on different threads.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "export/document.h"

namespace vw::pdf {

inline constexpr std::string_view kContentType = "application/pdf";

// The PDF bytes of a table document on A4 (landscape or portrait as `d`
// says): label top-left, title centred, the info line, then the grid with
// thin black borders, cell text wrapped to the cell and centred vertically,
// each row as high as its tallest cell (a row-spanning cell's text fits the
// rows it spans). The header rows are repeated at the top of every page and
// a row is never split across pages, nor are rows joined by a row-spanning
// cell, unless they cannot fit on an empty page; then the page break falls
// between text lines. Footnotes follow the grid, the verification mark sits
// at the foot of the last page.
//
// Column widths are relative, one per column; non-positive ones take the
// average of the others, and a table with no widths gets equal columns as
// many as its widest row needs. A column span reaching past the last column
// is cut there; cells starting past it widen the table rather than being
// lost.
//
// kInternal when cairo fails or the verification URL does not fit a QR code.
Result<std::string> RenderTable(const doc::TableDocument& d);

// The PDF bytes of a report on A4 portrait: title and subtitle centred, each
// section's heading in bold sans-serif (黑体-like) kept on the page with the
// start of its text, paragraphs ('\n'-separated) in serif with a first-line
// indent of two characters, as in Chinese official documents; paragraphs
// break across pages between lines. The verification mark ends the last
// page. kInternal as for RenderTable.
Result<std::string> RenderReport(const doc::ReportDocument& d);

}  // namespace vw::pdf
