// One-line and multi-line text fields: what FieldReader lets through
// (issue 12: CR/LF, bidirectional and other control characters).
#include <gtest/gtest.h>

#include "core/json.h"
#include "core/masking.h"

namespace vw {
namespace {

namespace json = boost::json;

// The error FieldReader records for `value` read as one line or several.
Error Refused(const std::string& value, bool multiline) {
  json::object body{{"title", value}};
  FieldReader in(body);
  if (multiline) {
    in.MultilineString("title", "活动简介", 2000);
  } else {
    in.String("title", "活动名称", 100);
  }
  auto st = in.status();
  EXPECT_FALSE(st.ok()) << value;
  return st.ok() ? Error{} : st.error();
}

std::string Read(const std::string& value, bool multiline) {
  json::object body{{"title", value}};
  FieldReader in(body);
  std::string out = multiline ? in.MultilineString("title", "活动简介", 2000)
                              : in.String("title", "活动名称", 100);
  EXPECT_TRUE(in.status().ok()) << value;
  return out;
}

TEST(TextFieldTest, OneLineRefusesLineBreaksAndInvisibleControls) {
  for (const char* value :
       {"职业教育\r\n活动周", "职业教育\n活动周", "职业教育\r活动周", "职业教育\u2028活动周",
        "职业教育\u2029活动周", "职业教育\u0085活动周", "职业教育\v活动周", "职业教育\f活动周"}) {
    Error e = Refused(value, false);
    EXPECT_EQ(e.field, "title");
    EXPECT_EQ(e.message, "活动名称只能填写一行，不能换行");
  }
  EXPECT_EQ(Refused("职业教育\t活动周", false).message, "活动名称只能填写一行，不能含有制表符");
  for (const char* value :
       {"gnp.\u202Eexe", "a\u202Ab", "a\u202Bb", "a\u202Cb", "a\u202Db", "a\u2066b", "a\u2067b",
        "a\u2068b", "a\u2069b", "a\u200Eb", "a\u200Fb", "a\u061Cb"}) {
    EXPECT_EQ(Refused(value, false).message,
              "活动名称含有控制文字方向的不可见字符，请删除后重新填写")
        << value;
  }
  for (const std::string& value :
       {std::string("a\x01b"), std::string("a\x1b[31mb"),
        std::string("a\x7f"
                    "b"),
        std::string("a\u0080b"), std::string("a\u009Bb"), std::string("a\0b", 3)}) {
    EXPECT_EQ(Refused(value, false).message, "活动名称含有不可见的控制字符，请删除后重新填写");
  }
  // What people paste around a title is trimmed, not refused.
  EXPECT_EQ(Read("  职业教育活动周\r\n", false), "职业教育活动周");
  EXPECT_EQ(Read("“技能点亮人生” — 开放日（第2场）", false), "“技能点亮人生” — 开放日（第2场）");
}

TEST(TextFieldTest, SeveralLinesKeepBreaksAsNewlinesOnly) {
  EXPECT_EQ(Read("第一段\r\n第二段\r第三段\u2028第四段\u0085第五段\t（附）", true),
            "第一段\n第二段\n第三段\n第四段\n第五段\t（附）");
  EXPECT_EQ(Read("\n\n  内容  \n\n", true), "内容");
  EXPECT_EQ(Refused("第一段\n\u202E第二段", true).message,
            "活动简介含有控制文字方向的不可见字符，请删除后重新填写");
  EXPECT_EQ(Refused("第一段\n\x07第二段", true).message,
            "活动简介含有不可见的控制字符，请删除后重新填写");
  // Lengths count characters after the breaks are normalised.
  json::object body{{"title", std::string(10, 'a') + "\r\n" + std::string(9, 'b')}};
  FieldReader in(body);
  EXPECT_EQ(in.MultilineString("title", "活动简介", 20).size(), 20u);
  EXPECT_TRUE(in.status().ok());
}

TEST(TextFieldTest, ListItemsAreOneLineEach) {
  json::object body{{"roster", json::array{"张小明", "李小红\n王小刚"}}};
  FieldReader in(body);
  in.StringList("roster", "名单", 10, 20);
  ASSERT_FALSE(in.status().ok());
  EXPECT_EQ(in.status().error().field, "roster");
  EXPECT_EQ(in.status().error().message, "名单只能填写一行，不能换行");
}

TEST(MaskingTest, PersonalFieldsAndContactsInText) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧*");
  EXPECT_EQ(MaskName(""), "");
  EXPECT_EQ(MaskMobile("13812341234"), "138****1234");
  EXPECT_EQ(MaskMobile("028-1234"), "****");
  EXPECT_EQ(MaskDigits("123456789"), "12*****89");
  EXPECT_EQ(MaskDigits("12345"), "1***5");
  EXPECT_EQ(MaskDigits("12"), "**");
  EXPECT_EQ(MaskEmail("zhang.san@example.cn"), "z***@example.cn");
  EXPECT_EQ(MaskContactsIn("电话13812341234、138-1234-1235或 138 1234 1236；邮箱 a.b@x.edu.cn。"),
            "电话138****1234、138****1235或 138****1236；邮箱 a***@x.edu.cn。");
  // Not every number is a mobile: years, amounts, a 12-digit code stay.
  EXPECT_EQ(MaskContactsIn("2025年投入 120000 元，编号 138123412345，@开放日"),
            "2025年投入 120000 元，编号 138123412345，@开放日");
}

}  // namespace
}  // namespace vw
