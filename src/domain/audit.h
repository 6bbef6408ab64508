// The audit trail (SPEC SEC-2): every read of a person's file and every change is recorded
// in a journal that cannot be silently altered.
//
// The journal is a hash chain. Entry n carries seq = n (1, 2, 3… without gaps), the hash of
// entry n-1 (prev_hash; "" for entry 1) and its own hash = SHA-256 (hex) of audit_payload().
// Altering an entry breaks its hash; removing one breaks the sequence and the link of the
// next; removing the last ones is caught by comparing with the journal head (storage keeps
// seq and hash of the last entry in a separate row updated in the same transaction).
// Pure: computing the hash and walking the journal belong to app/audit.h.
#pragma once

#include <string>

#include "domain/types.h"

namespace parcours {

struct AuditEntry {
  Id id = 0;                 // storage row id; not part of the chain
  long long seq = 0;         // 1, 2, 3… in the order of recording
  Instant at{};              // when (UTC, seconds)
  Id actor_user_id = 0;      // 0: no signed-in user (command line, system)
  std::string actor_label;   // who, as shown: "Camille Durand", "Ligne de commande"
  std::string remote_addr;   // client address for HTTP; "" when unknown
  std::string action;        // dotted English id: "organisation.create", "membership.remove"
  std::string subject_type;  // "organisation", "user", "lot"…
  Id subject_id = 0;         // 0: none
  Id person_id = 0;          // the person (justiciable) whose file this concerns; 0: none
  std::string detail;        // short JSON, ids and codes only, never secrets
  std::string prev_hash;     // hash of entry seq-1; "" for entry 1
  std::string hash;          // SHA-256 hex of audit_payload(*this)
};

// The canonical text hashed for an entry: every field except id and hash, in a fixed order
// (seq, at, actor_user_id, actor_label, remote_addr, action, subject_type, subject_id,
// person_id, detail, prev_hash), after the version tag "parcours-audit-v1". Each field is
// written as <length in bytes, decimal>:<bytes>; (integers in decimal, ids 0 as "0", `at` in
// seconds since the epoch), so that no choice of values can make two different entries give
// the same text ("a|b" + "c" vs "a" + "b|c"). Changing this format invalidates every stored
// hash: add a new version tag instead.
std::string audit_payload(const AuditEntry& e);

// Outcome of walking the whole journal (app/audit.h verify_audit).
struct AuditVerification {
  bool ok = true;
  long long entries = 0;        // entries checked
  long long first_bad_seq = 0;  // the first entry found missing or altered; 0 when ok
  std::string problem;          // French, for the administrator; "" when ok
};

}  // namespace parcours
