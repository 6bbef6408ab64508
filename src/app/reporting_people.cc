// Equal access (SPEC REP-2), staff (ORG-4) and the provider synthesis (REP-3).
#include <algorithm>
#include <map>
#include <set>

#include "app/reporting_internal.h"
#include "domain/indicators.h"
#include "domain/person.h"

namespace parcours::reporting_detail {
namespace {

// Counts of one population (prescriptions, or people followed) by profile.
struct Profile {
  long long total = 0;
  long long women = 0;
  long long young_unqualified = 0;
  std::map<std::string, long long> by_sex, by_age, by_qualification;
  void add(const PrescriptionFact& f, Date on) {
    ++total;
    if (f.sex == "F") ++women;
    if (young_without_qualification(f.birth_date, on, f.qualification)) ++young_unqualified;
    ++by_sex[f.sex == "F" ? "Femmes" : "Hommes"];
    ++by_age[age_band_label(age_band(f.birth_date, on))];
    ++by_qualification[qualification_label(f.qualification)];
  }
};

double share(long long part, long long total) {
  return total == 0 ? 0 : static_cast<double>(part) / static_cast<double>(total);
}

ReportTable distribution(const std::string& key, const std::string& title,
                         const std::string& column, const Profile& prescriptions,
                         const Profile& people, std::map<std::string, long long> Profile::*field,
                         const std::vector<std::string>& order) {
  ReportTable t;
  t.key = key;
  t.title = title;
  t.columns = {column, "Prescriptions", "Part", "Personnes suivies", "Part"};
  for (const auto& label : order) {
    auto get = [&](const Profile& p) {
      auto it = (p.*field).find(label);
      return it == (p.*field).end() ? 0LL : it->second;
    };
    t.rows.push_back({text_cell(label), count_cell(get(prescriptions)),
                      percent_cell(share(get(prescriptions), prescriptions.total)),
                      count_cell(get(people)), percent_cell(share(get(people), people.total))});
  }
  t.totals = {text_cell("Total"), count_cell(prescriptions.total), percent_cell(1),
              count_cell(people.total), percent_cell(1)};
  return t;
}

std::vector<std::string> qualification_order() {
  std::vector<std::string> out;
  for (const auto& q : qualification_levels()) out.push_back(qualification_label(q));
  return out;
}

}  // namespace

// REP-2: prescriptions made in the period (as of the as-of day), and people followed (a case
// open at some time in the period); ages on the prescription day.
DashboardBlocks equal_access_blocks(Repos& r, const ReportAudience& au, const ReportPeriod& p) {
  DashboardBlocks out;
  OrgNames names(r);
  const Instant from = period_start(p);
  const Instant to = std::min(period_end(p), end_of_paris_day(p.as_of));
  Profile prescriptions, people;
  std::map<std::string, std::pair<Profile, Profile>> by_spip, by_lot;
  std::set<Id> seen;
  for (const auto& f : r.reporting.prescription_facts(scope_of(au), from, to)) {
    const Date on = paris_date(f.prescribed_at);
    const Lot* lot = find_lot(au, f.lot_id);
    const std::string spip = names.name(f.spip_id);
    const std::string lot_name = lot ? lot_label(*lot) : "Hors lot";
    if (f.prescribed_at >= from) {
      prescriptions.add(f, on);
      by_spip[spip].first.add(f, on);
      by_lot[lot_name].first.add(f, on);
    }
    if (seen.insert(f.person_id).second) {
      people.add(f, on);
      by_spip[spip].second.add(f, on);
      by_lot[lot_name].second.add(f, on);
    }
  }
  ReportTable targets;
  targets.key = "publics-cibles";
  targets.title = "Publics cibles : femmes et jeunes sans qualification";
  targets.note =
      "Prescriptions faites dans la période ; personnes suivies : un parcours ouvert "
      "à un moment de la période (comptée une fois). Âge au jour de la prescription ; "
      "jeunes sans qualification : moins de 26 ans, niveau « sans ».";
  targets.columns = {"Périmètre",
                     "Prescriptions",
                     "Femmes",
                     "Part des femmes",
                     "Jeunes sans qualification",
                     "Part",
                     "Personnes suivies",
                     "Part des femmes"};
  auto target_row = [&](const std::string& label, const Profile& pr, const Profile& pe) {
    return std::vector<ReportCell>{text_cell(label),
                                   count_cell(pr.total),
                                   count_cell(pr.women),
                                   percent_cell(share(pr.women, pr.total)),
                                   count_cell(pr.young_unqualified),
                                   percent_cell(share(pr.young_unqualified, pr.total)),
                                   count_cell(pe.total),
                                   percent_cell(share(pe.women, pe.total))};
  };
  for (const auto& [spip, pair] : by_spip)
    targets.rows.push_back(target_row(spip, pair.first, pair.second));
  for (const auto& [lot, pair] : by_lot)
    targets.rows.push_back(target_row(lot, pair.first, pair.second));
  targets.totals = target_row("Total", prescriptions, people);
  out.tables.push_back(std::move(targets));
  out.tables.push_back(distribution("sexe", "Répartition par sexe", "Sexe", prescriptions, people,
                                    &Profile::by_sex, {"Femmes", "Hommes"}));
  out.tables.push_back(distribution(
      "age", "Répartition par âge", "Tranche d’âge", prescriptions, people, &Profile::by_age,
      {age_band_label(AgeBand::under_26), age_band_label(AgeBand::from_26_to_44),
       age_band_label(AgeBand::from_45)}));
  out.tables.push_back(distribution("qualification", "Répartition par niveau de qualification",
                                    "Niveau", prescriptions, people, &Profile::by_qualification,
                                    qualification_order()));
  ReportChart chart;
  chart.key = "publics-cibles";
  chart.title = "Part des publics cibles dans les prescriptions";
  chart.unit = "%";
  chart.series = {{"Femmes", {}}, {"Jeunes sans qualification", {}}};
  for (const auto& [spip, pair] : by_spip) {
    chart.categories.push_back(spip);
    chart.series[0].values.push_back(100 * share(pair.first.women, pair.first.total));
    chart.series[1].values.push_back(100 * share(pair.first.young_unqualified, pair.first.total));
  }
  out.charts.push_back(std::move(chart));
  return out;
}

// ORG-4: the intervenants who held sessions on each lot in the period, the psychologist
// share against about 30 %, replacements against 10 jours ouvrables, designated substitutes.
DashboardBlocks staff_blocks(Repos& r, const ReportAudience& au, const ReportPeriod& p) {
  DashboardBlocks out;
  OrgNames names(r);
  const Date last = date::sys_days{p.to} < date::sys_days{p.as_of} ? p.to : p.as_of;
  std::map<Id, std::pair<int, int>> counts;  // lot → (intervenants, psychologists)
  ReportTable people;
  people.key = "intervenants";
  people.title = "Intervenants ayant tenu des séances dans la période";
  people.columns = {"Lot", "Intervenant", "Qualification", "Heures de séances"};
  for (const auto& i : r.reporting.lot_intervenants(scope_of(au), p.from, last)) {
    const Lot* lot = find_lot(au, i.lot_id);
    if (!lot) continue;
    ++counts[i.lot_id].first;
    if (i.psychologist) ++counts[i.lot_id].second;
    people.rows.push_back(
        {text_cell(lot_label(*lot)), text_cell(i.full_name),
         text_cell(i.psychologist ? "Psychologue du travail" : "Conseiller en insertion"),
         hours_cell(i.minutes)});
  }
  ReportTable ratio;
  ratio.key = "psychologues";
  ratio.title = "Part des psychologues du travail parmi les intervenants";
  ratio.note = "Le marché demande environ 30 % de psychologues du travail.";
  ratio.columns = {"Lot", "Prestataire", "Intervenants", "Psychologues", "Part", "Objectif"};
  ReportChart chart;
  chart.key = "psychologues";
  chart.title = "Part des psychologues du travail par lot";
  chart.unit = "%";
  chart.reference = 100 * kPsychologistTarget;
  chart.reference_label = "Objectif : environ 30 %";
  chart.series = {{"Psychologues", {}}};
  for (const auto& lot : au.lots) {
    auto [n, psy] = counts[lot.id];
    const double s = share(psy, n);
    ratio.rows.push_back({text_cell(lot_label(lot)), text_cell(names.name(lot.provider_org_id)),
                          count_cell(n), count_cell(psy),
                          percent_cell(s, n > 0 && s < kPsychologistTarget - 0.05),
                          percent_cell(kPsychologistTarget)});
    chart.categories.push_back("Lot " + std::to_string(lot.number));
    chart.series[0].values.push_back(100 * s);
  }
  std::vector<Id> providers;
  for (const auto& lot : au.lots)
    if (lot.provider_org_id != 0 &&
        std::find(providers.begin(), providers.end(), lot.provider_org_id) == providers.end())
      providers.push_back(lot.provider_org_id);
  ReportTable replacements;
  replacements.key = "remplacements";
  replacements.title = "Remplacements des intervenants absents ou partis";
  replacements.note =
      "À remplacer dans les 10 jours ouvrables ; un psychologue par un "
      "psychologue.";
  replacements.columns = {"Prestataire",       "Intervenant",  "Motif", "Depuis le",
                          "À remplacer avant", "Remplacé par", "Le",    "État"};
  for (const auto& x : r.reporting.replacements_of(providers)) {
    const Date due = replacement_due(x.from_on);
    auto user_name = [&](Id id) {
      auto u = id == 0 ? std::nullopt : r.users.find(id);
      return u ? u->full_name : std::string("—");
    };
    const bool done = x.replaced_on.has_value();
    const bool late = done ? date::sys_days{*x.replaced_on} > date::sys_days{due}
                           : date::sys_days{p.as_of} > date::sys_days{due};
    replacements.rows.push_back(
        {text_cell(names.name(x.provider_org_id)), text_cell(user_name(x.user_id)),
         text_cell(x.reason == "departure" ? "Départ" : "Absence"), date_cell(x.from_on),
         date_cell(due), text_cell(user_name(x.replacement_user_id)),
         done ? date_cell(*x.replaced_on) : text_cell("—"),
         text_cell(done ? (late ? "Remplacé en retard" : "Remplacé dans le délai")
                        : (late ? "Non remplacé, délai dépassé" : "À remplacer"),
                   late)});
  }
  ReportTable substitutes;
  substitutes.key = "suppleants";
  substitutes.title = "Suppléants désignés";
  substitutes.columns = {"Prestataire", "Suppléant", "Précision"};
  for (Id provider : providers)
    for (const auto& s : r.staff.substitutes_of(provider)) {
      auto u = r.users.find(s.user_id);
      substitutes.rows.push_back(
          {text_cell(names.name(provider)), text_cell(u ? u->full_name : "—"), text_cell(s.note)});
    }
  out.tables = {std::move(ratio), std::move(people), std::move(replacements),
                std::move(substitutes)};
  out.charts.push_back(std::move(chart));
  return out;
}

// REP-3: what became of the programmes prescribed in the period (current state), and the
// attainment of the prescription and accompaniment objectives.
DashboardBlocks synthesis_blocks(Repos& r, const Programmes& programmes, const ReportAudience& au,
                                 const ReportPeriod& p) {
  DashboardBlocks out;
  const Instant from = period_start(p);
  const Instant to = std::min(period_end(p), end_of_paris_day(p.as_of));
  // The programme of the audience's contracts (its lots are by contract).
  const ProgrammeConfig* config = nullptr;
  for (const auto& lot : au.lots)
    if (auto contract = r.contracts.find_contract(lot.contract_id); contract && !config)
      config = programmes.find(contract->programme);
  if (!config) return out;
  auto listed = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  std::map<std::string, long long> states, reasons;
  long long total = 0, started = 0, ended = 0, objectives = 0;
  for (const auto& f : r.reporting.prescription_facts(scope_of(au), from, to)) {
    if (f.prescribed_at < from) continue;
    ++total;
    ++states[f.state];
    if (!listed(config->not_taken_in_charge_states, f.state)) ++started;
    if (!f.end_reason.empty()) {
      ++ended;
      ++reasons[f.end_reason];
      if (listed(config->objective_end_reasons, f.end_reason)) ++objectives;
    }
  }
  auto label_in = [](const auto& list, const std::string& id) {
    for (const auto& item : list)
      if (item.id == id) return item.label;
    return id;
  };
  ReportTable goals;
  goals.key = "objectifs";
  goals.title = "Atteinte des objectifs de prescription et d’accompagnement";
  goals.note = "Prescriptions faites dans la période, dans leur état à ce jour.";
  goals.columns = {"Indicateur", "Nombre", "Part des prescriptions"};
  auto goal = [&](const std::string& label, long long n) {
    goals.rows.push_back({text_cell(label), count_cell(n), percent_cell(share(n, total))});
  };
  goal("Prescriptions reçues", total);
  goal("Personnes prises en charge (premier entretien tenu)", started);
  goal("Parcours terminés", ended);
  goal("Parcours menés à leur terme (heures validées atteintes ou accompagnement terminé)",
       objectives);
  ReportTable by_state;
  by_state.key = "etats";
  by_state.title = "Parcours par état";
  by_state.columns = {"État", "Nombre", "Part"};
  for (const auto& [id, n] : states)
    by_state.rows.push_back(
        {text_cell(label_in(config->states, id)), count_cell(n), percent_cell(share(n, total))});
  ReportTable by_reason;
  by_reason.key = "motifs-fin";
  by_reason.title = "Fins de parcours par motif";
  by_reason.columns = {"Motif", "Nombre", "Part des fins"};
  for (const auto& [id, n] : reasons)
    by_reason.rows.push_back({text_cell(label_in(config->end_reasons, id)), count_cell(n),
                              percent_cell(share(n, ended))});
  out.tables = {std::move(goals), std::move(by_state), std::move(by_reason)};
  return out;
}

}  // namespace parcours::reporting_detail
