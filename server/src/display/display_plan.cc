// The venue plan: reading, checking and storing it (display.h).
#include <set>

#include "display/display.h"

namespace vw::display {
namespace {

const std::vector<std::string> kShapeKinds = {"zone", "booth", "stage", "entrance", "power"};

const char* KindName(const std::string& kind) {
  if (kind == "zone") return "区域";
  if (kind == "booth") return "展位";
  if (kind == "stage") return "舞台";
  if (kind == "entrance") return "出入口";
  if (kind == "power") return "电源点";
  return "图形";
}

// Strict overlap of two rectangles (touching edges do not overlap).
bool Overlap(const Shape& a, const Shape& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
// Overlap or a shared edge.
bool Touch(const Shape& a, const Shape& b) {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}

std::string Name(const Shape& s) {
  std::string name = KindName(s.kind);
  if (!s.number.empty()) return name + " " + s.number;
  if (!s.label.empty()) return name + "“" + s.label + "”";
  return name + " " + s.id;
}

}  // namespace

Result<Plan> ReadPlan(const json::object& body) {
  FieldReader f(body);
  Plan plan;
  plan.plan_version =
      static_cast<int>(f.RequiredInt("plan_version", "【平面图版本】", 0, INT32_MAX));
  plan.width = f.RequiredInt("width", "【场地宽度】", kMinSite, kMaxSite);
  plan.height = f.RequiredInt("height", "【场地长度】", kMinSite, kMaxSite);
  VW_RETURN_IF_ERROR(f.status());
  auto found = body.find("shapes");
  if (found == body.end() || !found->value().is_array()) {
    return Error::Invalid("shapes", "【图形】应为列表");
  }
  const auto& list = found->value().as_array();
  if (list.size() > kMaxShapes) {
    return Error::Invalid("shapes", "【图形】最多" + std::to_string(kMaxShapes) + "个，当前" +
                                        std::to_string(list.size()) + "个");
  }
  std::set<std::string> ids, numbers;
  for (const auto& v : list) {
    if (!v.is_object()) return Error::Invalid("shapes", "【图形】的每一项应为对象");
    FieldReader e(v.as_object());
    Shape s;
    s.id = e.RequiredString("id", "【图形编号】", kMaxShapeId);
    s.kind = e.RequiredEnum("kind", "【图形类型】", kShapeKinds);
    s.x = e.RequiredInt("x", "【横向位置】", -kMaxSite, kMaxSite);
    s.y = e.RequiredInt("y", "【纵向位置】", -kMaxSite, kMaxSite);
    s.w = e.RequiredInt("w", "【宽度】", 1, kMaxSite);
    s.h = e.RequiredInt("h", "【长度】", 1, kMaxSite);
    s.label = e.String("label", "【名称】", kMaxLabel);
    s.number = e.String("number", "【展位号】", kMaxBoothNumber);
    s.power = e.Bool("power", "【有电源】", false);
    if (auto st = e.status(); !st) {
      Error err = st.error();
      err.field = "shapes";
      return err;
    }
    if (!ids.insert(s.id).second) {
      return Error::Invalid("shapes", "【图形编号】“" + s.id + "”重复");
    }
    if (s.x < 0 || s.y < 0 || s.x + s.w > plan.width || s.y + s.h > plan.height) {
      return Error::Invalid("shapes", "【图形】" + Name(s) + "超出场地范围（场地 " +
                                          std::to_string(plan.width) + "×" +
                                          std::to_string(plan.height) + " 米）");
    }
    if (s.kind == "booth") {
      if (s.number.empty()) return Error::Invalid("shapes", "【展位号】每个展位都需要编号");
      if (!numbers.insert(s.number).second) {
        return Error::Invalid("shapes", "【展位号】“" + s.number + "”重复");
      }
    } else {
      s.number.clear();
      s.power = false;
    }
    plan.shapes.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < plan.shapes.size(); ++i) {
    const Shape& a = plan.shapes[i];
    if (a.kind != "booth" && a.kind != "stage") continue;
    for (std::size_t j = i + 1; j < plan.shapes.size(); ++j) {
      const Shape& b = plan.shapes[j];
      if (b.kind != "booth" && b.kind != "stage") continue;
      if (a.kind == "stage" && b.kind == "stage") continue;
      if (Overlap(a, b)) {
        return Error::Invalid("shapes", "【展位】" + Name(a) + "与" + Name(b) + "重叠");
      }
    }
  }
  return plan;
}

json::object PlanJson(const Plan& plan) {
  json::array shapes;
  for (const auto& s : plan.shapes) {
    json::object o{{"id", s.id}, {"kind", s.kind}, {"x", s.x},        {"y", s.y},
                   {"w", s.w},   {"h", s.h},       {"label", s.label}};
    if (s.kind == "booth") {
      o["number"] = s.number;
      o["power"] = s.power;
      o["has_power"] = BoothHasPower(plan, s);
    }
    shapes.push_back(std::move(o));
  }
  return {{"plan_version", plan.plan_version},
          {"width", plan.width},
          {"height", plan.height},
          {"shapes", std::move(shapes)}};
}

Plan ParsePlan(const std::string& text) {
  Plan plan;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object() || !v.as_object().contains("shapes")) return plan;
  auto read = ReadPlan(v.as_object());
  return read ? *read : plan;
}

bool BoothHasPower(const Plan& plan, const Shape& booth) {
  if (booth.power) return true;
  for (const auto& s : plan.shapes) {
    if (s.kind == "power" && Touch(s, booth)) return true;
  }
  return false;
}

}  // namespace vw::display
