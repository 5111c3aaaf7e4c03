// A small SMTP client (RFC 5321) on Boost.Asio: EHLO, STARTTLS (OpenSSL)
// when offered or required, AUTH PLAIN or LOGIN, one message to one
// recipient. Blocking, with a timeout on every network step: callers run it
// on the sender's thread, never on an I/O thread.
//
// The message is UTF-8 plain text, base64; a subject that is not plain
// ASCII is written as RFC 2047 encoded words (=?UTF-8?B?...?=). Its
// Message-ID is derived from the outbox row, so a message sent again is
// recognisable as the same one.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace vw::messages {

// A failed send. maybe_delivered: the failure came after the server had the
// whole message (no answer to the final "."), so it may have gone out.
// permanent: the server refused for good (a 5xx reply).
class SendError : public std::runtime_error {
 public:
  SendError(const std::string& what, bool maybe_delivered, bool permanent = false)
      : std::runtime_error(what), maybe_delivered_(maybe_delivered), permanent_(permanent) {}
  bool maybe_delivered() const { return maybe_delivered_; }
  bool permanent() const { return permanent_; }

 private:
  bool maybe_delivered_;
  bool permanent_;
};

struct SmtpServer {
  std::string host;
  int port = 25;
  std::string user;  // empty: no AUTH
  std::string password;
  std::string tls = "auto";  // auto | starttls | tls | off
  bool verify = true;        // check the server's certificate and name
  int timeout_seconds = 20;
  std::string helo = "vocweek";
};

struct Email {
  std::string from;  // address
  std::string from_name;
  std::string to;  // address
  std::string to_name;
  std::string subject;
  std::string body;        // UTF-8 text
  std::string message_id;  // without angle brackets: "vocweek-outbox-12@example.org"
  std::string date;        // RFC 5322 date; empty: now
};

// "=?UTF-8?B?...?=" words (folded) for text that is not printable ASCII,
// the text itself otherwise.
std::string EncodeHeaderWord(std::string_view text);
// The message as sent after DATA (CRLF lines, without the final ".").
std::string FormatEmail(const Email& e);
// True for a plain address "local@domain" without spaces, brackets or
// line breaks.
bool IsPlainAddress(std::string_view address);

// Sends `e`; throws SendError on any failure.
void SendEmail(const SmtpServer& server, const Email& e);

}  // namespace vw::messages
