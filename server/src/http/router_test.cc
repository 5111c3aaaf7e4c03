// Routes declare their path and query parameters; handlers read only those,
// as declared (types, bounds, choices, defaults), and anything else is a bug
// the router answers with 500.
#include "http/router.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "http/reply.h"

namespace vw::http {
namespace {

namespace json = boost::json;

struct Answer {
  unsigned status = 0;
  json::value body;
  std::string field() const { return json::value_to<std::string>(body.at_pointer("/error/field")); }
  std::string message() const {
    return json::value_to<std::string>(body.at_pointer("/error/message"));
  }
};

Answer Call(const Router& router, const std::string& target) {
  RawRequest req(beast_http::verb::get, target, 11);
  RequestContext ctx(req, "test-1", "127.0.0.1");
  Response r = router.Dispatch(ctx);
  return {r.status, json::parse(r.Body())};
}

RouteOptions Public(std::vector<Param> query, std::vector<Param> path = {}) {
  return {.summary = "t",
          .tag = "t",
          .access = Access::kPublic,
          .query = std::move(query),
          .path = std::move(path)};
}

TEST(RouterParamsTest, ReadingAQueryParameterTheRouteDidNotDeclareIs500) {
  Router router;
  router.Add(Verb::get, "/api/list", Public({Param::Int("unit_id", "单位")}),
             [](RequestContext& ctx) {
               VW_HTTP_TRY(unit, ctx.QueryInt("unit_id"));
               VW_HTTP_TRY(keyword, ctx.QueryText("keyword"));  // not declared
               return JsonOk(json::object{{"unit", unit.value_or(0)}, {"keyword", keyword}});
             });
  auto a = Call(router, "/api/list?unit_id=3&keyword=x");
  EXPECT_EQ(a.status, 500u);
  EXPECT_EQ(json::value_to<std::string>(a.body.at_pointer("/error/code")), "internal");
}

TEST(RouterParamsTest, ReadingADeclaredParameterAsAnotherTypeIs500) {
  Router router;
  router.Add(Verb::get, "/api/flag", Public({Param::Flag("roster", "签到名单")}),
             [](RequestContext& ctx) {
               VW_HTTP_TRY(roster, ctx.QueryText("roster"));
               return JsonOk(json::string(roster));
             });
  router.Add(Verb::get, "/api/unit", Public({Param::Int("unit_id", "单位")}),
             [](RequestContext& ctx) {
               VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));  // declared optional
               return JsonOk(unit);
             });
  EXPECT_EQ(Call(router, "/api/flag?roster=1").status, 500u);
  EXPECT_EQ(Call(router, "/api/unit?unit_id=3").status, 500u);
}

TEST(RouterParamsTest, PageNeedsPageAndPageSizeDeclared) {
  Router router;
  auto handler = [](RequestContext& ctx) {
    VW_HTTP_TRY(page, ctx.Page());
    return JsonOk(json::object{{"page", page.page}, {"page_size", page.page_size}});
  };
  router.Add(Verb::get, "/api/undeclared", Public({}), handler);
  router.Add(Verb::get, "/api/paged", Public(Paged({}, 50)), handler);

  EXPECT_EQ(Call(router, "/api/undeclared").status, 500u);
  auto defaults = Call(router, "/api/paged");
  ASSERT_EQ(defaults.status, 200u);
  EXPECT_EQ(defaults.body.at_pointer("/data/page"), 1);
  EXPECT_EQ(defaults.body.at_pointer("/data/page_size"), kDefaultPageSize);
  auto too_big = Call(router, "/api/paged?page=2&page_size=51");
  EXPECT_EQ(too_big.status, 400u);
  EXPECT_EQ(too_big.field(), "page_size");
  EXPECT_EQ(too_big.message(), "每页条数应在1到50之间");
  EXPECT_EQ(Call(router, "/api/paged?page=2&page_size=50").body.at_pointer("/data/page"), 2);
}

TEST(RouterParamsTest, ReadersApplyTheDeclaration) {
  Router router;
  router.Add(
      Verb::get, "/api/export",
      Public({Param::Int("unit_id", "单位").Required(),
              Param::Choice("format", "导出格式", {"xlsx", "pdf"}).Default("xlsx"),
              Param::Text("q", "搜索关键词", 4), Param::Flag("blank", "空白模板")}),
      [](RequestContext& ctx) {
        VW_HTTP_TRY(unit, ctx.RequiredQueryInt("unit_id"));
        VW_HTTP_TRY(format, ctx.QueryText("format"));
        VW_HTTP_TRY(q, ctx.QueryText("q"));
        return JsonOk(json::object{
            {"unit", unit}, {"format", format}, {"q", q}, {"blank", ctx.QueryFlag("blank")}});
      });

  auto missing = Call(router, "/api/export");
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.field(), "unit_id");
  EXPECT_EQ(missing.message(), "请指定单位");
  auto negative = Call(router, "/api/export?unit_id=-2");
  EXPECT_EQ(negative.field(), "unit_id");
  EXPECT_EQ(negative.message(), "单位应为正整数");

  auto ok = Call(router, "/api/export?unit_id=7&q=%20%E5%B7%A5%E4%B8%9A%20&blank=1");
  ASSERT_EQ(ok.status, 200u) << json::serialize(ok.body);
  EXPECT_EQ(ok.body.at_pointer("/data/format"), "xlsx");
  EXPECT_EQ(ok.body.at_pointer("/data/q"), "工业");
  EXPECT_EQ(ok.body.at_pointer("/data/blank"), true);

  auto docx = Call(router, "/api/export?unit_id=7&format=docx");
  EXPECT_EQ(docx.status, 400u);
  EXPECT_EQ(docx.field(), "format");
  EXPECT_EQ(docx.message(), "导出格式应为 xlsx 或 pdf");
  auto long_q = Call(router, "/api/export?unit_id=7&q=abcde");
  EXPECT_EQ(long_q.field(), "q");
  EXPECT_EQ(long_q.message(), "搜索关键词不能超过4个字");
  auto tab = Call(router, "/api/export?unit_id=7&q=a%09b");
  EXPECT_EQ(tab.status, 400u);
  EXPECT_EQ(tab.field(), "q");
}

TEST(RouterParamsTest, PathParametersAreTypedByRuleOrDeclaration) {
  Router router;
  router.Add(Verb::get, "/api/campaigns/{id}/forms/{form}/units/{unit_id}",
             Public({}, {Param::Choice("form", "报表类型", {"summary"})}), [](RequestContext& ctx) {
               VW_HTTP_TRY(id, ctx.PathId("id"));
               VW_HTTP_TRY(unit, ctx.PathId("unit_id"));
               return JsonOk(json::object{
                   {"id", id}, {"unit", unit}, {"form", std::string(ctx.PathParam("form"))}});
             });
  router.Add(Verb::get, "/api/forms/{form}", Public({}), [](RequestContext& ctx) {
    VW_HTTP_TRY(id, ctx.PathId("form"));  // text by rule
    return JsonOk(id);
  });
  router.Add(Verb::get, "/api/units/{id}", Public({}), [](RequestContext& ctx) {
    return JsonOk(json::string(ctx.PathParam("unit_id")));  // not in the pattern
  });

  const Route& route = router.routes().front();
  ASSERT_EQ(route.path_params.size(), 3u);
  EXPECT_EQ(route.path_params[0].type, Param::Type::kInteger);
  EXPECT_EQ(route.path_params[1].type, Param::Type::kString);
  EXPECT_EQ(route.path_params[1].choices, std::vector<std::string>{"summary"});
  EXPECT_EQ(route.path_params[2].type, Param::Type::kInteger);

  auto ok = Call(router, "/api/campaigns/4/forms/summary/units/9");
  ASSERT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.body.at_pointer("/data/unit"), 9);
  EXPECT_EQ(ok.body.at_pointer("/data/form"), "summary");
  EXPECT_EQ(Call(router, "/api/campaigns/x/forms/summary/units/9").status, 404u);
  EXPECT_EQ(Call(router, "/api/forms/3").status, 500u);
  EXPECT_EQ(Call(router, "/api/units/3").status, 500u);
}

TEST(RouterParamsTest, ADeclarationThatDoesNotFitThePatternIsRefusedAtStartUp) {
  Router router;
  auto handler = [](RequestContext&) { return JsonOk(nullptr); };
  EXPECT_THROW(router.Add(Verb::get, "/api/units/{id}",
                          Public({}, {Param::Text("code", "代码", 10)}), handler),
               std::logic_error);
  EXPECT_THROW(
      router.Add(Verb::get, "/api/units",
                 Public({Param::Int("unit_id", "单位"), Param::Int("unit_id", "单位")}), handler),
      std::logic_error);
  EXPECT_TRUE(router.routes().empty());
}

}  // namespace
}  // namespace vw::http
