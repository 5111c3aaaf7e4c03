#include "app/app.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <thread>

#include "activity/activity_routes.h"
#include "app/operations.h"
#include "app/seed.h"
#include "auth/auth_routes.h"
#include "awards/awards_routes.h"
#include "core/json.h"
#include "core/time.h"
#include "dashboard/dashboard_routes.h"
#include "db/migrations.h"
#include "display/display_routes.h"
#include "home/home_routes.h"
#include "http/reply.h"
#include "media/media_routes.h"
#include "messages/messages.h"
#include "messages/messages_routes.h"
#include "messages/outbox_worker.h"
#include "notices/notices_routes.h"
#include "org/unit_routes.h"
#include "publicity/public_topic_routes.h"
#include "publicity/publicity_export_routes.h"
#include "publicity/publicity_routes.h"
#include "registration/registration_routes.h"
#include "reporting/deadline_reminders.h"
#include "reporting/reporting_routes.h"

namespace vw::app {
namespace {

db::Options DbOptions(const App::Options& o) {
  db::Options d;
  d.url = o.config.db_url;
  std::size_t threads =
      o.config.threads > 0 ? o.config.threads : std::max(1u, std::thread::hardware_concurrency());
  d.pool_size = o.config.db_pool > 0 ? o.config.db_pool : threads * 2 + 2;
  d.pg_schema = o.pg_schema;
  return d;
}

media::MediaOptions MediaOptionsFor(const Config& c) {
  media::MediaOptions m;
  m.dir = MediaDir(c);
  m.limits.max_image_bytes = std::uint64_t(c.media_max_image_mb) << 20;
  m.limits.max_video_bytes = std::uint64_t(c.media_max_video_mb) << 20;
  m.unit_quota = std::uint64_t(c.media_unit_mb) << 20;
  return m;
}

auth::SessionOptions SessionOptionsFor(const Config& c) {
  auth::SessionOptions s;
  s.secure_cookies = c.secure_cookies;
  return s;
}

// Runs before the services are built: they may read reference data.
db::Database& Prepared(db::Database& db) {
  db::Migrate(db);
  seed::EnsureRegions(db);
  return db;
}

}  // namespace

App::App(const Options& options)
    : config_(options.config),
      db_(DbOptions(options)),
      scope_(Prepared(db_)),
      units_(db_, scope_),
      accounts_(db_, SessionOptionsFor(config_)),
      users_(db_, scope_),
      campaigns_(db_, scope_),
      public_campaign_(campaigns_),
      notice_texts_(db_, campaigns_),
      activities_(db_, scope_),
      registrations_(db_, scope_,
                     {config_.registration_limit_ip, config_.registration_limit_mobile,
                      config_.waiting_list_min, registration::Limits{}.code_lookups,
                      config_.checkin_gather_us}),
      reporting_(db_, scope_),
      submissions_(db_, scope_),
      imports_(db_, units_, users_, activities_),
      home_(db_, activities_, reporting_),
      dashboards_(db_, scope_, activities_, submissions_),
      live_(db_),
      media_(db_, scope_, MediaOptionsFor(config_)),
      publicity_(db_, scope_),
      awards_(db_, scope_),
      topic_(db_),
      signals_(db_),
      static_files_(config_.web_root),
      metrics_allow_(*http::TrustedProxies::Parse(config_.metrics_allow)) {
  router_.SetGuard(auth::MakeAuthGuard(accounts_));
  auth::RegisterAuthRoutes(router_, accounts_, users_, db_);
  org::RegisterUnitRoutes(router_, units_, db_, scope_);
  campaign::RegisterCampaignRoutes(router_, campaigns_, public_campaign_);
  campaign::RegisterNoticeTextRoutes(router_, notice_texts_);
  activity::RegisterActivityRoutes(router_, activities_, programme_);
  registration::RegisterRegistrationRoutes(router_, registrations_);
  reporting::RegisterReportingRoutes(router_, reporting_);
  reporting::RegisterSubmissionRoutes(router_, submissions_);
  activities_.SetOnRegistrantNotice(
      [this](Id activity_id, const std::string& kind, const std::string& message) {
        registrations_.NotifyRegistrants(activity_id, kind, message);
      });
  activities_.SetOnCapacityRaised(
      [this](Id activity_id) { registrations_.CapacityRaised(activity_id); });
  activities_.SetOnFilingSubmitted(
      [](db::Session& s, const Principal& p, const activity::Activity& a) {
        reporting::NotifyFilingSubmitted(s, p, activity::ApprovingUnitOf(a), a.campaign_id,
                                         a.unit_name, a.title);
      });
  // The topic site shows names of units, days and activities too.
  units_.SetOnChange([this] {
    programme_.Invalidate();
    topic_cache_.Invalidate();
  });
  signals_.Watch(db::kCampaignSignal, [this] {
    public_campaign_.Invalidate();
    topic_cache_.Invalidate();
  });
  signals_.Watch(db::kProgrammeSignal, [this] {
    programme_.Invalidate();
    topic_cache_.Invalidate();
  });
  // After every committed publicity write: this node drops its topic cache at
  // once, the others when they see the signal move.
  publicity_.SetOnChange([this] {
    topic_cache_.Invalidate();
    try {
      db::Session s(db_);
      db::Bump(s, db::kPublicitySignal);
    } catch (const std::exception& e) {  // the write stands; other nodes' pages age instead
      spdlog::warn("bumping the publicity signal failed: {}", e.what());
    }
  });
  signals_.Watch(db::kPublicitySignal, [this] { topic_cache_.Invalidate(); });
  imports::RegisterImportRoutes(router_, imports_);
  home::RegisterHomeRoutes(router_, home_);
  dashboard::RegisterDashboardRoutes(router_, dashboards_, live_);
  media::RegisterMediaRoutes(router_, media_);
  publicity::RegisterPublicityRoutes(router_, publicity_);
  publicity::RegisterPublicityExportRoutes(router_, db_, scope_, media_);
  publicity::RegisterPublicTopicRoutes(router_, topic_, topic_cache_, media_.store());
  display::RegisterDisplayRoutes(router_, db_, scope_, activities_);
  awards::RegisterAwardRoutes(router_, awards_);
  notices::RegisterNoticeRoutes(router_, db_, scope_);
  // Settings of Config (VOCWEEK_SMTP_*, --smtp-host, ...; messages/messages.h).
  messages::RegisterMessageRoutes(router_, db_, scope_, config_.messages);
  router_.Add(
      http::Verb::get, "/api/demo-accounts",
      {"演示账号及其角色（仅演示服务器 VOCWEEK_DEMO=1，否则为空）", "meta", http::Access::kPublic},
      [this](http::RequestContext&) {
        auto accounts = config_.demo ? seed::DemoAccounts() : std::vector<seed::DemoAccount>{};
        return http::ReplyListWith(accounts, [](const seed::DemoAccount& a) {
          return boost::json::object{
              {"username", a.username}, {"password", a.password}, {"description", a.description}};
        });
      });
  router_.Add(http::Verb::get, "/api/openapi.json",
              {"本接口文档（OpenAPI 3）", "meta", http::Access::kPublic},
              [this](http::RequestContext&) {
                http::Response r;
                r.body = openapi_;
                return r;
              });
  openapi_ = OpenApiDocument(router_);
  request_metrics_ = std::make_unique<http::RequestMetrics>(router_.routes());
  spdlog::info("database {}; {} routes; {} web files from {}", db_.description(),
               router_.routes().size(), static_files_.file_count(), config_.web_root);
}

http::Response App::Handle(http::RequestContext& ctx) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  auto kind = http::RequestMetrics::Fixed::kOther;
  http::Response r = Answer(ctx, kind);
  auto seconds = [start] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  if (r.answered_later()) {
    // Counted when the answer is made; ctx outlives the work that makes it.
    r.WrapLater([this, &ctx, kind, seconds](const http::MakeResponse& make) {
      http::Response answer = make();
      request_metrics_->Record(ctx, kind, answer.status, seconds());
      return answer;
    });
  } else {
    request_metrics_->Record(ctx, kind, r.status, seconds());
  }
  return r;
}

http::Response App::Answer(http::RequestContext& ctx, http::RequestMetrics::Fixed& kind) {
  using Fixed = http::RequestMetrics::Fixed;
  std::string_view path = ctx.path();
  if (path == "/healthz") {
    kind = Fixed::kHealthz;
    http::Response r;
    r.content_type = "text/plain; charset=utf-8";
    try {
      db::Session s(db_);
      int one = 0;
      s.sql() << "SELECT 1", soci::into(one);
      r.body = "ok";
    } catch (const std::exception& e) {
      r.status = 503;
      r.body = "database unavailable";
    }
    return r;
  }
  if (path == "/readyz") {
    kind = Fixed::kReadyz;
    return Readiness(db_);
  }
  if (path == "/metrics") {
    kind = Fixed::kMetrics;
    if (!MetricsAllowed(ctx.peer(), metrics_allow_)) {
      return http::JsonError(Error::NotFound("接口不存在：" + std::string(path)));
    }
    http::Response r;
    r.offload = [this] {
      http::Response m;
      m.content_type = "text/plain; version=0.0.4; charset=utf-8";
      m.body = MetricsText(db_, *request_metrics_);
      m.SetHeader("Cache-Control", "no-store");
      return m;
    };
    return r;
  }
  if (path.rfind("/api/", 0) != 0 && path != "/api") {
    kind = Fixed::kStatic;
    if (auto r = PublicPage(ctx)) return std::move(*r);
    if (auto r = static_files_.Serve(ctx)) return std::move(*r);
    kind = Fixed::kOther;
  }
  return router_.Dispatch(ctx);
}

namespace {

// The id after `prefix` when `path` is exactly prefix + digits.
std::optional<Id> IdAfter(std::string_view path, std::string_view prefix) {
  if (path.rfind(prefix, 0) != 0) return std::nullopt;
  std::int64_t id = 0;
  std::string_view digits = path.substr(prefix.size());
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return id;
}

}  // namespace

std::optional<http::Response> App::TopicPage(const http::RequestContext& ctx) {
  std::string_view path = ctx.path();
  std::optional<publicity::ShareCard> card;
  if (auto id = IdAfter(path, "/p/news/")) {
    card = topic_.NewsCard(*id);
  } else if (path == "/p/topic" || IdAfter(path, "/p/column/")) {
    auto campaign = campaigns_.Current();
    if (!campaign) return std::nullopt;
    if (auto unit = IdAfter(path, "/p/column/")) {
      card = topic_.ColumnCard(campaign->id, *unit);
    } else {
      card = topic_.TopicCard(campaign->id);
    }
  }
  if (!card) return std::nullopt;  // the app shows its own "not found"
  // Absolute addresses from the configured public URL, never from the request.
  std::string image = card->image_path.empty() ? "" : ctx.Origin() + card->image_path;
  return static_files_.ServeIndexWithMeta(card->title, Utf8Prefix(card->description, 120),
                                          ctx.Origin() + std::string(path), image);
}

std::optional<http::Response> App::PublicPage(const http::RequestContext& ctx) {
  if (ctx.method() != http::Verb::get) return std::nullopt;
  std::string_view path = ctx.path();
  auto id = IdAfter(path, "/p/activities/");
  if (!id) return TopicPage(ctx);
  auto a = activities_.PublicGet(*id);
  if (!a) return std::nullopt;  // the app shows its own "not found"
  std::string summary = a->description.empty() ? a->unit_name : a->description;
  std::string when = timeutil::UtcToApi(a->starts_at).substr(0, 16);
  when[10] = ' ';
  std::string description = Utf8Prefix(
      when + " · " + (a->place_kind == "online" ? "线上" : a->place) + " · " + summary, 120);
  return static_files_.ServeIndexWithMeta(a->title + " - " + a->unit_name, description,
                                          ctx.Origin() + std::string(path));
}

std::size_t App::BodyLimit(http::Verb method, std::string_view path) const {
  if (auto m = router_.Find(method, path)) return m->route->options.body_limit;
  return 1 << 20;
}

http::ServerOptions ServerOptionsFor(const Config& config) {
  CheckConfig(config);
  http::ServerOptions so;
  so.host = config.host;
  so.port = config.port;
  so.threads = config.threads;
  if (!config.public_url.empty()) so.public_url = *http::NormalisePublicUrl(config.public_url);
  so.trusted_proxies = *http::TrustedProxies::Parse(config.trusted_proxies);
  so.max_connections = config.max_connections;
  so.workers = config.workers;
  so.hsts = config.secure_cookies;
  so.access_log = *http::ParseAccessLogFormat(config.access_log);
  return so;
}

std::vector<Job> DailyJobs(App& app, const Config& config) {
  return {
      // Personal data of registrations of ended campaigns.
      {"retention",
       [&app, days = config.retention_days] {
         app.registrations().PurgePersonalData(days, timeutil::ShanghaiDate(timeutil::NowUnix()));
       }},
      // Short codes for registrations that have none (older rows, or rows
      // of a node of the previous release during an upgrade).
      {"short_codes", [&app] { app.registrations().FillShortCodes(); }},
      // Uploads left incomplete, and their part files.
      {"media_uploads", [&app] { app.media().RemoveStaleUploads(); }},
      // Files stored for the material library that no item uses.
      {"media_orphans", [&app] { app.media().RemoveOrphans(); }},
      // Reminders (in-app, e-mail, robots) of forms due within two days.
      {"deadline_reminders",
       [&app] {
         org::Scope scope(app.db());
         reporting::SubmissionService forms(app.db(), scope);
         reporting::RemindBeforeDeadlines(app.db(), forms, timeutil::NowUnix(), 2 * 24 * 3600);
       }},
      // Reminders of notices not acknowledged, acknowledge-by date within a day.
      {"notice_reminders",
       [&app] {
         org::Scope scope(app.db());
         notices::NoticeService(app.db(), scope).RemindBeforeAckDates(timeutil::NowUnix(), 1);
       }},
      // One e-mail a day listing the messages people chose to get daily.
      {"message_digest",
       [&app, public_url = ServerOptionsFor(config).public_url] {
         messages::WriteDailyDigests(app.db(), public_url, timeutil::NowUtc());
       }},
  };
}

int Serve(App& app, const Config& config) {
  http::RaiseDescriptorLimit();
  http::ServerOptions so = ServerOptionsFor(config);
  http::Server server(
      so, [&app](http::RequestContext& ctx) { return app.Handle(ctx); },
      [&app](http::Verb m, std::string_view p) { return app.BodyLimit(m, p); });
  unsigned short port = server.Start();
  JobRunner::Options jo;
  jo.node = config.node.empty() ? DefaultNodeName() : config.node;
  spdlog::info("vocweek node {} serving on http://{}:{}", jo.node, config.host, port);
  app.change_signals().Start();
  JobRunner jobs(app.db(), jo, DailyJobs(app, config));
  jobs.Start();
  // The outbox's sender, on a thread of its own (messages/outbox_worker.h).
  std::string origin =
      so.public_url.empty() ? "http://" + config.host + ":" + std::to_string(port) : so.public_url;
  const messages::Settings& channels = config.messages;
  messages::OutboxWorker sender(app.db(), channels, jo.node,
                                std::make_unique<messages::Channels>(channels, origin));
  sender.Start();
  app.live_checkins().Start();
  server.RunUntilSignal();
  app.live_checkins().Stop();
  sender.Stop();
  jobs.Stop();
  app.change_signals().Stop();
  spdlog::info("vocweek stopped");
  return 0;
}

}  // namespace vw::app
