#include "db/change_signals.h"

#include <spdlog/spdlog.h>

namespace vw::db {

void Bump(Session& s, const std::string& name) {
  s.sql() << "UPDATE change_signals SET version = version + 1 WHERE name = :n", soci::use(name);
}

void ChangeSignals::Watch(const std::string& name, std::function<void()> on_change) {
  std::lock_guard lock(mu_);
  watchers_[name].push_back(std::move(on_change));
}

bool ChangeSignals::Poll() {
  std::map<std::string, std::int64_t> now;
  try {
    Session s(db_);
    soci::rowset<soci::row> rows = (s.sql().prepare << "SELECT name, version FROM change_signals");
    for (const auto& r : rows) now[Str(r, 0)] = Int(r, 1);
  } catch (const std::exception& e) {
    std::lock_guard lock(mu_);
    if (!missed_) spdlog::warn("reading change signals failed: {}", e.what());
    missed_ = true;
    return false;
  }
  std::vector<std::function<void()>> calls;
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, fns] : watchers_) {
      auto seen = seen_.find(name);
      auto version = now.find(name);
      bool moved = missed_ || (!first_ && (seen == seen_.end() || version == now.end() ||
                                           seen->second != version->second));
      if (moved) calls.insert(calls.end(), fns.begin(), fns.end());
    }
    if (missed_) spdlog::info("change signals read again");
    seen_ = std::move(now);
    first_ = false;
    missed_ = false;
  }
  for (const auto& call : calls) call();
  return true;
}

void ChangeSignals::Start(std::chrono::milliseconds interval) {
  if (db_.backend() != Backend::kPostgres || thread_.joinable()) return;
  Poll();
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, interval, [this] { return stop_; })) {
      lock.unlock();
      Poll();
      lock.lock();
    }
  });
}

void ChangeSignals::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace vw::db
