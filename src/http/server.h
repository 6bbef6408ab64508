// The HTTP/1.1 server core (SPEC SEC-6): connections multiplexed on a few I/O threads (Boost.Beast
// over Boost.Asio, C++20 coroutines), handlers run on a bounded worker pool, so that an idle or
// slow connection costs a socket and a little memory, never a worker. Every limit is enforced
// here, before the application sees the request and before a body is buffered:
// - the whole request head within `head_timeout`, the next request of a kept-alive connection
//   within `idle_timeout`, the body within `body_timeout`, the answer within `write_timeout`
//   (past a deadline the connection closes without an answer: the client is not listening);
// - at most `max_connections` at once and `max_connections_per_address` from one address (over
//   it: 503 with Retry-After, then the connection closes);
// - a body is read only when the application admits it, up to the limit it gives, whatever the
//   framing (Content-Length or chunked).
// The application (http/web.h) implements Application; it never sees a socket.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/message.h"

namespace parcours::http {

struct ServerLimits {
  std::chrono::milliseconds head_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds body_timeout{std::chrono::seconds(120)};
  std::chrono::milliseconds write_timeout{std::chrono::seconds(60)};
  std::size_t max_head_bytes = 16 * 1024;
  std::size_t max_connections = 10000;
  std::size_t max_connections_per_address = 1024;
  std::size_t workers = 16;    // threads running handlers (database work)
  std::size_t io_threads = 1;  // threads multiplexing the connections
};

// What the application decides on a request head, before any byte of its body is read.
struct Admission {
  enum class Kind {
    read_body,        // read the body (up to body_limit), then handle()
    answer,           // send `response`, the body (if any) left unread: the connection closes
    drain_and_answer  // read and drop the declared body, then send `response` (kept alive)
  };
  Kind kind = Kind::read_body;
  std::size_t body_limit = 0;
  Response response;
};

// Why a body could not be read to its end.
enum class BodyFault { too_large, malformed };

class Application {
 public:
  virtual ~Application() = default;
  // On a worker: the head of a request (method, target, path, headers, remote address).
  virtual Admission admit(Request& head) = 0;
  // On a worker: the whole request, its body read when it was admitted.
  virtual Response handle(Request& request) = 0;
  // On a worker: the answer to a body that could not be read (the connection then closes).
  virtual Response body_refused(Request& head, BodyFault fault) = 0;
  // On a worker: the answer to a head the parser refused (`request` holds what was read of its
  // first line; the connection then closes).
  virtual Response head_refused(Request& request, int status, const std::string& message) = 0;
};

class Server {
 public:
  Server(Application& app, ServerLimits limits);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; port 0 takes a free port. Returns the bound port, -1 on failure.
  int bind(const std::string& address, int port);
  // Serves until stop(); returns once every thread has ended.
  void run();
  // Stops accepting, closes every connection, ends run(). Callable from any thread.
  void stop();
  bool is_running() const;
  // Connections open now (for tests and metrics).
  std::size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Raises the soft limit of open files to the hard one (a connection is a file descriptor).
void raise_open_file_limit();

}  // namespace parcours::http
