// Collective workshops (SPEC WS-1..3) and the records of their sessions and participants.
//
// The numbers (2–30 h, groups of 4–6, never more than 6) and the catalogue of themes come from
// the programme configuration (domain/programme.h); these are the records and the pure checks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/programme.h"
#include "domain/types.h"

namespace parcours {

// WS-1: a workshop of a provider for the people of one SPIP, on one site.
struct Workshop {
  Id id = 0;
  std::string programme_id = "ppaip";
  Id provider_id = 0;
  Id lot_id = 0;
  Id spip_id = 0;
  Id site_id = 0;     // establishment or SPIP antenna (0: provider premises)
  std::string theme;  // workshop_themes id of the configuration
  std::string title;  // "à la carte" wording, or a precision of the theme
  std::string description;
  Id intervenant_id = 0;
  std::string external_professionals;  // "Mme Roux, conseillère France Travail"
  Id place_id = 0;
  std::string place_label;
  // WS-3: the SPIP validates the list of participants (and the calendar).
  // "draft" (being built), "submitted" (awaiting the SPIP), "validated".
  std::string list_status = "draft";
  std::string list_comment;  // the SPIP's comment on its decision
  Id list_decided_by = 0;
  std::optional<Instant> list_decided_at;
  std::string status = "planned";  // "planned", "ended", "cancelled"
  Id created_by = 0;
  Instant created_at{};
};

// A numbered session of a workshop (WS-5: date, start, duration, number, place).
struct WorkshopSession {
  Id id = 0;
  Id workshop_id = 0;
  int number = 1;
  Date date{};
  int start_minute = 0;  // Europe/Paris
  int duration_minutes = 120;
  std::string status = "planned";  // "planned", "held" (attendance recorded), "cancelled"
  Id recorded_by = 0;
  std::optional<Instant> recorded_at;
};

// WS-3: a person registered on a workshop through a prescription covering workshops.
struct WorkshopParticipant {
  Id id = 0;
  Id workshop_id = 0;
  Id prescription_id = 0;
  Id person_id = 0;
  std::string status = "registered";  // "registered", "withdrawn"
  Id added_by = 0;
  Instant added_at{};
};

// Presence or absence of a participant at a workshop session.
struct WorkshopAttendance {
  Id id = 0;
  Id workshop_session_id = 0;
  Id participant_id = 0;
  bool present = true;
  std::string absence_reason;  // absence_reasons id when absent
  bool absence_justified = false;
  Id recorded_by = 0;
  Instant recorded_at{};
};

Instant workshop_session_start(const WorkshopSession& s);
Instant workshop_session_end(const WorkshopSession& s);
// Total planned duration of the sessions not cancelled, in hours.
double workshop_hours(const std::vector<WorkshopSession>& sessions);
// Registered (not withdrawn) participants.
int active_participants(const std::vector<WorkshopParticipant>& participants);

// Field checks of a workshop: theme of the configuration, intervenant, title for "à la carte".
Status validate_workshop(const ProgrammeConfig& config, const Workshop& w);
// Field checks of a session (date, time, duration 15 min – 8 h).
Status validate_workshop_session(const WorkshopSession& s);
// WS-2: total duration of the sessions within the configured bounds (2–30 h).
Status check_workshop_duration(const ProgrammeConfig& config,
                               const std::vector<WorkshopSession>& sessions);
// WS-3: the prescription's modality covers collective workshops and the case is still open.
Status check_workshop_prescription(const ProgrammeConfig& config, const std::string& modality,
                                   const std::string& state);

// ATT-2: printed codes of sessions. A code is a letter (E: individual interview, S: workshop
// session, A: workshop), a dash, six characters of an alphabet without look-alikes
// (no 0/O, 1/I/L) scrambled from the record id, and a check character: "E-7KQ4MPX".
// Reading accepts lower case, spaces and a missing dash; a typo fails the check.
std::string record_code(char letter, Id id);
struct DecodedCode {
  char letter = 0;
  Id id = 0;
};
std::optional<DecodedCode> decode_record_code(const std::string& typed);

}  // namespace parcours
