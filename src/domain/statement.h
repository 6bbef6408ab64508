// The monthly statement of a lot (SPEC INV-1): sessions held in the month, from attendance,
// hours × the lot's unit price per modality, with control flags. An issued statement never
// changes; a later difference (an attendance recorded late, a session corrected) is issued as
// a rectifying statement whose lines reference the lines they correct.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/types.h"

namespace parcours {

// SPEC INV-1 control flags of a statement line (stored as a comma-separated list).
inline constexpr const char* kFlagNoScan = "no_scan";  // no signed attendance sheet uploaded
// The intervenant had no access authorisation to the establishment on that date (ORG-4).
inline constexpr const char* kFlagNoAuthorisation = "no_authorisation";
// Held outside a validated programme (individual session before the SPIP validated the
// proposal, workshop session whose list the SPIP had not validated).
inline constexpr const char* kFlagOutsideProgramme = "outside_programme";
const char* statement_flag_label(const std::string& flag);  // French

// SPEC INV-1: a session held within a validated programme: its programme (individual) or its
// workshop list (collective) was validated by the SPIP before the session started. The first
// interview comes before any programme (PPAIP-4, PPAIP-6) and is always within.
bool within_validated_programme(const std::string& session_kind,
                                std::optional<Instant> validated_at, Instant session_start);
std::vector<std::string> split_flags(const std::string& flags);

struct StatementLine {
  Id id = 0;
  Id statement_id = 0;
  int line_no = 0;
  std::string modality;  // "individual" (interview) or "collective" (workshop session)
  Id source_id = 0;      // sessions.id or workshop_sessions.id
  Date date{};
  int start_minute = 0;
  std::string label;  // person ("DUPONT Jean") or workshop ("CV et lettre — séance 2")
  Id intervenant_id = 0;
  std::string intervenant_name;
  long long minutes = 0;  // negative on a correction that takes hours back
  long long unit_price_cents = 0;
  long long amount_cents = 0;
  std::string flags;
  Id corrects_line_id = 0;  // the issued line this one corrects (0: none)
};

struct Statement {
  Id id = 0;
  Id lot_id = 0;
  std::string period_month;  // "2025-05"
  int sequence = 1;          // 1: the statement; 2, 3…: rectifying statements
  std::string number;        // "DISP21-PPAIP-L1-2025-05-1"
  Instant issued_at{};
  Id issued_by = 0;
  long long individual_minutes = 0;
  long long collective_minutes = 0;
  long long individual_cents = 0;
  long long collective_cents = 0;
  int flagged_lines = 0;
  long long total_cents() const { return individual_cents + collective_cents; }
};

// "DISP21-PPAIP-L1-2025-05-1"
std::string statement_number(const std::string& contract_reference, int lot_number,
                             const std::string& period_month, int sequence);

// SPEC INV-1: the lines to issue now, given the month's billable lines computed today
// (`current`, line_no/ids unset) and every line already issued for that lot and month
// (`issued`, all sequences). Nothing issued yet: `current` as is. Otherwise only the
// differences: for each session whose minutes, price or flags changed, a line carrying the
// difference (minutes and amount) that references the last issued line of that session; a
// session no longer billable gets a line taking back what was issued; a session billed for
// the first time gets a plain line. Empty when nothing changed. Lines are numbered from 1.
std::vector<StatementLine> lines_to_issue(const std::vector<StatementLine>& current,
                                          const std::vector<StatementLine>& issued);

// Totals of a set of lines, into the statement's totals fields.
void total_statement(Statement& s, const std::vector<StatementLine>& lines);

// "2025-05" → (2025, 5); false when malformed.
bool parse_period_month(const std::string& text, int& year, int& month);
Date period_first_day(int year, int month);
Date period_last_day(int year, int month);

}  // namespace parcours
