#include "smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace parcours::testing {
namespace {

constexpr int kPollMs = 50;

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// The address between angle brackets of "MAIL FROM:<a@b> SIZE=12".
std::string angle_address(const std::string& line) {
  auto open = line.find('<');
  auto close = line.find('>', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return line.substr(open + 1, close - open - 1);
}

bool send_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::send(fd, text.data() + done, text.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads CRLF-terminated lines, polling so that stop() is noticed.
class LineReader {
 public:
  LineReader(int fd, const std::atomic<bool>& stopping) : fd_(fd), stopping_(stopping) {}
  bool next(std::string& line) {
    for (;;) {
      auto end = buffer_.find("\r\n");
      if (end != std::string::npos) {
        line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return true;
      }
      if (stopping_) return false;
      pollfd p{fd_, POLLIN, 0};
      int ready = ::poll(&p, 1, kPollMs);
      if (ready < 0 && errno != EINTR) return false;
      if (ready <= 0) continue;
      char chunk[4096];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  const std::atomic<bool>& stopping_;
  std::string buffer_;
};

}  // namespace

int SmtpServer::start(int port) {
  if (listen_fd_ >= 0) throw std::runtime_error("SmtpServer already started");
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 8) != 0) {
    std::string why = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("SMTP test server cannot listen on port " + std::to_string(port) +
                             ": " + why);
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  listen_fd_ = fd;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
  return port_;
}

void SmtpServer::stop() {
  if (listen_fd_ < 0) return;
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;
}

void SmtpServer::run() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    int ready = ::poll(&p, 1, kPollMs);
    if (ready <= 0) continue;
    int client = ::accept(listen_fd_, nullptr, nullptr);
    if (client < 0) continue;
    serve(client);
    ::close(client);
  }
}

void SmtpServer::serve(int fd) {
  LineReader in(fd, stopping_);
  ReceivedMail current;
  auto reply = [&](const std::string& text) { return send_all(fd, text + "\r\n"); };
  if (!reply("220 127.0.0.1 ESMTP serveur de test Parcours")) return;
  std::string line;
  while (in.next(line)) {
    std::string verb = upper(line.substr(0, line.find(' ')));
    if (verb.rfind("MAIL", 0) == 0) verb = "MAIL";
    if (verb.rfind("RCPT", 0) == 0) verb = "RCPT";
    bool ok = true;
    if (verb == "EHLO") {
      ok = reply("250-127.0.0.1\r\n250-8BITMIME\r\n250 SIZE 10485760");
    } else if (verb == "HELO") {
      ok = reply("250 127.0.0.1");
    } else if (verb == "MAIL") {
      if (refuse_) {
        ok = reply("451 4.3.0 Essayez plus tard");
        continue;
      }
      current = ReceivedMail{angle_address(line), {}, {}};
      ok = reply("250 2.1.0 OK");
    } else if (verb == "RCPT") {
      current.recipients.push_back(angle_address(line));
      ok = reply("250 2.1.5 OK");
    } else if (verb == "DATA") {
      if (!reply("354 Fin des données par <CR><LF>.<CR><LF>")) return;
      std::string data;
      bool complete = false;
      while (in.next(line)) {
        if (line == ".") {
          complete = true;
          break;
        }
        if (!line.empty() && line[0] == '.') line.erase(0, 1);  // dot-unstuffing
        data += line + "\r\n";
      }
      if (!complete) return;
      current.data = std::move(data);
      {
        std::lock_guard<std::mutex> lock(mu_);
        received_.push_back(current);
      }
      cv_.notify_all();
      current = ReceivedMail{};
      ok = reply("250 2.0.0 OK mis en file");
    } else if (verb == "RSET") {
      current = ReceivedMail{};
      ok = reply("250 2.0.0 OK");
    } else if (verb == "NOOP") {
      ok = reply("250 2.0.0 OK");
    } else if (verb == "QUIT") {
      reply("221 2.0.0 Au revoir");
      return;
    } else {
      ok = reply("502 5.5.2 Commande non reconnue");
    }
    if (!ok) return;
  }
}

std::vector<ReceivedMail> SmtpServer::messages() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

std::size_t SmtpServer::count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_.size();
}

bool SmtpServer::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
}

}  // namespace parcours::testing
