// Collective workshops (SPEC WS-1..3, WS-5 attendance, PPAIP-12 absences).
//
// The provider builds a workshop (theme agreed by the SPIP, intervenant, place, numbered
// sessions within 2–30 h), registers people whose prescription covers workshops (never more
// than 6), submits the list; the SPIP validates it; the intervenant records attendance per
// session. Unjustified absences feed the case's absence policy like individual sessions.
// Every use case is one transaction with its audit entry and notifications.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/journey.h"
#include "app/ports.h"
#include "app/programmes.h"

namespace parcours {

struct WorkshopInput {
  std::string programme_id;  // "": the programme that offers workshops
  Id spip_id = 0;
  Id site_id = 0;  // establishment or antenna of the SPIP; 0: provider premises
  std::string theme;
  std::string title;
  std::string description;
  Id intervenant_id = 0;
  std::string external_professionals;
  Id place_id = 0;
  std::string place_label;
  std::vector<WorkshopSession> sessions;  // date, start, duration (numbers are assigned)
};

struct ParticipantView {
  WorkshopParticipant participant;
  std::string person_name;
  std::string cpip_name;
  std::string case_state_label;
  bool individual_follow_up = false;  // WS-4: an individual programme is ongoing
  std::string other_workshops;        // WS-4: other workshops followed ("" none)
};

struct WorkshopSessionView {
  WorkshopSession session;
  std::string code;  // ATT-2: "S-…"
  std::vector<WorkshopAttendance> attendance;
  std::vector<StoredDocument> scans;  // signed sheets uploaded
  bool past = false;                  // started before now
  // What the actor may do now (WS-3, WS-5), as the use cases decide it.
  bool can_record = false;  // provider, list validated, session started and not yet recorded
  bool can_cancel = false;  // provider, session planned
};

struct WorkshopView {
  Workshop workshop;
  const ProgrammeConfig* config = nullptr;
  std::string theme_label;
  std::string code;  // "A-…"
  Organisation provider;
  Organisation spip;
  Organisation site;  // id 0 when on the provider's premises
  std::string intervenant_name;
  std::string list_status_label;
  std::string status_label;
  std::vector<WorkshopSessionView> sessions;  // by number
  std::vector<ParticipantView> participants;  // registered first, then withdrawn
  double hours = 0;                           // planned, sessions not cancelled
  std::string group_warning;                  // WS-2: fewer than the ideal
  bool provider_side = false;
  bool spip_side = false;
  // What the actor may do now, as the use cases decide it (WS-1, WS-3).
  bool can_change = false;       // provider, workshop planned: edit, sessions, participants
  bool can_submit_list = false;  // provider, list in preparation
  bool can_decide_list = false;  // SPIP side, list submitted
  std::vector<StoredDocument> documents;  // convocations, sheets, scans (newest first)
  std::vector<User> intervenants;         // provider staff (edition)
  std::vector<Place> places;
};

struct WorkshopSummary {
  Workshop workshop;
  std::string theme_label;
  std::string spip_name;
  std::string site_name;
  std::string intervenant_name;
  std::string list_status_label;
  int participants = 0;
  int sessions = 0;
  double hours = 0;
  std::optional<Date> first_date;
  std::optional<Date> last_date;
};

struct ParticipantAttendance {
  Id participant_id = 0;
  bool present = true;
  std::string absence_reason;  // absence_reasons id when absent
  std::optional<bool> justified;
};

struct AddedParticipant {
  Id participant_id = 0;
  std::string warning;  // WS-2: group below the ideal size
};

class WorkshopService {
 public:
  WorkshopService(Store& store, const Clock& clock, const Programmes& programmes);

  // WS-1: the catalogue of the programme and the themes agreed by a SPIP (SPIP side edits).
  std::vector<Choice> catalogue(const std::string& programme_id) const;
  Result<std::vector<std::string>> agreed_themes(const Actor& a, Id spip_id,
                                                 const std::string& programme_id);
  Status set_agreed_themes(const Actor& a, Id spip_id, const std::string& programme_id,
                           const std::vector<std::string>& theme_ids);
  // SPIPs the actor's provider works for (lots) — where it may create workshops.
  std::vector<Organisation> spips_for_workshops(const Actor& a);

  // Provider side (coordinator or intervenant of a provider whose lot covers the SPIP).
  Result<Id> create_workshop(const Actor& a, const WorkshopInput& in);
  // Details only (theme, title, intervenant, place…); sessions have their own use cases.
  Status update_workshop(const Actor& a, Id workshop_id, const WorkshopInput& in);
  Result<Id> add_session(const Actor& a, Id workshop_id, WorkshopSession s);
  Status cancel_session(const Actor& a, Id workshop_session_id);
  // WS-3: a person whose case (prescription) covers workshops; refused above the maximum.
  Result<AddedParticipant> add_participant(const Actor& a, Id workshop_id, Id prescription_id);
  Status withdraw_participant(const Actor& a, Id workshop_id, Id participant_id);
  // WS-3: the list goes to the SPIP, which validates or sends it back with a comment.
  Status submit_list(const Actor& a, Id workshop_id);
  Status decide_list(const Actor& a, Id workshop_id, bool validate, const std::string& comment);
  // WS-5: attendance of every registered participant at one past session.
  Result<AttendanceOutcome> record_attendance(const Actor& a, Id workshop_session_id,
                                              const std::vector<ParticipantAttendance>& rows);

  Result<WorkshopView> workshop(const Actor& a, Id workshop_id);
  Result<WorkshopView> workshop_of_session(const Actor& a, Id workshop_session_id);
  // Provider: its workshops; SPIP side: its SPIP's.
  Result<std::vector<WorkshopSummary>> workshops(const Actor& a);
  // Cases of the workshop's SPIP sent to its provider that may join (WS-3).
  Result<std::vector<PrescriptionSummary>> eligible_cases(const Actor& a, Id workshop_id);

 private:
  Store& store_;
  const Clock& clock_;
  const Programmes& programmes_;
};

}  // namespace parcours
