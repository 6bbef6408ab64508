// The audit trail (SPEC SEC-2): every read of a person's file and every change is recorded in
// a journal that cannot be silently altered — a hash chain (domain/audit.h) whose head is
// kept beside it.
#pragma once

#include <string>

#include "app/actor.h"
#include "app/ports.h"
#include "domain/audit.h"

namespace parcours {

// Appends one entry inside the caller's open write transaction (Store::transact), so that a
// use case that fails leaves no entry and a committed change always has one. Locks the
// journal head until the transaction ends (concurrent writers form one chain): call it once,
// after the use case's own writes. Who: actor.user (id 0 → "Ligne de commande"), from
// actor.remote_addr. `action` is a dotted English id ("organisation.create"); `detail` a short
// JSON text of ids and codes — never a password, token or free text about a person.
// Throws std::runtime_error when the head row is missing (a damaged journal): the Store
// border then rolls the whole use case back.
void record(Repos& r, const Clock& clock, const Actor& actor, const std::string& action,
            const std::string& subject_type, Id subject_id, Id person_id = 0,
            const std::string& detail = "");

// Records a refused attempt (SEC-1, SEC-2): an "access.denied" entry by `actor`, naming the
// refused `action` in its detail, in a transaction of its own (the refused use case wrote
// nothing). For the app's use cases and for the HTTP guards that refuse before calling one.
// A failure to write it is not reported: the refusal stands either way.
void record_denied(Store& store, const Clock& clock, const Actor& actor, const std::string& action,
                   const std::string& subject_type, Id subject_id);

// A read of a person's file to record (SEC-2): what record() takes, without the transaction.
struct AuditedRead {
  std::string action;        // "person.read", "prescription.read"…
  std::string subject_type;  // "person", "prescription", "document"
  Id subject_id = 0;
  Id person_id = 0;
};

// Records a read that has already been made, in a read transaction, before its answer is
// given (SEC-2), by group commit: concurrent callers on one Store queue their entries and
// wait; one of them writes every queued entry in one write transaction (one chain, in queue
// order, after the head it locks, as record() does), then wakes them all with that
// transaction's outcome. N concurrent readers thus cost one write transaction per batch, not
// one each, and no answer leaves before its entry is committed. Must not be called inside a
// Store::transact/read (it needs a connection of its own). Errors: the database's, for every
// entry of a failed batch (nothing of it is written); a missing head row is `unavailable`.
Status record_read(Store& store, const Clock& clock, const Actor& actor, const AuditedRead& read);

// What record_read() did on one Store since the process started: entries written, write
// transactions committed, batches that failed. For tests and metrics.
struct AuditReadStats {
  long long entries = 0;
  long long transactions = 0;
  long long failed_batches = 0;
};
AuditReadStats audit_read_stats(const Store& store);

// What record() stores as actor_label.
std::string audit_actor_label(const Actor& actor);

// Walks the whole journal by seq, in pages, in one read transaction: recomputes each hash,
// checks seq continuity (1, 2, 3…) and each prev_hash, then that the head names the last
// entry. Stops at the first problem, described in French. Entries appended after the head
// was read are left for the next verification. Errors: the database's only.
Result<AuditVerification> verify_audit(Store& store);

}  // namespace parcours
