// The published demo programme: the joint 川渝 activities of notice 000
// annex 1, the provincial departments' activities of annex 2, and the
// showcase day of notice 001 (五(三)). Dates and times within the week are
// chosen for the demo where the notices give none.
#include <map>
#include <span>

#include "activity/activity.h"
#include "activity/activity_store.h"
#include "app/seed.h"
#include "campaign/campaign_store.h"
#include "core/time.h"

namespace vw::seed {
namespace {

struct DemoActivity {
  const char* unit;  // unit name as seeded
  const char* title;
  const char* description;
  int first_day, last_day;  // 1..7
  int start_hour, start_minute, end_hour, end_minute;
  const char* place_kind;
  const char* place;
  const char* category;   // category code
  const char* audiences;  // comma-separated codes
  bool featured;
  // The played week's activities take registrations (seed_week.cc).
  int capacity = 0;
  const char* partner = "";      // 校企签约
  const char* enterprises = "";  // 招聘会
  int posts_offered = 0;
};

constexpr const char* kEdu = "四川省教育厅";

const DemoActivity kDemoActivities2025[] = {
    // Annex 1: joint activities with Chongqing, 11-13 May in Chongqing.
    {kEdu, "2025年成渝地区双城经济圈职业教育活动周联合启动仪式",
     "四川省教育厅联合重庆市教育委员会在重庆市举办活动周启动仪式。", 1, 1, 9, 30, 11, 30,
     "off_campus", "重庆市", "cy_launch", "public", true},
    {kEdu, "成渝地区双城经济圈职业教育改革发展成果展示",
     "集中展示川渝两地职业教育改革发展成果，面向社会公众开放。", 1, 3, 9, 0, 17, 0, "off_campus",
     "重庆市", "cy_showcase", "public,parents,pupils", true},
    {kEdu, "首期全国“职业教育大讲堂”", "川渝联合承办首期全国“职业教育大讲堂”。", 2, 2, 14, 0, 16,
     30, "off_campus", "重庆市", "cy_lecture", "public,staff_students", true},
    {kEdu, "第四届“川渝杯”职业院校技能大赛", "川渝两地职业院校学生同台竞技。", 1, 3, 8, 30, 18, 0,
     "off_campus", "重庆市", "cy_contest", "staff_students,public", true},
    // Annex 2: the provincial departments.
    {"中共四川省委网络安全和信息化委员会办公室", "职业教育活动周网上宣传引导",
     "组织做好职业教育活动周网上宣传引导。", 1, 7, 0, 0, 23, 59, "online", "",
     "prov_online_publicity", "public", false},
    {"四川省人力资源和社会保障厅", "“技能照亮前程”培训行动宣传活动",
     "组织开展“技能照亮前程”培训行动宣传活动，宣传技能人才有关政策措施和经验做法。", 5, 5, 9, 30,
     11, 30, "off_campus", "成都市", "prov_skills_training", "public,enterprises", false},
    {"四川省经济和信息化厅", "全省工业和信息化技术技能大赛", "指导全省工业和信息化技术技能大赛。",
     3, 3, 9, 0, 17, 0, "off_campus", "成都市", "prov_industry_contest",
     "enterprises,staff_students", false},
    {"四川省经济和信息化厅", "“劳模工匠赋能新型工业化”宣传", "开展“劳模工匠赋能新型工业化”宣传。",
     3, 3, 14, 0, 16, 0, "online", "", "prov_craftsmen_industry", "public,enterprises", false},
    {"四川省农业农村厅", "生物育种技术科普", "组织开展生物育种技术科普活动。", 2, 2, 9, 30, 11, 30,
     "off_campus", "成都市", "prov_bio_breeding", "pupils,parents,public", false},
    {"四川省政府国有资产监督管理委员会", "中央在川企业、省属国有企业“劳模工匠进校园”",
     "支持中央在川企业、省属国有企业开展“劳模工匠进校园”活动。", 5, 5, 14, 30, 16, 30, "off_campus",
     "成都市", "prov_craftsmen_campus", "staff_students", false},
    {"四川省总工会", "“四川工人大思政课”", "创新打造“四川工人大思政课”。", 1, 1, 14, 30, 16, 30,
     "off_campus", "成都市", "prov_worker_class", "staff_students,public", false},
    {"四川省总工会", "“劳模工匠进校园”走进职业院校宣讲活动",
     "组织各级工会开展“劳模工匠进校园”走进职业院校宣讲活动。", 5, 5, 9, 30, 11, 30, "off_campus",
     "成都市", "prov_craftsmen_campus", "staff_students", false},
    {"共青团四川省委", "“青春就业大讲堂”宣讲活动", "开展“青春就业大讲堂”宣讲活动。", 5, 5, 14, 0,
     16, 0, "off_campus", "成都市", "prov_youth_lecture", "staff_students", false},
    {"共青团四川省委", "“青创导师会客厅”", "开展“青创导师会客厅”，发起职业教育相关网络话题。", 3, 3,
     19, 0, 20, 30, "online", "", "prov_youth_lecture", "staff_students,public", false},
    {"共青团四川省委", "“匠心筑梦 职启未来”主题团日活动", "开展“匠心筑梦 职启未来”主题团日活动。",
     6, 6, 14, 0, 16, 0, "off_campus", "成都市", "prov_youth_day", "staff_students", false},
    {"四川省中华职业教育社", "“职教兴才 技能强国”四川职业教育发展成果图片巡回展",
     "在全省组织开展四川职业教育发展成果图片巡回展。", 1, 7, 9, 0, 17, 0, "off_campus",
     "全省各市（州）", "prov_photo_tour", "public,parents,pupils", false},
    {"四川省中华职业教育社", "走访“同心缝纫社”“同心食坊”送技上门",
     "赴涉藏州县走访“同心缝纫社”“同心食坊”，开展送技上门活动。", 6, 6, 9, 0, 17, 0, "off_campus",
     "甘孜藏族自治州", "service_life", "public", false},
    // Notice 001: the school's showcase day.
    {"教务处", "职教活动周集中展示日",
     "各二级学院在东区科技广场设展位集中展示（如遇极端天气另行调整时间）。", 4, 4, 9, 30, 17, 0,
     "on_campus", "东区科技广场", "campus_open", "public,pupils,parents,staff_students", true},
};

// The played week (seed_week.h): activities of schools and colleges on
// every theme day that take registrations, so the days have people to count.
const DemoActivity kWeekActivities2025[] = {
    {"成都工业职业技术学院", "职业教育体系建设改革研讨会",
     "围绕学习贯彻全国教育大会精神，研讨本校职业教育体系建设改革举措。", 1, 1, 14, 0, 17, 0,
     "on_campus", "图书馆报告厅", "campus_open", "staff_students,public", false, 120},
    {"智能制造学院", "中小学生走进智能制造实训基地",
     "组织中小学生走进工业机器人、数控加工实训室，开展职业体验和劳动教育。", 2, 2, 9, 0, 12, 0,
     "on_campus", "智能制造实训中心", "open_campus", "pupils,parents", true, 80},
    {"成都市财贸职业高级中学", "职业体验开放日", "面向社会公众推介新形态、新职业，开展体验活动。",
     2, 2, 14, 0, 17, 0, "on_campus", "实训楼一楼", "campus_open", "pupils,parents,public", false,
     100},
    {"信息工程学院", "校企集中签约暨产教融合成果展",
     "与合作企业集中签约，展示现代产业学院和订单班建设成果。", 3, 3, 9, 30, 11, 30, "on_campus",
     "信息工程学院报告厅", "signing", "enterprises,staff_students", true, 150,
     "四川云数科技有限公司"},
    {"建筑与艺术学院", "海外办学成果与“中文+职业技能”展示",
     "线上线下结合展示海外办学成果和服务中国企业“走出去”案例。", 4, 4, 10, 0, 16, 0, "on_campus",
     "东区科技广场", "open_campus", "public,staff_students", false, 100},
    {"经济管理学院", "2025届毕业生校园招聘会", "邀请合作企业进校招聘，提供实习和就业岗位。", 5, 5,
     9, 0, 16, 0, "on_campus", "体育馆", "job_fair", "staff_students,enterprises", true, 300, "",
     "四川云数科技有限公司、成都智造装备有限公司、西南物流集团、蜀味餐饮管理有限公司", 420},
    {"成都市技师学院", "技能展示暨创业达人秀", "开展职业技能展示和创业项目路演。", 5, 5, 14, 0, 17,
     0, "on_campus", "实训广场", "open_venue", "public,staff_students", false, 120},
    {"绵阳职业技术学校", "走进社区家电维修志愿服务",
     "师生走进社区，为居民免费维修保养家电、普及用电安全。", 6, 6, 9, 0, 12, 0, "off_campus",
     "绵阳市涪城区城厢街道社区服务中心", "service_repair", "public", false, 60},
    {"宜宾职业技术学院", "酒文化与传统工艺展示", "展示酿酒、竹编等地方特色传统工艺和专业成果。", 7,
     7, 9, 30, 16, 30, "on_campus", "校史馆广场", "service_craft", "public,parents,pupils", true,
     150},
    {"智能制造学院", "无人机与智能装备特色体验日", "面向社会公众开放无人机操控和智能装备体验。", 7,
     7, 14, 0, 17, 0, "on_campus", "智能制造实训中心", "campus_open", "public,pupils,parents",
     false, 80},
};

void AddActivities(db::Session& s, Id campaign_id, std::span<const DemoActivity> table) {
  std::map<std::string, Id> category;
  for (const auto& c : campaign::store::LoadCategories(s, campaign_id)) category[c.code] = c.id;
  std::vector<campaign::ThemeDay> days = campaign::store::LoadDays(s, campaign_id);
  for (const auto& d : table) {
    Id unit = UnitIdByName(s, d.unit);
    const auto& first = days.at(d.first_day - 1);
    const auto& last = days.at(d.last_day - 1);
    activity::ActivityInput in;
    in.unit_id = unit;
    in.title = d.title;
    in.description = d.description;
    in.theme_day_id = first.id;
    in.starts_at = timeutil::ShanghaiToUnix(first.date, d.start_hour, d.start_minute);
    in.ends_at = timeutil::ShanghaiToUnix(last.date, d.end_hour, d.end_minute);
    in.place_kind = d.place_kind;
    in.place = d.place;
    if (in.place_kind == "online") in.online_url = "https://live.example.cn/vocweek2025";
    in.category_id = category.at(d.category);
    std::string codes = d.audiences;
    for (std::size_t pos = 0; pos <= codes.size();) {
      std::size_t comma = codes.find(',', pos);
      if (comma == std::string::npos) comma = codes.size();
      in.audiences.push_back(codes.substr(pos, comma - pos));
      pos = comma + 1;
    }
    in.open_to_public = true;
    in.featured = d.featured;
    in.organiser = d.unit;
    in.capacity = d.capacity;
    in.registration_required = d.capacity > 0;
    in.partner = d.partner;
    in.enterprises = d.enterprises;
    in.posts_offered = d.posts_offered;
    Id id = activity::store::Insert(s, campaign_id, in, 0);
    if (in.place_kind == "off_campus") {
      activity::Filing f;
      f.destination = d.place;
      f.teacher_in_charge = d.unit;
      f.transport = "自行安排";
      f.safety_plan = "按主办单位安全工作方案执行";
      activity::store::SaveFiling(s, id, f, 0);
      activity::store::DecideFiling(s, id, 0, "");
    }
    activity::store::SetStatus(s, id, 1, "draft", "published");  // a fresh insert
  }
}

}  // namespace

void AddDemoActivities(db::Session& s, Id campaign_id) {
  AddActivities(s, campaign_id, kDemoActivities2025);
}

void AddWeekActivities(db::Session& s, Id campaign_id) {
  AddActivities(s, campaign_id, kWeekActivities2025);
}

}  // namespace vw::seed
