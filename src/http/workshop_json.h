// JSON shapes of the workshops, the paper trail and the professional file (/api/v1, documented in
// docs/openapi.json): SPEC WS-1..5, ATT-1..2, PPAIP-10, PPAIP-16, BEN-4, SEC-3. Same formats as
// journey_json.h (dates "YYYY-MM-DD", instants ISO 8601 UTC, times "HH:MM", ids 0 as null).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "app/professional_file.h"
#include "app/workshops.h"
#include "http/journey_json.h"

namespace parcours::http {

// ---- Writing: workshops ----------------------------------------------------------------------

nlohmann::json to_json(const Workshop& w);
nlohmann::json to_json(const WorkshopSession& s);
nlohmann::json to_json(const WorkshopParticipant& p);
nlohmann::json to_json(const WorkshopAttendance& a);
nlohmann::json to_json(const WorkshopSummary& s);
nlohmann::json to_json(const ParticipantView& v);
nlohmann::json to_json(const WorkshopSessionView& v);
nlohmann::json to_json(const WorkshopView& v);
nlohmann::json to_json(const AddedParticipant& a);
nlohmann::json to_json(const AttendanceOutcome& o);
nlohmann::json to_json(const Choice& c);

// ---- Writing: documents, consents, bilans
// --------------------------------------------------------

// Metadata only: the bytes are at /api/v1/documents/{id}/content.
nlohmann::json to_json(const StoredDocument& d);
nlohmann::json to_json(const DocumentView& v);
nlohmann::json to_json(const Consent& c);
nlohmann::json to_json(const ConsentView& v);
nlohmann::json to_json(const DocumentShare& s);
nlohmann::json to_json(const SharedDocumentView& v);
nlohmann::json to_json(const ProfessionalFile& f);
nlohmann::json to_json(const CodeTarget& t);
nlohmann::json to_json(const UnscannedView& v);
nlohmann::json to_json(const BilanActivity& a);
nlohmann::json to_json(const Bilan& b);
nlohmann::json to_json(const BilanView& v);

// ---- Reading
// ---------------------------------------------------------------------------------------

// spip_id, site_id, theme, title, description, intervenant_id, external_professionals, place_id,
// place_label, sessions [{date, start, duration_minutes}] (sessions only when `with_sessions`).
void from_json(JsonBody& b, WorkshopInput& in, bool with_sessions);
// date, start "HH:MM", duration_minutes.
void from_json(JsonBody& b, WorkshopSession& s);
// rows: [{participant_id, present, absence_reason, justified}].
void from_json(JsonBody& b, std::vector<ParticipantAttendance>& rows);
// person_id comes from the path; recipient_org_id, scope, given_on, note.
void from_json(JsonBody& b, Consent& c);
// kind, programme_done, professional_project, action_plan, recommendations.
void from_json(JsonBody& b, Bilan& bilan);

}  // namespace parcours::http
