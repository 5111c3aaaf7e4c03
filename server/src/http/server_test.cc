// The server's own promises: graceful stop, keep-alive, body limits.
#include "http/server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <thread>

namespace vw::http {
namespace {

namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

unsigned SendGet(unsigned short port, const std::string& target) {
  boost::asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req(bhttp::verb::get, target, 11);
  req.set(bhttp::field::host, "127.0.0.1");
  bhttp::write(socket, req);
  boost::beast::flat_buffer buf;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(socket, buf, res);
  return res.result_int();
}

TEST(ServerTest, StopLetsRequestsInFlightFinish) {
  ServerOptions o;
  o.port = 0;
  o.threads = 2;
  std::atomic<bool> started{false};
  Server server(
      o,
      [&started](RequestContext&) {
        started = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return JsonOk(boost::json::object{{"done", true}});
      },
      [](beast_http::verb, std::string_view) { return std::size_t{1024}; });
  unsigned short port = server.Start();
  unsigned status = 0;
  std::thread client([&] { status = SendGet(port, "/slow"); });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server.Stop();  // returns only after the in-flight request was answered
  client.join();
  EXPECT_EQ(status, 200u);
}

TEST(ServerTest, MalformedRequestGets400) {
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  Server server(
      o, [](RequestContext&) { return JsonOk(nullptr); },
      [](beast_http::verb, std::string_view) { return std::size_t{1024}; });
  unsigned short port = server.Start();
  boost::asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  std::string junk = "THIS IS NOT HTTP\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(junk));
  boost::beast::flat_buffer buf;
  bhttp::response<bhttp::string_body> res;
  boost::system::error_code ec;
  bhttp::read(socket, buf, res, ec);
  EXPECT_EQ(res.result_int(), 400u);
  server.Stop();
}

}  // namespace
}  // namespace vw::http
