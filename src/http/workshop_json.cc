#include "http/workshop_json.h"

namespace parcours::http {

using nlohmann::json;

namespace {

template <typename T>
json list(const std::vector<T>& xs) {
  json out = json::array();
  for (const auto& x : xs) out.push_back(to_json(x));
  return out;
}

json date_json(Date d) {
  return d.ok() ? json(iso(d)) : json(nullptr);
}

}  // namespace

// ---- Workshops -------------------------------------------------------------------------------

json to_json(const Workshop& w) {
  return {{"id", w.id},
          {"programme_id", w.programme_id},
          {"provider_id", id_or_null(w.provider_id)},
          {"lot_id", id_or_null(w.lot_id)},
          {"spip_id", id_or_null(w.spip_id)},
          {"site_id", id_or_null(w.site_id)},
          {"theme", w.theme},
          {"title", w.title},
          {"description", w.description},
          {"intervenant_id", id_or_null(w.intervenant_id)},
          {"external_professionals", w.external_professionals},
          {"place_id", id_or_null(w.place_id)},
          {"place_label", w.place_label},
          {"list_status", w.list_status},
          {"list_comment", w.list_comment},
          {"list_decided_by", id_or_null(w.list_decided_by)},
          {"list_decided_at", instant_or_null(w.list_decided_at)},
          {"status", w.status},
          {"created_by", id_or_null(w.created_by)},
          {"created_at", iso_instant(w.created_at)}};
}

json to_json(const WorkshopSession& s) {
  return {{"id", s.id},
          {"workshop_id", s.workshop_id},
          {"number", s.number},
          {"date", date_json(s.date)},
          {"start", clock_text(s.start_minute)},
          {"end", clock_text(s.start_minute + s.duration_minutes)},
          {"duration_minutes", s.duration_minutes},
          {"status", s.status},
          {"recorded_by", id_or_null(s.recorded_by)},
          {"recorded_at", instant_or_null(s.recorded_at)}};
}

json to_json(const WorkshopParticipant& p) {
  return {{"id", p.id},
          {"workshop_id", p.workshop_id},
          {"prescription_id", p.prescription_id},
          {"person_id", p.person_id},
          {"status", p.status},
          {"added_by", id_or_null(p.added_by)},
          {"added_at", iso_instant(p.added_at)}};
}

json to_json(const WorkshopAttendance& a) {
  return {{"participant_id", a.participant_id},
          {"workshop_session_id", a.workshop_session_id},
          {"present", a.present},
          {"absence_reason", a.absence_reason},
          {"absence_justified", a.absence_justified},
          {"recorded_by", id_or_null(a.recorded_by)},
          {"recorded_at", iso_instant(a.recorded_at)}};
}

json to_json(const WorkshopSummary& s) {
  return merged(to_json(s.workshop), {{"theme_label", s.theme_label},
                                      {"spip_name", s.spip_name},
                                      {"site_name", s.site_name},
                                      {"intervenant_name", s.intervenant_name},
                                      {"list_status_label", s.list_status_label},
                                      {"participants", s.participants},
                                      {"sessions", s.sessions},
                                      {"hours", s.hours},
                                      {"first_date", date_or_null(s.first_date)},
                                      {"last_date", date_or_null(s.last_date)}});
}

json to_json(const ParticipantView& v) {
  return merged(to_json(v.participant), {{"person_name", v.person_name},
                                         {"cpip_name", v.cpip_name},
                                         {"case_state_label", v.case_state_label},
                                         {"individual_follow_up", v.individual_follow_up},
                                         {"other_workshops", v.other_workshops}});
}

json to_json(const WorkshopSessionView& v) {
  return merged(to_json(v.session), {{"code", v.code},
                                     {"attendance", list(v.attendance)},
                                     {"scans", list(v.scans)},
                                     {"past", v.past}});
}

json to_json(const WorkshopView& v) {
  return merged(to_json(v.workshop), {{"theme_label", v.theme_label},
                                      {"code", v.code},
                                      {"provider", org_ref(v.provider)},
                                      {"spip", org_ref(v.spip)},
                                      {"site", org_ref(v.site)},
                                      {"intervenant_name", v.intervenant_name},
                                      {"list_status_label", v.list_status_label},
                                      {"status_label", v.status_label},
                                      {"hours", v.hours},
                                      {"group_warning", v.group_warning},
                                      {"sessions", list(v.sessions)},
                                      {"participants", list(v.participants)},
                                      {"documents", list(v.documents)}});
}

json to_json(const AddedParticipant& a) {
  return {{"id", a.participant_id}, {"warning", a.warning}};
}

json to_json(const AttendanceOutcome& o) {
  return {{"ok", true},
          {"message", o.message},
          {"event", o.event.empty() ? json(nullptr) : json(o.event)}};
}

json to_json(const Choice& c) {
  return {{"id", c.id}, {"label", c.label}};
}

// ---- Documents, consents, bilans --------------------------------------------------------------

json to_json(const StoredDocument& d) {
  return {{"id", d.id},
          {"person_id", id_or_null(d.person_id)},
          {"prescription_id", id_or_null(d.prescription_id)},
          {"workshop_id", id_or_null(d.workshop_id)},
          {"session_id", id_or_null(d.session_id)},
          {"workshop_session_id", id_or_null(d.workshop_session_id)},
          {"kind", d.kind},
          {"kind_label", document_kind_label(d.kind)},
          {"copy", d.copy},
          {"title", d.title},
          {"filename", d.filename},
          {"media_type", d.media_type},
          {"size", d.size},
          {"checksum", d.checksum},
          {"version", d.version},
          {"author_id", id_or_null(d.author_id)},
          {"created_at", iso_instant(d.created_at)},
          {"content_url", "/api/v1/documents/" + std::to_string(d.id) + "/content"}};
}

json to_json(const DocumentView& v) {
  return merged(to_json(v.document), {{"kind_label", v.kind_label},
                                      {"author_name", v.author_name},
                                      {"shared_with", v.shared_with}});
}

json to_json(const Consent& c) {
  return {{"id", c.id},
          {"person_id", c.person_id},
          {"recipient_org_id", c.recipient_org_id},
          {"scope", c.scope},
          {"scope_label", consent_scope_label(c.scope)},
          {"given_on", date_json(c.given_on)},
          {"note", c.note},
          {"recorded_by", id_or_null(c.recorded_by)},
          {"recorded_at", iso_instant(c.recorded_at)},
          {"revoked_at", instant_or_null(c.revoked_at)},
          {"revoked_by", id_or_null(c.revoked_by)},
          {"revoke_reason", c.revoke_reason}};
}

json to_json(const ConsentView& v) {
  return merged(to_json(v.consent), {{"recipient_name", v.recipient_name},
                                     {"recorded_by_name", v.recorded_by_name},
                                     {"active", v.active}});
}

json to_json(const DocumentShare& s) {
  return {{"id", s.id},
          {"document_id", s.document_id},
          {"recipient_org_id", s.recipient_org_id},
          {"consent_id", s.consent_id},
          {"shared_by", id_or_null(s.shared_by)},
          {"shared_at", iso_instant(s.shared_at)}};
}

json to_json(const SharedDocumentView& v) {
  return {{"share", to_json(v.share)},
          {"document", to_json(v.document)},
          {"person_name", v.person_name},
          {"kind_label", v.kind_label}};
}

json to_json(const ProfessionalFile& f) {
  return {{"person", to_json(f.person, false)},
          {"documents", list(f.documents)},
          {"consents", list(f.consents)},
          {"partners",
           [&] {
             json out = json::array();
             for (const auto& o : f.partners) out.push_back(org_ref(o));
             return out;
           }()},
          {"can_manage_consent", f.can_manage_consent}};
}

json to_json(const CodeTarget& t) {
  return {{"kind", t.kind}, {"session_id", t.session_id}, {"link", t.link}};
}

json to_json(const UnscannedView& v) {
  const UnscannedSession& s = v.session;
  return {{"kind", s.kind},
          {"session_id", s.session_id},
          {"prescription_id", id_or_null(s.prescription_id)},
          {"workshop_id", id_or_null(s.workshop_id)},
          {"date", date_json(s.date)},
          {"start", clock_text(s.start_minute)},
          {"duration_minutes", s.duration_minutes},
          {"intervenant_id", id_or_null(s.intervenant_id)},
          {"intervenant_name", v.intervenant_name},
          {"code", v.code},
          {"label", v.label},
          {"link", v.link}};
}

json to_json(const BilanActivity& a) {
  return {{"date", a.date}, {"kind", a.kind}, {"duration", a.duration}, {"outcome", a.outcome}};
}

json to_json(const Bilan& b) {
  return {{"id", id_or_null(b.id)},
          {"prescription_id", b.prescription_id},
          {"kind", b.kind},
          {"kind_label", bilan_kind_label(b.kind)},
          {"programme_done", b.programme_done},
          {"professional_project", b.professional_project},
          {"action_plan", b.action_plan},
          {"recommendations", b.recommendations},
          {"status", b.status},
          {"author_id", id_or_null(b.author_id)},
          {"updated_at", b.id ? json(iso_instant(b.updated_at)) : json(nullptr)},
          {"delivered_to_person_on", date_or_null(b.delivered_to_person_on)},
          {"delivery_mode", b.delivery_mode},
          {"delivered_at", instant_or_null(b.delivered_at)},
          {"cpip_document_id", id_or_null(b.cpip_document_id)},
          {"person_document_id", id_or_null(b.person_document_id)}};
}

json to_json(const BilanView& v) {
  return merged(to_json(v.bilan), {{"activities", list(v.activities)},
                                   {"hours_summary", v.hours_summary},
                                   {"can_edit", v.can_edit},
                                   {"can_deliver", v.can_deliver}});
}

// ---- Reading -----------------------------------------------------------------------------------

void from_json(JsonBody& b, WorkshopSession& s) {
  b.require("date");
  b.require("start");
  b.require("duration_minutes");
  if (auto d = b.date("date")) s.date = *d;
  if (auto m = b.clock_time("start")) s.start_minute = *m;
  s.duration_minutes = static_cast<int>(b.integer("duration_minutes", s.duration_minutes));
}

void from_json(JsonBody& b, WorkshopInput& in, bool with_sessions) {
  in.spip_id = b.id("spip_id", in.spip_id);
  in.site_id = b.id("site_id", in.site_id);
  in.theme = b.text("theme", in.theme);
  in.title = b.text("title", in.title);
  in.description = b.text("description", in.description);
  in.intervenant_id = b.id("intervenant_id", in.intervenant_id);
  in.external_professionals = b.text("external_professionals", in.external_professionals);
  in.place_id = b.id("place_id", in.place_id);
  in.place_label = b.text("place_label", in.place_label);
  if (!with_sessions || !b.has("sessions")) return;
  const json& rows = b.raw("sessions");
  if (!rows.is_array()) return b.add("sessions", "Ce champ doit être une liste de séances.");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    JsonBody row(rows[i], "sessions[" + std::to_string(i) + "].");
    WorkshopSession s;
    from_json(row, s);
    b.absorb(row);
    in.sessions.push_back(s);
  }
}

void from_json(JsonBody& b, std::vector<ParticipantAttendance>& rows) {
  b.require("rows");
  if (!b.has("rows")) return;
  const json& list = b.raw("rows");
  if (!list.is_array()) return b.add("rows", "Ce champ doit être une liste de présences.");
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonBody row(list[i], "rows[" + std::to_string(i) + "].");
    row.require("participant_id");
    row.require("present");
    ParticipantAttendance a;
    a.participant_id = row.id("participant_id");
    a.present = row.boolean("present", true);
    a.absence_reason = row.text("absence_reason");
    a.justified = row.optional_boolean("justified");
    b.absorb(row);
    rows.push_back(a);
  }
}

void from_json(JsonBody& b, Consent& c) {
  b.require("recipient_org_id");
  b.require("given_on");
  c.recipient_org_id = b.id("recipient_org_id");
  c.scope = b.text("scope", c.scope);
  if (auto d = b.date("given_on")) c.given_on = *d;
  c.note = b.text("note");
}

void from_json(JsonBody& b, Bilan& bilan) {
  bilan.kind = b.text("kind", bilan.kind);
  bilan.programme_done = b.text("programme_done", bilan.programme_done);
  bilan.professional_project = b.text("professional_project", bilan.professional_project);
  bilan.action_plan = b.text("action_plan", bilan.action_plan);
  bilan.recommendations = b.text("recommendations", bilan.recommendations);
}

}  // namespace parcours::http
