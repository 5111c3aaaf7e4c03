#include "export/docx.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "export/test_pictures.h"
#include "unzip.h"

namespace vw::docx {
namespace {

using vw::testing::Unzip;

// The text of each paragraph of the body (its w:t elements joined).
std::vector<std::string> Paragraphs(const pugi::xml_document& xml) {
  std::vector<std::string> out;
  for (const pugi::xpath_node& p : xml.select_nodes("//w:body/w:p")) {
    std::string text;
    for (const pugi::xpath_node& t : p.node().select_nodes(".//w:t")) text += t.node().text().get();
    out.push_back(text);
  }
  return out;
}

doc::ReportDocument SampleReport() {
  doc::ReportDocument r;
  r.title = "四川科技职业学院2025年职业教育活动周工作总结报告";
  r.subtitle = "四川科技职业学院教务处　2025年5月20日";
  r.sections = {
      {"一、基本情况", "学校成立了活动周工作领导小组。\n\n　　活动周期间共开展活动36项。"},
      {"二、主要做法", "组织校园开放日。"},
  };
  return r;
}

TEST(DocxReportTest, PackageHasTheWordParts) {
  auto bytes = RenderReport(SampleReport());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto entries = Unzip(*bytes);
  ASSERT_TRUE(entries.has_value());
  for (const char* name :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml", "docProps/core.xml"}) {
    ASSERT_TRUE(entries->count(name)) << name;
    pugi::xml_document xml;
    EXPECT_TRUE(xml.load_string((*entries)[name].c_str())) << name;
  }
  pugi::xml_document core;
  ASSERT_TRUE(core.load_string((*entries)["docProps/core.xml"].c_str()));
  EXPECT_STREQ(core.child("cp:coreProperties").child("dc:title").text().get(),
               "四川科技职业学院2025年职业教育活动周工作总结报告");
}

TEST(DocxReportTest, DocumentHoldsTitleHeadingsAndOneParagraphPerLine) {
  auto bytes = RenderReport(SampleReport());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto entries = Unzip(*bytes);
  ASSERT_TRUE(entries.has_value());
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string((*entries)["word/document.xml"].c_str()));
  EXPECT_EQ(Paragraphs(xml), (std::vector<std::string>{
                                 "四川科技职业学院2025年职业教育活动周工作总结报告",
                                 "四川科技职业学院教务处　2025年5月20日",
                                 "一、基本情况",
                                 "学校成立了活动周工作领导小组。",
                                 "活动周期间共开展活动36项。",  // typed indent dropped
                                 "二、主要做法",
                                 "组织校园开放日。",
                             }));
  // The title and headings carry their styles; A4 page.
  EXPECT_STREQ(xml.select_node("//w:body/w:p[1]/w:pPr/w:pStyle").node().attribute("w:val").value(),
               "Title");
  EXPECT_STREQ(xml.select_node("//w:body/w:p[3]/w:pPr/w:pStyle").node().attribute("w:val").value(),
               "Heading1");
  pugi::xml_node size = xml.select_node("//w:sectPr/w:pgSz").node();
  EXPECT_STREQ(size.attribute("w:w").value(), "11906");
  EXPECT_STREQ(size.attribute("w:h").value(), "16838");
}

TEST(DocxReportTest, MarkupCharactersRoundTripAndControlsAreDropped) {
  doc::ReportDocument r;
  r.title = "A <b> & \"C\" 'D'";
  r.sections = {{"<标题>", "x < y && z > \"w\"\n控制\x01\x0b字符\xff结束"}};
  r.verification =
      doc::Verification{"7KQ2-M9XD", "http://127.0.0.1:8080/v/7KQ2-M9XD?a=1&b=2", "扫码核验"};
  auto bytes = RenderReport(r);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto entries = Unzip(*bytes);
  ASSERT_TRUE(entries.has_value());
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string((*entries)["word/document.xml"].c_str()));
  auto paragraphs = Paragraphs(xml);
  ASSERT_EQ(paragraphs.size(), 5u);
  EXPECT_EQ(paragraphs[0], "A <b> & \"C\" 'D'");
  EXPECT_EQ(paragraphs[1], "<标题>");
  EXPECT_EQ(paragraphs[2], "x < y && z > \"w\"");
  EXPECT_EQ(paragraphs[3], "控制字符\xEF\xBF\xBD结束");  // invalid byte as U+FFFD
  EXPECT_EQ(paragraphs[4],
            "验证码：7KQ2-M9XD  核验地址：http://127.0.0.1:8080/v/7KQ2-M9XD?a=1&b=2扫码核验");
  pugi::xml_document core;
  ASSERT_TRUE(core.load_string((*entries)["docProps/core.xml"].c_str()));
  EXPECT_STREQ(core.child("cp:coreProperties").child("dc:title").text().get(), "A <b> & \"C\" 'D'");
}

TEST(DocxReportTest, EmptyReportIsStillADocument) {
  auto bytes = RenderReport(doc::ReportDocument{});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto entries = Unzip(*bytes);
  ASSERT_TRUE(entries.has_value());
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string((*entries)["word/document.xml"].c_str()));
  EXPECT_TRUE(xml.select_node("//w:body/w:sectPr"));
}

TEST(DocxReportTest, PicturesAreImagePartsScaledToTheTextWidth) {
  doc::ReportDocument r = SampleReport();
  const std::string png = doc::testing::PngPicture(1600, 1200);
  r.sections[0].figures = {{png, "图1 校园开放日"}, {"not a picture", "图2 坏图"}};
  auto bytes = RenderReport(r);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto parts = Unzip(*bytes);
  ASSERT_TRUE(parts);
  ASSERT_TRUE(parts->count("word/media/image1.png"));
  EXPECT_EQ(parts->at("word/media/image1.png"), png);
  EXPECT_EQ(parts->count("word/media/image2.png") + parts->count("word/media/image2.jpeg"), 0u);
  EXPECT_NE(parts->at("word/_rels/document.xml.rels").find("Target=\"media/image1.png\""),
            std::string::npos);
  EXPECT_NE(parts->at("[Content_Types].xml").find("Extension=\"png\""), std::string::npos);
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(parts->at("word/document.xml").c_str()));
  pugi::xpath_node extent = xml.select_node("//wp:extent");
  ASSERT_TRUE(extent);
  // 4:3 at the figure's height of 90 mm, narrower than the text width (8844 twips).
  EXPECT_EQ(extent.node().attribute("cy").as_llong(), 90LL * 36000);
  EXPECT_EQ(extent.node().attribute("cx").as_llong(), 90LL * 36000 * 4 / 3);
  EXPECT_LT(extent.node().attribute("cx").as_llong(), 8844LL * 635);
  EXPECT_TRUE(xml.select_node("//a:blip[@r:embed='rIdImage1']"));
  std::vector<std::string> paragraphs = Paragraphs(xml);
  EXPECT_NE(std::find(paragraphs.begin(), paragraphs.end(), "图1 校园开放日"), paragraphs.end());
  EXPECT_NE(std::find(paragraphs.begin(), paragraphs.end(), "［图片无法显示］图2 坏图"),
            paragraphs.end());
}

}  // namespace
}  // namespace vw::docx
