// The outbox's sender (outbox_worker.h).
#include "messages/outbox_worker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/crypto.h"
#include "core/time.h"
#include "messages/outbox_store.h"

namespace vw::messages {

OutboxWorker::OutboxWorker(db::Database& db, const Settings& settings, const std::string& node,
                           std::unique_ptr<Channels> channels)
    : db_(db), settings_(settings), channels_(std::move(channels)) {
  // The lease names this worker, not only its node: a node restarted under
  // the same name must not finish its previous life's claims.
  owner_ = node + "/" + RandomToken(6);
}

void OutboxWorker::SendClaimed(Id id) {
  std::optional<store::OutboxRow> row;
  {
    db::Session s(db_);
    row = store::LoadOutbox(s, id);
  }
  if (!row) return;
  std::string status = "sent";
  std::string error;
  std::int64_t next = row->next_attempt_at;
  std::string sent_at;
  if (!channels_->On(row->channel)) {
    status = "off";
    error = row->channel == "email" ? "服务器未配置邮件发送（SMTP）" : "服务器未配置短信服务";
  } else {
    try {
      channels_->Send(*row);
      sent_at = timeutil::NowUtc();
    } catch (const SendError& e) {
      error = std::string(e.what()).substr(0, 500);
      if (e.maybe_delivered()) {
        status = "unknown";
      } else if (e.permanent() || row->attempts >= settings_.max_attempts) {
        status = "failed";
      } else {
        status = "pending";
        int shift = std::min(row->attempts - 1, 12);
        next = timeutil::NowUnix() + (std::int64_t{settings_.backoff_seconds} << shift);
      }
    }
  }
  db::Session s(db_);
  if (!store::Finish(s, id, owner_, status, next, error, sent_at)) {
    spdlog::warn("message {}: lease lost before its outcome ({}) was recorded", id, status);
  }
  if (status != "sent") spdlog::info("message {} ({}): {} {}", id, row->channel, status, error);
}

int OutboxWorker::RunOnce(int batch) {
  int finished = 0;
  try {
    std::int64_t now = timeutil::NowUnix();
    std::vector<Id> due;
    {
      db::Session s(db_);
      int lost = store::ExpireLeases(s, now);
      if (lost > 0) spdlog::warn("{} messages were being sent by a stopped sender: unknown", lost);
      due = store::DueIds(s, now, batch);
    }
    for (Id id : due) {
      bool claimed = false;
      {
        db::Session s(db_);
        std::int64_t at = timeutil::NowUnix();
        claimed = store::Claim(s, id, owner_, at, at + settings_.lease_seconds);
      }
      if (!claimed) continue;  // another worker has it
      SendClaimed(id);
      ++finished;
    }
  } catch (const std::exception& e) {
    spdlog::error("message sender: {}", e.what());
  }
  return finished;
}

void OutboxWorker::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    do {
      lock.unlock();
      RunOnce();
      lock.lock();
    } while (!cv_.wait_for(lock, std::chrono::milliseconds(settings_.poll_ms),
                           [this] { return stop_; }));
  });
}

void OutboxWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace vw::messages
