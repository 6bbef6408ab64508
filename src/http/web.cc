#include "http/web.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "app/secrets.h"
#include "http/form_body.h"
#include "http/nav.h"
#include "http/request_guard.h"

namespace parcours::http {
namespace {

const char* const kSessionCookie = "parcours_session";
const char* const kCsrfCookie = "parcours_csrf";
const char* const kFlashCookie = "parcours_flash";

// Request-scoped facts for the access log and metrics: a request is handled on one worker
// thread from its start to its answer (http/server.h).
thread_local std::chrono::steady_clock::time_point tl_start;
thread_local std::string tl_route;
thread_local Id tl_user = 0;
thread_local std::string tl_path;
// A body was announced but not admitted (the sign-in failed): the handler may not read it.
thread_local bool tl_body_unread = false;

// Room for the form around the largest file (boundaries, part headers, other fields).
constexpr std::size_t kFormEnvelope = 64 * 1024;
// A signed-in upload declared up to this many times the limit is read and dropped to answer
// 413 on a clean connection; beyond, the connection is closed unread.
constexpr std::size_t kMaxDrainedUploads = 10;

const char* const kOutage = "Le service est momentanément indisponible, réessayez dans un instant.";

// SEC-5: security headers on every answer.
const std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Frame-Options", "DENY"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "geolocation=(), microphone=(), payment=()"},
};

std::string cookie_header(const std::string& name, const std::string& value, bool secure,
                          const std::string& extra) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax{}{}", name, value,
                     secure ? "; Secure" : "", extra);
}

bool is_write(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string url_encode(const std::string& s) {
  return url_encode_component(s, "/");
}

std::shared_ptr<spdlog::logger> access_logger() {
  static auto logger = [] {
    auto l = std::make_shared<spdlog::logger>("access",
                                              std::make_shared<spdlog::sinks::stdout_sink_mt>());
    l->set_pattern("%v");
    return l;
  }();
  return logger;
}

bool is_api(const Request& req) {
  return req.path.rfind("/api/", 0) == 0;
}

guard::Framing framing_of(const Request& req) {
  guard::Framing f{req.method, {}, {}};
  auto [cl, cl_end] = req.headers.equal_range("Content-Length");
  for (auto it = cl; it != cl_end; ++it) f.content_length.push_back(it->second);
  auto [te, te_end] = req.headers.equal_range("Transfer-Encoding");
  for (auto it = te; it != te_end; ++it) f.transfer_encoding.push_back(it->second);
  return f;
}

bool is_urlencoded(const Request& req) {
  return req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0;
}

// The form fields of a read body: url-encoded pairs into params, multipart parts into files.
bool parse_body(Request& req) {
  if (req.body.empty()) return true;
  if (is_urlencoded(req)) {
    parse_query(req.body, req.params);
    return true;
  }
  if (req.is_multipart_form_data())
    return parse_multipart(req.body, req.get_header_value("Content-Type"), req.files);
  return true;
}

// The first text of the request that may not be stored (SEC-5): query and form parameters,
// multipart fields and file names, the JSON body of the API. File contents are the use case's.
std::optional<guard::Refusal> text_problem(const Request& req) {
  using guard::TextFault;
  auto fault_of = [](const std::string& name,
                     const std::string& value) -> std::optional<guard::Refusal> {
    if (auto f = guard::text_fault(name); f != TextFault::none) return guard::text_refusal("?", f);
    if (auto f = guard::text_fault(value); f != TextFault::none)
      return guard::text_refusal(name, f);
    return std::nullopt;
  };
  for (const auto& [name, value] : req.params)
    if (auto r = fault_of(name, value)) return r;
  for (const auto& [name, part] : req.files)
    if (auto r = fault_of(name, part.filename.empty() ? part.content : part.filename)) return r;
  if (req.body.empty() || is_urlencoded(req) || req.is_multipart_form_data()) return std::nullopt;
  if (is_api(req)) return guard::check_json_body(req.body);
  if (auto f = guard::text_fault(req.body); f != TextFault::none)
    return guard::text_refusal("corps", f);
  return std::nullopt;
}

// A client address from a proxy header: an IPv4 or IPv6 literal, or nothing (it is stored with
// sessions and audit entries).
bool plausible_address(const std::string& s) {
  return !s.empty() && s.size() <= 45 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isxdigit(c) || c == '.' || c == ':';
  });
}

void refuse(Web& web, const Request& req, Response& res, const PageCtx* ctx,
            const guard::Refusal& r) {
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  if (is_api(req)) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& d : r.details) details.push_back({{"field", d.field}, {"message", d.message}});
    Web::json(res,
              {{"error", error_code_name(ErrorCode::invalid)},
               {"message", r.message},
               {"details", details}},
              r.status);
  } else {
    std::string message = r.message;
    for (const auto& d : r.details)
      if (d.message != r.message) message += " Champ « " + d.field + " » : " + d.message;
    web.error_page(res, ctx, r.status, message);
  }
  if (r.close) res.close = true;
}

std::size_t body_limit(const Web& web) {
  return web.config().max_upload_bytes + kFormEnvelope;
}

guard::Refusal too_large_refusal(const Web& web, bool close) {
  const std::string message = web.upload_limit_message();
  return {413, message, {{"file", message}}, close};
}

// Checks every text of the request (SEC-5) once its body, if any, was admitted and read by the
// server core. False when it answered a refusal.
bool accept_input(Web& web, const Request& req, Response& res, const PageCtx* ctx) {
  if (tl_body_unread) {  // the sign-in changed between the head and the handler
    refuse(web, req, res, ctx, {400, "Le corps de la requête n’a pas été lu.", {}, true});
    return false;
  }
  if (auto r = text_problem(req)) {
    refuse(web, req, res, ctx, *r);
    return false;
  }
  return true;
}

// The database cannot say whether the session exists (SEC-5): the person keeps it, and is told
// to come back in a moment; never sent to the sign-in page, never 401 for the API.
void outage(Web& web, const Request& req, Response& res) {
  res.set_header("Retry-After", "5");
  if (is_api(req))
    Web::api_error(res, unavailable(kOutage));
  else
    web.error_page(res, nullptr, 503, kOutage);
}

void start_request(const Request& req) {
  tl_path = req.path;
  tl_start = std::chrono::steady_clock::now();
  tl_route = "(statique ou inconnue)";
  tl_user = 0;
  tl_body_unread = false;
}

// Framing and path checks of SEC-5 (request_guard.h), on the head alone.
std::optional<guard::Refusal> edge_refusal(const Request& req, const guard::Framing& framing) {
  std::optional<guard::Refusal> r = guard::check_framing(framing);
  if (!r && guard::text_fault(req.path) != guard::TextFault::none)
    r = guard::Refusal{400,
                       "Requête refusée : l’adresse demandée n’est pas de l’UTF-8 valide.",
                       {},
                       guard::announces_body(framing)};
  return r;
}

// The text of a route pattern before its first regular-expression character: a request path
// that does not start with it cannot match.
std::string literal_prefix(const std::string& pattern) {
  const auto special = pattern.find_first_of("()[]{}\\.*+?|^$");
  return pattern.substr(0, special);
}

Admission answer(Response res) {
  Admission a;
  a.kind = Admission::Kind::answer;
  a.response = std::move(res);
  return a;
}

}  // namespace

std::string cookie(const Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    auto part = header.substr(pos, end - pos);
    auto b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return {};
}

Id id_param(const Request& req, int index) {
  if (static_cast<int>(req.matches.size()) <= index) return 0;
  const std::string s = req.matches[index];
  if (s.empty() || s.size() > 18) return 0;
  return std::stoll(s);
}

std::string form(const Request& req, const std::string& name) {
  if (req.has_param(name)) return req.get_param_value(name);
  if (req.has_file(name)) return req.get_file_value(name).content;
  return {};
}

Web::Web(Services services, WebConfig config)
    : services_(services), config_(std::move(config)), templates_(config_.web_root + "/templates") {
  mount_static_files();
}

void Web::mount_static_files() {
  // Static files carry no personal data: browsers may keep them (vendor files change only
  // with an upgrade, the theme with a release); fingerprinted URLs for a year.
  static_files_.mount("/static", config_.web_root + "/static", "public, max-age=600");
  const std::string vendor = "public, max-age=86400";
  static_files_.mount("/static/vendor/bootstrap", config_.assets_root + "/bootstrap/dist", vendor);
  static_files_.mount("/static/vendor/bootstrap-icons",
                      config_.assets_root + "/bootstrap-icons/font", vendor);
  // The QR decoder of /emargement/scanner when the browser has no BarcodeDetector (iPhone).
  static_files_.mount("/static/vendor/jsqr", config_.assets_root + "/jsqr/dist", vendor);
}

void Web::add(const std::string& method, const std::string& pattern, BodyAccess access, Handler h) {
  if (method != "GET" && !guard::takes_body(method))
    throw std::logic_error("unsupported method " + method);
  routes_.push_back(
      {method, pattern, literal_prefix(pattern), std::regex(pattern), access, std::move(h)});
}

const Web::Route* Web::match(Request& req) const {
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  std::smatch m;
  for (const auto& route : routes_) {
    if (route.method != method ||
        req.path.compare(0, route.literal_prefix.size(), route.literal_prefix) != 0)
      continue;
    if (!std::regex_match(req.path, m, route.regex)) continue;
    req.matches.clear();
    for (const auto& group : m) req.matches.push_back(group.str());
    return &route;
  }
  return nullptr;
}

bool Web::may_send_body(const Route& route, const Request& req) {
  if (route.access == BodyAccess::anyone) return true;
  const std::string auth = req.get_header_value("Authorization");
  if (route.access == BodyAccess::token_or_session && auth.rfind("Bearer ", 0) == 0)
    return services_.auth.api_actor(auth.substr(7)).ok();
  return services_.auth.session(cookie(req, kSessionCookie)).ok();
}

void Web::dispatch(const Route* route, const Request& req, Response& res) {
  try {
    if (route) {
      tl_route = route->pattern;
      route->handler(req, res);
      return;
    }
    if ((req.method == "GET" || req.method == "HEAD") && static_files_.serve(req, res)) return;
    res.set_header("Cache-Control", "no-store");
    if (is_api(req))
      api_error(res, not_found("Ressource introuvable."));
    else
      error_page(res, nullptr, 404);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "erreur interne sur %s %s : %s\n", req.method.c_str(), tl_route.c_str(),
                 e.what());
    const bool close = res.close;
    res = Response{};
    res.close = close;
    if (is_api(req))
      api_error(res, unavailable("Erreur interne du serveur. L’incident a été journalisé."));
    else
      error_page(res, nullptr, 500);
  }
}

Response Web::finish(const Request& req, Response res) {
  for (const auto& [name, value] : kSecurityHeaders)
    if (!res.has_header(name)) res.set_header(name, value);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - tl_start).count();
  metrics_.observe(req.method, tl_route, res.status, seconds);
  if (config_.access_log) {
    // One JSON line per request; the route pattern, never the path, so no personal data.
    nlohmann::json line = {{"ts", std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count()},
                           {"method", req.method},
                           {"route", tl_route},
                           {"status", res.status},
                           {"ms", std::round(seconds * 100000.0) / 100.0},
                           {"user", tl_user}};
    access_logger()->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return res;
}

// SEC-6: the head alone decides whether the body is read. A request without a body is handled
// here at once; a body is read only for a route that takes one, from someone allowed to send
// it, within the limit.
Admission Web::admit(Request& req) {
  start_request(req);
  Response res;
  const guard::Framing framing = framing_of(req);
  if (auto r = edge_refusal(req, framing)) {
    refuse(*this, req, res, nullptr, *r);
    return answer(finish(req, std::move(res)));
  }
  const Route* route = match(req);
  if (!guard::announces_body(framing)) {
    dispatch(route, req, res);
    return answer(finish(req, std::move(res)));
  }
  if (!route) {  // a body sent where no route takes one is refused unread
    dispatch(nullptr, req, res);
    res.close = true;
    return answer(finish(req, std::move(res)));
  }
  tl_route = route->pattern;
  const bool allowed = may_send_body(*route, req);
  if (guard::declared_too_large(framing, body_limit(*this))) {
    // A signed-in person's too large file (a 12 Mo scan) is read and dropped, so that the
    // browser shows the French page rather than a reset connection; a stranger's body, or an
    // absurd length, is not read at all and the connection closes.
    auto length = guard::declared_length(framing);
    const bool drain = allowed && route->access != BodyAccess::anyone && length &&
                       *length <= kMaxDrainedUploads * body_limit(*this);
    if (drain)
      too_large(req, res);
    else
      refuse(*this, req, res, nullptr, too_large_refusal(*this, true));
    Admission a = answer(finish(req, std::move(res)));
    if (drain) a.kind = Admission::Kind::drain_and_answer;
    return a;
  }
  if (!allowed) {  // the route answers (sign-in page, 401, 503) without the body
    tl_body_unread = true;
    dispatch(route, req, res);
    res.close = true;
    return answer(finish(req, std::move(res)));
  }
  Admission a;
  a.kind = Admission::Kind::read_body;
  a.body_limit = body_limit(*this);
  return a;
}

Response Web::handle(Request& req) {
  start_request(req);
  Response res;
  const Route* route = match(req);
  if (!parse_body(req)) {
    refuse(*this, req, res, nullptr,
           {400, "Le corps de la requête est incomplet ou mal formé.", {}, true});
    return finish(req, std::move(res));
  }
  dispatch(route, req, res);
  return finish(req, std::move(res));
}

Response Web::body_refused(Request& req, BodyFault fault) {
  start_request(req);
  Response res;
  if (const Route* route = match(req)) tl_route = route->pattern;
  switch (fault) {
    case BodyFault::too_large:
      refuse(*this, req, res, nullptr, too_large_refusal(*this, true));
      break;
    case BodyFault::malformed:
      refuse(*this, req, res, nullptr,
             {400, "Le corps de la requête est incomplet ou mal formé.", {}, true});
      break;
  }
  res.close = true;
  return finish(req, std::move(res));
}

Response Web::head_refused(Request& req, int status, const std::string& message) {
  start_request(req);
  Response res;
  refuse(*this, req, res, nullptr, {status, message, {}, true});
  res.close = true;
  return finish(req, std::move(res));
}

bool Web::csrf_ok(const Request& req, const std::string& expected) const {
  std::string given = req.get_header_value("X-CSRF-Token");
  if (given.empty()) given = form(req, "csrf_token");
  return same_secret(given, expected);
}

void Web::page(const std::string& method, const std::string& pattern, PageFn fn) {
  add(method, pattern, BodyAccess::session, [this, method, fn](const Request& req, Response& res) {
    res.set_header("Cache-Control", "no-store");
    const std::string token = cookie(req, kSessionCookie);
    auto s = services_.auth.session(token);
    if (!s.ok() && s.error().code != ErrorCode::not_found) return outage(*this, req, res);
    if (!s.ok()) {
      if (!token.empty())  // expired: drop the cookie
        res.set_header("Set-Cookie",
                       cookie_header(kSessionCookie, "", config_.secure_cookies, "; Max-Age=0"));
      std::string next = method == "GET" ? req.target : "/";
      redirect(res, "/connexion?next=" + url_encode(next),
               token.empty() ? "" : "Votre session a expiré. Veuillez vous reconnecter.", "info");
      return;
    }
    PageCtx ctx{std::move(s->actor), s->csrf_token, token, {}, {}};
    ctx.actor.remote_addr = client_address(req);  // for the audit trail (SEC-2)
    tl_user = ctx.actor.user.id;
    auto flash = cookie(req, kFlashCookie);
    if (!flash.empty()) {
      auto decoded = url_decode(flash, true);
      auto bar = decoded.find('|');
      if (bar != std::string::npos) {
        ctx.flash_kind = decoded.substr(0, bar);
        ctx.flash_text = decoded.substr(bar + 1);
      }
      res.set_header("Set-Cookie",
                     cookie_header(kFlashCookie, "", config_.secure_cookies, "; Max-Age=0"));
    }
    if (!accept_input(*this, req, res, &ctx)) return;
    if (is_write(method) && !csrf_ok(req, ctx.csrf_token)) {
      error_page(res, &ctx, 403,
                 "Le formulaire a expiré ou ne provient pas de Parcours. Rechargez la page et "
                 "réessayez.");
      return;
    }
    fn(req, res, ctx);
  });
}

std::string Web::csrf_for_anonymous(const Request& req, Response& res) {
  std::string t = cookie(req, kCsrfCookie);
  if (t.size() < 20) {
    t = random_token();
    res.set_header("Set-Cookie", cookie_header(kCsrfCookie, t, config_.secure_cookies, ""));
  }
  return t;
}

void Web::public_page(const std::string& method, const std::string& pattern, PublicFn fn) {
  add(method, pattern, BodyAccess::anyone, [this, method, fn](const Request& req, Response& res) {
    res.set_header("Cache-Control", "no-store");
    if (!accept_input(*this, req, res, nullptr)) return;
    // Double-submit check for forms posted before sign-in (login CSRF).
    if (is_write(method) && !csrf_ok(req, cookie(req, kCsrfCookie))) {
      error_page(res, nullptr, 403,
                 "Le formulaire a expiré. Rechargez la page de connexion et réessayez.");
      return;
    }
    fn(req, res);
  });
}

void Web::raw(const std::string& method, const std::string& pattern, PublicFn fn) {
  add(method, pattern, BodyAccess::anyone, [this, fn](const Request& req, Response& res) {
    if (accept_input(*this, req, res, nullptr)) fn(req, res);
  });
}

void Web::api(const std::string& method, const std::string& pattern, ApiFn fn) {
  api_routes_.push_back({method, pattern});
  add(method, pattern, BodyAccess::token_or_session,
      [this, method, fn](const Request& req, Response& res) {
        res.set_header("Cache-Control", "no-store");
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) == 0) {
          auto actor = services_.auth.api_actor(auth.substr(7));
          if (!actor.ok() && actor.error().code != ErrorCode::not_found)
            return outage(*this, req, res);
          if (!actor.ok()) {
            res.set_header("WWW-Authenticate", "Bearer");
            json(res, {{"error", "unauthorized"}, {"message", actor.error().message}}, 401);
            return;
          }
          tl_user = actor->user.id;
          actor->remote_addr = client_address(req);  // for the audit trail (SEC-2)
          if (accept_input(*this, req, res, nullptr)) fn(req, res, *actor);
          return;
        }
        auto s = services_.auth.session(cookie(req, kSessionCookie));
        if (!s.ok() && s.error().code != ErrorCode::not_found) return outage(*this, req, res);
        if (!s.ok()) {
          res.set_header("WWW-Authenticate", "Bearer");
          json(res,
               {{"error", "unauthorized"},
                {"message", "Authentification requise : jeton d’API (Authorization: Bearer …)."}},
               401);
          return;
        }
        if (!accept_input(*this, req, res, nullptr)) return;
        if (is_write(method) && !csrf_ok(req, s->csrf_token)) {
          api_error(res, forbidden("Jeton CSRF absent ou invalide (en-tête X-CSRF-Token)."));
          return;
        }
        tl_user = s->actor.user.id;
        s->actor.remote_addr = client_address(req);
        fn(req, res, s->actor);
      });
}

nlohmann::json Web::layout(const PageCtx* ctx, const std::string& title) {
  nlohmann::json v = {{"title", title},
                      {"signed_in", ctx != nullptr},
                      {"flashes", nlohmann::json::array()},
                      {"asset_version", static_files_.fingerprint()}};
  if (!ctx) return v;
  v["user"] = {{"full_name", ctx->actor.user.full_name}, {"email", ctx->actor.user.email}};
  v["roles_text"] = ctx->actor.roles_text();
  v["csrf_token"] = ctx->csrf_token;
  v["nav"] = navigation(ctx->actor, tl_path);
  if (!ctx->flash_text.empty()) {
    const std::string& k = ctx->flash_kind;
    v["flashes"].push_back({{"kind", k},
                            {"text", ctx->flash_text},
                            {"is_success", k == "success"},
                            {"is_danger", k == "danger"},
                            {"is_warning", k == "warning"},
                            {"is_info", k == "info"}});
  }
  return v;
}

void Web::render(Response& res, const PageCtx* ctx, const std::string& title,
                 const std::string& tpl, nlohmann::json view, int status) {
  if (ctx && !view.contains("csrf_token")) view["csrf_token"] = ctx->csrf_token;
  auto page = layout(ctx, title);
  page["body"] = templates_.render(tpl, view);
  res.status = status;
  res.set_content(templates_.render("layout", page), "text/html; charset=utf-8");
}

void Web::error_page(Response& res, const PageCtx* ctx, int status, const std::string& message) {
  std::string heading = "Une erreur est survenue";
  std::string text = message;
  switch (status) {
    case 403:
      heading = "Accès refusé";
      if (text.empty()) text = "Votre rôle ne vous donne pas accès à cette page.";
      break;
    case 404:
      heading = "Page introuvable";
      if (text.empty()) text = "Cette page n’existe pas ou n’est pas accessible avec votre compte.";
      break;
    case 413:
      heading = "Fichier trop volumineux";
      if (text.empty()) text = "Le fichier envoyé dépasse la taille autorisée.";
      break;
    case 503:
      heading = "Service momentanément indisponible";
      if (text.empty()) text = kOutage;
      break;
    case 500:
      heading = "Erreur interne";
      text =
          "Un incident technique empêche d’afficher cette page. Il a été journalisé ; "
          "réessayez dans quelques instants.";
      break;
    default:
      if (text.empty()) text = "La demande n’a pas pu être traitée.";
  }
  render(res, ctx, heading, "error",
         {{"status", status}, {"heading", heading}, {"message", text}, {"home_href", "/"}}, status);
}

std::string Web::client_address(const Request& req) const {
  if (!config_.behind_proxy) return req.remote_addr;
  std::string fwd = req.get_header_value("X-Forwarded-For");
  if (fwd.empty()) return req.remote_addr;
  auto comma = fwd.rfind(',');
  std::string last = comma == std::string::npos ? fwd : fwd.substr(comma + 1);
  auto b = last.find_first_not_of(' ');
  last = b == std::string::npos ? "" : last.substr(b, last.find_last_not_of(' ') - b + 1);
  return plausible_address(last) ? last : req.remote_addr;
}

int Web::status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid:
      return 422;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::rule_violation:
      return 422;
    case ErrorCode::unavailable:
      return 503;
  }
  return 500;
}

void Web::fail(Response& res, PageCtx& ctx, const Error& e) {
  error_page(res, &ctx, status_of(e.code), e.message);
}

void Web::redirect(Response& res, const std::string& url, const std::string& flash,
                   const std::string& kind) {
  res.status = 303;
  res.set_header("Location", url);
  if (!flash.empty())
    res.set_header("Set-Cookie", cookie_header(kFlashCookie, url_encode(kind + "|" + flash),
                                               config_.secure_cookies, "; Max-Age=60"));
}

std::string Web::upload_limit_text() const {
  const double mib = static_cast<double>(config_.max_upload_bytes) / (1024.0 * 1024.0);
  std::string size = fmt::format("{:.1f}", mib);
  if (size.size() > 2 && size.compare(size.size() - 2, 2, ".0") == 0) size.resize(size.size() - 2);
  std::replace(size.begin(), size.end(), '.', ',');
  return size + " Mo";
}

std::string Web::upload_limit_message() const {
  return "Le fichier dépasse la taille maximale de " + upload_limit_text() + ".";
}

void Web::too_large(const Request& req, Response& res) {
  res.set_header("Cache-Control", "no-store");
  if (req.path.rfind("/api/", 0) == 0) {
    const std::string message = upload_limit_message();
    json(res,
         {{"error", error_code_name(ErrorCode::invalid)},
          {"message", message},
          {"details", {{{"field", "file"}, {"message", message}}}}},
         413);
    return;
  }
  auto s = services_.auth.session(cookie(req, kSessionCookie));
  std::optional<PageCtx> ctx;
  if (s.ok()) ctx = PageCtx{std::move(s->actor), s->csrf_token, {}, {}, {}};
  error_page(res, ctx ? &*ctx : nullptr, 413, upload_limit_message());
}

void Web::json(Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  // SEC-5: text that is not UTF-8 (stored before the edge refused it) is replaced by U+FFFD
  // rather than failing the whole answer.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void Web::api_error(Response& res, const Error& e) {
  nlohmann::json details = nlohmann::json::array();
  for (const auto& d : e.details) details.push_back({{"field", d.field}, {"message", d.message}});
  json(res, {{"error", error_code_name(e.code)}, {"message", e.message}, {"details", details}},
       status_of(e.code));
}

std::unique_ptr<Web> make_web(Services services, WebConfig config) {
  auto web = std::make_unique<Web>(services, std::move(config));
  add_auth_pages(*web);
  add_admin_pages(*web);
  add_user_pages(*web);
  add_import_page(*web);
  add_contract_pages(*web);
  add_journey_pages(*web);
  add_notification_pages(*web);
  add_api(*web);
  add_journey_api(*web);
  add_workshop_api(*web);
  add_file_api(*web);
  add_report_pages(*web);
  add_report_api(*web);
  add_ops(*web);
  return web;
}

}  // namespace parcours::http
