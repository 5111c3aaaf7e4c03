#include "app/seed.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <map>

#include "auth/auth.h"
#include "campaign/campaign.h"
#include "campaign/campaign_store.h"
#include "campaign/notice_texts.h"
#include "core/embedded.h"
#include "core/time.h"
#include "db/migrations.h"
#include "org/org.h"

namespace vw::seed {
namespace embedded {
const std::vector<EmbeddedFile>& Files();
}  // namespace embedded

namespace {

namespace json = boost::json;

constexpr const char* kDemoPassword = "Demo@2025";

std::string PadRegion(std::string code) {
  while (code.size() < 6) code.push_back('0');
  return code;
}

std::string_view DivisionsJson() {
  for (const auto& f : embedded::Files()) {
    if (f.name == "sichuan-divisions.json") return f.content;
  }
  throw std::logic_error("sichuan-divisions.json is not embedded");
}

struct Prefecture {
  std::string code;
  std::string name;
};

std::vector<Prefecture> Prefectures() {
  std::vector<Prefecture> out;
  json::value root = json::parse(DivisionsJson());
  for (const auto& c : root.at("province").at("children").as_array()) {
    out.push_back(
        {PadRegion(std::string(c.at("code").as_string())), std::string(c.at("name").as_string())});
  }
  return out;
}

// Creates a unit through the service, so that seeding passes the same
// validation as the API; a failure here is a bug in the seed data.
Id AddUnit(db::Session& s, org::UnitService& units, const org::UnitInput& in) {
  auto u = units.CreateIn(s, Principal::System("seed"), in);
  if (!u) throw std::runtime_error("seed unit " + in.name + ": " + u.error().message);
  return u->id;
}

org::UnitInput Unit(std::optional<Id> parent, std::string kind, std::string name,
                    std::string region, int sort_order = 0) {
  org::UnitInput in;
  in.parent_id = parent;
  in.kind = std::move(kind);
  in.name = std::move(name);
  in.region_code = std::move(region);
  in.sort_order = sort_order;
  return in;
}

org::UnitInput School(Id parent, std::string kind, std::string name, std::string region,
                      std::string moe_code, std::int64_t students, std::int64_t staff) {
  org::UnitInput in = Unit(parent, std::move(kind), std::move(name), std::move(region));
  in.moe_code = std::move(moe_code);
  in.enrolled_students = students;
  in.staff_count = staff;
  return in;
}

Id AddUser(db::Session& s, auth::UserService& users, const std::string& username,
           const std::string& display_name, Id unit_id, const std::string& position,
           std::vector<Grant> grants) {
  auth::UserInput in;
  in.username = username;
  in.display_name = display_name;
  in.unit_id = unit_id;
  in.position = position;
  in.password = kDemoPassword;
  in.grants = std::move(grants);
  auto u = users.CreateIn(s, Principal::System("seed"), in);
  if (!u) throw std::runtime_error("seed user " + username + ": " + u.error().message);
  // Demo accounts are shared on purpose; do not force a password change.
  s.sql() << "UPDATE users SET must_change_password = 0 WHERE id = :id", soci::use(u->id);
  return u->id;
}

// Shanghai wall-clock time → stored UTC text.
std::string At(const std::string& date, int hour, int minute) {
  return timeutil::FormatUtc(timeutil::ShanghaiToUnix(date, hour, minute, 0));
}

struct DayText {
  const char* name;
  const char* description;
};

// Notice 000, annex 3 ("七天主题活动日"安排).
const DayText kDays2025[] = {
    {"职教发展研讨日",
     "各地教育工作领导小组、教育主管部门以及职业学校围绕学习贯彻全国教育大会精神，就本地区、"
     "本单位职业教育体系建设改革、支持职业教育发展等方面开展研讨活动。"},
    {"职普融通体验日",
     "组织中小学生走进职业学校、实践基地，开展职业体验和劳动教育等活动；组织职业学校面向社会公众"
     "推介新形态、新职业，并开展体验活动。"},
    {"产教融合示范日",
     "围绕职业教育布局体系，宣传职业教育服务区域协调发展、支撑产业高质量发展中的重要作用，展示市"
     "域产教联合体、行业产教融合共同体，以及“五金”建设等成果。"},
    {"职教出海展示日",
     "组织宣传职业教育国际合作的最新成果，鼓励有条件的职业学校通过线上线下结合的方式，展示海外办"
     "学成果或服务中国企业案例，宣传职教出海增进两国民心相通的发展成果。鼓励各职业学校因地制宜，"
     "将活动周拓展到海外，提升职业教育的国际影响力。"},
    {"技能人才风采日",
     "组织开展大国工匠、劳模工匠进校园，与青年学子共话匠心；开展职业技能展示活动、创业达人秀，以"
     "及职业学校毕业生就业招聘会等。"},
    {"职教志愿服务日",
     "组织职业学校师生深入社区、乡村、企业等，开展各类技能服务活动，展现职业教育的良好形象。"},
    {"地方特色活动日",
     "各地各职业学校根据自身职业教育特色，组织开展其他方面的亮点活动，充分展示职业教育的发展成果"
     "。"},
};

struct CategoryText {
  const char* code;
  const char* name;
  const char* group;
  const char* detail_fields;
  // The units whose programme entry this is ("" = any unit may use it);
  // a second owner after "|".
  const char* owners = "";
};

// Meant for these unit levels: the provincial programme (annexes 1-2) for
// authorities, the rest for schools and their colleges.
constexpr const char* kProgrammeLevels = "authority";
constexpr const char* kSchoolLevels = "school,department";

// Notice 000 annexes 1-2 and section 三, notice 001 section 三.
const CategoryText kCategories2025[] = {
    {"cy_launch", "成渝职教活动周联合启动仪式", "川渝联合活动", "", "四川省教育厅"},
    {"cy_showcase", "成渝职业教育改革发展成果展示", "川渝联合活动", "", "四川省教育厅"},
    {"cy_lecture", "全国“职业教育大讲堂”", "川渝联合活动", "", "四川省教育厅"},
    {"cy_contest", "“川渝杯”职业院校技能大赛", "川渝联合活动", "", "四川省教育厅"},
    {"prov_online_publicity", "职业教育活动周网上宣传引导", "省级部门活动", "",
     "中共四川省委网络安全和信息化委员会办公室"},
    {"prov_skills_training", "“技能照亮前程”培训行动宣传", "省级部门活动", "",
     "四川省人力资源和社会保障厅"},
    {"prov_industry_contest", "工业和信息化技术技能大赛", "省级部门活动", "",
     "四川省经济和信息化厅"},
    {"prov_craftsmen_industry", "“劳模工匠赋能新型工业化”宣传", "省级部门活动", "",
     "四川省经济和信息化厅"},
    {"prov_bio_breeding", "生物育种技术科普", "省级部门活动", "", "四川省农业农村厅"},
    {"prov_craftsmen_campus", "“劳模工匠进校园”", "省级部门活动", "",
     "四川省政府国有资产监督管理委员会|四川省总工会"},
    {"prov_worker_class", "“四川工人大思政课”", "省级部门活动", "", "四川省总工会"},
    {"prov_youth_lecture", "“青春就业大讲堂”", "省级部门活动", "", "共青团四川省委"},
    {"prov_youth_day", "“匠心筑梦 职启未来”主题团日", "省级部门活动", "", "共青团四川省委"},
    {"prov_photo_tour", "职业教育发展成果图片巡回展", "省级部门活动", "", "四川省中华职业教育社"},
    {"open_enterprise", "开放企业", "四开放", ""},
    {"open_campus", "开放校园", "四开放", ""},
    {"open_institute", "开放院所", "四开放", ""},
    {"open_venue", "开放赛场", "四开放", ""},
    {"three_close", "三贴近（贴近社会、贴近生活、贴近群众）", "三贴近", ""},
    {"into_community", "走进社区", "两走进", ""},
    {"into_village", "走进乡村", "两走进", ""},
    {"cloud_week", "云上活动周", "线上活动", ""},
    {"online_campus", "线上逛校园", "线上活动", ""},
    {"online_open_day", "网上开放日", "线上活动", ""},
    {"alumni_visit", "优秀校友寻访（访企拓岗）", "学校活动清单", ""},
    {"alumni_return", "校友返校及工匠进校园", "学校活动清单", ""},
    {"signing", "校企集中签约", "学校活动清单", "partner,cooperation"},
    {"campus_open", "校园开放活动", "学校活动清单", ""},
    {"job_fair", "校园招聘会", "学校活动清单", "enterprises,posts"},
    {"service_health", "健康护理", "社会服务", ""},
    {"service_life", "生活服务", "社会服务", ""},
    {"service_repair", "家电维修保养", "社会服务", ""},
    {"service_craft", "传统工艺", "社会服务", ""},
    {"service_etiquette", "商务礼仪", "社会服务", ""},
    {"service_environment", "环境保护知识", "社会服务", ""},
};

}  // namespace

void EnsureRegions(db::Database& db) {
  db::Session s(db);
  std::int64_t count = 0;
  s.sql() << "SELECT COUNT(*) FROM regions", soci::into(count);
  if (count > 0) return;
  db::Transaction tx(s);
  json::value root = json::parse(DivisionsJson());
  const auto& province = root.at("province").as_object();
  std::string pcode = PadRegion(std::string(province.at("code").as_string()));
  auto insert = [&s](const std::string& code, const std::string& name, const std::string& parent,
                     int level) {
    // Nodes starting together on a fresh PostgreSQL insert the same rows:
    // the later one waits for the first's commit and then adds nothing.
    s.sql() << "INSERT INTO regions (code, name, parent_code, level) VALUES (:c, :n, :p, :l) "
               "ON CONFLICT (code) DO NOTHING",
        soci::use(code), soci::use(name), soci::use(parent), soci::use(level);
  };
  insert(pcode, std::string(province.at("name").as_string()), "", 1);
  for (const auto& city : province.at("children").as_array()) {
    std::string ccode = PadRegion(std::string(city.at("code").as_string()));
    insert(ccode, std::string(city.at("name").as_string()), pcode, 2);
    if (const auto* counties = city.as_object().if_contains("children")) {
      for (const auto& county : counties->as_array()) {
        insert(PadRegion(std::string(county.at("code").as_string())),
               std::string(county.at("name").as_string()), ccode, 3);
      }
    }
  }
  tx.Commit();
}

std::set<std::string> TablesFilledAtInstall() {
  // Migrating this scratch database is not news for the log.
  auto level = spdlog::get_level();
  spdlog::set_level(spdlog::level::warn);
  db::Database db({":memory:", 1, ""});
  db::Migrate(db);
  EnsureRegions(db);
  spdlog::set_level(level);
  db::Session s(db);
  std::vector<std::string> tables;
  soci::rowset<std::string> names =
      (s.sql().prepare << "SELECT name FROM sqlite_master "
                          "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  for (const auto& name : names) tables.push_back(name);
  std::set<std::string> filled;
  for (const auto& table : tables) {
    std::int64_t rows = 0;
    // Table names come from the catalogue of this in-memory database.
    s.sql() << "SELECT COUNT(*) FROM \"" + table + "\"", soci::into(rows);
    if (rows > 0) filled.insert(table);
  }
  return filled;
}

std::vector<DemoAccount> DemoAccounts() {
  return {
      {"admin", kDemoPassword, "系统管理员（管理活动周）"},
      {"province", kDemoPassword, "四川省教育厅职业教育处（单位管理员、审核员；省人社厅查看者）"},
      {"chengdu", kDemoPassword, "成都市教育局（单位管理员、审核员）"},
      {"sctc", kDemoPassword, "四川科技职业学院教务处（学校单位管理员、审核员）"},
      {"sctc-college", kDemoPassword, "四川科技职业学院智能制造学院秘书（活动组织者、宣传专员）"},
      {"school2", kDemoPassword, "成都工业职业技术学院（另一所学校的单位管理员）"},
  };
}

Result<std::vector<DemoAccount>> SeedDemo(db::Database& db) {
  EnsureRegions(db);
  org::Scope scope(db);
  org::UnitService units(db, scope);
  auth::UserService users(db, scope);
  campaign::CampaignService campaigns(db, scope);

  Id sctc = 0, campaign_id = 0;
  {
    db::Session s(db);
    db::Transaction tx(s);
    std::int64_t existing = 0;
    s.sql() << "SELECT COUNT(*) FROM units", soci::into(existing);
    if (existing > 0) return Error::Conflict("数据库中已有单位数据，未写入演示数据");

    // Provincial bodies of notice 000 (the nine departments).
    Id edu = AddUnit(s, units, Unit(std::nullopt, "province_edu", "四川省教育厅", "510000", 1));
    Id hr = AddUnit(s, units,
                    Unit(std::nullopt, "province_hr", "四川省人力资源和社会保障厅", "510000", 2));
    int order = 3;
    for (const char* name : {"中共四川省委网络安全和信息化委员会办公室", "四川省经济和信息化厅",
                             "四川省农业农村厅", "四川省政府国有资产监督管理委员会", "四川省总工会",
                             "共青团四川省委", "四川省中华职业教育社"}) {
      AddUnit(s, units, Unit(std::nullopt, "province_partner", name, "510000", order++));
    }

    // Each city/prefecture has an education bureau and an HR bureau.
    std::map<std::string, Id> city_edu, city_hr;
    order = 1;
    for (const auto& p : Prefectures()) {
      city_edu[p.code] = AddUnit(s, units, Unit(edu, "city_edu", p.name + "教育局", p.code, order));
      city_hr[p.code] =
          AddUnit(s, units, Unit(hr, "city_hr", p.name + "人力资源和社会保障局", p.code, order));
      ++order;
    }

    // Demo schools of the three kinds (MOE codes are format-valid demo values).
    sctc = AddUnit(
        s, units,
        School(edu, "higher_school", "四川科技职业学院", "510100", "4151013901", 21000, 980));
    Id school2 = AddUnit(
        s, units,
        School(edu, "higher_school", "成都工业职业技术学院", "510100", "4151012345", 16000, 820));
    AddUnit(s, units,
            School(edu, "higher_school", "宜宾职业技术学院", "511500", "4151012346", 18000, 900));
    AddUnit(s, units,
            School(city_edu.at("510100"), "secondary_school", "成都市财贸职业高级中学", "510100",
                   "3151010001", 3200, 210));
    AddUnit(s, units,
            School(city_edu.at("510700"), "secondary_school", "绵阳职业技术学校", "510700",
                   "3151070001", 4100, 260));
    AddUnit(s, units,
            School(city_hr.at("510100"), "technical_school", "成都市技师学院", "510100", "", 9000,
                   520));
    AddUnit(s, units,
            School(city_hr.at("511500"), "technical_school", "宜宾市高级技工学校", "511500", "",
                   5200, 300));

    // Inside 四川科技职业学院: colleges and the offices of notice 001.
    std::map<std::string, Id> dept;
    order = 1;
    for (const char* name :
         {"智能制造学院", "信息工程学院", "建筑与艺术学院", "经济管理学院", "健康护理学院"}) {
      org::UnitInput in = Unit(sctc, "college", name, "510100", order++);
      in.enrolled_students = 4200;
      in.staff_count = 150;
      dept[name] = AddUnit(s, units, in);
    }
    for (const char* name :
         {"教务处", "学生处（团委）", "AIGC新媒体中心", "信息中心", "后勤处", "保卫处"}) {
      dept[name] = AddUnit(s, units, Unit(sctc, "office", name, "510100", order++));
    }

    // Demo accounts.
    Id chengdu = city_edu.at("510100");
    AddUser(s, users, "province", "寇景轩", edu, "职业教育处",
            {{edu, Role::kUnitAdmin}, {edu, Role::kReviewer}, {hr, Role::kViewer}});
    AddUser(s, users, "chengdu", "成都市教育局职成处", chengdu, "职成处",
            {{chengdu, Role::kUnitAdmin}, {chengdu, Role::kReviewer}});
    AddUser(s, users, "sctc", "鄢涛", dept.at("教务处"), "教务处",
            {{sctc, Role::kUnitAdmin}, {sctc, Role::kReviewer}});
    AddUser(
        s, users, "sctc-college", "智能制造学院秘书", dept.at("智能制造学院"), "学院秘书",
        {{dept.at("智能制造学院"), Role::kOrganiser}, {dept.at("智能制造学院"), Role::kPublicity}});
    AddUser(s, users, "school2", "成都工业职院教务处", school2, "教务处",
            {{school2, Role::kUnitAdmin}});

    // The 2025 campaign (notice 000) and its deadlines at both levels.
    campaign::Campaign c;
    c.year = 2025;
    c.name = "2025年成渝地区双城经济圈职业教育活动周";
    c.theme = "一技在手，一生无忧";
    c.starts_on = "2025-05-11";
    c.ends_on = "2025-05-17";
    c.status = "active";
    c.organiser_unit_id = edu;
    c.source_notice =
        "川教函〔2025〕119号；四川科技职业学院教务处《关于做好2025年职业教育活动周相关工作的通知》";
    campaign_id = campaign::store::InsertCampaign(s, c);
    campaign::InsertDefaultNoticeTexts(s, campaign_id);
    for (int i = 0; i < 7; ++i) {
      campaign::ThemeDay d;
      d.day_index = i + 1;
      d.date = timeutil::AddDays(c.starts_on, i);
      d.name = kDays2025[i].name;
      d.description = kDays2025[i].description;
      campaign::store::InsertDay(s, campaign_id, d);
    }
    auto deadline = [&](std::optional<Id> collector, const char* form, const char* title,
                        std::string due, const char* note, int sort) {
      campaign::Deadline d;
      d.collector_unit_id = collector;
      d.form = form;
      d.title = title;
      d.due_at = std::move(due);
      d.note = note;
      d.sort_order = sort;
      campaign::store::InsertDeadline(s, campaign_id, d);
    };
    deadline(
        std::nullopt, "plan", "报送活动周活动方案及联络员", At("2025-05-13", 23, 59),
        "市（州）教育主管部门审核汇总属地中职学校方案；高职学校报送本校方案；技工院校报送人社厅",
        1);
    deadline(std::nullopt, "info_form", "报送《2025年职业教育活动周信息采集表》",
             At("2025-05-13", 23, 59),
             "盖章PDF扫描件和EXCEL版本，通过OA报送并发送至教育厅职业教育处邮箱", 2);
    deadline(std::nullopt, "statistics", "报送《2025年四川省职业教育活动周情况统计表》",
             At("2025-05-24", 23, 59), "活动周结束后一周内", 3);
    deadline(
        std::nullopt, "summary", "报送活动周工作总结报告", At("2025-05-24", 23, 59),
        "包括基本情况、主要做法和措施、取得成效、活动亮点、典型案例、媒体宣传情况、存在问题及建议",
        4);
    deadline(sctc, "info_form", "二级学院提交《2025年职教活动周信息表》", At("2025-05-12", 18, 0),
             "电子版提交至教务处鄢涛老师", 1);
    deadline(sctc, "event", "职教活动周集中展示日（东区科技广场设展位）", At("2025-05-14", 9, 30),
             "9:30-17:00；如遇极端天气另行调整", 2);
    deadline(sctc, "summary", "提交职教周工作总结报告", At("2025-05-21", 23, 59),
             "提交至教务处鄢涛老师邮箱", 3);
    deadline(sctc, "statistics", "提交《2025年职教活动周情况统计表》", At("2025-05-21", 23, 59),
             "提交至教务处鄢涛老师邮箱", 4);
    deadline(sctc, "materials", "提交新闻报道图片影像资料", At("2025-05-21", 23, 59),
             "提交至教务处鄢涛老师邮箱", 5);

    int category_order = 1;
    for (const auto& cat : kCategories2025) {
      campaign::ActivityCategory row;
      row.code = cat.code;
      row.name = cat.name;
      row.group_name = cat.group;
      row.detail_fields = cat.detail_fields;
      row.sort_order = category_order++;
      std::string owners = cat.owners;
      row.owners_only = !owners.empty();
      row.unit_levels = row.owners_only ? kProgrammeLevels : kSchoolLevels;
      for (std::size_t pos = 0; pos < owners.size();) {
        std::size_t bar = owners.find('|', pos);
        if (bar == std::string::npos) bar = owners.size();
        std::string name = owners.substr(pos, bar - pos);
        row.owner_unit_ids.push_back(UnitIdByName(s, name));
        pos = bar + 1;
      }
      campaign::store::InsertCategory(s, campaign_id, row);
    }

    // Notice 001: the leading group and the table of duties.
    auto member = [&](const char* position, const char* name, const char* title, int sort) {
      campaign::CommitteeMember m;
      m.unit_id = sctc;
      m.position = position;
      m.person_name = name;
      m.title = title;
      m.sort_order = sort;
      campaign::store::InsertCommitteeMember(s, campaign_id, m);
    };
    member("leader", "栾好利", "组长", 1);
    member("deputy", "高莉", "副组长", 2);
    member("deputy", "伍希", "副组长", 3);
    int sort = 4;
    for (const char* role :
         {"教务处负责人", "学生处团委负责人", "AIGC新媒体中心负责人", "保卫处负责人",
          "信息中心负责人", "后勤处负责人", "各二级学院院长和书记"}) {
      member("member", role, "成员", sort++);
    }
    auto duty = [&](const char* department, std::optional<Id> dept_unit, const char* text,
                    const char* persons, int sort_order) {
      campaign::Duty d;
      d.unit_id = sctc;
      d.department_name = department;
      d.department_unit_id = dept_unit;
      d.responsibility = text;
      d.responsible_persons = persons;
      d.sort_order = sort_order;
      campaign::store::InsertDuty(s, campaign_id, d);
    };
    duty("教务处", dept.at("教务处"),
         "牵头组织学校职教周整体工作，安排、协调、指导职教周内各项工作", "高莉", 1);
    duty("二级学院", std::nullopt,
         "组织、策划、执行本院职教周内各项活动，确保活动有序开展，撰写总结报告等工作", "院长、书记",
         2);
    duty("AIGC新媒体中心", dept.at("AIGC新媒体中心"),
         "负责职教周内各项活动图片影像资料拍摄及新闻报道，后续撰写发布新闻向省教育厅及各大媒体投稿"
         "等相关工作",
         "邹凯", 3);
    duty("学生处、团委", dept.at("学生处（团委）"),
         "组织及配合各学院开展丰富多彩的职教周活动及特色服务活动", "伍希", 4);
    duty("信息中心", dept.at("信息中心"), "职教周期间使用到的信息设备运维保障", "熊阿布", 5);
    duty("后勤处", dept.at("后勤处"), "职教周期间用电相关后勤保障工作", "肖镇海", 6);
    duty("保卫处", dept.at("保卫处"), "职教周期间各项活动安全保障工作", "周鹏", 7);
    AddDemoActivities(s, campaign_id);
    tx.Commit();
  }

  auto created =
      campaigns.GenerateTasks(Principal::System("seed"), campaign_id, sctc, std::nullopt);
  if (!created) return created.error();

  auth::AccountService accounts(db, {});
  VW_RETURN_IF_ERROR(accounts.CreateAdmin("admin", "系统管理员", kDemoPassword));
  spdlog::info("demo data written: campaign 2025, {} tasks", *created);
  return DemoAccounts();
}

}  // namespace vw::seed
