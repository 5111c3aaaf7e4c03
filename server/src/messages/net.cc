// An outgoing connection with timeouts and optional TLS (net.h).
#include "messages/net.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace vw::messages {

namespace asio = boost::asio;
namespace beast = boost::beast;

Connection::Connection(int timeout_seconds)
    : timeout_(timeout_seconds), ssl_ctx_(asio::ssl::context::tls_client), tcp_(ioc_) {}

Connection::~Connection() {
  boost::system::error_code ignored;
  tcp_.socket().close(ignored);
}

template <class Start>
void Connection::Await(const char* step, Start&& start) {
  boost::system::error_code ec;
  tcp_.expires_after(timeout_);
  start([&ec](boost::system::error_code e, auto&&...) { ec = e; });
  ioc_.restart();
  ioc_.run();
  if (ec) {
    throw NetError(std::string(step) + ": " +
                   (ec == beast::error::timeout ? std::string("timed out") : ec.message()));
  }
}

void Connection::Connect(const std::string& host, int port) {
  asio::ip::tcp::resolver resolver(ioc_);
  boost::system::error_code ec;
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec) throw NetError("resolve " + host + ": " + ec.message());
  Await("connect", [&](auto handler) { tcp_.async_connect(endpoints, std::move(handler)); });
}

void Connection::StartTls(const std::string& host, bool verify) {
  if (verify) {
    ssl_ctx_.set_default_verify_paths();
    ssl_ctx_.set_verify_mode(asio::ssl::verify_peer);
  } else {
    ssl_ctx_.set_verify_mode(asio::ssl::verify_none);
  }
  tls_ = std::make_unique<asio::ssl::stream<beast::tcp_stream&>>(tcp_, ssl_ctx_);
  if (!SSL_set_tlsext_host_name(tls_->native_handle(), host.c_str())) {
    throw NetError("TLS: bad server name " + host);
  }
  if (verify) tls_->set_verify_callback(asio::ssl::host_name_verification(host));
  Await("TLS handshake", [&](auto handler) {
    tls_->async_handshake(asio::ssl::stream_base::client, std::move(handler));
  });
}

void Connection::Write(std::string_view data) {
  Await("write", [&](auto handler) {
    if (tls_) {
      asio::async_write(*tls_, asio::buffer(data.data(), data.size()), std::move(handler));
    } else {
      asio::async_write(tcp_, asio::buffer(data.data(), data.size()), std::move(handler));
    }
  });
}

std::string Connection::ReadLine() {
  constexpr std::size_t kMaxLine = 64 * 1024;
  if (lines_.find("\r\n") == std::string::npos) {
    Await("read", [&](auto handler) {
      auto buffer = asio::dynamic_buffer(lines_, kMaxLine);
      if (tls_) {
        asio::async_read_until(*tls_, buffer, "\r\n", std::move(handler));
      } else {
        asio::async_read_until(tcp_, buffer, "\r\n", std::move(handler));
      }
    });
  }
  std::size_t end = lines_.find("\r\n");
  std::string line = lines_.substr(0, end);
  lines_.erase(0, end + 2);
  return line;
}

void Connection::WriteHttp(Request& request) {
  Await("send request", [&](auto handler) {
    if (tls_) {
      beast::http::async_write(*tls_, request, std::move(handler));
    } else {
      beast::http::async_write(tcp_, request, std::move(handler));
    }
  });
}

Connection::Response Connection::ReadHttp() {
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(64 * 1024);
  Await("read response", [&](auto handler) {
    if (tls_) {
      beast::http::async_read(*tls_, http_, parser, std::move(handler));
    } else {
      beast::http::async_read(tcp_, http_, parser, std::move(handler));
    }
  });
  return parser.release();
}

}  // namespace vw::messages
