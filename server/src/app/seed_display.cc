// The played week's display day (seed_display.h).
#include "app/seed_display.h"

#include <boost/json.hpp>

#include "activity/activity.h"
#include "core/time.h"
#include "display/display.h"
#include "org/scope.h"

namespace vw::seed {
namespace {

namespace json = boost::json;

Id UnitNamed(db::Database& db, const std::string& name) {
  db::Session s(db);
  Id id = 0;
  soci::indicator ind = soci::i_ok;
  s.sql() << "SELECT MIN(id) FROM units WHERE name = :n", soci::use(name), soci::into(id, ind);
  if (ind != soci::i_ok) throw std::runtime_error("seed: no unit named " + name);
  return id;
}

json::object Shape(const std::string& id, const std::string& kind, int x, int y, int w, int h,
                   const std::string& label, const std::string& number = "", bool power = false) {
  json::object o{{"id", id}, {"kind", kind}, {"x", x},         {"y", y},
                 {"w", w},   {"h", h},       {"label", label}, {"number", number}};
  o["power"] = power;
  return o;
}

struct College {
  const char* name;
  const char* exhibit;
  const char* category;
  bool power;
  int tables;
  int morning, afternoon;  // visitors counted at its booth on the day
};
constexpr College kColleges[] = {
    {"智能制造学院", "工业机器人编程与智能产线实训成果展示", "装备制造", true, 3, 104, 82},
    {"信息工程学院", "物联网与人工智能应用作品展、VR 体验", "电子信息", true, 2, 131, 110},
    {"建筑与艺术学院", "建筑模型与非遗文创作品展", "土木建筑", false, 3, 71, 61},
    {"经济管理学院", "电商直播带货与财税技能展示", "财经商贸", true, 2, 77, 81},
    {"健康护理学院", "急救技能演示与健康义诊", "医药卫生", false, 2, 66, 51},
};

}  // namespace

int PlayDisplayDay(db::Database& db, Id campaign_id, const Principal& seed, const StepAt& at) {
  org::Scope scope(db);
  activity::ActivityService activities(db, scope);
  display::DisplayService service(db, scope, activities);
  Id school = UnitNamed(db, "四川科技职业学院");
  Id event = 0;
  int version = 0;
  int assigned = 0;
  auto keep = [&](const Result<json::value>& r) -> Status {
    if (!r) return r.error();
    event = r->at("id").as_int64();
    version = static_cast<int>(r->at("version").as_int64());
    return {};
  };

  at(timeutil::ShanghaiToUnix("2025-05-08", 10, 0), "display day", [&]() -> Status {
    display::EventInput in;
    in.campaign_id = campaign_id;
    in.unit_id = school;
    in.title = "职教活动周集中展示日";
    in.venue = "东区科技广场";
    in.day = "2025-05-14";
    in.start_time = "09:30";
    in.end_time = "17:00";
    in.fallback_venue = "体育馆";
    in.fallback_day = "2025-05-15";
    in.setup_time = "5月14日 7:30-9:20";
    in.clear_time = "5月14日 17:00-18:00";
    in.contact = "教务处 伍老师 028-84216688";
    return keep(service.Create(seed, in));
  });
  if (event == 0) return 0;

  at(timeutil::ShanghaiToUnix("2025-05-08", 15, 0), "display plan", [&]() -> Status {
    json::array shapes{Shape("zone", "zone", 1, 1, 38, 11, "学院展示区"),
                       Shape("stage", "stage", 14, 15, 12, 6, "主舞台"),
                       Shape("north", "entrance", 18, 0, 4, 1, "北入口"),
                       Shape("south", "entrance", 0, 21, 1, 3, "西入口"),
                       Shape("p1", "power", 2, 5, 1, 1, ""),
                       Shape("p2", "power", 30, 5, 1, 1, "")};
    for (int i = 0; i < 8; ++i) {
      shapes.push_back(Shape("b" + std::to_string(i + 1), "booth", 2 + i * 4, 2, 3, 3, "",
                             "A0" + std::to_string(i + 1), i % 4 == 0));
    }
    for (int i = 0; i < 4; ++i) {
      shapes.push_back(Shape("c" + std::to_string(i + 1), "booth", 2 + i * 9, 7, 4, 3, "",
                             "B0" + std::to_string(i + 1), i < 2));
    }
    json::object body{{"plan_version", 0}, {"width", 40}, {"height", 24}, {"shapes", shapes}};
    auto plan = display::ReadPlan(body);
    if (!plan) return plan.error();
    return keep(service.SavePlan(seed, event, *plan));
  });

  int hour = 9;
  for (const auto& c : kColleges) {
    at(timeutil::ShanghaiToUnix("2025-05-09", hour++, 30), std::string("display apply ") + c.name,
       [&]() -> Status {
         display::ApplicationInput in;
         in.unit_id = UnitNamed(db, c.name);
         in.exhibit = c.exhibit;
         in.category = c.category;
         in.power = c.power;
         in.network = c.power;
         in.tables = c.tables;
         in.area_m2 = 9;
         in.contact = std::string(c.name) + "学院秘书";
         return keep(service.Apply(seed, event, in));
       });
  }

  at(timeutil::ShanghaiToUnix("2025-05-12", 10, 0), "display booths", [&]() -> Status {
    auto done = service.AutoAssign(seed, event, version);
    VW_RETURN_IF_ERROR(keep(done));
    std::vector<display::Slot> slots{{"09:30", "10:00", "开幕式", "四川科技职业学院"},
                                     {"10:00", "10:30", "工业机器人协同作业表演", "智能制造学院"},
                                     {"10:30", "11:00", "非遗剪纸现场创作", "建筑与艺术学院"},
                                     {"14:00", "14:30", "心肺复苏急救演示", "健康护理学院"},
                                     {"15:00", "15:40", "直播带货技能大比拼", "经济管理学院"}};
    VW_RETURN_IF_ERROR(keep(service.SaveSlots(seed, event, version, slots)));
    auto published = service.Publish(seed, event, version);
    VW_RETURN_IF_ERROR(keep(published));
    assigned = 0;
    for (const auto& a : published->at("applications").as_array()) {
      if (!a.at("booth").as_string().empty()) ++assigned;
    }
    return {};
  });

  // On the day the booths' counters upload their taps (+1 a visitor, in
  // uploads of at most kMaxVisitTaps): the morning at noon, the afternoon
  // at the close.
  auto count = [&](bool morning) -> Status {
    auto current = service.Get(seed, event);
    if (!current) return current.error();
    for (const auto& a : current->at("applications").as_array()) {
      if (a.at("booth").as_string().empty()) continue;
      Id app = a.at("id").as_int64();
      int n = 0;
      for (const auto& c : kColleges) {
        if (a.at("unit_name").as_string() == c.name) n = morning ? c.morning : c.afternoon;
      }
      std::vector<display::VisitTap> taps;
      for (int i = 0; i < n; ++i) {
        taps.push_back(
            {"seed-visit-" + std::to_string(app) + (morning ? "-am-" : "-pm-") + std::to_string(i),
             app, 1});
        if (taps.size() == display::kMaxVisitTaps || i + 1 == n) {
          auto done = service.CountVisitors(seed, event, taps);
          if (!done) return done.error();
          taps.clear();
        }
      }
    }
    return {};
  };
  at(timeutil::ShanghaiToUnix("2025-05-14", 12, 0), "display visitors morning",
     [&]() { return count(true); });
  at(timeutil::ShanghaiToUnix("2025-05-14", 17, 0), "display visitors afternoon",
     [&]() { return count(false); });
  return assigned;
}

}  // namespace vw::seed
