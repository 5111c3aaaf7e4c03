// The channels' formats and sends (channels.h).
#include "messages/channels.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/url/parse.hpp>

#include "messages/net.h"

namespace vw::messages {

namespace json = boost::json;
namespace http = boost::beast::http;

namespace {

std::string AbsoluteLink(const store::OutboxRow& r, const std::string& public_url) {
  if (r.link.empty()) return "";
  return public_url + r.link;
}

std::string DomainOf(const std::string& address) {
  auto at = address.find('@');
  return at == std::string::npos ? "vocweek.invalid" : address.substr(at + 1);
}

}  // namespace

std::optional<WebUrl> ParseWebUrl(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return std::nullopt;
  const auto& u = *parsed;
  WebUrl out;
  if (u.scheme() == "https") {
    out.https = true;
  } else if (u.scheme() != "http") {
    return std::nullopt;
  }
  if (u.has_userinfo() || u.has_fragment()) return std::nullopt;
  out.host = u.host();
  if (out.host.empty()) return std::nullopt;
  out.port = out.https ? 443 : 80;
  if (u.has_port()) {
    out.port = u.port_number();
    if (out.port == 0) return std::nullopt;
  }
  out.target = u.encoded_target().empty() ? "/" : std::string(u.encoded_target());
  if (out.target[0] != '/') out.target = "/" + out.target;
  return out;
}

std::string PostJson(const WebUrl& url, const json::value& body, int timeout_seconds, bool verify) {
  bool sent = false;
  Connection::Response response;
  try {
    Connection c(timeout_seconds);
    c.Connect(url.host, url.port);
    if (url.https) c.StartTls(url.host, verify);
    Connection::Request request{http::verb::post, url.target, 11};
    request.set(http::field::host, url.host);
    request.set(http::field::user_agent, "vocweek");
    request.set(http::field::content_type, "application/json; charset=utf-8");
    request.body() = json::serialize(body);
    request.prepare_payload();
    c.WriteHttp(request);
    sent = true;
    response = c.ReadHttp();
  } catch (const std::exception& e) {
    throw SendError(e.what(), sent);
  }
  unsigned status = response.result_int();
  if (status < 200 || status > 299) {
    bool permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    throw SendError("HTTP " + std::to_string(status) + " " + response.body().substr(0, 200), false,
                    permanent);
  }
  return response.body();
}

json::value WecomPayload(const store::OutboxRow& r, const std::string& public_url) {
  std::string content = "**" + r.subject + "**\n" + r.body;
  std::string link = AbsoluteLink(r, public_url);
  if (!link.empty()) content += "\n[查看详情](" + link + ")";
  return json::object{{"msgtype", "markdown"}, {"markdown", json::object{{"content", content}}}};
}

json::value DingtalkPayload(const store::OutboxRow& r, const std::string& public_url) {
  std::string content = r.subject + "\n" + r.body;
  std::string link = AbsoluteLink(r, public_url);
  if (!link.empty()) content += "\n" + link;
  return json::object{{"msgtype", "text"}, {"text", json::object{{"content", content}}}};
}

json::value SmsPayload(const store::OutboxRow& r, const Settings& settings) {
  return json::object{{"mobile", r.recipient},
                      {"sign", settings.sms_sign},
                      {"template", settings.sms_template},
                      {"key", settings.sms_key},
                      {"params", json::object{{"title", r.subject}, {"body", r.body}}}};
}

Email EmailFor(const store::OutboxRow& r, const Settings& settings, const std::string& public_url) {
  Email e;
  e.from = settings.smtp_from;
  e.from_name = settings.smtp_from_name;
  e.to = r.recipient;
  e.to_name = r.recipient_name;
  e.subject = r.subject;
  e.body = r.body;
  std::string link = AbsoluteLink(r, public_url);
  if (!link.empty()) e.body += "\n\n查看详情：" + link;
  e.body +=
      "\n\n（本邮件由职业教育活动周管理系统自动发送，可在系统的“消息设置”中修改接收方式。）\n";
  e.message_id = "vocweek-outbox-" + std::to_string(r.id) + "@" + DomainOf(settings.smtp_from);
  return e;
}

bool Channels::On(const std::string& channel) const {
  if (channel == "email") return settings_.EmailOn();
  if (channel == "sms") return settings_.SmsOn();
  return channel == "wecom" || channel == "dingtalk";
}

void Channels::Send(const store::OutboxRow& r) {
  if (r.channel == "email") {
    SmtpServer server;
    server.host = settings_.smtp_host;
    server.port = settings_.smtp_port;
    server.user = settings_.smtp_user;
    server.password = settings_.smtp_password;
    server.tls = settings_.smtp_tls;
    server.verify = settings_.tls_verify;
    server.timeout_seconds = settings_.timeout_seconds;
    SendEmail(server, EmailFor(r, settings_, public_url_));
    return;
  }
  std::string url_text = r.channel == "sms" ? settings_.sms_url : r.recipient;
  auto url = ParseWebUrl(url_text);
  if (!url) throw SendError("地址不是 http(s) 网址", false, true);
  json::value payload = r.channel == "wecom"      ? WecomPayload(r, public_url_)
                        : r.channel == "dingtalk" ? DingtalkPayload(r, public_url_)
                                                  : SmsPayload(r, settings_);
  std::string answer = PostJson(*url, payload, settings_.timeout_seconds, settings_.tls_verify);
  // The robots answer 200 with {"errcode": n}; non-zero: refused, not delivered.
  boost::system::error_code ec;
  json::value parsed = json::parse(answer, ec);
  if (!ec && parsed.is_object()) {
    const json::value* code = parsed.as_object().if_contains("errcode");
    if (code && code->is_int64() && code->as_int64() != 0) {
      const json::value* msg = parsed.as_object().if_contains("errmsg");
      std::string text = msg && msg->is_string() ? std::string(msg->as_string()) : "";
      throw SendError("errcode " + std::to_string(code->as_int64()) + " " + text.substr(0, 200),
                      false);
    }
  }
}

}  // namespace vw::messages
