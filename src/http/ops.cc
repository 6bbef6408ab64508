// Operations endpoints: /healthz, /metrics (Prometheus), /api/v1/openapi.json.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "http/web.h"

namespace parcours::http {

void add_ops(Web& web) {
  web.raw("GET", "/healthz", [&web](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto s = web.services().store.ping();
    if (s.ok()) {
      res.set_content("ok\n", "text/plain; charset=utf-8");
    } else {
      res.status = 503;
      res.set_content("base de données indisponible\n", "text/plain; charset=utf-8");
    }
  });
  web.raw("GET", "/metrics", [&web](const httplib::Request&, httplib::Response& res) {
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
  web.raw("GET", "/api/v1/openapi.json", [&web](const httplib::Request&, httplib::Response& res) {
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
