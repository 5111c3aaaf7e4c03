// SQL for registrations, seats, notices; callers hold the session and the
// transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "registration/registration.h"

namespace vw::registration::store {

struct BookingActivity {
  Id unit_id = 0;
  Id campaign_id = 0;
  std::string status;
  bool registration_required = false;
  int capacity = 0;     // 0: no limit
  std::string ends_at;  // stored UTC
};
std::optional<BookingActivity> LoadActivityForBooking(db::Session& s, Id activity_id);

// Capacity, registration flag and seats of the public ones among `ids`.
std::vector<PublicSeats> LoadPublicSeats(db::Session& s, const std::vector<Id>& ids);

struct Seats {
  int confirmed = 0;
  int waiting = 0;
};
// Creates the activity's seat row when missing and locks it for the rest of
// the transaction.
Seats LockSeats(db::Session& s, Id activity_id);
void AddSeats(db::Session& s, Id activity_id, int confirmed_delta, int waiting_delta);

bool HasActiveRegistration(db::Session& s, Id activity_id, const std::string& mobile);
Id InsertRegistration(db::Session& s, Id activity_id, const RegistrationInput& in,
                      const std::string& token, const std::string& short_code,
                      const std::string& status);
bool ShortCodeTaken(db::Session& s, Id activity_id, const std::string& code);
// Activities with registrations that have no short code yet, and those
// registrations' ids.
std::vector<Id> ActivitiesMissingShortCodes(db::Session& s);
std::vector<Id> RegistrationsMissingShortCodes(db::Session& s, Id activity_id);
void SetShortCode(db::Session& s, Id id, const std::string& code);
void SetStatus(db::Session& s, Id id, const std::string& status);
// Moves up the earliest waiting registrations that fit in the seats left
// (a group only as a whole) and tells them. The seat row must be locked.
// Reads one waiting row per seat group filled (the earliest that fits, from
// the index on activity_id, status, id, head_count), never the whole list.
void PromoteWaiting(db::Session& s, Id activity_id, int capacity);

std::optional<Registration> LoadRegistration(db::Session& s, Id id);
std::optional<Registration> LoadByToken(db::Session& s, const std::string& token);
std::vector<Registration> LoadRegistrations(db::Session& s, Id activity_id);

// The search of the door staff's list (RegistrationQuery): at most `limit`
// rows by id, and how many matched. `mobile_suffix`, `code` and `text` are
// alternatives; empty ones match nothing.
struct RegistrationSearch {
  std::string mobile_suffix;  // the mobile's last digits
  std::string code;           // a short code, stored form
  std::string text;           // part of the name, school or class
  int limit = 50;
};
RegistrationPage SearchRegistrations(db::Session& s, Id activity_id, const RegistrationSearch& q);

// Ends the current execution of a statement kept prepared past its
// transaction (SQLite: sqlite3_reset), so that a query stopped after its
// first row holds no read snapshot on the pooled connection afterwards.
void ResetStatement(db::Session& s, soci::statement& st);

// Looks tickets up with one statement prepared once (check-in batches look
// up many): by token anywhere, or by short code within one activity.
class TokenLookup {
 public:
  explicit TokenLookup(db::Session& s);
  std::optional<Registration> Find(const std::string& token);
  // Before the statement is kept past its transaction.
  void Reset(db::Session& s) { ResetStatement(s, st_); }

 private:
  std::string token_;
  soci::row row_;
  soci::statement st_;
};
class ShortCodeLookup {
 public:
  ShortCodeLookup(db::Session& s, Id activity_id);
  std::optional<Registration> Find(const std::string& code);
  void Reset(db::Session& s) { ResetStatement(s, st_); }

 private:
  Id activity_id_;
  std::string code_;
  soci::row row_;
  soci::statement st_;
};

boost::json::object PublicActivity(db::Session& s, Id activity_id);
std::vector<Notice> LoadNotices(db::Session& s, Id registration_id);
void AddNotice(db::Session& s, Id registration_id, const std::string& kind,
               const std::string& message);
// A notice to every registration of the activity that is not cancelled.
void NotifyAll(db::Session& s, Id activity_id, const std::string& kind, const std::string& message);

// Blanks personal fields of registrations in campaigns whose week ended
// before `cutoff` (YYYY-MM-DD); returns how many.
int PurgeEndedBefore(db::Session& s, const std::string& cutoff);

}  // namespace vw::registration::store
