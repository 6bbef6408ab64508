// The HTTP server core (issue 13) against its SEC-6 rules, on a real server on 127.0.0.1 with
// raw sockets: slow and idle connections starve no one, every deadline closes what overstays
// it, the connection caps answer 503 with Retry-After, static assets carry validators, answer
// 304, are sent compressed when accepted and are immutable behind a fingerprinted URL.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "http_support.h"
#include "raw_http.h"

namespace parcours::testing {
namespace {

using namespace std::chrono_literals;

// Connections held open by a test, closed at the end of the scope.
class HeldConnections {
 public:
  ~HeldConnections() {
    for (int fd : fds_) close(fd);
  }
  // A connection that sent `bytes` and nothing more.
  bool open(int port, const std::string& bytes) {
    int fd = connect_to(port);
    if (fd < 0) return false;
    fds_.push_back(fd);
    return send_all(fd, bytes);
  }
  // A kept-alive connection whose one request was answered, then silent.
  bool open_idle(int port) {
    if (!open(port, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")) return false;
    return receive_one(fds_.back()).status == 200;
  }
  int last() const { return fds_.back(); }
  void close_all() {
    for (int fd : fds_) close(fd);
    fds_.clear();
  }

 private:
  std::vector<int> fds_;
};

// Whether the server closed `fd` within `wait` (reads until end of stream).
bool closed_within(int fd, std::chrono::milliseconds wait) {
  Raw r = receive(fd, wait);
  return r.closed;
}

// Whether `condition` becomes true within 5 s (checked every 5 ms).
template <class Condition>
bool eventually(Condition condition) {
  for (int i = 0; i < 1000; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

class SEC_6_HttpCore : public ::testing::Test {
 protected:
  static http::ServerLimits short_limits() {
    http::ServerLimits l = TestServer::test_limits();
    l.head_timeout = 400ms;
    l.idle_timeout = 400ms;
    l.body_timeout = 400ms;
    return l;
  }
};

TEST_F(SEC_6_HttpCore, SlowAndIdleConnectionsStarveNoOne) {
  TestServer server("sqlite");
  HeldConnections held;
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(held.open(server.port(), "GET / HTTP/1.1\r\nHo")) << i;  // a head never finished
    ASSERT_TRUE(held.open_idle(server.port())) << i;
  }
  // 400 connections held, 4 workers: a normal client is still answered, signed in or not.
  Browser b(server.port());
  EXPECT_EQ(b.get("/healthz").status, 200);
  ASSERT_EQ(b.login("cpip@demo.parcours.fr", demo_password()).status, 303);
  auto page = b.get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("À faire"), std::string::npos);
}

TEST_F(SEC_6_HttpCore, AnUnfinishedHeadIsClosedAtItsDeadline) {
  TestServer server("sqlite", short_limits());
  HeldConnections held;
  ASSERT_TRUE(held.open(server.port(), "GET /healthz HTTP/1.1\r\nHost"));
  EXPECT_TRUE(closed_within(held.last(), 3s));
  // One byte at a time, each as soon as the server has said nothing for 50 ms: the deadline is
  // the whole head's, so the connection ends before the head does, and unanswered.
  ASSERT_TRUE(held.open(server.port(), "G"));
  const std::string rest = "ET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: " + std::string(60, 'a');
  bool closed = false;
  for (char c : rest) {
    Raw r = receive(held.last(), 50ms);
    if (r.closed) {
      EXPECT_EQ(r.status, 0) << r.head;  // closed without an answer
      closed = true;
      break;
    }
    if (!send_all(held.last(), std::string(1, c))) {
      closed = true;
      break;
    }
  }
  EXPECT_TRUE(closed);
}

TEST_F(SEC_6_HttpCore, AnIdleKeptAliveConnectionIsClosed) {
  TestServer server("sqlite", short_limits());
  HeldConnections held;
  ASSERT_TRUE(held.open_idle(server.port()));
  EXPECT_TRUE(closed_within(held.last(), 3s));
}

TEST_F(SEC_6_HttpCore, ABodyThatDoesNotArriveIsClosedAtItsDeadline) {
  TestServer server("sqlite", short_limits());
  Browser b(server.port());
  b.get("/connexion");
  HeldConnections held;
  ASSERT_TRUE(held.open(
      server.port(),
      "POST /connexion HTTP/1.1\r\nHost: t\r\nCookie: parcours_csrf=" + b.cookie("parcours_csrf") +
          "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          "Content-Length: 100\r\n\r\nemail=a"));
  // The default body deadline is two minutes: closed within 3 s, it is the short one.
  EXPECT_TRUE(closed_within(held.last(), 3s));
}

TEST_F(SEC_6_HttpCore, ConnectionsOverTheCapAre503WithRetryAfter) {
  http::ServerLimits limits = TestServer::test_limits();
  limits.max_connections_per_address = 8;
  TestServer server("sqlite", limits);
  HeldConnections held;
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(held.open_idle(server.port())) << i;
  ASSERT_EQ(server.server().open_connections(), 8u);
  Raw refused = exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(refused.status, 503) << refused.head;
  EXPECT_EQ(refused.header("Retry-After"), "5");
  EXPECT_NE(refused.body.find("saturé"), std::string::npos);
  EXPECT_TRUE(refused.closed);
  // Once the held connections are gone, the places are free again.
  held.close_all();
  ASSERT_TRUE(eventually([&] { return server.server().open_connections() == 0; }));
  Raw served =
      exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(served.status, 200) << served.head;
}

TEST_F(SEC_6_HttpCore, ConnectionsOverTheTotalCapAre503Too) {
  http::ServerLimits limits = TestServer::test_limits();
  limits.max_connections = 6;  // under the per-address cap: the total one decides
  TestServer server("sqlite", limits);
  HeldConnections held;
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(held.open_idle(server.port())) << i;
  Raw refused = exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(refused.status, 503) << refused.head;
  EXPECT_EQ(refused.header("Retry-After"), "5");
  EXPECT_TRUE(refused.closed);
  held.close_all();
  ASSERT_TRUE(eventually([&] { return server.server().open_connections() == 0; }));
  EXPECT_EQ(exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                .status,
            200);
}

TEST_F(SEC_6_HttpCore, AHeadOverItsLimitIs431AndClosed) {
  TestServer server("sqlite", TestServer::test_limits());
  const std::string big(20 * 1024, 'a');  // over the 16 Kio of a head
  Raw r = exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + big + "\r\n\r\n");
  EXPECT_EQ(r.status, 431) << r.head;
  EXPECT_NE(r.body.find("en-têtes dépassent la taille autorisée"), std::string::npos) << r.body;
  EXPECT_TRUE(r.closed);
  // A head just under the limit is served.
  const std::string fits(12 * 1024, 'a');
  EXPECT_EQ(exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + fits +
                                        "\r\nConnection: close\r\n\r\n")
                .status,
            200);
}

TEST_F(SEC_6_HttpCore, StaticAssetsHaveValidatorsAnd304) {
  TestServer server("sqlite");
  const std::string path = "/static/css/parcours.css";
  Raw first =
      exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.header("ETag");
  const std::string modified = first.header("Last-Modified");
  EXPECT_FALSE(etag.empty());
  EXPECT_NE(modified.find("GMT"), std::string::npos);
  EXPECT_EQ(first.header("Cache-Control"), "public, max-age=600");
  Raw again =
      exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: t\r\nIf-None-Match: " + etag +
                                  "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(again.status, 304) << again.head;
  EXPECT_TRUE(again.body.empty());
  Raw since = exchange(server.port(), "GET " + path +
                                          " HTTP/1.1\r\nHost: t\r\nIf-Modified-Since: " + modified +
                                          "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(since.status, 304) << since.head;
}

TEST_F(SEC_6_HttpCore, StaticAssetsAreSentCompressedWhenAccepted) {
  TestServer server("sqlite");
  const std::string path = "/static/vendor/bootstrap/css/bootstrap.min.css";
  Raw plain =
      exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  Raw gzipped = exchange(server.port(), "GET " + path +
                                            " HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip, br\r\n"
                                            "Connection: close\r\n\r\n");
  ASSERT_EQ(plain.status, 200);
  ASSERT_EQ(gzipped.status, 200);
  EXPECT_EQ(plain.header("Content-Encoding"), "");
  EXPECT_EQ(gzipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(gzipped.header("Vary"), "Accept-Encoding");
  EXPECT_LT(gzipped.body.size() * 3, plain.body.size());
  EXPECT_EQ(gzipped.body.substr(0, 2), "\x1f\x8b");  // the gzip magic number
  EXPECT_NE(gzipped.header("ETag"), plain.header("ETag"));
  // A weight of zero refuses the coding.
  Raw refused = exchange(server.port(), "GET " + path +
                                            " HTTP/1.1\r\nHost: t\r\nAccept-Encoding: br, "
                                            "gzip;q=0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(refused.header("Content-Encoding"), "");
  EXPECT_EQ(refused.body.size(), plain.body.size());
}

TEST_F(SEC_6_HttpCore, FingerprintedAssetUrlsAreImmutable) {
  TestServer server("sqlite");
  Browser b(server.port());
  auto page = b.get("/connexion");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(page.body, m, std::regex("/static/css/parcours\\.css\\?v=([0-9a-f]+)")))
      << page.body;
  Raw asset = exchange(server.port(),
                       "GET " + m[0].str() + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable");
  // Another fingerprint (a page of an older release) is not promised forever.
  Raw stale = exchange(server.port(),
                       "GET /static/css/parcours.css?v=00000000 HTTP/1.1\r\nHost: "
                       "t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(stale.header("Cache-Control"), "public, max-age=600");
}

TEST_F(SEC_6_HttpCore, StaticPathsCannotLeaveTheirFolder) {
  TestServer server("sqlite");
  for (const char* path : {"/static/../CMakeLists.txt", "/static/%2e%2e/%2e%2e/CMakeLists.txt",
                           "/static/css/../../templates/layout.mustache", "/static/css"}) {
    Raw r = exchange(server.port(), std::string("GET ") + path +
                                        " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(r.status, 404) << path << r.head;
  }
}

}  // namespace
}  // namespace parcours::testing
