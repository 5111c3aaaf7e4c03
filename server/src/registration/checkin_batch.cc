#include "registration/checkin_batch.h"

#include <algorithm>

namespace vw::registration {

std::string CheckinBatch::GrantsKey(const Principal& p) {
  std::string key;
  for (const auto& g : p.grants) {
    key += "," + std::to_string(g.unit_id) + ":" + RoleCode(g.role);
  }
  return key;
}

void CheckinBatch::End() {
  for (auto* st : {find_.get(), insert_.get(), admit_.get()}) {
    if (st) store::ResetStatement(*s_, *st);
  }
  if (tokens_) tokens_->Reset(*s_);
  for (auto& [activity, lookup] : codes_) lookup->Reset(*s_);
  if (codes_.size() > 16) codes_.clear();  // bounded: prepared again when needed
  staff_.clear();
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

void CheckinCommitter::Run(const Work& work) {
  Job job;
  job.work = &work;
  std::unique_lock lock(mu_);
  queue_.push_back(&job);
  while (!job.done) {
    if (leading_) {
      done_.wait(lock);
      continue;
    }
    // Lead: take what waits (this caller's work among it unless more than
    // kMaxBatch arrived before it), run it, wake its callers; the next
    // caller that finds work queued and no leader leads the next batch.
    leading_ = true;
    std::size_t n = std::min(queue_.size(), kMaxBatch);
    std::vector<Job*> jobs(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    Execute(jobs);
    lock.lock();
    for (Job* j : jobs) j->done = true;
    leading_ = false;
    done_.notify_all();
  }
  if (job.error) std::rethrow_exception(job.error);
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
    for (Job* j : works) (*j->work)(*batch);
    batch->End();
    tx.Commit();
  } catch (...) {
    kept_.erase(&s.sql());  // prepared again next time, from a clean state
    throw;
  }
}

void CheckinCommitter::Execute(const std::vector<Job*>& jobs) {
  if (jobs.size() > 1) {
    try {
      Transact(jobs);
      return;
    } catch (...) {
      // Rolled back: each work again on its own, so one failure is its
      // caller's only.
    }
  }
  for (Job* j : jobs) {
    try {
      Transact({j});
    } catch (...) {
      j->error = std::current_exception();
    }
  }
}

}  // namespace vw::registration
