// Charts of the report pages as inline SVG (SPEC REP-1): drawn on the server, readable
// without JavaScript and when printed; each carries its title and a text description.
#pragma once

#include <string>

#include "app/reports.h"

namespace parcours::http {

// Grouped vertical bars, one group per category, one bar per series, with the y axis in the
// chart's unit and the optional dashed reference line. Every text is XML-escaped.
std::string chart_svg(const ReportChart& c);

}  // namespace parcours::http
