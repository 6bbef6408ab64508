#include "http_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

#include "app/reference.h"
#include "cli/commands.h"
#include "cli/programmes.h"
#include "documents/pdf_renderer.h"
#include "documents/report_renderer.h"
#include "seed/demo.h"

namespace parcours::testing {

TestClock::TestClock()
    : t_(std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count()) {}

std::string demo_password() {
  return kDemoPassword;
}

std::string parcours_program() {
  if (const char* p = std::getenv("PARCOURS_PROGRAM"); p && *p) return p;
  return (std::filesystem::read_symlink("/proc/self/exe").parent_path() / "parcours").string();
}

int free_loopback_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

TestServer::TestServer(const std::string& backend, http::ServerLimits limits) : db_(backend) {
  auto s = SociStore::open(db_.url(), 6);
  if (!s.ok()) throw std::runtime_error(s.error().message);
  store_ = std::move(*s);
  if (auto m = store_->migrate(); !m.ok()) throw std::runtime_error(m.error().message);
  auto demo = load_demo(*store_, cli::read_file(bundled_reference_path()));
  if (!demo.ok()) throw std::runtime_error(demo.error().message);
  auth_ = std::make_unique<AuthService>(*store_, clock_);
  admin_ = std::make_unique<AdminService>(*store_, clock_);
  auto programmes = cli::load_programmes(PARCOURS_SOURCE_DIR "/config/programmes");
  if (!programmes.ok()) throw std::runtime_error(programmes.error().message);
  programmes_ = Programmes(std::move(*programmes));
  journeys_ = std::make_unique<JourneyService>(*store_, clock_, programmes_);
  notifications_ = std::make_unique<NotificationService>(*store_, clock_);
  workshops_ = std::make_unique<WorkshopService>(*store_, clock_, programmes_);
  renderer_ = std::make_unique<PdfRenderer>();
  files_ = std::make_unique<ProfessionalFileService>(*store_, clock_, programmes_, *renderer_);
  reporting_ = std::make_unique<ReportingService>(*store_, clock_, programmes_);
  report_renderer_ = std::make_unique<ReportDocumentRenderer>();
  http::WebConfig config;
  config.access_log = false;
  files_->max_upload_bytes = config.max_upload_bytes;
  web_ = http::make_web({*store_, clock_, *auth_, *admin_, *journeys_, *notifications_, *workshops_,
                         *files_, *reporting_, *report_renderer_},
                        config);
  server_ = std::make_unique<http::Server>(*web_, limits);
  port_ = server_->bind("127.0.0.1", 0);
  if (port_ <= 0) throw std::runtime_error("no free port on 127.0.0.1");
  // The socket is bound and listening: requests queue until the accept loop runs.
  thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  web_.reset();
  store_.reset();
}

Id TestServer::org_id(const std::string& code) {
  auto r = read<Id>(*store_, [&](Repos& r) -> Result<Id> {
    auto o = r.orgs.find_by_code(code);
    if (!o) return not_found("no org " + code);
    return o->id;
  });
  if (!r.ok()) throw std::runtime_error(r.error().message);
  return *r;
}

Id TestServer::user_id(const std::string& email) {
  auto r = read<Id>(*store_, [&](Repos& r) -> Result<Id> {
    auto u = r.users.find_by_email(email);
    if (!u) return not_found("no user " + email);
    return u->id;
  });
  if (!r.ok()) throw std::runtime_error(r.error().message);
  return *r;
}

int TestServer::count_organisations() {
  auto r = read<int>(*store_, [&](Repos& r) -> Result<int> {
    return static_cast<int>(r.orgs.list(std::nullopt).size());
  });
  return r.ok() ? *r : -1;
}

std::string Reply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

httplib::Headers Browser::cookie_headers(const httplib::Headers& extra) const {
  httplib::Headers h = extra;
  std::string c;
  for (const auto& [k, v] : cookies_) {
    if (v.empty()) continue;
    if (!c.empty()) c += "; ";
    c += k + "=" + v;
  }
  if (!c.empty()) h.emplace("Cookie", c);
  return h;
}

Reply Browser::finish(const httplib::Result& r) {
  Reply out;
  if (!r) throw std::runtime_error("HTTP request failed: " + httplib::to_string(r.error()));
  out.status = r->status;
  out.body = r->body;
  out.headers = r->headers;
  auto range = r->headers.equal_range("Set-Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    const std::string& sc = it->second;
    auto eq = sc.find('=');
    auto semi = sc.find(';');
    std::string name = sc.substr(0, eq);
    std::string value =
        sc.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    if (sc.find("Max-Age=0") != std::string::npos)
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }
  static const std::regex token(R"re(name="csrf_token" value="([^"]+)")re");
  std::smatch m;
  if (std::regex_search(out.body, m, token)) csrf_ = m[1];
  return out;
}

Reply Browser::get(const std::string& path, const httplib::Headers& extra) {
  return finish(client_.Get(path.c_str(), cookie_headers(extra)));
}

Reply Browser::post(const std::string& path, const httplib::Params& form) {
  return finish(client_.Post(path.c_str(), cookie_headers(), form));
}

Reply Browser::post_file(const std::string& path, const httplib::Params& fields,
                         const std::string& file_field, const std::string& filename,
                         const std::string& content) {
  httplib::MultipartFormDataItems items;
  for (const auto& [k, v] : fields) items.push_back({k, v, "", ""});
  items.push_back({file_field, content, filename, "text/csv"});
  return finish(client_.Post(path.c_str(), cookie_headers(), items));
}

Reply Browser::send_json(const std::string& method, const std::string& path,
                         const std::string& body, const httplib::Headers& extra) {
  auto h = cookie_headers(extra);
  if (method == "POST") return finish(client_.Post(path.c_str(), h, body, "application/json"));
  if (method == "PUT") return finish(client_.Put(path.c_str(), h, body, "application/json"));
  if (method == "PATCH") return finish(client_.Patch(path.c_str(), h, body, "application/json"));
  if (method == "DELETE") return finish(client_.Delete(path.c_str(), h, body, "application/json"));
  return finish(client_.Get(path.c_str(), h));
}

Reply Browser::login(const std::string& email, const std::string& password) {
  get("/connexion");
  return post("/connexion",
              {{"email", email}, {"password", password}, {"csrf_token", csrf_}, {"next", "/"}});
}

std::string Browser::cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  return it == cookies_.end() ? "" : it->second;
}

}  // namespace parcours::testing
