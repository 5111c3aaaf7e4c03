// Group commit of check-ins: the scans of many requests in one transaction.
//
// At the door every phone uploads each scan as it happens, so at the peak
// thousands of small requests a second each want a write transaction. On
// SQLite they queue for its one writer lock (a loser sleeps in the busy
// handler for a millisecond or more) and each commit appends its own pages
// to the WAL; on PostgreSQL each commit waits for its own WAL flush.
// CheckinCommitter lets the requests that arrive while a transaction runs
// share the next one: callers queue their work and return (Submit) without
// holding their thread; the committer's own thread takes every waiting
// work (at most kMaxBatch), runs it in one transaction with statements
// prepared once for all of it (on SQLite kept prepared per pooled
// connection across transactions), commits, and only then tells each
// caller (Done), which answers its request from the connection's strand.
// So a batch holds every request that arrived during the previous commit,
// however few I/O threads there are. A caller answers after the commit of
// the transaction that holds its writes, so what it answers is durable as
// far as the database's own commit is (SQLite in WAL with
// synchronous=NORMAL keeps a committed transaction across kill -9 of the
// server; PostgreSQL across a crash of either). Only prepared statements
// outlive a transaction, no data read in one, so no answer depends on this
// process: several nodes behave as one.
//
// When the shared transaction fails (an exception: a lost connection, a
// unique key another node inserted meanwhile), it rolls back and every work
// of it runs again alone in its own transaction; an exception then reaches
// that caller only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "db/database.h"
#include "registration/registration.h"
#include "registration/registration_store.h"

namespace vw::registration {

// One transaction of the committer, handed to each work in it: the session,
// statements prepared on first use and shared by every work of the
// transaction, and what the works found out that the same transaction would
// only find again (forgotten at its end).
class CheckinBatch {
 public:
  CheckinBatch() = default;
  CheckinBatch(const CheckinBatch&) = delete;
  CheckinBatch& operator=(const CheckinBatch&) = delete;

  // Around each transaction; a batch serves one pooled connection only.
  void Begin(db::Session& s) { s_ = &s; }
  // Before the commit: ends the statements' executions, forgets what was read.
  void End();

  db::Session& session() { return *s_; }

  // A scan's earlier result by its id; false when the id is new.
  struct StoredScan {
    std::string result;
    int people = 0;
    std::optional<Id> registration_id;
  };
  bool FindScan(const std::string& scan_id, StoredScan* out);
  struct NewScan {
    std::string scan_id;
    Id activity_id = 0;
    std::optional<Id> registration_id;
    int people = 0;
    std::string category, result, scanned_at, received_at, method;
    std::optional<Id> user_id;
  };
  void InsertScan(const NewScan& scan);
  void Admit(Id registration_id, int people);
  std::optional<Registration> FindByToken(const std::string& token);
  std::optional<Registration> FindByCode(Id activity_id, const std::string& code);

  // What the staff check of a check-in needs, read once per transaction
  // with a statement kept prepared: the activity and its unit's ancestors,
  // nearest first (as org::Scope::AncestorsOf answers). None when there is
  // no such activity. The same for every caller: the check of each
  // caller's grants against it is theirs (RegistrationService::StaffInBatch).
  struct Target {
    store::BookingActivity activity;
    std::vector<Id> ancestors;
  };
  const std::optional<Target>& TargetOf(Id activity_id);

 private:
  db::Session* s_ = nullptr;
  // Bound variables of the statements below.
  std::string scan_id_;
  StoredScan found_;
  Id found_registration_ = 0;
  soci::indicator found_ind_ = soci::i_null, found_reg_ind_ = soci::i_null;
  NewScan new_;
  Id admit_id_ = 0;
  int admit_people_ = 0;
  std::unique_ptr<soci::statement> find_, insert_, admit_;
  std::unique_ptr<store::TokenLookup> tokens_;
  std::map<Id, std::unique_ptr<store::ShortCodeLookup>> codes_;  // by activity
  Id target_id_ = 0;
  store::BookingActivity target_row_;
  int target_required_ = 0;
  Id target_ancestor_ = 0;
  soci::indicator target_ancestor_ind_ = soci::i_null;
  std::unique_ptr<soci::statement> target_;
  std::map<Id, std::optional<Target>> targets_;  // by activity, this transaction only
};

class CheckinCommitter {
 public:
  // Works of one transaction at most (a device's batch may hold 2,000 scans).
  static constexpr std::size_t kMaxBatch = 64;

  // How long a transaction waits for as many works as the previous one held,
  // when that was more than one (see Loop).
  static constexpr std::chrono::microseconds kDefaultGather{200};

  // Starts the committer's thread.
  explicit CheckinCommitter(db::Database& db, std::chrono::microseconds gather = kDefaultGather);
  ~CheckinCommitter() { Stop(); }
  CheckinCommitter(const CheckinCommitter&) = delete;
  CheckinCommitter& operator=(const CheckinCommitter&) = delete;

  // A work runs in a write transaction shared with other callers' works. A
  // work that refuses (an error answer) must write nothing: it runs beside
  // other works in the same transaction. It may run twice (see above), so
  // it sets its results afresh on each run.
  using Work = std::function<void(CheckinBatch&)>;
  // Called on the committer's thread once the transaction holding the work
  // has committed (nullptr), or with the exception that made the work fail
  // alone. It must not block: it hands the result on (to the connection's
  // strand) and returns. Exceptions it throws are logged and dropped.
  using Done = std::function<void(std::exception_ptr)>;

  // Queues `work`; returns at once. After Stop, runs it and `done` on the
  // caller's thread.
  void Submit(Work work, Done done);
  // Submit and wait: returns once the work's transaction has committed,
  // or rethrows its exception.
  void Run(const Work& work);
  // Works submitted whose Done has not returned yet.
  std::size_t pending() const;
  // Runs every work submitted, calls their Done, and ends the thread.
  // Idempotent.
  void Stop();

 private:
  struct Job {
    Work work;
    Done done;
    std::exception_ptr error;
  };
  void Loop();
  // Runs `jobs` (sets their errors) and calls their Done.
  void Complete(std::vector<Job>& jobs);
  void Execute(std::vector<Job>& jobs);
  // One transaction running `works`; throws when it fails (rolled back).
  void Transact(const std::vector<Job*>& works);

  db::Database& db_;
  // Serialises Execute: the thread, or callers after Stop.
  std::mutex execute_mu_;
  // SQLite: the statements of each pooled connection, kept prepared (under
  // execute_mu_). PostgreSQL prepares them per transaction: a reconnect
  // would lose them.
  std::map<soci::session*, std::unique_ptr<CheckinBatch>> kept_;
  mutable std::mutex mu_;  // guards the members below
  std::condition_variable wake_;
  std::vector<Job> queue_;
  std::size_t pending_ = 0;
  std::size_t last_batch_ = 0;  // works of the previous transaction
  std::size_t gather_to_ = 0;   // while gathering: the works it waits for
  const std::chrono::microseconds gather_;
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace vw::registration
