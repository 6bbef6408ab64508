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
#include "http/nav.h"
#include "http/request_guard.h"

namespace parcours::http {
namespace {

const char* const kSessionCookie = "parcours_session";
const char* const kCsrfCookie = "parcours_csrf";
const char* const kFlashCookie = "parcours_flash";

// Request-scoped facts for the access log and metrics: the handler runs on the same
// thread as the pre-routing hook and the logger.
thread_local std::chrono::steady_clock::time_point tl_start;
thread_local std::string tl_route;
thread_local Id tl_user = 0;
thread_local std::string tl_path;
thread_local bool tl_observed = false;

// The body of the request handled on this thread, not read yet: routes that take a body are
// registered with httplib's content reader, which reads nothing until asked. The route wrapper
// asks (accept_input) once the sign-in is checked, so an anonymous client cannot make the server
// read, let alone hold, a body.
struct PendingBody {
  const httplib::ContentReader* reader = nullptr;
  bool read = false;
};
thread_local PendingBody tl_body;

// Room for the form around the largest file (boundaries, part headers, other fields).
constexpr std::size_t kFormEnvelope = 64 * 1024;
// A signed-in upload declared up to this many times the limit is read and dropped to answer
// 413 on a clean connection; beyond, the connection is closed unread.
constexpr std::size_t kMaxDrainedUploads = 10;

const char* const kOutage = "Le service est momentanément indisponible, réessayez dans un instant.";

std::string cookie_header(const std::string& name, const std::string& value, bool secure,
                          const std::string& extra) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax{}{}", name, value,
                     secure ? "; Secure" : "", extra);
}

bool is_write(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
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

bool is_api(const httplib::Request& req) {
  return req.path.rfind("/api/", 0) == 0;
}

// A refusal answer (or a session-less redirect) carries no trusted body: whatever a refused
// client is still sending must not be parsed as its next request.
bool answered(const httplib::Response& res) {
  return !res.body.empty() || static_cast<bool>(res.content_provider_);
}

guard::Framing framing_of(const httplib::Request& req) {
  guard::Framing f{req.method, {}, {}};
  auto [cl, cl_end] = req.headers.equal_range("Content-Length");
  for (auto it = cl; it != cl_end; ++it) f.content_length.push_back(it->second);
  auto [te, te_end] = req.headers.equal_range("Transfer-Encoding");
  for (auto it = te; it != te_end; ++it) f.transfer_encoding.push_back(it->second);
  return f;
}

// Ends the connection once `res` is sent (SEC-5): the rest of the request (an unread or refused
// body) cannot be told apart from a next request. httplib 0.11 only closes a connection when
// writing the answer fails, so the answer goes out through a provider that writes it all and
// then reports a failure. The request object is httplib's own, handed over as const: its ranges
// are dropped (the answer is whole) and a HEAD becomes a GET so that the provider runs.
void close_after(const httplib::Request& req, httplib::Response& res) {
  if (res.content_provider_) return;  // already streamed by the handler
  auto& own = const_cast<httplib::Request&>(req);
  own.ranges.clear();
  if (own.method == "HEAD") own.method = "GET";
  const std::string type = res.has_header("Content-Type")
                               ? res.get_header_value("Content-Type")
                               : std::string("text/plain; charset=utf-8");
  auto body = std::make_shared<std::string>(std::move(res.body));
  res.body.clear();
  res.set_header("Connection", "close");
  if (body->empty()) {
    res.set_content_provider(type, [](std::size_t, httplib::DataSink&) { return false; });
    return;
  }
  res.set_content_provider(body->size(), type,
                           [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             sink.write(body->data() + offset, length);
                             return false;
                           });
}

// The request is answered whole (200): httplib's file handler looks at the header, the
// answer writer at the parsed ranges. The request object is httplib's own, handed as const.
void ignore_ranges(const httplib::Request& req) {
  auto& own = const_cast<httplib::Request&>(req);
  own.ranges.clear();
  own.headers.erase("Range");
}

bool is_urlencoded(const httplib::Request& req) {
  return req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0;
}

enum class BodyRead { ok, too_large, malformed };

// Reads the announced body into `req` as httplib's own reader would (form parameters, multipart
// parts), counting every byte whatever the framing (SEC-5: chunked bodies had no limit).
BodyRead read_body(const httplib::Request& req, const httplib::ContentReader& reader,
                   std::size_t limit) {
  auto& own = const_cast<httplib::Request&>(req);
  guard::BodyBudget budget(limit);
  bool ok = false;
  if (req.is_multipart_form_data()) {
    auto part = own.files.end();
    ok = reader(
        [&](const httplib::MultipartFormData& header) {
          part = own.files.emplace(header.name, header);
          return budget.take(header.name.size() + header.filename.size());
        },
        [&](const char* data, std::size_t n) {
          if (!budget.take(n) || part == own.files.end()) return false;
          part->second.content.append(data, n);
          return true;
        });
  } else {
    ok = reader([&](const char* data, std::size_t n) {
      if (!budget.take(n)) return false;
      own.body.append(data, n);
      return true;
    });
    if (ok && is_urlencoded(req)) httplib::detail::parse_query_text(own.body, own.params);
  }
  if (budget.exceeded()) return BodyRead::too_large;
  return ok ? BodyRead::ok : BodyRead::malformed;
}

// The first text of the request that may not be stored (SEC-5): query and form parameters,
// multipart fields and file names, the JSON body of the API. File contents are the use case's.
std::optional<guard::Refusal> text_problem(const httplib::Request& req) {
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

void refuse(Web& web, const httplib::Request& req, httplib::Response& res, const PageCtx* ctx,
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
  if (r.close) close_after(req, res);
}

std::size_t body_limit(const Web& web) {
  return web.config().max_upload_bytes + kFormEnvelope;
}

guard::Refusal too_large_refusal(const Web& web, bool close) {
  const std::string message = web.upload_limit_message();
  return {413, message, {{"file", message}}, close};
}

// A declared length over the limit. A signed-in person's too large file (a 12 Mo scan) is read
// and dropped by httplib's transport limit, without being kept, so that the browser shows the
// French page rather than a reset connection; a stranger's body, or an absurd length, is not
// read at all and the connection closes.
void refuse_declared_too_large(Web& web, const httplib::Request& req, httplib::Response& res,
                               const PageCtx* ctx, bool signed_in) {
  auto length = guard::declared_length(framing_of(req));
  const bool drain = signed_in && length && *length <= kMaxDrainedUploads * body_limit(web);
  if (drain) (*tl_body.reader)([](const char*, std::size_t) { return true; });
  refuse(web, req, res, ctx, too_large_refusal(web, !drain));
}

// Reads the body the route takes, once the caller has checked the sign-in (`signed_in`: a
// session or an API token), then checks every text of the request (SEC-5). False when it
// answered a refusal.
bool accept_input(Web& web, const httplib::Request& req, httplib::Response& res, const PageCtx* ctx,
                  bool signed_in) {
  if (tl_body.reader && !tl_body.read) {
    tl_body.read = true;
    const guard::Framing framing = framing_of(req);
    if (guard::declared_too_large(framing, body_limit(web))) {
      refuse_declared_too_large(web, req, res, ctx, signed_in);
      return false;
    }
    BodyRead read = guard::announces_body(framing)
                        ? read_body(req, *tl_body.reader, body_limit(web))
                        : BodyRead::ok;
    if (read == BodyRead::too_large) {
      refuse(web, req, res, ctx, too_large_refusal(web, true));
      return false;
    }
    if (read == BodyRead::malformed) {
      refuse(web, req, res, ctx,
             {400, "Le corps de la requête est incomplet ou mal formé.", {}, true});
      return false;
    }
  }
  if (auto r = text_problem(req)) {
    refuse(web, req, res, ctx, *r);
    return false;
  }
  return true;
}

// The database cannot say whether the session exists (SEC-5): the person keeps it, and is told
// to come back in a moment; never sent to the sign-in page, never 401 for the API.
void outage(Web& web, const httplib::Request& req, httplib::Response& res) {
  res.set_header("Retry-After", "5");
  if (is_api(req))
    Web::api_error(res, unavailable(kOutage));
  else
    web.error_page(res, nullptr, 503, kOutage);
}

void start_request(const httplib::Request& req) {
  tl_path = req.path;
  tl_start = std::chrono::steady_clock::now();
  tl_route = "(statique ou inconnue)";
  tl_user = 0;
  tl_observed = false;
  tl_body = {};
}

// Framing and path checks of SEC-5 (request_guard.h); true when it answered the refusal. Under
// `Expect: 100-continue` a declared length over the limit is refused too: the body never comes.
bool refuse_at_edge(Web& web, const httplib::Request& req, httplib::Response& res,
                    bool expecting_continue) {
  const guard::Framing framing = framing_of(req);
  std::optional<guard::Refusal> r = guard::check_framing(framing);
  if (!r && guard::text_fault(req.path) != guard::TextFault::none)
    r = guard::Refusal{400,
                       "Requête refusée : l’adresse demandée n’est pas de l’UTF-8 valide.",
                       {},
                       guard::announces_body(framing)};
  if (!r && expecting_continue && guard::declared_too_large(framing, body_limit(web)))
    r = too_large_refusal(web, true);
  if (!r) return false;
  refuse(web, req, res, nullptr, *r);
  return true;
}

}  // namespace

std::string cookie(const httplib::Request& req, const std::string& name) {
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

Id id_param(const httplib::Request& req, int index) {
  if (static_cast<int>(req.matches.size()) <= index) return 0;
  const std::string s = req.matches[index];
  if (s.empty() || s.size() > 18) return 0;
  return std::stoll(s);
}

std::string form(const httplib::Request& req, const std::string& name) {
  if (req.has_param(name.c_str())) return req.get_param_value(name.c_str());
  if (req.has_file(name.c_str())) return req.get_file_value(name.c_str()).content;
  return {};
}

Web::Web(Services services, WebConfig config)
    : services_(services), config_(std::move(config)), templates_(config_.web_root + "/templates") {
  install_hooks();
}

void Web::install_hooks() {
  server_.set_payload_max_length(config_.max_upload_bytes + kFormEnvelope);
  // Small answers leave at once (no Nagle/delayed-ACK stall of ~40 ms per request).
  server_.set_tcp_nodelay(true);
  server_.set_keep_alive_timeout(2);
  // Static files carry no personal data: browsers may keep them (vendor files change only
  // with an upgrade, the theme with a release).
  server_.set_mount_point("/static", config_.web_root + "/static",
                          {{"Cache-Control", "public, max-age=600"}});
  const httplib::Headers vendor = {{"Cache-Control", "public, max-age=86400"}};
  server_.set_mount_point("/static/vendor/bootstrap", config_.assets_root + "/bootstrap/dist",
                          vendor);
  server_.set_mount_point("/static/vendor/bootstrap-icons",
                          config_.assets_root + "/bootstrap-icons/font", vendor);
  // The QR decoder of /emargement/scanner when the browser has no BarcodeDetector (iPhone).
  server_.set_mount_point("/static/vendor/jsqr", config_.assets_root + "/jsqr/dist", vendor);
  // SEC-5: security headers on every answer.
  server_.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "same-origin"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "geolocation=(), microphone=(), payment=()"},
  });
  // SEC-5: requests are judged on their headers, before a byte of their body is read.
  server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    start_request(req);
    if (!guard::serve_ranges(req.ranges.size())) ignore_ranges(req);
    return refuse_at_edge(*this, req, res, false) ? httplib::Server::HandlerResponse::Handled
                                                  : httplib::Server::HandlerResponse::Unhandled;
  });
  // `Expect: 100-continue` is answered before the pre-routing hook: a body refused on its
  // headers is refused there, and never sent.
  server_.set_expect_100_continue_handler(
      [this](const httplib::Request& req, httplib::Response& res) {
        start_request(req);
        return refuse_at_edge(*this, req, res, true) ? res.status : 100;
      });
  server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - tl_start).count();
    if (!tl_observed) metrics_.observe(req.method, tl_route, res.status, seconds);
    // One JSON line per request; the route pattern, never the path, so no personal data.
    nlohmann::json line = {{"ts", std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count()},
                           {"method", req.method},
                           {"route", tl_route},
                           {"status", res.status},
                           {"ms", std::round(seconds * 100000.0) / 100.0},
                           {"user", tl_user}};
    if (config_.access_log)
      access_logger()->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  });
  server_.set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "exception inconnue";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "erreur interne sur %s %s : %s\n", req.method.c_str(),
                     tl_route.c_str(), what.c_str());
        res.status = 500;
        res.body.clear();
        if (req.path.rfind("/api/", 0) == 0)
          api_error(res, unavailable("Erreur interne du serveur. L’incident a été journalisé."));
        else
          error_page(res, nullptr, 500);
        // A body the failed handler never read must not be taken for the next request.
        if (tl_body.reader && !tl_body.read && guard::announces_body(framing_of(req)))
          close_after(req, res);
        tl_body = {};
      });
  server_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (answered(res)) return httplib::Server::HandlerResponse::Unhandled;
        // The body went over the transport limit (set_payload_max_length): never read.
        if (res.status == 413) {
          too_large(req, res);
          return httplib::Server::HandlerResponse::Handled;
        }
        if (req.path.rfind("/api/", 0) == 0) {
          api_error(res, res.status == 404 ? not_found("Ressource introuvable.")
                                           : invalid("Requête refusée."));
        } else {
          error_page(res, nullptr, res.status);
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
}

void Web::add(const std::string& method, const std::string& pattern, httplib::Server::Handler h) {
  // Metrics are recorded before the answer leaves, so a client's next request sees them.
  auto wrapped = [this, pattern, h](const httplib::Request& req, httplib::Response& res) {
    tl_route = pattern;
    h(req, res);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - tl_start).count();
    metrics_.observe(req.method, pattern, res.status == -1 ? 200 : res.status, seconds);
    tl_observed = true;
  };
  if (method == "GET") {
    server_.Get(pattern, wrapped);
    return;
  }
  // Routes that take a body read it only when the wrapper asks (accept_input); a body never
  // asked for is never read, and the connection ends with the answer.
  auto with_body = [wrapped](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& reader) {
    tl_body = PendingBody{&reader, false};
    wrapped(req, res);
    if (!tl_body.read && guard::announces_body(framing_of(req))) close_after(req, res);
    tl_body = {};
  };
  if (method == "POST")
    server_.Post(pattern, with_body);
  else if (method == "PUT")
    server_.Put(pattern, with_body);
  else if (method == "PATCH")
    server_.Patch(pattern, with_body);
  else if (method == "DELETE")
    server_.Delete(pattern, with_body);
  else
    throw std::logic_error("unsupported method " + method);
}

bool Web::csrf_ok(const httplib::Request& req, const std::string& expected) const {
  std::string given = req.get_header_value("X-CSRF-Token");
  if (given.empty()) given = form(req, "csrf_token");
  return same_secret(given, expected);
}

void Web::page(const std::string& method, const std::string& pattern, PageFn fn) {
  add(method, pattern, [this, method, fn](const httplib::Request& req, httplib::Response& res) {
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
      auto decoded = httplib::detail::decode_url(flash, true);
      auto bar = decoded.find('|');
      if (bar != std::string::npos) {
        ctx.flash_kind = decoded.substr(0, bar);
        ctx.flash_text = decoded.substr(bar + 1);
      }
      res.set_header("Set-Cookie",
                     cookie_header(kFlashCookie, "", config_.secure_cookies, "; Max-Age=0"));
    }
    if (!accept_input(*this, req, res, &ctx, true)) return;
    if (is_write(method) && !csrf_ok(req, ctx.csrf_token)) {
      error_page(res, &ctx, 403,
                 "Le formulaire a expiré ou ne provient pas de Parcours. Rechargez la page et "
                 "réessayez.");
      return;
    }
    fn(req, res, ctx);
  });
}

std::string Web::csrf_for_anonymous(const httplib::Request& req, httplib::Response& res) {
  std::string t = cookie(req, kCsrfCookie);
  if (t.size() < 20) {
    t = random_token();
    res.set_header("Set-Cookie", cookie_header(kCsrfCookie, t, config_.secure_cookies, ""));
  }
  return t;
}

void Web::public_page(const std::string& method, const std::string& pattern, PublicFn fn) {
  add(method, pattern, [this, method, fn](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    if (!accept_input(*this, req, res, nullptr, false)) return;
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
  add(method, pattern, [this, fn](const httplib::Request& req, httplib::Response& res) {
    if (accept_input(*this, req, res, nullptr, false)) fn(req, res);
  });
}

void Web::api(const std::string& method, const std::string& pattern, ApiFn fn) {
  api_routes_.push_back({method, pattern});
  add(method, pattern, [this, method, fn](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) {
      auto actor = services_.auth.api_actor(auth.substr(7));
      if (!actor.ok() && actor.error().code != ErrorCode::not_found) return outage(*this, req, res);
      if (!actor.ok()) {
        res.set_header("WWW-Authenticate", "Bearer");
        json(res, {{"error", "unauthorized"}, {"message", actor.error().message}}, 401);
        return;
      }
      tl_user = actor->user.id;
      actor->remote_addr = client_address(req);  // for the audit trail (SEC-2)
      if (accept_input(*this, req, res, nullptr, true)) fn(req, res, *actor);
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
    if (!accept_input(*this, req, res, nullptr, true)) return;
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
  nlohmann::json v = {
      {"title", title}, {"signed_in", ctx != nullptr}, {"flashes", nlohmann::json::array()}};
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

void Web::render(httplib::Response& res, const PageCtx* ctx, const std::string& title,
                 const std::string& tpl, nlohmann::json view, int status) {
  if (ctx && !view.contains("csrf_token")) view["csrf_token"] = ctx->csrf_token;
  auto page = layout(ctx, title);
  page["body"] = templates_.render(tpl, view);
  res.status = status;
  res.set_content(templates_.render("layout", page), "text/html; charset=utf-8");
}

void Web::error_page(httplib::Response& res, const PageCtx* ctx, int status,
                     const std::string& message) {
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

std::string Web::client_address(const httplib::Request& req) const {
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

void Web::fail(httplib::Response& res, PageCtx& ctx, const Error& e) {
  error_page(res, &ctx, status_of(e.code), e.message);
}

void Web::redirect(httplib::Response& res, const std::string& url, const std::string& flash,
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

void Web::too_large(const httplib::Request& req, httplib::Response& res) {
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

void Web::json(httplib::Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  // SEC-5: text that is not UTF-8 (stored before the edge refused it) is replaced by U+FFFD
  // rather than failing the whole answer.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void Web::api_error(httplib::Response& res, const Error& e) {
  nlohmann::json details = nlohmann::json::array();
  for (const auto& d : e.details) details.push_back({{"field", d.field}, {"message", d.message}});
  json(res, {{"error", error_code_name(e.code)}, {"message", e.message}, {"details", details}},
       status_of(e.code));
}

namespace {

// Registered last: a body sent where no route takes one is refused unread (httplib would read it
// whole, chunked without limit, before answering 404).
void add_unknown_routes(Web& web) {
  auto unknown = [&web](const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader&) {
    res.set_header("Cache-Control", "no-store");
    if (is_api(req))
      Web::api_error(res, not_found("Ressource introuvable."));
    else
      web.error_page(res, nullptr, 404);
    if (guard::announces_body(framing_of(req))) close_after(req, res);
  };
  web.server().Post(".*", unknown);
  web.server().Put(".*", unknown);
  web.server().Patch(".*", unknown);
  web.server().Delete(".*", unknown);
}

}  // namespace

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
  add_unknown_routes(*web);
  return web;
}

}  // namespace parcours::http
