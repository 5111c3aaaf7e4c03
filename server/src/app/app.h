// The wired application: database, services, routes and static files.
//
// App is what `vocweek serve` runs and what the API tests start in-process.
// Construction opens the database, applies pending migrations, loads the
// reference regions and the built web app; it throws on any of these
// failures (start-up errors are not recoverable). Afterwards Handle() is
// thread-safe and is the server's dispatch function.
#pragma once

#include <memory>

#include "activity/activity.h"
#include "activity/activity_routes.h"
#include "app/config.h"
#include "app/jobs.h"
#include "auth/auth.h"
#include "awards/awards.h"
#include "campaign/campaign.h"
#include "campaign/campaign_routes.h"
#include "campaign/notice_texts.h"
#include "dashboard/dashboard.h"
#include "dashboard/live.h"
#include "db/change_signals.h"
#include "db/database.h"
#include "home/home.h"
#include "http/request_metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "imports/imports.h"
#include "media/media_service.h"
#include "org/org.h"
#include "publicity/public_topic.h"
#include "publicity/publicity.h"
#include "registration/registration.h"
#include "reporting/reporting.h"
#include "reporting/submissions.h"

namespace vw::app {

class App {
 public:
  struct Options {
    Config config;
    std::string pg_schema;  // tests: PostgreSQL schema to isolate in
  };
  explicit App(const Options& options);

  // /healthz, /readyz, /metrics (operations.h), /api/* through the router,
  // everything else from the web app; each answer is counted for /metrics.
  http::Response Handle(http::RequestContext& ctx);
  // Body limit of the route a request goes to (default for unknown ones).
  std::size_t BodyLimit(http::Verb method, std::string_view path) const;

  db::Database& db() { return db_; }
  const http::Router& router() const { return router_; }
  auth::AccountService& accounts() { return accounts_; }
  imports::ImportService& imports() { return imports_; }
  registration::RegistrationService& registrations() { return registrations_; }
  activity::PublicProgrammeCache& programme_cache() { return programme_; }
  // The public topic site's answers (PublicityService::SetOnChange drops them).
  activity::PublicProgrammeCache& topic_cache() { return topic_cache_; }
  media::MediaService& media() { return media_; }
  publicity::PublicityService& publicity() { return publicity_; }
  // Drops the public caches when another node wrote (Serve starts its polling).
  db::ChangeSignals& change_signals() { return signals_; }
  // The live check-in counts pushed to the dashboards (Serve starts its polling).
  dashboard::LiveCheckins& live_checkins() { return live_; }

 private:
  Config config_;
  db::Database db_;
  org::Scope scope_;
  org::UnitService units_;
  auth::AccountService accounts_;
  auth::UserService users_;
  campaign::CampaignService campaigns_;
  campaign::PublicCampaignCache public_campaign_;
  campaign::NoticeTextService notice_texts_;
  activity::ActivityService activities_;
  activity::PublicProgrammeCache programme_;
  registration::RegistrationService registrations_;
  reporting::ReportingService reporting_;
  reporting::SubmissionService submissions_;
  imports::ImportService imports_;
  home::HomeService home_;
  dashboard::DashboardService dashboards_;
  dashboard::LiveCheckins live_;
  media::MediaService media_;
  publicity::PublicityService publicity_;
  awards::AwardService awards_;
  publicity::PublicTopic topic_;
  activity::PublicProgrammeCache topic_cache_;
  db::ChangeSignals signals_;  // after the caches it drops: stops before them
  http::Router router_;
  http::StaticFiles static_files_;
  http::TrustedProxies metrics_allow_;                     // besides loopback
  std::unique_ptr<http::RequestMetrics> request_metrics_;  // of router_'s final routes
  std::string openapi_;

  // The answer, and under which fixed name it is counted when no route matched.
  http::Response Answer(http::RequestContext& ctx, http::RequestMetrics::Fixed& kind);

  // /p/activities/{id}, /p/news/{id}, /p/topic, /p/column/{unit_id}: the
  // app's page with the page's title, summary (and picture) in its meta
  // tags (link previews do not run scripts).
  std::optional<http::Response> PublicPage(const http::RequestContext& ctx);
  std::optional<http::Response> TopicPage(const http::RequestContext& ctx);
};

// The server's settings from the configuration (public URL, trusted
// proxies, connection cap, workers, HSTS with secure cookies). Throws
// std::invalid_argument like CheckConfig.
http::ServerOptions ServerOptionsFor(const Config& config);

// The periodic jobs (JobRunner, once a day across every node): `retention`
// (personal data of ended campaigns), `short_codes` and `media_uploads`
// (stale incomplete uploads).
std::vector<Job> DailyJobs(App& app, const Config& config);

// Serves `app` until SIGINT/SIGTERM (graceful). Returns the exit code.
// Meanwhile polls the change signals (PostgreSQL) and runs the due jobs.
int Serve(App& app, const Config& config);

// The OpenAPI 3 document for the router's routes.
std::string OpenApiDocument(const http::Router& router);

}  // namespace vw::app
