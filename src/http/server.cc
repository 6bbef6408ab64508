// <utility> first: Boost 1.74's asio/awaitable.hpp uses std::exchange without including it.
#include <utility>

#include "http/server.h"

#include <sys/resource.h>

#include <atomic>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/form_body.h"

namespace parcours::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

const char* const kBusyBody = "Le service est saturé, réessayez dans un instant.\n";

// How long, and how much, a closing connection is still read so that the client receives its
// answer before the socket is reset (the client may still be sending a refused body).
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1024 * 1024;

asio::awaitable<void> linger_and_close(beast::tcp_stream& stream) {
  error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(kLingerTime);
  std::vector<char> sink(16 * 1024);
  std::size_t read = 0;
  while (!ec && read < kLingerBytes)
    read += co_await stream.async_read_some(asio::buffer(sink),
                                            asio::redirect_error(asio::use_awaitable, ec));
  stream.socket().close(ec);
}

bool client_went_away(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
         ec == beast::error::timeout || ec == asio::error::broken_pipe;
}

// The request line of a head the parser refused: the parser keeps the method and target it read
// before the fault (an /api/ target is answered in JSON).
Request first_line_of(const bhttp::request<bhttp::string_body>& m, const std::string& address) {
  Request r;
  r.remote_addr = address;
  r.method = std::string(m.method_string());
  r.target = std::string(m.target());
  r.path = url_decode(std::string_view(r.target).substr(0, r.target.find('?')), false);
  return r;
}

Request request_of(const bhttp::request<bhttp::string_body>& m, const std::string& address) {
  Request r;
  r.method = std::string(m.method_string());
  r.target = std::string(m.target());
  const auto question = r.target.find('?');
  r.path = url_decode(std::string_view(r.target).substr(0, question), false);
  if (question != std::string::npos)
    parse_query(std::string_view(r.target).substr(question + 1), r.params);
  for (const auto& field : m) r.headers.emplace(field.name_string(), field.value());
  r.remote_addr = address;
  return r;
}

std::pair<int, std::string> head_fault(const error_code& ec) {
  if (ec == bhttp::error::header_limit)
    return {431, "Requête refusée : ses en-têtes dépassent la taille autorisée."};
  if (ec == bhttp::error::bad_content_length || ec == bhttp::error::bad_transfer_encoding)
    return {400,
            "Requête refusée : la longueur de son corps est ambiguë (Content-Length et "
            "Transfer-Encoding)."};
  return {400, "Requête refusée : elle n’est pas une requête HTTP/1.1 bien formée."};
}

}  // namespace

struct Server::Impl {
  Application& app;
  ServerLimits limits;
  std::mutex mutex;
  std::unordered_map<std::string, std::size_t> per_address;
  std::atomic<std::size_t> total{0};
  std::atomic<bool> running{false};
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::thread_pool workers;

  Impl(Application& a, ServerLimits l)
      : app(a), limits(l), io(static_cast<int>(l.io_threads)), workers(l.workers) {}

  // A connection's place under the caps; released when the connection ends.
  class Slot {
   public:
    Slot(Impl* owner, std::string address) : owner_(owner), address_(std::move(address)) {}
    Slot(Slot&& o) noexcept : owner_(std::exchange(o.owner_, nullptr)), address_(o.address_) {}
    Slot(const Slot&) = delete;
    ~Slot() {
      if (owner_) owner_->release(address_);
    }

   private:
    Impl* owner_;
    std::string address_;
  };

  std::optional<Slot> take(const std::string& address) {
    std::lock_guard lock(mutex);
    auto& mine = per_address[address];
    if (total.load() >= limits.max_connections || mine >= limits.max_connections_per_address) {
      if (mine == 0) per_address.erase(address);
      return std::nullopt;
    }
    ++mine;
    ++total;
    return Slot(this, address);
  }

  void release(const std::string& address) {
    std::lock_guard lock(mutex);
    auto it = per_address.find(address);
    if (it != per_address.end() && --it->second == 0) per_address.erase(it);
    --total;
  }

  // Runs `f` on the worker pool; the connection's coroutine resumes with its result.
  template <class F>
  asio::awaitable<std::invoke_result_t<F>> on_workers(F f) {
    using R = std::invoke_result_t<F>;
    co_return co_await asio::co_spawn(
        workers, [&f]() -> asio::awaitable<R> { co_return f(); }, asio::use_awaitable);
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> refuse_busy(tcp::socket socket);
  asio::awaitable<void> serve(beast::tcp_stream stream, std::string address, Slot slot);
  asio::awaitable<bool> wait_for_request(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                         bool first);
  asio::awaitable<bool> drain(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                              std::size_t length);
  asio::awaitable<bool> send(beast::tcp_stream& stream, const Request& request, Response& response,
                             bool keep_alive);
};

asio::awaitable<void> Server::Impl::accept_loop() {
  while (acceptor.is_open()) {
    error_code ec;
    tcp::socket socket(asio::make_strand(io));
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (!acceptor.is_open()) co_return;
      // Out of file descriptors: wait a little rather than spin.
      asio::steady_timer pause(io, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    const auto endpoint = socket.remote_endpoint(ec);
    std::string address = ec ? std::string() : endpoint.address().to_string();
    auto executor = socket.get_executor();
    if (auto slot = take(address))
      asio::co_spawn(
          executor,
          serve(beast::tcp_stream(std::move(socket)), std::move(address), std::move(*slot)),
          asio::detached);
    else
      asio::co_spawn(executor, refuse_busy(std::move(socket)), asio::detached);
  }
}

// Over the connection caps: a short 503 and the connection closes (never a hang).
asio::awaitable<void> Server::Impl::refuse_busy(tcp::socket socket) {
  static const std::string answer = std::string(
                                        "HTTP/1.1 503 Service Unavailable\r\n"
                                        "Retry-After: 5\r\n"
                                        "Content-Type: text/plain; charset=utf-8\r\n"
                                        "Cache-Control: no-store\r\n"
                                        "Connection: close\r\n"
                                        "Content-Length: ") +
                                    std::to_string(std::string_view(kBusyBody).size()) +
                                    "\r\n\r\n" + kBusyBody;
  beast::tcp_stream stream(std::move(socket));
  stream.expires_after(std::chrono::seconds(2));
  error_code ec;
  co_await asio::async_write(stream, asio::buffer(answer),
                             asio::redirect_error(asio::use_awaitable, ec));
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

// Waits for the first byte of the next request: a new connection has `head_timeout` to send
// it, a kept-alive one `idle_timeout`. False when the connection ends.
asio::awaitable<bool> Server::Impl::wait_for_request(beast::tcp_stream& stream,
                                                     beast::flat_buffer& buffer, bool first) {
  if (buffer.size() > 0) co_return true;
  stream.expires_after(first ? limits.head_timeout : limits.idle_timeout);
  error_code ec;
  const std::size_t n = co_await stream.async_read_some(
      buffer.prepare(4096), asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return false;
  buffer.commit(n);
  co_return true;
}

// Reads and drops a declared body (a signed-in person's file over the limit), so that the
// answer reaches a browser that is still sending. False when the connection ends.
asio::awaitable<bool> Server::Impl::drain(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                          std::size_t length) {
  const std::size_t buffered = std::min(length, buffer.size());
  buffer.consume(buffered);
  length -= buffered;
  std::vector<char> sink(64 * 1024);
  stream.expires_after(limits.body_timeout);
  while (length > 0) {
    error_code ec;
    const std::size_t n =
        co_await stream.async_read_some(asio::buffer(sink.data(), std::min(sink.size(), length)),
                                        asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return false;
    length -= n;
  }
  co_return true;
}

asio::awaitable<bool> Server::Impl::send(beast::tcp_stream& stream, const Request& request,
                                         Response& response, bool keep_alive) {
  bhttp::response<bhttp::string_body> message;
  message.version(11);
  message.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  if (request.method == "HEAD" || response.status == 304) message.body().clear();
  stream.expires_after(limits.write_timeout);
  error_code ec;
  co_await bhttp::async_write(stream, message, asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

asio::awaitable<void> Server::Impl::serve(beast::tcp_stream stream, std::string address,
                                          [[maybe_unused]] Slot slot) {
  beast::flat_buffer buffer;
  bool first = true;
  try {
    while (co_await wait_for_request(stream, buffer, first)) {
      first = false;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(limits.max_head_bytes));
      // No limit while the head is read (Beast would refuse a declared length at once); the
      // application's limit is set once it admits the body.
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      stream.expires_after(limits.head_timeout);
      error_code ec;
      co_await bhttp::async_read_header(stream, buffer, parser,
                                        asio::redirect_error(asio::use_awaitable, ec));
      if (ec && client_went_away(ec)) break;
      if (ec) {
        Request line = first_line_of(parser.get(), address);
        auto [status, message] = head_fault(ec);
        Response refusal =
            co_await on_workers([&] { return app.head_refused(line, status, message); });
        co_await send(stream, line, refusal, false);
        break;
      }
      Request request = request_of(parser.get(), address);
      Admission admission = co_await on_workers([&] { return app.admit(request); });
      Response response;
      bool body_unread = !parser.is_done();
      if (admission.kind == Admission::Kind::answer) {
        response = std::move(admission.response);
      } else if (admission.kind == Admission::Kind::drain_and_answer) {
        const auto length = parser.content_length();
        if (!length || !co_await drain(stream, buffer, static_cast<std::size_t>(*length))) break;
        body_unread = false;
        response = std::move(admission.response);
      } else {
        if (body_unread) {
          if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> proceed(bhttp::status::continue_, 11);
            stream.expires_after(limits.write_timeout);
            co_await bhttp::async_write(stream, proceed,
                                        asio::redirect_error(asio::use_awaitable, ec));
            if (ec) break;
          }
          parser.body_limit(admission.body_limit);
          stream.expires_after(limits.body_timeout);
          co_await bhttp::async_read(stream, buffer, parser,
                                     asio::redirect_error(asio::use_awaitable, ec));
          // At the body deadline the stream has closed the socket: nothing more can be said.
          if (ec && client_went_away(ec)) break;
          body_unread = static_cast<bool>(ec);
        }
        if (body_unread) {
          const BodyFault fault =
              ec == bhttp::error::body_limit ? BodyFault::too_large : BodyFault::malformed;
          response = co_await on_workers([&] { return app.body_refused(request, fault); });
        } else {
          request.body = std::move(parser.get().body());
          response = co_await on_workers([&] { return app.handle(request); });
        }
      }
      const bool keep_alive = !response.close && !body_unread && parser.get().keep_alive();
      if (!co_await send(stream, request, response, keep_alive)) break;
      if (!keep_alive) {
        co_await linger_and_close(stream);
        break;
      }
    }
  } catch (const std::exception&) {
    // The connection ends; the application logged what it could.
  }
  error_code ignored;
  stream.socket().close(ignored);
}

Server::Server(Application& app, ServerLimits limits)
    : impl_(std::make_unique<Impl>(app, limits)) {}

Server::~Server() {
  stop();
}

int Server::bind(const std::string& address, int port) {
  error_code ec;
  tcp::resolver resolver(impl_->io);
  auto results = resolver.resolve(address, std::to_string(port),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) return -1;
  const tcp::endpoint endpoint = results.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return -1;
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  acceptor.bind(endpoint, ec);
  if (ec) return -1;
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return -1;
  return acceptor.local_endpoint().port();
}

void Server::run() {
  auto& io = impl_->io;
  asio::co_spawn(io, impl_->accept_loop(), asio::detached);
  impl_->running = true;
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->limits.io_threads; ++i)
    threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
  impl_->running = false;
}

void Server::stop() {
  if (!impl_) return;
  asio::post(impl_->io, [impl = impl_.get()] {
    error_code ec;
    impl->acceptor.close(ec);
  });
  impl_->io.stop();
}

bool Server::is_running() const {
  return impl_->running;
}

std::size_t Server::open_connections() const {
  return impl_->total;
}

void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

}  // namespace parcours::http
