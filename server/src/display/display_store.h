// SQL of the display events (display.h); used by DisplayService only.
// Callers hold the session (and the transaction when writing); every value
// is bound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "db/database.h"
#include "display/display.h"

namespace vw::display::store {

struct EventRow {
  Id id = 0;
  Id campaign_id = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::string title, venue, day, start_time, end_time;
  std::string fallback_venue, fallback_day;
  bool weather_switched = false;
  std::string original_venue, original_day;
  std::string setup_time, clear_time, contact;
  std::optional<Id> activity_id;
  std::string plan = "{}";
  int plan_version = 0;
  std::optional<std::string> published_at;
  int version = 1;
  std::string created_at, updated_at;
};

struct ApplicationRow {
  Id id = 0;
  Id event_id = 0;
  Id unit_id = 0;
  std::string unit_name;
  std::string exhibit, category, contact;
  std::int64_t tables = 0, area_m2 = 0;
  bool power = false, network = false;
  std::string booth;
  int version = 1;
  std::string created_at;
  std::int64_t visitors = 0;  // the sum of its visit taps
};

// `for_update` locks the row (PostgreSQL).
std::optional<EventRow> LoadEvent(db::Session& s, Id id, bool for_update = false);
std::vector<EventRow> EventsOfCampaign(db::Session& s, Id campaign_id);
Id InsertEvent(db::Session& s, const EventRow& r, std::optional<Id> created_by);
// Writes every column but id, campaign, organiser and creation at
// `version`, bumping it; false when stale.
bool SaveEvent(db::Session& s, const EventRow& r, int version, const std::string& now);
void AddPlanVersion(db::Session& s, Id event_id, int plan_version, const std::string& plan,
                    std::optional<Id> by, const std::string& now);

std::vector<ApplicationRow> Applications(db::Session& s, Id event_id);
std::int64_t CountApplications(db::Session& s, Id event_id);
bool HasApplied(db::Session& s, Id event_id, Id unit_id);
Id InsertApplication(db::Session& s, Id event_id, const ApplicationInput& in, std::optional<Id> by,
                     const std::string& now);
// The fields the applicant gives, at `version` (bumping it); false when stale.
bool UpdateApplication(db::Session& s, Id application_id, int version, const ApplicationInput& in,
                       const std::string& now);
void DeleteApplication(db::Session& s, Id application_id);
void SetBooth(db::Session& s, Id application_id, const std::string& booth, const std::string& now);

// Visit taps (migration 0036).
bool HasVisitTap(db::Session& s, Id application_id, const std::string& tap_id);
std::int64_t Visitors(db::Session& s, Id application_id);
void InsertVisit(db::Session& s, Id event_id, Id application_id, const std::string& tap_id,
                 const std::string& booth, std::int64_t delta, std::optional<Id> by,
                 const std::string& now);

std::vector<Slot> Slots(db::Session& s, Id event_id);
void ReplaceSlots(db::Session& s, Id event_id, const std::vector<Slot>& slots);

std::string UnitName(db::Session& s, Id unit_id);
bool CampaignExists(db::Session& s, Id campaign_id);

}  // namespace vw::display::store
