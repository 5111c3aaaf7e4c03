#include "export/table_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace vw::tables {
namespace {

namespace fs = std::filesystem;

fs::path TempPath(const std::string& ext) {
  static std::atomic<int> counter{0};
  return fs::temp_directory_path() /
         ("vw-table-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ext);
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The bytes of a workbook that `fill` writes with libxlsxwriter.
std::string BuildXlsx(const std::function<void(lxw_workbook*)>& fill, bool inline_strings = false) {
  fs::path path = TempPath(".xlsx");
  lxw_workbook_options options{};
  options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;  // inline <is> strings
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  fill(wb);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = Slurp(path);
  fs::remove(path);
  return bytes;
}

// A zip package with the given parts, for hand-written xlsx files.
std::string BuildZip(const std::map<std::string, std::string>& parts) {
  fs::path path = TempPath(".zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(z), 0);  // reads the buffers, which `parts` keeps alive
  std::string bytes = Slurp(path);
  fs::remove(path);
  return bytes;
}

TEST(TableReaderTest, XlsxWithSharedStringsNumbersAndGaps) {
  std::string bytes = BuildXlsx([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "单位");
    worksheet_write_string(ws, 0, 0, "单位名称", nullptr);
    worksheet_write_string(ws, 0, 1, "在校生数", nullptr);
    worksheet_write_string(ws, 0, 2, "备注", nullptr);
    worksheet_write_string(ws, 0, 3, "手机号", nullptr);
    worksheet_write_string(ws, 1, 0, "  四川科技职业学院\xE3\x80\x80", nullptr);  // spaces + U+3000
    worksheet_write_number(ws, 1, 1, 12000, nullptr);
    // C2 left empty: the gap reads as "".
    worksheet_write_number(ws, 1, 3, 13800000000.0, nullptr);
    // Row 3 left empty; row 4 reuses a shared string and has a fraction.
    worksheet_write_string(ws, 3, 0, "四川科技职业学院", nullptr);
    worksheet_write_number(ws, 3, 1, 12.5, nullptr);
    worksheet_write_boolean(ws, 3, 2, 1, nullptr);
    worksheet_write_formula_str(ws, 3, 3, "=\"甲\"&\"乙\"", nullptr, "甲乙");
  });
  auto t = ReadTable(bytes, FileType::kXlsx);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header.number, 1);
  EXPECT_EQ(t->header.cells, (std::vector<std::string>{"单位名称", "在校生数", "备注", "手机号"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].number, 2);
  EXPECT_EQ(t->rows[0].cells,
            (std::vector<std::string>{"四川科技职业学院", "12000", "", "13800000000"}));
  EXPECT_EQ(t->rows[1].number, 4);  // the empty row 3 is skipped, numbering kept
  EXPECT_EQ(t->rows[1].cells,
            (std::vector<std::string>{"四川科技职业学院", "12.5", "TRUE", "甲乙"}));
}

TEST(TableReaderTest, XlsxWithInlineAndRichStrings) {
  std::string inline_bytes = BuildXlsx(
      [](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
        worksheet_write_string(ws, 0, 0, "姓名", nullptr);
        worksheet_write_string(ws, 1, 0, "张三", nullptr);
        worksheet_write_number(ws, 1, 2, 3.0, nullptr);
      },
      /*inline_strings=*/true);
  auto t = ReadTable(inline_bytes, FileType::kXlsx);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0].cells, (std::vector<std::string>{"张三", "", "3"}));

  std::string rich_bytes = BuildXlsx([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_rich_string_tuple a{nullptr, const_cast<char*>("智能")};
    lxw_rich_string_tuple b{bold, const_cast<char*>("制造")};
    lxw_rich_string_tuple c{nullptr, const_cast<char*>("学院")};
    lxw_rich_string_tuple* runs[] = {&a, &b, &c, nullptr};
    worksheet_write_string(ws, 0, 0, "单位名称", nullptr);
    worksheet_write_rich_string(ws, 1, 0, runs, nullptr);
  });
  t = ReadTable(rich_bytes, FileType::kXlsx);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0].cells[0], "智能制造学院");
}

TEST(TableReaderTest, XlsxReadsTheFirstVisibleSheet) {
  std::string bytes = BuildXlsx([](lxw_workbook* wb) {
    lxw_worksheet* hidden = workbook_add_worksheet(wb, "说明");
    lxw_worksheet* data = workbook_add_worksheet(wb, "数据");
    worksheet_write_string(hidden, 0, 0, "隐藏", nullptr);
    worksheet_write_string(data, 0, 0, "表头", nullptr);
    worksheet_write_string(data, 1, 0, "数据", nullptr);
    worksheet_activate(data);
    worksheet_hide(hidden);
  });
  auto t = ReadTable(bytes, FileType::kXlsx);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header.cells[0], "表头");
}

TEST(TableReaderTest, XlsxWithPrefixedNamespacesAndEscapes) {
  // As written by the .NET Open XML SDK: "x:" prefixes, absolute targets.
  std::string bytes = BuildZip({
      {"_rels/.rels",
       R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>)"},
      {"xl/workbook.xml",
       R"(<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="S" sheetId="1" r:id="R7"/></x:sheets></x:workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>)"},
      {"xl/worksheets/data.xml",
       R"(<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
       R"(<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>名称</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>代码</x:t></x:is></x:c></x:row>)"
       R"(<x:row r="3"><x:c r="B3"><x:v>4151010000.0</x:v></x:c><x:c r="A3" t="str"><x:v>a_x000D_b_x005F_x0041_</x:v></x:c></x:row>)"
       R"(</x:sheetData></x:worksheet>)"},
  });
  auto t = ReadTable(bytes, FileType::kXlsx);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0].number, 3);
  EXPECT_EQ(t->rows[0].cells, (std::vector<std::string>{"a\rb_x0041_", "4151010000"}));
}

TEST(TableReaderTest, XlsxPartsOverTheLimitAreRefused) {
  // Compresses to a few kilobytes: the limit applies to what comes out.
  std::string huge = R"(<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>)" +
                     std::string(1u << 20, 'a') + "</t></is></c></row></sheetData></worksheet>";
  std::string bytes = BuildZip({
      {"xl/workbook.xml", R"(<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>)"},
      {"xl/worksheets/sheet1.xml", huge},
  });
  ASSERT_LT(bytes.size(), 64u << 10);
  auto t = ReadTable(bytes, FileType::kXlsx, Limits{.max_part_bytes = 1u << 20});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message.rfind("文件过大", 0), 0u) << t.error().message;
  EXPECT_EQ(t.error().field, "file");
}

TEST(TableReaderTest, ZipThatIsNotAWorkbookIsRefused) {
  auto t = ReadTable(BuildZip({{"word/document.xml", "<w:document/>"}}), FileType::kXlsx);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find(".xlsx"), std::string::npos) << t.error().message;
}

TEST(TableReaderTest, CsvHandlesQuotesNewlinesAndBom) {
  auto t = ReadTable(
      "\xEF\xBB\xBF名称,说明\r\n\"甲,乙\",\"第一行\r\n第二行\"\r\n\r\n\"引号\"\"内\", "
      "空格\xE3\x80\x80\r\n",
      FileType::kCsv);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header.cells, (std::vector<std::string>{"名称", "说明"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].number, 2);
  EXPECT_EQ(t->rows[0].cells, (std::vector<std::string>{"甲,乙", "第一行\n第二行"}));
  // As Excel numbers it: the quoted line break stays inside row 2, the
  // blank row 3 is skipped.
  EXPECT_EQ(t->rows[1].number, 4);
  EXPECT_EQ(t->rows[1].cells, (std::vector<std::string>{"引号\"内", "空格"}));
}

TEST(TableReaderTest, CsvWithoutTrailingNewlineAndWithEmptyCells) {
  auto t = ReadTable("a,b,c\n1,,3\n,,\n\"\",x,", FileType::kCsv);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].cells, (std::vector<std::string>{"1", "", "3"}));
  EXPECT_EQ(t->rows[1].number, 4);
  EXPECT_EQ(t->rows[1].cells, (std::vector<std::string>{"", "x", ""}));
}

TEST(TableReaderTest, CsvRowLimit) {
  std::string csv = "名称\n";
  const std::size_t max_rows = Limits{}.max_rows;
  for (std::size_t i = 0; i < max_rows; ++i) csv += "单位" + std::to_string(i) + "\n";
  auto ok = ReadTable(csv, FileType::kCsv);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->rows.size(), max_rows);
  auto over = ReadTable(csv + "多一行\n", FileType::kCsv);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().message, "数据行数超过上限 5000 行（第 5002 行），请分批导入");

  // Each import passes its own cap; blank lines are not data rows.
  auto three = ReadTable("名称\n甲\n\n乙\n丙\n丁\n", FileType::kCsv, Limits{.max_rows = 3});
  ASSERT_FALSE(three.ok());
  EXPECT_EQ(three.error().message, "数据行数超过上限 3 行（第 6 行），请分批导入");
}

TEST(TableReaderTest, NonUtf8CsvIsRefusedWithAHint) {
  auto t = ReadTable("\xC3\xFB\xB3\xC6\n", FileType::kCsv);  // "名称" in GBK
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message, "文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”");
  EXPECT_EQ(t.error().field, "file");
  EXPECT_FALSE(ReadTable("\xED\xA0\x80\n", FileType::kCsv).ok());  // a UTF-16 surrogate
}

TEST(TableReaderTest, EmptyGarbageAndUnclosedQuotesAreErrors) {
  EXPECT_FALSE(ReadTable("", FileType::kCsv).ok());
  EXPECT_FALSE(ReadTable("\xEF\xBB\xBF", FileType::kCsv).ok());
  EXPECT_FALSE(ReadTable("\n \n,,\n", FileType::kCsv).ok());
  EXPECT_FALSE(ReadTable("a,\"b\n1,2\n", FileType::kCsv).ok());
  EXPECT_FALSE(ReadTable(std::string_view("PK\x03\x04garbage", 11), FileType::kXlsx).ok());
  EXPECT_FALSE(ReadTable("\x01\x02\xFF\xFE garbage", FileType::kXlsx).ok());
  EXPECT_FALSE(ReadTable("\x01\x02\xFF\xFE garbage", FileType::kCsv).ok());
  auto xls = ReadTable("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest", FileType::kXlsx);
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(xls.error().message.find(".xls"), std::string::npos);
}

// A minimal workbook: one sheet with these <row> elements, and a shared
// string table when `shared_strings` (its <si> elements) is given.
std::string SheetXlsx(const std::string& rows, const std::string* shared_strings = nullptr) {
  std::map<std::string, std::string> parts{
      {"xl/workbook.xml", R"(<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>)"},
      {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"}};
  if (shared_strings) parts["xl/sharedStrings.xml"] = "<sst>" + *shared_strings + "</sst>";
  return BuildZip(parts);
}

std::string Rows(int count, const std::function<std::string(int)>& cells) {
  std::string out;
  for (int r = 1; r <= count; ++r) {
    out += "<row r=\"" + std::to_string(r) + "\">" + cells(r) + "</row>";
  }
  return out;
}

// Issue 12: a 27 KB file with one cell at column XFD on each of 5,000 rows
// made every row 16,384 cells wide (2.6 GB). It now stops at the first one.
TEST(TableReaderTest, CellBeyondTheColumnLimitStopsTheRead) {
  std::string bytes = SheetXlsx(Rows(5000, [](int r) {
    return "<c r=\"XFD" + std::to_string(r) + "\" t=\"inlineStr\"><is><t>x</t></is></c>";
  }));
  EXPECT_LT(bytes.size(), 40u << 10);
  auto t = ReadTable(bytes, FileType::kXlsx);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().field, "file");
  EXPECT_EQ(t.error().message, "表格列数超过上限 64（第 1 行 XFD 列），请删除多余的列");

  // Formatted but empty cells out there are no columns; BL (the 64th) is.
  auto fine = ReadTable(SheetXlsx(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c>)"
                                  R"(<c r="BL1"><v>1</v></c><c r="XFD1" s="3"/></row>)"),
                        FileType::kXlsx);
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_EQ(fine->header.cells.size(), 64u);
}

// Issue 12: one 9 MB shared string used by 5,000 cells would have been
// copied into each (45 GB).
TEST(TableReaderTest, SharedStringOverTheCellLimitFailsWhereItIsUsed) {
  std::string huge = "<si><t>" + std::string(9u << 20, 'a') + "</t></si><si><t>名称</t></si>";
  std::string bytes =
      SheetXlsx(Rows(5000,
                     [](int r) {
                       return std::string(r == 1 ? R"(<c t="s"><v>1</v></c>)" : "") +
                              R"(<c t="s"><v>0</v></c>)";
                     }),
                &huge);
  EXPECT_LT(bytes.size(), 64u << 10);
  auto t = ReadTable(bytes, FileType::kXlsx);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message, "单元格内容超过上限 32767 个字符（第 1 行 B 列）");

  // Unused, it is harmless (the table is shared by every sheet).
  auto unused = ReadTable(SheetXlsx(R"(<row><c t="s"><v>1</v></c></row>)", &huge), FileType::kXlsx);
  ASSERT_TRUE(unused.ok()) << unused.error().message;
  EXPECT_EQ(unused->header.cells, std::vector<std::string>{"名称"});
}

TEST(TableReaderTest, SharedStringsCountAgainstTheTextBudgetEachTimeTheyAreUsed) {
  std::string shared = "<si><t>" + std::string(30000, 'b') + "</t></si>";
  std::string bytes = SheetXlsx(Rows(5000,
                                     [](int) {
                                       std::string cells;
                                       for (int c = 0; c < 60; ++c)
                                         cells += R"(<c t="s"><v>0</v></c>)";
                                       return cells;
                                     }),
                                &shared);
  auto t = ReadTable(bytes, FileType::kXlsx);
  ASSERT_FALSE(t.ok());
  // 16 MiB of text holds 559 cells of 30,000 characters; the 560th is on
  // row 10 (9 × 60 = 540 cells before it), its 20th cell (T).
  EXPECT_EQ(t.error().message,
            "表格文字总量超过上限 16 MB（第 10 行 T 列），请删除无关内容或分批导入");
}

TEST(TableReaderTest, DecodedBytesAreCountedPerPartAndInTotal) {
  Limits small{.max_part_bytes = 1u << 20, .max_package_bytes = 3u << 19};
  std::string shared = "<si><t>" + std::string(900u << 10, 's') + "</t></si>";
  std::string rows = Rows(1, [](int) {
    return R"(<c t="inlineStr"><is><t>)" + std::string(900u << 10, 'r') + "</t></is></c>";
  });
  auto total = ReadTable(SheetXlsx(rows, &shared), FileType::kXlsx, small);
  ASSERT_FALSE(total.ok());
  EXPECT_EQ(total.error().message,
            "文件过大：解压后总计超过上限 1536 KB，请删除无关内容或分批导入");
  std::string more = Rows(1, [](int) {
    return R"(<c t="inlineStr"><is><t>)" + std::string(2u << 20, 'r') + "</t></is></c>";
  });
  auto part = ReadTable(SheetXlsx(more), FileType::kXlsx, small);
  ASSERT_FALSE(part.ok());
  EXPECT_EQ(part.error().message, "文件过大：工作表解压后超过上限 1 MB，请删除无关内容或分批导入");
}

TEST(TableReaderTest, ZipsWithTooManyEntriesAreRefusedBeforeOpening) {
  std::map<std::string, std::string> parts{
      {"xl/workbook.xml", R"(<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>名称</t></is></c></row></sheetData></worksheet>)"}};
  for (int i = 0; i < 9998; ++i) parts["x/" + std::to_string(i)] = "";
  auto fine = ReadTable(BuildZip(parts), FileType::kXlsx);
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  parts["x/one-more"] = "";
  auto t = ReadTable(BuildZip(parts), FileType::kXlsx);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message,
            "文件过大：压缩包中的文件数超过上限 10000 个，不是有效的 Excel 工作簿");
}

TEST(TableReaderTest, XmlWithADtdIsRefused) {
  std::string bytes = BuildZip({
      {"xl/workbook.xml", R"(<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>)"
       R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>)"},
  });
  auto t = ReadTable(bytes, FileType::kXlsx);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message, "Excel 文件已损坏（含有 DTD）");
}

TEST(TableReaderTest, EscapesThatAreNoCharactersStayAsWritten) {
  auto t = ReadTable(
      SheetXlsx(R"(<row><c t="inlineStr"><is><t>a_x0000_b_xD800_c_x0009_d</t></is></c></row>)"),
      FileType::kXlsx);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header.cells[0], "a_x0000_b_xD800_c\td");
}

TEST(TableReaderTest, CsvCellsColumnsAndTextWithinTheLimits) {
  // One 9 MB line: one cell far over Excel's limit.
  auto line = ReadTable("名称\n" + std::string(9u << 20, 'a') + "\n", FileType::kCsv);
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().message, "单元格内容超过上限 32767 个字符（第 2 行 A 列）");
  // Characters, not bytes: 32,767 Chinese characters are one cell.
  std::string chinese;
  for (int i = 0; i < 32767; ++i) chinese += "字";
  auto full = ReadTable("名称\n" + chinese + "\n", FileType::kCsv);
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_FALSE(ReadTable("名称\n" + chinese + "字\n", FileType::kCsv).ok());

  // Many columns: the 65th filled one is refused...
  std::string wide;
  for (int i = 0; i < 500000; ++i) wide += "x,";
  auto columns = ReadTable("名称\n" + wide + "\n", FileType::kCsv);
  ASSERT_FALSE(columns.ok());
  EXPECT_EQ(columns.error().message, "表格列数超过上限 64（第 2 行 BM 列），请删除多余的列");
  // ...while the empty ones Excel writes after a wide used range are not kept.
  auto commas = ReadTable("名称" + std::string(100000, ',') + "\n甲,乙\n", FileType::kCsv);
  ASSERT_TRUE(commas.ok()) << commas.error().message;
  EXPECT_EQ(commas->header.cells.size(), 64u);
  EXPECT_EQ(commas->rows[0].cells, (std::vector<std::string>{"甲", "乙"}));

  auto text = ReadTable("名称\n" + std::string(3000, 'a') + "\n" + std::string(3000, 'b') + "\n",
                        FileType::kCsv, Limits{.max_text_bytes = 5000});
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message,
            "表格文字总量超过上限 5000 字节（第 3 行 A 列），请删除无关内容或分批导入");

  auto nul = ReadTable(std::string("名称\n甲\0乙\n", 11), FileType::kCsv);
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().message, "文件中含有空字符（第 2 行），不是有效的 CSV 文本");
}

TEST(TableReaderTest, ExcerptsAndColumnNames) {
  EXPECT_EQ(Excerpt("短文本"), "短文本");
  EXPECT_EQ(Excerpt(std::string(20, 'a')), std::string(20, 'a'));
  std::string chinese;
  for (int i = 0; i < 30; ++i) chinese += "字";
  EXPECT_EQ(Excerpt(chinese), chinese.substr(0, 60) + "…");
  EXPECT_EQ(Excerpt("abcdef", 3), "abc…");
  EXPECT_EQ(ColumnName(0), "A");
  EXPECT_EQ(ColumnName(25), "Z");
  EXPECT_EQ(ColumnName(26), "AA");
  EXPECT_EQ(ColumnName(63), "BL");
  EXPECT_EQ(ColumnName(16383), "XFD");
}

TEST(TableReaderTest, DetectsTypes) {
  const std::string_view zip("PK\x03\x04", 4);
  EXPECT_EQ(DetectFileType("", "a.XLSX", "x"), FileType::kXlsx);
  EXPECT_EQ(
      DetectFileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "", "x"),
      FileType::kXlsx);
  EXPECT_EQ(DetectFileType("text/csv; charset=utf-8", "", "a,b"), FileType::kCsv);
  EXPECT_EQ(DetectFileType("text/csv", "a.csv", zip), FileType::kXlsx);  // the bytes win
  EXPECT_EQ(DetectFileType("application/vnd.ms-excel", "单位.csv", "a,b"), FileType::kCsv);
  EXPECT_EQ(DetectFileType("application/octet-stream", "单位.csv", "a,b"), FileType::kCsv);
  EXPECT_EQ(DetectFileType("", "", zip), FileType::kXlsx);
  EXPECT_EQ(DetectFileType("", "", "单位名称,单位类型\n"), FileType::kCsv);
  EXPECT_EQ(DetectFileType("image/png", "", std::string_view("\x89PNG\0", 5)), std::nullopt);
  EXPECT_EQ(DetectFileType("application/pdf", "a.csv", "%PDF-1.7"), std::nullopt);
  EXPECT_EQ(DetectFileType("application/vnd.ms-excel", "a.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
            std::nullopt);
  EXPECT_EQ(DetectFileType("", "", std::string_view("ab\0cd", 5)), std::nullopt);
  EXPECT_EQ(DetectFileType("", "", ""), std::nullopt);
}

}  // namespace
}  // namespace vw::tables
