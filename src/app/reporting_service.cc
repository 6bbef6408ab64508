// ReportingService: audience and period checks around the report blocks (SPEC REP-1, REP-4,
// ORG-4 replacements).
#include <algorithm>

#include "app/audit.h"
#include "app/journey_internal.h"
#include "app/reporting_internal.h"
#include "domain/indicators.h"
#include "domain/wording.h"

namespace parcours {

using namespace reporting_detail;

namespace {

// SPEC REP-1 reports read at most this many years at once (a contract with its renewals).
constexpr int kMaxPeriodDays = 4 * 366;

ReportDocument assemble(Repos& r, const ReportAudience& au, const std::string& title,
                        const ReportPeriod& p, Instant now, DashboardBlocks blocks) {
  ReportDocument d;
  d.header = report_header(r, au, title, p, now);
  d.facts = {{"Périmètre", au.label},
             {"Arrêté au", french_long(p.as_of)},
             {"Période", "du " + french_medium(p.from) + " au " + french_medium(p.to)}};
  d.tables = std::move(blocks.tables);
  d.charts = std::move(blocks.charts);
  return d;
}

const ReportTable* find_table(const std::vector<ReportTable>& tables, const std::string& key) {
  for (const auto& t : tables)
    if (t.key == key) return &t;
  return nullptr;
}

using Figures = std::vector<std::pair<std::string, std::string>>;

// INV-2: hours done against the volume of each lot, both modalities on one line per lot
// (columns of the volume tables: lot, provider, volume, prescribed, validated, done,
// consumption…).
void volume_figures(const ReportTable* individual, const ReportTable* collective, Figures& out) {
  Figures lots;
  const auto add = [&lots](const ReportTable* t, const std::string& modality) {
    if (!t) return;
    for (const auto& row : t->rows) {
      if (row.size() <= 6) continue;
      const std::string part = modality + "\u00a0: " + row[5].text + " réalisées sur " +
                               row[2].text + " (" + row[6].text + ")";
      auto it = std::find_if(lots.begin(), lots.end(),
                             [&row](const auto& l) { return l.first == row[0].text; });
      if (it == lots.end())
        lots.push_back({row[0].text, part});
      else
        it->second += " — " + part;
    }
  };
  add(individual, "Entretiens individuels");
  add(collective, "ateliers collectifs");
  out.insert(out.end(), lots.begin(), lots.end());
}

// DL-3: the totals row of the deadlines by kind (on time, late, rate, pending, waived).
void deadline_figures(const ReportTable* t, Figures& out) {
  if (!t || t->totals.size() < 4) return;
  const auto n = [&](int i) { return static_cast<long long>(t->totals[i].value); };
  out.push_back({"Délais tenus", t->totals[3].text + " (" +
                                     count_of(n(1), "échéance tenue", "échéances tenues") +
                                     " dans le délai, " + format_count(n(2)) + " en retard)"});
}

// REP-3: prescriptions, people taken in charge, ends, and the ends by reason.
void people_figures(const ReportTable* goals, const ReportTable* reasons, Figures& out) {
  if (goals)
    for (const auto& row : goals->rows)
      if (row.size() > 2)
        out.push_back({row[0].text, row[0].text == "Prescriptions reçues"
                                        ? row[1].text
                                        : row[1].text + " (" + row[2].text + ")"});
  if (reasons)
    for (const auto& row : reasons->rows)
      if (row.size() > 2)
        out.push_back(
            {"Fins de parcours — " + row[0].text, row[1].text + " (" + row[2].text + ")"});
}

// SPEC REP-4: the first page of the COPIL pack, from the pack's own tables so that the figures
// cannot differ from the pages that follow.
Figures key_figures(const std::vector<ReportTable>& tables) {
  Figures out;
  volume_figures(find_table(tables, "volumes-individual"), find_table(tables, "volumes-collective"),
                 out);
  deadline_figures(find_table(tables, "delais-type"), out);
  people_figures(find_table(tables, "objectifs"), find_table(tables, "motifs-fin"), out);
  return out;
}

}  // namespace

ReportingService::ReportingService(Store& store, const Clock& clock, const Programmes& programmes)
    : store_(store), clock_(clock), programmes_(programmes) {}

Result<ReportAudience> ReportingService::audience(const Actor& a) {
  auto out = read<ReportAudience>(store_, [&](Repos& r) { return load_audience(r, a); });
  if (!out.ok() && out.error().code == ErrorCode::forbidden)
    record_denied(store_, clock_, a, "report.read", "report", 0);
  return out;
}

ReportPeriod ReportingService::default_period() const {
  const Date today = paris_date(clock_.now());
  return {Date{today.year(), date::January, date::day{1}}, today, today};
}

Status ReportingService::check_period(const ReportPeriod& p) const {
  if (date::sys_days{p.to} < date::sys_days{p.from})
    return invalid("La fin de la période précède son début.");
  if ((date::sys_days{p.to} - date::sys_days{p.from}).count() > kMaxPeriodDays)
    return invalid("La période ne peut dépasser quatre ans.");
  if (date::sys_days{p.as_of} > date::sys_days{paris_date(clock_.now())})
    return invalid("La date d’arrêté ne peut pas être dans le futur.");
  return {};
}

template <typename Blocks>
Result<ReportDocument> ReportingService::report(const Actor& a, const ReportPeriod& p,
                                                const char* action, const std::string& title,
                                                Blocks&& blocks) {
  if (auto s = check_period(p); !s.ok()) return s.error();
  auto out = read<ReportDocument>(store_, [&](Repos& r) -> Result<ReportDocument> {
    auto au = load_audience(r, a);
    if (!au.ok()) return au.error();
    return assemble(r, *au, title, p, clock_.now(), blocks(r, *au));
  });
  if (!out.ok() && out.error().code == ErrorCode::forbidden)
    record_denied(store_, clock_, a, action, "report", 0);
  return out;
}

Result<ReportDocument> ReportingService::dashboard(const Actor& a, const ReportPeriod& p) {
  return report(
      a, p, "report.dashboard", "Exécution du marché : volumes et consommation",
      [&](Repos& r, const ReportAudience& au) { return dashboard_blocks(r, programmes_, au, p); });
}

Result<ReportDocument> ReportingService::compliance(const Actor& a, const ReportPeriod& p,
                                                    const ReportFilter& f) {
  return report(a, p, "report.compliance", "Respect des délais",
                [&](Repos& r, const ReportAudience& au) {
                  return compliance_blocks(r, programmes_, au, p, f);
                });
}

Result<ReportDocument> ReportingService::equal_access(const Actor& a, const ReportPeriod& p) {
  return report(a, p, "report.equal_access",
                "Égalité d’accès : femmes et jeunes sans qualification",
                [&](Repos& r, const ReportAudience& au) { return equal_access_blocks(r, au, p); });
}

Result<ReportDocument> ReportingService::staff(const Actor& a, const ReportPeriod& p) {
  return report(a, p, "report.staff", "Intervenants : psychologues, remplacements, suppléants",
                [&](Repos& r, const ReportAudience& au) { return staff_blocks(r, au, p); });
}

Result<ReportDocument> ReportingService::synthesis(const Actor& a, const ReportPeriod& p) {
  return report(
      a, p, "report.synthesis", "Synthèse des parcours et atteinte des objectifs",
      [&](Repos& r, const ReportAudience& au) { return synthesis_blocks(r, programmes_, au, p); });
}

// REP-4: every block in one document, in the order of a COPIL agenda.
Result<ReportDocument> ReportingService::copil_pack(const Actor& a, const ReportPeriod& p) {
  auto out = report(a, p, "report.copil", "Dossier du comité de pilotage",
                    [&](Repos& r, const ReportAudience& au) {
                      DashboardBlocks all;
                      for (auto blocks : {dashboard_blocks(r, programmes_, au, p),
                                          compliance_blocks(r, programmes_, au, p, {}),
                                          equal_access_blocks(r, au, p), staff_blocks(r, au, p),
                                          synthesis_blocks(r, programmes_, au, p)}) {
                        for (auto& t : blocks.tables) all.tables.push_back(std::move(t));
                        for (auto& c : blocks.charts) all.charts.push_back(std::move(c));
                      }
                      return all;
                    });
  if (out.ok()) out->key_figures = key_figures(out->tables);
  return out;
}

Result<std::vector<StaffReplacement>> ReportingService::open_absences(const Actor& a) {
  auto providers = a.orgs_with({Role::provider_coordinator});
  if (providers.empty()) return forbidden("Réservé aux coordinateurs des prestataires.");
  return read<std::vector<StaffReplacement>>(
      store_, [&](Repos& r) -> Result<std::vector<StaffReplacement>> {
        std::vector<StaffReplacement> out;
        for (auto& x : r.reporting.replacements_of(providers))
          if (!x.replaced_on) out.push_back(std::move(x));
        return out;
      });
}

Result<std::vector<User>> ReportingService::provider_intervenants(const Actor& a) {
  auto providers = a.orgs_with({Role::provider_coordinator});
  if (providers.empty()) return forbidden("Réservé aux coordinateurs des prestataires.");
  return read<std::vector<User>>(store_, [&](Repos& r) -> Result<std::vector<User>> {
    std::vector<User> out;
    for (const auto& m : r.users.members_of(providers.front()))
      if (is_intervenant(m.role))
        if (auto u = r.users.find(m.user_id)) out.push_back(*u);
    std::sort(out.begin(), out.end(),
              [](const User& x, const User& y) { return x.full_name < y.full_name; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const User& x, const User& y) { return x.id == y.id; }),
              out.end());
    return out;
  });
}

namespace {

bool member_intervenant(Repos& r, Id provider, Id user, bool* psychologist) {
  bool found = false;
  for (const auto& m : r.users.memberships_of(user)) {
    if (m.org_id != provider || !is_intervenant(m.role)) continue;
    found = true;
    if (psychologist && m.role == Role::intervenant_psychologist) *psychologist = true;
  }
  return found;
}

}  // namespace

// ORG-4: recorded by the provider's coordinator, for one of its intervenants.
Result<Id> ReportingService::record_absence(const Actor& a, StaffReplacement x) {
  auto providers = a.orgs_with({Role::provider_coordinator});
  return journey_detail::guarded_transact<Id>(
      store_, clock_, a, "staff.absence", "user", x.user_id, [&](Repos& r) -> Result<Id> {
        if (providers.empty()) return forbidden("Réservé aux coordinateurs des prestataires.");
        x.provider_org_id = providers.front();
        if (!member_intervenant(r, x.provider_org_id, x.user_id, nullptr))
          return invalid("Choisissez un intervenant de votre structure.");
        if (x.reason != "departure" && x.reason != "absence")
          return invalid("Indiquez s’il s’agit d’une absence ou d’un départ.");
        x.replacement_user_id = 0;
        x.replaced_on.reset();
        x.recorded_by = a.user.id;
        x.recorded_at = clock_.now();
        const Id id = r.reporting.insert_replacement(x);
        record(r, clock_, a, "staff.absence", "user", x.user_id, 0,
               "{\"replacement\":" + std::to_string(id) + "}");
        return id;
      });
}

// ORG-4: a psychologist can only be replaced by a psychologist.
Status ReportingService::record_replacement(const Actor& a, Id replacement_id,
                                            Id replacement_user_id, Date replaced_on) {
  auto providers = a.orgs_with({Role::provider_coordinator});
  auto out = journey_detail::guarded_transact<bool>(
      store_, clock_, a, "staff.replacement", "staff_replacement", replacement_id,
      [&](Repos& r) -> Result<bool> {
        auto x = r.reporting.find_replacement(replacement_id);
        if (!x) return not_found("Cette absence n’existe pas.");
        if (std::find(providers.begin(), providers.end(), x->provider_org_id) == providers.end())
          return forbidden("Réservé au coordinateur de ce prestataire.");
        if (x->replaced_on) return conflict("Le remplacement est déjà enregistré.");
        bool leaving_psy = false, new_psy = false;
        member_intervenant(r, x->provider_org_id, x->user_id, &leaving_psy);
        if (replacement_user_id == x->user_id ||
            !member_intervenant(r, x->provider_org_id, replacement_user_id, &new_psy))
          return invalid("Choisissez un autre intervenant de votre structure.");
        if (leaving_psy && !new_psy)
          return rule_violation(
              "Un psychologue du travail ne peut être remplacé que par un psychologue du "
              "travail.");
        if (date::sys_days{replaced_on} < date::sys_days{x->from_on})
          return invalid("Le remplacement ne peut précéder l’absence.");
        x->replacement_user_id = replacement_user_id;
        x->replaced_on = replaced_on;
        r.reporting.update_replacement(*x);
        record(r, clock_, a, "staff.replacement", "staff_replacement", replacement_id, 0,
               "{\"replacement_user\":" + std::to_string(replacement_user_id) + "}");
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

}  // namespace parcours
