// Prometheus text metrics: requests by route and status, latency histogram by route.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace parcours::http {

// Who may read /metrics (SEC-5): a bearer token, and/or requests from the loopback interface
// that did not come through a proxy. Neither set: /metrics answers 404.
struct MetricsAccess {
  std::string token;
  bool allow_loopback = false;
};

class Metrics {
 public:
  void set_access(MetricsAccess a);
  MetricsAccess access() const;

  void observe(const std::string& method, const std::string& route, int status, double seconds);
  // Text exposition format 0.0.4; `extra` is appended verbatim (pool gauges…).
  std::string render(const std::string& extra) const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  0.5,  1.0};
  struct Histogram {
    std::array<long long, kBuckets.size()> counts{};
    long long total = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  MetricsAccess access_;
  std::map<std::string, long long> requests_;  // labels → count
  std::map<std::string, Histogram> latency_;   // labels → histogram
};

}  // namespace parcours::http
