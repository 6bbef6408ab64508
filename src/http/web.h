// The HTTP edge (DESIGN §1): routing, sessions, CSRF, security headers, pages and JSON.
// No business rule here: handlers parse input, call an app service, render the result.
#pragma once

#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/admin.h"
#include "app/auth.h"
#include "app/journey.h"
#include "app/notifications.h"
#include "app/professional_file.h"
#include "app/reporting.h"
#include "app/workshops.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/static_files.h"
#include "http/templates.h"

namespace parcours::http {

struct WebConfig {
  std::string web_root = PARCOURS_SOURCE_DIR "/web";              // templates/ and static/
  std::string assets_root = PARCOURS_SOURCE_DIR "/node_modules";  // bootstrap, icons
  std::string openapi_file = PARCOURS_SOURCE_DIR "/docs/openapi.json";
  bool secure_cookies = false;  // set behind HTTPS (reverse proxy)
  // Largest uploaded file (signed sheets, documents of the professional file): larger ones
  // are refused with 413 and a French message, by the handler or by the transport limit.
  std::size_t max_upload_bytes = 10 * 1024 * 1024;
  bool access_log = true;  // one JSON line per request on stdout
  // Behind a reverse proxy: the client address is the last X-Forwarded-For entry, which the
  // proxy appends (per-address sign-in throttling needs the real address).
  bool behind_proxy = false;
};

struct Services {
  Store& store;
  const Clock& clock;
  AuthService& auth;
  AdminService& admin;
  JourneyService& journeys;
  NotificationService& notifications;
  WorkshopService& workshops;
  ProfessionalFileService& files;
  ReportingService& reporting;
  ReportRenderer& reports;
};

// What a signed-in page handler receives.
struct PageCtx {
  Actor actor;
  std::string csrf_token;
  std::string session_token;
  std::string flash_kind;
  std::string flash_text;
};

using PageFn = std::function<void(const Request&, Response&, PageCtx&)>;
using PublicFn = std::function<void(const Request&, Response&)>;
using ApiFn = std::function<void(const Request&, Response&, const Actor&)>;

struct RouteInfo {
  std::string method;
  std::string pattern;
};

// The application the server core (http/server.h) serves: routes, sessions, CSRF, static files.
class Web : public Application {
 public:
  Web(Services services, WebConfig config);
  Services& services() { return services_; }
  const WebConfig& config() const { return config_; }
  Metrics& metrics() { return metrics_; }
  const std::vector<RouteInfo>& api_routes() const { return api_routes_; }

  // Signed-in pages: redirect to the sign-in page without a session; POST checks CSRF.
  void page(const std::string& method, const std::string& pattern, PageFn fn);
  // Pages reachable without a session (sign-in, legal pages); POST still checks CSRF.
  void public_page(const std::string& method, const std::string& pattern, PublicFn fn);
  // JSON API under /api/v1: Bearer token, or session cookie (then CSRF on writes).
  void api(const std::string& method, const std::string& pattern, ApiFn fn);
  // Operations endpoints (healthz, metrics): no session, no page shell.
  void raw(const std::string& method, const std::string& pattern, PublicFn fn);

  // Renders `tpl` inside the layout; ctx may be null for signed-out pages.
  void render(Response& res, const PageCtx* ctx, const std::string& title, const std::string& tpl,
              nlohmann::json view, int status = 200);
  void error_page(Response& res, const PageCtx* ctx, int status, const std::string& message = "");
  // Maps an app Error to a page: forbidden → 403, not_found → 404, others → 400/409/422/503.
  void fail(Response& res, PageCtx& ctx, const Error& e);
  // 303 See Other to url, with an optional one-time message shown on the next page.
  void redirect(Response& res, const std::string& url, const std::string& flash = "",
                const std::string& kind = "success");

  // "10 Mo" (from max_upload_bytes) and « Le fichier dépasse la taille maximale de 10 Mo. ».
  std::string upload_limit_text() const;
  std::string upload_limit_message() const;
  // 413 with that message: an error page (signed-in shell when a session exists) or, under
  // /api/, JSON.
  void too_large(const Request& req, Response& res);

  static void json(Response& res, const nlohmann::json& body, int status = 200);
  static void api_error(Response& res, const Error& e);
  static int status_of(ErrorCode code);
  // The client address, from the socket or the proxy header (see WebConfig::behind_proxy).
  std::string client_address(const Request& req) const;

  const Templates& templates() const { return templates_; }
  std::string csrf_for_anonymous(const Request& req, Response& res);
  // The fingerprint that asset URLs carry (« /static/css/parcours.css?v=… »).
  const std::string& asset_version() { return static_files_.fingerprint(); }

  // Application (http/server.h), called on the server's workers.
  Admission admit(Request& head) override;
  Response handle(Request& request) override;
  Response body_refused(Request& head, BodyFault fault) override;
  Response head_refused(Request& request, int status, const std::string& message) override;

 private:
  using Handler = std::function<void(const Request&, Response&)>;
  // Who may make the server read a body on a route (SEC-6): a signed-in person (pages), a
  // token or a session (API), anyone (sign-in forms, operations).
  enum class BodyAccess { session, token_or_session, anyone };
  struct Route {
    std::string method;
    std::string pattern;
    std::string literal_prefix;  // the pattern's text before its first special character
    std::regex regex;
    BodyAccess access;
    Handler handler;
  };

  void mount_static_files();
  nlohmann::json layout(const PageCtx* ctx, const std::string& title);
  bool csrf_ok(const Request& req, const std::string& expected) const;
  void add(const std::string& method, const std::string& pattern, BodyAccess access, Handler h);
  // The route of the request (HEAD takes GET's), its groups stored in req.matches.
  const Route* match(Request& req) const;
  bool may_send_body(const Route& route, const Request& req);
  void dispatch(const Route* route, const Request& req, Response& res);
  Response finish(const Request& req, Response res);

  Services services_;
  WebConfig config_;
  Templates templates_;
  Metrics metrics_;
  StaticFiles static_files_;
  std::vector<Route> routes_;
  std::vector<RouteInfo> api_routes_;
};

// Reads a cookie value from the request ("" when absent).
std::string cookie(const Request& req, const std::string& name);
// Parses the id captured by a route pattern; 0 when it does not fit.
Id id_param(const Request& req, int index = 1);
std::string form(const Request& req, const std::string& name);

// Route groups.
void add_auth_pages(Web& web);
void add_admin_pages(Web& web);
void add_user_pages(Web& web);
void add_import_page(Web& web);
void add_contract_pages(Web& web);
void add_journey_pages(Web& web);  // http/journey_pages.cc
void add_notification_pages(Web& web);
void add_api(Web& web);
void add_journey_api(Web& web);   // http/journey_api.cc
void add_workshop_api(Web& web);  // http/workshop_api.cc: workshops and attendance sheets
void add_file_api(Web& web);      // http/file_api.cc: professional file, consents, bilans
void add_report_pages(Web& web);  // http/report_pages.cc: contract execution, statements, COPIL
void add_report_api(Web& web);    // http/report_api.cc: the same as JSON
void add_ops(Web& web);

// Builds the whole application: every route group on one server.
std::unique_ptr<Web> make_web(Services services, WebConfig config);

}  // namespace parcours::http
