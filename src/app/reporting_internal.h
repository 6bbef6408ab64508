// Shared machinery of the reports (app/reporting_*.cc, app/statements.cc). Not a public
// interface.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/reporting.h"

namespace parcours::reporting_detail {

// SEC-1: the actor's audience; `forbidden` when the actor has none.
Result<ReportAudience> load_audience(Repos& r, const Actor& a);
// The audience's lots (all, or the one of the filter when it is one of them).
ReportScope scope_of(const ReportAudience& au, Id lot_id = 0);
const Lot* find_lot(const ReportAudience& au, Id lot_id);
// "Lot 1 — SPIP du Cher et SPIP de l’Indre"
std::string lot_label(const Lot& l);

// Names of organisations, loaded once per report.
class OrgNames {
 public:
  explicit OrgNames(Repos& r) : r_(r) {}
  const std::string& name(Id id);

 private:
  Repos& r_;
  std::map<Id, std::string> names_;
};

// "Arrêté au samedi 31 mai 2025 — période du 1er janvier 2025 au 31 mai 2025"
std::string period_label(const ReportPeriod& p);
// The header of a report: title, audience, period, edition day.
DocumentHeader report_header(Repos& r, const ReportAudience& au, const std::string& title,
                             const ReportPeriod& p, Instant now);
// Instants bounding the period's days in Europe/Paris: [start of `from`, end of `to`].
Instant period_start(const ReportPeriod& p);
Instant period_end(const ReportPeriod& p);
// "2025-05"
std::string month_key(Date d);
// Months from `from` to `to` inclusive, as keys.
std::vector<std::string> months_between(Date from, Date to);
std::string month_label(const std::string& key);  // "mai 2025"

// The report blocks, shared by the pages and the COPIL pack.
struct DashboardBlocks {
  std::vector<ReportTable> tables;
  std::vector<ReportChart> charts;
};
DashboardBlocks dashboard_blocks(Repos& r, const Programmes& programmes, const ReportAudience& au,
                                 const ReportPeriod& p);
DashboardBlocks compliance_blocks(Repos& r, const Programmes& programmes, const ReportAudience& au,
                                  const ReportPeriod& p, const ReportFilter& f);
DashboardBlocks equal_access_blocks(Repos& r, const ReportAudience& au, const ReportPeriod& p);
DashboardBlocks staff_blocks(Repos& r, const ReportAudience& au, const ReportPeriod& p);
DashboardBlocks synthesis_blocks(Repos& r, const Programmes& programmes, const ReportAudience& au,
                                 const ReportPeriod& p);

}  // namespace parcours::reporting_detail
