#include "export/pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "export/test_pictures.h"

namespace vw::pdf {
namespace {

namespace fs = std::filesystem;

constexpr char kPdfToText[] = "/usr/bin/pdftotext";

// Page objects ("/Type /Page", not the "/Type /Pages" tree).
int PageCount(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    char next = at + 11 < pdf.size() ? pdf[at + 11] : ' ';
    if (!std::isalpha(static_cast<unsigned char>(next))) ++pages;
  }
  return pages;
}

// Width and height of the first page's MediaBox.
std::pair<double, double> MediaBox(const std::string& pdf) {
  std::smatch m;
  static const std::regex box(
      R"(/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\])");
  if (!std::regex_search(pdf, m, box)) return {0, 0};
  return {std::stod(m[3]) - std::stod(m[1]), std::stod(m[4]) - std::stod(m[2])};
}

doc::Verification SampleVerification() {
  return {"7KQ2-M9XD", "http://127.0.0.1:8080/v/7KQ2-M9XD",
          "扫码或访问链接核验本表内容（内容摘要 SHA-256 前 16 位：3f9a0c7e12b4d5e6）"};
}

// Annex 5: two header rows, the first with eight row-spanning cells and
// one cell spanning the three columns the second row fills.
doc::TableDocument Annex5(int body_rows) {
  doc::TableDocument d;
  d.landscape = true;
  d.label = "附件5";
  d.title = "成都市教育局2025年职业教育活动周情况统计表";
  d.info_line = "填报单位（盖章）：成都市教育局      填报人：张三      联系电话：028-86112345";
  d.column_widths = {3, 1.6, 1.4, 1.4, 1.4, 1.4, 1.3, 1.4, 1.4, 1.4, 1.4};
  doc::Row first, second;
  for (const char* text : {"市（州）/职业学校（含技工院校）", "参与活动的职业学校（含技工院校）数",
                           "参与活动的教师数", "参与活动的学生数", "参与活动的学生覆盖率",
                           "参与活动的企业数", "参与总人数", "观摩体验活动项目数"}) {
    first.cells.push_back({text, 1, 2});
  }
  first.cells.push_back({"活动周媒体报道数", 3, 1});
  for (const char* text :
       {"省级及以上媒体报道数", "市（州）级媒体报道数", "县（区）级媒体报道数"}) {
    second.cells.push_back({text});
  }
  d.header = {first, second};
  for (int i = 0; i < body_rows; ++i) {
    doc::Row row;
    char name[32];
    std::snprintf(name, sizeof name, "学校R%05d", i);
    row.cells.push_back({name, 1, 1, false, doc::Align::kLeft});
    for (int c = 0; c < 10; ++c) row.cells.push_back({std::to_string(100 + (i * 7 + c) % 900)});
    d.body.push_back(row);
  }
  d.footnotes = {"填表说明：参与活动的学生覆盖率=参与活动的学生数/在校生总数×100%。"};
  return d;
}

doc::ReportDocument SampleReport() {
  doc::ReportDocument r;
  r.title = "四川科技职业学院2025年职业教育活动周工作总结报告";
  r.subtitle = "四川科技职业学院教务处　2025年5月20日";
  for (const char* heading : {"一、基本情况", "二、主要做法", "三、存在问题及建议"}) {
    doc::Section s;
    s.heading = heading;
    for (int i = 0; i < 3; ++i) {
      s.text +=
          "活动周期间，学校共组织开展各类活动36项，参与师生12000余人次，接待社会公众、"
          "中小学生及家长3500余人次，企业参与68家。\n";
    }
    r.sections.push_back(s);
  }
  return r;
}

// The text pdftotext finds, pages separated by '\f'; nullopt without
// pdftotext. `layout`: as laid out on the page (-layout), else in reading
// order, where a wrapped cell's lines stay together.
std::optional<std::string> PdfText(const std::string& pdf, bool layout = true) {
  if (access(kPdfToText, X_OK) != 0) return std::nullopt;
  static std::atomic<int> counter{0};
  fs::path base = fs::temp_directory_path() /
                  ("vw-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::path in = base.string() + ".pdf", out = base.string() + ".txt";
  std::ofstream(in, std::ios::binary) << pdf;
  std::string command = std::string(kPdfToText) + (layout ? " -layout '" : " '") + in.string() +
                        "' '" + out.string() + "'";
  int rc = std::system(command.c_str());
  std::ifstream file(out, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  fs::remove(in);
  fs::remove(out);
  if (rc != 0) return std::string();
  return text;
}

// `text` without ASCII spaces and line breaks: pdftotext spaces glyphs as
// it measures them.
std::string Squeeze(std::string text) {
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n'; });
  return text;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

TEST(PdfTableTest, LandscapeTableIsA4Landscape) {
  auto pdf = RenderTable(Annex5(10));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  auto [width, height] = MediaBox(*pdf);
  EXPECT_NEAR(width, 841.89, 0.5);
  EXPECT_NEAR(height, 595.28, 0.5);
  EXPECT_EQ(PageCount(*pdf), 1);
}

TEST(PdfTableTest, PortraitTableIsA4Portrait) {
  doc::TableDocument d;
  d.title = "2025年职业教育活动周工作计划及联系人信息表";
  d.column_widths = {2.2, 1.2, 1.2, 1.6, 1.4, 2.8};
  doc::Row header;
  for (const char* text : {"市（州）/职业学校（含技工学校）", "联系人", "职务", "手机", "QQ号",
                           "专题网站（专栏）链接地址"}) {
    header.cells.push_back({text});
  }
  d.header = {header};
  doc::Row plan;
  plan.cells.push_back({"活动周工作计划\n（300字以内）"});
  plan.cells.push_back({std::string(100, 'x'), 5, 1, false, doc::Align::kLeft});
  d.body = {plan};
  auto pdf = RenderTable(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  auto [width, height] = MediaBox(*pdf);
  EXPECT_NEAR(width, 595.28, 0.5);
  EXPECT_NEAR(height, 841.89, 0.5);
}

TEST(PdfTableTest, PagesGrowWithRows) {
  auto two_thousand = RenderTable(Annex5(2000));
  auto four_thousand = RenderTable(Annex5(4000));
  ASSERT_TRUE(two_thousand.ok()) << two_thousand.error().message;
  ASSERT_TRUE(four_thousand.ok()) << four_thousand.error().message;
  const int pages = PageCount(*two_thousand);
  EXPECT_GT(pages, 1);
  EXPECT_GT(PageCount(*four_thousand), pages);
  // The page tree agrees with the page objects.
  EXPECT_NE(two_thousand->find("/Count " + std::to_string(pages)), std::string::npos);
}

TEST(PdfTableTest, EmptyBodyIsOnePageWithTheHeader) {
  auto pdf = RenderTable(Annex5(0));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(PageCount(*pdf), 1);

  doc::TableDocument nothing;  // not even a header or a title
  auto blank = RenderTable(nothing);
  ASSERT_TRUE(blank.ok()) << blank.error().message;
  EXPECT_EQ(PageCount(*blank), 1);
}

TEST(PdfTableTest, VerificationUrlTooLongForAQrCodeIsRefused) {
  doc::TableDocument d = Annex5(1);
  d.verification = SampleVerification();
  d.verification->url = "http://127.0.0.1:8080/v/" + std::string(4000, 'A');
  auto pdf = RenderTable(d);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, ErrorCode::kInternal);
}

TEST(PdfTableTest, MalformedTextStillRenders) {
  doc::TableDocument d = Annex5(2);
  d.title = "标题\xff\xfe\x01\x7f结束";
  d.body[0].cells[0].text = std::string("a\0b\r\nc\td\xc2\x85", 10);
  d.body[1].cells = {{"", 0, -3}, {"超出列数的单元格", 99, 99}};  // bad spans are clipped
  d.column_widths = {-1, 0, std::nan("")};  // three columns, all of them "average"
  auto pdf = RenderTable(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(PageCount(*pdf), 1);
}

TEST(PdfTableTest, TextShowsInTheDocument) {
  doc::TableDocument d = Annex5(120);
  d.verification = SampleVerification();
  auto pdf = RenderTable(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  auto text = PdfText(*pdf);
  if (!text) GTEST_SKIP() << kPdfToText << " is not installed";
  const std::string flat = Squeeze(*text);
  EXPECT_NE(flat.find("成都市教育局2025年职业教育活动周情况统计表"), std::string::npos) << *text;
  EXPECT_NE(flat.find("附件5"), std::string::npos);
  EXPECT_NE(flat.find("填报人：张三"), std::string::npos);
  EXPECT_NE(flat.find("填表说明："), std::string::npos);
  EXPECT_NE(flat.find("验证码：7KQ2-M9XD"), std::string::npos);
  EXPECT_NE(flat.find("http://127.0.0.1:8080/v/7KQ2-M9XD"), std::string::npos);

  // Every page with rows repeats the header; every body row shows once.
  const int pages = PageCount(*pdf);
  ASSERT_GT(pages, 2);
  EXPECT_EQ(Count(*text, "\f"), static_cast<size_t>(pages));
  const std::string cells = PdfText(*pdf, false).value_or("");  // a cell's lines together
  int pages_with_rows = 0;
  for (size_t begin = 0, end; (end = cells.find('\f', begin)) != std::string::npos;
       begin = end + 1) {
    const std::string page = Squeeze(cells.substr(begin, end - begin));
    if (page.find("学校R") == std::string::npos) continue;
    ++pages_with_rows;
    EXPECT_EQ(Count(page, "参与活动的教师数"), 1u) << page;
    EXPECT_EQ(Count(page, "县（区）级媒体报道数"), 1u) << page;
  }
  EXPECT_GT(pages_with_rows, 1);
  for (int i = 0; i < 120; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "学校R%05d", i);
    EXPECT_EQ(Count(flat, name), 1u) << name;
  }
  EXPECT_NE(flat.find("第1页/共" + std::to_string(pages) + "页"), std::string::npos);
  // The mark is on the last page only.
  EXPECT_NE(text->substr(text->rfind('\f', text->size() - 2)).find("7KQ2-M9XD"), std::string::npos);
}

TEST(PdfTableTest, RowsJoinedByARowSpanStayOnOnePage) {
  doc::TableDocument d;
  d.column_widths = {1, 2, 1};
  d.header = {doc::Row{{{"市（州）"}, {"学校"}, {"活动数"}}}};
  for (int group = 0; group < 40; ++group) {
    for (int i = 0; i < 4; ++i) {
      doc::Row row;
      char city[16], school[24];
      std::snprintf(city, sizeof city, "市G%03d", group);
      std::snprintf(school, sizeof school, "学校G%03d-%d", group, i);
      if (i == 0) row.cells.push_back({city, 1, 4});
      row.cells.push_back({school});
      row.cells.push_back({std::to_string(i)});
      d.body.push_back(row);
    }
  }
  auto pdf = RenderTable(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  ASSERT_GT(PageCount(*pdf), 1);
  auto text = PdfText(*pdf, false);
  if (!text) GTEST_SKIP() << kPdfToText << " is not installed";
  int groups = 0;
  for (size_t begin = 0, end; (end = text->find('\f', begin)) != std::string::npos;
       begin = end + 1) {
    const std::string page = Squeeze(text->substr(begin, end - begin));
    for (int group = 0; group < 40; ++group) {
      char city[16];
      std::snprintf(city, sizeof city, "市G%03d", group);
      if (page.find(city) == std::string::npos) continue;
      ++groups;
      for (int i = 0; i < 4; ++i) {
        char school[24];
        std::snprintf(school, sizeof school, "学校G%03d-%d", group, i);
        EXPECT_NE(page.find(school), std::string::npos) << school << " is not with " << city;
      }
    }
  }
  EXPECT_EQ(groups, 40);
}

TEST(PdfTableTest, RowTallerThanAPageContinuesOnTheNext) {
  doc::TableDocument d;
  d.column_widths = {1, 4};
  d.header = {doc::Row{{{"项目"}, {"内容"}}}};
  std::string long_text = "开头";
  for (int i = 0; i < 2500; ++i) long_text += "职业教育";
  long_text += "结尾";
  d.body = {doc::Row{{{"特色活动简介"}, {long_text, 1, 1, false, doc::Align::kLeft}}},
            doc::Row{{{"下一行"}, {"在后面"}}}};
  auto pdf = RenderTable(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_GT(PageCount(*pdf), 2);
  auto text = PdfText(*pdf);
  if (!text) GTEST_SKIP() << kPdfToText << " is not installed";
  const std::string flat = Squeeze(*text);
  EXPECT_NE(flat.find("开头"), std::string::npos);
  EXPECT_NE(flat.find("结尾"), std::string::npos);
  EXPECT_NE(flat.find("在后面"), std::string::npos);
  // Cut between lines, not through them: every character shows once (page
  // footers and repeated headers come between the pages' parts).
  EXPECT_EQ(Count(flat, "职"), 2500u);
  EXPECT_EQ(Count(flat, "育"), 2500u);
}

TEST(PdfReportTest, ReportWithVerificationRenders) {
  doc::ReportDocument r = SampleReport();
  r.verification = SampleVerification();
  auto pdf = RenderReport(r);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  auto [width, height] = MediaBox(*pdf);
  EXPECT_NEAR(width, 595.28, 0.5);
  EXPECT_NEAR(height, 841.89, 0.5);
  auto text = PdfText(*pdf);
  if (!text) GTEST_SKIP() << kPdfToText << " is not installed";
  const std::string flat = Squeeze(*text);
  EXPECT_NE(flat.find("四川科技职业学院2025年职业教育活动周工作总结报告"), std::string::npos)
      << *text;
  EXPECT_NE(flat.find("三、存在问题及建议"), std::string::npos);
  EXPECT_NE(flat.find("企业参与68家"), std::string::npos);
  EXPECT_NE(flat.find("验证码：7KQ2-M9XD"), std::string::npos);
}

TEST(PdfReportTest, LongReportBreaksAcrossPagesWithoutLosingText) {
  doc::ReportDocument r = SampleReport();
  for (int i = 0; i < 40; ++i) r.sections[1].text += "第" + std::to_string(i) + "段结束。\n";
  auto pdf = RenderReport(r);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const int pages = PageCount(*pdf);
  EXPECT_GT(pages, 1);
  auto text = PdfText(*pdf);
  if (!text) GTEST_SKIP() << kPdfToText << " is not installed";
  const std::string flat = Squeeze(*text);
  for (int i = 0; i < 40; ++i) {
    std::string mark = "第" + std::to_string(i) + "段结束。";
    EXPECT_EQ(Count(flat, mark), 1u) << mark;
  }
  EXPECT_NE(flat.find("第" + std::to_string(pages) + "页/共" + std::to_string(pages) + "页"),
            std::string::npos);
}

TEST(PdfReportTest, PicturesAreEmbeddedScaledAndBadOnesNamed) {
  doc::ReportDocument r = SampleReport();
  r.sections[0].figures = {{doc::testing::PngPicture(1600, 1200), "图1 校园开放日"},
                           {"not a picture", "图2 坏图"}};
  // A picture taller than a page is scaled to fit one.
  r.sections[1].figures = {{doc::testing::PngPicture(200, 3000), "图3 长图", 400}};
  auto pdf = RenderReport(r);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(Count(*pdf, "/Subtype /Image"), 2u);
  auto text = PdfText(*pdf);
  if (!text) GTEST_SKIP() << kPdfToText << " is not installed";
  const std::string flat = Squeeze(*text);
  EXPECT_NE(flat.find("图1校园开放日"), std::string::npos) << *text;
  EXPECT_NE(flat.find("［图片无法显示］图2坏图"), std::string::npos) << *text;
  EXPECT_NE(flat.find("图3长图"), std::string::npos) << *text;
}

}  // namespace
}  // namespace vw::pdf
