// The sender of the outbox (messages.h), run by every node on its own
// thread, never on an I/O thread.
//
// A row is sent by the node that claims it: a conditional UPDATE turns it
// from pending (and due) to sending with this worker's lease (claimed_by,
// lease_until) — one row affected means claimed, on SQLite and PostgreSQL
// alike, so two workers never both send one row. Then the worker sends and
// records the outcome under its own name:
//   sent;
//   pending again after a back-off (backoff_seconds * 2^(attempts-1)) when
//   the receiver refused or could not be reached, failed after
//   max_attempts or on a permanent refusal (SMTP 5xx, HTTP 4xx);
//   unknown when the failure came after the receiver had the whole message
//   (no answer to SMTP's final "." or to the HTTP request): it may have
//   arrived, so it is not sent again by itself.
// A worker killed between sending and recording leaves its row "sending";
// when the lease runs out another worker marks it unknown, never resends
// it. So a row is sent at most once unless a unit admin retries an unknown
// one (MessageService::Retry); e-mails carry a Message-ID naming the row,
// so such a second copy is recognisable.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.h"
#include "messages/channels.h"

namespace vw::messages {

class OutboxWorker {
 public:
  OutboxWorker(db::Database& db, const Settings& settings, const std::string& node,
               std::unique_ptr<Channels> channels);
  ~OutboxWorker() { Stop(); }
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Marks expired leases unknown, then claims and sends the due rows (at
  // most `batch`). Returns how many rows this call finished. Database
  // errors are logged, never thrown.
  int RunOnce(int batch = 50);
  // RunOnce now and every poll_ms on a thread of its own until Stop.
  void Start();
  void Stop();
  const std::string& owner() const { return owner_; }

 private:
  void SendClaimed(Id id);

  db::Database& db_;
  Settings settings_;
  std::string owner_;
  std::unique_ptr<Channels> channels_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace vw::messages
