// A programme described by configuration, and the one engine that obeys it (SPEC PROG-1).
//
// Every number of a programme (deadlines, bounds, absence policy, exit reasons…) comes from
// its JSON configuration (config/programmes/*.json); none is written in C++. The domain
// parses text handed to it by the caller (no file I/O here, DESIGN §1) and refuses a
// configuration with one French message per problem, naming the file, the field and the
// problem.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/organisation.h"
#include "domain/result.h"
#include "domain/user.h"

namespace parcours {

// An entry of a closed list: modality, orientation source (PPAIP-2)…
struct Choice {
  std::string id;
  std::string label;  // French
};

// A state of a programme's case. A terminal state accepts no event (DESIGN §4.4).
struct ProgrammeState {
  std::string id;
  std::string label;  // French: "En cours"
  bool terminal = false;
  // While the case is in this state its deadlines are paused (PPAIP-13: suspended, not
  // stopped); leaving it pushes them by the length of the pause.
  bool pauses_deadlines = false;
};

// One row of the state machine table: `event` may be fired by one of `roles` from one of
// the `from` states. An empty `from` creates the case (its `to` is the initial state).
struct Transition {
  std::string event;
  std::string label;  // French, the action: "Valider la proposition"
  // French, the fact once done (timeline, notifications, e-mails): "Proposition validée".
  std::string done_label;
  std::vector<std::string> from;
  std::optional<std::string> to;  // nullopt ("keeps_state": true): the event is only recorded
  std::vector<Role> roles;
  bool requires_reason = false;
  // "" or the name of a reason list ("end_reasons", "suspension_reasons",
  // "interruption_reasons"): the reason must then be one of its ids. Implies requires_reason.
  std::string reason_list;
  std::string rule;  // SPEC id: "PPAIP-7"
  // Notification kind (domain/notification.h) sent to the other side of the case — the CPIP
  // when the provider fires the event, the provider when the SPIP does; "" for none.
  std::string notify;
  // Without a declared date, the event is dated by the end of the person's last attended
  // session (individual or workshop): the end of a programme starts the bilan deadline from
  // the last interview or the end of the workshop (PPAIP-16).
  bool dated_by_last_session = false;
  // A document kind (StoredDocument::kind, e.g. "bilan_final") the case must hold before the
  // event may fire, whatever the route (PPAIP-16: no closure without a delivered bilan).
  std::string requires_document;
  // PLIE-2, PLIE-7: only a commission's decision fires it ("decided_by": "commission"), for
  // the files of its agenda; no role may fire it alone.
  bool by_commission = false;
  // "form": "own": the event has a form and use case of its own (a proposal, an interview…),
  // never the generic action form nor a bare firing; "event" (the default): the generic form.
  bool own_form = false;
  // French label of the generic form's date field (« Date de début de la suspension »); empty:
  // the form asks no date and the event is dated when recorded.
  std::string date_label;
};

// A recurring frequency (SPEC PROG-1, PLIE-4, PLIE-6): at least `count` contacts of one of
// `contact_kinds` (empty: any) with an intervenant of one of `intervenant_kinds` (empty: any)
// each calendar month the case spends in one of `states`.
struct RecurringRule {
  std::string id;
  std::string label;  // French: « Deux entretiens individuels physiques par mois »
  int count = 0;
  std::vector<std::string> contact_kinds;
  std::vector<std::string> intervenant_kinds;
  std::vector<std::string> states;
  std::string rule;
  std::string source;  // the source document's reference, shown to people
};

// What kind of dated obligation a rule opens (SPEC PROG-1).
enum class ObligationKind {
  deadline,            // one-off: `amount` `unit`s after `start_event` (PPAIP-4)
  scheduled_document,  // one document due `at_months` after `start_event` each (PLIE-9)
};

// A time limit (SPEC DL-1): `amount` `unit`s after `start_event`, met by `met_by_event`; or,
// for a scheduled document, one obligation per entry of `at_months`, each met in turn.
struct DeadlineRule {
  std::string id;
  std::string label;  // French
  ObligationKind kind = ObligationKind::deadline;
  std::vector<int> at_months;  // scheduled_document: months after start_event, increasing
  int amount = 0;
  DurationUnit unit = DurationUnit::calendar_days;
  std::string start_event;
  std::string met_by_event;
  Role owner_role = Role::provider_coordinator;
  // The obligation exists only if met_by_event happens (PPAIP-5: signalling an
  // impossibility); reaching the due instant without it is not a miss.
  bool conditional = false;
  std::vector<std::string> applies_to;  // modality ids; empty: every modality
  std::string rule;
  // The source document's reference, shown to people (« CCTP § 6.1-2 »); never a SPEC id.
  std::string source;
  std::string note;
};

struct HoursBounds {
  double min = 0;
  double max = 0;
  std::string rule;
};

struct GroupSizeBounds {
  int warn_below = 0;  // fewer participants than this: a warning
  int max = 0;         // more than this: refused
  std::string rule;
};

// PPAIP-17: where there are no prescriptions, at least `min` permanences per site and month.
struct PermanenceBounds {
  int min = 0;
  std::string rule;
};

// Absent bounds are not checked (a programme without workshops has no workshop_hours).
struct Bounds {
  std::optional<HoursBounds> individual_hours;            // PPAIP-6
  std::optional<HoursBounds> workshop_hours;              // WS-2
  std::optional<GroupSizeBounds> group_size;              // WS-2
  std::optional<PermanenceBounds> permanences_per_month;  // PPAIP-17
};

enum class AbsenceAction {
  none,              // nothing automatic
  reconvocation,     // summon the person again (PPAIP-12)
  written_reminder,  // send a written reminder (PLIE-1)
  end,               // fire `event`, which ends the case (abandonment, lapse)
};

struct AbsenceStep {
  AbsenceAction action = AbsenceAction::none;
  std::string event;  // for AbsenceAction::end
  std::string label;  // French, what happens and why
};

// What an unjustified absence leads to, before and after a reconvocation (or reminder).
struct AbsencePolicy {
  AbsenceStep unjustified_absence;
  AbsenceStep unjustified_absence_after_reconvocation;
  std::string rule;
};

struct Reason {
  std::string id;
  std::string label;  // French
  // end_reasons: the event that records this exit by itself ("abandon"); such a reason
  // cannot be chosen for another event. Empty: any event using the list.
  std::string event;
  bool justified = false;  // absence_reasons: the default judgement of the absence
};

// PPAIP-1: the checks are code; which rules apply in which milieu is configuration.
struct EligibilityRule {
  std::string id;
  std::string label;  // French: "Être majeur"
  std::vector<Milieu> milieux;
  std::string rule;
};

struct DocumentRule {
  std::string id;
  std::string label;  // French: "Bilan final"
  bool required = false;
  std::string event;  // the event that records its delivery, if any
  std::string rule;
};

struct ProgrammeConfig {
  std::string id;       // "ppaip"
  std::string version;  // "2025-1"
  std::string label;
  std::string source;  // the contract or charter it comes from
  std::string initial_state;
  std::vector<Choice> modalities;
  std::vector<ProgrammeState> states;
  std::vector<Transition> transitions;
  std::vector<DeadlineRule> deadlines;
  std::vector<RecurringRule> recurring;
  Bounds bounds;
  std::optional<AbsencePolicy> absence_policy;
  std::vector<Reason> end_reasons;
  std::vector<Reason> suspension_reasons;
  std::vector<Reason> interruption_reasons;
  std::vector<Reason> absence_reasons;
  std::vector<Choice> orientation_sources;
  std::vector<Choice> actions;  // what a proposal may contain (PPAIP-6)
  std::vector<EligibilityRule> eligibility_rules;
  std::vector<DocumentRule> documents;
  // WS-1: the catalogue of workshop themes ("a_la_carte" asks for a title) and the
  // modalities whose prescriptions allow joining a workshop (WS-3).
  std::vector<Choice> workshop_themes;
  std::vector<std::string> workshop_modalities;
  // SPEC REP-3: states of a case never taken in charge (no first interview held), and end
  // reasons meaning the programme reached its objectives (provider synthesis).
  std::vector<std::string> not_taken_in_charge_states;
  std::vector<std::string> objective_end_reasons;

  // Lookups; nullptr when absent.
  const ProgrammeState* state(const std::string& state_id) const;
  const Transition* transition(const std::string& event) const;
  // "end_reasons", "suspension_reasons", "interruption_reasons", "absence_reasons".
  const std::vector<Reason>* reason_list(const std::string& name) const;
};

// Parses and validates a programme configuration. `file_name` only names the file in
// messages ("config/programmes/ppaip.json"); the caller reads it. On failure: `invalid`
// with one FieldError per problem (field = JSON path such as "transitions[3].to", indices
// from 0, message = « fichier : chemin : problème. ») and a message listing them all.
Result<ProgrammeConfig> parse_programme_config(const std::string& json_text,
                                               const std::string& file_name);

// The state machine (DESIGN §4.4). `from_state` is "" for a case not yet created.
// Returns the state after `event`: `forbidden` if the role may not fire it, `rule_violation`
// if the current state does not allow it, `invalid` if the event or state is unknown or a
// required reason is missing or not in the transition's reason list.
Result<std::string> next_state(const ProgrammeConfig& config, const std::string& from_state,
                               const std::string& event, Role actor_role,
                               const std::string& reason);
// The actions `role` may take from `state_id`, in configuration order (for buttons).
std::vector<const Transition*> available_transitions(const ProgrammeConfig& config,
                                                     const std::string& state_id, Role role);

const DeadlineRule* deadline(const ProgrammeConfig& config, const std::string& id);
std::vector<const DeadlineRule*> deadlines_started_by(const ProgrammeConfig& config,
                                                      const std::string& event);

// PPAIP-6 / WS-2: hours within the configured bounds, with a French message naming them.
Status check_individual_hours(const ProgrammeConfig& config, double hours);
Status check_workshop_hours(const ProgrammeConfig& config, double hours);

enum class GroupSizeVerdict { ok, warning, refused };
struct GroupSizeCheck {
  GroupSizeVerdict verdict = GroupSizeVerdict::ok;
  std::string message;  // French; empty when ok
};
// WS-2: fewer than warn_below warns, more than max is refused.
GroupSizeCheck check_group_size(const ProgrammeConfig& config, int participants);

struct AbsenceOutcome {
  AbsenceAction action = AbsenceAction::none;
  std::string event;    // the event to fire for AbsenceAction::end ("abandon")
  std::string message;  // French
};
// PPAIP-12: an unjustified absence leads to a reconvocation; another one at the
// reconvocation means abandonment — as the programme's absence_policy says.
AbsenceOutcome on_unjustified_absence(const ProgrammeConfig& config, bool after_reconvocation);

}  // namespace parcours
