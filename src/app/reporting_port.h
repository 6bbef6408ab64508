// The reporting repository (SPEC INV-1, INV-2, DL-3, REP-1, REP-2, ORG-4): aggregate reads
// designed for the national dataset, and the few records of contract execution (statements,
// volume alerts, staff replacements). Part of Repos (app/ports.h).
//
// Scope: every read takes the lots it covers and, for a SPIP's own figures, the SPIP whose
// people count (spip_id 0: every SPIP of the lots). Dates are Europe/Paris calendar dates;
// instants are compared as stored (UTC).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/statement.h"
#include "domain/types.h"

namespace parcours {

struct ReportScope {
  std::vector<Id> lot_ids;
  Id spip_id = 0;
};

// SPEC INV-2: one lot's planned hours, as of a date (minutes).
struct LotHours {
  Id lot_id = 0;
  // Individual: hours of the latest proposal submitted by then (prescribed), of the latest
  // proposal validated by then (validated).
  long long individual_prescribed = 0;
  long long individual_validated = 0;
  // Collective: workshop hours planned (sessions not cancelled) of workshops created by
  // then, of those whose list was validated by then.
  long long collective_prescribed = 0;
  long long collective_validated = 0;
};

// SPEC INV-2: hours done in one lot on one day (minutes): interviews attended, workshop
// sessions held with one participant present at least. The dashboard derives its totals,
// months and pace from these rows: one pass over the sessions instead of one per figure.
struct DayHours {
  Id lot_id = 0;
  Date date{};
  long long individual_done = 0;
  long long collective_done = 0;
};

// SPEC INV-1: a session held in the month that the statement bills.
struct BillableSession {
  std::string modality;  // "individual" / "collective"
  Id source_id = 0;
  Date date{};
  int start_minute = 0;
  long long minutes = 0;
  std::string label;
  Id intervenant_id = 0;
  std::string intervenant_name;
  Id establishment_id = 0;   // where it was held when in prison (MF), else 0
  bool scanned = false;      // a signed attendance scan is stored
  std::string session_kind;  // individual: "first_interview", "individual"…; collective: ""
  // When the SPIP first validated the case's programme (individual) or the workshop's list
  // (collective, while it stays validated); empty when never.
  std::optional<Instant> validated_at;
};

// SPEC ORG-4: an intervenant's access authorisation window at one establishment.
struct AuthorisationWindow {
  Id user_id = 0;
  Id establishment_id = 0;
  std::optional<Date> granted_on;
  std::optional<Date> ends_on;
};

// SPEC DL-3: one deadline of a case in scope.
struct DeadlineFact {
  Id id = 0;
  Id prescription_id = 0;
  Id person_id = 0;
  std::string person_name;  // "DUPONT Jean"
  std::string rule_id;
  bool conditional = false;
  Instant due_at{};
  std::optional<Instant> met_at;
  std::optional<Instant> waived_at;
  Id provider_id = 0;
  Id lot_id = 0;
  Id spip_id = 0;
};

// SPEC REP-2: one prescription in scope with its person's profile.
struct PrescriptionFact {
  Id prescription_id = 0;
  Id person_id = 0;
  std::string sex;  // "F" / "M"
  Date birth_date{};
  std::string qualification;
  Id spip_id = 0;
  Id lot_id = 0;
  Instant prescribed_at{};
  std::optional<Instant> ended_at;
  std::string state;       // current state id (REP-3)
  std::string end_reason;  // end_reasons id, "" while not ended
};

// SPEC ORG-4: an intervenant who worked on a lot in a period.
struct LotIntervenant {
  Id lot_id = 0;
  Id user_id = 0;
  std::string full_name;
  bool psychologist = false;
  long long minutes = 0;  // session time held in the period
};

// SPEC ORG-4: an absent or leaving intervenant and the replacement.
struct StaffReplacement {
  Id id = 0;
  Id provider_org_id = 0;
  Id user_id = 0;
  std::string reason;  // "departure" / "absence"
  Date from_on{};
  Id replacement_user_id = 0;
  std::optional<Date> replaced_on;
  std::string note;
  Id recorded_by = 0;
  Instant recorded_at{};
};

class ReportingRepository {
 public:
  virtual ~ReportingRepository() = default;

  virtual std::vector<LotHours> lot_hours(const ReportScope& scope, Date as_of) = 0;
  // Hours done per lot and day, sessions dated on or before `to`, by lot and date.
  virtual std::vector<DayHours> daily_hours(const ReportScope& scope, Date to) = 0;

  // INV-1: individual sessions attended and workshop sessions held (one present at least)
  // on the lot's cases and workshops, dated in [from, to], by date and start.
  virtual std::vector<BillableSession> billable_sessions(Id lot_id, Date from, Date to) = 0;
  virtual std::vector<AuthorisationWindow> authorisations_of(const std::vector<Id>& user_ids) = 0;

  virtual Id insert_statement(const Statement& s) = 0;
  virtual Id insert_statement_line(const StatementLine& l) = 0;
  virtual std::optional<Statement> find_statement(Id id) = 0;
  virtual std::vector<Statement> statements_of(Id lot_id) = 0;              // newest month first
  virtual std::vector<StatementLine> statement_lines(Id statement_id) = 0;  // by line_no
  // Every line issued for the lot and month, all sequences, by id.
  virtual std::vector<StatementLine> issued_lines(Id lot_id, const std::string& month) = 0;
  virtual int last_sequence(Id lot_id, const std::string& month) = 0;  // 0: none issued

  // DL-3: deadlines of the cases in scope due in [from, to].
  virtual std::vector<DeadlineFact> deadline_facts(const ReportScope& scope, Instant from,
                                                   Instant to) = 0;
  virtual std::optional<DeadlineFact> deadline_fact(Id deadline_id) = 0;
  // REP-2: prescriptions in scope made on or before `to` and not ended before `from`.
  virtual std::vector<PrescriptionFact> prescription_facts(const ReportScope& scope, Instant from,
                                                           Instant to) = 0;

  // ORG-4
  virtual std::vector<LotIntervenant> lot_intervenants(const ReportScope& scope, Date from,
                                                       Date to) = 0;
  virtual Id insert_replacement(const StaffReplacement& r) = 0;
  virtual void update_replacement(const StaffReplacement& r) = 0;
  virtual std::optional<StaffReplacement> find_replacement(Id id) = 0;
  virtual std::vector<StaffReplacement> replacements_of(const std::vector<Id>& provider_ids) = 0;

  // INV-2: true when this alert was already sent for this volume; recording is idempotent.
  virtual bool alert_sent(Id lot_id, const std::string& modality, int level,
                          long long volume_hours) = 0;
  virtual void record_alert(Id lot_id, const std::string& modality, int level,
                            long long volume_hours, Instant at) = 0;
};

}  // namespace parcours
