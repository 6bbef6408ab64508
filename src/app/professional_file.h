// The paper trail and the professional file (SPEC ATT-1, ATT-2, WS-4, WS-5, PPAIP-10,
// PPAIP-16, BEN-4, SEC-3).
//
// Generated documents are rendered through the DocumentRenderer port and stored in the
// professional file with checksum, author, date and version (a new version only when the
// bytes differ from the last one). Signed scans come back attached to their session. Sharing a
// document outside the SPIP–provider pair needs the person's consent; every share and every
// download is audited (SEC-2).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/documents.h"
#include "app/journey.h"
#include "app/ports.h"
#include "app/programmes.h"

namespace parcours {

struct PdfFile {
  Id document_id = 0;
  int version = 0;
  std::string filename;
  std::string media_type = "application/pdf";
  std::string bytes;
};

struct DocumentView {
  StoredDocument document;
  std::string kind_label;
  std::string author_name;
  std::vector<std::string> shared_with;  // names of partner organisations
};

struct ConsentView {
  Consent consent;
  std::string recipient_name;
  std::string recorded_by_name;
  bool active = false;
};

// The professional file of a person as the actor may see it.
struct ProfessionalFile {
  Person person;
  std::vector<DocumentView> documents;  // newest first
  std::vector<ConsentView> consents;    // newest first
  std::vector<Organisation> partners;   // organisations a document may be shared with
  bool can_manage_consent = false;      // SPIP or provider side
};

struct SharedDocumentView {
  DocumentShare share;
  StoredDocument document;
  std::string person_name;
  std::string kind_label;
};

// ATT-2: what a typed or scanned code designates.
struct CodeTarget {
  std::string kind;  // "individual" or "workshop"
  Id session_id = 0;
  // The page where the attendance is recorded and the signed scan uploaded:
  // "/seances/{id}/emargement" (individual session: a page of its own showing the session,
  // the attendance form and the scan upload) or "/ateliers/seances/{id}/emargement".
  std::string link;
};

// An individual session with its case, for the page "/seances/{id}/emargement".
struct SessionSheetView {
  PrescriptionView case_view;
  SessionView session;
  std::string code;                   // "E-…"
  std::vector<StoredDocument> scans;  // signed sheets uploaded, newest first
  bool past = false;                  // started
  bool can_record = false;            // started, still planned, case open: record attendance
};

struct UnscannedView {
  UnscannedSession session;
  std::string code;
  std::string label;  // "Entretien — DUPONT Jean" / "Atelier : CV et lettre (séance 2)"
  std::string intervenant_name;
  std::string link;
};

struct BilanView {
  Bilan bilan;  // id 0: not saved yet, sections pre-filled
  std::string kind_label;
  PrescriptionView case_view;
  std::vector<BilanActivity> activities;  // from sessions and workshops
  std::string hours_summary;
  bool can_edit = false;
  bool can_deliver = false;
};

class ProfessionalFileService {
 public:
  ProfessionalFileService(Store& store, const Clock& clock, const Programmes& programmes,
                          DocumentRenderer& renderer);

  // Generated documents, stored in the professional file (BEN-4).
  Result<PdfFile> individual_sheet(const Actor& a, Id prescription_id);  // ATT-1
  Result<PdfFile> calendar(const Actor& a, Id prescription_id);          // PPAIP-10
  Result<PdfFile> calendar_change(const Actor& a, Id prescription_id);   // PPAIP-10
  Result<PdfFile> convocation(const Actor& a, Id workshop_id);           // WS-4
  // WS-4: one letter per registered person, one page each (écrou number in milieu fermé).
  Result<PdfFile> convocation_letters(const Actor& a, Id workshop_id);
  // WS-4: the participants and their écrou numbers for the establishment's officers.
  Result<PdfFile> establishment_list(const Actor& a, Id workshop_id);
  // WS-5: every session of the workshop, or one.
  Result<PdfFile> collective_sheet(const Actor& a, Id workshop_id,
                                   std::optional<Id> workshop_session_id);

  // ATT-2: the session designated by a printed code (provider side only).
  Result<CodeTarget> resolve_code(const Actor& a, const std::string& typed);
  // ATT-2: an individual session, its case and its scans (provider side).
  Result<SessionSheetView> session_sheet(const Actor& a, Id session_id);
  // ATT-2: a signed sheet (PDF, JPEG or PNG judged by content, at most max_upload_bytes).
  Result<Id> upload_scan(const Actor& a, const std::string& kind, Id session_id,
                         const std::string& filename, const std::string& bytes);
  // BEN-4: any other document of a case (skills booklet…).
  Result<Id> upload_document(const Actor& a, Id prescription_id, const std::string& title,
                             const std::string& filename, const std::string& bytes);
  // ATT-2: the provider's sessions of the last `days` days with attendance and no scan.
  Result<std::vector<UnscannedView>> unscanned(const Actor& a, int days = 90);

  Result<ProfessionalFile> professional_file(const Actor& a, Id person_id);
  // The bytes of a document; audited (SEC-2). Partners only through an active share.
  Result<PdfFile> download(const Actor& a, Id document_id);

  // SEC-3.
  Result<Id> record_consent(const Actor& a, Consent c);
  Status revoke_consent(const Actor& a, Id consent_id, const std::string& reason);
  Result<Id> share(const Actor& a, Id document_id, Id recipient_org_id);
  Result<std::vector<SharedDocumentView>> shared_with_me(const Actor& a);

  // PPAIP-16.
  Result<BilanView> bilan(const Actor& a, Id prescription_id, const std::string& kind);
  Result<Id> save_bilan(const Actor& a, Id prescription_id, const Bilan& b);
  // Renders without storing: "cpip" or "person" copy.
  Result<PdfFile> preview_bilan(const Actor& a, Id prescription_id, const std::string& kind,
                                const std::string& copy);
  // Stores both copies, records the delivery and fires the configured delivery event, which
  // meets the bilan deadline; the CPIP is notified with the document.
  Status deliver_bilan(const Actor& a, Id bilan_id, Date delivered_to_person_on,
                       const std::string& mode);

  std::size_t max_upload_bytes = 10 * 1024 * 1024;

 private:
  Store& store_;
  const Clock& clock_;
  const Programmes& programmes_;
  DocumentRenderer& renderer_;
};

}  // namespace parcours
