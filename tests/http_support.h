// A real Parcours server on 127.0.0.1 for HTTP scenario tests (DESIGN §5), and a small
// cookie-keeping client that behaves like a browser without JavaScript.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

#include "app/admin.h"
#include "app/auth.h"
#include "app/journey.h"
#include "app/notifications.h"
#include "app/reporting.h"
#include "db_support.h"
#include "http/web.h"
#include "storage/soci_store.h"

namespace parcours::testing {

// A clock the test moves by hand (idle expiry, throttling windows).
class TestClock final : public Clock {
 public:
  TestClock();
  Instant now() const override { return Instant{std::chrono::seconds{t_.load()}}; }
  void advance(std::chrono::seconds s) { t_ += s.count(); }
  void set(Instant t) { t_ = t.time_since_epoch().count(); }

 private:
  std::atomic<long long> t_;
};

// Fresh database (SQLite file or PostgreSQL), migrated, demo data loaded, server listening
// on a free port of 127.0.0.1.
class TestServer {
 public:
  // `limits`: the server core's (SEC-6); 4 workers unless said otherwise.
  explicit TestServer(const std::string& backend, http::ServerLimits limits = test_limits());
  static http::ServerLimits test_limits() {
    http::ServerLimits l;
    l.workers = 4;
    return l;
  }
  ~TestServer();
  int port() const { return port_; }
  Store& store() { return *store_; }
  TestClock& clock() { return clock_; }
  http::Web& web() { return *web_; }
  http::Server& server() { return *server_; }
  // Id of an organisation by code, of a user by e-mail (straight from the database).
  Id org_id(const std::string& code);
  Id user_id(const std::string& email);
  int count_organisations();
  JourneyService& journeys() { return *journeys_; }
  WorkshopService& workshops() { return *workshops_; }
  ProfessionalFileService& files() { return *files_; }
  ReportingService& reporting() { return *reporting_; }
  // The URL of its database, for the command line (`parcours --database URL …`).
  const std::string& database_url() const { return db_.url(); }

 private:
  testdb::TestDatabase db_;
  TestClock clock_;
  std::unique_ptr<SociStore> store_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<AdminService> admin_;
  Programmes programmes_;
  std::unique_ptr<JourneyService> journeys_;
  std::unique_ptr<NotificationService> notifications_;
  std::unique_ptr<WorkshopService> workshops_;
  std::unique_ptr<DocumentRenderer> renderer_;
  std::unique_ptr<ProfessionalFileService> files_;
  std::unique_ptr<ReportingService> reporting_;
  std::unique_ptr<ReportRenderer> report_renderer_;
  std::unique_ptr<http::Web> web_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

struct Reply {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  std::string header(const std::string& name) const;
  std::string location() const { return header("Location"); }
};

// Keeps cookies like a browser; never follows redirects by itself.
class Browser {
 public:
  explicit Browser(int port) : client_("127.0.0.1", port) {}
  Reply get(const std::string& path, const httplib::Headers& extra = {});
  Reply post(const std::string& path, const httplib::Params& form);
  // Multipart form with one file.
  Reply post_file(const std::string& path, const httplib::Params& fields,
                  const std::string& file_field, const std::string& filename,
                  const std::string& content);
  // GET, POST, PUT, PATCH or DELETE with a JSON body.
  Reply send_json(const std::string& method, const std::string& path, const std::string& body,
                  const httplib::Headers& extra = {});
  // Signs in through the form; returns the reply of the POST.
  Reply login(const std::string& email, const std::string& password);
  // The CSRF token of the last page seen (hidden input csrf_token).
  const std::string& csrf() const { return csrf_; }
  std::string cookie(const std::string& name) const;
  void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }

 private:
  Reply finish(const httplib::Result& r);
  httplib::Headers cookie_headers(const httplib::Headers& extra = {}) const;
  httplib::Client client_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

// Every demo account shares this password.
std::string demo_password();

// The parcours program built beside the test program ($PARCOURS_PROGRAM to try another one,
// e.g. the build of an older commit).
std::string parcours_program();
// A TCP port of 127.0.0.1 free at the time of the call.
int free_loopback_port();

}  // namespace parcours::testing
