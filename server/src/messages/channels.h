// What each channel sends and how (messages.h): an outbox row becomes an
// e-mail (smtp.h), a group robot's JSON (企业微信 markdown, 钉钉 text) or
// the SMS provider's JSON, POSTed with a timeout. Blocking: the sender's
// thread only.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "messages/messages.h"
#include "messages/outbox_store.h"
#include "messages/smtp.h"

namespace vw::messages {

// Parts of an http(s) URL; nullopt when it is not one.
struct WebUrl {
  bool https = false;
  std::string host;
  int port = 0;
  std::string target;  // path and query
};
std::optional<WebUrl> ParseWebUrl(std::string_view url);

// POSTs JSON; throws SendError unless the answer is 2xx (4xx but 408/429
// are permanent). maybe_delivered when the request went out but no answer came.
// Returns the answer's body.
std::string PostJson(const WebUrl& url, const boost::json::value& body, int timeout_seconds,
                     bool verify);

// The robots' and the provider's JSON for a row.
boost::json::value WecomPayload(const store::OutboxRow& r, const std::string& public_url);
boost::json::value DingtalkPayload(const store::OutboxRow& r, const std::string& public_url);
boost::json::value SmsPayload(const store::OutboxRow& r, const Settings& settings);
// The e-mail of a row; its Message-ID names the row.
Email EmailFor(const store::OutboxRow& r, const Settings& settings, const std::string& public_url);

class Channels {
 public:
  Channels(Settings settings, std::string public_url)
      : settings_(std::move(settings)), public_url_(std::move(public_url)) {}
  virtual ~Channels() = default;
  // Whether the row's channel is configured on this server.
  virtual bool On(const std::string& channel) const;
  // Sends the row; throws SendError.
  virtual void Send(const store::OutboxRow& r);

 private:
  Settings settings_;
  std::string public_url_;
};

}  // namespace vw::messages
