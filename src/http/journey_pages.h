// Route groups of the journey pages and what they share (internal to src/http/journey_*).
#pragma once

#include "http/journey_views.h"

namespace parcours::http {

void add_journey_people_pages(Web& web);
void add_journey_case_pages(Web& web);
// Parts of the case pages, registered by add_journey_case_pages.
void add_journey_case_lists(Web& web);
void add_journey_proposal_pages(Web& web);
void add_journey_session_pages(Web& web);
// Workshops (WS-1..5), the paper trail (ATT-1, ATT-2) and the professional file (BEN-4, SEC-3,
// PPAIP-16).
void add_workshop_pages(Web& web);         // http/workshop_pages.cc
void add_workshop_detail_pages(Web& web);  // http/workshop_detail_pages.cc
void add_paper_pages(Web& web);            // http/paper_pages.cc
void add_file_pages(Web& web);             // http/file_pages.cc
void add_bilan_pages(Web& web);            // http/bilan_pages.cc

// JourneyForm::load of the provider's case forms: the case (403 for the SPIP side, recorded
// in the audit trail as a refused `action`).
std::function<Result<std::any>(const Request&, PageCtx&)> load_provider_case(
    Web& web, const std::string& action);

// Refuses from the HTTP layer, when a page checks a right before any use case does: records
// the attempt in the audit trail (SEC-2) and returns the `forbidden` error to show.
Error refuse(Web& web, const Actor& a, const std::string& action, const std::string& subject_type,
             Id subject_id, const std::string& message);

// Shows the case page; with a failure, the failed embedded form comes back open with its
// values and the error, with the failure's status.
void show_case(Web& web, Response& res, PageCtx& ctx, Id prescription_id,
               const EmbeddedFailure* failure);

}  // namespace parcours::http
