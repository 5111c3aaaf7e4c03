// The played week's notice (seed_notices.h).
#include "app/seed_notices.h"

#include <vector>

#include "core/time.h"
#include "export/docx.h"
#include "notices/notices.h"

namespace vw::seed {
namespace {

struct DemoAnnex {
  const char* name;
  const char* text;
};
// Notice 000's annexes (its 附件 list), as short Word files.
constexpr DemoAnnex kAnnexes[] = {
    {"附件1 2025年成渝地区双城经济圈职业教育活动周联合活动清单",
     "成渝职教活动周联合启动仪式、成渝职业教育改革发展成果展示、全国“职业教育大讲堂”、"
     "“川渝杯”职业院校技能大赛等联合活动。"},
    {"附件2 2025年职业教育活动周全省性活动清单", "各省级部门开展的全省性活动及其牵头单位。"},
    {"附件3 “七天主题活动日”安排", "活动周期间每日一个主题，各地各校围绕主题开展活动。"},
    {"附件4 2025年职业教育活动周信息采集表",
     "请各市（州）教育主管部门、各高职学校于2025年5月13日前报送。"},
    {"附件5 2025年职业教育活动周情况统计表", "请于活动周结束后一周内报送。"},
};

Principal UserPrincipal(db::Database& db, const std::string& username, Id unit, Role role) {
  Principal p;
  db::Session s(db);
  s.sql() << "SELECT id, unit_id, display_name FROM users WHERE username = :u", soci::use(username),
      soci::into(p.user_id), soci::into(p.home_unit_id), soci::into(p.display_name);
  p.username = username;
  p.grants.push_back({unit, role});
  return p;
}

Status Ok(const Result<json::value>& r) {
  if (!r) return r.error();
  return {};
}

}  // namespace

int PlayNotices(db::Database& db, Id campaign_id, const StepAt& at) {
  org::Scope scope(db);
  notices::NoticeService service(db, scope);
  Id province = 0, chengdu = 0;
  {
    db::Session s(db);
    s.sql() << "SELECT id FROM units WHERE name = '四川省教育厅'", soci::into(province);
    s.sql() << "SELECT id FROM units WHERE name = '成都市教育局'", soci::into(chengdu);
  }
  Principal office = UserPrincipal(db, "province", province, Role::kUnitAdmin);
  Id notice = 0;
  std::vector<std::pair<Id, std::string>> targets;
  at(timeutil::ShanghaiToUnix("2025-05-09", 10, 0), "notice", [&]() -> Status {
    notices::NoticeInput in;
    in.campaign_id = campaign_id;
    in.unit_id = province;
    in.title = "关于办好2025年成渝地区双城经济圈职业教育活动周的通知";
    in.doc_number = "川教函〔2025〕119号";
    in.body =
        "各市（州）教育主管部门、网信办、人力资源社会保障局、经济和信息化局、农业（农牧）农村局、"
        "国资委、总工会、团委、中华职业教育社，有关单位：\n"
        "按照《教育部等九部门关于办好2025年职业教育活动周的通知》（教职成函〔2025〕3号）工作"
        "安排，经商重庆市教育委员会等相关部门，两省（市）相关部门将继续联合举办2025年成渝地区双城"
        "经济圈职业教育活动周。现将有关事宜通知如下。\n"
        "一、总体要求\n二、活动时间\n活动周时间为2025年5月11日至17日。\n三、主要活动\n"
        "四、工作要求\n请各地于2025年5月13日前报送信息采集表（附件4），活动周结束后一周内报送"
        "情况统计表（附件5）。";
    in.ack_by = "2025-05-11";
    in.targets = "chosen";
    {
      db::Session s(db);
      soci::rowset<soci::row> cities =
          (s.sql().prepare << "SELECT id FROM units WHERE parent_id = :p AND kind = 'city_edu' "
                              "ORDER BY sort_order, id",
           soci::use(province));
      for (const auto& c : cities) in.unit_ids.push_back(db::Int(c, 0));
    }
    auto r = service.Create(office, in);
    if (!r) return r.error();
    notice = r->at("id").as_int64();
    for (const auto& a : kAnnexes) {
      doc::ReportDocument d;
      d.title = a.name;
      d.subtitle = "川教函〔2025〕119号";
      d.sections.push_back({"", a.text, {}});
      VW_TRY(bytes, docx::RenderReport(d));
      VW_RETURN_IF_ERROR(
          Ok(service.AddAnnex(office, notice, std::string(a.name) + ".docx", bytes)));
    }
    auto published = service.Publish(office, notice, static_cast<int>(r->at("version").as_int64()));
    if (!published) return published.error();
    for (const auto& t : published->at("targets").as_array()) {
      targets.emplace_back(t.at("unit_id").as_int64(), std::string(t.at("unit_name").as_string()));
    }
    return {};
  });
  // All but the last three acknowledge: Chengdu's own account, the other
  // bureaus' 职成科 staff, spread over the day and the next morning.
  int acknowledged = 0;
  for (std::size_t i = 0; i + 3 < targets.size(); ++i) {
    Id unit = targets[i].first;
    const std::string& name = targets[i].second;
    Principal p =
        unit == chengdu ? UserPrincipal(db, "chengdu", chengdu, Role::kUnitAdmin) : Principal{};
    if (unit != chengdu) {
      p.display_name = name + "职成科";
      p.grants.push_back({unit, Role::kViewer});
    }
    int minutes = 10 * 60 + 25 + static_cast<int>(i) * 47;
    std::string day = minutes >= 17 * 60 ? "2025-05-10" : "2025-05-09";
    if (minutes >= 17 * 60) minutes = minutes - 17 * 60 + 8 * 60 + 30;
    if (at(timeutil::ShanghaiToUnix(day, minutes / 60, minutes % 60), "notice acknowledgement",
           [&]() -> Status { return Ok(service.Acknowledge(p, notice, unit)); })) {
      ++acknowledged;
    }
  }
  at(timeutil::ShanghaiToUnix("2025-05-11", 9, 0), "notice reminder",
     [&]() -> Status { return Ok(service.Remind(office, notice)); });
  return acknowledged;
}

}  // namespace vw::seed
