// The programme journey, from the orientation request to the closure (SPEC BEN-1..3,
// PPAIP-1..15 and 17, DL-1, DL-2, SEC-1, SEC-2).
//
// Every use case: checks the actor's rights on the person or case (SEC-1, app/journey_rights),
// asks the programme engine (domain/programme.h) whether the event is allowed, writes the case,
// its deadlines, its timeline event, the notifications and outbox e-mails, and one audit entry —
// all in one transaction. Reading a person's file is audited too (SEC-2).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/programmes.h"

namespace parcours {

// ---- Views -------------------------------------------------------------------------------

struct DeadlineView {
  CaseDeadline deadline;
  std::string label;   // from the configuration
  std::string rule;    // "PPAIP-4", for engineers (API)
  std::string source;  // where the rule comes from, for people: "CCTP § 6.1-2"
  DeadlineState state = DeadlineState::pending;
  bool can_waive = false;  // DL-1: open, and the actor is a SPIP manager or a coordinator
  std::string owner_name;
  Id person_id = 0;
  std::string person_name;
};

struct PrescriptionSummary {
  Prescription prescription;
  std::string person_name;
  std::string programme_label;
  std::string state_label;
  std::string modality_label;
  std::string provider_name;
  std::string spip_name;
  std::string cpip_name;
  std::string site_name;
  std::optional<Instant> next_due_at;  // earliest open deadline
  std::string next_due_label;
  DeadlineState next_due_state = DeadlineState::pending;
};

struct PersonSummary {
  Person person;
  std::string site_name;
  std::string referent_name;
  std::string current_state_label;  // of the most recent visible case, "" when none
  Id current_prescription_id = 0;
};

// One line of the person's timeline: case events and audited changes, newest first.
struct TimelineEntry {
  Instant at{};
  std::string label;
  std::string detail;
  std::string actor_label;
  Id prescription_id = 0;
};

struct PersonFile {
  Person person;
  Organisation spip;
  Organisation site;
  User referent;
  std::vector<PrescriptionSummary> cases;  // the ones the actor may see
  std::vector<Orientation> orientations;   // SPIP side only
  std::vector<TimelineEntry> timeline;
  bool judicial_visible = false;  // SEC-1: judicial information only to the SPIP
  bool can_edit = false;          // SPIP side
  bool can_prescribe = false;
};

struct SessionView {
  Session session;
  std::string intervenant_name;
  std::string status_label;  // "Prévue", "Présent(e)", "Absent(e) — justifiée"…
  std::string absence_label;
  bool overlaps_training = false;
};

struct ProposalView {
  Proposal proposal;
  std::string status_label;
  std::string submitted_by_name;
  std::string decided_by_name;
  std::vector<std::string> action_labels;
  std::vector<ProposalChange> changes;  // against the previous version (empty for v1)
};

struct PrescriptionView {
  Prescription prescription;
  const ProgrammeConfig* config = nullptr;
  Person person;
  std::string state_label;
  std::string modality_label;
  Organisation spip;
  Organisation site;
  Organisation provider;
  Lot lot;
  User cpip;
  std::optional<User> intervenant;
  std::optional<Orientation> orientation;
  std::vector<ProposalView> proposals;  // by version
  std::vector<SessionView> sessions;    // by date
  std::vector<Suspension> suspensions;
  std::vector<DeadlineView> deadlines;
  std::vector<CaseEvent> events;  // newest first
  double hours_done = 0;
  double hours_validated = 0;
  double hours_planned = 0;  // planned sessions still to come
  // What the actor may do now (configuration order); the engine decides (DESIGN §4.4).
  std::vector<const Transition*> actions;
  bool provider_side = false;  // the actor works for the provider of this case
  bool spip_side = false;      // the actor works for the SPIP of this case
  bool judicial_visible = false;
  std::optional<Proposal> pending_proposal;  // submitted, awaiting the CPIP's decision
  std::vector<User> intervenants;            // provider staff, for assignment and sessions
  std::vector<Place> places;                 // provider and site places
};

struct TodoItem {
  std::string kind;    // "deadline", "validation", "orientation", "attendance"
  std::string label;   // French: "Premier entretien avec la personne"
  std::string rule;    // SPEC id, for engineers (API)
  std::string source;  // the source document's reference, for people: "CCTP § 6.1-2"
  Id person_id = 0;
  std::string person_name;
  std::string cpip_name;  // the case's CPIP, for the SPIP manager's team view
  Id prescription_id = 0;
  std::string link;
  std::optional<Instant> due_at;
  DeadlineState state = DeadlineState::pending;  // for deadlines
  bool late = false;                             // due instant passed
};

struct PlannedSession {
  Id id = 0;
  std::vector<std::string> warnings;  // French: overlap with the training timetable (PPAIP-3)
};

struct AttendanceOutcome {
  std::string message;  // French: what followed (reconvocation to plan, abandonment…)
  std::string event;    // event fired by the absence policy, "" if none
};

// ---- Inputs ------------------------------------------------------------------------------

struct PrescriptionInput {
  Id person_id = 0;
  // "" : the programme of the running contract that covers the person's SPIP (the only one).
  std::string programme_id;
  std::string modality = "individual";
  Id orientation_id = 0;  // the request it answers, if any
  std::string objectives;
  std::string constraints;
  std::string training_timetable;  // parse_timetable text
  std::optional<Date> training_until;
  // PPAIP-1, stated by the CPIP (age and judicial status come from the file).
  bool volunteer = false;
  bool needs_support = false;
  bool legal_residence = false;
};

struct EventInput {
  std::string event;   // transition id of the configuration
  std::string reason;  // reason id or free text, as the transition requires
  std::string comment;
  std::optional<Date> date;  // declared date (interruption, suspension start, end…)
};

struct AttendanceInput {
  bool present = true;
  std::string absence_reason;     // absence_reasons id when absent
  std::optional<bool> justified;  // overrides the reason's default judgement
  std::string note;
};

// ---- The service -------------------------------------------------------------------------

class JourneyService {
 public:
  JourneyService(Store& store, const Clock& clock, const Programmes& programmes);

  // People (BEN-1..3). SPIP staff create and edit; reading a file is audited.
  Result<Id> create_person(const Actor& a, Person p);
  Status update_person(const Actor& a, const Person& p);
  Result<PersonFile> person_file(const Actor& a, Id person_id);
  // The programme a prescription for this person is for when it names none: the one of the
  // running contract whose lot covers the person's SPIP (for the prescription form).
  Result<std::string> covering_programme(const Actor& a, Id person_id);
  Result<std::vector<PersonSummary>> people(const Actor& a, const std::string& search);
  // SPIP side: CPIPs of the person's SPIP (referent choice) and sites (establishments,
  // antennas) of a SPIP.
  Result<std::vector<User>> cpips_of_spip(const Actor& a, Id spip_id);
  Result<std::vector<Organisation>> sites_of_spip(const Actor& a, Id spip_id);
  // SPIPs where the actor may create people.
  std::vector<Organisation> spips_of(const Actor& a);

  // PPAIP-2: orientation requests, recorded and decided by the SPIP.
  Result<Id> record_orientation(const Actor& a, Orientation o);
  Status decline_orientation(const Actor& a, Id orientation_id, const std::string& comment);

  // PPAIP-1, PPAIP-3: prescribes; lot and provider are derived from the person's SPIP.
  Result<Id> prescribe(const Actor& a, const PrescriptionInput& in);
  Result<PrescriptionView> prescription(const Actor& a, Id prescription_id);
  // The cases the actor sees: a provider's received prescriptions (inbox), a CPIP's own.
  Result<std::vector<PrescriptionSummary>> cases(const Actor& a, const std::string& filter);
  // CPIP: proposals waiting for a decision.
  Result<std::vector<PrescriptionSummary>> validations_waiting(const Actor& a);

  // Provider: assigns the intervenant of a case.
  Status assign_intervenant(const Actor& a, Id prescription_id, Id user_id);
  // PPAIP-4: the first interview held (a session with the person present).
  Result<Id> record_first_interview(const Actor& a, Id prescription_id, Session s);
  // PPAIP-6, 7, 9: a proposal (initial, resubmission after refusal, or modification).
  Result<Id> submit_proposal(const Actor& a, Id prescription_id, Proposal p);
  // PPAIP-7, 9: the CPIP validates or refuses the pending proposal (comment optional).
  Status decide_proposal(const Actor& a, Id proposal_id, bool validate, const std::string& comment);
  // Any other event of the configuration (impossibility, suspension, resumption,
  // interruption, end, withdrawal, calendar sent, calendar change communicated…).
  // Returns the fact as the timeline says it (« Programme suspendu »).
  Result<std::string> fire(const Actor& a, Id prescription_id, const EventInput& in);
  // DL-1: a SPIP manager or a provider coordinator lifts a deadline not met, with a reason
  // (journaled, shown on the case, counted apart in compliance).
  Status waive_deadline(const Actor& a, Id prescription_id, Id deadline_id,
                        const std::string& reason);

  // Sessions (PPAIP-10..12). Planning after validation is a calendar change (48 h deadline).
  Result<PlannedSession> plan_session(const Actor& a, Id prescription_id, Session s);
  Result<PlannedSession> move_session(const Actor& a, Id session_id, Date date, int start_minute,
                                      int duration_minutes);
  Status cancel_session(const Actor& a, Id session_id, const std::string& reason);
  // Presence, or absence with reason; an unjustified absence follows the absence policy.
  Result<AttendanceOutcome> record_attendance(const Actor& a, Id session_id,
                                              const AttendanceInput& in);
  // Provider agenda (all the provider's sessions, or the intervenant's own).
  Result<std::vector<SessionView>> agenda(const Actor& a, Date from, Date to);

  // PPAIP-17: permanences per site.
  Result<Id> record_permanence(const Actor& a, Permanence p);
  Result<std::vector<Permanence>> permanences(const Actor& a, Date from, Date to);

  // DL-2: what is due and late across the actor's caseload, most urgent first.
  Result<std::vector<TodoItem>> todo(const Actor& a);

  const Programmes& programmes() const { return programmes_; }

 private:
  Store& store_;
  const Clock& clock_;
  const Programmes& programmes_;
};

}  // namespace parcours
