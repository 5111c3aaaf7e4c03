#include "activity/activity_store.h"

#include <map>

#include "core/time.h"
#include "db/id_list.h"
#include "org/school.h"

namespace vw::activity::store {
namespace {

// The activity columns Read() reads, with its unit and its nearest school
// (sn, absent for departments); the caller adds WHERE.
std::string SelectActivities() {
  return "SELECT a.id, a.campaign_id, a.unit_id, u.name, a.title, a.description, "
         "a.theme_day_id, a.starts_at, a.ends_at, a.part_of_month, a.place_kind, a.place, "
         "a.online_url, a.category_id, a.capacity, a.open_to_public, a.registration_required, "
         "a.organiser, a.contact, a.featured, a.partner, a.cooperation, a.enterprises, "
         "a.posts_offered, a.status, a.version, a.created_at, a.updated_at, a.published_at, "
         "a.cancel_reason, sn.name, sn.id FROM activities a JOIN units u ON u.id = a.unit_id "
         "LEFT JOIN units sn ON sn.id = " +
         org::NearestSchoolSql("a.unit_id");
}

// Command-line and seed principals have no user row.
std::optional<Id> OptUser(Id user_id) {
  return user_id > 0 ? std::optional<Id>(user_id) : std::nullopt;
}

Activity Read(const soci::row& r) {
  Activity a;
  a.id = db::Int(r, 0);
  a.campaign_id = db::Int(r, 1);
  a.unit_id = db::Int(r, 2);
  a.unit_name = db::Str(r, 3);
  a.title = db::Str(r, 4);
  a.description = db::Str(r, 5);
  a.theme_day_id = db::OptInt(r, 6);
  a.starts_at = db::Str(r, 7);
  a.ends_at = db::Str(r, 8);
  a.part_of_month = db::Bool(r, 9);
  a.place_kind = db::Str(r, 10);
  a.place = db::Str(r, 11);
  a.online_url = db::Str(r, 12);
  a.category_id = db::OptInt(r, 13);
  a.capacity = static_cast<int>(db::Int(r, 14));
  a.open_to_public = db::Bool(r, 15);
  a.registration_required = db::Bool(r, 16);
  a.organiser = db::Str(r, 17);
  a.contact = db::Str(r, 18);
  a.featured = db::Bool(r, 19);
  a.partner = db::Str(r, 20);
  a.cooperation = db::Str(r, 21);
  a.enterprises = db::Str(r, 22);
  a.posts_offered = static_cast<int>(db::Int(r, 23));
  a.status = db::Str(r, 24);
  a.version = static_cast<int>(db::Int(r, 25));
  a.created_at = db::Str(r, 26);
  a.updated_at = db::Str(r, 27);
  a.published_at = db::OptStr(r, 28);
  a.cancel_reason = db::Str(r, 29);
  a.school_name = db::OptStr(r, 30).value_or("");
  a.school_id = db::OptInt(r, 31).value_or(0);
  return a;
}

void WriteLinks(db::Session& s, Id id, const ActivityInput& in) {
  s.sql() << "DELETE FROM activity_tags WHERE activity_id = :a", soci::use(id);
  s.sql() << "DELETE FROM activity_audiences WHERE activity_id = :a", soci::use(id);
  for (Id tag : in.tag_ids) {
    s.sql() << "INSERT INTO activity_tags (activity_id, category_id) VALUES (:a, :c)",
        soci::use(id), soci::use(tag);
  }
  for (const auto& code : in.audiences) {
    s.sql() << "INSERT INTO activity_audiences (activity_id, audience) VALUES (:a, :c)",
        soci::use(id), soci::use(code);
  }
}

}  // namespace

std::optional<Activity> Load(db::Session& s, Id id) {
  auto one = LoadMany(s, {id});
  if (one.empty()) return std::nullopt;
  return std::move(one.front());
}

std::vector<Activity> LoadMany(db::Session& s, const std::vector<Id>& ids) {
  if (ids.empty()) return {};
  // Three statements for the whole list: the rows, their tags, their audiences.
  std::map<Id, Activity> by_id;
  for (const auto& r : db::RowsForIds(s, SelectActivities() + " WHERE a.id IN ", ids)) {
    Activity a = Read(r);
    by_id.emplace(a.id, std::move(a));
  }
  for (const auto& r :
       db::RowsForIds(s, "SELECT activity_id, category_id FROM activity_tags WHERE activity_id IN ",
                      ids, " ORDER BY activity_id, category_id")) {
    if (auto it = by_id.find(db::Int(r, 0)); it != by_id.end()) {
      it->second.tag_ids.push_back(db::Int(r, 1));
    }
  }
  for (const auto& r : db::RowsForIds(s,
                                      "SELECT aa.activity_id, aa.audience FROM activity_audiences "
                                      "aa JOIN audiences x ON x.code = aa.audience WHERE "
                                      "aa.activity_id IN ",
                                      ids, " ORDER BY aa.activity_id, x.sort_order")) {
    if (auto it = by_id.find(db::Int(r, 0)); it != by_id.end()) {
      it->second.audiences.push_back(db::Str(r, 1));
    }
  }
  std::vector<Activity> out;
  out.reserve(ids.size());
  for (Id id : ids) {
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
  }
  return out;
}

Id Insert(db::Session& s, Id campaign_id, const ActivityInput& in, Id user_id) {
  std::string now = timeutil::NowUtc();
  std::string starts = timeutil::FormatUtc(in.starts_at);
  std::string ends = timeutil::FormatUtc(in.ends_at);
  int month = in.part_of_month, open = in.open_to_public, reg = in.registration_required,
      featured = in.featured;
  std::optional<Id> creator = user_id > 0 ? std::optional<Id>(user_id) : std::nullopt;
  Id id = 0;
  s.sql() << "INSERT INTO activities (campaign_id, unit_id, title, description, theme_day_id, "
             "starts_at, ends_at, part_of_month, place_kind, place, online_url, category_id, "
             "capacity, open_to_public, registration_required, organiser, contact, featured, "
             "partner, cooperation, enterprises, posts_offered, status, version, created_by, "
             "created_at, updated_at) VALUES (:c, :u, :t, :d, :day, :s, :e, :m, :pk, :pl, :url, "
             ":cat, :cap, :open, :reg, :org, :con, :f, :par, :coop, :ent, :posts, 'draft', 1, "
             ":by, :now1, :now2) RETURNING id",
      soci::use(campaign_id), soci::use(in.unit_id), soci::use(in.title), soci::use(in.description),
      soci::use(in.theme_day_id), soci::use(starts), soci::use(ends), soci::use(month),
      soci::use(in.place_kind), soci::use(in.place), soci::use(in.online_url),
      soci::use(in.category_id), soci::use(in.capacity), soci::use(open), soci::use(reg),
      soci::use(in.organiser), soci::use(in.contact), soci::use(featured), soci::use(in.partner),
      soci::use(in.cooperation), soci::use(in.enterprises), soci::use(in.posts_offered),
      soci::use(creator), soci::use(now), soci::use(now), soci::into(id);
  WriteLinks(s, id, in);
  return id;
}

bool Update(db::Session& s, Id id, int version, const ActivityInput& in) {
  std::string now = timeutil::NowUtc();
  std::string starts = timeutil::FormatUtc(in.starts_at);
  std::string ends = timeutil::FormatUtc(in.ends_at);
  int month = in.part_of_month, open = in.open_to_public, reg = in.registration_required,
      featured = in.featured;
  soci::statement st =
      (s.sql().prepare
           << "UPDATE activities SET unit_id = :u, title = :t, description = :d, theme_day_id = "
              ":day, starts_at = :s, ends_at = :e, part_of_month = :m, place_kind = :pk, place = "
              ":pl, online_url = :url, category_id = :cat, capacity = :cap, open_to_public = "
              ":open, "
              "registration_required = :reg, organiser = :org, contact = :con, featured = :f, "
              "partner = :par, cooperation = :coop, enterprises = :ent, posts_offered = :posts, "
              "version = version + 1, updated_at = :now WHERE id = :id AND version = :v",
       soci::use(in.unit_id), soci::use(in.title), soci::use(in.description),
       soci::use(in.theme_day_id), soci::use(starts), soci::use(ends), soci::use(month),
       soci::use(in.place_kind), soci::use(in.place), soci::use(in.online_url),
       soci::use(in.category_id), soci::use(in.capacity), soci::use(open), soci::use(reg),
       soci::use(in.organiser), soci::use(in.contact), soci::use(featured), soci::use(in.partner),
       soci::use(in.cooperation), soci::use(in.enterprises), soci::use(in.posts_offered),
       soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  WriteLinks(s, id, in);
  return true;
}

bool SetStatus(db::Session& s, Id id, int version, const std::string& from, const std::string& to) {
  std::string now = timeutil::NowUtc();
  std::optional<std::string> published;
  if (to == "published") published = now;
  soci::statement st =
      (s.sql().prepare << "UPDATE activities SET status = :st, published_at = :p, version = "
                          "version + 1, updated_at = :now WHERE id = :id AND version = :v AND "
                          "status = :from",
       soci::use(to), soci::use(published), soci::use(now), soci::use(id), soci::use(version),
       soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool Cancel(db::Session& s, Id id, int version, const std::string& from,
            const std::string& reason) {
  std::string now = timeutil::NowUtc();
  soci::statement st =
      (s.sql().prepare << "UPDATE activities SET status = 'cancelled', cancel_reason = :r, "
                          "version = version + 1, updated_at = :now WHERE id = :id AND version "
                          "= :v AND status = :from",
       soci::use(reason), soci::use(now), soci::use(id), soci::use(version), soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<Filing> LoadFiling(db::Session& s, Id activity_id) {
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT destination, teacher_in_charge, teacher_phone, staff_count, "
                          "student_count, transport, safety_plan, submitted_at, decided_at, "
                          "reason FROM activity_filings WHERE activity_id = :a",
       soci::use(activity_id));
  for (const auto& r : rs) {
    Filing f;
    f.destination = db::Str(r, 0);
    f.teacher_in_charge = db::Str(r, 1);
    f.teacher_phone = db::Str(r, 2);
    f.staff_count = static_cast<int>(db::Int(r, 3));
    f.student_count = static_cast<int>(db::Int(r, 4));
    f.transport = db::Str(r, 5);
    f.safety_plan = db::Str(r, 6);
    f.submitted_at = db::Str(r, 7);
    f.decided_at = db::OptStr(r, 8);
    f.reason = db::Str(r, 9);
    return f;
  }
  return std::nullopt;
}

void SaveFiling(db::Session& s, Id activity_id, const Filing& f, Id user_id) {
  std::string now = timeutil::NowUtc();
  s.sql() << "DELETE FROM activity_filings WHERE activity_id = :a", soci::use(activity_id);
  s.sql() << "INSERT INTO activity_filings (activity_id, destination, teacher_in_charge, "
             "teacher_phone, staff_count, student_count, transport, safety_plan, submitted_by, "
             "submitted_at) VALUES (:a, :d, :t, :tp, :sc, :stc, :tr, :sp, :by, :at)",
      soci::use(activity_id), soci::use(f.destination), soci::use(f.teacher_in_charge),
      soci::use(f.teacher_phone), soci::use(f.staff_count), soci::use(f.student_count),
      soci::use(f.transport), soci::use(f.safety_plan), soci::use(OptUser(user_id)), soci::use(now);
}

void ReopenFiling(db::Session& s, Id activity_id) {
  s.sql() << "UPDATE activity_filings SET decided_by = NULL, decided_at = NULL, reason = '' WHERE "
             "activity_id = :a",
      soci::use(activity_id);
}

void DecideFiling(db::Session& s, Id activity_id, Id user_id, const std::string& reason) {
  std::string now = timeutil::NowUtc();
  s.sql() << "UPDATE activity_filings SET decided_by = :u, decided_at = :at, reason = :r WHERE "
             "activity_id = :a",
      soci::use(OptUser(user_id)), soci::use(now), soci::use(reason), soci::use(activity_id);
}

void InsertDecision(db::Session& s, const Activity& a, Id approving_unit_id,
                    const std::string& decision, const std::string& opinion, Id user_id) {
  std::string now = timeutil::NowUtc();
  s.sql() << "INSERT INTO activity_filing_decisions (activity_id, campaign_id, approving_unit_id, "
             "decision, opinion, decided_by, decided_at) VALUES (:a, :c, :u, :d, :o, :by, :at)",
      soci::use(a.id), soci::use(a.campaign_id), soci::use(approving_unit_id), soci::use(decision),
      soci::use(opinion), soci::use(OptUser(user_id)), soci::use(now);
}

std::pair<std::vector<FilingDecision>, std::int64_t> ListDecisions(db::Session& s, Id campaign_id,
                                                                   bool all, Id user_id,
                                                                   const std::string& keyword,
                                                                   std::int64_t offset,
                                                                   std::int64_t limit) {
  // The approving units the user decides for: kApprovers' grants and the
  // units below them (ActivityService's ReachOf says the same per activity).
  int all_flag = all ? 1 : 0;
  std::string like = "%" + keyword + "%";
  const std::string where =
      " FROM activity_filing_decisions d JOIN activities a ON a.id = d.activity_id JOIN units u ON "
      "u.id = a.unit_id LEFT JOIN users p ON p.id = d.decided_by LEFT JOIN units pu ON pu.id = "
      "p.unit_id WHERE d.campaign_id = :c AND (:all = 1 OR d.approving_unit_id IN (SELECT "
      "c.descendant_id FROM unit_closure c JOIN grants g ON g.unit_id = c.ancestor_id WHERE "
      "g.user_id = :u AND g.role IN ('unit_admin', 'reviewer'))) AND (:kw = '' OR a.title LIKE "
      ":kw2 OR u.name LIKE :kw3)";
  std::int64_t total = 0;
  s.sql() << "SELECT COUNT(*)" << where, soci::use(campaign_id), soci::use(all_flag),
      soci::use(user_id), soci::use(keyword), soci::use(like), soci::use(like), soci::into(total);
  std::vector<FilingDecision> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT d.id, d.activity_id, a.title, u.name, d.decision, d.opinion, "
                          "COALESCE(p.display_name, ''), COALESCE(pu.name, ''), d.decided_at"
                       << where << " ORDER BY d.decided_at DESC, d.id DESC LIMIT :lim OFFSET :off",
       soci::use(campaign_id), soci::use(all_flag), soci::use(user_id), soci::use(keyword),
       soci::use(like), soci::use(like), soci::use(limit), soci::use(offset));
  for (const auto& r : rs) {
    out.push_back({db::Int(r, 0), db::Int(r, 1), db::Str(r, 2), db::Str(r, 3), db::Str(r, 4),
                   db::Str(r, 5), db::Str(r, 6), db::Str(r, 7), db::Str(r, 8)});
  }
  return {std::move(out), total};
}

bool Delete(db::Session& s, Id id, int version, const std::string& from) {
  soci::statement st = (s.sql().prepare << "DELETE FROM activities WHERE id = :id AND version = "
                                           ":v AND status = :from",
                        soci::use(id), soci::use(version), soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace vw::activity::store
