// The summary report as a Word (.docx) file, for units that edit it further
// before it goes out under their seal.
//
// The package is the minimal WordprocessingML one, written with libzip in
// memory: content types, relationships, word/document.xml, styles, a footer
// with the page number ("— 1 —") and docProps/core.xml carrying the title.
// The look follows Chinese official documents on A4 (GB/T 9704 margins):
// title 宋体 bold 小二 (18 pt) centred, subtitle 楷体 centred, headings 黑体
// 三号 (16 pt), paragraphs 仿宋_GB2312 三号 with a first-line indent of two
// characters and 28 pt line spacing. The font table names 仿宋 and 楷体 as
// stand-ins, which Word uses where the _GB2312 fonts are not installed.
//
// Text is taken as UTF-8: invalid bytes become U+FFFD, characters XML 1.0
// does not allow are dropped, and everything is escaped. A section's text
// gives one paragraph per '\n'-separated line (blank lines are skipped,
// leading spaces dropped: the indent is the style's).
//
// Thread-safe: no shared state.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "export/document.h"

namespace vw::docx {

inline constexpr std::string_view kContentType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// The .docx bytes of the report: title, subtitle, each section's heading and
// paragraphs, and, when the report has a verification mark, a last paragraph
// "验证码：…  核验地址：…" with the note under it. kInternal when libzip
// cannot write the package.
Result<std::string> RenderReport(const doc::ReportDocument& d);

}  // namespace vw::docx
