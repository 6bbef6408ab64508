// Shared by the report pages and the report API (http/report_pages.cc, http/report_api.cc).
#pragma once

#include <nlohmann/json.hpp>
#include "http/message.h"

#include "app/reporting.h"
#include "http/web.h"

namespace parcours::http {

// The period of a request (?arrete=AAAA-MM-JJ&du=…&au=…), the service's default for what is
// missing (from 1 January of the as-of year, to the as-of day); French errors.
Result<ReportPeriod> report_period(Web& web, const Request& req);

// A report as JSON: header, facts, tables (cells with text and typed value) and charts.
nlohmann::json report_json(const ReportDocument& d);

}  // namespace parcours::http
