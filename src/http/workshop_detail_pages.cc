// The workshop page (SPEC WS-1..5): details, sessions with their printed codes and attendance,
// participants with the WS-4 facts, the list sent to and decided by the SPIP (WS-3), the
// documents, and the embedded forms (add or cancel a session, register or withdraw a person).
#include <algorithm>

#include "domain/validation.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/paper_views.h"

namespace parcours::http {
namespace {

WorkshopService& workshops(Web& web) {
  return web.services().workshops;
}

nlohmann::json list_badge(const WorkshopView& v) {
  const std::string& s = v.workshop.list_status;
  return badge(v.list_status_label, s == "validated"   ? "success"
                                    : s == "submitted" ? "warning"
                                                       : "info");
}

nlohmann::json status_badge(const WorkshopView& v) {
  const std::string& s = v.workshop.status;
  return badge(v.status_label, s == "cancelled" ? "neutral" : s == "ended" ? "success" : "info");
}

nlohmann::json facts(const WorkshopView& v) {
  const Workshop& w = v.workshop;
  nlohmann::json out = nlohmann::json::array();
  out.push_back(fact("Thématique", v.theme_label));
  out.push_back(fact("Code de l’atelier", v.code));
  out.push_back(fact("SPIP", v.spip.name));
  out.push_back(fact("Site", v.site.id ? v.site.name : "Locaux du prestataire"));
  out.push_back(fact("Prestataire", v.provider.name));
  out.push_back(fact("Intervenant", v.intervenant_name));
  out.push_back(fact("Professionnels extérieurs", w.external_professionals));
  out.push_back(fact("Lieu", w.place_label));
  out.push_back(fact("Durée prévue", french_hours(v.hours)));
  return out;
}

// "Présences enregistrées : 4 présents sur 5".
nlohmann::json session_status(const WorkshopSessionView& s) {
  if (s.session.status == "cancelled") return badge("Annulée", "neutral");
  if (s.attendance.empty()) return badge(s.past ? "Présences à saisir" : "Prévue", "info");
  const auto present = std::count_if(s.attendance.begin(), s.attendance.end(),
                                     [](const WorkshopAttendance& a) { return a.present; });
  return badge("Présences saisies : " + std::to_string(present) + " présent(s) sur " +
                   std::to_string(s.attendance.size()),
               "success");
}

nlohmann::json session_rows(const WorkshopView& v) {
  const std::string base = workshop_href(v.workshop.id);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& s : v.sessions) {
    const bool cancelled = s.session.status == "cancelled";
    std::string sheet_label = "Présences et feuille signée";
    if (!s.scans.empty())
      sheet_label = "Feuille signée déposée (" + std::to_string(s.scans.size()) + ")";
    rows.push_back(
        {{"id", s.session.id},
         {"number", s.session.number},
         {"date", french_long(s.session.date)},
         {"time", french_time(s.session.start_minute)},
         {"duration", french_duration(s.session.duration_minutes)},
         {"code", s.code},
         {"status", session_status(s)},
         {"sheet_href", cancelled ? "" : workshop_session_sheet_href(s.session.id)},
         {"sheet_label", sheet_label},
         {"pdf_action", base + "/emargement.pdf"},
         {"cancel_action",
          s.can_cancel ? base + "/seances/" + std::to_string(s.session.id) + "/annulation" : ""}});
  }
  return rows;
}

nlohmann::json participant_rows(const WorkshopView& v) {
  const std::string base = workshop_href(v.workshop.id);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : v.participants) {
    const bool active = p.participant.status == "registered";
    rows.push_back(
        {{"name", p.person_name},
         {"href", case_href(p.participant.prescription_id)},
         {"cpip", p.cpip_name.empty() ? "—" : p.cpip_name},
         {"follow_up", yes_no(p.individual_follow_up)},
         {"other_workshops", p.other_workshops.empty() ? "Aucun" : p.other_workshops},
         {"state", active ? badge("Inscrit(e)", "success") : badge("Retiré(e)", "neutral")},
         {"case_state", p.case_state_label},
         {"withdraw_action",
          v.provider_side && active
              ? base + "/participants/" + std::to_string(p.participant.id) + "/retrait"
              : ""}});
  }
  return rows;
}

nlohmann::json document_rows(const WorkshopView& v) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& d : v.documents) rows.push_back(document_cells(d, "", ""));
  return rows;
}

nlohmann::json add_session_form(const WorkshopView& v, const EmbeddedFailure* failure) {
  nlohmann::json f = {{"form_id", "ajout-seance"},
                      {"action", workshop_href(v.workshop.id) + "/seances"}};
  embed_failure(f, failure);
  f["date_value"] = value_of(f, "date");
  f["start_value"] = f["open"].get<bool>() ? value_of(f, "start") : "14:00";
  f["duration_value"] = f["open"].get<bool>() ? value_of(f, "duration") : "120";
  for (const char* k : {"date", "start", "duration"}) f[std::string(k) + "_error"] = error_of(f, k);
  return f;
}

nlohmann::json add_participant_form(Web& web, PageCtx& ctx, const WorkshopView& v,
                                    const EmbeddedFailure* failure) {
  auto cases = workshops(web).eligible_cases(ctx.actor, v.workshop.id);
  if (!cases.ok() || cases->empty()) return nullptr;
  Options opts{{"", "— Choisir la personne —"}};
  for (const auto& c : *cases)
    opts.push_back({std::to_string(c.prescription.id),
                    c.person_name + " — " + c.state_label +
                        (c.cpip_name.empty() ? "" : " (CPIP : " + c.cpip_name + ")")});
  nlohmann::json f = {{"form_id", "inscription"},
                      {"action", workshop_href(v.workshop.id) + "/participants"}};
  embed_failure(f, failure);
  f["cases"] = option_list(opts, value_of(f, "prescription_id"));
  f["prescription_error"] = error_of(f, "prescription_id");
  return f;
}

void list_forms(const WorkshopView& v, const std::string& csrf, const EmbeddedFailure* failure,
                nlohmann::json& view) {
  const Workshop& w = v.workshop;
  const std::string base = workshop_href(w.id);
  view["list_comment"] = w.list_comment;
  if (w.list_decided_at) view["list_decided"] = "Décision du " + french_instant(*w.list_decided_at);
  if (v.can_submit_list)
    view["submit"] = {{"action", base + "/liste/soumission"}, {"csrf_token", csrf}};
  if (v.can_decide_list) {
    nlohmann::json f = {{"form_id", "decision-liste"}, {"action", base + "/liste/decision"}};
    embed_failure(f, failure);
    f["comment_value"] = value_of(f, "comment");
    f["comment_error"] = error_of(f, "comment");
    view["decide"] = f;
  }
}

nlohmann::json workshop_view(Web& web, PageCtx& ctx, const WorkshopView& v,
                             const EmbeddedFailure* failure) {
  const Workshop& w = v.workshop;
  const std::string base = workshop_href(w.id);
  const auto sessions = session_rows(v);
  const auto participants = participant_rows(v);
  const auto documents = document_rows(v);
  const long registered =
      std::count_if(v.participants.begin(), v.participants.end(),
                    [](const ParticipantView& p) { return p.participant.status == "registered"; });
  nlohmann::json view = {{"heading", "Atelier : " + v.theme_label},
                         {"list_status", list_badge(v)},
                         {"status", status_badge(v)},
                         {"group_warning", v.group_warning},
                         {"facts", facts(v)},
                         {"description", {{"paragraphs", paragraphs(w.description)}}},
                         {"edit_href", v.can_change ? base + "/modifier" : ""},
                         {"convocation_action", base + "/convocation.pdf"},
                         {"letters_action", base + "/convocations-individuelles.pdf"},
                         {"establishment_list_action", base + "/liste-etablissement.pdf"},
                         {"sheets_action", base + "/emargement.pdf"},
                         {"sessions", sessions},
                         {"no_sessions", sessions.empty()},
                         {"participants", participants},
                         {"participant_count", std::to_string(registered)},
                         {"no_participants", participants.empty()},
                         {"documents", documents},
                         {"no_documents", documents.empty()}};
  if (w.description.empty()) view["description"] = nullptr;
  if (v.can_change) {
    view["add_session"] = add_session_form(v, failure);
    view["add_participant"] = add_participant_form(web, ctx, v, failure);
  }
  list_forms(v, ctx.csrf_token, failure, view);
  if (failure) view["error_summary"] = failure_summary(*failure);
  return view;
}

void show_workshop(Web& web, Response& res, PageCtx& ctx, Id id, const EmbeddedFailure* failure) {
  auto v = workshops(web).workshop(ctx.actor, id);
  if (!v.ok()) return web.fail(res, ctx, v.error());
  web.render(res, &ctx, "Atelier", "workshop", workshop_view(web, ctx, *v, failure),
             failure ? Web::status_of(failure->error.code) : 200);
}

// A POST of the workshop page: done → back to the page with `flash`; refused → the page again
// with the embedded form open and the error (403/404: the error page).
void after(Web& web, const Request& req, Response& res, PageCtx& ctx, const Status& s,
           const std::string& form_id, const std::string& flash, const std::string& anchor) {
  const Id id = id_param(req);
  if (s.ok()) return web.redirect(res, workshop_href(id) + anchor, flash);
  if (s.error().code == ErrorCode::forbidden || s.error().code == ErrorCode::not_found)
    return web.fail(res, ctx, s.error());
  EmbeddedFailure failure{form_id, s.error(), form_values(req)};
  show_workshop(web, res, ctx, id, &failure);
}

void session_posts(Web& web) {
  web.page("POST", R"(/ateliers/(\d+)/seances)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             std::vector<FieldError> errs;
             WorkshopSession s;
             if (auto d = date_field(req, "date", errs, true)) s.date = *d;
             s.start_minute = time_field(req, "start", errs);
             s.duration_minutes = minutes_field(req, "duration", errs);
             Status st = errs.empty()
                             ? status_only(workshops(web).add_session(ctx.actor, id_param(req), s))
                             : Status(invalid("La séance n’est pas valide.", errs));
             after(web, req, res, ctx, st, "ajout-seance", "Séance ajoutée.", "#seances");
           });
  web.page("POST", R"(/ateliers/(\d+)/seances/(\d+)/annulation)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             after(web, req, res, ctx, workshops(web).cancel_session(ctx.actor, id_param(req, 2)),
                   "seances", "Séance annulée.", "#seances");
           });
}

void participant_posts(Web& web) {
  web.page("POST", R"(/ateliers/(\d+)/participants)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             const Id prescription = id_field(req, "prescription_id");
             if (!prescription)
               return after(web, req, res, ctx,
                            invalid("Choisissez la personne à inscrire.",
                                    {{"prescription_id", "Choisissez la personne à inscrire."}}),
                            "inscription", "", "");
             auto added = workshops(web).add_participant(ctx.actor, id_param(req), prescription);
             if (!added.ok())
               return after(web, req, res, ctx, added.error(), "inscription", "", "");
             web.redirect(res, workshop_href(id_param(req)) + "#participants",
                          added->warning.empty() ? "Personne inscrite."
                                                 : "Personne inscrite. " + added->warning,
                          added->warning.empty() ? "success" : "warning");
           });
  web.page("POST", R"(/ateliers/(\d+)/participants/(\d+)/retrait)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             after(web, req, res, ctx,
                   workshops(web).withdraw_participant(ctx.actor, id_param(req), id_param(req, 2)),
                   "participants", "Personne retirée de l’atelier.", "#participants");
           });
}

void list_posts(Web& web) {
  web.page("POST", R"(/ateliers/(\d+)/liste/soumission)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             after(web, req, res, ctx, workshops(web).submit_list(ctx.actor, id_param(req)),
                   "soumettre", "Liste soumise au SPIP pour validation.", "#liste");
           });
  web.page("POST", R"(/ateliers/(\d+)/liste/decision)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             const std::string decision = form(req, "decision");
             Status s = invalid("Choisissez de valider ou de renvoyer la liste.",
                                {{"comment", "Choisissez de valider ou de renvoyer la liste."}});
             if (decision == "valider" || decision == "renvoyer")
               s = workshops(web).decide_list(ctx.actor, id_param(req), decision == "valider",
                                              trim(form(req, "comment")));
             after(web, req, res, ctx, s, "decision-liste",
                   decision == "valider" ? "Liste validée : le prestataire en est informé."
                                         : "Liste renvoyée au prestataire avec votre commentaire.",
                   "#liste");
           });
}

}  // namespace

void add_workshop_detail_pages(Web& web) {
  web.page("GET", R"(/ateliers/(\d+))", [&web](const Request& req, Response& res, PageCtx& ctx) {
    show_workshop(web, res, ctx, id_param(req), nullptr);
  });
  session_posts(web);
  participant_posts(web);
  list_posts(web);
}

}  // namespace parcours::http
