// 集中展示日: display events held by a unit in a campaign (issue 19; the
// contract with the pages is docs/display.md, the tables migration 0031).
//
// An organiser unit draws the venue plan (a grid with zones, booths, a
// stage, entrances and power points; every save a new version), the units
// below it apply for booths, the organiser assigns them by hand or
// automatically and publishes; the stage programme is a list of slots; the
// weather switch moves the event to its fallback venue and day in one
// action. Every exhibitor hears of what concerns it through in-app
// notifications written in the same transaction as the change.
//
// Authority is over the target: managing needs unit_admin over the
// organiser; applying needs unit_admin or organiser over the applicant unit,
// which must lie strictly below the organiser. Foreign ids change nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::activity {
class ActivityService;
}

namespace vw::display {

// Budgets (docs/display.md).
inline constexpr std::size_t kMaxTitle = 60;
inline constexpr std::size_t kMaxVenue = 60;
inline constexpr std::size_t kMaxContact = 60;
inline constexpr std::size_t kMaxTimeText = 40;
inline constexpr std::size_t kMaxExhibit = 200;
inline constexpr std::size_t kMaxCategory = 30;
inline constexpr std::int64_t kMinSite = 5;
inline constexpr std::int64_t kMaxSite = 300;
inline constexpr std::size_t kMaxShapes = 200;
inline constexpr std::size_t kMaxShapeId = 20;
inline constexpr std::size_t kMaxLabel = 30;
inline constexpr std::size_t kMaxBoothNumber = 10;
inline constexpr std::size_t kMaxSlots = 40;
inline constexpr std::size_t kMaxApplications = 300;
inline constexpr std::int64_t kMaxTables = 20;
inline constexpr std::int64_t kMaxArea = 500;
inline constexpr std::size_t kMaxVisitTaps = 50;    // taps per upload
inline constexpr std::int64_t kMaxVisitDelta = 20;  // visitors per tap (+/-)
inline constexpr std::size_t kMaxTapId = 64;

// One shape of a plan, in grid cells (1 cell = 1 m).
struct Shape {
  std::string id;
  std::string kind;  // zone | booth | stage | entrance | power
  std::int64_t x = 0, y = 0, w = 1, h = 1;
  std::string label;
  std::string number;  // booths
  bool power = false;  // booths: a power outlet at the booth
};

struct Plan {
  int plan_version = 0;  // the version read (a save), or stored
  std::int64_t width = 60, height = 40;
  std::vector<Shape> shapes;
};
// Reads a plan from JSON with Chinese errors naming the field, and checks
// it: budgets, every shape inside the site, booths with unique numbers that
// overlap neither each other nor the stage.
Result<Plan> ReadPlan(const json::object& body);
json::object PlanJson(const Plan& plan);
// The stored plan text (as PlanJson wrote it); an empty plan for "{}".
Plan ParsePlan(const std::string& text);
// Whether the booth has power: its flag, or a power point touching it.
bool BoothHasPower(const Plan& plan, const Shape& booth);

// The event's settings (create and edit).
struct EventInput {
  Id campaign_id = 0;  // create only
  Id unit_id = 0;      // create only
  std::string title, venue, day, start_time, end_time;
  std::string fallback_venue, fallback_day;
  std::string setup_time, clear_time, contact;
  std::optional<Id> activity_id;
  int version = 0;  // edits
};
Result<EventInput> ReadEventInput(const json::object& body, bool create);

struct ApplicationInput {
  Id unit_id = 0;
  std::string exhibit, category, contact;
  std::int64_t tables = 0, area_m2 = 0;
  bool power = false, network = false;
};
Result<ApplicationInput> ReadApplicationInput(const json::object& body);

struct Slot {
  std::string start_time, end_time, title, performer;
};
Result<std::vector<Slot>> ReadSlots(const json::object& body);

struct Assignment {
  Id application_id = 0;
  std::string booth;  // "" clears
};
Result<std::vector<Assignment>> ReadAssignments(const json::object& body);

// One tap of a booth's visitor counter (docs/display.md "Visitor counts"):
// the device's id for the tap (a retry sends the same), the application
// whose booth is counted, +n visitors or -n to undo.
struct VisitTap {
  std::string tap_id;
  Id application_id = 0;
  int delta = 1;
};
Result<std::vector<VisitTap>> ReadVisitTaps(const json::object& body);

// A file of the exports.
struct ExportFile {
  std::string bytes;
  std::string content_type;
  std::string file_name;
};

class DisplayService {
 public:
  DisplayService(db::Database& db, const org::Scope& scope, activity::ActivityService& activities)
      : db_(db), scope_(scope), activities_(activities) {}

  Result<json::value> List(const Principal& p, Id campaign_id);
  Result<json::value> Create(const Principal& p, const EventInput& in);
  Result<json::value> Get(const Principal& p, Id event_id);
  Result<json::value> Update(const Principal& p, Id event_id, const EventInput& in);
  Result<json::value> SavePlan(const Principal& p, Id event_id, const Plan& plan);
  Result<json::value> SaveSlots(const Principal& p, Id event_id, int version,
                                const std::vector<Slot>& slots);
  Result<json::value> Apply(const Principal& p, Id event_id, const ApplicationInput& in);
  // The applicant unit (or the organiser) edits its application, while the
  // booths are not yet published (version: the application's).
  Result<json::value> UpdateApplication(const Principal& p, Id event_id, Id application_id,
                                        int version, const ApplicationInput& in);
  // Withdraws it: before publishing freely, after publishing too (its booth
  // is freed); the organiser is told. Refused once visitors were counted.
  Result<json::value> Withdraw(const Principal& p, Id event_id, Id application_id, int version);
  Result<json::value> Assign(const Principal& p, Id event_id, int version,
                             const std::vector<Assignment>& assignments);
  Result<json::value> AutoAssign(const Principal& p, Id event_id, int version);
  Result<json::value> Publish(const Principal& p, Id event_id, int version);
  // Moves the event to its fallback venue and day, notifies every applicant
  // and reschedules the linked activity (docs/display.md "Weather switch").
  Result<json::value> SwitchWeather(const Principal& p, Id event_id, int version);

  // Records visitor taps at booths: staff of the booth's unit or the
  // organiser's managers, once the booths are published. The whole upload
  // is checked first (a foreign application refuses it all); a tap id seen
  // before counts nothing; a total never goes below zero.
  Result<json::value> CountVisitors(const Principal& p, Id event_id,
                                    const std::vector<VisitTap>& taps);

  // The published event for the public page (kNotFound otherwise).
  Result<json::value> Public(Id event_id);

  // 位置分布图: one landscape page, A3 (or A4), booths with their units'
  // short names, a legend booth number → unit. Slow: call from the worker pool.
  Result<ExportFile> MapPdf(const Principal& p, Id event_id, bool a4 = false);
  // 参展单位名单 (xlsx). Slow: call from the worker pool.
  Result<ExportFile> ExhibitorsXlsx(const Principal& p, Id event_id);

 private:
  db::Database& db_;
  const org::Scope& scope_;
  activity::ActivityService& activities_;
};

}  // namespace vw::display
