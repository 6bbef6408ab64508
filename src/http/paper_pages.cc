// The paper trail (SPEC ATT-1, ATT-2, WS-4, WS-5, PPAIP-10): in prison there is no Internet, so
// sheets are printed, signed, then entered here. A typed or scanned code opens the session;
// the attendance of a workshop session is copied from its sheet and the signed scan is
// deposited next to it; the coordinator sees which sessions still lack their scan. The printed
// documents are generated (and kept in the professional file) by POST buttons.
#include <algorithm>

#include "domain/validation.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/paper_views.h"

namespace parcours::http {
namespace {

ProfessionalFileService& files(Web& web) {
  return web.services().files;
}

// ---- A typed or scanned code (ATT-2) --------------------------------------------------------

void show_code_form(Web& web, Response& res, PageCtx& ctx, const std::string& code,
                    const Error* error) {
  nlohmann::json view = {{"code", code}};
  if (error) {
    view["error"] = error->message;
    view["error_summary"] = {{"message", error->message}};
  }
  web.render(res, &ctx, "Saisir une feuille d’émargement", "code_entry", view,
             error ? Web::status_of(error->code) : 200);
}

// Opens the session the code designates, or shows the form again with the French error.
void open_code(Web& web, Response& res, PageCtx& ctx, const std::string& code) {
  if (trim(code).empty()) {
    Error e = invalid("Tapez le code imprimé sous le QR code de la feuille.");
    return show_code_form(web, res, ctx, code, &e);
  }
  auto target = files(web).resolve_code(ctx.actor, code);
  if (!target.ok()) return show_code_form(web, res, ctx, code, &target.error());
  web.redirect(res, target->link);
}

void code_pages(Web& web) {
  web.page("GET", "/emargement", [&web](const Request&, Response& res, PageCtx& ctx) {
    show_code_form(web, res, ctx, "", nullptr);
  });
  web.page("POST", "/emargement", [&web](const Request& req, Response& res, PageCtx& ctx) {
    open_code(web, res, ctx, form(req, "code"));
  });
  web.page("GET", "/emargement/scanner", [&web](const Request&, Response& res, PageCtx& ctx) {
    web.render(res, &ctx, "Lire le QR code d’une feuille", "scanner", nlohmann::json::object());
  });
  // What the QR code of a sheet opens: "E-7KQ4MPX" (letter, dash, seven characters).
  web.page("GET", R"(/emargement/([A-Za-z]-?[A-Za-z0-9]{7}))",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             open_code(web, res, ctx, req.matches[1]);
           });
}

// ---- Sessions waiting for their signed sheet ----------------------------------------------------

void unscanned_page(Web& web) {
  web.page("GET", "/emargement/a-rapprocher", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto list = files(web).unscanned(ctx.actor);
    if (!list.ok()) return web.fail(res, ctx, list.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& u : *list)
      rows.push_back(
          {{"cells",
            {cell(french_long(u.session.date)), cell(french_time(u.session.start_minute)),
             cell(u.label, u.link), cell(u.code),
             cell(u.intervenant_name.empty() ? "—" : u.intervenant_name)}}});
    web.render(
        res, &ctx, "Feuilles signées à déposer", "list",
        {{"heading", "Feuilles signées à déposer"},
         {"intro",
          "Les séances des 90 derniers jours dont les présences sont saisies mais dont "
          "la feuille d’émargement signée n’a pas encore été déposée. Les feuilles "
          "signées fondent la facturation."},
         {"caption", std::to_string(rows.size()) + " séance(s) sans feuille signée"},
         {"columns",
          {{{"label", "Date"}},
           {{"label", "Heure"}},
           {{"label", "Séance"}},
           {{"label", "Code"}},
           {{"label", "Intervenant"}}}},
         {"rows", rows},
         {"empty", rows.empty()},
         {"empty_text", "Toutes les feuilles signées ont été déposées."},
         {"actions",
          {{{"href", "/emargement"}, {"label", "Saisir une feuille"}, {"icon", "keyboard"}}}}});
  });
}

// ---- The sheet of one session: attendance, signed scans -----------------------------------------

nlohmann::json scan_rows(const std::vector<StoredDocument>& scans) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& d : scans) rows.push_back(document_cells(d, "", ""));
  return rows;
}

nlohmann::json upload_form(Web& web, const std::string& action, const EmbeddedFailure* failure) {
  nlohmann::json f = {{"form_id", "feuille-signee"},
                      {"action", action},
                      {"limit", web.upload_limit_text() + " au plus."}};
  embed_failure(f, failure);
  f["file_error"] = error_of(f, "file");
  return f;
}

// The values of a participant's row after a failed post (fields "presence_<participant id>",
// "reason_…", "justified_…"; errors are named "p<id>" and "p<id>_reason" like the use case's).
// SPEC ATT-2: no default presence; a row starts « Non renseignée ».
struct RowValues {
  std::string presence;
  std::string reason;
  std::string justified;
};

RowValues row_values(Id participant, const nlohmann::json& failed_values) {
  RowValues out;
  const std::string k = std::to_string(participant);
  if (!failed_values.is_object() || failed_values.empty()) return out;
  out.presence = failed_values.value("presence_" + k, "");
  out.reason = failed_values.value("reason_" + k, "");
  out.justified = failed_values.value("justified_" + k, "");
  return out;
}

nlohmann::json attendance_form(const WorkshopView& v, const WorkshopSessionView& s,
                               const EmbeddedFailure* failure) {
  nlohmann::json f = {{"form_id", "presences-form"},
                      {"action", workshop_session_sheet_href(s.session.id)}};
  embed_failure(f, failure);
  const Options reasons = absence_reason_options(v.config);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : v.participants) {
    if (p.participant.status != "registered") continue;
    const std::string k = std::to_string(p.participant.id);
    const RowValues r = row_values(p.participant.id, f["values"]);
    rows.push_back({{"id", k},
                    {"row_id", "presences-form-p" + k},
                    {"name", p.person_name},
                    {"present", r.presence == "present"},
                    {"absent", r.presence == "absent"},
                    {"unset", r.presence != "present" && r.presence != "absent"},
                    {"error", error_of(f, "p" + k)},
                    {"reason_error", error_of(f, "p" + k + "_reason")},
                    {"reasons", option_list(reasons, r.reason)},
                    {"justified", option_list(justified_options(), r.justified)}});
  }
  f["rows"] = rows;
  return f;
}

// WS-5: what was recorded for the session, read-only.
nlohmann::json recorded_rows(const WorkshopView& v, const WorkshopSessionView& s) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& a : s.attendance) {
    std::string name;
    for (const auto& p : v.participants)
      if (p.participant.id == a.participant_id) name = p.person_name;
    std::string reason = a.absence_reason;
    if (v.config)
      for (const auto& r : v.config->absence_reasons)
        if (r.id == a.absence_reason) reason = r.label;
    const char* absent = a.absence_justified ? "Absent(e), justifiée" : "Absent(e), non justifiée";
    rows.push_back(
        {{"name", name},
         {"status", a.present ? badge("Présent(e)", "success")
                              : badge(absent, a.absence_justified ? "warning" : "danger")},
         {"reason", a.present ? "—" : reason}});
  }
  return rows;
}

const WorkshopSessionView* find_session(const WorkshopView& v, Id id) {
  for (const auto& s : v.sessions)
    if (s.session.id == id) return &s;
  return nullptr;
}

void show_workshop_sheet(Web& web, Response& res, PageCtx& ctx, Id session_id,
                         const EmbeddedFailure* failure, int status = 0) {
  auto v = web.services().workshops.workshop_of_session(ctx.actor, session_id);
  if (!v.ok()) return web.fail(res, ctx, v.error());
  const WorkshopSessionView* s = find_session(*v, session_id);
  if (!s) return web.fail(res, ctx, not_found("Séance introuvable."));
  const WorkshopSession& ws = s->session;
  const bool open = v->provider_side && ws.status != "cancelled";
  nlohmann::json facts = nlohmann::json::array(
      {fact("Atelier", v->theme_label), fact("Séance", "n° " + std::to_string(ws.number)),
       fact("Date", french_long(ws.date)), fact("Heure", french_time(ws.start_minute)),
       fact("Durée", french_duration(ws.duration_minutes)), fact("Lieu", v->workshop.place_label),
       fact("Intervenant", v->intervenant_name), fact("Code de la feuille", s->code)});
  std::string notice;
  const bool validated = v->workshop.list_status == "validated";
  if (ws.status == "cancelled")
    notice = "Cette séance a été annulée.";
  else if (!s->past)
    notice = "La séance n’a pas encore eu lieu : les présences se saisissent après.";
  else if (ws.status == "planned" && !validated)
    notice = "La liste des participants doit être validée par le SPIP avant l’émargement.";
  const bool can_record = s->can_record;
  const auto scans = scan_rows(s->scans);
  nlohmann::json view = {
      {"heading", "Émargement — " + v->theme_label + ", séance n° " + std::to_string(ws.number)},
      {"subheading", french_long(ws.date) + " à " + french_time(ws.start_minute)},
      {"back_href", workshop_href(v->workshop.id) + "#seances"},
      {"back_label", "Atelier"},
      {"facts", facts},
      {"notice", notice},
      {"attendance", can_record ? attendance_form(*v, *s, failure) : nlohmann::json()},
      {"recorded_rows", recorded_rows(*v, *s)},
      {"has_recorded_rows", !s->attendance.empty()},
      {"pdf_action", workshop_href(v->workshop.id) + "/emargement.pdf"},
      {"pdf_session", std::to_string(ws.id)},
      {"scans", scans},
      {"no_scans", scans.empty()},
      {"upload",
       open ? upload_form(web, workshop_session_sheet_href(ws.id) + "/feuille-signee", failure)
            : nlohmann::json()}};
  if (failure) view["error_summary"] = failure_summary(*failure);
  if (!status) status = failure ? Web::status_of(failure->error.code) : 200;
  web.render(res, &ctx, "Émargement de la séance", "sheet", view, status);
}

Result<std::vector<ParticipantAttendance>> parse_rows(Web& web, const Request& req, PageCtx& ctx,
                                                      Id session_id) {
  auto v = web.services().workshops.workshop_of_session(ctx.actor, session_id);
  if (!v.ok()) return v.error();
  std::vector<ParticipantAttendance> rows;
  std::vector<FieldError> errs;
  for (const auto& p : v->participants) {
    if (p.participant.status != "registered") continue;
    const std::string k = std::to_string(p.participant.id);
    ParticipantAttendance a;
    a.participant_id = p.participant.id;
    const std::string presence = form(req, "presence_" + k);
    if (presence != "present" && presence != "absent")
      errs.push_back({"p" + k, "Indiquez si " + p.person_name + " était présent(e) ou absent(e)."});
    a.present = presence == "present";
    a.absence_reason = a.present ? "" : form(req, "reason_" + k);
    const std::string justified = form(req, "justified_" + k);
    if (!a.present && justified == "oui") a.justified = true;
    if (!a.present && justified == "non") a.justified = false;
    rows.push_back(a);
  }
  // SPEC ATT-2: a row left « Non renseignée » refuses the whole sheet, rows kept as typed. A
  // session's attendance is recorded once (then read-only), so recording only the rows with a
  // choice would leave the others unrecordable; and a paper sheet lists every participant.
  if (!errs.empty())
    return invalid(
        "Les présences ne sont pas complètes : rien n’a été enregistré. Cochez « Présent(e) » "
        "ou « Absent(e) » pour chaque personne inscrite.",
        errs);
  return rows;
}

// "warning" when an unjustified absence has consequences (PPAIP-12), else "success".
std::string rows_flash_kind(Web& web, const std::vector<ParticipantAttendance>& rows) {
  for (const auto& r : rows)
    if (attendance_flash_kind(web, {r.present, r.absence_reason, r.justified, ""}) != "success")
      return "warning";
  return "success";
}

// A signed scan posted from a sheet page: back to the page, or the page again with the French
// error beside the file field (422, or 413 when too large).
using ShowSheet = void (*)(Web&, Response&, PageCtx&, Id, const EmbeddedFailure*, int);

void scan_upload_route(Web& web, const std::string& pattern, const std::string& kind,
                       std::string (*href)(Id), ShowSheet show) {
  web.page(
      "POST", pattern, [&web, kind, href, show](const Request& req, Response& res, PageCtx& ctx) {
        const Id id = id_param(req);
        auto up = read_upload(web, req, "file");
        Result<Id> stored =
            up.error ? Result<Id>(*up.error)
                     : files(web).upload_scan(ctx.actor, kind, id, up.file.filename, up.file.bytes);
        if (stored.ok())
          return web.redirect(res, href(id) + "#feuille", "Feuille signée enregistrée.");
        if (stored.error().code == ErrorCode::forbidden ||
            stored.error().code == ErrorCode::not_found)
          return web.fail(res, ctx, stored.error());
        EmbeddedFailure failure{"feuille-signee", stored.error(), nlohmann::json::object()};
        show(web, res, ctx, id, &failure,
             up.error ? up.status : Web::status_of(stored.error().code));
      });
}

void workshop_sheet_pages(Web& web) {
  web.page("GET", R"(/ateliers/seances/(\d+)/emargement)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             show_workshop_sheet(web, res, ctx, id_param(req), nullptr);
           });
  web.page(
      "POST", R"(/ateliers/seances/(\d+)/emargement)",
      [&web](const Request& req, Response& res, PageCtx& ctx) {
        const Id id = id_param(req);
        auto rows = parse_rows(web, req, ctx, id);
        Result<AttendanceOutcome> out =
            rows.ok() ? web.services().workshops.record_attendance(ctx.actor, id, *rows)
                      : Result<AttendanceOutcome>(rows.error());
        if (out.ok())
          return web.redirect(res, workshop_session_sheet_href(id) + "#feuille",
                              out->message.empty() ? "Présences enregistrées." : out->message,
                              rows_flash_kind(web, *rows));
        if (out.error().code == ErrorCode::forbidden || out.error().code == ErrorCode::not_found)
          return web.fail(res, ctx, out.error());
        EmbeddedFailure failure{"presences-form", out.error(), form_values(req)};
        show_workshop_sheet(web, res, ctx, id, &failure);
      });
  scan_upload_route(web, R"(/ateliers/seances/(\d+)/emargement/feuille-signee)", "workshop",
                    workshop_session_sheet_href, show_workshop_sheet);
}

// ---- The sheet of an individual session (ATT-1)
// --------------------------------------------------

std::string individual_sheet_href(Id session_id) {
  return "/seances/" + std::to_string(session_id) + "/emargement";
}

void show_individual_sheet(Web& web, Response& res, PageCtx& ctx, Id session_id,
                           const EmbeddedFailure* failure, int status = 0) {
  auto sheet = files(web).session_sheet(ctx.actor, session_id);
  if (!sheet.ok()) return web.fail(res, ctx, sheet.error());
  const PrescriptionView& v = sheet->case_view;
  const SessionView& sv = sheet->session;
  const Session& s = sv.session;
  const std::string person = person_display_name(v.person);
  nlohmann::json facts = nlohmann::json::array(
      {fact("Personne", person), fact("Séance", session_kind_label(s.kind)),
       fact("Date", french_long(s.date)), fact("Heure", french_time(s.start_minute)),
       fact("Durée", french_duration(s.duration_minutes)), fact("Lieu", s.place_label),
       fact("Intervenant", sv.intervenant_name), fact("Code de la feuille", sheet->code)});
  std::string status_text = sv.status_label;
  if (!sv.absence_label.empty()) status_text += " — " + sv.absence_label;
  nlohmann::json form;
  if (sheet->can_record) {
    form = attendance_form(v, sv, failure);
    form["action"] = individual_sheet_href(s.id);
    form["title"] = person;  // the heading already gives the session's date and time
  }
  std::string notice;
  if (s.status == "cancelled")
    notice = "Cette séance a été annulée.";
  else if (!sheet->past)
    notice = "La séance n’a pas encore eu lieu : la présence se saisit après.";
  const auto scans = scan_rows(sheet->scans);
  nlohmann::json view = {
      {"heading", "Émargement — " + person},
      {"subheading", session_kind_label(s.kind) + " du " + french_long(s.date) + " à " +
                         french_time(s.start_minute)},
      {"back_href", case_href(v.prescription.id) + "#seances"},
      {"back_label", "Dossier"},
      {"facts", facts},
      {"notice", notice},
      {"recorded", s.status == "planned"
                       ? nlohmann::json()
                       : nlohmann::json{{"status", session_badge(s, status_text)}}},
      {"individual_attendance", form},
      {"pdf_action", case_href(v.prescription.id) + "/feuille-emargement.pdf"},
      {"scans", scans},
      {"no_scans", scans.empty()},
      {"upload", s.status == "cancelled"
                     ? nlohmann::json()
                     : upload_form(web, individual_sheet_href(s.id) + "/feuille-signee", failure)}};
  if (failure) view["error_summary"] = failure_summary(*failure);
  if (!status) status = failure ? Web::status_of(failure->error.code) : 200;
  web.render(res, &ctx, "Émargement de la séance", "sheet", view, status);
}

void individual_sheet_pages(Web& web) {
  web.page("GET", R"(/seances/(\d+)/emargement)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             show_individual_sheet(web, res, ctx, id_param(req), nullptr);
           });
  // The attendance copied from the signed sheet (same form as on the case page).
  web.page(
      "POST", R"(/seances/(\d+)/emargement)",
      [&web](const Request& req, Response& res, PageCtx& ctx) {
        const Id id = id_param(req);
        auto in = attendance_input(req);
        Result<AttendanceOutcome> out =
            in.ok() ? web.services().journeys.record_attendance(ctx.actor, id, *in)
                    : Result<AttendanceOutcome>(in.error());
        if (out.ok())
          return web.redirect(res, individual_sheet_href(id) + "#feuille",
                              out->message.empty() ? "Présence enregistrée." : out->message,
                              attendance_flash_kind(web, *in));
        if (out.error().code == ErrorCode::forbidden || out.error().code == ErrorCode::not_found)
          return web.fail(res, ctx, out.error());
        EmbeddedFailure failure{"presence-" + std::to_string(id), out.error(), form_values(req)};
        show_individual_sheet(web, res, ctx, id, &failure);
      });
  scan_upload_route(web, R"(/seances/(\d+)/emargement/feuille-signee)", "individual",
                    individual_sheet_href, show_individual_sheet);
}

// ---- Printed documents (POST: each one is stored in the professional file) ----------------------

void pdf_route(Web& web, const std::string& pattern,
               std::function<Result<PdfFile>(const Request&, const Actor&)> make) {
  web.page("POST", pattern, [&web, make](const Request& req, Response& res, PageCtx& ctx) {
    auto pdf = make(req, ctx.actor);
    if (!pdf.ok()) return web.fail(res, ctx, pdf.error());
    send_file(res, *pdf);
  });
}

void pdf_pages(Web& web) {
  auto& f = files(web);
  pdf_route(
      web, R"(/prescriptions/(\d+)/feuille-emargement\.pdf)",
      [&f](const Request& req, const Actor& a) { return f.individual_sheet(a, id_param(req)); });
  pdf_route(web, R"(/prescriptions/(\d+)/calendrier\.pdf)",
            [&f](const Request& req, const Actor& a) { return f.calendar(a, id_param(req)); });
  pdf_route(
      web, R"(/prescriptions/(\d+)/modification-calendrier\.pdf)",
      [&f](const Request& req, const Actor& a) { return f.calendar_change(a, id_param(req)); });
  pdf_route(web, R"(/ateliers/(\d+)/convocation\.pdf)",
            [&f](const Request& req, const Actor& a) { return f.convocation(a, id_param(req)); });
  pdf_route(
      web, R"(/ateliers/(\d+)/convocations-individuelles\.pdf)",
      [&f](const Request& req, const Actor& a) { return f.convocation_letters(a, id_param(req)); });
  pdf_route(
      web, R"(/ateliers/(\d+)/liste-etablissement\.pdf)",
      [&f](const Request& req, const Actor& a) { return f.establishment_list(a, id_param(req)); });
  // Every session of the workshop, or one (field "seance").
  pdf_route(web, R"(/ateliers/(\d+)/emargement\.pdf)", [&f](const Request& req, const Actor& a) {
    const Id session = id_field(req, "seance");
    return f.collective_sheet(a, id_param(req),
                              session ? std::optional<Id>(session) : std::nullopt);
  });
}

}  // namespace

void add_paper_pages(Web& web) {
  unscanned_page(web);  // before the code pattern of /emargement/…
  code_pages(web);
  workshop_sheet_pages(web);
  individual_sheet_pages(web);
  pdf_pages(web);
}

}  // namespace parcours::http
