#include "campaign/campaign_store.h"

#include <map>

#include "core/time.h"
#include "org/scope.h"

namespace vw::campaign::store {
namespace {

constexpr const char* kCampaignColumns =
    "id, year, name, theme, starts_on, ends_on, status, organiser_unit_id, source_notice, "
    "copied_from_id, version, created_at, updated_at, (SELECT MAX(d.due_at) FROM deadlines d "
    "WHERE d.campaign_id = campaigns.id AND d.collector_unit_id IS NULL)";

Campaign ReadCampaign(const soci::row& r) {
  Campaign c;
  c.id = db::Int(r, 0);
  c.year = static_cast<int>(db::Int(r, 1));
  c.name = db::Str(r, 2);
  c.theme = db::Str(r, 3);
  c.starts_on = db::Str(r, 4);
  c.ends_on = db::Str(r, 5);
  c.status = db::Str(r, 6);
  c.organiser_unit_id = db::OptInt(r, 7);
  c.source_notice = db::Str(r, 8);
  c.copied_from_id = db::OptInt(r, 9);
  c.version = static_cast<int>(db::Int(r, 10));
  c.created_at = db::Str(r, 11);
  c.updated_at = db::Str(r, 12);
  c.last_due_at = db::OptStr(r, 13);
  return c;
}

constexpr const char* kDaySelect =
    "SELECT id, day_index, day_date, name, description, publicity_theme, version FROM "
    "theme_days ";

ThemeDay ReadDay(const soci::row& r) {
  return {
      db::Int(r, 0), static_cast<int>(db::Int(r, 1)), db::Str(r, 2), db::Str(r, 3), db::Str(r, 4),
      db::Str(r, 5), static_cast<int>(db::Int(r, 6))};
}

// Runs a prepared UPDATE or DELETE of one versioned row; true when it hit it.
bool TouchedOne(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows() == 1;
}

constexpr const char* kDeadlineSelect =
    "SELECT d.id, d.collector_unit_id, COALESCE(u.name, ''), d.form, d.title, d.due_at, d.note, "
    "d.sort_order, d.version FROM deadlines d LEFT JOIN units u ON u.id = d.collector_unit_id ";

Deadline ReadDeadline(const soci::row& r) {
  Deadline d;
  d.id = db::Int(r, 0);
  d.collector_unit_id = db::OptInt(r, 1);
  d.collector_name = d.collector_unit_id ? db::Str(r, 2) : "省级";
  d.form = db::Str(r, 3);
  d.title = db::Str(r, 4);
  d.due_at = db::Str(r, 5);
  d.note = db::Str(r, 6);
  d.sort_order = static_cast<int>(db::Int(r, 7));
  d.version = static_cast<int>(db::Int(r, 8));
  return d;
}

constexpr const char* kMemberSelect =
    "SELECT id, unit_id, position, person_name, title, sort_order, version FROM "
    "committee_members ";

CommitteeMember ReadMember(const soci::row& r) {
  return {db::Int(r, 0),
          db::Int(r, 1),
          db::Str(r, 2),
          db::Str(r, 3),
          db::Str(r, 4),
          static_cast<int>(db::Int(r, 5)),
          static_cast<int>(db::Int(r, 6))};
}

constexpr const char* kDutySelect =
    "SELECT id, unit_id, department_name, department_unit_id, responsibility, "
    "responsible_persons, sort_order, version FROM duties ";

Duty ReadDuty(const soci::row& r) {
  return {db::Int(r, 0),
          db::Int(r, 1),
          db::Str(r, 2),
          db::OptInt(r, 3),
          db::Str(r, 4),
          db::Str(r, 5),
          static_cast<int>(db::Int(r, 6)),
          static_cast<int>(db::Int(r, 7))};
}

}  // namespace

std::vector<Campaign> LoadCampaigns(db::Session& s) {
  std::vector<Campaign> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT " << kCampaignColumns << " FROM campaigns ORDER BY year DESC");
  for (const auto& r : rs) out.push_back(ReadCampaign(r));
  return out;
}

std::optional<Campaign> LoadCampaign(db::Session& s, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT " << kCampaignColumns << " FROM campaigns WHERE id = :id",
       soci::use(id));
  for (const auto& r : rs) return ReadCampaign(r);
  return std::nullopt;
}

std::vector<ThemeDay> LoadDays(db::Session& s, Id campaign_id) {
  std::vector<ThemeDay> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kDaySelect << "WHERE campaign_id = :c ORDER BY day_index",
       soci::use(campaign_id));
  for (const auto& r : rs) out.push_back(ReadDay(r));
  return out;
}

std::optional<ThemeDay> LoadDay(db::Session& s, Id campaign_id, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kDaySelect << "WHERE campaign_id = :c AND id = :id",
       soci::use(campaign_id), soci::use(id));
  for (const auto& r : rs) return ReadDay(r);
  return std::nullopt;
}

std::vector<Deadline> LoadDeadlines(db::Session& s, Id campaign_id, std::optional<Id> user_id,
                                    bool provincial_only) {
  std::vector<Deadline> out;
  if (provincial_only) {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << kDeadlineSelect
                         << "WHERE d.campaign_id = :c AND d.collector_unit_id IS NULL ORDER BY "
                            "d.due_at, d.sort_order, d.id",
         soci::use(campaign_id));
    for (const auto& r : rs) out.push_back(ReadDeadline(r));
  } else if (!user_id) {
    soci::rowset<soci::row> rs =
        (s.sql().prepare << kDeadlineSelect
                         << "WHERE d.campaign_id = :c ORDER BY d.due_at, d.sort_order, d.id",
         soci::use(campaign_id));
    for (const auto& r : rs) out.push_back(ReadDeadline(r));
  } else {
    soci::rowset<soci::row> rs =
        (s.sql().prepare
             << kDeadlineSelect
             << "WHERE d.campaign_id = :c AND (d.collector_unit_id IS NULL OR "
                "d.collector_unit_id IN (SELECT c.descendant_id FROM unit_closure c JOIN grants g "
                "ON g.unit_id = c.ancestor_id WHERE g.user_id = :u1) OR d.collector_unit_id IN "
                "(SELECT c.ancestor_id FROM unit_closure c JOIN grants g ON g.unit_id = "
                "c.descendant_id WHERE g.user_id = :u2)) ORDER BY d.due_at, d.sort_order, d.id",
         soci::use(campaign_id), soci::use(*user_id), soci::use(*user_id));
    for (const auto& r : rs) out.push_back(ReadDeadline(r));
  }
  return out;
}

std::optional<Deadline> LoadDeadline(db::Session& s, Id campaign_id, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kDeadlineSelect << "WHERE d.campaign_id = :c AND d.id = :id",
       soci::use(campaign_id), soci::use(id));
  for (const auto& r : rs) return ReadDeadline(r);
  return std::nullopt;
}

std::optional<Deadline> EffectiveDeadline(db::Session& s, Id campaign_id, const std::string& form,
                                          std::optional<Id> unit, bool include_self) {
  // Unit ids start at 1, so 0 matches no ancestor and leaves the provincial row.
  Id from = unit.value_or(0);
  int min_depth = include_self ? 0 : 1;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kDeadlineSelect
                       << "LEFT JOIN unit_closure uc ON uc.ancestor_id = d.collector_unit_id AND "
                          "uc.descendant_id = :u AND uc.depth >= :m WHERE d.campaign_id = :c AND "
                          "d.form = :f AND (d.collector_unit_id IS NULL OR uc.depth IS NOT NULL) "
                          "ORDER BY CASE WHEN d.collector_unit_id IS NULL THEN 1 ELSE 0 END, "
                          "uc.depth, d.due_at, d.id LIMIT 1",
       soci::use(from), soci::use(min_depth), soci::use(campaign_id), soci::use(form));
  for (const auto& r : rs) return ReadDeadline(r);
  return std::nullopt;
}

std::optional<Deadline> LaterDeadlineBelow(db::Session& s, Id campaign_id, const std::string& form,
                                           std::optional<Id> unit, const std::string& due_at_utc,
                                           Id except_id) {
  // Unit ids start at 1: ancestor 0 stands for the province, above every unit.
  Id from = unit.value_or(0);
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kDeadlineSelect
                       << "WHERE d.campaign_id = :c AND d.form = :f AND d.id <> :x AND "
                          "d.due_at > :due AND d.collector_unit_id IS NOT NULL AND (:u = 0 OR "
                          "EXISTS (SELECT 1 FROM unit_closure uc WHERE uc.ancestor_id = :u2 AND "
                          "uc.descendant_id = d.collector_unit_id AND uc.depth >= 1)) "
                          "ORDER BY d.due_at DESC, d.id LIMIT 1",
       soci::use(campaign_id), soci::use(form), soci::use(except_id), soci::use(due_at_utc),
       soci::use(from), soci::use(from));
  for (const auto& r : rs) return ReadDeadline(r);
  return std::nullopt;
}

Id InsertCampaign(db::Session& s, const Campaign& c) {
  std::string now = timeutil::NowUtc();
  Id id = 0;
  s.sql() << "INSERT INTO campaigns (year, name, theme, starts_on, ends_on, status, "
             "organiser_unit_id, source_notice, copied_from_id, version, created_at, updated_at) "
             "VALUES (:y, :n, :t, :s, :e, :st, :o, :src, :cp, 1, :c, :u) RETURNING id",
      soci::use(c.year), soci::use(c.name), soci::use(c.theme), soci::use(c.starts_on),
      soci::use(c.ends_on), soci::use(c.status), soci::use(c.organiser_unit_id),
      soci::use(c.source_notice), soci::use(c.copied_from_id), soci::use(now), soci::use(now),
      soci::into(id);
  return id;
}

bool UpdateCampaign(db::Session& s, Id id, int version, const CampaignInput& in,
                    const std::string& ends_on) {
  std::string now = timeutil::NowUtc();
  soci::statement st =
      (s.sql().prepare << "UPDATE campaigns SET name = :n, theme = :t, starts_on = :s, ends_on = "
                          ":e, status = :st, source_notice = :src, version = version + 1, "
                          "updated_at = :u WHERE id = :id AND version = :v",
       soci::use(in.name), soci::use(in.theme), soci::use(in.starts_on), soci::use(ends_on),
       soci::use(in.status), soci::use(in.source_notice), soci::use(now), soci::use(id),
       soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void InsertDay(db::Session& s, Id campaign_id, const ThemeDay& d) {
  s.sql() << "INSERT INTO theme_days (campaign_id, day_index, day_date, name, description, "
             "publicity_theme) VALUES (:c, :i, :d, :n, :desc, :p)",
      soci::use(campaign_id), soci::use(d.day_index), soci::use(d.date), soci::use(d.name),
      soci::use(d.description), soci::use(d.publicity_theme);
}

bool UpdateDay(db::Session& s, Id id, int version, const ThemeDay& d) {
  soci::statement st =
      (s.sql().prepare << "UPDATE theme_days SET name = :n, description = :d, publicity_theme = "
                          ":p, version = version + 1 WHERE id = :id AND version = :v",
       soci::use(d.name), soci::use(d.description), soci::use(d.publicity_theme), soci::use(id),
       soci::use(version));
  return TouchedOne(st);
}

void ShiftDayDates(db::Session& s, Id campaign_id, const std::string& starts_on) {
  for (const auto& d : LoadDays(s, campaign_id)) {
    std::string date = timeutil::AddDays(starts_on, d.day_index - 1);
    s.sql() << "UPDATE theme_days SET day_date = :d WHERE id = :id", soci::use(date),
        soci::use(d.id);
  }
}

Id InsertDeadline(db::Session& s, Id campaign_id, const Deadline& d) {
  Id id = 0;
  s.sql() << "INSERT INTO deadlines (campaign_id, collector_unit_id, form, title, due_at, note, "
             "sort_order) VALUES (:c, :u, :f, :t, :d, :n, :s) RETURNING id",
      soci::use(campaign_id), soci::use(d.collector_unit_id), soci::use(d.form), soci::use(d.title),
      soci::use(d.due_at), soci::use(d.note), soci::use(d.sort_order), soci::into(id);
  return id;
}

bool UpdateDeadline(db::Session& s, Id id, int version, const Deadline& d) {
  soci::statement st =
      (s.sql().prepare << "UPDATE deadlines SET collector_unit_id = :u, form = :f, title = :t, "
                          "due_at = :d, note = :n, sort_order = :s, version = version + 1 WHERE "
                          "id = :id AND version = :v",
       soci::use(d.collector_unit_id), soci::use(d.form), soci::use(d.title), soci::use(d.due_at),
       soci::use(d.note), soci::use(d.sort_order), soci::use(id), soci::use(version));
  return TouchedOne(st);
}

bool DeleteDeadline(db::Session& s, Id id, int version) {
  soci::statement st = (s.sql().prepare << "DELETE FROM deadlines WHERE id = :id AND version = :v",
                        soci::use(id), soci::use(version));
  return TouchedOne(st);
}

std::vector<CommitteeMember> LoadCommittee(db::Session& s, Id campaign_id, Id unit_id) {
  std::vector<CommitteeMember> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kMemberSelect
                       << "WHERE campaign_id = :c AND unit_id = :u ORDER BY CASE position WHEN "
                          "'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, sort_order, id",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rs) out.push_back(ReadMember(r));
  return out;
}

std::optional<CommitteeMember> LoadCommitteeMember(db::Session& s, Id campaign_id, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kMemberSelect << "WHERE campaign_id = :c AND id = :id",
       soci::use(campaign_id), soci::use(id));
  for (const auto& r : rs) return ReadMember(r);
  return std::nullopt;
}

Id InsertCommitteeMember(db::Session& s, Id campaign_id, const CommitteeMember& m) {
  Id id = 0;
  s.sql() << "INSERT INTO committee_members (campaign_id, unit_id, position, person_name, title, "
             "sort_order) VALUES (:c, :u, :p, :n, :t, :s) RETURNING id",
      soci::use(campaign_id), soci::use(m.unit_id), soci::use(m.position), soci::use(m.person_name),
      soci::use(m.title), soci::use(m.sort_order), soci::into(id);
  return id;
}

bool UpdateCommitteeMember(db::Session& s, Id id, int version, const CommitteeMember& m) {
  soci::statement st =
      (s.sql().prepare << "UPDATE committee_members SET position = :p, person_name = :n, title = "
                          ":t, sort_order = :s, version = version + 1 WHERE id = :id AND "
                          "version = :v",
       soci::use(m.position), soci::use(m.person_name), soci::use(m.title), soci::use(m.sort_order),
       soci::use(id), soci::use(version));
  return TouchedOne(st);
}

bool DeleteCommitteeMember(db::Session& s, Id id, int version) {
  soci::statement st =
      (s.sql().prepare << "DELETE FROM committee_members WHERE id = :id AND version = :v",
       soci::use(id), soci::use(version));
  return TouchedOne(st);
}

std::vector<Duty> LoadDuties(db::Session& s, Id campaign_id, Id unit_id) {
  std::vector<Duty> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kDutySelect
                       << "WHERE campaign_id = :c AND unit_id = :u ORDER BY sort_order, id",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rs) out.push_back(ReadDuty(r));
  return out;
}

std::optional<Duty> LoadDuty(db::Session& s, Id campaign_id, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kDutySelect << "WHERE campaign_id = :c AND id = :id",
       soci::use(campaign_id), soci::use(id));
  for (const auto& r : rs) return ReadDuty(r);
  return std::nullopt;
}

Id InsertDuty(db::Session& s, Id campaign_id, const Duty& d) {
  Id id = 0;
  s.sql() << "INSERT INTO duties (campaign_id, unit_id, department_name, department_unit_id, "
             "responsibility, responsible_persons, sort_order) VALUES (:c, :u, :n, :du, :r, :p, "
             ":s) RETURNING id",
      soci::use(campaign_id), soci::use(d.unit_id), soci::use(d.department_name),
      soci::use(d.department_unit_id), soci::use(d.responsibility),
      soci::use(d.responsible_persons), soci::use(d.sort_order), soci::into(id);
  return id;
}

bool UpdateDuty(db::Session& s, Id id, int version, const Duty& d) {
  soci::statement st =
      (s.sql().prepare << "UPDATE duties SET department_name = :n, department_unit_id = :du, "
                          "responsibility = :r, responsible_persons = :p, sort_order = :s, "
                          "version = version + 1 WHERE id = :id AND version = :v",
       soci::use(d.department_name), soci::use(d.department_unit_id), soci::use(d.responsibility),
       soci::use(d.responsible_persons), soci::use(d.sort_order), soci::use(id),
       soci::use(version));
  return TouchedOne(st);
}

bool DeleteDuty(db::Session& s, Id id, int version) {
  soci::statement st = (s.sql().prepare << "DELETE FROM duties WHERE id = :id AND version = :v",
                        soci::use(id), soci::use(version));
  return TouchedOne(st);
}

namespace {
constexpr const char* kTaskSelect =
    "SELECT t.id, t.campaign_id, t.duty_id, t.owner_unit_id, u.name, t.title, t.description, "
    "t.assignee, t.due_at, t.status, t.completed_at, t.version, t.created_at, t.updated_at FROM "
    "tasks t JOIN units u ON u.id = t.owner_unit_id ";

Task ReadTask(const soci::row& r) {
  Task t;
  t.id = db::Int(r, 0);
  t.campaign_id = db::Int(r, 1);
  t.duty_id = db::OptInt(r, 2);
  t.owner_unit_id = db::Int(r, 3);
  t.owner_unit_name = db::Str(r, 4);
  t.title = db::Str(r, 5);
  t.description = db::Str(r, 6);
  t.assignee = db::Str(r, 7);
  t.due_at = db::OptStr(r, 8);
  t.status = db::Str(r, 9);
  t.completed_at = db::OptStr(r, 10);
  t.version = static_cast<int>(db::Int(r, 11));
  t.created_at = db::Str(r, 12);
  t.updated_at = db::Str(r, 13);
  return t;
}
}  // namespace

std::optional<Task> LoadTask(db::Session& s, Id id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kTaskSelect << "WHERE t.id = :id", soci::use(id));
  for (const auto& r : rs) return ReadTask(r);
  return std::nullopt;
}

std::vector<Task> LoadTasksOfCampaign(db::Session& s, Id campaign_id) {
  std::vector<Task> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << kTaskSelect << "WHERE t.campaign_id = :c ORDER BY t.id",
       soci::use(campaign_id));
  for (const auto& r : rs) out.push_back(ReadTask(r));
  return out;
}

Id InsertTask(db::Session& s, Id campaign_id, const Task& t) {
  std::string now = timeutil::NowUtc();
  Id id = 0;
  s.sql() << "INSERT INTO tasks (campaign_id, duty_id, owner_unit_id, title, description, "
             "assignee, due_at, status, completed_at, version, created_at, updated_at) VALUES "
             "(:c, :d, :o, :t, :desc, :a, :due, :st, :done, 1, :cr, :up) RETURNING id",
      soci::use(campaign_id), soci::use(t.duty_id), soci::use(t.owner_unit_id), soci::use(t.title),
      soci::use(t.description), soci::use(t.assignee), soci::use(t.due_at), soci::use(t.status),
      soci::use(t.completed_at), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool UpdateTask(db::Session& s, Id id, int version, const Task& t) {
  std::string now = timeutil::NowUtc();
  soci::statement st =
      (s.sql().prepare << "UPDATE tasks SET owner_unit_id = :o, duty_id = :d, title = :t, "
                          "description = :desc, assignee = :a, due_at = :due, status = :st, "
                          "completed_at = :done, version = version + 1, updated_at = :up WHERE "
                          "id = :id AND version = :v",
       soci::use(t.owner_unit_id), soci::use(t.duty_id), soci::use(t.title),
       soci::use(t.description), soci::use(t.assignee), soci::use(t.due_at), soci::use(t.status),
       soci::use(t.completed_at), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool DeleteTask(db::Session& s, Id id, int version) {
  soci::statement st = (s.sql().prepare << "DELETE FROM tasks WHERE id = :id AND version = :v",
                        soci::use(id), soci::use(version));
  return TouchedOne(st);
}

bool TaskExistsForDuty(db::Session& s, Id duty_id, Id owner_unit_id) {
  int n = 0;
  s.sql() << "SELECT COUNT(*) FROM tasks WHERE duty_id = :d AND owner_unit_id = :o",
      soci::use(duty_id), soci::use(owner_unit_id), soci::into(n);
  return n > 0;
}

std::vector<SubTheme> LoadSubThemes(db::Session& s, Id campaign_id, const Principal& p) {
  std::vector<SubTheme> out;
  int all = org::Scope::AllFlag(p);
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT st.unit_id, u.name, st.sub_theme, st.version FROM sub_themes "
                          "st JOIN units u ON u.id = st.unit_id WHERE st.campaign_id = :c AND "
                       << org::Scope::SubtreeCondition("st.unit_id")
                       << " ORDER BY u.sort_order, u.id",
       soci::use(campaign_id), soci::use(all), soci::use(p.user_id));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), static_cast<int>(db::Int(r, 3))});
  }
  return out;
}

std::optional<SubTheme> LoadSubTheme(db::Session& s, Id campaign_id, Id unit_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT st.unit_id, u.name, st.sub_theme, st.version FROM sub_themes "
                          "st JOIN units u ON u.id = st.unit_id WHERE st.campaign_id = :c AND "
                          "st.unit_id = :u",
       soci::use(campaign_id), soci::use(unit_id));
  for (const auto& r : rs) {
    return SubTheme{db::Int(r, 0), db::Str(r, 1), db::Str(r, 2), static_cast<int>(db::Int(r, 3))};
  }
  return std::nullopt;
}

bool SaveSubTheme(db::Session& s, Id campaign_id, Id unit_id, int version,
                  const std::string& sub_theme) {
  std::string now = timeutil::NowUtc();
  if (version == 0) {
    // A unit's first sub-theme; two first saves at once keep one.
    soci::statement st =
        (s.sql().prepare << "INSERT INTO sub_themes (campaign_id, unit_id, sub_theme, updated_at, "
                            "version) VALUES (:c, :u, :s, :n, 1) ON CONFLICT (campaign_id, "
                            "unit_id) DO NOTHING",
         soci::use(campaign_id), soci::use(unit_id), soci::use(sub_theme), soci::use(now));
    return TouchedOne(st);
  }
  soci::statement st =
      (s.sql().prepare << "UPDATE sub_themes SET sub_theme = :s, updated_at = :n, version = "
                          "version + 1 WHERE campaign_id = :c AND unit_id = :u AND version = :v",
       soci::use(sub_theme), soci::use(now), soci::use(campaign_id), soci::use(unit_id),
       soci::use(version));
  return TouchedOne(st);
}

std::vector<ActivityCategory> LoadCategories(db::Session& s, Id campaign_id) {
  std::vector<ActivityCategory> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT id, campaign_id, code, name, group_name, detail_fields, "
                          "sort_order, unit_levels, owners_only FROM activity_categories WHERE "
                          "campaign_id = :c ORDER BY sort_order, id",
       soci::use(campaign_id));
  std::map<Id, std::size_t> at;
  for (const auto& r : rs) {
    ActivityCategory c;
    c.id = db::Int(r, 0);
    c.campaign_id = db::Int(r, 1);
    c.code = db::Str(r, 2);
    c.name = db::Str(r, 3);
    c.group_name = db::Str(r, 4);
    c.detail_fields = db::Str(r, 5);
    c.sort_order = static_cast<int>(db::Int(r, 6));
    c.unit_levels = db::Str(r, 7);
    c.owners_only = db::Int(r, 8) != 0;
    at[c.id] = out.size();
    out.push_back(std::move(c));
  }
  soci::rowset<soci::row> owners =
      (s.sql().prepare << "SELECT o.category_id, o.unit_id FROM activity_category_owners o JOIN "
                          "activity_categories c ON c.id = o.category_id WHERE c.campaign_id = :c "
                          "ORDER BY o.category_id, o.unit_id",
       soci::use(campaign_id));
  for (const auto& r : owners) out[at.at(db::Int(r, 0))].owner_unit_ids.push_back(db::Int(r, 1));
  return out;
}

Id InsertCategory(db::Session& s, Id campaign_id, const ActivityCategory& c) {
  Id id = 0;
  int owners_only = c.owners_only ? 1 : 0;
  s.sql() << "INSERT INTO activity_categories (campaign_id, code, name, group_name, "
             "detail_fields, sort_order, unit_levels, owners_only) VALUES (:c, :code, :n, :g, :d, "
             ":o, :lv, :own) RETURNING id",
      soci::use(campaign_id), soci::use(c.code), soci::use(c.name), soci::use(c.group_name),
      soci::use(c.detail_fields), soci::use(c.sort_order), soci::use(c.unit_levels),
      soci::use(owners_only), soci::into(id);
  for (Id unit : c.owner_unit_ids) {
    s.sql() << "INSERT INTO activity_category_owners (category_id, unit_id) VALUES (:c, :u)",
        soci::use(id), soci::use(unit);
  }
  return id;
}

}  // namespace vw::campaign::store
