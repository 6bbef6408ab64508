// Operations endpoints: /healthz, /readyz, /metrics (Prometheus), /api/v1/openapi.json.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "app/secrets.h"
#include "http/web.h"

namespace parcours::http {
namespace {

bool is_loopback(const std::string& addr) {
  return addr == "::1" || addr.rfind("127.", 0) == 0 || addr.rfind("::ffff:127.", 0) == 0;
}

// SEC-5: the bearer token configured for /metrics, or the loopback interface when allowed and
// the request did not come through a proxy (which connects from loopback itself).
bool metrics_allowed(const MetricsAccess& access, const Request& req) {
  const std::string auth = req.get_header_value("Authorization");
  if (!access.token.empty() && auth.rfind("Bearer ", 0) == 0 &&
      same_secret(auth.substr(7), access.token))
    return true;
  return access.allow_loopback && is_loopback(req.remote_addr) &&
         !req.has_header("X-Forwarded-For") && !req.has_header("Forwarded");
}

}  // namespace

void add_ops(Web& web) {
  // Liveness (OPS-3): the process serves. It never waits for the database, so that a busy
  // pool or a database being restarted does not get a live server killed by its supervisor.
  web.raw("GET", "/healthz", [](const Request&, Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content("ok\n", "text/plain; charset=utf-8");
  });
  // Readiness (OPS-3): the database answers and its schema is up to date; a load balancer
  // sends nothing here otherwise.
  web.raw("GET", "/readyz", [&web](const Request&, Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto s = web.services().store.ping();
    if (s.ok()) return res.set_content("ok\n", "text/plain; charset=utf-8");
    res.status = 503;
    res.set_header("Retry-After", "5");
    // The backend's own message may name a host or a file: only the schema's is shown.
    res.set_content((s.error().code == ErrorCode::conflict ? s.error().message
                                                           : "base de données indisponible") +
                        std::string("\n"),
                    "text/plain; charset=utf-8");
  });
  web.raw("GET", "/metrics", [&web](const Request& req, Response& res) {
    res.set_header("Cache-Control", "no-store");
    const MetricsAccess access = web.metrics().access();
    if (!metrics_allowed(access, req)) {
      res.status = access.token.empty() ? 404 : 401;
      if (res.status == 401) res.set_header("WWW-Authenticate", "Bearer");
      res.set_content(res.status == 401 ? "authentification requise\n" : "page introuvable\n",
                      "text/plain; charset=utf-8");
      return;
    }
    auto pool = web.services().store.pool_stats();
    std::string extra = fmt::format(
        "# HELP parcours_db_pool_connections Database connections in the pool.\n"
        "# TYPE parcours_db_pool_connections gauge\n"
        "parcours_db_pool_connections{{backend=\"{0}\"}} {1}\n"
        "# HELP parcours_db_pool_in_use Database connections lent out now.\n"
        "# TYPE parcours_db_pool_in_use gauge\n"
        "parcours_db_pool_in_use{{backend=\"{0}\"}} {2}\n",
        web.services().store.backend(), pool.size, pool.in_use);
    res.set_content(web.metrics().render(extra), "text/plain; version=0.0.4; charset=utf-8");
  });
  web.raw("GET", "/api/v1/openapi.json", [&web](const Request&, Response& res) {
    std::ifstream in(web.config().openapi_file);
    if (!in) {
      res.status = 404;
      return;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    res.set_content(ss.str(), "application/json; charset=utf-8");
  });
}

}  // namespace parcours::http
