// A small real SMTP server on 127.0.0.1 for the tests (DESIGN §5: real protocols, no mocks).
// One connection at a time; EHLO/HELO, MAIL FROM, RCPT TO, DATA (dot-unstuffed), RSET, NOOP,
// QUIT. stop() closes the listening socket, so that connections are refused until start()
// is called again (on the same port when given).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace parcours::testing {

struct ReceivedMail {
  std::string from;                     // envelope sender, without angle brackets
  std::vector<std::string> recipients;  // envelope recipients
  std::string data;                     // the message as sent after DATA, CRLF line ends
};

class SmtpServer {
 public:
  SmtpServer() = default;
  ~SmtpServer() { stop(); }
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  // Listens on 127.0.0.1:port (0: a free port) and returns the port; throws on failure.
  int start(int port = 0);
  // Closes the listening socket and the current connection; waits for the thread.
  void stop();
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // When set, MAIL FROM is answered "451 4.3.0 Essayez plus tard" (a temporary refusal).
  void set_refuse(bool refuse) { refuse_ = refuse; }

  std::vector<ReceivedMail> messages() const;
  std::size_t count() const;
  // True once at least `count` messages were received, false after `timeout`.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  void run();
  void serve(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> refuse_{false};
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::vector<ReceivedMail> received_;
};

}  // namespace parcours::testing
