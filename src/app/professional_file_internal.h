// Shared machinery of the professional-file use cases (app/professional_file.cc,
// app/paper_documents.cc, app/bilans.cc). Not a public interface.
#pragma once

#include <string>

#include "app/journey_internal.h"
#include "app/professional_file.h"

namespace parcours::file_detail {

// SHA-256 of the bytes, hexadecimal.
std::string checksum_of(const std::string& bytes);

// BEN-4: stores `bytes` as the next version of the series of `like` (same person, case,
// workshop, session, kind, copy) — unless they equal the last version, which is returned.
// Fills checksum, size, version, author and date; audits the new version.
PdfFile store_document(Repos& r, const Clock& clock, const Actor& a, StoredDocument like,
                       const std::string& bytes);

// The header of a document about a case: DISP, SPIP, site, provider (justice_branding true).
DocumentHeader case_header(Repos& r, const Clock& clock, const Prescription& p,
                           const std::string& title);
DocumentHeader workshop_header(Repos& r, const Clock& clock, const Workshop& w,
                               const std::string& title);

// ATT-2: the code and the QR address of a record ('E' session, 'S' workshop session,
// 'A' workshop).
SheetCode sheet_code(char letter, Id id);

// "Présent(e)" / "Absent(e) — Maladie (justifiée)" / "" while not recorded.
std::string recorded_words(const ProgrammeConfig& config, const Session& s, Sex sex);
// « Présente », « Absent »: agreed with the person (UX-1).
std::string attended_words(Sex sex, bool present);

// SEC-1, BEN-4: the SPIP side of the person's SPIP, or the provider side of the document's
// case or workshop. Partners read through shares only (checked by the callers).
bool document_visible(Repos& r, const Actor& a, const StoredDocument& d);

}  // namespace parcours::file_detail
