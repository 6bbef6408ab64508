// Temporary stubs: replaced by the real implementation.
#include <stdexcept>

#include "storage/repositories.h"

namespace parcours::storage {

Id SqlJourneyRepository::insert_orientation(const Orientation&) {
  throw std::runtime_error("insert_orientation");
}
void SqlJourneyRepository::update_orientation(const Orientation&) {
  throw std::runtime_error("update_orientation");
}
std::optional<Orientation> SqlJourneyRepository::find_orientation(Id) {
  throw std::runtime_error("find_orientation");
}
std::vector<Orientation> SqlJourneyRepository::orientations_of_person(Id) {
  throw std::runtime_error("orientations_of_person");
}
std::vector<Orientation> SqlJourneyRepository::pending_orientations(Id) {
  throw std::runtime_error("pending_orientations");
}
Id SqlJourneyRepository::insert_prescription(const Prescription&) {
  throw std::runtime_error("insert_prescription");
}
void SqlJourneyRepository::update_prescription(const Prescription&) {
  throw std::runtime_error("update_prescription");
}
std::optional<Prescription> SqlJourneyRepository::find_prescription(Id) {
  throw std::runtime_error("find_prescription");
}
std::vector<Prescription> SqlJourneyRepository::prescriptions(const PrescriptionQuery&) {
  throw std::runtime_error("prescriptions");
}
Id SqlJourneyRepository::insert_proposal(const Proposal&) {
  throw std::runtime_error("insert_proposal");
}
void SqlJourneyRepository::update_proposal(const Proposal&) {
  throw std::runtime_error("update_proposal");
}
std::optional<Proposal> SqlJourneyRepository::find_proposal(Id) {
  throw std::runtime_error("find_proposal");
}
std::vector<Proposal> SqlJourneyRepository::proposals_of(Id) {
  throw std::runtime_error("proposals_of");
}
Id SqlJourneyRepository::insert_session(const Session&) {
  throw std::runtime_error("insert_session");
}
void SqlJourneyRepository::update_session(const Session&) {
  throw std::runtime_error("update_session");
}
std::optional<Session> SqlJourneyRepository::find_session(Id) {
  throw std::runtime_error("find_session");
}
std::vector<Session> SqlJourneyRepository::sessions_of(Id) {
  throw std::runtime_error("sessions_of");
}
std::vector<Session> SqlJourneyRepository::sessions_of_provider(Id, Date, Date, std::optional<Id>) {
  throw std::runtime_error("sessions_of_provider");
}
Id SqlJourneyRepository::insert_suspension(const Suspension&) {
  throw std::runtime_error("insert_suspension");
}
void SqlJourneyRepository::update_suspension(const Suspension&) {
  throw std::runtime_error("update_suspension");
}
std::vector<Suspension> SqlJourneyRepository::suspensions_of(Id) {
  throw std::runtime_error("suspensions_of");
}
Id SqlJourneyRepository::insert_deadline(const CaseDeadline&) {
  throw std::runtime_error("insert_deadline");
}
void SqlJourneyRepository::update_deadline(const CaseDeadline&) {
  throw std::runtime_error("update_deadline");
}
std::vector<CaseDeadline> SqlJourneyRepository::deadlines_of(Id) {
  throw std::runtime_error("deadlines_of");
}
std::vector<CaseDeadline> SqlJourneyRepository::open_deadlines_of_owners(const std::vector<Id>&,
                                                                         int) {
  throw std::runtime_error("open_deadlines_of_owners");
}
Id SqlJourneyRepository::insert_event(const CaseEvent&) {
  throw std::runtime_error("insert_event");
}
std::vector<CaseEvent> SqlJourneyRepository::events_of_person(Id, int) {
  throw std::runtime_error("events_of_person");
}
std::vector<CaseEvent> SqlJourneyRepository::events_of(Id) {
  throw std::runtime_error("events_of");
}
Id SqlJourneyRepository::insert_permanence(const Permanence&) {
  throw std::runtime_error("insert_permanence");
}
std::vector<Permanence> SqlJourneyRepository::permanences_of(Id, Date, Date) {
  throw std::runtime_error("permanences_of");
}

}  // namespace parcours::storage
