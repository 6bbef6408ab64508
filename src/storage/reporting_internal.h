// The SOCI reporting repository (app/reporting_port.h), split over reporting_hours.cc (hours,
// billable sessions) and reporting_records.cc (statements, deadlines, people, staff, alerts).
#pragma once

#include <soci/soci.h>

#include "app/ports.h"
#include "storage/row_util.h"

namespace parcours::storage {

class SqlReportingRepository final : public ReportingRepository {
 public:
  explicit SqlReportingRepository(soci::session& sql) : sql_(sql) {}

  std::vector<LotHours> lot_hours(const ReportScope& scope, Date as_of) override;
  std::vector<DayHours> daily_hours(const ReportScope& scope, Date to) override;
  std::vector<BillableSession> billable_sessions(Id lot_id, Date from, Date to) override;
  std::vector<AuthorisationWindow> authorisations_of(const std::vector<Id>& user_ids) override;

  Id insert_statement(const Statement& s) override;
  Id insert_statement_line(const StatementLine& l) override;
  std::optional<Statement> find_statement(Id id) override;
  std::vector<Statement> statements_of(Id lot_id) override;
  std::vector<StatementLine> statement_lines(Id statement_id) override;
  std::vector<StatementLine> issued_lines(Id lot_id, const std::string& month) override;
  int last_sequence(Id lot_id, const std::string& month) override;

  std::vector<DeadlineFact> deadline_facts(const ReportScope& scope, Instant from,
                                           Instant to) override;
  std::optional<DeadlineFact> deadline_fact(Id deadline_id) override;
  std::vector<PrescriptionFact> prescription_facts(const ReportScope& scope, Instant from,
                                                   Instant to) override;

  std::vector<LotIntervenant> lot_intervenants(const ReportScope& scope, Date from,
                                               Date to) override;
  Id insert_replacement(const StaffReplacement& r) override;
  void update_replacement(const StaffReplacement& r) override;
  std::optional<StaffReplacement> find_replacement(Id id) override;
  std::vector<StaffReplacement> replacements_of(const std::vector<Id>& provider_ids) override;

  bool alert_sent(Id lot_id, const std::string& modality, int level,
                  long long volume_hours) override;
  void record_alert(Id lot_id, const std::string& modality, int level, long long volume_hours,
                    Instant at) override;

 private:
  soci::session& sql_;
};

// "a.lot_id IN (:<prefix>lot0, …) [AND a.spip_id = :<prefix>spip]", binding the values.
std::string scope_filter(const std::string& alias, const std::string& prefix,
                         const ReportScope& scope, Params& params);

}  // namespace parcours::storage
