// The proposal forms of the provider (PPAIP-6, 7, 9: first proposal, new version after a
// refusal, modification) and the choice of the intervenant of a case.
#include <algorithm>

#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/list_paging.h"

namespace parcours::http {
namespace {

void proposal_form(Web& web) {
  JourneyForm page;
  page.title = "Proposer un programme";
  page.submit_label = "Soumettre au CPIP";
  page.intro =
      "Le programme proposé après le premier entretien : actions, heures individuelles "
      "justifiées, ateliers et calendrier prévisionnel. Le CPIP le valide ou le refuse ; chaque "
      "version est conservée.";
  page.load = load_provider_case(web, "proposal.submit");
  page.fields = [](const Request&, PageCtx&) -> Result<std::vector<Field>> {
    const auto* v = &loaded<PrescriptionView>();
    Options actions;
    if (v->config)
      for (const auto& a : v->config->actions) actions.push_back({a.id, a.label});
    std::string hours_help = "En heures, par exemple 12 ou 12,5.";
    if (v->config && v->config->bounds.individual_hours)
      hours_help += " Entre " + french_hours(v->config->bounds.individual_hours->min) + " et " +
                    french_hours(v->config->bounds.individual_hours->max) + " (" +
                    v->config->bounds.individual_hours->rule + ").";
    std::vector<Field> f;
    f.push_back({"actions", "Actions du programme", "multiselect", true, "", actions});
    if (v->prescription.modality != "collective")
      f.push_back({"individual_hours", "Heures individuelles", "text", true, hours_help});
    f.push_back(
        {"content", "Contenu du programme", "textarea", true, "Le programme, dans vos mots."});
    f.push_back({"justification", "Justification du nombre d’heures", "textarea",
                 v->prescription.modality != "collective"});
    f.push_back({"workshops", "Participation à des ateliers collectifs", "checkbox"});
    f.push_back({"workshops_detail", "Ateliers prévus", "textarea"});
    f.push_back({"calendar", "Calendrier prévisionnel", "textarea", false,
                 "Par exemple « mardis 9\u00a0h – 11\u00a0h, du 4 mars au 15 avril »."});
    return f;
  };
  page.initial = [](const Request&, PageCtx&) -> Result<nlohmann::json> {
    const auto* v = &loaded<PrescriptionView>();
    if (v->proposals.empty()) return nlohmann::json::object();
    // A new version starts from the last one.
    const Proposal& last = v->proposals.back().proposal;
    char hours[32];
    std::snprintf(hours, sizeof hours, "%g", last.individual_hours);
    std::string h = hours;
    std::replace(h.begin(), h.end(), '.', ',');
    return nlohmann::json{
        {"actions", last.actions},     {"individual_hours", h},
        {"content", last.content},     {"justification", last.justification},
        {"workshops", last.workshops}, {"workshops_detail", last.workshops_detail},
        {"calendar", last.calendar}};
  };
  page.cancel = [](const Request& req) { return case_href(id_param(req)); };
  page.submit = [&web](const Request& req, PageCtx& ctx) -> Result<Done> {
    std::vector<FieldError> errs;
    Proposal p;
    auto n = req.get_param_value_count("actions");
    for (std::size_t i = 0; i < n; ++i) p.actions.push_back(req.get_param_value("actions", i));
    if (req.has_param("individual_hours")) {
      auto h = parse_decimal(form(req, "individual_hours"));
      if (!h)
        errs.push_back(
            {"individual_hours", "Indiquez un nombre d’heures, par exemple 12 ou 12,5."});
      else
        p.individual_hours = *h;
    }
    p.content = form(req, "content");
    p.justification = form(req, "justification");
    p.workshops = checkbox(req, "workshops");
    p.workshops_detail = trim(form(req, "workshops_detail"));
    p.calendar = trim(form(req, "calendar"));
    if (!errs.empty()) return invalid("La proposition n’est pas valide.", errs);
    auto id = web.services().journeys.submit_proposal(ctx.actor, id_param(req), p);
    if (!id.ok()) return id.error();
    return Done{case_href(id_param(req)) + "#proposition",
                "Proposition soumise au CPIP pour validation."};
  };
  journey_form(web, R"(/prescriptions/(\d+)/proposition)", page);

  JourneyForm assign;
  assign.title = "Désigner l’intervenant";
  assign.intro = "L’intervenant de votre structure qui accompagnera la personne.";
  assign.load = load_provider_case(web, "prescription.assign");
  assign.fields = [](const Request&, PageCtx&) -> Result<std::vector<Field>> {
    const auto* v = &loaded<PrescriptionView>();
    Options people{{"", "— Choisir —"}};
    for (const auto& u : v->intervenants)
      people.push_back({std::to_string(u.id),
                        u.full_name + (u.qualification.empty() ? "" : " — " + u.qualification)});
    return std::vector<Field>{{"intervenant_id", "Intervenant", "select", true, "", people}};
  };
  assign.initial = [](const Request&, PageCtx&) -> Result<nlohmann::json> {
    const auto* v = &loaded<PrescriptionView>();
    return nlohmann::json{{"intervenant_id", v->prescription.intervenant_id
                                                 ? std::to_string(v->prescription.intervenant_id)
                                                 : ""}};
  };
  assign.cancel = [](const Request& req) { return case_href(id_param(req)); };
  assign.submit = [&web](const Request& req, PageCtx& ctx) -> Result<Done> {
    Id user = id_field(req, "intervenant_id");
    if (!user)
      return invalid("Choisissez un intervenant.",
                     {{"intervenant_id", "Choisissez un intervenant."}});
    if (auto s = web.services().journeys.assign_intervenant(ctx.actor, id_param(req), user);
        !s.ok())
      return s.error();
    return Done{case_href(id_param(req)), "Intervenant désigné."};
  };
  journey_form(web, R"(/prescriptions/(\d+)/intervenant)", assign);
}

}  // namespace

void add_journey_proposal_pages(Web& web) {
  proposal_form(web);
}

}  // namespace parcours::http
