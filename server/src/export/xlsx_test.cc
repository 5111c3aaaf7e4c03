#include "export/xlsx.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>

#include "export/table_reader.h"

namespace vw::xlsx {
namespace {

// One entry of a zip archive in memory; nullopt when it is missing.
std::optional<std::string> Entry(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!archive) {
    if (source) zip_source_free(source);
    return std::nullopt;
  }
  std::optional<std::string> out;
  zip_stat_t st;
  if (zip_stat(archive, name, 0, &st) == 0) {
    std::string content(st.size, '\0');
    if (zip_file_t* file = zip_fopen(archive, name, 0)) {
      if (zip_fread(file, content.data(), content.size()) == static_cast<zip_int64_t>(st.size)) {
        out = std::move(content);
      }
      zip_fclose(file);
    }
  }
  zip_close(archive);  // frees the source
  return out;
}

// A template as the activity import hands it out: no title or info rows,
// a shaded header, text cells, the header row frozen; and a second sheet.
TEST(XlsxTest, WorkbookOfSheetsWithoutTitleRowsFillsFrozenPanesAndTextCells) {
  doc::TableDocument sheet;
  sheet.sheet_name = "活动安排";
  sheet.text_cells = true;
  sheet.freeze_rows = 1;
  doc::Cell required{"活动名称*"};
  required.fill = 0xFCE4D6;
  sheet.header = {doc::Row{{required, {"主办单位"}, {"开始时间*"}}}};
  sheet.body = {doc::Row{{{"开放日"}, {"智能制造学院"}, {"2025-05-12 09:30"}}}};
  doc::TableDocument help;
  help.sheet_name = "填写说明";
  help.title = "说明";
  help.body = {doc::Row{{{"主题日"}, {"职普融通体验日"}}}};

  auto bytes = RenderWorkbook({sheet, help});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;

  // The first sheet's header is its first row, all three columns written
  // although the document gives no widths.
  auto table = tables::ReadTable(*bytes, tables::FileType::kXlsx);
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->header.number, 1);
  EXPECT_EQ(table->header.cells, (std::vector<std::string>{"活动名称*", "主办单位", "开始时间*"}));
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells[2], "2025-05-12 09:30");

  auto workbook = Entry(*bytes, "xl/workbook.xml");
  ASSERT_TRUE(workbook);
  pugi::xml_document wb;
  ASSERT_TRUE(wb.load_string(workbook->c_str()));
  auto sheets = wb.select_nodes("//*[local-name()='sheet']");
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_STREQ(sheets[1].node().attribute("name").value(), "填写说明");

  auto first = Entry(*bytes, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(first);
  pugi::xml_document ws;
  ASSERT_TRUE(ws.load_string(first->c_str()));
  EXPECT_STREQ(ws.select_node("//*[local-name()='pane']").node().attribute("ySplit").value(), "1");

  // The header cell's fill and the body's text format (@).
  auto styles = Entry(*bytes, "xl/styles.xml");
  ASSERT_TRUE(styles);
  pugi::xml_document st;
  ASSERT_TRUE(st.load_string(styles->c_str()));
  auto xfs = st.select_nodes("//*[local-name()='cellXfs']/*[local-name()='xf']");
  auto xf_of = [&](const char* ref) {
    std::string query = "//*[local-name()='c'][@r='" + std::string(ref) + "']";
    int s = ws.select_node(query.c_str()).node().attribute("s").as_int(-1);
    return s >= 0 && static_cast<std::size_t>(s) < xfs.size() ? xfs[s].node() : pugi::xml_node();
  };
  pugi::xml_node head = xf_of("A1");
  ASSERT_TRUE(head);
  auto fills = st.select_nodes("//*[local-name()='fills']/*[local-name()='fill']");
  int fill = head.attribute("fillId").as_int();
  ASSERT_LT(static_cast<std::size_t>(fill), fills.size());
  EXPECT_STREQ(fills[fill]
                   .node()
                   .select_node(".//*[local-name()='fgColor']")
                   .node()
                   .attribute("rgb")
                   .value(),
               "FFFCE4D6");
  auto format_code = [&](const pugi::xml_node& xf) {
    int id = xf.attribute("numFmtId").as_int();
    if (id == 49) return std::string("@");
    std::string query = "//*[local-name()='numFmt'][@numFmtId='" + std::to_string(id) + "']";
    return std::string(st.select_node(query.c_str()).node().attribute("formatCode").value());
  };
  EXPECT_EQ(format_code(xf_of("C2")), "@");
  EXPECT_EQ(format_code(xf_of("B1")), "");  // the header is not text
}

// A ratio is stored as the percentage it shows, without the float noise of
// the arithmetic that made it (0.55 / 100 = 0.005500000000000001).
TEST(XlsxTest, NumberCellsStoreTheRoundedValueTheyShow) {
  doc::TableDocument d;
  d.sheet_name = "情况统计表";
  d.header = {doc::Row{{{"单位"}, {"学生覆盖率"}, {"人数"}}}};
  auto ratio = [](double percent) {
    doc::Cell c{""};
    c.number = percent / 100.0;
    c.percent = true;
    return c;
  };
  doc::Cell sum{"0.3"};
  sum.number = 0.1 + 0.2;
  d.body = {doc::Row{{{"甲"}, ratio(0.55), sum}}, doc::Row{{{"乙"}, ratio(100.0 / 3), {"8"}}}};
  ASSERT_NE(0.55 / 100.0, 0.0055);  // the noise this guards against

  auto bytes = RenderTable(d);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto table = tables::ReadTable(*bytes, tables::FileType::kXlsx);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].cells[1], "0.0055");
  EXPECT_EQ(table->rows[0].cells[2], "0.3");
  EXPECT_EQ(table->rows[1].cells[1], "0.3333");

  // The stored text itself, not only what the reader makes of it.
  auto sheet = Entry(*bytes, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet);
  pugi::xml_document ws;
  ASSERT_TRUE(ws.load_string(sheet->c_str()));
  auto value = [&](const char* ref) {
    std::string query = "//*[local-name()='c'][@r='" + std::string(ref) + "']/*[local-name()='v']";
    return std::string(ws.select_node(query.c_str()).node().text().get());
  };
  EXPECT_EQ(value("B2"), "0.0055");
  EXPECT_EQ(value("C2"), "0.3");
  EXPECT_EQ(value("B3"), "0.3333");
}

}  // namespace
}  // namespace vw::xlsx
