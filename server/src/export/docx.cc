#include "export/docx.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/json.h"
#include "export/archive.h"
#include "export/image_info.h"

namespace vw::docx {
namespace {

// Decodes one UTF-8 sequence at `s[i]`, advancing `i`; U+FFFD for a
// malformed, overlong or surrogate sequence (one byte consumed).
char32_t NextCodePoint(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;  // the smallest code point of this length: shorter ones are overlong
  if ((lead & 0xe0) == 0xc0) {
    extra = 1;
    cp = lead & 0x1f;
    min = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    extra = 2;
    cp = lead & 0x0f;
    min = 0x800;
  } else if ((lead & 0xf8) == 0xf0) {
    extra = 3;
    cp = lead & 0x07;
    min = 0x10000;
  } else {
    ++i;
    return 0xfffd;
  }
  if (i + extra >= s.size()) {
    ++i;
    return 0xfffd;
  }
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) {
      ++i;
      return 0xfffd;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    ++i;
    return 0xfffd;
  }
  i += extra + 1;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

bool AllowedInXml(char32_t c) {
  return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
         (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

// `s` as XML character data or attribute value.
std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size();) {
    char32_t c = NextCodePoint(s, i);
    if (!AllowedInXml(c)) continue;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        AppendUtf8(out, c);
    }
  }
  return out;
}

// Runs of `text` with run properties `rpr` ("" for none): '\n' becomes a
// line break, a tab a tab; '\r' is dropped.
std::string Runs(std::string_view text, std::string_view rpr = {}) {
  std::string out = "<w:r>";
  if (!rpr.empty()) out.append("<w:rPr>").append(rpr).append("</w:rPr>");
  std::string chunk;
  auto flush = [&] {
    if (!chunk.empty()) out += "<w:t xml:space=\"preserve\">" + Escape(chunk) + "</w:t>";
    chunk.clear();
  };
  for (char c : text) {
    if (c == '\n') {
      flush();
      out += "<w:br/>";
    } else if (c == '\t') {
      flush();
      out += "<w:tab/>";
    } else if (c != '\r') {
      chunk += c;
    }
  }
  flush();
  return out + "</w:r>";
}

std::string Paragraph(std::string_view style, std::string_view runs) {
  std::string out = "<w:p>";
  if (!style.empty()) out.append("<w:pPr><w:pStyle w:val=\"").append(style).append("\"/></w:pPr>");
  return out.append(runs).append("</w:p>");
}

constexpr char kXmlDecl[] = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                            "\n";
constexpr char kW[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr char kR[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr char kWp[] = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

std::string ContentTypes() {
  return std::string(kXmlDecl) +
         R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
         R"(<Default Extension="jpeg" ContentType="image/jpeg"/>)"
         R"(<Default Extension="png" ContentType="image/png"/>)"
         R"(<Default Extension="xml" ContentType="application/xml"/>)"
         R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
         R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
         R"(<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>)"
         R"(<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>)"
         R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
         R"(</Types>)";
}

std::string PackageRels() {
  return std::string(kXmlDecl) +
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
         R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
         R"(</Relationships>)";
}

// A picture of the document: its part name under word/ and its relationship.
struct Picture {
  std::string part;  // "media/image1.jpeg"
  std::string rel;   // "rIdImage1"
  std::string bytes;
};

std::string DocumentRels(const std::vector<Picture>& pictures) {
  std::string images;
  for (const Picture& p : pictures) {
    images +=
        R"(<Relationship Id=")" + p.rel +
        R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target=")" +
        p.part + "\"/>";
  }
  return std::string(kXmlDecl) +
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
         R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>)"
         R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>)" +
         images + "</Relationships>";
}

std::string Core(std::string_view title) {
  return std::string(kXmlDecl) +
         R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties")"
         R"( xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/")"
         R"( xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">)"
         "<dc:title>" +
         Escape(title) + "</dc:title><dc:creator>vocweek</dc:creator></cp:coreProperties>";
}

// Run properties naming a Chinese font for East Asian text and Times New
// Roman for Latin letters and digits, at `half_points`.
std::string Font(std::string_view east_asia, int half_points, bool bold = false) {
  std::string size = std::to_string(half_points);
  return R"(<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia=")" +
         std::string(east_asia) + "\"/>" + (bold ? "<w:b/><w:bCs/>" : "") + "<w:sz w:val=\"" +
         size + "\"/><w:szCs w:val=\"" + size + "\"/>";
}

std::string Styles() {
  // Line spacing is exactly 28 pt (560 twentieths) as in official documents;
  // the first-line indent is two characters (200 hundredths of a character,
  // 640 twips as the fallback for 16 pt).
  auto style = [](std::string_view id, std::string_view name, std::string_view ppr,
                  std::string_view rpr) {
    return "<w:style w:type=\"paragraph\"" + std::string(id == "Normal" ? " w:default=\"1\"" : "") +
           " w:styleId=\"" + std::string(id) + "\"><w:name w:val=\"" + std::string(name) + "\"/>" +
           (id == "Normal" ? "" : "<w:basedOn w:val=\"Normal\"/>") + "<w:qFormat/><w:pPr>" +
           std::string(ppr) + "</w:pPr><w:rPr>" + std::string(rpr) + "</w:rPr></w:style>";
  };
  std::string no_indent = R"(<w:ind w:firstLineChars="0" w:firstLine="0"/>)";
  return std::string(kXmlDecl) + "<w:styles xmlns:w=\"" + kW + "\">" +
         R"(<w:docDefaults><w:rPrDefault><w:rPr>)" + Font("仿宋_GB2312", 32) +
         R"(<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)"
         R"(<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault>)"
         R"(</w:docDefaults>)" +
         style("Normal", "Normal",
               R"(<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>)", "") +
         style(
             "Title", "Title",
             R"(<w:keepNext/><w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>)" +
                 no_indent + R"(<w:jc w:val="center"/>)",
             Font("宋体", 36, true)) +
         style(
             "Subtitle", "Subtitle",
             R"(<w:keepNext/><w:spacing w:after="360"/>)" + no_indent + R"(<w:jc w:val="center"/>)",
             Font("楷体_GB2312", 32)) +
         style("Heading1", "heading 1",
               R"(<w:keepNext/><w:keepLines/><w:spacing w:before="160"/>)" + no_indent +
                   R"(<w:jc w:val="left"/><w:outlineLvl w:val="0"/>)",
               Font("黑体", 32, true)) +
         style("Verification", "Verification",
               R"(<w:spacing w:before="480" w:line="360" w:lineRule="auto"/>)" + no_indent +
                   R"(<w:jc w:val="left"/>)",
               Font("仿宋_GB2312", 24)) +
         style("Footer", "footer", no_indent + R"(<w:jc w:val="center"/>)", Font("宋体", 28)) +
         // Pictures need a line as high as they are; the caption stays under it.
         style("Figure", "Figure",
               R"(<w:keepNext/><w:spacing w:before="120" w:line="240" w:lineRule="auto"/>)" +
                   no_indent + R"(<w:jc w:val="center"/>)",
               "") +
         style("Caption", "caption",
               R"(<w:spacing w:after="120" w:line="360" w:lineRule="auto"/>)" + no_indent +
                   R"(<w:jc w:val="center"/>)",
               Font("楷体_GB2312", 24)) +
         "</w:styles>";
}

std::string FontTable() {
  auto font = [](std::string_view name, std::string_view alt, std::string_view family) {
    return "<w:font w:name=\"" + std::string(name) + "\">" +
           (alt.empty() ? "" : "<w:altName w:val=\"" + std::string(alt) + "\"/>") +
           R"(<w:charset w:val="86"/><w:family w:val=")" + std::string(family) + "\"/></w:font>";
  };
  return std::string(kXmlDecl) + "<w:fonts xmlns:w=\"" + kW + "\">" +
         font("仿宋_GB2312", "仿宋", "modern") + font("楷体_GB2312", "楷体", "modern") +
         font("黑体", "SimHei", "modern") + font("宋体", "SimSun", "auto") +
         R"(<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/></w:font>)"
         "</w:fonts>";
}

std::string Footer() {
  return std::string(kXmlDecl) + "<w:ftr xmlns:w=\"" + kW +
         R"("><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>)"
         R"(<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>)"
         R"(<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>)";
}

// Text width and height of A4 inside the margins below, in EMU (635 a twip).
constexpr std::int64_t kTextWidthEmu = (11906 - 1588 - 1474) * 635;
constexpr std::int64_t kEmuPerMm = 36000;

// The paragraph showing `figure` (a new part in `pictures`), and its caption.
std::string FigureParagraphs(const doc::Figure& figure, std::vector<Picture>& pictures) {
  std::optional<doc::ImageInfo> info = doc::ReadImageInfo(figure.bytes);
  if (!info) return Paragraph("Caption", Runs("［图片无法显示］" + figure.caption));
  const int n = static_cast<int>(pictures.size()) + 1;
  const bool png = info->format == doc::ImageFormat::kPng;
  Picture p{"media/image" + std::to_string(n) + (png ? ".png" : ".jpeg"),
            "rIdImage" + std::to_string(n), figure.bytes};
  // Scaled to the text width and the figure's height, never enlarged past
  // 96 dpi (9525 EMU a pixel).
  const double max_height = figure.max_height_mm * kEmuPerMm;
  const double scale =
      std::min({double(kTextWidthEmu) / info->width, max_height / info->height, 9525.0});
  const std::string cx = std::to_string(static_cast<std::int64_t>(info->width * scale));
  const std::string cy = std::to_string(static_cast<std::int64_t>(info->height * scale));
  const std::string id = std::to_string(n);
  std::string drawing =
      R"(<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx=")" + cx +
      R"(" cy=")" + cy + R"("/><wp:docPr id=")" + id + R"(" name="图片 )" + id +
      R"("/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">)"
      R"(<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">)"
      R"(<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">)"
      R"(<pic:nvPicPr><pic:cNvPr id=")" +
      id + R"(" name="image)" + id +
      R"("/><pic:cNvPicPr/></pic:nvPicPr>)"
      R"(<pic:blipFill><a:blip r:embed=")" +
      p.rel +
      R"("/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>)"
      R"(<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx=")" +
      cx + R"(" cy=")" + cy +
      R"("/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>)"
      R"(</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>)";
  pictures.push_back(std::move(p));
  std::string out = Paragraph("Figure", drawing);
  if (!figure.caption.empty()) out += Paragraph("Caption", Runs(figure.caption));
  return out;
}

std::string Document(const doc::ReportDocument& d, std::vector<Picture>& pictures) {
  std::string body;
  if (!d.title.empty()) body += Paragraph("Title", Runs(d.title));
  if (!d.subtitle.empty()) body += Paragraph("Subtitle", Runs(d.subtitle));
  for (const doc::Section& section : d.sections) {
    if (!section.heading.empty()) body += Paragraph("Heading1", Runs(section.heading));
    std::string_view rest = section.text;
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string paragraph = TrimSpaces(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (!paragraph.empty()) body += Paragraph("", Runs(paragraph));
    }
    for (const doc::Figure& figure : section.figures) body += FigureParagraphs(figure, pictures);
  }
  if (d.verification) {
    const doc::Verification& v = *d.verification;
    std::string runs = Runs("验证码：") + Runs(v.code, "<w:b/>") + Runs("  核验地址：" + v.url);
    if (!v.note.empty()) runs += Runs("\n" + v.note);
    body += Paragraph("Verification", runs);
  }
  // A4 with the margins of GB/T 9704 (37/35/28/26 mm), in twips.
  return std::string(kXmlDecl) + "<w:document xmlns:w=\"" + kW + "\" xmlns:r=\"" + kR +
         "\" xmlns:wp=\"" + kWp + "\"><w:body>" + body +
         R"(<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>)"
         R"(<w:pgSz w:w="11906" w:h="16838"/>)"
         R"(<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>)"
         R"(</w:sectPr></w:body></w:document>)";
}

}  // namespace

Result<std::string> RenderReport(const doc::ReportDocument& d) {
  std::vector<Picture> pictures;
  std::string document = Document(d, pictures);
  // [Content_Types].xml first: some readers look for it at the start.
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", ContentTypes()},
      {"_rels/.rels", PackageRels()},
      {"word/document.xml", std::move(document)},
      {"word/_rels/document.xml.rels", DocumentRels(pictures)},
      {"word/styles.xml", Styles()},
      {"word/fontTable.xml", FontTable()},
      {"word/footer1.xml", Footer()},
      {"docProps/core.xml", Core(d.title)},
  };
  for (Picture& p : pictures) parts.emplace_back("word/" + p.part, std::move(p.bytes));
  return archive::Zip(parts, "Word 文件");
}

}  // namespace vw::docx
