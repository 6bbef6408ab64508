#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>

namespace parcours::testing {

int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{10, 0};  // a server that stops reading must not hang the test
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return fd;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

Raw receive(int fd, std::chrono::milliseconds quiet) {
  std::string text;
  Raw out;
  std::array<char, 65536> buf{};
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(quiet.count())) <= 0) break;
    ssize_t n = recv(fd, buf.data(), buf.size(), 0);
    if (n <= 0) {
      out.closed = true;
      break;
    }
    text.append(buf.data(), static_cast<std::size_t>(n));
  }
  auto end = text.find("\r\n\r\n");
  out.head = text.substr(0, end);
  out.body = end == std::string::npos ? "" : text.substr(end + 4);
  if (text.rfind("HTTP/1.1 ", 0) == 0) out.status = std::atoi(text.c_str() + 9);
  return out;
}

std::string bytes_of(const Raw& r) {
  return r.head + "\r\n\r\n" + r.body;
}

Raw receive_one(int fd) {
  std::string text;
  std::array<char, 4096> buf{};
  std::size_t want = std::string::npos;
  while (want == std::string::npos || text.size() < want) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 3000) <= 0) break;
    ssize_t n = recv(fd, buf.data(), buf.size(), 0);
    if (n <= 0) break;
    text.append(buf.data(), static_cast<std::size_t>(n));
    auto end = text.find("\r\n\r\n");
    std::smatch m;
    std::string head = text.substr(0, end);
    if (end != std::string::npos &&
        std::regex_search(head, m, std::regex("Content-Length: (\\d+)", std::regex::icase)))
      want = end + 4 + std::stoul(m[1].str());
  }
  Raw out;
  auto end = text.find("\r\n\r\n");
  out.head = text.substr(0, end);
  out.body = end == std::string::npos ? "" : text.substr(end + 4);
  if (text.rfind("HTTP/1.1 ", 0) == 0) out.status = std::atoi(text.c_str() + 9);
  return out;
}

Raw exchange(int port, const std::string& request, std::chrono::milliseconds quiet) {
  int fd = connect_to(port);
  if (fd < 0) return {};
  send_all(fd, request);
  Raw r = receive(fd, quiet);
  close(fd);
  return r;
}

Raw send_body(int port, const std::string& head, std::size_t total, bool chunked, std::size_t* sent,
              const std::string& next_request) {
  int fd = connect_to(port);
  *sent = 0;
  if (fd < 0) return {};
  const std::string piece(64 * 1024, 'a');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", piece.size());
  const std::string chunk = chunked ? size_line + piece + "\r\n" : piece;
  bool open = send_all(fd, head);
  while (open && *sent < total) {
    open = send_all(fd, chunk);
    if (open) *sent += piece.size();
  }
  if (open && chunked) send_all(fd, "0\r\n\r\n");
  if (open && !next_request.empty()) {  // after the whole first answer (no pipelining)
    Raw first = receive_one(fd);
    send_all(fd, next_request);
    Raw next = receive(fd);
    next.head = bytes_of(first) + next.head;
    close(fd);
    return next;
  }
  Raw r = receive(fd);
  close(fd);
  return r;
}

Raw send_chunked(int port, const std::string& head, std::size_t total, std::size_t* sent) {
  return send_body(port, head, total, true, sent);
}

}  // namespace parcours::testing
