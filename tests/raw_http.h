// HTTP spoken as bytes on a socket, for the tests of the server core and of hostile requests
// (SEC-5, SEC-6): what a browser's HTTP client would never send, and what the server answers.
#pragma once

#include <chrono>
#include <regex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace parcours::testing {

// A TCP connection to 127.0.0.1:port (send timeout 10 s); -1 when refused.
int connect_to(int port);

struct Raw {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
  bool closed = false;  // the server ended the connection
  std::string header(const std::string& name) const {
    std::smatch m;
    std::regex re("\r\n" + name + ": ([^\r]*)", std::regex::icase);
    return std::regex_search(head, m, re) ? m[1].str() : "";
  }
  nlohmann::json as_json() const { return nlohmann::json::parse(body, nullptr, false); }
};

bool send_all(int fd, std::string_view data);
// Everything the server sends until it closes, or until it says nothing for `quiet`.
Raw receive(int fd, std::chrono::milliseconds quiet = std::chrono::seconds(3));
std::string bytes_of(const Raw& r);
// One answer with a Content-Length, read to its end; the connection stays open.
Raw receive_one(int fd);
// One request on a new connection. Without "Connection: close" in it, `closed` tells whether
// the server ended the connection by itself.
Raw exchange(int port, const std::string& request,
             std::chrono::milliseconds quiet = std::chrono::seconds(3));
// Sends `head`, then `total` bytes of body in pieces of 64 KiB (chunked, or plain after a
// Content-Length in `head`), until done or the server stops reading; then reads the answer
// (and, when given, the answer to `next_request` sent on the same connection). `sent` tells
// how much of the body went out.
Raw send_body(int port, const std::string& head, std::size_t total, bool chunked, std::size_t* sent,
              const std::string& next_request = "");
Raw send_chunked(int port, const std::string& head, std::size_t total, std::size_t* sent);

}  // namespace parcours::testing
