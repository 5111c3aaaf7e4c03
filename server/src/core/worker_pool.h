// A bounded pool of threads for slow work (password hashing, imports,
// exports) that must not run on the server's I/O threads.
//
// At most `threads` jobs run at once and at most `max_queued` more wait;
// beyond that TrySubmit refuses, so a burst of slow requests is answered
// "busy" instead of piling up memory and latency. Thread-safe. The
// destructor runs the jobs already queued, then joins the threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vw {

class WorkerPool {
 public:
  // `threads` ≥ 1.
  WorkerPool(int threads, std::size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; false (job dropped, not run) when every thread is busy and
  // `max_queued` jobs already wait, or after Stop(). A job must not throw.
  bool TrySubmit(std::function<void()> job);

  // Runs what is queued, then joins the threads. Idempotent.
  void Stop();

  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void Run();

  std::size_t max_pending_;  // running + waiting
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace vw
