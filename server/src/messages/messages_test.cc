// Messages that reach people (messages.h): real receivers on 127.0.0.1 — an
// SMTP server (Debian's python3-aiosmtpd) and an HTTP receiver for the
// group robots and the SMS provider (server/tests/message_sinks.py).
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <barrier>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "app/config.h"
#include "core/crypto.h"
#include "core/time.h"
#include "messages/channels.h"
#include "messages/messages.h"
#include "messages/outbox_store.h"
#include "messages/outbox_worker.h"
#include "messages/smtp.h"
#include "reporting/deadline_reminders.h"
#include "test_env.h"

extern char** environ;

namespace vw::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using messages::OutboxWorker;
using messages::Settings;

// A receiver process (message_sinks.py) on a free port of 127.0.0.1.
class Sink {
 public:
  explicit Sink(const std::string& kind, std::vector<std::string> extra = {}) {
    dir_ = fs::temp_directory_path() / ("vw-sink-" + RandomToken(8));
    fs::create_directories(dir_);
    std::vector<std::string> args{"/usr/bin/python3", VW_SOURCE_DIR "/tests/message_sinks.py", kind,
                                  dir_.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
      throw std::runtime_error("cannot start message_sinks.py");
    }
    // Waits (up to 30 s) for the port it listens on.
    for (int i = 0; i < 600 && !fs::exists(dir_ / "port"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::ifstream in(dir_ / "port");
    int port = 0;
    in >> port;
    if (port <= 0) throw std::runtime_error("message_sinks.py did not start");
    port_ = static_cast<unsigned short>(port);
  }
  ~Sink() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  unsigned short port() const { return port_; }
  // What it accepted, in order.
  std::vector<std::string> Messages() const {
    std::set<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir_)) {
      if (e.path().extension() == ".msg") files.insert(e.path());
    }
    std::vector<std::string> out;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
    return out;
  }

 private:
  fs::path dir_;
  pid_t pid_ = 0;
  unsigned short port_ = 0;
};

// The value of a header of a received e-mail (folded lines joined).
std::string Header(const std::string& mail, const std::string& name) {
  auto at = mail.find("\r\n" + name + ": ");
  if (at == std::string::npos) at = mail.find("\n" + name + ": ");
  if (at == std::string::npos) return "";
  at = mail.find(": ", at) + 2;
  std::string out;
  while (true) {
    auto end = mail.find("\r\n", at);
    out += mail.substr(at, end - at);
    if (end == std::string::npos || (mail[end + 2] != ' ' && mail[end + 2] != '\t')) break;
    at = end + 3;
  }
  return out;
}

// Decodes "=?UTF-8?B?...?=" words (separated by spaces) back to text.
std::string DecodeWords(const std::string& header) {
  std::string out;
  std::size_t at = 0;
  while ((at = header.find("=?UTF-8?B?", at)) != std::string::npos) {
    at += 10;
    auto end = header.find("?=", at);
    out += FromBase64(header.substr(at, end - at)).value_or("?");
    at = end + 2;
  }
  return out;
}

// The decoded text body of a received e-mail.
std::string BodyOf(const std::string& mail) {
  auto at = mail.find("\r\n\r\n");
  std::string b64;
  for (char c : mail.substr(at + 4)) {
    if (c != '\r' && c != '\n') b64 += c;
  }
  return FromBase64(b64).value_or("");
}

// The robots' hosts the server accepts (app::Config's messages settings,
// as --webhook-hosts sets them): the test receiver's too.
void AllowTestRobots(app::Config& c) { c.messages.webhook_hosts = "127.0.0.1,qyapi.weixin.qq.com"; }

class MessagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    chengdu_unit_ = UnitId(server_.db(), "成都市教育局");
    province_unit_ = UnitId(server_.db(), "四川省教育厅");
    campaign_ = anon_.Get("/api/public/campaigns/current").data().at("id").as_int64();
    chengdu_.Login("chengdu");
    province_.Login("province");
    school2_.Login("school2");
    // What the demo data's notices queued is not these tests' business.
    db::Session s(server_.db());
    s.sql() << "DELETE FROM message_outbox";
  }

  Settings WorkerSettings(const Sink* smtp) {
    Settings s;
    if (smtp) {
      s.smtp_host = "127.0.0.1";
      s.smtp_port = smtp->port();
      s.smtp_from = "noreply@vocweek.test";
    }
    s.max_attempts = 3;
    s.backoff_seconds = 60;
    s.lease_seconds = 300;
    s.timeout_seconds = 10;
    return s;
  }
  std::unique_ptr<OutboxWorker> Worker(const Settings& s, db::Database& db,
                                       const std::string& node = "test") {
    return std::make_unique<OutboxWorker>(
        db, s, node, std::make_unique<messages::Channels>(s, "https://vocweek.example.cn"));
  }
  std::unique_ptr<OutboxWorker> Worker(const Settings& s) { return Worker(s, server_.db()); }

  void SetEmail(const std::string& username, const std::string& email) {
    db::Session s(server_.db());
    s.sql() << "UPDATE users SET email = :e WHERE username = :u", soci::use(email),
        soci::use(username);
  }

  HttpResult SetRobot(Client& c, Id unit, const std::string& kind, const std::string& url) {
    return c.Put("/api/units/" + std::to_string(unit) + "/message-settings",
                 json::object{{"email_default", true},
                              {"sms_default", false},
                              {"webhook_kind", kind},
                              {"webhook_url", url}});
  }

  std::string RobotUrl(const Sink& http) {
    return "http://127.0.0.1:" + std::to_string(http.port()) + "/cgi-bin/webhook/send?key=k1";
  }

  // A notice to the unit as a workflow step writes it (in a transaction).
  void Notify(Id unit, const std::string& kind, const std::string& title) {
    db::Session s(server_.db());
    db::Transaction tx(s);
    messages::EnqueueForUnit(
        s, {unit, kind, title, "正文：" + title, "/reports", std::nullopt, timeutil::NowUtc()});
    tx.Commit();
  }

  std::int64_t Count(const std::string& where) {
    db::Session s(server_.db());
    std::int64_t n = 0;
    s.sql() << "SELECT COUNT(*) FROM message_outbox WHERE " + where, soci::into(n);
    return n;
  }
  std::string StatusOf(Id id) {
    db::Session s(server_.db());
    return messages::store::LoadOutbox(s, id)->status;
  }
  Id LastId(const std::string& where) {
    db::Session s(server_.db());
    Id id = 0;
    s.sql() << "SELECT MAX(id) FROM message_outbox WHERE " + where, soci::into(id);
    return id;
  }

  std::string Base() { return "/api/campaigns/" + std::to_string(campaign_); }

  ScopedClock clock_{"2025-05-12T09:00:00+08:00"};
  TestServer server_{AllowTestRobots};
  Client anon_{server_.port()}, chengdu_{server_.port()}, province_{server_.port()},
      school2_{server_.port()};
  Id chengdu_unit_ = 0, province_unit_ = 0, campaign_ = 0;
};

TEST(MessageFormatTest, ChineseSubjectsAreEncodedWordsThatDecodeBack) {
  EXPECT_EQ(messages::EncodeHeaderWord("Reminder"), "Reminder");
  std::string subject =
      "请尽快提交信息采集表——2025年成渝地区双城经济圈职业教育活动周（成都市教育局）";
  std::string encoded = messages::EncodeHeaderWord(subject);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  std::size_t line_start = 0;
  while (line_start < encoded.size()) {  // every folded line within 78 characters
    auto end = encoded.find("\r\n", line_start);
    EXPECT_LE((end == std::string::npos ? encoded.size() : end) - line_start, 78u);
    line_start = end == std::string::npos ? encoded.size() : end + 2;
  }
  EXPECT_EQ(DecodeWords(encoded), subject);

  messages::Email e{
      "noreply@vocweek.test",          "活动周", "a@b.cn", "张三", subject, "正文\n第二行",
      "vocweek-outbox-7@vocweek.test", ""};
  std::string m = messages::FormatEmail(e);
  EXPECT_NE(m.find("Message-ID: <vocweek-outbox-7@vocweek.test>\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  EXPECT_EQ(BodyOf(m), "正文\n第二行");
  EXPECT_TRUE(messages::IsPlainAddress("a.b@c.cn"));
  EXPECT_FALSE(messages::IsPlainAddress("a@b.cn\r\nRCPT TO:<x@y>"));
  EXPECT_FALSE(messages::IsPlainAddress("a b@c"));
}

// The settings are fields of app::Config: from the environment, then flags
// (main.cc) change the fields, and CheckConfig checks them either way.
TEST(MessageSettingsTest, AreConfigFieldsReadFromTheEnvironmentAndChecked) {
  setenv("VOCWEEK_SMTP_HOST", "smtp.example.edu.cn", 1);
  setenv("VOCWEEK_SMTP_FROM", "noreply@example.edu.cn", 1);
  setenv("VOCWEEK_MESSAGES_LEASE", "600", 1);
  app::Config c = app::ConfigFromEnvironment();
  unsetenv("VOCWEEK_SMTP_HOST");
  unsetenv("VOCWEEK_SMTP_FROM");
  unsetenv("VOCWEEK_MESSAGES_LEASE");
  EXPECT_EQ(c.messages.smtp_host, "smtp.example.edu.cn");
  EXPECT_TRUE(c.messages.EmailOn());
  EXPECT_EQ(c.messages.lease_seconds, 600);
  EXPECT_EQ(c.messages.webhook_hosts, "qyapi.weixin.qq.com,oapi.dingtalk.com");
  c.messages.smtp_tls = "sometimes";  // as --smtp-tls would set it
  EXPECT_THROW(app::CheckConfig(c), std::invalid_argument);
  c.messages.smtp_tls = "starttls";
  c.messages.smtp_from = "noreply";
  EXPECT_THROW(app::CheckConfig(c), std::invalid_argument);
  c.messages.smtp_from = "noreply@example.edu.cn";
  EXPECT_NO_THROW(app::CheckConfig(c));
}

TEST(MessageFormatTest, WebhookUrlsAreHttpOnAllowedHostsWithinBudget) {
  std::string hosts = "qyapi.weixin.qq.com,oapi.dingtalk.com";
  EXPECT_TRUE(
      messages::CheckWebhookUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", hosts)
          .ok());
  EXPECT_TRUE(
      messages::CheckWebhookUrl("https://oapi.dingtalk.com/robot/send?access_token=x", hosts).ok());
  for (const std::string& bad :
       std::vector<std::string>{"ftp://qyapi.weixin.qq.com/x", "https://10.0.0.1/x",
                                "https://user:pw@qyapi.weixin.qq.com/x", "qyapi.weixin.qq.com/x",
                                "https://qyapi.weixin.qq.com/" + std::string(600, 'a')}) {
    auto st = messages::CheckWebhookUrl(bad, hosts);
    EXPECT_FALSE(st.ok()) << bad;
    if (!st.ok()) {
      EXPECT_EQ(st.error().field, "webhook_url");
    }
  }
}

// The issue's done-when: a reminder reaches the SMTP server and the group robot.
TEST_F(MessagesTest, ABoardReminderIsReceivedByEmailAndByTheGroupRobot) {
  Sink smtp("smtp");
  Sink robot("http");
  SetEmail("chengdu", "zhicheng@chengdu.example.cn");
  auto set = SetRobot(chengdu_, chengdu_unit_, "wecom", RobotUrl(robot));
  ASSERT_EQ(set.status, 200u) << set.body;

  auto remind = province_.Post(
      Base() + "/board/info_form/remind?unit_id=" + std::to_string(province_unit_), json::object{});
  ASSERT_EQ(remind.status, 200u) << remind.body;
  // Written with the notification, before anything is sent.
  EXPECT_EQ(Count("unit_id = " + std::to_string(chengdu_unit_) + " AND status = 'pending'"), 2);

  auto worker = Worker(WorkerSettings(&smtp));
  EXPECT_GE(worker->RunOnce(), 2);

  auto mails = smtp.Messages();
  ASSERT_EQ(mails.size(), 1u);
  const std::string& mail = mails[0];
  EXPECT_EQ(mail.rfind("X-Rcpt: zhicheng@chengdu.example.cn\r\n", 0), 0u) << mail;
  EXPECT_NE(Header(mail, "Subject").find("=?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(DecodeWords(Header(mail, "Subject")), "请尽快提交信息采集表");
  EXPECT_NE(Header(mail, "Message-ID").find("vocweek-outbox-"), std::string::npos);
  std::string body = BodyOf(mail);
  EXPECT_NE(
      body.find(
          "四川省教育厅提醒：本单位的2025年成渝地区双城经济圈职业教育活动周信息采集表尚未提交"),
      std::string::npos)
      << body;
  EXPECT_NE(body.find("https://vocweek.example.cn/reports?form=info_form&unit_id=" +
                      std::to_string(chengdu_unit_)),
            std::string::npos);

  auto posts = robot.Messages();
  ASSERT_EQ(posts.size(), 1u);
  auto nl = posts[0].find('\n');
  EXPECT_EQ(posts[0].substr(0, nl), "/cgi-bin/webhook/send?key=k1");
  auto payload = json::parse(posts[0].substr(nl + 1));
  EXPECT_EQ(payload.at("msgtype"), "markdown");
  std::string content(payload.at("markdown").at("content").as_string());
  EXPECT_EQ(content.rfind("**请尽快提交信息采集表**\n", 0), 0u) << content;

  // The unit sees what was sent; addresses masked, the robot's key hidden.
  auto list = chengdu_.Get("/api/units/" + std::to_string(chengdu_unit_) + "/messages");
  ASSERT_EQ(list.status, 200u) << list.body;
  int sent = 0;
  for (const auto& item : list.data().at("items").as_array()) {
    const auto& o = item.as_object();
    if (o.at("status") == "sent") ++sent;
    EXPECT_EQ(std::string(o.at("recipient").as_string()).find("k1"), std::string::npos);
    EXPECT_EQ(std::string(o.at("recipient").as_string()).find("zhicheng@"), std::string::npos);
  }
  EXPECT_EQ(sent, 2);
  // Nothing is sent twice.
  EXPECT_EQ(worker->RunOnce(), 0);
  EXPECT_EQ(smtp.Messages().size(), 1u);
  EXPECT_EQ(robot.Messages().size(), 1u);
}

TEST_F(MessagesTest, TheDailyJobRemindsUnitsOfADeadlineWithinTwoDaysByEmail) {
  Sink smtp("smtp");
  SetEmail("chengdu", "zhicheng@chengdu.example.cn");
  // The province's own deadline for its children's information forms.
  std::string due = "2025-05-20T10:00:00Z";
  {
    db::Session s(server_.db());
    s.sql() << "INSERT INTO deadlines (campaign_id, collector_unit_id, form, title, due_at) VALUES "
               "(:c, :u, 'info_form', '信息采集表', :d)",
        soci::use(campaign_), soci::use(province_unit_), soci::use(due);
  }
  std::int64_t at = *timeutil::ParseUtc(due);
  // Three days before: nothing yet.
  org::Scope scope(server_.db());
  reporting::SubmissionService forms(server_.db(), scope);
  EXPECT_EQ(reporting::RemindBeforeDeadlines(server_.db(), forms, at - 3 * 86400, 2 * 86400), 0);
  EXPECT_EQ(Count("kind = 'reminder:info_form'"), 0);
  EXPECT_GT(reporting::RemindBeforeDeadlines(server_.db(), forms, at - 86400, 2 * 86400), 0);
  EXPECT_EQ(Count("kind = 'reminder:info_form' AND channel = 'email' AND status = 'pending'"), 1);
  Worker(WorkerSettings(&smtp))->RunOnce();
  ASSERT_EQ(smtp.Messages().size(), 1u);
  EXPECT_EQ(DecodeWords(Header(smtp.Messages()[0], "Subject")), "请尽快提交信息采集表");
}

TEST_F(MessagesTest, ARefusedMessageIsRetriedWithBackOffAndArrivesOnce) {
  Sink robot("http", {"--fail-first", "2"});
  Sink smtp("smtp", {"--fail-first", "1"});
  SetEmail("chengdu", "zhicheng@chengdu.example.cn");
  ASSERT_EQ(SetRobot(chengdu_, chengdu_unit_, "dingtalk", RobotUrl(robot)).status, 200u);
  Notify(chengdu_unit_, "returned", "信息采集表已退回");
  Id hook = LastId("channel = 'dingtalk'");
  Id mail = LastId("channel = 'email'");
  auto worker = Worker(WorkerSettings(&smtp));

  EXPECT_EQ(worker->RunOnce(), 2);
  EXPECT_EQ(StatusOf(hook), "pending");
  EXPECT_EQ(StatusOf(mail), "pending");
  {
    db::Session s(server_.db());
    auto row = messages::store::LoadOutbox(s, hook);
    EXPECT_EQ(row->attempts, 1);
    EXPECT_EQ(row->next_attempt_at, timeutil::NowUnix() + 60);
    EXPECT_NE(row->last_error.find("HTTP 500"), std::string::npos) << row->last_error;
    EXPECT_NE(messages::store::LoadOutbox(s, mail)->last_error.find("451"), std::string::npos);
  }
  // Not due before its back-off.
  EXPECT_EQ(worker->RunOnce(), 0);
  clock_.Set("2025-05-12T09:01:00+08:00");
  EXPECT_EQ(worker->RunOnce(), 2);
  EXPECT_EQ(StatusOf(mail), "sent");
  EXPECT_EQ(StatusOf(hook), "pending");  // the robot refused twice; next after 120 s
  clock_.Set("2025-05-12T09:02:59+08:00");
  EXPECT_EQ(worker->RunOnce(), 0);
  clock_.Set("2025-05-12T09:03:00+08:00");
  EXPECT_EQ(worker->RunOnce(), 1);
  EXPECT_EQ(StatusOf(hook), "sent");
  ASSERT_EQ(robot.Messages().size(), 1u);
  auto payload = json::parse(robot.Messages()[0].substr(robot.Messages()[0].find('\n') + 1));
  EXPECT_EQ(payload.at("msgtype"), "text");
  EXPECT_EQ(
      std::string(payload.at("text").at("content").as_string()).rfind("信息采集表已退回\n", 0), 0u);
  EXPECT_EQ(smtp.Messages().size(), 1u);
}

TEST_F(MessagesTest, AMessageRefusedOnEveryAttemptFailsAfterTheLast) {
  Sink robot("http", {"--fail-first", "100"});
  ASSERT_EQ(SetRobot(chengdu_, chengdu_unit_, "wecom", RobotUrl(robot)).status, 200u);
  Notify(chengdu_unit_, "accepted", "信息采集表已通过");
  Id hook = LastId("channel = 'wecom'");
  auto worker = Worker(WorkerSettings(nullptr));
  for (const char* at : {"2025-05-12T09:00:00+08:00", "2025-05-12T09:01:00+08:00",
                         "2025-05-12T09:03:00+08:00", "2025-05-12T10:00:00+08:00"}) {
    clock_.Set(at);
    worker->RunOnce();
  }
  EXPECT_EQ(StatusOf(hook), "failed");
  db::Session s(server_.db());
  EXPECT_EQ(messages::store::LoadOutbox(s, hook)->attempts, 3);
  EXPECT_TRUE(robot.Messages().empty());
}

TEST_F(MessagesTest, TwoSendersRacingSendEveryMessageOnce) {
  Sink robot("http");
  ASSERT_EQ(SetRobot(chengdu_, chengdu_unit_, "wecom", RobotUrl(robot)).status, 200u);
  constexpr int kMessages = 30;
  for (int i = 0; i < kMessages; ++i)
    Notify(chengdu_unit_, "reminder:plan", "提醒" + std::to_string(i));
  auto second = TestServer::SecondNode(server_);
  auto a = Worker(WorkerSettings(nullptr), server_.db(), "a");
  auto b = Worker(WorkerSettings(nullptr), second->db(), "b");
  std::barrier start(2);
  int sent_a = 0, sent_b = 0;
  std::thread ta([&] {
    start.arrive_and_wait();
    sent_a = a->RunOnce(100);
  });
  std::thread tb([&] {
    start.arrive_and_wait();
    sent_b = b->RunOnce(100);
  });
  ta.join();
  tb.join();
  EXPECT_EQ(sent_a + sent_b, kMessages);
  EXPECT_EQ(Count("channel = 'wecom' AND status = 'sent'"), kMessages);
  auto posts = robot.Messages();
  EXPECT_EQ(posts.size(), static_cast<std::size_t>(kMessages));
  std::set<std::string> distinct(posts.begin(), posts.end());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kMessages));
}

TEST_F(MessagesTest, ASenderKilledMidSendLeavesItsMessageUnknownNeverResent) {
  Sink robot("http");
  ASSERT_EQ(SetRobot(chengdu_, chengdu_unit_, "wecom", RobotUrl(robot)).status, 200u);
  Notify(chengdu_unit_, "returned", "活动方案已退回");
  Id hook = LastId("channel = 'wecom'");
  {
    // A sender claimed it, (maybe) sent it and was killed before recording.
    db::Session s(server_.db());
    std::int64_t now = timeutil::NowUnix();
    ASSERT_TRUE(messages::store::Claim(s, hook, "dead/x", now, now + 300));
  }
  auto worker = Worker(WorkerSettings(nullptr));
  EXPECT_EQ(worker->RunOnce(), 0);  // leased: nobody else takes it
  EXPECT_EQ(StatusOf(hook), "sending");
  clock_.Set("2025-05-12T09:05:01+08:00");
  EXPECT_EQ(worker->RunOnce(), 0);
  EXPECT_EQ(StatusOf(hook), "unknown");
  EXPECT_TRUE(robot.Messages().empty());

  // Only the unit's admin may decide to send it again.
  std::string retry = "/api/messages/" + std::to_string(hook) + "/retry";
  EXPECT_EQ(school2_.Post(retry, json::object{}).status, 403u);
  EXPECT_EQ(province_.Post("/api/messages/999999/retry", json::object{}).status, 403u);
  auto again = chengdu_.Post(retry, json::object{});
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.data().at("status"), "pending");
  EXPECT_EQ(chengdu_.Post(retry, json::object{}).status, 409u);
  EXPECT_EQ(worker->RunOnce(), 1);
  EXPECT_EQ(StatusOf(hook), "sent");
  EXPECT_EQ(robot.Messages().size(), 1u);
}

TEST_F(MessagesTest, SmtpAuthIsUsedAndAWrongPasswordSendsNothing) {
  Sink smtp("smtp", {"--auth", "mailer:s3cret"});
  SetEmail("chengdu", "zhicheng@chengdu.example.cn");
  Notify(chengdu_unit_, "returned", "工作总结报告已退回");
  Id mail = LastId("channel = 'email'");
  Settings s = WorkerSettings(&smtp);
  s.smtp_user = "mailer";
  s.smtp_password = "wrong";
  s.timeout_seconds = 2;
  Worker(s)->RunOnce();
  // aiosmtpd does not answer a wrong password: timed out, tried again later.
  EXPECT_EQ(StatusOf(mail), "pending");
  EXPECT_TRUE(smtp.Messages().empty());

  Notify(chengdu_unit_, "returned", "工作总结报告再次退回");
  Id second = LastId("channel = 'email'");
  s.smtp_password = "s3cret";
  Worker(s)->RunOnce();
  EXPECT_EQ(StatusOf(second), "sent");
  ASSERT_EQ(smtp.Messages().size(), 1u);
  EXPECT_EQ(DecodeWords(Header(smtp.Messages()[0], "Subject")), "工作总结报告再次退回");
}

TEST_F(MessagesTest, ChannelsWithoutSettingsAndPeopleWithoutAddressesAreRecorded) {
  // chengdu has no e-mail: missing; an e-mail without SMTP settings: off.
  Notify(chengdu_unit_, "returned", "信息采集表已退回");
  EXPECT_EQ(Count("channel = 'email' AND status = 'missing' AND last_error = '未填写电子邮箱'"), 1);
  SetEmail("chengdu", "zhicheng@chengdu.example.cn");
  Notify(chengdu_unit_, "returned", "信息采集表又退回");
  Id mail = LastId("channel = 'email'");
  Worker(WorkerSettings(nullptr))->RunOnce();
  EXPECT_EQ(StatusOf(mail), "off");
}

TEST_F(MessagesTest, EachUserChoosesChannelsPerCategoryOverTheUnitsDefaults) {
  Sink smtp("smtp");
  SetEmail("chengdu", "zhicheng@chengdu.example.cn");
  auto prefs = chengdu_.Get("/api/messages/preferences");
  ASSERT_EQ(prefs.status, 200u) << prefs.body;
  EXPECT_EQ(prefs.data().at("categories").as_array()[0].at("email"), true);  // default
  EXPECT_EQ(prefs.data().at("email"), "z***@chengdu.example.cn");
  auto put = chengdu_.Put(
      "/api/messages/preferences",
      json::object{
          {"categories",
           json::array{json::object{{"category", "reminder"}, {"email", false}, {"sms", false}}}}});
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(put.data().at("categories").as_array()[0].at("chosen"), true);
  EXPECT_EQ(chengdu_
                .Put("/api/messages/preferences",
                     json::object{{"categories", json::array{json::object{{"category", "x"}}}}})
                .error_field(),
            "category");

  Notify(chengdu_unit_, "reminder:info_form", "请尽快提交信息采集表");
  Notify(chengdu_unit_, "returned", "信息采集表已退回");
  Worker(WorkerSettings(&smtp))->RunOnce();
  auto mails = smtp.Messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(DecodeWords(Header(mails[0], "Subject")), "信息采集表已退回");

  // A unit's default: e-mail off for those who have not chosen.
  auto off = chengdu_.Put("/api/units/" + std::to_string(chengdu_unit_) + "/message-settings",
                          json::object{{"email_default", false}});
  ASSERT_EQ(off.status, 200u) << off.body;
  Notify(chengdu_unit_, "returned", "又一次退回");
  EXPECT_EQ(Count("subject = '又一次退回'"), 0);
}

// The issue: "a daily digest instead of single messages where users prefer it".
TEST_F(MessagesTest, ADailyDigestListsTheHeldMessagesInOneEmailSentOnce) {
  Sink smtp("smtp");
  SetEmail("chengdu", "zhicheng@chengdu.example.cn");
  auto put = chengdu_.Put(
      "/api/messages/preferences",
      json::object{
          {"categories",
           json::array{json::object{
               {"category", "reminder"}, {"email", true}, {"sms", false}, {"digest", true}}}}});
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(put.data().at("categories").as_array()[0].at("digest"), true);
  EXPECT_EQ(put.data().at("categories").as_array()[1].at("digest"), false);

  Notify(chengdu_unit_, "reminder:info_form", "请尽快提交信息采集表");
  Notify(chengdu_unit_, "reminder:plan", "请尽快提交活动计划");
  Notify(chengdu_unit_, "returned", "信息采集表已退回");  // another category: at once
  EXPECT_EQ(Count("channel = 'email' AND status = 'held'"), 2);
  auto worker = Worker(WorkerSettings(&smtp));
  worker->RunOnce();
  ASSERT_EQ(smtp.Messages().size(), 1u);
  EXPECT_EQ(DecodeWords(Header(smtp.Messages()[0], "Subject")), "信息采集表已退回");
  EXPECT_EQ(Count("status = 'held'"), 2);  // held: never sent by themselves

  // The daily job: one e-mail listing both; the held rows are digested.
  EXPECT_EQ(
      messages::WriteDailyDigests(server_.db(), "https://vocweek.example.cn", timeutil::NowUtc()),
      1);
  EXPECT_EQ(Count("status = 'digested'"), 2);
  worker->RunOnce();
  auto mails = smtp.Messages();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].rfind("X-Rcpt: zhicheng@chengdu.example.cn\r\n", 0), 0u);
  EXPECT_EQ(DecodeWords(Header(mails[1], "Subject")), "每日消息汇总（2条）");
  std::string body = BodyOf(mails[1]);
  EXPECT_NE(body.find("1. 请尽快提交信息采集表\n正文：请尽快提交信息采集表\n查看详情："
                      "https://vocweek.example.cn/reports"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("2. 请尽快提交活动计划"), std::string::npos) << body;
  EXPECT_EQ(Count("kind = 'digest' AND status = 'sent'"), 1);

  // A second run the same day has nothing left: no second digest.
  EXPECT_EQ(messages::WriteDailyDigests(server_.db(), "", timeutil::NowUtc()), 0);
  worker->RunOnce();
  EXPECT_EQ(smtp.Messages().size(), 2u);
  // The delivery status shows the digested rows and the digest.
  auto list = chengdu_.Get("/api/units/" + std::to_string(chengdu_unit_) + "/messages");
  ASSERT_EQ(list.status, 200u) << list.body;
  int digested = 0;
  for (const auto& item : list.data().at("items").as_array()) {
    if (item.at("status") == "digested") ++digested;
  }
  EXPECT_EQ(digested, 2);
}

TEST_F(MessagesTest, OnlyTheUnitsAdminsReachItsSettingsAndOnlyItsPeopleItsMessages) {
  std::string settings = "/api/units/" + std::to_string(chengdu_unit_) + "/message-settings";
  std::string list = "/api/units/" + std::to_string(chengdu_unit_) + "/messages";
  EXPECT_EQ(school2_.Get(settings).status, 403u);
  EXPECT_EQ(SetRobot(school2_, chengdu_unit_, "wecom",
                     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x")
                .status,
            403u);
  EXPECT_EQ(school2_.Get(list).status, 403u);
  EXPECT_EQ(anon_.Get(list).status, 401u);
  // The province's admins reach the city below.
  EXPECT_EQ(province_.Get(settings).status, 200u);
  EXPECT_EQ(province_.Get(list).status, 200u);

  auto bad = SetRobot(chengdu_, chengdu_unit_, "wecom", "http://10.1.2.3/hook");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.error_field(), "webhook_url");
  EXPECT_EQ(
      SetRobot(chengdu_, chengdu_unit_, "slack", "https://qyapi.weixin.qq.com/x").error_field(),
      "webhook_kind");
  EXPECT_EQ(SetRobot(chengdu_, chengdu_unit_, "wecom", "").error_field(), "webhook_url");
  auto ok = SetRobot(chengdu_, chengdu_unit_, "wecom",
                     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x");
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(chengdu_.Get(settings).data().at("webhook_kind"), "wecom");
}

TEST_F(MessagesTest, RegistrantsAreSentAnSmsThroughTheProvider) {
  Sink provider("http");
  db::Session s(server_.db());
  Id activity = 0;
  s.sql() << "SELECT MIN(id) FROM activities", soci::into(activity);
  // Two registrants; one of them purged (no mobile any more): missing.
  s.sql() << "INSERT INTO registrations (activity_id, token, kind, name, mobile, category, "
             "head_count, status, consent_at, created_at, updated_at) VALUES (:a, 't1', "
             "'person', '张三', '13812341234', 'public', 1, 'confirmed', :n1, :n2, :n3)",
      soci::use(activity), soci::use(timeutil::NowUtc()), soci::use(timeutil::NowUtc()),
      soci::use(timeutil::NowUtc());
  s.sql() << "INSERT INTO registrations (activity_id, token, kind, name, mobile, category, "
             "head_count, status, consent_at, purged, created_at, updated_at) VALUES (:a, 't2', "
             "'person', '', '', 'public', 1, 'confirmed', :n1, 1, :n2, :n3)",
      soci::use(activity), soci::use(timeutil::NowUtc()), soci::use(timeutil::NowUtc()),
      soci::use(timeutil::NowUtc());
  std::int64_t people = 1;
  {
    db::Transaction tx(s);
    messages::EnqueueForRegistrants(s, activity, 0, "cancelled", "活动取消，敬请谅解。",
                                    timeutil::NowUtc());
    tx.Commit();
  }
  EXPECT_EQ(Count("channel = 'sms' AND kind = 'cancelled' AND status = 'pending'"), 1);
  EXPECT_EQ(Count("channel = 'sms' AND kind = 'cancelled' AND status = 'missing'"), 1);
  Settings settings = WorkerSettings(nullptr);
  settings.sms_url = "http://127.0.0.1:" + std::to_string(provider.port()) + "/sms/send";
  settings.sms_sign = "活动周";
  settings.sms_template = "SMS_001";
  Worker(settings)->RunOnce(1000);
  auto posts = provider.Messages();
  ASSERT_EQ(posts.size(), static_cast<std::size_t>(people));
  auto payload = json::parse(posts[0].substr(posts[0].find('\n') + 1));
  EXPECT_EQ(payload.at("sign"), "活动周");
  EXPECT_EQ(payload.at("template"), "SMS_001");
  EXPECT_EQ(payload.at("params").at("body"), "活动取消，敬请谅解。");
  EXPECT_EQ(std::string(payload.at("mobile").as_string()).size(), 11u);
}

}  // namespace
}  // namespace vw::testing
