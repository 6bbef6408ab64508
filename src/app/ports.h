// Repository interfaces declared by app/ and implemented by storage/ (DESIGN §1, §4.1).
//
// Contract for implementations: every method runs inside the transaction opened by
// Store::transact or Store::read. A backend failure is thrown by the adapter and caught
// at the Store border, which rolls back and returns an Error with a mapped code
// (unique violation → conflict, connection lost → unavailable, …; DESIGN §4.5).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/reporting_port.h"
#include "domain/audit.h"
#include "domain/contract.h"
#include "domain/document.h"
#include "domain/journey.h"
#include "domain/notification.h"
#include "domain/organisation.h"
#include "domain/person.h"
#include "domain/user.h"
#include "domain/workshop.h"

namespace parcours {

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  virtual Id insert(const Organisation& o) = 0;
  virtual void update(const Organisation& o) = 0;
  virtual std::optional<Organisation> find(Id id) = 0;
  virtual std::optional<Organisation> find_by_code(const std::string& code) = 0;
  // All organisations, optionally of one kind, ordered by kind then name.
  virtual std::vector<Organisation> list(std::optional<OrgKind> kind) = 0;
  virtual std::vector<Organisation> children(Id parent_id) = 0;

  virtual Id insert_place(const Place& p) = 0;
  virtual void update_place(const Place& p) = 0;
  virtual std::optional<Place> find_place(Id id) = 0;
  virtual std::vector<Place> places_of(Id org_id) = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Id insert(const User& u) = 0;
  virtual void update(const User& u) = 0;
  virtual std::optional<User> find(Id id) = 0;
  virtual std::optional<User> find_by_email(const std::string& email) = 0;  // lower-case
  virtual std::vector<User> list() = 0;                                     // by full name
  virtual void set_password_hash(Id user_id, const std::string& hash) = 0;
  virtual std::optional<std::string> password_hash(Id user_id) = 0;

  virtual Id add_membership(const Membership& m) = 0;
  virtual void remove_membership(Id membership_id) = 0;
  virtual std::vector<Membership> memberships_of(Id user_id) = 0;
  virtual std::vector<Membership> members_of(Id org_id) = 0;
  virtual std::optional<Membership> find_membership(Id membership_id) = 0;
};

class ContractRepository {
 public:
  virtual ~ContractRepository() = default;
  virtual Id insert_contract(const Contract& c) = 0;
  virtual void update_contract(const Contract& c) = 0;
  virtual std::optional<Contract> find_contract(Id id) = 0;
  virtual std::optional<Contract> find_contract_by_reference(const std::string& reference) = 0;
  virtual std::vector<Contract> contracts() = 0;

  virtual Id insert_lot(const Lot& l) = 0;    // with its spip_ids
  virtual void update_lot(const Lot& l) = 0;  // replaces spip_ids
  virtual std::optional<Lot> find_lot(Id id) = 0;
  virtual std::vector<Lot> lots_of(Id contract_id) = 0;  // by number
  virtual std::vector<Lot> lots_of_provider(Id provider_org_id) = 0;
  virtual std::vector<Lot> all_lots() = 0;

  virtual Id insert_amendment(const VolumeAmendment& a) = 0;
  virtual std::vector<VolumeAmendment> amendments_of(Id lot_id) = 0;  // by date
};

class StaffRepository {
 public:
  virtual ~StaffRepository() = default;
  virtual Id insert_authorisation(const AccessAuthorisation& a) = 0;
  virtual void update_authorisation(const AccessAuthorisation& a) = 0;
  virtual std::optional<AccessAuthorisation> find_authorisation(Id id) = 0;
  virtual std::vector<AccessAuthorisation> authorisations_of_user(Id user_id) = 0;

  // One coordinator per (provider, establishment): setting replaces the previous one.
  virtual void set_coordinator(const EstablishmentCoordinator& c) = 0;
  virtual std::vector<EstablishmentCoordinator> coordinators_of(Id provider_org_id) = 0;

  virtual Id add_substitute(const Substitute& s) = 0;
  virtual void remove_substitute(Id id) = 0;
  virtual std::vector<Substitute> substitutes_of(Id provider_org_id) = 0;
};

// A signed-in browser session (SEC-5). Only a hash of the cookie token is stored.
struct WebSession {
  std::string token_hash;
  Id user_id = 0;
  std::string csrf_token;
  Instant created_at{};
  Instant last_seen_at{};
  std::string remote_addr;
};

// A personal API token; only its hash is stored.
struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::string token_hash;
  Instant created_at{};
  std::optional<Instant> last_used_at;
  bool revoked = false;
  Instant expires_at{};  // SEC-5: refused from this instant on
};

// A one-time link sent by e-mail (SEC-5): an invitation to choose one's password, or the
// unlock of an account whose sign-ins are throttled. Only the token's digest is stored.
struct AccountLink {
  Id id = 0;
  Id user_id = 0;
  std::string purpose;  // "invitation" or "unlock"
  std::string token_hash;
  Instant created_at{};
  Instant expires_at{};
  std::optional<Instant> used_at;
};

class AuthRepository {
 public:
  virtual ~AuthRepository() = default;
  virtual void insert_session(const WebSession& s) = 0;
  virtual std::optional<WebSession> find_session(const std::string& token_hash) = 0;
  virtual void touch_session(const std::string& token_hash, Instant at) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual void delete_sessions_of(Id user_id) = 0;
  virtual int delete_sessions_idle_since(Instant before) = 0;

  // Throttling (SEC-5): failures per key ("compte:…" or "adresse:…").
  virtual void record_login_failure(const std::string& key, Instant at) = 0;
  virtual int count_login_failures(const std::string& key, Instant since) = 0;
  virtual void clear_login_failures(const std::string& key) = 0;
  // Every key starting with `prefix` (the failures of one account, from any address).
  virtual void clear_login_failures_with_prefix(const std::string& prefix) = 0;

  virtual Id insert_api_token(const ApiToken& t) = 0;
  virtual std::optional<ApiToken> find_api_token(const std::string& token_hash) = 0;
  virtual std::vector<ApiToken> api_tokens_of(Id user_id) = 0;
  virtual void touch_api_token(Id id, Instant at) = 0;
  virtual void revoke_api_token(Id id) = 0;
  virtual void revoke_api_tokens_of(Id user_id) = 0;  // SEC-5: on a password change

  virtual Id insert_link(const AccountLink& l) = 0;
  virtual std::optional<AccountLink> find_link(const std::string& token_hash) = 0;
  // Marks an unused link used; false when it was already used (two clicks: one wins).
  virtual bool use_link(Id id, Instant at) = 0;
  // Unused links of the user for `purpose` expire at `at` (a new invitation replaces the old).
  virtual void expire_links_of(Id user_id, const std::string& purpose, Instant at) = 0;
  // Whether the user has an unused, unexpired invitation (for « Invitation envoyée »).
  virtual bool has_pending_invitation(Id user_id, Instant now) = 0;
};

// The audit trail (SPEC SEC-2; domain/audit.h). The repository stores and returns entries as
// given: computing seq and hashes is app/audit.h's job. Entries are only ever appended.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual void append(const AuditEntry& e) = 0;
  // Seq and hash of the last entry ({0, ""} before the first), locking the head until the end
  // of the transaction so that concurrent appends form one chain (PostgreSQL row lock; SQLite
  // writers are serialised anyway). Write transactions only. nullopt when the head row is
  // missing (a damaged journal).
  virtual std::optional<std::pair<long long, std::string>> head_for_update() = 0;
  // The same, without locking (verification, reads).
  virtual std::optional<std::pair<long long, std::string>> head() = 0;
  virtual void set_head(long long seq, const std::string& hash) = 0;
  // Up to `limit` entries with seq > `seq`, by increasing seq.
  virtual std::vector<AuditEntry> entries_after(long long seq, int limit) = 0;
  // The changes of a subject or of a person's file, most recent first (decreasing seq), at most
  // `limit`. Reads (person.read, prescription.read, professional_file.read, document.download:
  // app/audit.h record_read) are left out: a file read often would otherwise push its changes
  // out of the limit (issue 13).
  virtual std::vector<AuditEntry> for_subject(const std::string& type, Id id, int limit) = 0;
  virtual std::vector<AuditEntry> for_person(Id person_id, int limit) = 0;
};

// Which people a list shows (SEC-1 filters are set by app/, never by the caller).
struct PersonQuery {
  std::optional<Id> spip_id;           // people followed by this SPIP
  std::optional<Id> provider_id;       // people with a prescription sent to this provider
  std::optional<Id> referent_cpip_id;  // people whose referent is this CPIP
  std::string search;                  // part of the last or first name, case-insensitive
  int limit = 200;
  int offset = 0;
};

// The person file (SPEC BEN-1..3).
class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual Id insert(const Person& p) = 0;
  virtual void update(const Person& p) = 0;
  virtual std::optional<Person> find(Id id) = 0;
  // The people of `ids` that exist, by id: one query for a list, never one per row.
  virtual std::vector<Person> find_many(const std::vector<Id>& ids) = 0;
  // By last name, first name.
  virtual std::vector<Person> search(const PersonQuery& q) = 0;
  virtual int count(const PersonQuery& q) = 0;
};

// What a list of cases shows (SEC-1 filters set by app/).
struct PrescriptionQuery {
  std::optional<Id> spip_id;
  std::optional<Id> provider_id;
  std::optional<Id> cpip_id;
  std::optional<Id> person_id;
  std::vector<Id> person_ids;       // non-empty: the cases of these people only (lists)
  std::vector<std::string> states;  // empty: every state
  int limit = 500;
};

// A programme case and its records (SPEC PPAIP-2..17, DL-1).
class JourneyRepository {
 public:
  virtual ~JourneyRepository() = default;
  virtual Id insert_orientation(const Orientation& o) = 0;
  virtual void update_orientation(const Orientation& o) = 0;
  virtual std::optional<Orientation> find_orientation(Id id) = 0;
  virtual std::vector<Orientation> orientations_of_person(Id person_id) = 0;  // newest first
  // Pending orientations of the people of a SPIP, oldest first.
  virtual std::vector<Orientation> pending_orientations(Id spip_id) = 0;

  virtual Id insert_prescription(const Prescription& p) = 0;
  virtual void update_prescription(const Prescription& p) = 0;
  virtual std::optional<Prescription> find_prescription(Id id) = 0;
  // The cases of `ids` that exist, by id (lists: one query, never one per row).
  virtual std::vector<Prescription> find_prescriptions(const std::vector<Id>& ids) = 0;
  // Newest first.
  virtual std::vector<Prescription> prescriptions(const PrescriptionQuery& q) = 0;

  virtual Id insert_proposal(const Proposal& p) = 0;
  virtual void update_proposal(const Proposal& p) = 0;
  virtual std::optional<Proposal> find_proposal(Id id) = 0;
  virtual std::vector<Proposal> proposals_of(Id prescription_id) = 0;  // by version
  // The proposals of several cases, by case then version.
  virtual std::vector<Proposal> proposals_of_cases(const std::vector<Id>& prescription_ids) = 0;

  virtual Id insert_session(const Session& s) = 0;
  virtual void update_session(const Session& s) = 0;
  virtual std::optional<Session> find_session(Id id) = 0;
  virtual std::vector<Session> sessions_of(Id prescription_id) = 0;  // by date, start
  // Sessions of the cases of a provider between two dates (inclusive), by date and start;
  // only one intervenant's when intervenant_id is set.
  virtual std::vector<Session> sessions_of_provider(Id provider_id, Date from, Date to,
                                                    std::optional<Id> intervenant_id) = 0;

  virtual Id insert_suspension(const Suspension& s) = 0;
  virtual void update_suspension(const Suspension& s) = 0;
  virtual std::vector<Suspension> suspensions_of(Id prescription_id) = 0;  // by start

  virtual Id insert_deadline(const CaseDeadline& d) = 0;
  virtual void update_deadline(const CaseDeadline& d) = 0;
  virtual std::vector<CaseDeadline> deadlines_of(Id prescription_id) = 0;  // by due instant
  // The deadlines of several cases, by case then due instant.
  virtual std::vector<CaseDeadline> deadlines_of_cases(const std::vector<Id>& prescription_ids) = 0;
  // Deadlines still owed whose owner is one of the organisations, by due instant (the "À
  // faire" page; DL-2): neither met nor waived, not conditional (PPAIP-5: owed only if the
  // event happens), on a case not in one of `closed_states` (a missed deadline of a closed
  // case stays missed in the reports but is nobody's task any more).
  virtual std::vector<CaseDeadline> owed_deadlines_of_owners(
      const std::vector<Id>& org_ids, const std::vector<std::string>& closed_states, int limit) = 0;

  virtual Id insert_event(const CaseEvent& e) = 0;
  virtual std::vector<CaseEvent> events_of_person(Id person_id, int limit) = 0;  // newest first
  virtual std::vector<CaseEvent> events_of(Id prescription_id) = 0;              // newest first

  virtual Id insert_permanence(const Permanence& p) = 0;
  // Permanences of a provider between two dates (inclusive), by date.
  virtual std::vector<Permanence> permanences_of(Id provider_id, Date from, Date to) = 0;
};

// Which workshops a list shows (SEC-1 filters set by app/).
struct WorkshopQuery {
  std::optional<Id> provider_id;
  std::optional<Id> spip_id;
  std::optional<Id> intervenant_id;
  std::optional<std::string> list_status;  // "submitted": awaiting the SPIP
  std::optional<Date> from;                // with a session on or after this date
  int limit = 200;
};

// Collective workshops (SPEC WS-1..5).
class WorkshopRepository {
 public:
  virtual ~WorkshopRepository() = default;
  virtual Id insert_workshop(const Workshop& w) = 0;
  virtual void update_workshop(const Workshop& w) = 0;
  virtual std::optional<Workshop> find_workshop(Id id) = 0;
  // Newest first: by first session date descending (workshops without sessions first, being
  // built), then id descending.
  virtual std::vector<Workshop> workshops(const WorkshopQuery& q) = 0;

  virtual Id insert_session(const WorkshopSession& s) = 0;
  virtual void update_session(const WorkshopSession& s) = 0;
  virtual std::optional<WorkshopSession> find_session(Id id) = 0;
  virtual std::vector<WorkshopSession> sessions_of(Id workshop_id) = 0;  // by number

  virtual Id insert_participant(const WorkshopParticipant& p) = 0;
  virtual void update_participant(const WorkshopParticipant& p) = 0;
  virtual std::vector<WorkshopParticipant> participants_of(Id workshop_id) = 0;  // by id
  // Participations of a case in any workshop, by id.
  virtual std::vector<WorkshopParticipant> participations_of(Id prescription_id) = 0;

  // One row per (session, participant): inserting again replaces the previous record.
  virtual void save_attendance(const WorkshopAttendance& a) = 0;
  virtual std::vector<WorkshopAttendance> attendance_of_session(Id workshop_session_id) = 0;
  // Every attendance of a participant, by session date.
  virtual std::vector<WorkshopAttendance> attendance_of_participant(Id participant_id) = 0;

  // WS-1: themes of the catalogue agreed by a SPIP for a programme.
  virtual std::vector<std::string> agreed_themes(Id spip_id, const std::string& programme_id) = 0;
  virtual void set_agreed_themes(Id spip_id, const std::string& programme_id,
                                 const std::vector<std::string>& theme_ids, Id by, Instant at) = 0;
};

// ATT-2: a session whose attendance is recorded but whose signed sheet was not uploaded.
struct UnscannedSession {
  std::string kind;        // "individual" or "workshop"
  Id session_id = 0;       // sessions.id or workshop_sessions.id
  Id prescription_id = 0;  // individual
  Id workshop_id = 0;      // workshop
  Date date{};
  int start_minute = 0;
  int duration_minutes = 0;
  Id intervenant_id = 0;
};

// The professional file (BEN-4), consents and shares (SEC-3), bilans (PPAIP-16).
class DocumentRepository {
 public:
  virtual ~DocumentRepository() = default;
  // Stores the metadata and, when no document has these bytes yet, the bytes (by checksum).
  virtual Id insert_document(const StoredDocument& d, const std::string& bytes) = 0;
  virtual std::optional<StoredDocument> find_document(Id id) = 0;
  virtual std::optional<std::string> content(const std::string& checksum) = 0;
  // The last version of the series of `like` (same person, case, workshop, session, workshop
  // session, kind and copy), if any.
  virtual std::optional<StoredDocument> latest_version(const StoredDocument& like) = 0;
  // Newest first.
  virtual std::vector<StoredDocument> documents_of_person(Id person_id) = 0;
  virtual std::vector<StoredDocument> documents_of_workshop(Id workshop_id) = 0;
  virtual std::vector<StoredDocument> scans_of_session(Id session_id) = 0;
  virtual std::vector<StoredDocument> scans_of_workshop_session(Id workshop_session_id) = 0;
  // Sessions of a provider between two dates with attendance recorded and no scan, by date.
  virtual std::vector<UnscannedSession> unscanned_sessions(Id provider_id, Date from, Date to,
                                                           int limit) = 0;

  virtual Id insert_consent(const Consent& c) = 0;
  virtual void update_consent(const Consent& c) = 0;
  virtual std::optional<Consent> find_consent(Id id) = 0;
  virtual std::vector<Consent> consents_of_person(Id person_id) = 0;  // newest first

  virtual Id insert_share(const DocumentShare& s) = 0;
  virtual std::vector<DocumentShare> shares_of_document(Id document_id) = 0;  // by id
  // Shares to one of the organisations, newest first.
  virtual std::vector<DocumentShare> shares_to(const std::vector<Id>& org_ids, int limit) = 0;

  virtual Id insert_bilan(const Bilan& b) = 0;
  virtual void update_bilan(const Bilan& b) = 0;
  virtual std::optional<Bilan> find_bilan(Id id) = 0;
  virtual std::vector<Bilan> bilans_of(Id prescription_id) = 0;  // by id
};

// In-app notifications, the e-mail outbox and per-user preferences (SPEC DL-2).
class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  virtual Id insert_notification(const Notification& n) = 0;
  virtual std::vector<Notification> notifications_of(Id user_id, int limit) = 0;  // newest first
  virtual int unread_count(Id user_id) = 0;
  // Marks one (id > 0) or all (id == 0) of the user's notifications read.
  virtual void mark_read(Id user_id, Id id, Instant at) = 0;

  virtual Id enqueue_email(const OutboxEmail& e) = 0;
  virtual std::optional<OutboxEmail> find_email(Id id) = 0;
  // Pending e-mails whose next attempt is due at `now`, oldest first.
  virtual std::vector<OutboxEmail> due_emails(Instant now, int limit) = 0;
  // Claims a due pending e-mail for one delivery attempt by moving its next attempt to
  // `lease_until`; false when another worker claimed it first (several servers).
  virtual bool claim_email(Id id, Instant now, Instant lease_until) = 0;
  virtual void update_email(const OutboxEmail& e) = 0;
  virtual Id insert_attempt(const EmailAttempt& a) = 0;
  virtual std::vector<EmailAttempt> attempts_of(Id email_id) = 0;  // oldest first
  // Newest first; every status when nullopt.
  virtual std::vector<OutboxEmail> emails(std::optional<EmailStatus> status, int limit) = 0;

  // E-mail opt-outs: kinds the user does not want by e-mail.
  virtual std::vector<std::string> email_opt_outs(Id user_id) = 0;
  virtual void set_email_opt_outs(Id user_id, const std::vector<std::string>& kinds) = 0;
  // The day of the last daily digest sent to the user.
  virtual std::optional<Date> last_digest(Id user_id) = 0;
  virtual void set_last_digest(Id user_id, Date day) = 0;
};

// The repositories of one open transaction.
struct Repos {
  OrganisationRepository& orgs;
  UserRepository& users;
  ContractRepository& contracts;
  StaffRepository& staff;
  AuthRepository& auth;
  AuditRepository& audit;
  PersonRepository& persons;
  JourneyRepository& journeys;
  NotificationRepository& notifications;
  WorkshopRepository& workshops;
  DocumentRepository& documents;
  ReportingRepository& reporting;
};

struct PoolStats {
  int size = 0;    // connections in the pool
  int in_use = 0;  // connections lent out now
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn in one transaction: commits if fn succeeds, rolls back otherwise or when the
  // backend fails (mapped to an Error). Nothing is half-written (SEC-5).
  virtual Status transact(const std::function<Status(Repos&)>& fn) = 0;
  // Same, read-only intent (may share snapshots; never commits a change).
  virtual Status read(const std::function<Status(Repos&)>& fn) = 0;
  virtual Status ping() = 0;
  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"
  virtual PoolStats pool_stats() const = 0;
};

// Helpers returning a value out of a transaction.
template <typename T, typename Fn>
Result<T> transact(Store& store, Fn&& fn) {
  std::optional<Result<T>> out;
  Status s = store.transact([&](Repos& r) -> Status {
    out.emplace(fn(r));
    if (out->ok()) return {};
    return out->error();
  });
  if (!s.ok()) return s.error();
  return std::move(*out);
}

template <typename T, typename Fn>
Result<T> read(Store& store, Fn&& fn) {
  std::optional<Result<T>> out;
  Status s = store.read([&](Repos& r) -> Status {
    out.emplace(fn(r));
    if (out->ok()) return {};
    return out->error();
  });
  if (!s.ok()) return s.error();
  return std::move(*out);
}

}  // namespace parcours
