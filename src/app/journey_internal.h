// Shared machinery of the journey use cases (app/journey*.cc). Not a public interface.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/audit.h"
#include "app/journey.h"
#include "app/programmes.h"
#include "domain/case_engine.h"

namespace parcours::journey_detail {

// SEC-1: which side of a case the actor is on.
// SPIP side: CPIP or SPIP manager of the SPIP or of one of its antennas.
bool spip_side(const Actor& a, Id spip_id);
// Provider side: coordinator or intervenant of the provider.
bool provider_side(const Actor& a, Id provider_id);
// The roles the actor holds on this case (SPIP roles in its SPIP, provider roles in its
// provider), which the programme engine checks against each transition.
std::vector<Role> roles_on_case(const Actor& a, const Prescription& p);
// SPIPs (ids) where the actor works on the SPIP side; providers where on the provider side.
std::vector<Id> actor_spips(const Actor& a);
std::vector<Id> actor_providers(const Actor& a);

// The person is visible: SPIP side of their SPIP, or provider side of a provider to which a
// prescription for them was sent. `forbidden` otherwise, `not_found` if there is no person.
Result<Person> visible_person(Repos& r, const Actor& a, Id person_id);
// The case is visible: SPIP side of its SPIP or provider side of its provider.
Result<Prescription> visible_case(Repos& r, const Actor& a, Id prescription_id);

// A visible case with its programme configuration and its person.
struct CaseContext {
  Prescription p;
  const ProgrammeConfig* config = nullptr;
  Person person;
};
Result<CaseContext> case_context(Repos& r, const Actor& a, const Programmes& programmes,
                                 Id prescription_id);

// Names looked up once per use case.
class Names {
 public:
  explicit Names(Repos& r) : r_(r) {}
  const Organisation& org(Id id);
  const User& user(Id id);
  std::string user_name(Id id);  // "" for 0

 private:
  Repos& r_;
  std::map<Id, Organisation> orgs_;
  std::map<Id, User> users_;
};

// Whether the case's site is in Alsace-Moselle (DL-1 public holidays).
bool alsace_moselle_case(Repos& r, const Person& person);

// The result of firing an event on a case.
struct Fired {
  std::string from_state;
  const Transition* transition = nullptr;
};

// Fires `event` on the case (inserted when its id is 0): asks the engine (roles of the actor
// on the case), moves the state, meets and opens deadlines, pauses or resumes them, waives
// the ones a terminal state leaves pointless, records suspensions, the end reason, the case
// event of the timeline, the notification of the other side and the audit entry.
// `at` is the instant of the fact (interview held, first session, bilan handed over,
// declared interruption date…), `now` the clock's: deadlines are met at `at` (DL-1).
Result<Fired> apply_event(Repos& r, const Clock& clock, const Actor& a,
                          const ProgrammeConfig& config, Prescription& p, const Person& person,
                          const std::string& event, const std::string& reason,
                          const std::string& comment, Instant at, const std::string& extra_body);

// DL-1: the actor may lift the case's open deadlines (SPIP manager or provider coordinator).
bool may_waive_deadlines(const Actor& a, const Prescription& p);

// The case holds a stored document of `kind` (Transition::requires_document).
bool holds_document(Repos& r, const Prescription& p, const std::string& kind);
// « Claire Martin, CPIP »: the actor and their role on the case, for notifications.
std::string actor_on_case(const Actor& a, const Prescription& p);

// Records a case event without a state change (sessions recorded, intervenant assigned…).
void add_case_event(Repos& r, const Clock& clock, const Actor& a, const Prescription& p,
                    const std::string& event, const std::string& label, const std::string& detail);

// The configuration lets `event` be fired from `state` (whoever fires it).
bool allowed_from(const ProgrammeConfig& config, const std::string& event,
                  const std::string& state);

// PPAIP-12: what follows an unjustified absence at `what` ("la séance du …"), as the
// programme's absence policy says: the configured end event (abandonment) when it happens
// after a reconvocation, else the next appointment becomes a reconvocation and the SPIP is
// told. Individual sessions and workshop sessions share it.
Result<AttendanceOutcome> follow_unjustified_absence(Repos& r, const Clock& clock, const Actor& a,
                                                     const ProgrammeConfig& config, Prescription& p,
                                                     const Person& person, bool after_reconvocation,
                                                     Instant at, const std::string& what);

// Users to notify on each side of a case.
std::vector<Id> provider_recipients(Repos& r, const Prescription& p, const Person& person);
std::vector<Id> spip_recipients(const Prescription& p);

// Deadline views of a case, with labels and states at `now`.
std::vector<DeadlineView> deadline_views(const ProgrammeConfig* config,
                                         const std::vector<CaseDeadline>& deadlines, Instant now);
PrescriptionSummary summarise(Repos& r, Names& names, const Programmes& programmes,
                              const Prescription& p, const Person& person, Instant now);

const char* session_status_label(const Session& s);

// Records a refused attempt (SEC-1, SEC-2) in its own transaction and returns the error.
Error log_denied(Store& store, const Clock& clock, const Actor& a, const std::string& action,
                 const std::string& subject_type, Id subject_id, const Error& e);

// Runs a use case and logs it when it is refused.
template <typename T, typename Fn>
Result<T> guarded_transact(Store& store, const Clock& clock, const Actor& a,
                           const std::string& action, const std::string& subject_type,
                           Id subject_id, Fn&& fn) {
  auto out = transact<T>(store, std::forward<Fn>(fn));
  if (!out.ok() && out.error().code == ErrorCode::forbidden)
    return log_denied(store, clock, a, action, subject_type, subject_id, out.error());
  return out;
}

// A read of a person's file (SEC-2): runs fn in a read transaction — fn fills in the entry's
// ids — then records the entry through the group commit of reads (record_read) before the
// answer is returned; a refusal is logged as guarded_transact does. When the entry cannot be
// written the read fails with that error: nothing is shown that is not in the journal.
template <typename T, typename Fn>
Result<T> guarded_audited_read(Store& store, const Clock& clock, const Actor& a,
                               const std::string& action, const std::string& subject_type,
                               Id subject_id, Fn&& fn) {
  AuditedRead entry{action, subject_type, subject_id, 0};
  auto out = read<T>(store, [&](Repos& r) -> Result<T> { return fn(r, entry); });
  if (!out.ok()) {
    if (out.error().code == ErrorCode::forbidden)
      return log_denied(store, clock, a, action, subject_type, subject_id, out.error());
    return out;
  }
  if (Status s = record_read(store, clock, a, entry); !s.ok()) return s.error();
  return out;
}

}  // namespace parcours::journey_detail
