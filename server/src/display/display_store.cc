// SQL of the display events (display_store.h).
#include "display/display_store.h"

namespace vw::display::store {
namespace {

const char* kEventSelect =
    "SELECT e.id, e.campaign_id, e.unit_id, u.name, e.title, e.venue, e.day, e.start_time, "
    "e.end_time, e.fallback_venue, e.fallback_day, e.weather_switched, e.original_venue, "
    "e.original_day, e.setup_time, e.clear_time, e.contact, e.activity_id, e.plan, "
    "e.plan_version, e.published_at, e.version, e.created_at, e.updated_at FROM display_events e "
    "JOIN units u ON u.id = e.unit_id ";

EventRow EventAt(const soci::row& r) {
  EventRow e;
  e.id = db::Int(r, 0);
  e.campaign_id = db::Int(r, 1);
  e.unit_id = db::Int(r, 2);
  e.unit_name = db::Str(r, 3);
  e.title = db::Str(r, 4);
  e.venue = db::Str(r, 5);
  e.day = db::Str(r, 6);
  e.start_time = db::Str(r, 7);
  e.end_time = db::Str(r, 8);
  e.fallback_venue = db::Str(r, 9);
  e.fallback_day = db::Str(r, 10);
  e.weather_switched = db::Bool(r, 11);
  e.original_venue = db::Str(r, 12);
  e.original_day = db::Str(r, 13);
  e.setup_time = db::Str(r, 14);
  e.clear_time = db::Str(r, 15);
  e.contact = db::Str(r, 16);
  e.activity_id = db::OptInt(r, 17);
  e.plan = db::Str(r, 18);
  e.plan_version = static_cast<int>(db::Int(r, 19));
  e.published_at = db::OptStr(r, 20);
  e.version = static_cast<int>(db::Int(r, 21));
  e.created_at = db::Str(r, 22);
  e.updated_at = db::Str(r, 23);
  return e;
}

}  // namespace

std::optional<EventRow> LoadEvent(db::Session& s, Id id, bool for_update) {
  if (for_update && s.backend() == db::Backend::kPostgres) {
    Id locked = 0;
    s.sql() << "SELECT id FROM display_events WHERE id = :id FOR UPDATE", soci::into(locked),
        soci::use(id);
  }
  soci::rowset<soci::row> rs =
      (s.sql().prepare << std::string(kEventSelect) + "WHERE e.id = :id", soci::use(id));
  for (const auto& r : rs) return EventAt(r);
  return std::nullopt;
}

std::vector<EventRow> EventsOfCampaign(db::Session& s, Id campaign_id) {
  std::vector<EventRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << std::string(kEventSelect) +
                              "WHERE e.campaign_id = :c ORDER BY e.day, e.id",
       soci::use(campaign_id));
  for (const auto& r : rs) out.push_back(EventAt(r));
  return out;
}

Id InsertEvent(db::Session& s, const EventRow& r, std::optional<Id> created_by) {
  Id id = 0;
  s.sql() << "INSERT INTO display_events (campaign_id, unit_id, title, venue, day, start_time, "
             "end_time, fallback_venue, fallback_day, setup_time, clear_time, contact, "
             "activity_id, plan, plan_version, version, created_by, created_at, updated_at) "
             "VALUES (:c, :u, :t, :v, :d, :st, :et, :fv, :fd, :su, :cl, :co, :a, '{}', 0, 1, :by, "
             ":now, :now2) RETURNING id",
      soci::use(r.campaign_id), soci::use(r.unit_id), soci::use(r.title), soci::use(r.venue),
      soci::use(r.day), soci::use(r.start_time), soci::use(r.end_time), soci::use(r.fallback_venue),
      soci::use(r.fallback_day), soci::use(r.setup_time), soci::use(r.clear_time),
      soci::use(r.contact), soci::use(r.activity_id), soci::use(created_by),
      soci::use(r.created_at), soci::use(r.created_at), soci::into(id);
  return id;
}

bool SaveEvent(db::Session& s, const EventRow& r, int version, const std::string& now) {
  int switched = r.weather_switched ? 1 : 0;
  soci::statement st =
      (s.sql().prepare << "UPDATE display_events SET title = :t, venue = :v, day = :d, "
                          "start_time = :st, end_time = :et, fallback_venue = :fv, "
                          "fallback_day = :fd, weather_switched = :ws, original_venue = :ov, "
                          "original_day = :od, setup_time = :su, clear_time = :cl, contact = :co, "
                          "activity_id = :a, plan = :p, plan_version = :pv, published_at = :pa, "
                          "version = version + 1, updated_at = :now WHERE id = :id AND version = "
                          ":ver",
       soci::use(r.title), soci::use(r.venue), soci::use(r.day), soci::use(r.start_time),
       soci::use(r.end_time), soci::use(r.fallback_venue), soci::use(r.fallback_day),
       soci::use(switched), soci::use(r.original_venue), soci::use(r.original_day),
       soci::use(r.setup_time), soci::use(r.clear_time), soci::use(r.contact),
       soci::use(r.activity_id), soci::use(r.plan), soci::use(r.plan_version),
       soci::use(r.published_at), soci::use(now), soci::use(r.id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void AddPlanVersion(db::Session& s, Id event_id, int plan_version, const std::string& plan,
                    std::optional<Id> by, const std::string& now) {
  s.sql() << "INSERT INTO display_plan_versions (event_id, plan_version, plan, saved_by, "
             "saved_at) VALUES (:e, :v, :p, :by, :now)",
      soci::use(event_id), soci::use(plan_version), soci::use(plan), soci::use(by), soci::use(now);
}

std::vector<ApplicationRow> Applications(db::Session& s, Id event_id) {
  std::vector<ApplicationRow> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT a.id, a.event_id, a.unit_id, u.name, a.exhibit, a.category, "
                          "a.contact, a.tables_needed, a.area_m2, a.power, a.network, a.booth, "
                          "a.version, a.created_at, (SELECT COALESCE(SUM(v.delta), 0) FROM "
                          "display_visits v WHERE v.application_id = a.id) FROM "
                          "display_applications a JOIN units u ON u.id = a.unit_id WHERE "
                          "a.event_id = :e ORDER BY u.sort_order, u.id",
       soci::use(event_id));
  for (const auto& r : rs) {
    ApplicationRow a;
    a.id = db::Int(r, 0);
    a.event_id = db::Int(r, 1);
    a.unit_id = db::Int(r, 2);
    a.unit_name = db::Str(r, 3);
    a.exhibit = db::Str(r, 4);
    a.category = db::Str(r, 5);
    a.contact = db::Str(r, 6);
    a.tables = db::Int(r, 7);
    a.area_m2 = db::Int(r, 8);
    a.power = db::Bool(r, 9);
    a.network = db::Bool(r, 10);
    a.booth = db::Str(r, 11);
    a.version = static_cast<int>(db::Int(r, 12));
    a.created_at = db::Str(r, 13);
    a.visitors = db::Int(r, 14);
    out.push_back(std::move(a));
  }
  return out;
}

std::int64_t CountApplications(db::Session& s, Id event_id) {
  long long n = 0;
  s.sql() << "SELECT COUNT(*) FROM display_applications WHERE event_id = :e", soci::into(n),
      soci::use(event_id);
  return n;
}

bool HasApplied(db::Session& s, Id event_id, Id unit_id) {
  long long n = 0;
  s.sql() << "SELECT COUNT(*) FROM display_applications WHERE event_id = :e AND unit_id = :u",
      soci::into(n), soci::use(event_id), soci::use(unit_id);
  return n > 0;
}

Id InsertApplication(db::Session& s, Id event_id, const ApplicationInput& in, std::optional<Id> by,
                     const std::string& now) {
  Id id = 0;
  int power = in.power ? 1 : 0, network = in.network ? 1 : 0;
  s.sql() << "INSERT INTO display_applications (event_id, unit_id, exhibit, category, "
             "tables_needed, power, network, area_m2, contact, booth, version, created_by, "
             "created_at, updated_at) VALUES (:e, :u, :x, :c, :t, :p, :n, :a, :co, '', 1, :by, "
             ":now, :now2) RETURNING id",
      soci::use(event_id), soci::use(in.unit_id), soci::use(in.exhibit), soci::use(in.category),
      soci::use(in.tables), soci::use(power), soci::use(network), soci::use(in.area_m2),
      soci::use(in.contact), soci::use(by), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool UpdateApplication(db::Session& s, Id application_id, int version, const ApplicationInput& in,
                       const std::string& now) {
  int power = in.power ? 1 : 0, network = in.network ? 1 : 0;
  soci::statement st =
      (s.sql().prepare << "UPDATE display_applications SET exhibit = :x, category = :c, "
                          "tables_needed = :t, power = :p, network = :n, area_m2 = :a, contact = "
                          ":co, version = version + 1, updated_at = :now WHERE id = :id AND "
                          "version = :v",
       soci::use(in.exhibit), soci::use(in.category), soci::use(in.tables), soci::use(power),
       soci::use(network), soci::use(in.area_m2), soci::use(in.contact), soci::use(now),
       soci::use(application_id), soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void DeleteApplication(db::Session& s, Id application_id) {
  s.sql() << "DELETE FROM display_applications WHERE id = :id", soci::use(application_id);
}

void SetBooth(db::Session& s, Id application_id, const std::string& booth, const std::string& now) {
  s.sql() << "UPDATE display_applications SET booth = :b, version = version + 1, updated_at = "
             ":now WHERE id = :id",
      soci::use(booth), soci::use(now), soci::use(application_id);
}

bool HasVisitTap(db::Session& s, Id application_id, const std::string& tap_id) {
  long long n = 0;
  s.sql() << "SELECT COUNT(*) FROM display_visits WHERE application_id = :a AND tap_id = :t",
      soci::into(n), soci::use(application_id), soci::use(tap_id);
  return n > 0;
}

std::int64_t Visitors(db::Session& s, Id application_id) {
  long long n = 0;
  s.sql() << "SELECT COALESCE(SUM(delta), 0) FROM display_visits WHERE application_id = :a",
      soci::into(n), soci::use(application_id);
  return n;
}

void InsertVisit(db::Session& s, Id event_id, Id application_id, const std::string& tap_id,
                 const std::string& booth, std::int64_t delta, std::optional<Id> by,
                 const std::string& now) {
  long long d = delta;
  s.sql() << "INSERT INTO display_visits (event_id, application_id, tap_id, booth, delta, "
             "recorded_at, user_id) VALUES (:e, :a, :t, :b, :d, :now, :u)",
      soci::use(event_id), soci::use(application_id), soci::use(tap_id), soci::use(booth),
      soci::use(d), soci::use(now), soci::use(by);
}

std::vector<Slot> Slots(db::Session& s, Id event_id) {
  std::vector<Slot> out;
  soci::rowset<soci::row> rs =
      (s.sql().prepare << "SELECT start_time, end_time, title, performer FROM display_slots "
                          "WHERE event_id = :e ORDER BY sort_order",
       soci::use(event_id));
  for (const auto& r : rs) {
    out.push_back({db::Str(r, 0), db::Str(r, 1), db::Str(r, 2), db::Str(r, 3)});
  }
  return out;
}

void ReplaceSlots(db::Session& s, Id event_id, const std::vector<Slot>& slots) {
  s.sql() << "DELETE FROM display_slots WHERE event_id = :e", soci::use(event_id);
  int order = 0;
  for (const auto& slot : slots) {
    s.sql() << "INSERT INTO display_slots (event_id, sort_order, start_time, end_time, title, "
               "performer) VALUES (:e, :o, :s, :t, :ti, :p)",
        soci::use(event_id), soci::use(order), soci::use(slot.start_time), soci::use(slot.end_time),
        soci::use(slot.title), soci::use(slot.performer);
    ++order;
  }
}

std::string UnitName(db::Session& s, Id unit_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT name FROM units WHERE id = :id", soci::into(name, ind), soci::use(unit_id);
  return s.sql().got_data() && ind == soci::i_ok ? name : "";
}

bool CampaignExists(db::Session& s, Id campaign_id) {
  long long n = 0;
  s.sql() << "SELECT COUNT(*) FROM campaigns WHERE id = :id", soci::into(n), soci::use(campaign_id);
  return n > 0;
}

}  // namespace vw::display::store
