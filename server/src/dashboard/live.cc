#include "dashboard/live.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/time.h"

namespace vw::dashboard {
namespace {

constexpr std::chrono::seconds kRecount{30};
constexpr std::chrono::seconds kKeepAlive{15};
constexpr std::chrono::seconds kInterval{1};

std::int64_t MaxId(db::Session& s, const char* table) {
  std::int64_t n = 0;
  s.sql() << "SELECT COALESCE(MAX(id), 0) FROM " << table, soci::into(n);
  return n;
}

// Sums of check-ins (result ok) or walk-ins by campaign and organising unit
// of the rows with ids in (lo, hi]; `campaign` 0 for every campaign.
void AddRows(db::Session& s, bool checkins, Id campaign, std::int64_t lo, std::int64_t hi,
             const std::function<void(Id, Id, std::int64_t)>& add) {
  std::string sql =
      checkins ? "SELECT a.campaign_id, a.unit_id, SUM(c.people) FROM checkins c JOIN activities "
                 "a ON a.id = c.activity_id WHERE c.result = 'ok' AND c.id > :lo AND c.id <= :hi "
                 "AND (:c = 0 OR a.campaign_id = :c2) GROUP BY a.campaign_id, a.unit_id"
               : "SELECT a.campaign_id, a.unit_id, SUM(w.delta) FROM walkins w JOIN activities a "
                 "ON a.id = w.activity_id WHERE w.id > :lo AND w.id <= :hi AND (:c = 0 OR "
                 "a.campaign_id = :c2) GROUP BY a.campaign_id, a.unit_id";
  soci::rowset<soci::row> rs = (s.sql().prepare << sql, soci::use(lo), soci::use(hi),
                                soci::use(campaign), soci::use(campaign));
  for (const auto& r : rs) add(db::Int(r, 0), db::Int(r, 1), db::Int(r, 2));
}

}  // namespace

std::string LiveCheckins::Event(Id unit_id, std::int64_t checked_in, std::int64_t walk_ins) {
  boost::json::object data{{"unit_id", unit_id},
                           {"checked_in", checked_in},
                           {"walk_ins", walk_ins},
                           {"at", timeutil::FormatShanghaiIso(timeutil::NowUnix())}};
  return "event: checkins\ndata: " + boost::json::serialize(data) + "\n\n";
}

bool LiveCheckins::HasRoom() const {
  std::lock_guard lock(mu_);
  return open_ < max_streams_;
}

std::size_t LiveCheckins::streams() const {
  std::lock_guard lock(mu_);
  return open_;
}

bool LiveCheckins::Add(std::shared_ptr<http::EventStream> stream, Id campaign_id, Id unit_id) {
  {
    std::lock_guard lock(mu_);
    if (open_ < max_streams_) {
      Watcher w;
      w.stream = std::move(stream);
      w.campaign_id = campaign_id;
      w.unit_id = unit_id;
      watchers_.push_back(std::move(w));
      ++open_;
      return true;
    }
  }
  stream->Close();
  return false;
}

void LiveCheckins::Tick() {
  std::lock_guard tick(tick_mu_);
  std::vector<Watcher> ws;
  {
    std::lock_guard lock(mu_);
    ws.swap(watchers_);
  }
  if (ws.empty()) {
    counts_.clear();
    started_ = false;
  } else {
    try {
      db::Session s(db_);
      Round(s, ws);
    } catch (const std::exception& e) {
      spdlog::warn("live check-in count: {}", e.what());
    }
  }
  std::lock_guard lock(mu_);
  std::erase_if(ws, [](const Watcher& w) { return !w.stream->Open(); });
  for (auto& w : watchers_) ws.push_back(std::move(w));  // added meanwhile
  watchers_.swap(ws);
  open_ = watchers_.size();
}

void LiveCheckins::Round(db::Session& s, std::vector<Watcher>& ws) {
  auto now = std::chrono::steady_clock::now();
  std::set<Id> campaigns;
  for (auto& w : ws) {
    campaigns.insert(w.campaign_id);
    if (w.loaded) continue;
    soci::rowset<soci::row> rs =
        (s.sql().prepare << "SELECT descendant_id FROM unit_closure WHERE ancestor_id = :u",
         soci::use(w.unit_id));
    for (const auto& r : rs) w.units.insert(db::Int(r, 0));
    w.loaded = true;
  }
  std::erase_if(counts_, [&](const auto& kv) { return !campaigns.count(kv.first); });
  std::int64_t max_checkin = MaxId(s, "checkins");
  std::int64_t max_walkin = MaxId(s, "walkins");

  std::set<Id> fresh;  // counted in full this round, up to the ids just read
  for (Id c : campaigns) {
    Counts& k = counts_[c];
    if (k.loaded && now - k.counted < kRecount) continue;
    k = Counts{};
    AddRows(s, true, c, 0, max_checkin,
            [&k](Id, Id unit, std::int64_t n) { k.checked_in[unit] += n; });
    AddRows(s, false, c, 0, max_walkin,
            [&k](Id, Id unit, std::int64_t n) { k.walk_ins[unit] += n; });
    k.loaded = true;
    k.counted = now;
    fresh.insert(c);
  }
  // Only the rows added since the last round, for the campaigns not
  // counted in full just now.
  auto add_new = [&](bool checkins) {
    return [&, checkins](Id campaign, Id unit, std::int64_t n) {
      if (fresh.count(campaign)) return;
      auto it = counts_.find(campaign);
      if (it == counts_.end()) return;
      (checkins ? it->second.checked_in : it->second.walk_ins)[unit] += n;
    };
  };
  if (started_ && max_checkin > last_checkin_ && fresh.size() < campaigns.size()) {
    AddRows(s, true, 0, last_checkin_, max_checkin, add_new(true));
  }
  if (started_ && max_walkin > last_walkin_ && fresh.size() < campaigns.size()) {
    AddRows(s, false, 0, last_walkin_, max_walkin, add_new(false));
  }
  last_checkin_ = max_checkin;
  last_walkin_ = max_walkin;
  started_ = true;

  for (auto& w : ws) {
    if (!w.stream->Open()) continue;
    const Counts& k = counts_[w.campaign_id];
    std::int64_t in = 0, walk = 0;
    for (const auto& [unit, n] : k.checked_in) in += w.units.count(unit) ? n : 0;
    for (const auto& [unit, n] : k.walk_ins) walk += w.units.count(unit) ? n : 0;
    if (in != w.sent_checked_in || walk != w.sent_walk_ins) {
      w.stream->Send(Event(w.unit_id, in, walk));
      w.sent_checked_in = in;
      w.sent_walk_ins = walk;
      w.last_sent = now;
    } else if (now - w.last_sent >= kKeepAlive) {
      w.stream->Send(": keep-alive\n\n");
      w.last_sent = now;
    }
  }
}

void LiveCheckins::Start() {
  std::lock_guard lock(thread_mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] {
    for (;;) {
      {
        std::unique_lock l(thread_mu_);
        if (cv_.wait_for(l, kInterval, [this] { return stop_; })) return;
      }
      Tick();
    }
  });
}

void LiveCheckins::Stop() {
  {
    std::lock_guard lock(thread_mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::vector<Watcher> ws;
  {
    std::lock_guard lock(mu_);
    ws.swap(watchers_);
    open_ = 0;
  }
  for (auto& w : ws) w.stream->Close();
}

}  // namespace vw::dashboard
