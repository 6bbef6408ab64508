// The lists of cases (PPAIP-3..16): « Prescriptions » for the SPIP and the provider, with
// their filters, sorting and paging (UX-2), and « Validations » awaiting the CPIP.
#include <algorithm>

#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/list_paging.h"

namespace parcours::http {
namespace {

// ---- Lists -----------------------------------------------------------------------------

nlohmann::json summary_cells(const PrescriptionSummary& s, const ProgrammeConfig* config,
                             bool provider) {
  auto st = state_badge(config, s.prescription.state, s.state_label);
  nlohmann::json state = {{"text", st["text"]}, {"badge", true}};
  std::string due = "—";
  if (s.next_due_at)
    due = s.next_due_label + " — avant le " + french_instant(*s.next_due_at) + " (" +
          deadline_state_label(s.next_due_state) + ")";
  nlohmann::json cells = nlohmann::json::array();
  cells.push_back(cell(s.person_name, case_href(s.prescription.id)));
  cells.push_back(cell(french_instant(s.prescription.prescribed_at)));
  cells.push_back(state);
  cells.push_back(cell(s.modality_label));
  if (provider) {
    cells.push_back(cell(s.spip_name));
    cells.push_back(cell(s.cpip_name));
  } else {
    cells.push_back(cell(s.provider_name));
  }
  cells.push_back(cell(due));
  return cells;
}

// UX-2: the cases list sorted as asked; the default (the most urgent first) is the app's.
void sort_cases(std::vector<PrescriptionSummary>& cases, const std::string& sort) {
  auto by = [&cases](auto key) {
    std::stable_sort(cases.begin(), cases.end(),
                     [&key](const auto& x, const auto& y) { return key(x) < key(y); });
  };
  if (sort == "personne")
    by([](const PrescriptionSummary& s) { return s.person_name; });
  else if (sort == "recentes")
    by([](const PrescriptionSummary& s) {
      return -s.prescription.prescribed_at.time_since_epoch().count();
    });
  else if (sort == "etat")
    by([](const PrescriptionSummary& s) { return s.state_label; });
}

void cases_page(Web& web) {
  web.page("GET", "/prescriptions", [&web](const Request& req, Response& res, PageCtx& ctx) {
    std::string filter = req.get_param_value("filtre");
    const bool spip = spip_staff(ctx.actor);
    const bool provider = !spip && provider_staff(ctx.actor);
    const bool intervenant = provider && (ctx.actor.has_role(Role::intervenant_cip) ||
                                          ctx.actor.has_role(Role::intervenant_psychologist));
    if (filter != "en-cours" && filter != "terminees" && filter != "toutes" &&
        !(filter == "spip" && spip) && !(filter == "miennes" && intervenant))
      filter = "en-cours";
    auto list = web.services().journeys.cases(ctx.actor, filter);
    if (!list.ok()) return web.fail(res, ctx, list.error());
    const Programmes& programmes = web.services().journeys.programmes();
    const Options sorts{{"echeance", "Prochaine échéance"},
                        {"personne", "Nom de la personne"},
                        {"recentes", "Plus récentes d’abord"},
                        {"etat", "État"}};
    const std::string sort = sort_of(req, sorts);
    sort_cases(*list, sort);
    const Paging paging = paging_of(req, list->size());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& s : rows_of_page(*list, paging))
      rows.push_back(
          {{"cells", summary_cells(s, programmes.find(s.prescription.programme_id), provider)}});
    Options filters{{"en-cours", "En cours"}, {"terminees", "Terminées"}, {"toutes", "Toutes"}};
    if (spip) filters.push_back({"spip", "Tout le service (en cours et terminées)"});
    if (intervenant) filters.push_back({"miennes", "Mes personnes"});
    nlohmann::json columns = nlohmann::json::array();
    for (const char* c : {"Personne", provider ? "Reçue le" : "Prescrite le", "État", "Modalité"})
      columns.push_back({{"label", c}});
    if (provider) {
      columns.push_back({{"label", "SPIP"}});
      columns.push_back({{"label", "CPIP"}});
    } else {
      columns.push_back({{"label", "Prestataire"}});
    }
    columns.push_back({{"label", "Prochaine échéance"}});
    const std::string heading = provider ? "Prescriptions reçues" : "Prescriptions";
    web.render(res, &ctx, heading, "list",
               {{"heading", heading},
                {"intro", provider ? "Les prescriptions adressées à votre structure, les plus "
                                     "urgentes d’abord. Le premier entretien doit avoir lieu dans "
                                     "le délai indiqué."
                                   : (ctx.actor.has_role(Role::cpip) && filter != "spip"
                                          ? "Vos prescriptions, les plus urgentes d’abord."
                                          : "Les prescriptions du service, les plus urgentes "
                                            "d’abord.")},
                {"caption",
                 count_of(static_cast<long long>(list->size()), "prescription", "prescriptions")},
                {"pager", pager_view(req, paging)},
                {"columns", columns},
                {"rows", rows},
                {"empty", rows.empty()},
                {"empty_text", "Aucune prescription pour ce filtre."},
                {"filters", true},
                {"filter_fields",
                 {{{"name", "filtre"},
                   {"label", "Prescriptions"},
                   {"options", option_list(filters, filter)}},
                  sort_field(sorts, sort)}},
                {"actions", nlohmann::json::array()}});
  });

  web.page("GET", "/validations", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto list = web.services().journeys.validations_waiting(ctx.actor);
    if (!list.ok()) return web.fail(res, ctx, list.error());
    const Programmes& programmes = web.services().journeys.programmes();
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& s : *list) {
      const ProgrammeConfig* config = programmes.find(s.prescription.programme_id);
      auto st = state_badge(config, s.prescription.state, s.state_label);
      rows.push_back({{"cells",
                       {cell(s.person_name, case_href(s.prescription.id) + "#proposition"),
                        {{"text", st["text"]}, {"badge", true}},
                        cell(s.modality_label),
                        cell(s.provider_name),
                        cell(french_instant(s.prescription.prescribed_at))}}});
    }
    web.render(res, &ctx, "Validations", "list",
               {{"heading", "Propositions à valider"},
                {"intro",
                 "Les propositions de programme et les modifications soumises par les "
                 "prestataires, qui attendent votre décision."},
                {"caption", count_of(static_cast<long long>(rows.size()), "proposition en attente",
                                     "propositions en attente")},
                {"columns",
                 {{{"label", "Personne"}},
                  {{"label", "État"}},
                  {{"label", "Modalité"}},
                  {{"label", "Prestataire"}},
                  {{"label", "Prescrite le"}}}},
                {"rows", rows},
                {"empty", rows.empty()},
                {"empty_text", "Aucune proposition n’attend votre décision."},
                {"actions", nlohmann::json::array()}});
  });
}

}  // namespace

void add_journey_case_lists(Web& web) {
  cases_page(web);
}

}  // namespace parcours::http
