// The SMTP client (smtp.h).
#include "messages/smtp.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <vector>

#include "core/crypto.h"
#include "messages/net.h"

namespace vw::messages {
namespace {

bool IsPlainAscii(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return true;
}

// Base64 in lines of 76 characters, each ended by CRLF.
std::string Base64Lines(std::string_view bytes) {
  std::string b64 = ToBase64(bytes);
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

std::string RfcDateNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// A display name and address: "=?UTF-8?B?...?= <a@b>".
std::string Mailbox(const std::string& name, const std::string& address) {
  if (name.empty()) return "<" + address + ">";
  if (IsPlainAscii(name) && name.find_first_of("\"\\()<>,;:@[]") == std::string::npos) {
    return "\"" + name + "\" <" + address + ">";
  }
  return EncodeHeaderWord(name) + " <" + address + ">";
}

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // the text after "250-" / "250 "
};

class SmtpConversation {
 public:
  explicit SmtpConversation(Connection& c) : c_(c) {}

  Reply Read() {
    Reply r;
    for (int i = 0; i < 100; ++i) {
      std::string line = c_.ReadLine();
      if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0]))) {
        throw NetError("malformed SMTP reply: " + line.substr(0, 80));
      }
      r.code = std::stoi(line.substr(0, 3));
      r.lines.push_back(line.size() > 4 ? line.substr(4) : "");
      if (line.size() == 3 || line[3] == ' ') return r;
    }
    throw NetError("SMTP reply too long");
  }

  // Sends a command (`shown` in errors instead of the command when given)
  // and reads the reply; throws unless its code is `expected` (or also
  // `also`).
  Reply Command(const std::string& line, int expected, int also = 0,
                const std::string& shown = "") {
    c_.Write(line + "\r\n");
    return Expect(shown.empty() ? line : shown, expected, also);
  }

  Reply Expect(const std::string& what, int expected, int also = 0) {
    Reply r = Read();
    if (r.code != expected && (also == 0 || r.code != also)) {
      std::string text = r.lines.empty() ? "" : r.lines.back();
      throw SendError(
          "SMTP " + what.substr(0, 40) + ": " + std::to_string(r.code) + " " + text.substr(0, 200),
          false, r.code >= 500);
    }
    return r;
  }

 private:
  Connection& c_;
};

bool Offers(const Reply& ehlo, std::string_view keyword, std::string_view argument = "") {
  for (const auto& line : ehlo.lines) {
    std::string upper;
    for (char c : line) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.rfind(keyword, 0) != 0) continue;
    if (argument.empty() || upper.find(argument) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string EncodeHeaderWord(std::string_view text) {
  if (IsPlainAscii(text)) return std::string(text);
  // At most 45 bytes per word (60 base64 characters, 72 with the markers),
  // cut between UTF-8 characters.
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + ToBase64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

bool IsPlainAddress(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  auto at = a.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= a.size()) return false;
  if (a.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : a) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' ||
        c == '\\') {
      return false;
    }
  }
  return true;
}

std::string FormatEmail(const Email& e) {
  std::string m;
  m += "From: " + Mailbox(e.from_name, e.from) + "\r\n";
  m += "To: " + Mailbox(e.to_name, e.to) + "\r\n";
  m += "Subject: " + EncodeHeaderWord(e.subject) + "\r\n";
  m += "Date: " + (e.date.empty() ? RfcDateNow() : e.date) + "\r\n";
  m += "Message-ID: <" + e.message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "\r\n";
  m += Base64Lines(e.body);
  return m;
}

void SendEmail(const SmtpServer& server, const Email& e) {
  if (!IsPlainAddress(e.from)) throw SendError("发件地址格式不正确", false, true);
  if (!IsPlainAddress(e.to))
    throw SendError("收件地址格式不正确：" + e.to.substr(0, 80), false, true);
  bool data_sent = false;
  try {
    Connection c(server.timeout_seconds);
    c.Connect(server.host, server.port);
    if (server.tls == "tls") c.StartTls(server.host, server.verify);
    SmtpConversation smtp(c);
    smtp.Expect("greeting", 220);
    std::string ehlo = "EHLO " + server.helo;
    Reply caps = smtp.Command(ehlo, 250);
    if (!c.tls() && server.tls != "off" && (server.tls == "starttls" || Offers(caps, "STARTTLS"))) {
      if (!Offers(caps, "STARTTLS")) {
        throw SendError("SMTP server does not offer STARTTLS", false);
      }
      smtp.Command("STARTTLS", 220);
      c.StartTls(server.host, server.verify);
      caps = smtp.Command(ehlo, 250);
    }
    if (!server.user.empty()) {
      if (Offers(caps, "AUTH", "PLAIN")) {
        std::string token =
            std::string(1, '\0') + server.user + std::string(1, '\0') + server.password;
        smtp.Command("AUTH PLAIN " + ToBase64(token), 235, 0, "AUTH PLAIN");
      } else if (Offers(caps, "AUTH", "LOGIN")) {
        smtp.Command("AUTH LOGIN", 334);
        smtp.Command(ToBase64(server.user), 334, 0, "AUTH LOGIN user");
        smtp.Command(ToBase64(server.password), 235, 0, "AUTH LOGIN password");
      } else {
        throw SendError("SMTP server offers neither AUTH PLAIN nor AUTH LOGIN", false);
      }
    }
    smtp.Command("MAIL FROM:<" + e.from + ">", 250);
    smtp.Command("RCPT TO:<" + e.to + ">", 250, 251);
    smtp.Command("DATA", 354);
    // Base64 lines never start with "." and headers are ours: no dot-stuffing needed.
    data_sent = true;
    smtp.Command(FormatEmail(e) + ".", 250, 0, "end of data");
    try {
      smtp.Command("QUIT", 221);
    } catch (const std::exception&) {  // the message went out; a rude goodbye does not matter
    }
  } catch (const SendError&) {
    // A refusal (even of the data itself) is a definite answer: not delivered.
    throw;
  } catch (const std::exception& err) {
    throw SendError(err.what(), data_sent);
  }
}

}  // namespace vw::messages
