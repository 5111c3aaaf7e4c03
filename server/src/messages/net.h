// One outgoing TCP connection with optional TLS (OpenSSL), every step
// bounded by a timeout: what the SMTP client and the webhook/SMS poster
// share. Blocking; belongs to one thread (the sender's).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vw::messages {

// A network step that failed (refused, timed out, closed, TLS).
class NetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  explicit Connection(int timeout_seconds);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  void Connect(const std::string& host, int port);
  // TLS over the open connection; `verify` checks the certificate and that
  // it names `host`.
  void StartTls(const std::string& host, bool verify);
  bool tls() const { return tls_ != nullptr; }

  void Write(std::string_view data);
  // The next line without its CRLF (at most 64 KiB).
  std::string ReadLine();

  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;
  void WriteHttp(Request& request);
  Response ReadHttp();

 private:
  template <class Start>
  void Await(const char* step, Start&& start);

  std::chrono::seconds timeout_;
  boost::asio::io_context ioc_;
  boost::asio::ssl::context ssl_ctx_;
  boost::beast::tcp_stream tcp_;
  std::unique_ptr<boost::asio::ssl::stream<boost::beast::tcp_stream&>> tls_;
  std::string lines_;               // bytes read past the last line
  boost::beast::flat_buffer http_;  // the HTTP reader's buffer
};

}  // namespace vw::messages
