// The professional file (SPEC BEN-4), consent to share with partners (SEC-3) and bilans
// (PPAIP-16): records and pure rules. The bytes live in storage; rendering is documents/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/types.h"

namespace parcours {

// One stored version of a generated or uploaded document.
struct StoredDocument {
  Id id = 0;
  Id person_id = 0;            // 0 for a workshop document concerning several people
  Id prescription_id = 0;      // the case it belongs to, if any
  Id workshop_id = 0;          // the workshop it belongs to, if any
  Id session_id = 0;           // individual session (a signed scan), if any
  Id workshop_session_id = 0;  // workshop session (a signed scan), if any
  // "attendance_individual", "attendance_collective", "convocation", "calendar",
  // "calendar_change", "bilan_final", "bilan_interim", "scan", "upload"
  std::string kind;
  std::string copy;  // bilans: "cpip" or "person"; else ""
  std::string title;
  std::string filename;
  std::string media_type;  // "application/pdf", "image/jpeg", "image/png"
  long long size = 0;
  std::string checksum;  // SHA-256, hexadecimal
  int version = 1;       // within its series (same person, case, workshop, session, kind, copy)
  Id author_id = 0;
  Instant created_at{};
};

// French label of a document kind ("Bilan final", "Feuille d’émargement signée"…).
const char* document_kind_label(const std::string& kind);

// SEC-3: the person's consent to share documents with one partner organisation.
struct Consent {
  Id id = 0;
  Id person_id = 0;
  Id recipient_org_id = 0;
  std::string scope = "bilans";  // "bilans" (bilans only) or "all" (every document)
  Date given_on{};
  std::string note;  // how it was given ("accord écrit signé le …")
  Id recorded_by = 0;
  Instant recorded_at{};
  std::optional<Instant> revoked_at;
  Id revoked_by = 0;
  std::string revoke_reason;
};

const char* consent_scope_label(const std::string& scope);
bool valid_consent_scope(const std::string& scope);
// The consent allows sharing this document with its recipient at `now`.
bool consent_covers(const Consent& c, const StoredDocument& d, Instant now);

// A document shared with a partner under a consent (audited).
struct DocumentShare {
  Id id = 0;
  Id document_id = 0;
  Id recipient_org_id = 0;
  Id consent_id = 0;
  Id shared_by = 0;
  Instant shared_at{};
};

// PPAIP-16: a bilan being written, then delivered to the person and the CPIP.
struct Bilan {
  Id id = 0;
  Id prescription_id = 0;
  std::string kind = "final";  // "final" or "interim" (mid-term)
  std::string programme_done;
  std::string professional_project;
  std::string action_plan;
  std::string recommendations;
  std::string status = "draft";  // "draft", "delivered"
  Id author_id = 0;
  Instant updated_at{};
  std::optional<Date> delivered_to_person_on;
  std::string delivery_mode;            // "hand" (en main propre), "post", "email"
  std::optional<Instant> delivered_at;  // recorded; meets the bilan deadline
  Id cpip_document_id = 0;
  Id person_document_id = 0;
  int version = 1;  // optimistic concurrency, see Person::version (domain/person.h)
};

const char* bilan_kind_label(const std::string& kind);  // "Bilan final", "Bilan à mi-parcours"
const char* delivery_mode_label(const std::string& mode);
bool valid_delivery_mode(const std::string& mode);
// The four sections: programme done, project and action plan required to deliver.
Status validate_bilan_for_delivery(const Bilan& b);

// ATT-2, BEN-4: the media type of an upload, judged by its content (magic bytes), never by
// its name: PDF, JPEG or PNG; anything else is refused with a French message.
Result<std::string> detect_media_type(const std::string& bytes);
// "dupont-jean-bilan-final.pdf": lower case ASCII letters, digits and dashes.
std::string safe_file_name(const std::string& words, const std::string& extension);

}  // namespace parcours
