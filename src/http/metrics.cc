#include "http/metrics.h"

#include <fmt/format.h>

namespace parcours::http {
namespace {

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  const std::string route_labels =
      fmt::format("method=\"{}\",route=\"{}\"", escape_label(method), escape_label(route));
  std::lock_guard lock(mu_);
  ++requests_[fmt::format("{},status=\"{}\"", route_labels, status)];
  auto& h = latency_[route_labels];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.total;
  h.sum += seconds;
}

std::string Metrics::render(const std::string& extra) const {
  std::string out;
  out += "# HELP parcours_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE parcours_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [labels, n] : requests_)
    out += fmt::format("parcours_http_requests_total{{{}}} {}\n", labels, n);
  out += "# HELP parcours_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE parcours_http_request_duration_seconds histogram\n";
  for (const auto& [labels, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("parcours_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, kBuckets[i], h.counts[i]);
    out += fmt::format("parcours_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, h.total);
    out += fmt::format("parcours_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
    out += fmt::format("parcours_http_request_duration_seconds_count{{{}}} {}\n", labels, h.total);
  }
  return out + extra;
}

void Metrics::set_access(MetricsAccess a) {
  std::lock_guard lock(mu_);
  access_ = std::move(a);
}

MetricsAccess Metrics::access() const {
  std::lock_guard lock(mu_);
  return access_;
}

}  // namespace parcours::http
