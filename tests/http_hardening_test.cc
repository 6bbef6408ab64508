// Hostile requests against the real `parcours serve` program on 127.0.0.1 (issue 12, items
// 16–19), each sent as bytes on a socket, its answer read, the database read back and the
// server's memory measured from /proc:
// - SEC-5, every input validated: text that is not UTF-8 or holds a NUL (forms, multipart,
//   CSV, JSON) is refused with 422 and nothing is written; a JSON number beyond a double is a
//   400, an integer beyond its field is a 422, never narrowed; stored text that is not UTF-8
//   no longer breaks a JSON list;
// - SEC-6, availability: many ranges, chunked bodies over the limit and bodies sent without a
//   session cost no memory; ambiguous framing is refused and the connection closed;
// - SEC-5, sessions: while the database is unreachable (SQLite locked by another process,
//   PostgreSQL refusing connections), pages and API answer 503 and the session is kept.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <nlohmann/json.hpp>

#include "db_support.h"
#include "http_support.h"
#include "raw_http.h"
#include "storage/database_url.h"

namespace parcours::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::size_t kMiB = 1024 * 1024;
// How much the server's peak memory may grow for one hostile request.
constexpr long kMaxGrowthKb = 50 * 1024;

// ---- The program ---------------------------------------------------------------------------

std::string run_program(const std::string& args, int* exit_code) {
  std::string out;
  FILE* pipe = popen(("'" + parcours_program() + "' " + args + " 2>&1").c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// `parcours demo` on a fresh database, then `parcours serve` on a free port of 127.0.0.1.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& url) {
    int code = -1;
    std::string out = run_program("--database '" + url + "' demo", &code);
    if (code != 0) throw std::runtime_error("parcours demo: " + out);
    port_ = free_loopback_port();
    log_ = std::string(PARCOURS_BUILD_DIR) + "/hardening-server-" + std::to_string(port_) + ".log";
    std::vector<std::string> args = {
        parcours_program(), "--database",          url,         "serve", "--bind", "127.0.0.1",
        "--port",           std::to_string(port_), "--threads", "8"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      FILE* log = std::freopen(log_.c_str(), "w", stdout);
      if (log) dup2(fileno(log), 2);
      execv(argv[0], argv.data());
      _exit(127);
    }
    for (int i = 0; i < 300; ++i) {
      if (int fd = connect_to(port_); fd >= 0) {
        close(fd);
        return;
      }
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) break;
      std::this_thread::sleep_for(100ms);
    }
    throw std::runtime_error("parcours serve did not start; see " + log_);
  }
  ~ServerProcess() {
    kill(pid_, SIGTERM);
    bool ended = false;
    for (int i = 0; i < 100 && !ended; ++i) {
      ended = waitpid(pid_, nullptr, WNOHANG) == pid_;
      if (!ended) std::this_thread::sleep_for(50ms);
    }
    if (!ended) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    // The server's log is kept for a failed test only.
    if (!::testing::Test::HasFailure()) std::filesystem::remove(log_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // A line of /proc/<pid>/status in kB: VmRSS (now), VmHWM (peak).
  long memory_kb(const std::string& field) const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line))
      if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    return -1;
  }

 private:
  int port_ = 0;
  pid_t pid_ = -1;
  std::string log_;
};

// The highest VmRSS of the server while it lives, sampled every 2 ms: VmHWM cannot tell, as a
// sign-in (argon2id, 64 MiB) already raised it.
class RssPeak {
 public:
  explicit RssPeak(const ServerProcess& server)
      : server_(server), start_(server.memory_kb("VmRSS")), peak_(start_) {
    thread_ = std::thread([this] {
      while (!stop_) {
        peak_ = std::max(peak_.load(), server_.memory_kb("VmRSS"));
        std::this_thread::sleep_for(2ms);
      }
    });
  }
  ~RssPeak() { finish(); }
  RssPeak(const RssPeak&) = delete;
  RssPeak& operator=(const RssPeak&) = delete;
  // Growth of VmRSS above its value at the start, in kB.
  long growth_kb() {
    finish();
    return peak_ - start_;
  }
  long start_kb() const { return start_; }

 private:
  void finish() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  const ServerProcess& server_;
  long start_;
  std::atomic<long> peak_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// ---- The database, read back ---------------------------------------------------------------

class Database {
 public:
  explicit Database(const std::string& url) {
    auto target = storage::parse_database_url(url);
    if (!target.ok()) throw std::runtime_error(target.error().message);
    backend_ = target->backend;
    if (backend_ == Backend::sqlite)
      sql_.open(soci::sqlite3, target->sqlite_path);
    else
      sql_.open(soci::postgresql, target->connect_string);
  }
  long long count(const std::string& query) {
    long long n = -1;
    sql_ << query, soci::into(n);
    return n;
  }
  soci::session& sql() { return sql_; }
  Backend backend() const { return backend_; }

 private:
  soci::session sql_;
  Backend backend_ = Backend::sqlite;
};

// A signed-in browser of the server process, and its cookie header for raw requests.
struct Visitor {
  Browser browser;
  explicit Visitor(int port, const std::string& email) : browser(port) {
    EXPECT_EQ(browser.login(email, demo_password()).status, 303) << email;
    browser.get("/");
  }
  std::string cookie_line() const {
    return "Cookie: parcours_session=" + browser.cookie("parcours_session") + "\r\n";
  }
};

// ---- SQLite server shared by the input and availability tests ------------------------------

class Hardening : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new testdb::TestDatabase("sqlite");
    server_ = new ServerProcess(db_->url());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    server_ = nullptr;
    db_ = nullptr;
  }
  int port() const { return server_->port(); }
  Database database() const { return Database(db_->url()); }

  static testdb::TestDatabase* db_;
  static ServerProcess* server_;
};
testdb::TestDatabase* Hardening::db_ = nullptr;
ServerProcess* Hardening::server_ = nullptr;

using SEC_5_Hardening = Hardening;
using SEC_6_Hardening = Hardening;

const char* const kOrgCount = "SELECT COUNT(*) FROM organisations";

// ---- Item 16: text that is not UTF-8, or holds a NUL ----------------------------------------

TEST_F(SEC_5_Hardening, FormFieldsNotUtf8OrWithNulAreRefusedAndNothingIsStored) {
  Visitor admin(port(), "admin@demo.parcours.fr");
  const long long before = database().count(kOrgCount);
  for (const std::string& name :
       {std::string("Association \xC9lan"), std::string("Association\0Elan", 16)}) {
    admin.browser.get("/admin/organisations/nouvelle");
    auto r =
        admin.browser.post("/admin/organisations/nouvelle", {{"kind", "partner"},
                                                             {"name", name},
                                                             {"code", "ELAN"},
                                                             {"csrf_token", admin.browser.csrf()}});
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("rien n’a été enregistré"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("name"), std::string::npos);
  }
  EXPECT_EQ(database().count(kOrgCount), before);
  // The session and the form still work.
  admin.browser.get("/admin/organisations/nouvelle");
  auto ok =
      admin.browser.post("/admin/organisations/nouvelle", {{"kind", "partner"},
                                                           {"name", "Association Élan"},
                                                           {"code", "ELAN"},
                                                           {"csrf_token", admin.browser.csrf()}});
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(database().count(kOrgCount), before + 1);
}

TEST_F(SEC_5_Hardening, MultipartFieldsAndCsvImportsNotUtf8OrWithNulAreRefused) {
  Visitor admin(port(), "admin@demo.parcours.fr");
  const long long before = database().count(kOrgCount);
  const std::string header = "code;nom;spip;departement;adresse;telephone\n";
  struct Case {
    std::string kind;
    std::string content;
  };
  for (const Case& c :
       {Case{"establishments", header + "EP-X;Maison d\xE9 arr\xEAt;SPIP18;18;;\n"},
        Case{"establishments", header + std::string("EP-X;Maison\0;SPIP18;18;;\n", 25)},
        Case{"establishments\xFF", header + "EP-X;Maison d’arrêt;SPIP18;18;;\n"}}) {
    admin.browser.get("/admin/import");
    auto r = admin.browser.post_file("/admin/import",
                                     {{"kind", c.kind}, {"csrf_token", admin.browser.csrf()}},
                                     "file", "etablissements.csv", c.content);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.body.find("SEC-"), std::string::npos);
  }
  // A file name that is not UTF-8 is refused too (file names are stored).
  admin.browser.get("/admin/import");
  auto named = admin.browser.post_file(
      "/admin/import", {{"kind", "establishments"}, {"csrf_token", admin.browser.csrf()}}, "file",
      "\xFF\xFE.csv", header + "EP-X;Maison d’arrêt;SPIP18;18;;\n");
  EXPECT_EQ(named.status, 422) << named.body;
  EXPECT_EQ(database().count(kOrgCount), before);
}

TEST_F(SEC_5_Hardening, JsonTextNotUtf8OrWithNulIsRefusedAndNothingIsStored) {
  Visitor admin(port(), "admin@demo.parcours.fr");
  const long long before = database().count(kOrgCount);
  const std::string csrf = "X-CSRF-Token: " + admin.browser.csrf() + "\r\n";
  for (const std::string& body :
       {std::string(R"({"kind":"partner","name":"Asso )") + "\xC9" + R"(lan","code":"ELAN2"})",
        std::string(R"({"kind":"partner","name":"Asso\u0000Elan","code":"ELAN2"})"),
        std::string(
            R"({"kind":"partner","name":"Asso","code":"ELAN2","tags":[{"x":"a\u0000"}]})")}) {
    Raw r = exchange(
        port(), "POST /api/v1/organisations HTTP/1.1\r\nHost: t\r\n" + admin.cookie_line() + csrf +
                    "Content-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    EXPECT_EQ(r.status, 422) << bytes_of(r);
    json j = r.as_json();
    EXPECT_EQ(j.value("error", ""), "invalid") << r.body;
    EXPECT_NE(j.value("message", "").find("rien n’a été enregistré"), std::string::npos);
    ASSERT_FALSE(j["details"].empty()) << r.body;
  }
  EXPECT_EQ(database().count(kOrgCount), before);
}

TEST_F(SEC_5_Hardening, StoredTextThatIsNotUtf8DoesNotBreakJsonAnswers) {
  Visitor admin(port(), "admin@demo.parcours.fr");
  {
    Database db = database();
    db.sql() << "UPDATE organisations SET address = 'rue de l' || CAST(X'C9' AS TEXT) || 'glise' "
                "WHERE code = 'SPIP18'";
  }
  auto list = admin.browser.send_json("GET", "/api/v1/organisations", "");
  EXPECT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("rue de l\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
  auto page = admin.browser.get("/admin/organisations");
  EXPECT_EQ(page.status, 200);
}

// ---- Item 17: numbers, NUL on both backends -------------------------------------------------

TEST_F(SEC_5_Hardening, JsonNumberBeyondADoubleIsA400NotAnInternalError) {
  Visitor admin(port(), "admin@demo.parcours.fr");
  const long long before = database().count(kOrgCount);
  for (const char* number : {"1e400", "-1e400"}) {
    auto r = admin.browser.send_json(
        "POST", "/api/v1/organisations",
        std::string(R"({"kind":"partner","name":"Asso","code":"ELAN3","parent_id":)") + number +
            "}",
        {{"X-CSRF-Token", admin.browser.csrf()}});
    EXPECT_EQ(r.status, 400) << r.body;
    json j = json::parse(r.body, nullptr, false);
    EXPECT_EQ(j.value("error", ""), "invalid") << r.body;
    EXPECT_NE(j.value("message", "").find("nombre"), std::string::npos) << r.body;
  }
  EXPECT_EQ(database().count(kOrgCount), before);
}

TEST_F(SEC_5_Hardening, IntegersBeyondTheirFieldAreRefusedNotNarrowed) {
  Visitor disp(port(), "disp@demo.parcours.fr");
  Database db = database();
  const long long lot = db.count("SELECT MIN(id) FROM lots");
  const long long amendments = db.count("SELECT COUNT(*) FROM volume_amendments");
  // 2^32 + 60: as an int, 60.
  auto r = disp.browser.send_json("POST", "/api/v1/lots/" + std::to_string(lot) + "/amendments",
                                  R"({"effective_on":"2025-07-01","individual_hours_delta":)"
                                  R"(4294967356,"collective_hours_delta":0,"reason":"Test"})",
                                  {{"X-CSRF-Token", disp.browser.csrf()}});
  EXPECT_EQ(r.status, 422) << r.body;
  json j = json::parse(r.body, nullptr, false);
  ASSERT_FALSE(j["details"].empty()) << r.body;
  EXPECT_EQ(j["details"][0].value("field", ""), "individual_hours_delta");
  EXPECT_EQ(database().count("SELECT COUNT(*) FROM volume_amendments"), amendments);

  // The journey API: a session moved by 2^32 + 60 minutes.
  const long long session = db.count("SELECT MIN(id) FROM sessions WHERE status = 'planned'");
  const long long minutes =
      db.count("SELECT duration_minutes FROM sessions WHERE id = " + std::to_string(session));
  Visitor cip(port(), "cip@demo.parcours.fr");
  auto moved = cip.browser.send_json(
      "PATCH", "/api/v1/sessions/" + std::to_string(session),
      R"({"date":"2031-03-04","start":"10:00","duration_minutes":4294967356})",
      {{"X-CSRF-Token", cip.browser.csrf()}});
  EXPECT_EQ(moved.status, 422) << moved.body;
  json m = json::parse(moved.body, nullptr, false);
  ASSERT_FALSE(m["details"].empty()) << moved.body;
  EXPECT_EQ(m["details"][0].value("field", ""), "duration_minutes");
  EXPECT_EQ(database().count("SELECT duration_minutes FROM sessions WHERE id = " +
                             std::to_string(session)),
            minutes);
}

// ---- Item 18: ranges, body limits whatever the framing, ambiguous framing -------------------

TEST_F(SEC_6_Hardening, ManyRangesGetTheWholeFileAndCostNoMemory) {
  const std::string path = "/static/vendor/bootstrap/css/bootstrap.min.css";
  const auto size = std::filesystem::file_size(
      PARCOURS_SOURCE_DIR "/node_modules/bootstrap/dist/css/bootstrap.min.css");
  std::string ranges = "bytes=0-";
  while (ranges.size() < 8000) ranges += ",0-";  // ~2,660 ranges of the whole file
  RssPeak rss(*server_);
  Raw r = exchange(port(), "GET " + path + " HTTP/1.1\r\nHost: t\r\nRange: " + ranges +
                               "\r\nConnection: close\r\n\r\n");
  const long growth = rss.growth_kb();
  std::printf("[ many ranges ] VmRSS %ld kB, peak %+ld kB\n", rss.start_kb(), growth);
  EXPECT_EQ(r.status, 200) << r.head;
  EXPECT_EQ(r.body.size(), size);
  EXPECT_LT(growth, kMaxGrowthKb);
  // One range is still served.
  Raw one = exchange(port(), "GET " + path +
                                 " HTTP/1.1\r\nHost: t\r\nRange: bytes=0-99\r\nConnection: "
                                 "close\r\n\r\n");
  EXPECT_EQ(one.status, 206);
  EXPECT_EQ(one.body.size(), 100u);
}

TEST_F(SEC_6_Hardening, BodiesOverTheLimitAreRefusedWithoutBeingKept) {
  Visitor admin(port(), "admin@demo.parcours.fr");
  const long long orgs = database().count(kOrgCount);
  const std::string head = "POST /api/v1/organisations HTTP/1.1\r\nHost: t\r\n" +
                           admin.cookie_line() + "X-CSRF-Token: " + admin.browser.csrf() +
                           "\r\nContent-Type: application/json\r\n";
  {  // Chunked: read up to the limit, then 413 and the connection closed.
    RssPeak rss(*server_);
    std::size_t sent = 0;
    Raw r = send_chunked(port(), head + "Transfer-Encoding: chunked\r\n\r\n", 50 * kMiB, &sent);
    const long growth = rss.growth_kb();
    std::printf("[ 50 MB chunked, signed in ] sent %zu MiB, VmRSS %ld kB, peak %+ld kB\n",
                sent / kMiB, rss.start_kb(), growth);
    EXPECT_EQ(r.status, 413) << r.head;
    EXPECT_NE(r.as_json().value("message", "").find("10 Mo"), std::string::npos) << r.body;
    EXPECT_TRUE(r.closed);
    EXPECT_LT(sent, 50 * kMiB);
    EXPECT_LT(growth, kMaxGrowthKb);
  }
  {  // A declared 20 MiB from a signed-in person: read and dropped, 413, connection kept (the
     // next request on it is answered).
    RssPeak rss(*server_);
    std::size_t sent = 0;
    Raw r = send_body(port(), head + "Content-Length: " + std::to_string(20 * kMiB) + "\r\n\r\n",
                      20 * kMiB, false, &sent,
                      "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    const long growth = rss.growth_kb();
    std::printf("[ 20 MB declared, signed in ] sent %zu MiB, VmRSS %ld kB, peak %+ld kB\n",
                sent / kMiB, rss.start_kb(), growth);
    EXPECT_EQ(r.head.rfind("HTTP/1.1 413 ", 0), 0u) << r.head;  // then the next answer:
    EXPECT_EQ(r.status, 200) << bytes_of(r);
    EXPECT_EQ(sent, 20 * kMiB);
    EXPECT_LT(growth, kMaxGrowthKb);
  }
  {  // An absurd declared length: refused on the headers, connection closed.
    Raw r = exchange(port(), head + "Content-Length: 1000000000000\r\n\r\n");
    EXPECT_EQ(r.status, 413) << r.head;
    EXPECT_TRUE(r.closed);
  }
  EXPECT_EQ(database().count(kOrgCount), orgs);
}

TEST_F(SEC_6_Hardening, BodiesWithoutASessionAreNeverRead) {
  RssPeak rss(*server_);
  std::size_t sent = 0;
  // Chunked, to a signed-in page and to the API: answered on the headers, connection closed.
  for (const char* target :
       {"/admin/organisations/nouvelle", "/api/v1/organisations", "/nulle-part"}) {
    Raw r = send_chunked(port(),
                         std::string("POST ") + target +
                             " HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n",
                         50 * kMiB, &sent);
    EXPECT_TRUE(r.status == 303 || r.status == 401 || r.status == 404) << target << r.head;
    EXPECT_TRUE(r.closed) << target;
    EXPECT_LT(sent, 50 * kMiB) << target;
  }
  // A declared length over the limit: 413 on the headers, even with Expect: 100-continue.
  for (const char* expect : {"", "Expect: 100-continue\r\n"}) {
    Raw r = exchange(port(), std::string("POST /connexion HTTP/1.1\r\nHost: t\r\n") + expect +
                                 "Content-Type: application/x-www-form-urlencoded\r\n"
                                 "Content-Length: 52428800\r\n\r\n");
    EXPECT_EQ(r.status, 413) << r.head;
    EXPECT_NE(r.body.find("10 Mo"), std::string::npos);
    EXPECT_TRUE(r.closed);
  }
  const long growth = rss.growth_kb();
  std::printf("[ 3 × 50 MB chunked, anonymous ] VmRSS %ld kB, peak %+ld kB\n", rss.start_kb(),
              growth);
  EXPECT_LT(growth, kMaxGrowthKb);
}

TEST_F(SEC_6_Hardening, ChunkedBodyWithinTheLimitIsAccepted) {
  Visitor admin(port(), "admin@demo.parcours.fr");
  const std::string body = R"({"kind":"partner","name":"Mission locale de Vierzon","code":"MLV"})";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  Raw r = exchange(port(), "POST /api/v1/organisations HTTP/1.1\r\nHost: t\r\n" +
                               admin.cookie_line() + "X-CSRF-Token: " + admin.browser.csrf() +
                               "\r\nContent-Type: application/json\r\nTransfer-Encoding: "
                               "chunked\r\nConnection: close\r\n\r\n" +
                               size + "\r\n" + body + "\r\n0\r\n\r\n");
  EXPECT_EQ(r.status, 201) << bytes_of(r);
  EXPECT_EQ(database().count("SELECT COUNT(*) FROM organisations WHERE code = 'MLV'"), 1);
}

TEST_F(SEC_6_Hardening, AmbiguousFramingIsRefusedAndTheConnectionClosed) {
  Visitor admin(port(), "admin@demo.parcours.fr");
  const long long orgs = database().count(kOrgCount);
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  const std::string json_body = R"({"kind":"partner","name":"Asso","code":"SMUG"})";
  const std::string start = "POST /api/v1/organisations HTTP/1.1\r\nHost: t\r\n" +
                            admin.cookie_line() + "X-CSRF-Token: " + admin.browser.csrf() +
                            "\r\nContent-Type: application/json\r\n";
  const std::string cl = "Content-Length: " + std::to_string(json_body.size()) + "\r\n";
  for (const std::string& framing :
       {cl + "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: chunked\r\n" + cl,
        cl + "Content-Length: 5\r\n", std::string("Transfer-Encoding: gzip, chunked\r\n"),
        std::string("Transfer-Encoding: identity\r\n"),
        std::string("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"),
        std::string("Content-Length: -1\r\n"), std::string("Content-Length: 1e3\r\n")}) {
    Raw r = exchange(port(), start + framing + "\r\n" + json_body + smuggled);
    EXPECT_EQ(r.status, 400) << framing << bytes_of(r);
    EXPECT_TRUE(r.closed) << framing;
    // Exactly one answer: the smuggled request was never read.
    EXPECT_EQ(bytes_of(r).find("HTTP/1.1", 5), std::string::npos) << framing;
    EXPECT_FALSE(r.as_json().value("message", "").empty()) << r.body;
  }
  // A body on a method that takes none: refused, not read as the next request.
  Raw get = exchange(port(), "GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                                 std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
  EXPECT_EQ(get.status, 400) << bytes_of(get);
  EXPECT_TRUE(get.closed);
  EXPECT_EQ(bytes_of(get).find("HTTP/1.1", 5), std::string::npos);
  EXPECT_EQ(database().count(kOrgCount), orgs);
}

// ---- Item 19: a database outage is an outage, not a sign-out --------------------------------

class SEC_5_OutageHardening : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { PARCOURS_SKIP_UNLESS_BACKEND(GetParam()); }
};

// Pages and API answer 503 with the French message, keep the cookie, never 401.
void expect_outage(int port, const Visitor& v, const std::string& bearer) {
  const std::string message = "momentanément indisponible";
  Raw page = exchange(
      port, "GET / HTTP/1.1\r\nHost: t\r\n" + v.cookie_line() + "Connection: close\r\n\r\n", 15s);
  EXPECT_EQ(page.status, 503) << page.head;
  EXPECT_NE(page.body.find(message), std::string::npos);
  EXPECT_EQ(page.header("Set-Cookie"), "") << page.head;
  EXPECT_EQ(page.header("Location"), "") << page.head;
  Raw post =
      exchange(port,
               "POST /admin/organisations/nouvelle HTTP/1.1\r\nHost: t\r\n" + v.cookie_line() +
                   "Content-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: 9\r\nConnection: close\r\n\r\nkind=spip",
               15s);
  EXPECT_EQ(post.status, 503) << post.head;
  EXPECT_EQ(post.header("Set-Cookie"), "") << post.head;
  for (const std::string& auth : {v.cookie_line(), "Authorization: Bearer " + bearer + "\r\n"}) {
    Raw api = exchange(
        port, "GET /api/v1/me HTTP/1.1\r\nHost: t\r\n" + auth + "Connection: close\r\n\r\n", 15s);
    EXPECT_EQ(api.status, 503) << auth << api.head;
    EXPECT_EQ(api.as_json().value("error", ""), "unavailable") << api.body;
    EXPECT_NE(api.as_json().value("message", "").find(message), std::string::npos) << api.body;
    EXPECT_EQ(api.header("WWW-Authenticate"), "");
  }
}

// SQLite with its write lock held by another process: reads answer, a write is refused with
// 503 and the French message, the cookie kept.
void expect_write_outage(int port, Visitor& v) {
  Raw page = exchange(
      port, "GET / HTTP/1.1\r\nHost: t\r\n" + v.cookie_line() + "Connection: close\r\n\r\n", 15s);
  EXPECT_EQ(page.status, 200) << page.head;
  v.browser.get("/notifications");  // its CSRF token (URL-safe)
  const std::string form = "csrf_token=" + v.browser.csrf();
  Raw post = exchange(port,
                      "POST /notifications/tout-lu HTTP/1.1\r\nHost: t\r\n" + v.cookie_line() +
                          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                          std::to_string(form.size()) + "\r\nConnection: close\r\n\r\n" + form,
                      15s);
  EXPECT_EQ(post.status, 503) << post.head;
  EXPECT_NE(post.body.find("réessayez"), std::string::npos) << post.body;
  EXPECT_EQ(post.header("Set-Cookie"), "") << post.head;
  EXPECT_EQ(post.header("Location"), "") << post.head;
}

std::string api_token(Browser& b) {
  b.get("/compte");
  auto created =
      b.post("/compte/jetons",
             {{"name", "Panne"}, {"password", demo_password()}, {"csrf_token", b.csrf()}});
  std::smatch m;
  return std::regex_search(created.body, m, std::regex("(prc_[A-Za-z0-9_-]+)")) ? m[1].str() : "";
}

TEST_P(SEC_5_OutageHardening, DatabaseOutageAnswers503AndKeepsTheSession) {
  testdb::TestDatabase db(GetParam());
  ServerProcess server(db.url());
  Visitor admin(server.port(), "admin@demo.parcours.fr");
  const std::string cookie = admin.browser.cookie("parcours_session");
  const std::string bearer = api_token(admin.browser);
  ASSERT_FALSE(bearer.empty());
  {
    Database outside(db.url());
    if (outside.backend() == Backend::sqlite) {
      // Another process holds the write lock: pages and sessions are read in read transactions
      // (issue 13) and still answer; every write times out with 503 and keeps the session.
      outside.sql() << "BEGIN EXCLUSIVE";
      expect_write_outage(server.port(), admin);
      outside.sql() << "ROLLBACK";
    } else {
      // The database refuses connections and the server's are cut, as when PostgreSQL stops.
      std::smatch m;
      ASSERT_TRUE(std::regex_search(db.url(), m, std::regex("parcours_t_[A-Za-z0-9_]+")));
      const std::string name = m[0];
      Database pg_server(testdb::test_pg_server());
      soci::session& pg = pg_server.sql();
      pg << "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false";
      long long cut = 0;
      pg << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
                name + "'",
          soci::into(cut);
      EXPECT_GT(cut, 0);
      expect_outage(server.port(), admin, bearer);
      pg << "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true";
    }
  }
  // Back: the same cookie and token work, nobody was signed out.
  auto home = admin.browser.get("/");
  EXPECT_EQ(home.status, 200) << home.body;
  EXPECT_EQ(admin.browser.cookie("parcours_session"), cookie);
  Browser api(server.port());
  EXPECT_EQ(api.send_json("GET", "/api/v1/me", "", {{"Authorization", "Bearer " + bearer}}).status,
            200);
}

INSTANTIATE_TEST_SUITE_P(Backends, SEC_5_OutageHardening, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
