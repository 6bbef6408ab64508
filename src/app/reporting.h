// Contract execution for the DISP, the providers and the SPIPs (SPEC ORG-3, ORG-4, INV-1,
// INV-2, DL-3, REP-1..4): the lot dashboard, monthly statements, deadline compliance, equal
// access, staff, the provider synthesis and the COPIL pack.
//
// Who sees what (SEC-1, issue 5): a DISP contract manager every lot of the DISP's contracts;
// a provider coordinator only the lots its organisation holds; a SPIP manager the lots
// covering the SPIP, counting only the SPIP's own people. Nobody else. DISP figures never
// name a person: late deadlines show the case number and initials.
//
// Every report is computed for an "as of" date (figures "arrêtées au…": events dated on or
// before it, decisions taken by the end of that day) and a period, and comes out as a
// ReportDocument (app/reports.h) shown on pages, exported as CSV / XLSX, printed as PDF.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/programmes.h"
#include "app/reports.h"
#include "domain/statement.h"

namespace parcours {

struct ReportPeriod {
  Date from{};
  Date to{};
  Date as_of{};
};

// Who asks, and the lots and SPIP the figures cover.
struct ReportAudience {
  enum class Kind { disp, provider, spip };
  Kind kind = Kind::disp;
  std::vector<Lot> lots;  // by contract then number
  Id spip_id = 0;         // SPIP audience: its own people only
  std::string label;      // "DISP de Dijon", "Association Trajectoires", "SPIP du Cher"
  bool names_people() const { return kind != Kind::disp; }
};

// The filters a report page offers (0 / "" = all).
struct ReportFilter {
  Id lot_id = 0;
  Id spip_id = 0;
  Id provider_id = 0;
  std::string rule_id;  // DL-3: one kind of deadline
  std::string month;    // DL-3: "2025-05", deadlines due that month
};

// One deadline of the compliance drill-down (DL-3).
struct DeadlineDetail {
  DeadlineFact fact;
  std::string kind_label;
  std::string person_label;  // full name, or "Dossier n° 42 (J. D.)" for the DISP
  std::string provider_name;
  std::string spip_name;
  std::string lot_label;
  std::string outcome_label;   // "Tenue dans le délai", "Tenue en retard", "En retard, non tenue"
  int days_late = 0;           // jours ouvrés between due and met (or the as-of day)
  bool can_open_case = false;  // provider or SPIP: link to the case page
};

struct StatementView {
  Statement statement;  // id 0 while a preview
  Lot lot;
  Contract contract;
  std::string provider_name;
  std::vector<StatementLine> lines;
  std::vector<Statement> issued;  // of the same lot and month, by sequence
  bool preview = true;
  bool can_issue = false;        // a preview with something to issue, by the DISP or the provider
  std::string nothing_to_issue;  // why a preview has no line to issue
};

struct StatementSummary {
  Lot lot;
  std::vector<Statement> statements;  // newest month first
};

class ReportingService {
 public:
  ReportingService(Store& store, const Clock& clock, const Programmes& programmes);

  // The audience of the actor; `forbidden` for anyone else (journaled).
  Result<ReportAudience> audience(const Actor& a);
  // Default period: from the first day of the as-of year to the as-of day (today).
  ReportPeriod default_period() const;
  // Checks a period typed by someone (from ≤ to, as_of given, not too far).
  Status check_period(const ReportPeriod& p) const;

  // ORG-3, INV-2: volumes, hours prescribed / validated / done, monthly consumption, forecast
  // exhaustion, alerts.
  Result<ReportDocument> dashboard(const Actor& a, const ReportPeriod& p);
  // DL-3: shares met on time by kind, provider, lot, SPIP and month; the late ones listed.
  Result<ReportDocument> compliance(const Actor& a, const ReportPeriod& p,
                                    const ReportFilter& f = {});
  Result<DeadlineDetail> deadline(const Actor& a, Id deadline_id, const ReportPeriod& p);
  // REP-2: prescriptions and people followed by sex, age band, qualification.
  Result<ReportDocument> equal_access(const Actor& a, const ReportPeriod& p);
  // ORG-4: psychologist share per lot, replacements, substitutes.
  Result<ReportDocument> staff(const Actor& a, const ReportPeriod& p);
  // REP-3: programmes by state and end reason, hours done against validated.
  Result<ReportDocument> synthesis(const Actor& a, const ReportPeriod& p);
  // REP-4: every table and chart above in one document (XLSX: one sheet per table).
  Result<ReportDocument> copil_pack(const Actor& a, const ReportPeriod& p);

  // INV-1 monthly statements ("2025-05").
  Result<std::vector<StatementSummary>> statements(const Actor& a);
  Result<StatementView> statement_preview(const Actor& a, Id lot_id, const std::string& month);
  // Issues the statement of the month, or the rectifying statement of what changed since;
  // numbered, never changed afterwards.
  Result<Statement> issue_statement(const Actor& a, Id lot_id, const std::string& month);
  Result<StatementView> issued_statement(const Actor& a, Id statement_id);
  ReportDocument statement_document(const StatementView& v) const;

  // ORG-4: the provider coordinator records an absence or departure, then the replacement.
  Result<Id> record_absence(const Actor& a, StaffReplacement r);
  Status record_replacement(const Actor& a, Id replacement_id, Id replacement_user_id,
                            Date replaced_on);
  // Absences and departures of the actor's provider not yet replaced (forms).
  Result<std::vector<StaffReplacement>> open_absences(const Actor& a);
  // Intervenants of the actor's provider (forms).
  Result<std::vector<User>> provider_intervenants(const Actor& a);

  // INV-2: sends the 80 % / 100 % alerts due on `as_of` to the DISP's contract managers and
  // the lot provider's coordinators, once per lot, modality, level and volume. Returns how
  // many alerts were sent. Run by the server's worker and `parcours mail digest`.
  Result<int> send_volume_alerts(Date as_of);

 private:
  template <typename Blocks>
  Result<ReportDocument> report(const Actor& a, const ReportPeriod& p, const char* action,
                                const std::string& title, Blocks&& blocks);
  Store& store_;
  const Clock& clock_;
  const Programmes& programmes_;
};

}  // namespace parcours
