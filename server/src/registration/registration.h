// Registration and check-in (SPEC "Registration and check-in").
//
// Published activities that ask for registration take people (name, mobile,
// category, consent; a guardian for a child under 14) and groups (a class
// with its teacher and head count, optionally a roster). Seats are counted
// in activity_seats, whose row every booking and cancellation locks first,
// so capacity is never oversold under any concurrency; who does not fit
// waits, and a cancellation moves up the earliest waiting registrations that
// fit (a group only as a whole). Each registration has an unguessable
// ticket token (its QR code, its page and the door scan use it) and a short
// code to read aloud at the door (short_code.h), unique within its activity.
//
// Check-in takes batches of scans from a device; each scan carries the
// device's unique id, so an upload repeated after a network failure is
// answered from the stored result and counts once. Walk-ins are +/- events
// per category, idempotent the same way. Attendance counts come from these
// rows only, never from sign-ups.
//
// Check-in staff may also type the short code (looked up within the
// activity being checked in, limited per caller: Limits::code_lookups) or
// pick a row of the list (manual check-in). Each check-in row records how
// the registration was found (scan | code | manual) and who did it.
//
// Mobile numbers are masked (138****1234) in every answer except the
// organiser's check-in roster; the ticket page is anyone's who has its link,
// so it is masked too. Personal
// fields are blanked a configured number of days after the campaign's week
// (PurgePersonalData), counts stay.
//
// Thread-safe; each call uses its own database session.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "db/database.h"
#include "org/scope.h"

namespace vw::registration {

namespace store {
struct BookingActivity;
}  // namespace store
class CheckinBatch;
class CheckinCommitter;

// Who registers (statistics: staff → teachers, student → students,
// enterprise → enterprises, the rest → the public).
struct Category {
  const char* code;
  const char* name;
};
const std::vector<Category>& Categories();

struct RegistrationInput {
  std::string kind;  // person | group
  std::string name;  // the person, or the group's teacher
  std::string mobile;
  std::string category;
  bool consent = false;
  bool under_14 = false;
  std::string guardian_name;  // required when under_14
  std::string school;         // group
  std::string class_name;     // group
  int head_count = 1;
  std::vector<std::string> roster;  // group, optional
};
Result<RegistrationInput> ParseRegistrationInput(const boost::json::object& body);

struct Registration {
  Id id = 0;
  Id activity_id = 0;
  std::string token;
  std::string short_code;  // stored form ("ACDEFGH7"); sent grouped; "" until filled
  std::string kind;
  std::string name;
  std::string mobile;  // masked unless the caller may see it
  std::string category;
  std::string guardian_name;
  std::string school;
  std::string class_name;
  int head_count = 1;
  std::vector<std::string> roster;
  std::string status;        // confirmed | waiting | cancelled
  int checked_in = 0;        // people checked in so far
  int waiting_position = 0;  // 1-based place on the waiting list, 0 otherwise
  bool purged = false;
  std::string created_at;
  std::string updated_at;
};
// `with_token` adds the ticket token (the registrant's own answers only).
// The short code is in every answer (grouped, "ACDE-FGH7"): only check-in
// staff of the activity can use it.
boost::json::object ToJson(const Registration& r, bool with_token = false);

struct Notice {
  std::string kind;  // promoted | rescheduled | cancelled
  std::string message;
  std::string created_at;
};

// A ticket: the registration as its holder sees it, with the activity and
// what the holder has been told.
struct Ticket {
  Registration registration;
  boost::json::object activity;  // public fields of the activity
  std::vector<Notice> notices;
};
boost::json::object ToJson(const Ticket& t);

// "13812341234" → "138****1234".
std::string MaskMobile(std::string_view mobile);

// One scan uploaded by a check-in device.
struct Scan {
  std::string scan_id;  // the device's unique id for this scan
  // The ticket's token (from the QR or typed), or its short code as typed
  // (8 characters once spaces and dashes are dropped, any case).
  std::string token;
  Id registration_id = 0;  // set by a manual check-in instead of the token
  int people = 0;          // for a group: how many arrive now; 0 = everyone left
  std::string scanned_at;  // when the device scanned it (stored UTC), may be empty
};
struct ScanResult {
  std::string scan_id;
  // ok | already (everyone already in) | wrong_activity | cancelled |
  // waiting | unknown | bad_code (the short code's check fails: refused
  // without a lookup) | unknown_code (no such short code in this activity)
  std::string result;
  std::string message;  // Chinese, for the door
  std::string name;
  std::string group;   // "学校 班级" for a group
  int people = 0;      // admitted by this scan
  int checked_in = 0;  // of the registration, after this scan
  int head_count = 0;
  bool replayed = false;  // this scan_id had been uploaded before
};
boost::json::object ToJson(const ScanResult& r);

struct WalkinEvent {
  std::string scan_id;
  std::string category;
  int delta = 0;  // +1 / -1 (or more)
};

struct Attendance {
  int registered = 0;                                    // confirmed seats (people)
  int waiting = 0;                                       // people waiting
  int checked_in = 0;                                    // people checked in with tickets
  int walkins = 0;                                       // people counted at the door
  std::vector<std::pair<std::string, int>> by_category;  // checked in + walk-ins
  std::vector<std::pair<std::string, int>> walkins_by_category;
  int capacity = 0;
};
boost::json::object ToJson(const Attendance& a);

// Seats of a public activity, for the programme's badges (read live, never
// from the programme's cache).
struct PublicSeats {
  Id activity_id = 0;
  bool registration_required = false;
  int capacity = 0;  // 0: no limit
  int confirmed = 0;
  int waiting = 0;
  int waiting_room = 0;  // people the waiting list holds
};
boost::json::object ToJson(const PublicSeats& s);
inline constexpr std::size_t kMaxSeatsIds = 100;

struct Limits {
  std::size_t per_ip = 30;     // registrations per address per 10 minutes
  std::size_t per_mobile = 5;  // per mobile per hour
  // People an activity's waiting list holds: as many as its capacity, and
  // at least this many.
  int waiting_list_min = 50;
  // Short-code lookups per caller (signed-in user) per 10 minutes: a
  // volunteer typing one code every 2 s stays below it.
  std::size_t code_lookups = 300;
  // How long a check-in transaction waits for more uploads at the door's
  // peak (CheckinCommitter); 0: never.
  int checkin_gather_us = 200;
};

// A search of an activity's registrations (the door staff's list).
struct RegistrationQuery {
  // Four digits: the mobile's last four; a short code: that registration;
  // any other text: part of the name, school or class. "" lists all.
  std::string text;
  int limit = 0;  // rows at most when searching; 0 = kSearchLimit
};
inline constexpr int kSearchLimit = 50;
struct RegistrationPage {
  std::vector<Registration> items;
  int total = 0;  // matching rows, of which `items` are the first (by id)
};

class RegistrationService {
 public:
  RegistrationService(db::Database& db, const org::Scope& scope, Limits limits = {});

  // Public. kNotFound unless the activity is published and takes
  // registrations; kConflict once it has ended (timeutil::NowUnix), for a
  // second active registration of a mobile, and when it is full and so is
  // its waiting list (Limits::waiting_list_min); kRateLimited over the
  // limits. The answer carries the token and the short code; the mobile is
  // masked like the ticket's.
  Result<Registration> Register(Id activity_id, const RegistrationInput& in, const std::string& ip);
  // Public: seats of the published (or cancelled after publishing)
  // activities among `ids` (at most kMaxSeatsIds); others are left out.
  std::vector<PublicSeats> SeatsOf(const std::vector<Id>& ids);
  // The holder's view (anyone with the link), mobile masked. kNotFound for
  // unknown tokens.
  Result<Ticket> GetTicket(const std::string& token);
  // The holder cancels; seats freed move up the waiting list. kConflict once
  // the activity has ended.
  Result<Registration> CancelTicket(const std::string& token);

  // Organisers (editors of the activity's unit) and readers above it: all
  // registrations, mobiles masked; `unmasked` (the check-in roster) needs
  // an editor or reviewer role on the activity's unit. With a search text
  // (≤ 20 characters, else kInvalid naming `q`) at most kSearchLimit rows,
  // and the number that matched.
  Result<RegistrationPage> List(const Principal& p, Id activity_id, bool unmasked,
                                const RegistrationQuery& query = {});
  // The same as an .xlsx workbook (mobiles masked).
  Result<std::string> ExportXlsx(const Principal& p, Id activity_id);

  // Check-in staff: editors or reviewers of the activity's unit. A typed
  // short code is looked up in `activity_id` only; one whose check fails is
  // answered bad_code without a lookup. kRateLimited (nothing recorded) when
  // the batch has short codes and the caller has used up
  // Limits::code_lookups; a batch admitted may finish over it.
  Result<std::vector<ScanResult>> CheckIn(const Principal& p, Id activity_id,
                                          const std::vector<Scan>& scans);
  // The same without holding the caller's thread while the scans wait for
  // their group commit (checkin_batch.h): returns at once; `done` is called
  // once, on the committer's thread (or the caller's, when refused before),
  // with a function that returns the result or throws what made the
  // transaction fail. Call that function where the answer is made (the
  // connection's strand), not in `done`: it counts the short codes looked
  // up, which on PostgreSQL is a write of its own.
  using CheckInResult = Result<std::vector<ScanResult>>;
  using CheckInDone = std::function<void(std::function<CheckInResult()>)>;
  void CheckInLater(const Principal& p, Id activity_id, std::vector<Scan> scans, CheckInDone done);
  // The same for a caller not yet authenticated (http::SessionCheck, a route
  // with RouteOptions::session_in_work): `check` runs in the scans'
  // transaction, on the committer's connection, and the scans are refused
  // with its error when it fails. A batch with short codes runs it first,
  // before the per-caller limit on codes.
  using SessionCheck = std::function<Result<Principal>(db::Session&)>;
  void CheckInLater(SessionCheck check, Id activity_id, std::vector<Scan> scans, CheckInDone done);
  // Check-ins queued or in their transaction, not yet answered.
  std::size_t CheckinsPending() const;
  // A staff member checks a registration in by hand (the list's 签到):
  // everyone of it not yet in, recorded as manual with the caller. Same
  // staff as CheckIn. `scan_id` (the client's id of this request, may be
  // empty) makes a repeat answer the first result; checking in a
  // registration already in answers `already` and counts nothing.
  // kNotFound unless the registration belongs to `activity_id`; kConflict
  // for a cancelled or waiting registration or a cancelled activity.
  Result<ScanResult> CheckInByHand(const Principal& p, Id activity_id, Id registration_id,
                                   const std::string& scan_id);
  // kConflict for new events of a cancelled activity (replays are answered).
  Result<Attendance> RecordWalkins(const Principal& p, Id activity_id,
                                   const std::vector<WalkinEvent>& events);
  // Any role on the activity's unit or above.
  Result<Attendance> AttendanceOf(const Principal& p, Id activity_id);

  // Tells the activity's registrants about a reschedule or cancellation
  // (called by the activity module after such a change).
  void NotifyRegistrants(Id activity_id, const std::string& kind, const std::string& message);

  // After the organiser raised the capacity: moves up who now fits.
  void CapacityRaised(Id activity_id);

  // Gives a short code to every registration without one (rows from before
  // migration 0022, or inserted by a node of the previous release). Run at
  // start and daily; returns how many rows. Activity by activity, each under
  // its seat lock, so it never races a booking for a code.
  int FillShortCodes();

  // Blanks personal fields of registrations whose campaign week ended more
  // than `days` days before `today` (YYYY-MM-DD). Returns how many rows.
  int PurgePersonalData(int days, const std::string& today);

 private:
  // Who may check people in at a unit's activities (on the unit or above).
  static constexpr RoleSet kStaffRoles{Role::kUnitAdmin, Role::kOrganiser, Role::kReviewer};
  Status RequireStaff(db::Session& s, const Principal& p, Id unit_id);
  // The activity, when the principal may check people in at it.
  Result<store::BookingActivity> LoadForStaff(db::Session& s, const Principal& p, Id activity_id);
  Attendance CountAttendance(db::Session& s, Id activity_id);
  // The short-code limit (Limits::code_lookups) of one caller. Both lease
  // a pooled session on PostgreSQL: call them holding none.
  bool CodeLookupsAllowed(const std::string& caller);
  void CountCodeLookups(const std::string& caller, int count);
  // One upload of scans on its way through the committer (kept by the work
  // and its answer until both are done).
  struct Upload {
    Principal principal;  // known, or set by `check` in the transaction
    SessionCheck check;
    std::vector<Scan> scans;
    int code_lookups = 0;
    std::optional<CheckInResult> out;
  };
  void SubmitUpload(std::shared_ptr<Upload> upload, Id activity_id, CheckInDone done);
  // LoadForStaff inside a check-in transaction, reading once per
  // transaction (checkin_batch.h).
  Result<store::BookingActivity> StaffInBatch(CheckinBatch& batch, const Principal& p,
                                              Id activity_id);
  // The scans of one upload inside a check-in transaction (the principal is
  // staff of the activity). Adds the short codes it looked up to
  // `code_lookups` (the caller counts them after the transaction).
  Result<std::vector<ScanResult>> RecordScans(CheckinBatch& batch, const Principal& p,
                                              Id activity_id, const std::vector<Scan>& scans,
                                              int& code_lookups);

  db::Database& db_;
  const org::Scope& scope_;
  int waiting_list_min_;
  class Limiters;
  std::shared_ptr<Limiters> limiters_;
  // Group commit of check-ins (checkin_batch.h).
  std::shared_ptr<CheckinCommitter> committer_;
};

}  // namespace vw::registration
