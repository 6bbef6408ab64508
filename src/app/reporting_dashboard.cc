// The lot dashboard (SPEC ORG-3, INV-2): volumes in force with their dated amendments, hours
// prescribed, validated and done per modality, monthly consumption, forecast exhaustion, and
// the 80 % / 100 % alerts.
#include <algorithm>
#include <map>

#include "app/notifications.h"
#include "app/reporting_internal.h"
#include "domain/calendar.h"
#include "domain/indicators.h"

namespace parcours::reporting_detail {
namespace {

// SPEC INV-2: the pace of the forecast is the last 90 days.
constexpr int kPaceDays = 90;

struct Done {
  long long individual = 0;
  long long collective = 0;
};

// The hours done of the lots in scope, from one read of their daily hours up to the as-of
// day: totals and pace window as of that day, months of [from, to] (by lot, then month).
struct Consumption {
  std::map<Id, Done> total;
  std::map<Id, Done> recent;
  std::map<std::pair<Id, std::string>, Done> monthly;

  Done total_of(Id lot) const {
    auto it = total.find(lot);
    return it == total.end() ? Done{} : it->second;
  }
};

Consumption consumption(Repos& r, const ReportScope& scope, Date from, Date to, Date as_of) {
  Consumption c;
  const auto day = [](Date d) { return date::sys_days{d}; };
  const auto pace_from = day(as_of) - date::days{kPaceDays - 1};
  for (const auto& h : r.reporting.daily_hours(scope, as_of)) {
    auto add = [&](Done& d) {
      d.individual += h.individual_done;
      d.collective += h.collective_done;
    };
    add(c.total[h.lot_id]);
    if (day(h.date) >= pace_from) add(c.recent[h.lot_id]);
    if (day(h.date) >= day(from) && day(h.date) <= day(to))
      add(c.monthly[{h.lot_id, month_key(h.date)}]);
  }
  return c;
}

struct Modality {
  const char* id;
  const char* title;
  long long LotHours::*prescribed;
  long long LotHours::*validated;
  long long Done::*done;
  int Volumes::*volume;
};

const Modality kModalities[] = {
    {"individual", "Heures d’entretiens individuels par lot", &LotHours::individual_prescribed,
     &LotHours::individual_validated, &Done::individual, &Volumes::individual_hours},
    {"collective", "Heures d’ateliers collectifs par lot", &LotHours::collective_prescribed,
     &LotHours::collective_validated, &Done::collective, &Volumes::collective_hours},
};

// The contract's last day at today's renewals (contract_end is the day after it).
std::optional<Date> contract_last_day(Repos& r, const Lot& lot) {
  auto c = r.contracts.find_contract(lot.contract_id);
  if (!c) return std::nullopt;
  return Date{date::sys_days{contract_end(*c)} - date::days{1}};
}

std::vector<ReportCell> volume_row(const Lot& lot, const std::string& provider, long long volume,
                                   long long prescribed, long long validated, long long done,
                                   long long recent, Date as_of, std::optional<Date> last_day) {
  const VolumeAlert alert = volume_alert(done, volume);
  const auto exhaustion = forecast_exhaustion(done, volume, recent, kPaceDays, as_of, last_day);
  return {text_cell(lot_label(lot)),
          text_cell(provider),
          hours_cell(volume * 60),
          hours_cell(prescribed),
          hours_cell(validated),
          hours_cell(done),
          percent_cell(consumption_rate(done, volume), alert != VolumeAlert::none),
          text_cell(exhaustion_label(exhaustion)),
          text_cell(volume_alert_label(alert), alert != VolumeAlert::none)};
}

ReportTable volume_table(Repos& r, const Modality& m, const ReportAudience& au,
                         const std::vector<LotHours>& hours, const Consumption& c,
                         const ReportPeriod& p, OrgNames& names) {
  ReportTable t;
  t.key = std::string("volumes-") + m.id;
  t.title = m.title;
  t.note =
      "Volume en vigueur à la date d’arrêté, avenants compris. Prescrites : heures de la "
      "dernière proposition soumise ; validées : de la dernière proposition validée par "
      "le SPIP ; réalisées : séances tenues. Épuisement prévu au rythme des 90 derniers "
      "jours.";
  if (au.kind == ReportAudience::Kind::spip)
    t.note += " Les heures ne comptent que les personnes du SPIP ; le volume est celui du lot.";
  t.columns = {"Lot",       "Prestataire",  "Volume",           "Prescrites", "Validées",
               "Réalisées", "Consommation", "Épuisement prévu", "Alerte"};
  long long tv = 0, tp = 0, tval = 0, td = 0;
  for (const auto& h : hours) {
    const Lot* lot = find_lot(au, h.lot_id);
    if (!lot) continue;
    const long long volume =
        volumes_on(*lot, r.contracts.amendments_of(lot->id), p.as_of).*m.volume;
    auto it = c.recent.find(h.lot_id);
    const long long rec = it == c.recent.end() ? 0 : it->second.*m.done;
    const long long done = c.total_of(h.lot_id).*m.done;
    t.rows.push_back(volume_row(*lot, names.name(lot->provider_org_id), volume, h.*m.prescribed,
                                h.*m.validated, done, rec, p.as_of, contract_last_day(r, *lot)));
    tv += volume;
    tp += h.*m.prescribed;
    tval += h.*m.validated;
    td += done;
  }
  t.totals = {text_cell("Total"),
              text_cell(""),
              hours_cell(tv * 60),
              hours_cell(tp),
              hours_cell(tval),
              hours_cell(td),
              percent_cell(consumption_rate(td, tv)),
              text_cell(""),
              text_cell("")};
  return t;
}

ReportTable amendments_table(Repos& r, const ReportAudience& au, Date as_of) {
  ReportTable t;
  t.key = "avenants";
  t.title = "Avenants de volume";
  t.note = "Chaque modification du volume d’un lot, à sa date d’effet.";
  t.columns = {"Lot", "Date d’effet", "Individuel", "Collectif", "Motif"};
  for (const auto& lot : au.lots) {
    for (const auto& a : r.contracts.amendments_of(lot.id)) {
      if (date::sys_days{a.effective_on} > date::sys_days{as_of}) continue;
      auto signed_hours = [](int h) {
        return text_cell((h > 0 ? "+" : "") + format_minutes_as_hours(h * 60LL));
      };
      t.rows.push_back({text_cell(lot_label(lot)), date_cell(a.effective_on),
                        signed_hours(a.individual_hours_delta),
                        signed_hours(a.collective_hours_delta), text_cell(a.reason)});
    }
  }
  return t;
}

std::vector<Id> members_with(Repos& r, Id org_id, Role role) {
  std::vector<Id> out;
  if (org_id == 0) return out;
  for (const auto& m : r.users.members_of(org_id))
    if (m.role == role) out.push_back(m.user_id);
  return out;
}

}  // namespace

DashboardBlocks dashboard_blocks(Repos& r, const Programmes&, const ReportAudience& au,
                                 const ReportPeriod& p) {
  DashboardBlocks out;
  OrgNames names(r);
  const ReportScope scope = scope_of(au);
  const auto hours = r.reporting.lot_hours(scope, p.as_of);
  // Monthly consumption over the period (up to the as-of day).
  const Date last = date::sys_days{p.to} < date::sys_days{p.as_of} ? p.to : p.as_of;
  const Consumption done = consumption(r, scope, p.from, last, p.as_of);
  for (const auto& m : kModalities)
    out.tables.push_back(volume_table(r, m, au, hours, done, p, names));
  out.tables.push_back(amendments_table(r, au, p.as_of));

  const auto months = months_between(p.from, last);
  std::map<std::string, std::pair<long long, long long>> by_month;
  ReportTable monthly;
  monthly.key = "mensuel";
  monthly.title = "Heures réalisées par mois et par lot";
  monthly.columns = {"Mois", "Lot", "Individuel", "Collectif", "Montant (BPU)"};
  long long ti = 0, tc = 0, tm = 0;
  for (const auto& [key, h] : done.monthly) {
    const Lot* lot = find_lot(au, key.first);
    if (!lot) continue;
    const std::string& month = key.second;
    by_month[month].first += h.individual;
    by_month[month].second += h.collective;
    const long long amount = hours_amount_cents(h.individual, lot->individual_price_cents) +
                             hours_amount_cents(h.collective, lot->collective_price_cents);
    monthly.rows.push_back({text_cell(month_label(month)), text_cell(lot_label(*lot)),
                            hours_cell(h.individual), hours_cell(h.collective),
                            money_cell(amount)});
    ti += h.individual;
    tc += h.collective;
    tm += amount;
  }
  monthly.totals = {text_cell("Total"), text_cell(""), hours_cell(ti), hours_cell(tc),
                    money_cell(tm)};
  out.tables.push_back(std::move(monthly));

  ReportChart chart;
  chart.key = "consommation-mensuelle";
  chart.title = "Heures réalisées par mois";
  chart.unit = "h";
  chart.series = {{"Entretiens individuels", {}}, {"Ateliers collectifs", {}}};
  for (const auto& m : months) {
    chart.categories.push_back(month_label(m));
    chart.series[0].values.push_back(by_month[m].first / 60.0);
    chart.series[1].values.push_back(by_month[m].second / 60.0);
  }
  out.charts.push_back(std::move(chart));

  ReportChart rates;
  rates.key = "consommation-lots";
  rates.title = "Consommation des volumes par lot";
  rates.unit = "%";
  rates.reference = 80;
  rates.reference_label = "Alerte à 80 %";
  rates.series = {{"Individuel", {}}, {"Collectif", {}}};
  for (const auto& h : hours) {
    const Lot* lot = find_lot(au, h.lot_id);
    if (!lot) continue;
    const Volumes v = volumes_on(*lot, r.contracts.amendments_of(lot->id), p.as_of);
    rates.categories.push_back("Lot " + std::to_string(lot->number));
    const Done d = done.total_of(lot->id);
    rates.series[0].values.push_back(100 * consumption_rate(d.individual, v.individual_hours));
    rates.series[1].values.push_back(100 * consumption_rate(d.collective, v.collective_hours));
  }
  out.charts.push_back(std::move(rates));
  return out;
}

}  // namespace parcours::reporting_detail

namespace parcours {

using namespace reporting_detail;

Result<int> ReportingService::send_volume_alerts(Date as_of) {
  return transact<int>(store_, [&](Repos& r) -> Result<int> {
    int sent = 0;
    for (const auto& contract : r.contracts.contracts()) {
      const std::vector<Id> disp_users = members_with(r, contract.disp_org_id, Role::disp_manager);
      for (const auto& lot : r.contracts.lots_of(contract.id)) {
        ReportScope scope;
        scope.lot_ids = {lot.id};
        const Done lot_done = consumption(r, scope, as_of, as_of, as_of).total_of(lot.id);
        const Volumes v = volumes_on(lot, r.contracts.amendments_of(lot.id), as_of);
        std::vector<Id> recipients = disp_users;
        for (Id u : members_with(r, lot.provider_org_id, Role::provider_coordinator))
          recipients.push_back(u);
        for (const auto& m : kModalities) {
          const long long done = lot_done.*m.done;
          const long long volume = v.*m.volume;
          const VolumeAlert alert = volume_alert(done, volume);
          if (alert == VolumeAlert::none) continue;
          const int level = alert == VolumeAlert::hundred ? 100 : 80;
          if (r.reporting.alert_sent(lot.id, m.id, level, volume)) continue;
          const std::string what =
              std::string(m.id) == "individual" ? "entretiens individuels" : "ateliers collectifs";
          notify(r, clock_, recipients, "volume_alert",
                 lot_label(lot) + " : " + std::to_string(level) + " % du volume " + what +
                     " consommés",
                 "Au " + french_long(as_of) + ", " + format_minutes_as_hours(done) +
                     " réalisées sur un volume de " + format_minutes_as_hours(volume * 60) + " (" +
                     format_percent(consumption_rate(done, volume)) + ").",
                 "/pilotage");
          r.reporting.record_alert(lot.id, m.id, level, volume, clock_.now());
          ++sent;
        }
      }
    }
    return sent;
  });
}

}  // namespace parcours
