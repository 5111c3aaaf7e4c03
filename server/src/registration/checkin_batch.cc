#include "registration/checkin_batch.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <iterator>

#include "core/metrics.h"

namespace vw::registration {

void CheckinBatch::End() {
  for (auto* st : {find_.get(), insert_.get(), admit_.get(), target_.get()}) {
    if (st) store::ResetStatement(*s_, *st);
  }
  if (tokens_) tokens_->Reset(*s_);
  for (auto& [activity, lookup] : codes_) lookup->Reset(*s_);
  if (codes_.size() > 16) codes_.clear();  // bounded: prepared again when needed
  targets_.clear();
}

const std::optional<CheckinBatch::Target>& CheckinBatch::TargetOf(Id activity_id) {
  auto it = targets_.find(activity_id);
  if (it != targets_.end()) return it->second;
  if (!target_) {
    store::BookingActivity& a = target_row_;
    target_ = std::make_unique<soci::statement>(
        (s_->sql().prepare << "SELECT a.unit_id, a.campaign_id, a.status, "
                              "a.registration_required, a.capacity, a.ends_at, c.ancestor_id "
                              "FROM activities a LEFT JOIN unit_closure c ON c.descendant_id = "
                              "a.unit_id WHERE a.id = :id ORDER BY c.depth",
         soci::use(target_id_), soci::into(a.unit_id), soci::into(a.campaign_id),
         soci::into(a.status), soci::into(target_required_), soci::into(a.capacity),
         soci::into(a.ends_at), soci::into(target_ancestor_, target_ancestor_ind_)));
  }
  target_id_ = activity_id;
  std::optional<Target> found;
  // Reads every row, so that on SQLite the statement ends its read.
  for (bool more = target_->execute(true); more; more = target_->fetch()) {
    if (!found) {
      found.emplace();
      found->activity = target_row_;
      found->activity.registration_required = target_required_ != 0;
    }
    if (target_ancestor_ind_ == soci::i_ok) found->ancestors.push_back(target_ancestor_);
  }
  return targets_.emplace(activity_id, std::move(found)).first->second;
}

bool CheckinBatch::FindScan(const std::string& scan_id, StoredScan* out) {
  if (!find_) {
    find_ = std::make_unique<soci::statement>(
        (s_->sql().prepare << "SELECT result, people, registration_id FROM checkins WHERE "
                              "scan_id = :s",
         soci::use(scan_id_), soci::into(found_.result, found_ind_), soci::into(found_.people),
         soci::into(found_registration_, found_reg_ind_)));
  }
  scan_id_ = scan_id;
  found_ind_ = soci::i_null;
  find_->execute(true);
  if (found_ind_ != soci::i_ok) return false;
  *out = found_;
  out->registration_id =
      found_reg_ind_ == soci::i_ok ? std::optional<Id>(found_registration_) : std::nullopt;
  return true;
}

void CheckinBatch::InsertScan(const NewScan& scan) {
  if (!insert_) {
    insert_ = std::make_unique<soci::statement>(
        (s_->sql().prepare << "INSERT INTO checkins (scan_id, activity_id, registration_id, "
                              "people, category, result, scanned_at, received_at, user_id, method) "
                              "VALUES (:s, :a, :r, :p, :c, :res, :at, :now, :u, :m)",
         soci::use(new_.scan_id), soci::use(new_.activity_id), soci::use(new_.registration_id),
         soci::use(new_.people), soci::use(new_.category), soci::use(new_.result),
         soci::use(new_.scanned_at), soci::use(new_.received_at), soci::use(new_.user_id),
         soci::use(new_.method)));
  }
  new_ = scan;
  insert_->execute(true);
}

void CheckinBatch::Admit(Id registration_id, int people) {
  if (!admit_) {
    admit_ = std::make_unique<soci::statement>((
        s_->sql().prepare << "UPDATE registrations SET checked_in = checked_in + :p WHERE id = :id",
        soci::use(admit_people_), soci::use(admit_id_)));
  }
  admit_id_ = registration_id;
  admit_people_ = people;
  admit_->execute(true);
}

std::optional<Registration> CheckinBatch::FindByToken(const std::string& token) {
  if (!tokens_) tokens_ = std::make_unique<store::TokenLookup>(*s_);
  return tokens_->Find(token);
}

std::optional<Registration> CheckinBatch::FindByCode(Id activity_id, const std::string& code) {
  auto& lookup = codes_[activity_id];
  if (!lookup) lookup = std::make_unique<store::ShortCodeLookup>(*s_, activity_id);
  return lookup->Find(code);
}

CheckinCommitter::CheckinCommitter(db::Database& db, std::chrono::microseconds gather)
    : db_(db), gather_(gather) {
  thread_ = std::thread([this] { Loop(); });
}

void CheckinCommitter::Submit(Work work, Done done) {
  std::unique_lock lock(mu_);
  ++pending_;
  if (!stopped_) {
    queue_.push_back({std::move(work), std::move(done), nullptr});
    // The committer waits for a first work, or gathers up to gather_to_.
    bool wake = queue_.size() == 1 || queue_.size() == gather_to_;
    lock.unlock();
    if (wake) wake_.notify_one();
    return;
  }
  lock.unlock();
  std::vector<Job> alone;
  alone.push_back({std::move(work), std::move(done), nullptr});
  Complete(alone);
}

void CheckinCommitter::Run(const Work& work) {
  std::promise<void> committed;
  Submit(work, [&committed](std::exception_ptr error) {
    if (error) {
      committed.set_exception(error);
    } else {
      committed.set_value();
    }
  });
  committed.get_future().get();
}

std::size_t CheckinCommitter::pending() const {
  std::lock_guard lock(mu_);
  return pending_;
}

void CheckinCommitter::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void CheckinCommitter::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stopped_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopped, and every work submitted is done
    // Group commit's delay, as PostgreSQL's commit_delay with
    // commit_siblings: when the previous transaction held several works,
    // as many are likely on their way, and a moment's wait for them lets
    // one commit serve them all. A lone phone (transactions of one work)
    // never waits; when fewer come, the wait ends after gather_ and the
    // next transaction waits for fewer.
    if (last_batch_ > 1 && queue_.size() < last_batch_ && gather_.count() > 0 && !stopped_) {
      gather_to_ = last_batch_;
      wake_.wait_for(lock, gather_, [this] { return stopped_ || queue_.size() >= gather_to_; });
      gather_to_ = 0;
    }
    // Whatever arrived while the previous transaction ran goes into this one.
    std::size_t n = std::min(queue_.size(), kMaxBatch);
    std::vector<Job> jobs(std::make_move_iterator(queue_.begin()),
                          std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    last_batch_ = n;
    lock.unlock();
    Complete(jobs);
    lock.lock();
  }
}

void CheckinCommitter::Complete(std::vector<Job>& jobs) {
  {
    std::lock_guard lock(execute_mu_);
    Execute(jobs);
  }
  for (Job& j : jobs) {
    try {
      j.done(j.error);
    } catch (const std::exception& e) {
      spdlog::error("check-in: answering a committed work failed: {}", e.what());
    }
  }
  // The works and their Done (which may hold a connection) go before they
  // count as done: Server::Stop waits for them.
  std::size_t n = jobs.size();
  jobs.clear();
  std::lock_guard lock(mu_);
  pending_ -= n;
}

void CheckinCommitter::Transact(const std::vector<Job*>& works) {
  db::Session s(db_);
  std::unique_ptr<CheckinBatch> fresh;
  CheckinBatch* batch = nullptr;
  if (s.backend() == db::Backend::kSqlite) {
    auto& kept = kept_[&s.sql()];
    if (!kept) kept = std::make_unique<CheckinBatch>();
    batch = kept.get();
  } else {
    fresh = std::make_unique<CheckinBatch>();
    batch = fresh.get();
  }
  batch->Begin(s);
  try {
    db::Transaction tx(s);
    for (Job* j : works) j->work(*batch);
    batch->End();
    tx.Commit();
    metrics::Process().checkin_transactions.Add();
    metrics::Process().checkin_works.Add(works.size());
  } catch (...) {
    kept_.erase(&s.sql());  // prepared again next time, from a clean state
    throw;
  }
}

void CheckinCommitter::Execute(std::vector<Job>& jobs) {
  std::vector<Job*> all;
  for (Job& j : jobs) all.push_back(&j);
  if (all.size() > 1) {
    try {
      Transact(all);
      return;
    } catch (...) {
      // Rolled back: each work again on its own, so one failure is its
      // caller's only.
    }
  }
  for (Job* j : all) {
    try {
      Transact({j});
    } catch (...) {
      j->error = std::current_exception();
    }
  }
}

}  // namespace vw::registration
