#include "export/table_reader.h"

#include <gtest/gtest.h>

namespace vw::tables {
namespace {

TEST(TableReaderTest, CsvHandlesQuotesNewlinesAndBom) {
  auto t = ReadTable(
      "\xEF\xBB\xBF名称,说明\r\n\"甲,乙\",\"第一行\n第二行\"\r\n\r\n\"引号\"\"内\", 空格 \r\n",
      FileType::kCsv);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header.cells[0], "名称");
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].cells[0], "甲,乙");
  EXPECT_EQ(t->rows[0].cells[1], "第一行\n第二行");
  EXPECT_EQ(t->rows[1].number, 5);  // blank line 4 skipped, numbering kept
  EXPECT_EQ(t->rows[1].cells[0], "引号\"内");
  EXPECT_EQ(t->rows[1].cells[1], "空格");
}

TEST(TableReaderTest, NonUtf8CsvIsRefusedWithAHint) {
  auto t = ReadTable("\xC3\xFB\xB3\xC6\n", FileType::kCsv);  // GBK bytes
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("UTF-8"), std::string::npos);
}

TEST(TableReaderTest, EmptyAndCorruptFilesAreErrors) {
  EXPECT_FALSE(ReadTable("", FileType::kCsv).ok());
  EXPECT_FALSE(ReadTable("PK\x03\x04garbage", FileType::kXlsx).ok());
  EXPECT_FALSE(ReadTable("\n\n", FileType::kCsv).ok());
}

TEST(TableReaderTest, DetectsTypes) {
  EXPECT_EQ(DetectFileType("", "a.XLSX", ""), FileType::kXlsx);
  EXPECT_EQ(DetectFileType("text/csv", "", "a,b"), FileType::kCsv);
  EXPECT_EQ(DetectFileType("", "", std::string_view("PK\x03\x04", 4)), FileType::kXlsx);
  EXPECT_EQ(DetectFileType("image/png", "", std::string_view("\x89PNG\0", 5)), std::nullopt);
}

}  // namespace
}  // namespace vw::tables
