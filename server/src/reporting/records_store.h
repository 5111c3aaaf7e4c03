// SQL of the activity records the statistics count (reporting.h): held
// activities (published; cancelled ones never count) and the people they
// admitted by check-in or counted at the door (walk-ins). Read for exactly
// one unit (its own records), for a whole subtree (per unit), or record by
// record behind a figure (SourcesOf). Media reports are in media_store.h.
// Callers hold the session; every value is bound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "db/database.h"

namespace vw::reporting::store {

struct HeldActivity {
  Id unit_id = 0;
  bool open_to_public = false;
  std::string place_kind;    // on_campus | off_campus | online
  std::string partner;       // enterprise names as typed
  std::string enterprises;   // likewise
  std::optional<Id> school;  // the nearest school at or above its unit (subtree reads only)
};
// The held activities of exactly this unit.
std::vector<HeldActivity> HeldActivitiesOf(db::Session& s, Id campaign_id, Id unit_id);
// The held activities of the subtree of `ancestor` (itself included).
std::vector<HeldActivity> HeldActivitiesUnder(db::Session& s, Id campaign_id, Id ancestor);

struct PeopleCount {
  Id unit_id = 0;
  std::string category;  // staff | student | …
  std::int64_t people = 0;
};
// The people admitted or counted at the held activities of the subtree of
// `ancestor`, per organising unit and category, as 人次: one entry per
// source (check-ins, then walk-ins) and category.
std::vector<PeopleCount> PeopleUnder(db::Session& s, Id campaign_id, Id ancestor);

// Who came to held activities, as the statistics count people: the people
// admitted with each registration's ticket (with what identifies them),
// the walk-ins counted at the door, and, for an off-campus activity where
// nobody was admitted or counted, the teachers and students of its filing.
struct Attendance {
  Id unit_id = 0;        // the organising unit
  std::string category;  // staff | student | …
  std::int64_t people = 0;
  std::optional<Id> registration_id;  // admitted with this ticket
  std::string kind;                   // its kind: person | group
  std::string mobile;                 // its mobile; "" once purged
  std::string school;                 // a group's school
  std::string roster;                 // a group's names, one a line; "" without
};
// The attendance at the held activities of exactly this unit.
std::vector<Attendance> AttendanceOf(db::Session& s, Id campaign_id, Id unit_id);
// The same over the subtree of `ancestor` (itself included).
std::vector<Attendance> AttendanceUnder(db::Session& s, Id campaign_id, Id ancestor);

// ---- The records behind a figure, over the subtree of `ancestor`, in
// the order the activities start.

// Whom a people figure counts.
enum class PeopleKind { kStaff, kStudents, kEveryone };
struct ActivityPeople {
  Id activity_id = 0;
  std::string title;
  std::string unit_name;  // the organising unit
  std::int64_t people = 0;
};
// Every held activity with the people of `kind` it admitted or counted
// (0 included).
std::vector<ActivityPeople> PeopleByActivity(db::Session& s, Id campaign_id, Id ancestor,
                                             PeopleKind kind);
// The held activities open to the public on site (观摩体验 projects);
// `people` stays 0.
std::vector<ActivityPeople> OpenProjects(db::Session& s, Id campaign_id, Id ancestor);

struct SchoolHolding {
  Id school_id = 0;
  std::string name;
  std::int64_t activities = 0;  // held activities at or below it in the subtree
};
// The schools at or above the subtree's held activities, by name.
std::vector<SchoolHolding> SchoolsHolding(db::Session& s, Id campaign_id, Id ancestor);

struct ActivityEnterprises {
  Id activity_id = 0;
  std::string title;
  std::string partner;
  std::string enterprises;
};
std::vector<ActivityEnterprises> EnterprisesByActivity(db::Session& s, Id campaign_id, Id ancestor);

}  // namespace vw::reporting::store
