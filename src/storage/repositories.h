// SOCI implementations of the repository ports (src/app/ports.h), one file each. They are
// built by SociStore for one transaction and bound to its session; they throw on failure and
// the Store border maps the exception (DESIGN §4.5). An update of a row that does not exist
// throws RowMissing (→ not_found); deletions of missing rows are no-ops.
//
// Orders, identical on both backends:
//   organisations   kind (order of all_org_kinds()) then name, French-folded (sort_key)
//   places          name;  users: full name;  memberships: id
//   contracts       start date then reference
//   lots            lots_of: number; lots_of_provider and all_lots: contract then number;
//                   spip_ids ascending, duplicates dropped
//   amendments      effective date then id;  authorisations: requested date then id
//   coordinators    establishment id;  substitutes: id;  API tokens: creation then id
//   audit entries   entries_after: seq ascending; for_subject, for_person: seq descending
//   persons         search: last name, first name (French-folded keys, letters and digits
//                   only), then id
//   orientations    of a person: requested date then id, descending; pending: ascending
//   prescriptions   prescribed_at then id, descending (newest first)
//   proposals       version then id;  suspensions: start then id
//   sessions        date, start minute, id;  permanences: date, start minute, id
//   deadlines       due instant then id
//   case events     instant then id, descending (newest first)
//   workshops       first session date (any status) descending, workshops without sessions
//                   first (being built), then id descending
//   workshop sessions: number then id;  participants, participations: id
//   workshop attendance: of a session: participant id; of a participant: session date,
//                   start minute, then id;  agreed themes: theme id
//   documents       of a person, of a workshop, scans of a session: created_at then id,
//                   descending (newest first); latest_version: highest version, then id
//   unscanned sessions: date, start minute, kind ("individual" before "workshop"), id
//   consents        recorded_at then id, descending;  shares of a document: id;
//   shares_to       shared_at then id, descending;  bilans: id
#pragma once

#include <soci/soci.h>

#include "app/ports.h"

namespace parcours::storage {

class SqlOrganisationRepository final : public OrganisationRepository {
 public:
  explicit SqlOrganisationRepository(soci::session& sql) : sql_(sql) {}
  Id insert(const Organisation& o) override;
  void update(const Organisation& o) override;
  std::optional<Organisation> find(Id id) override;
  std::optional<Organisation> find_by_code(const std::string& code) override;
  std::vector<Organisation> list(std::optional<OrgKind> kind) override;
  std::vector<Organisation> children(Id parent_id) override;

  Id insert_place(const Place& p) override;
  void update_place(const Place& p) override;
  std::optional<Place> find_place(Id id) override;
  std::vector<Place> places_of(Id org_id) override;

 private:
  soci::session& sql_;
};

// E-mail addresses are stored and looked up in ASCII lower case (the login, SPEC SEC-5).
class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(soci::session& sql) : sql_(sql) {}
  Id insert(const User& u) override;
  void update(const User& u) override;
  std::optional<User> find(Id id) override;
  std::optional<User> find_by_email(const std::string& email) override;
  std::vector<User> list() override;
  void set_password_hash(Id user_id, const std::string& hash) override;
  std::optional<std::string> password_hash(Id user_id) override;

  Id add_membership(const Membership& m) override;
  void remove_membership(Id membership_id) override;
  std::vector<Membership> memberships_of(Id user_id) override;
  std::vector<Membership> members_of(Id org_id) override;
  std::optional<Membership> find_membership(Id membership_id) override;

 private:
  soci::session& sql_;
};

class SqlContractRepository final : public ContractRepository {
 public:
  explicit SqlContractRepository(soci::session& sql) : sql_(sql) {}
  Id insert_contract(const Contract& c) override;
  void update_contract(const Contract& c) override;
  std::optional<Contract> find_contract(Id id) override;
  std::optional<Contract> find_contract_by_reference(const std::string& reference) override;
  std::vector<Contract> contracts() override;

  Id insert_lot(const Lot& l) override;
  void update_lot(const Lot& l) override;
  std::optional<Lot> find_lot(Id id) override;
  std::vector<Lot> lots_of(Id contract_id) override;
  std::vector<Lot> lots_of_provider(Id provider_org_id) override;
  std::vector<Lot> all_lots() override;

  Id insert_amendment(const VolumeAmendment& a) override;
  std::vector<VolumeAmendment> amendments_of(Id lot_id) override;

 private:
  void write_spips(Id lot_id, const std::vector<Id>& spip_ids);
  // Lots matching a WHERE clause over table alias l, with their SPIPs.
  std::vector<Lot> load_lots(const std::string& where, const std::string& order, Id param);
  soci::session& sql_;
};

class SqlStaffRepository final : public StaffRepository {
 public:
  explicit SqlStaffRepository(soci::session& sql) : sql_(sql) {}
  Id insert_authorisation(const AccessAuthorisation& a) override;
  void update_authorisation(const AccessAuthorisation& a) override;
  std::optional<AccessAuthorisation> find_authorisation(Id id) override;
  std::vector<AccessAuthorisation> authorisations_of_user(Id user_id) override;

  void set_coordinator(const EstablishmentCoordinator& c) override;
  std::vector<EstablishmentCoordinator> coordinators_of(Id provider_org_id) override;

  Id add_substitute(const Substitute& s) override;
  void remove_substitute(Id id) override;
  std::vector<Substitute> substitutes_of(Id provider_org_id) override;

 private:
  soci::session& sql_;
};

class SqlAuthRepository final : public AuthRepository {
 public:
  explicit SqlAuthRepository(soci::session& sql) : sql_(sql) {}
  void insert_session(const WebSession& s) override;
  std::optional<WebSession> find_session(const std::string& token_hash) override;
  void touch_session(const std::string& token_hash, Instant at) override;
  void delete_session(const std::string& token_hash) override;
  void delete_sessions_of(Id user_id) override;
  int delete_sessions_idle_since(Instant before) override;

  void record_login_failure(const std::string& key, Instant at) override;
  int count_login_failures(const std::string& key, Instant since) override;
  void clear_login_failures(const std::string& key) override;
  void clear_login_failures_with_prefix(const std::string& prefix) override;

  Id insert_api_token(const ApiToken& t) override;
  std::optional<ApiToken> find_api_token(const std::string& token_hash) override;
  std::vector<ApiToken> api_tokens_of(Id user_id) override;
  void touch_api_token(Id id, Instant at) override;
  void revoke_api_token(Id id) override;
  void revoke_api_tokens_of(Id user_id) override;

  Id insert_link(const AccountLink& l) override;
  std::optional<AccountLink> find_link(const std::string& token_hash) override;
  bool use_link(Id id, Instant at) override;
  void expire_links_of(Id user_id, const std::string& purpose, Instant at) override;
  bool has_pending_invitation(Id user_id, Instant now) override;

 private:
  soci::session& sql_;
};

// SPEC SEC-2. Ids 0 (actor, subject, person) are stored as NULL.
class SqlAuditRepository final : public AuditRepository {
 public:
  explicit SqlAuditRepository(soci::session& sql) : sql_(sql) {}
  void append(const AuditEntry& e) override;
  std::optional<std::pair<long long, std::string>> head_for_update() override;
  std::optional<std::pair<long long, std::string>> head() override;
  void set_head(long long seq, const std::string& hash) override;
  std::vector<AuditEntry> entries_after(long long seq, int limit) override;
  std::vector<AuditEntry> for_subject(const std::string& type, Id id, int limit) override;
  std::vector<AuditEntry> for_person(Id person_id, int limit) override;

 private:
  soci::session& sql_;
};

// People (BEN-1..3); storage/person_repository.cc. Search order: last name, first name, id
// (French-folded, case-insensitive).
class SqlPersonRepository final : public PersonRepository {
 public:
  explicit SqlPersonRepository(soci::session& sql) : sql_(sql) {}
  Id insert(const Person& p) override;
  void update(const Person& p) override;
  std::optional<Person> find(Id id) override;
  std::vector<Person> find_many(const std::vector<Id>& ids) override;
  std::vector<Person> search(const PersonQuery& q) override;
  int count(const PersonQuery& q) override;

 private:
  soci::session& sql_;
};

// Programme cases and their records; storage/journey_repository.cc.
class SqlJourneyRepository final : public JourneyRepository {
 public:
  explicit SqlJourneyRepository(soci::session& sql) : sql_(sql) {}
  Id insert_orientation(const Orientation& o) override;
  void update_orientation(const Orientation& o) override;
  std::optional<Orientation> find_orientation(Id id) override;
  std::vector<Orientation> orientations_of_person(Id person_id) override;
  std::vector<Orientation> pending_orientations(Id spip_id) override;

  Id insert_prescription(const Prescription& p) override;
  void update_prescription(const Prescription& p) override;
  std::optional<Prescription> find_prescription(Id id) override;
  std::vector<Prescription> find_prescriptions(const std::vector<Id>& ids) override;
  std::vector<Prescription> prescriptions(const PrescriptionQuery& q) override;

  Id insert_proposal(const Proposal& p) override;
  void update_proposal(const Proposal& p) override;
  std::optional<Proposal> find_proposal(Id id) override;
  std::vector<Proposal> proposals_of(Id prescription_id) override;
  std::vector<Proposal> proposals_of_cases(const std::vector<Id>& prescription_ids) override;

  Id insert_session(const Session& s) override;
  void update_session(const Session& s) override;
  std::optional<Session> find_session(Id id) override;
  std::vector<Session> sessions_of(Id prescription_id) override;
  std::vector<Session> sessions_of_provider(Id provider_id, Date from, Date to,
                                            std::optional<Id> intervenant_id) override;

  Id insert_suspension(const Suspension& s) override;
  void update_suspension(const Suspension& s) override;
  std::vector<Suspension> suspensions_of(Id prescription_id) override;

  Id insert_deadline(const CaseDeadline& d) override;
  void update_deadline(const CaseDeadline& d) override;
  std::vector<CaseDeadline> deadlines_of(Id prescription_id) override;
  std::vector<CaseDeadline> deadlines_of_cases(const std::vector<Id>& prescription_ids) override;
  std::vector<CaseDeadline> owed_deadlines_of_owners(const std::vector<Id>& org_ids,
                                                     const std::vector<std::string>& closed_states,
                                                     int limit) override;

  Id insert_event(const CaseEvent& e) override;
  std::vector<CaseEvent> events_of_person(Id person_id, int limit) override;
  std::vector<CaseEvent> events_of(Id prescription_id) override;

  Id insert_permanence(const Permanence& p) override;
  std::vector<Permanence> permanences_of(Id provider_id, Date from, Date to) override;

 private:
  soci::session& sql_;
};

// Notifications, outbox, opt-outs, digests; storage/notification_repository.cc.
class SqlNotificationRepository final : public NotificationRepository {
 public:
  explicit SqlNotificationRepository(soci::session& sql) : sql_(sql) {}
  Id insert_notification(const Notification& n) override;
  std::vector<Notification> notifications_of(Id user_id, int limit) override;
  int unread_count(Id user_id) override;
  void mark_read(Id user_id, Id id, Instant at) override;

  Id enqueue_email(const OutboxEmail& e) override;
  std::optional<OutboxEmail> find_email(Id id) override;
  std::vector<OutboxEmail> due_emails(Instant now, int limit) override;
  bool claim_email(Id id, Instant now, Instant lease_until) override;
  void update_email(const OutboxEmail& e) override;
  Id insert_attempt(const EmailAttempt& a) override;
  std::vector<EmailAttempt> attempts_of(Id email_id) override;
  std::vector<OutboxEmail> emails(std::optional<EmailStatus> status, int limit) override;

  std::vector<std::string> email_opt_outs(Id user_id) override;
  void set_email_opt_outs(Id user_id, const std::vector<std::string>& kinds) override;
  std::optional<Date> last_digest(Id user_id) override;
  void set_last_digest(Id user_id, Date day) override;

 private:
  soci::session& sql_;
};

// Collective workshops (WS-1..5); storage/workshop_repository.cc, schema in
// storage/migrations_workshops.cc. save_attendance updates the row of its (session, participant)
// pair, or inserts it when there is none (same statements on both backends); the id of an
// existing row is kept. set_agreed_themes replaces the whole set (duplicates dropped).
class SqlWorkshopRepository final : public WorkshopRepository {
 public:
  explicit SqlWorkshopRepository(soci::session& sql) : sql_(sql) {}
  Id insert_workshop(const Workshop& w) override;
  void update_workshop(const Workshop& w) override;
  std::optional<Workshop> find_workshop(Id id) override;
  std::vector<Workshop> workshops(const WorkshopQuery& q) override;

  Id insert_session(const WorkshopSession& s) override;
  void update_session(const WorkshopSession& s) override;
  std::optional<WorkshopSession> find_session(Id id) override;
  std::vector<WorkshopSession> sessions_of(Id workshop_id) override;

  Id insert_participant(const WorkshopParticipant& p) override;
  void update_participant(const WorkshopParticipant& p) override;
  std::vector<WorkshopParticipant> participants_of(Id workshop_id) override;
  std::vector<WorkshopParticipant> participations_of(Id prescription_id) override;

  void save_attendance(const WorkshopAttendance& a) override;
  std::vector<WorkshopAttendance> attendance_of_session(Id workshop_session_id) override;
  std::vector<WorkshopAttendance> attendance_of_participant(Id participant_id) override;

  std::vector<std::string> agreed_themes(Id spip_id, const std::string& programme_id) override;
  void set_agreed_themes(Id spip_id, const std::string& programme_id,
                         const std::vector<std::string>& theme_ids, Id by, Instant at) override;

 private:
  soci::session& sql_;
};

// The professional file, consents, shares and bilans (BEN-4, ATT-2, SEC-3, PPAIP-16);
// storage/document_repository.cc. The bytes are stored once per checksum, base64-encoded
// (storage/base64.h); insert_document looks the checksum up first and inserts the bytes with
// ON CONFLICT DO NOTHING, so that a concurrent insert of the same bytes never aborts the
// transaction. A stored content that is not valid base64 throws (→ unavailable).
class SqlDocumentRepository final : public DocumentRepository {
 public:
  explicit SqlDocumentRepository(soci::session& sql) : sql_(sql) {}
  Id insert_document(const StoredDocument& d, const std::string& bytes) override;
  std::optional<StoredDocument> find_document(Id id) override;
  std::optional<std::string> content(const std::string& checksum) override;
  std::optional<StoredDocument> latest_version(const StoredDocument& like) override;
  std::vector<StoredDocument> documents_of_person(Id person_id) override;
  std::vector<StoredDocument> documents_of_workshop(Id workshop_id) override;
  std::vector<StoredDocument> scans_of_session(Id session_id) override;
  std::vector<StoredDocument> scans_of_workshop_session(Id workshop_session_id) override;
  std::vector<UnscannedSession> unscanned_sessions(Id provider_id, Date from, Date to,
                                                   int limit) override;

  Id insert_consent(const Consent& c) override;
  void update_consent(const Consent& c) override;
  std::optional<Consent> find_consent(Id id) override;
  std::vector<Consent> consents_of_person(Id person_id) override;

  Id insert_share(const DocumentShare& s) override;
  std::vector<DocumentShare> shares_of_document(Id document_id) override;
  std::vector<DocumentShare> shares_to(const std::vector<Id>& org_ids, int limit) override;

  Id insert_bilan(const Bilan& b) override;
  void update_bilan(const Bilan& b) override;
  std::optional<Bilan> find_bilan(Id id) override;
  std::vector<Bilan> bilans_of(Id prescription_id) override;

 private:
  soci::session& sql_;
};

}  // namespace parcours::storage
