#include "test_env.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "app/seed.h"
#include "core/time.h"
#include "db/migrations.h"

namespace vw::testing {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

std::string UniqueName() {
  static std::atomic<int> counter{0};
  static const std::string run = [] {
    std::random_device rd;
    return std::to_string(rd() % 1000000);
  }();
  return "t" + run + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

const char* PgUrl() {
  const char* v = std::getenv("VOCWEEK_TEST_PG");
  return v && *v ? v : nullptr;
}

}  // namespace

bool UsingPostgres() { return PgUrl() != nullptr; }

app::App::Options FreshAppOptions() {
  app::App::Options o;
  o.config.threads = 2;
  o.config.db_pool = 6;
  o.config.web_root = "/nonexistent-web-root";
  if (const char* pg = PgUrl()) {
    o.config.db_url = pg;
    o.pg_schema = UniqueName();
  } else {
    auto dir = std::filesystem::temp_directory_path() / "vocweek-tests";
    std::filesystem::create_directories(dir);
    auto path = dir / (UniqueName() + ".db");
    o.config.db_url = path.string();
  }
  return o;
}

std::pair<std::unique_ptr<db::Database>, std::unique_ptr<db::Database>> TwoPoolsOnOneDatabase(
    std::size_t pool_size) {
  auto o = FreshAppOptions();
  auto first = std::make_unique<db::Database>(db::Options{o.config.db_url, pool_size, o.pg_schema});
  db::Migrate(*first);
  auto second =
      std::make_unique<db::Database>(db::Options{o.config.db_url, pool_size, o.pg_schema});
  return {std::move(first), std::move(second)};
}

std::unique_ptr<db::Database> FreshDatabase() {
  auto o = FreshAppOptions();
  auto db = std::make_unique<db::Database>(db::Options{o.config.db_url, 4, o.pg_schema});
  db::Migrate(*db);
  seed::EnsureRegions(*db);
  return db;
}

ScopedClock::ScopedClock(const std::string& instant) { Set(instant); }

void ScopedClock::Set(const std::string& instant) {
  auto at = timeutil::ParseInstant(instant, "clock", "时间");
  if (!at) throw std::invalid_argument("ScopedClock: " + instant);
  timeutil::SetClockForTesting(*at);
}

ScopedClock::~ScopedClock() { timeutil::SetClockForTesting(std::nullopt); }

void ClearActivities(db::Database& db) {
  db::Session s(db);
  s.sql() << "DELETE FROM activities";
}

Id UnitId(db::Database& db, const std::string& name) {
  db::Session s(db);
  Id id = 0;
  soci::indicator ind = soci::i_null;
  s.sql() << "SELECT id FROM units WHERE name = :n", soci::use(name), soci::into(id, ind);
  EXPECT_EQ(ind, soci::i_ok) << "no unit named " << name;
  return id;
}

const boost::json::value& HttpResult::data() const {
  static const boost::json::value kNull;
  if (!json.is_object()) return kNull;
  const auto* d = json.as_object().if_contains("data");
  return d ? *d : kNull;
}

static std::string ErrorPart(const boost::json::value& json, const char* key) {
  if (!json.is_object()) return "";
  const auto* e = json.as_object().if_contains("error");
  if (!e || !e->is_object()) return "";
  const auto* v = e->as_object().if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

std::string HttpResult::error_code() const { return ErrorPart(json, "code"); }
std::string HttpResult::error_field() const { return ErrorPart(json, "field"); }
std::string HttpResult::error_message() const { return ErrorPart(json, "message"); }

namespace {

app::App::Options Configured(const std::function<void(app::Config&)>& configure) {
  auto options = FreshAppOptions();
  if (configure) configure(options.config);
  return options;
}

}  // namespace

TestServer::TestServer(const std::function<void(app::Config&)>& configure)
    : TestServer(Configured(configure), true) {}

std::unique_ptr<TestServer> TestServer::SecondNode(const TestServer& first) {
  return std::unique_ptr<TestServer>(new TestServer(first.options_, false));
}

TestServer::TestServer(const app::App::Options& options, bool seed_demo) : options_(options) {
  app_ = std::make_unique<app::App>(options);
  if (seed_demo) {
    auto seeded = seed::SeedDemo(app_->db());
    if (!seeded) throw std::runtime_error("seed failed: " + seeded.error().message);
  }
  http::ServerOptions so = app::ServerOptionsFor(options.config);
  so.port = 0;
  so.shutdown_grace = std::chrono::seconds(5);
  server_ = std::make_unique<http::Server>(
      so, [this](http::RequestContext& ctx) { return app_->Handle(ctx); },
      [this](http::Verb m, std::string_view p) { return app_->BodyLimit(m, p); });
  port_ = server_->Start();
}

TestServer::~TestServer() { server_->Stop(); }

HttpResult Client::Request(const std::string& method, const std::string& target,
                           const std::string& body, std::map<std::string, std::string> headers) {
  boost::asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
  req.set(bhttp::field::host, "127.0.0.1");
  std::string cookie;
  for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
  if (!csrf.empty() && method != "GET") req.set("X-CSRF-Token", csrf);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT") req.prepare_payload();
  // The server may answer (413) and close before the whole body is sent.
  boost::system::error_code write_ec;
  bhttp::write(socket, req, write_ec);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  parser.skip(method == "HEAD");
  bhttp::read(socket, buffer, parser);
  auto& res = parser.get();
  HttpResult out;
  out.status = res.result_int();
  out.body = res.body();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value(f.value());
    out.headers[name] = value;
    if (name == "set-cookie") {
      out.set_cookies.push_back(value);
      auto eq = value.find('=');
      auto semi = value.find(';');
      std::string k = value.substr(0, eq);
      std::string v =
          value.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
      bool expired = value.find("Max-Age=0") != std::string::npos;
      if (expired || v.empty()) {
        cookies_.erase(k);
      } else {
        cookies_[k] = v;
      }
    }
  }
  boost::system::error_code ec;
  out.json = boost::json::parse(out.body, ec);
  if (ec) out.json = nullptr;
  socket.shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

void Client::Login(const std::string& username, const std::string& password) {
  auto r = Post("/api/auth/login", {{"username", username}, {"password", password}});
  ASSERT_EQ(r.status, 200u) << r.body;
  csrf = std::string(r.data().at("csrf_token").as_string());
}

}  // namespace vw::testing
