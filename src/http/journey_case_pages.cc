// The case (PPAIP-3..16): the case page with its deadlines, proposals, sessions and actions,
// the decision and the generic events, and the printable calendar letter (PPAIP-10). The lists
// are in journey_case_lists.cc, the proposal and intervenant forms in
// journey_proposal_pages.cc.
#include <algorithm>
#include <cmath>

#include "app/audit.h"
#include "domain/validation.h"
#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/list_paging.h"

namespace parcours::http {
namespace {

bool has_action(const PrescriptionView& v, const std::string& event) {
  return std::any_of(v.actions.begin(), v.actions.end(),
                     [&](const Transition* t) { return t->event == event; });
}

bool is_terminal(const PrescriptionView& v) {
  const ProgrammeState* st = v.config ? v.config->state(v.prescription.state) : nullptr;
  return st && st->terminal;
}

std::string lot_text(const Lot& l) {
  if (!l.number) return "";
  return "Lot " + std::to_string(l.number) + (l.label.empty() ? "" : " — " + l.label);
}

std::string reason_text(const ProgrammeConfig* config, const std::string& list,
                        const std::string& id) {
  if (config)
    if (const auto* reasons = config->reason_list(list))
      for (const auto& r : *reasons)
        if (r.id == id) return r.label;
  return id;
}

// ---- The case page ---------------------------------------------------------------------

nlohmann::json event_form(const PrescriptionView& v, const Transition& t,
                          const EmbeddedFailure* failure) {
  const Id id = v.prescription.id;
  nlohmann::json f = {{"event", t.event},
                      {"label", t.label},
                      {"rule", t.rule},
                      {"form_id", "evt-" + t.event},
                      {"action", case_href(id) + "/evenement"}};
  embed_failure(f, failure);
  f["has_reason_list"] = false;
  f["has_reason_text"] = false;
  if (!t.reason_list.empty() && v.config) {
    Options reasons{{"", "— Choisir le motif —"}};
    if (const auto* list = v.config->reason_list(t.reason_list))
      for (const auto& r : *list)
        if (r.event.empty() || r.event == t.event) reasons.push_back({r.id, r.label});
    f["has_reason_list"] = true;
    f["reasons"] = option_list(reasons, value_of(f, "reason"));
  } else if (t.requires_reason) {
    f["has_reason_text"] = true;
    f["reason_value"] = value_of(f, "reason");
  }
  f["reason_error"] = error_of(f, "reason");
  // The configuration says whether the form asks the date of the fact, and how.
  f["has_date"] = !t.date_label.empty();
  f["date_label"] = t.date_label;
  f["date_value"] = value_of(f, "date");
  f["date_error"] = error_of(f, "date");
  f["comment_value"] = value_of(f, "comment");
  f["comment_error"] = error_of(f, "comment");
  return f;
}

nlohmann::json proposal_view(const PrescriptionView& v, const ProposalView& pv) {
  const Proposal& p = pv.proposal;
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& c : pv.changes)
    changes.push_back({{"label", c.label},
                       {"before", c.before.empty() ? "—" : c.before},
                       {"after", c.after.empty() ? "—" : c.after}});
  std::string tone = p.status == "validated" ? "success"
                     : p.status == "refused" ? "danger"
                                             : "warning";
  nlohmann::json out = {
      {"id", p.id},
      {"version", p.version},
      {"kind", p.kind == "modification" ? "Modification du programme"
               : p.version > 1          ? "Nouvelle version après refus"
                                        : "Proposition initiale"},
      {"status", badge(pv.status_label, tone)},
      {"submitted", french_instant(p.submitted_at) +
                        (pv.submitted_by_name.empty() ? "" : " par " + pv.submitted_by_name)},
      {"hours", v.prescription.modality == "collective" ? "Sans objet (PPAIP collectif)"
                                                        : french_hours(p.individual_hours)},
      {"actions", pv.action_labels},
      {"content", paragraphs(p.content)},
      {"justification", paragraphs(p.justification)},
      {"workshops", p.workshops ? "Oui" : "Non"},
      {"workshops_detail", p.workshops_detail},
      {"calendar", paragraphs(p.calendar)},
      {"decided", p.decided_at
                      ? french_instant(*p.decided_at) +
                            (pv.decided_by_name.empty() ? "" : " par " + pv.decided_by_name)
                      : ""},
      {"decision_comment", p.decision_comment},
      {"changes", changes},
      {"has_changes", !changes.empty()}};
  return out;
}

nlohmann::json reschedule_forms(const SessionView& s, const EmbeddedFailure* failure) {
  const std::string sid = std::to_string(s.session.id);
  nlohmann::json move = {{"form_id", "deplacer-" + sid},
                         {"action", "/seances/" + sid + "/deplacer"},
                         {"prescription_id", s.session.prescription_id}};
  embed_failure(move, failure);
  const bool moved_failed = move["open"].get<bool>();
  move["date_value"] = moved_failed ? value_of(move, "date") : iso(s.session.date);
  move["start_value"] =
      moved_failed ? value_of(move, "start") : clock_value(s.session.start_minute);
  move["duration_value"] =
      moved_failed ? value_of(move, "duration") : std::to_string(s.session.duration_minutes);
  move["date_error"] = error_of(move, "date");
  move["start_error"] = error_of(move, "start");
  move["duration_error"] = error_of(move, "duration");
  nlohmann::json cancel = {{"form_id", "annuler-" + sid},
                           {"action", "/seances/" + sid + "/annuler"},
                           {"prescription_id", s.session.prescription_id}};
  embed_failure(cancel, failure);
  cancel["reason_value"] = value_of(cancel, "reason");
  cancel["reason_error"] = error_of(cancel, "reason");
  const bool open = move["open"].get<bool>() || cancel["open"].get<bool>();
  return {{"title", session_kind_label(s.session.kind) + " du " + french_long(s.session.date) +
                        " à " + french_time(s.session.start_minute)},
          {"open", open},
          {"details_id", "seance-" + sid},
          {"move", move},
          {"cancel", cancel}};
}

bool first_interview_held(const PrescriptionView& v) {
  return std::any_of(v.sessions.begin(), v.sessions.end(), [](const SessionView& s) {
    return s.session.kind == "first_interview" && s.session.status == "present";
  });
}

// The deadline owed next (pending or already missed, not a conditional one), for the top of
// the page; null when nothing is owed.
nlohmann::json next_deadline_view(const PrescriptionView& v) {
  const DeadlineView* next = nullptr;
  for (const auto& d : v.deadlines) {
    if (d.state != DeadlineState::pending && d.state != DeadlineState::missed) continue;
    if (d.deadline.deadline.conditional) continue;
    if (!next || d.deadline.deadline.due_at < next->deadline.deadline.due_at) next = &d;
  }
  if (!next) return nullptr;
  return {{"label", next->label},
          {"due", french_instant(next->deadline.deadline.due_at)},
          {"state", deadline_badge(next->state)}};
}

nlohmann::json case_view(Web& web, const PrescriptionView& v, const EmbeddedFailure* failure) {
  const Prescription& p = v.prescription;
  const Id id = p.id;
  const Instant now = web.services().clock.now();
  const bool terminal = is_terminal(v);
  const std::string person_name = person_display_name(v.person);

  nlohmann::json facts = nlohmann::json::array();
  facts.push_back(
      {{"label", "Personne"}, {"value", person_name}, {"href", person_href(v.person.id)}});
  facts.push_back(fact("Programme", v.config ? v.config->label : p.programme_id));
  facts.push_back(fact("Modalité", v.modality_label));
  facts.push_back(fact("SPIP", v.spip.name));
  facts.push_back(fact(v.person.milieu == Milieu::open ? "Antenne" : "Établissement", v.site.name));
  facts.push_back(
      fact("Prestataire", v.provider.name + (v.lot.number ? " (" + lot_text(v.lot) + ")" : "")));
  facts.push_back(fact("CPIP prescripteur", v.cpip.full_name));
  facts.push_back(fact("Intervenant", v.intervenant ? v.intervenant->full_name : "Non désigné"));
  facts.push_back(
      fact(v.provider_side ? "Reçue le" : "Prescrite le", french_instant(p.prescribed_at)));
  if (v.orientation)
    facts.push_back(
        fact("Demande d’orientation", "du " + french_long(v.orientation->requested_on)));
  if (!p.training_timetable.empty())
    facts.push_back(
        fact("Emploi du temps de formation",
             describe_timetable(p.training_timetable) +
                 (p.training_until ? ", jusqu’au " + french_long(*p.training_until) : "")));
  if (!p.end_reason.empty())
    facts.push_back(fact("Motif de fin", reason_text(v.config, "end_reasons", p.end_reason)));

  // PPAIP-11: hours done against hours validated.
  nlohmann::json hours = {{"done", french_hours(v.hours_done)},
                          {"validated", v.hours_validated > 0 ? french_hours(v.hours_validated)
                                                              : "aucune pour l’instant"},
                          {"planned", french_hours(v.hours_planned)},
                          {"has_progress", v.hours_validated > 0}};
  if (v.hours_validated > 0) {
    double ratio = std::min(1.0, v.hours_done / v.hours_validated);
    hours["value"] = std::to_string(static_cast<int>(std::lround(ratio * 100)));
    hours["percent"] =
        std::to_string(static_cast<int>(std::lround(v.hours_done / v.hours_validated * 100)));
  }

  // BEN-2: the diagnosis, read before the first interview.
  const bool diagnosis_first = v.provider_side && !first_interview_held(v) && !terminal;
  nlohmann::json diagnosis = {{"paragraphs", paragraphs(v.person.diagnosis.text)},
                              {"empty", trim(v.person.diagnosis.text).empty()},
                              {"on", opt_date(v.person.diagnosis.established_on, "")},
                              {"by", v.person.diagnosis.established_by}};

  // Links to the dedicated forms: the engine decides what is available (v.actions).
  nlohmann::json links = nlohmann::json::array();
  auto link = [&](const std::string& href, const std::string& label, const std::string& icon,
                  bool secondary) {
    links.push_back({{"href", href}, {"label", label}, {"icon", icon}, {"secondary", secondary}});
  };
  if (has_action(v, "record_first_interview"))
    link(case_href(id) + "/premier-entretien", "Enregistrer le premier entretien", "person-check",
         false);
  if (!v.pending_proposal)
    for (const char* e : {"submit_proposal", "resubmit_proposal", "propose_modification"})
      if (has_action(v, e)) {
        link(case_href(id) + "/proposition",
             std::string(e) == "submit_proposal"     ? "Proposer un programme"
             : std::string(e) == "resubmit_proposal" ? "Proposer une nouvelle version"
                                                     : "Proposer une modification du programme",
             "journal-plus", false);
        break;
      }
  if (v.provider_side && !terminal) {
    link(case_href(id) + "/seances/nouvelle", "Planifier une séance", "calendar-plus", true);
    link(case_href(id) + "/intervenant",
         v.intervenant ? "Changer d’intervenant" : "Désigner l’intervenant", "person-badge", true);
  }
  link(case_href(id) + "/courrier-calendrier", "Courrier à imprimer pour la personne (calendrier)",
       "printer", true);
  // PPAIP-16, BEN-4 (http/bilan_pages.cc, http/file_pages.cc).
  link(case_href(id) + "/bilan?type=final", "Bilan final", "journal-check", true);
  link(case_href(id) + "/bilan?type=interim", "Bilan à mi-parcours", "journal-text", true);
  link(person_href(v.person.id) + "/dossier-professionnel", "Dossier professionnel", "folder2-open",
       true);
  // ATT-1, PPAIP-10: generated and kept in the professional file, hence POST (http/paper_pages.cc).
  nlohmann::json pdfs = nlohmann::json::array();
  for (const auto& [path, label] : std::vector<std::pair<std::string, std::string>>{
           {"/feuille-emargement.pdf", "Feuille d’émargement (PDF)"},
           {"/calendrier.pdf", "Calendrier (PDF)"},
           {"/modification-calendrier.pdf", "Courrier de modification du calendrier (PDF)"}})
    pdfs.push_back({{"action", case_href(id) + path}, {"label", label}});

  nlohmann::json events = nlohmann::json::array();
  for (const auto* t : v.actions)
    // Events with a form of their own are linked above; every other one gets the generic form.
    if (!t->own_form) events.push_back(event_form(v, *t, failure));

  nlohmann::json deadlines = nlohmann::json::array();
  for (const auto& dv : v.deadlines) {
    const Deadline& d = dv.deadline.deadline;
    std::string met = "—";
    if (d.met_at) met = french_instant(*d.met_at);
    if (d.waived_at)
      met = "Levé le " + french_instant(*d.waived_at) +
            (d.waiver_reason.empty() ? "" : " (" + d.waiver_reason + ")");
    if (d.paused_since) met = "En pause depuis le " + french_instant(*d.paused_since);
    // PPAIP-5: owed only if the event happens.
    if (d.conditional && dv.state == DeadlineState::pending && met == "—")
      met = "Seulement si nécessaire";
    nlohmann::json waiver = nullptr;
    if (dv.can_waive) {
      const std::string form_id = "lever-" + std::to_string(dv.deadline.id);
      const bool failed = failure && failure->form_id == form_id;
      waiver = {{"form_id", form_id},
                {"action", case_href(id) + "/delais/" + std::to_string(dv.deadline.id) + "/levee"},
                {"open", failed},
                {"reason", failed ? failure->values.value("reason", "") : ""},
                {"error", failed ? failure->error.message : ""}};
    }
    deadlines.push_back({{"label", dv.label},
                         {"source", dv.source},
                         {"owner", dv.owner_name},
                         {"due", french_instant(d.due_at)},
                         {"state", deadline_badge(dv.state)},
                         {"met", met},
                         {"waiver", waiver}});
  }

  nlohmann::json proposals = nlohmann::json::array();
  for (const auto& pv : v.proposals) proposals.push_back(proposal_view(v, pv));

  nlohmann::json decision = nullptr;
  if (v.pending_proposal && v.spip_side &&
      (has_action(v, "validate_proposal") || has_action(v, "validate_modification"))) {
    decision = {{"form_id", "decision"},
                {"action", "/propositions/" + std::to_string(v.pending_proposal->id) + "/decision"},
                {"prescription_id", id},
                {"version", v.pending_proposal->version}};
    embed_failure(decision, failure);
    decision["comment_value"] = value_of(decision, "comment");
    decision["comment_error"] = error_of(decision, "comment");
  }

  nlohmann::json sessions = nlohmann::json::array();
  nlohmann::json attendance = nlohmann::json::array();
  nlohmann::json upcoming = nlohmann::json::array();
  for (const auto& s : v.sessions) {
    std::string status = s.status_label;
    if (!s.absence_label.empty()) status += " — " + s.absence_label;
    sessions.push_back(
        {{"date", french_long(s.session.date)},
         {"time", french_time(s.session.start_minute)},
         {"duration", french_duration(s.session.duration_minutes)},
         {"kind", session_kind_label(s.session.kind)},
         {"place", s.session.place_label.empty() ? "—" : s.session.place_label},
         {"intervenant", s.intervenant_name.empty() ? "—" : s.intervenant_name},
         {"status", session_badge(s.session, status)},
         {"note", s.session.note},
         {"overlaps", s.overlaps_training},
         {"paper_href", v.provider_side && s.session.status != "cancelled"
                            ? "/seances/" + std::to_string(s.session.id) + "/emargement"
                            : ""}});
    if (!v.provider_side || terminal || s.session.status != "planned") continue;
    if (session_start(s.session) <= now)
      attendance.push_back(attendance_form(v, s, failure));
    else
      upcoming.push_back(reschedule_forms(s, failure));
  }

  nlohmann::json suspensions = nlohmann::json::array();
  for (const auto& s : v.suspensions)
    suspensions.push_back({{"reason", reason_text(v.config, "suspension_reasons", s.reason)},
                           {"comment", s.comment.empty() ? "—" : s.comment},
                           {"from", french_instant(s.from)},
                           {"until", s.until ? french_instant(*s.until) : "En cours"}});

  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& e : v.events)
    timeline.push_back({{"at", french_instant(e.at)},
                        {"label", e.label},
                        {"detail", e.detail},
                        {"who", e.actor_label}});

  nlohmann::json view = {{"heading", "PPAIP — " + person_name},
                         {"state", state_badge(v.config, p.state, v.state_label)},
                         {"facts", facts},
                         {"objectives", paragraphs(p.objectives)},
                         {"constraints", paragraphs(p.constraints)},
                         {"hours", hours},
                         {"diagnosis_first", diagnosis_first},
                         {"diagnosis", diagnosis},
                         {"links", links},
                         {"pdfs", pdfs},
                         {"events", events},
                         {"has_events", !events.empty()},
                         {"deadlines", deadlines},
                         {"no_deadlines", deadlines.empty()},
                         {"proposals", proposals},
                         {"no_proposals", proposals.empty()},
                         {"decision", decision},
                         {"sessions", sessions},
                         {"no_sessions", sessions.empty()},
                         {"attendance", attendance},
                         {"has_attendance", !attendance.empty()},
                         {"next_deadline", next_deadline_view(v)},
                         {"has_now", !attendance.empty() || !next_deadline_view(v).is_null()},
                         {"file_href", person_href(v.person.id) + "/dossier-professionnel"},
                         {"upcoming", upcoming},
                         {"has_upcoming", !upcoming.empty()},
                         {"suspensions", suspensions},
                         {"has_suspensions", !suspensions.empty()},
                         {"timeline", timeline},
                         {"no_timeline", timeline.empty()},
                         {"provider_side", v.provider_side},
                         {"terminal", terminal}};
  if (failure) view["error_summary"] = failure_summary(*failure);
  return view;
}

// ---- Proposal (PPAIP-6, 7, 9) and intervenant forms --------------------------------------

}  // namespace

Error refuse(Web& web, const Actor& a, const std::string& action, const std::string& subject_type,
             Id subject_id, const std::string& message) {
  record_denied(web.services().store, web.services().clock, a, action, subject_type, subject_id);
  return forbidden(message);
}

std::function<Result<std::any>(const Request&, PageCtx&)> load_provider_case(
    Web& web, const std::string& action) {
  return [&web, action](const Request& req, PageCtx& ctx) -> Result<std::any> {
    auto v = web.services().journeys.prescription(ctx.actor, id_param(req));
    if (!v.ok()) return v.error();
    if (!v->provider_side)
      return refuse(web, ctx.actor, action, "prescription", v->prescription.id,
                    "Cette action revient au prestataire.");
    return std::any(std::move(*v));
  };
}

namespace {

// ---- Decision, generic events ----------------------------------------------------------

void case_posts(Web& web) {
  web.page("POST", R"(/propositions/(\d+)/decision)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             const Id case_id = id_field(req, "prescription_id");
             const std::string decision = form(req, "decision");
             Status s = invalid("Choisissez de valider ou de refuser la proposition.",
                                {{"decision", "Choisissez de valider ou de refuser."}});
             if (decision == "valider" || decision == "refuser")
               s = web.services().journeys.decide_proposal(
                   ctx.actor, id_param(req), decision == "valider", form(req, "comment"));
             if (s.ok())
               return web.redirect(res, case_href(case_id) + "#proposition",
                                   decision == "valider"
                                       ? "Proposition validée : le prestataire en est informé."
                                       : "Proposition refusée : le prestataire en est informé.");
             if (s.error().code == ErrorCode::forbidden || s.error().code == ErrorCode::not_found ||
                 case_id == 0)
               return web.fail(res, ctx, s.error());
             EmbeddedFailure failure{"decision", s.error(), form_values(req)};
             show_case(web, res, ctx, case_id, &failure);
           });

  // DL-1: a deadline lifted with its reason.
  web.page("POST", R"(/prescriptions/(\d+)/delais/(\d+)/levee)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             const Id case_id = id_param(req);
             const Id deadline_id = id_param(req, 2);
             Status s = web.services().journeys.waive_deadline(ctx.actor, case_id, deadline_id,
                                                               form(req, "reason"));
             if (s.ok())
               return web.redirect(res, case_href(case_id) + "#delais",
                                   "Délai levé : le motif figure dans l’historique.");
             if (s.error().code == ErrorCode::forbidden || s.error().code == ErrorCode::not_found)
               return web.fail(res, ctx, s.error());
             EmbeddedFailure failure{"lever-" + std::to_string(deadline_id), s.error(),
                                     form_values(req)};
             show_case(web, res, ctx, case_id, &failure);
           });

  web.page("POST", R"(/prescriptions/(\d+)/evenement)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             const Id case_id = id_param(req);
             EventInput in;
             in.event = form(req, "event");
             in.reason = form(req, "reason");
             in.comment = form(req, "comment");
             std::vector<FieldError> errs;
             in.date = date_field(req, "date", errs, false);
             Result<std::string> s =
                 errs.empty() ? web.services().journeys.fire(ctx.actor, case_id, in)
                              : Result<std::string>(invalid("La date n’est pas valide.", errs));
             // Said as a fact: « Programme suspendu. »
             if (s.ok()) return web.redirect(res, case_href(case_id), *s + ".");
             if (s.error().code == ErrorCode::forbidden || s.error().code == ErrorCode::not_found)
               return web.fail(res, ctx, s.error());
             EmbeddedFailure failure{"evt-" + in.event, s.error(), form_values(req)};
             show_case(web, res, ctx, case_id, &failure);
           });
}

// ---- Letter (PPAIP-10) -----------------------------------------------------------------

void letter_page(Web& web) {
  web.page("GET", R"(/prescriptions/(\d+)/courrier-calendrier)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             auto v = web.services().journeys.prescription(ctx.actor, id_param(req));
             if (!v.ok()) return web.fail(res, ctx, v.error());
             const Instant now = web.services().clock.now();
             std::vector<Session> all;
             for (const auto& s : v->sessions) all.push_back(s.session);
             nlohmann::json sessions = nlohmann::json::array();
             for (const auto& s : planned_sessions(all, now)) {
               std::string with;
               for (const auto& sv : v->sessions)
                 if (sv.session.id == s.id && !sv.intervenant_name.empty())
                   with = ", avec " + sv.intervenant_name;
               sessions.push_back(session_sentence(s) + with);
             }
             const Person& p = v->person;
             nlohmann::json recipient = nlohmann::json::array();
             recipient.push_back(person_display_name(p));
             if (p.milieu == Milieu::closed) {
               if (!p.prison_number.empty()) recipient.push_back("Écrou n° " + p.prison_number);
               recipient.push_back(v->site.name);
               for (const auto& l : paragraphs(v->site.address)) recipient.push_back(l);
             } else {
               for (const auto& l : paragraphs(p.address)) recipient.push_back(l);
             }
             nlohmann::json sender = nlohmann::json::array();
             sender.push_back(v->provider.name);
             for (const auto& l : paragraphs(v->provider.address)) sender.push_back(l);
             if (!v->provider.phone.empty()) sender.push_back("Tél. " + v->provider.phone);
             const std::string signer = v->intervenant ? v->intervenant->full_name : std::string();
             web.render(res, &ctx, "Courrier — calendrier des rendez-vous", "letter",
                        {{"back_href", case_href(v->prescription.id)},
                         {"sender", sender},
                         {"recipient", recipient},
                         {"date", "Le " + french_long(paris_date(now))},
                         {"greeting", p.sex == Sex::male ? "Monsieur," : "Madame,"},
                         {"cpip", v->cpip.full_name},
                         {"spip", v->spip.name},
                         {"sessions", sessions},
                         {"no_sessions", sessions.empty()},
                         {"signer", signer},
                         {"provider", v->provider.name}});
           });
}

}  // namespace

void show_case(Web& web, Response& res, PageCtx& ctx, Id prescription_id,
               const EmbeddedFailure* failure) {
  auto v = web.services().journeys.prescription(ctx.actor, prescription_id);
  if (!v.ok()) return web.fail(res, ctx, v.error());
  web.render(res, &ctx, "PPAIP — " + person_display_name(v->person), "prescription",
             case_view(web, *v, failure), failure ? Web::status_of(failure->error.code) : 200);
}

void add_journey_case_pages(Web& web) {
  add_journey_case_lists(web);
  web.page("GET", R"(/prescriptions/(\d+))",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             show_case(web, res, ctx, id_param(req), nullptr);
           });
  add_journey_proposal_pages(web);
  case_posts(web);
  letter_page(web);
}

}  // namespace parcours::http
