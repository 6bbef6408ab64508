// Audience, cells and periods shared by every report (SPEC REP-1, SEC-1).
#include <algorithm>

#include "app/reporting_internal.h"
#include "domain/calendar.h"
#include "domain/indicators.h"

namespace parcours::reporting_detail {

Result<ReportAudience> load_audience(Repos& r, const Actor& a) {
  ReportAudience au;
  auto disps = a.orgs_with({Role::disp_manager});
  auto providers = a.orgs_with({Role::provider_coordinator});
  auto spips = a.orgs_with({Role::spip_manager});
  if (!disps.empty()) {
    au.kind = ReportAudience::Kind::disp;
    for (const auto& c : r.contracts.contracts())
      if (std::find(disps.begin(), disps.end(), c.disp_org_id) != disps.end())
        for (auto& l : r.contracts.lots_of(c.id)) au.lots.push_back(std::move(l));
    au.label = r.orgs.find(disps.front()) ? r.orgs.find(disps.front())->name : "";
    return au;
  }
  if (!providers.empty()) {
    au.kind = ReportAudience::Kind::provider;
    for (Id p : providers)
      for (auto& l : r.contracts.lots_of_provider(p)) au.lots.push_back(std::move(l));
    au.label = r.orgs.find(providers.front()) ? r.orgs.find(providers.front())->name : "";
    return au;
  }
  if (!spips.empty()) {
    au.kind = ReportAudience::Kind::spip;
    au.spip_id = spips.front();
    for (auto& l : r.contracts.all_lots())
      if (std::find(l.spip_ids.begin(), l.spip_ids.end(), au.spip_id) != l.spip_ids.end())
        au.lots.push_back(std::move(l));
    au.label = r.orgs.find(au.spip_id) ? r.orgs.find(au.spip_id)->name : "";
    return au;
  }
  return forbidden(
      "Les indicateurs du marché sont réservés à la DISP, aux coordinateurs des prestataires "
      "et aux directions des SPIP.");
}

ReportScope scope_of(const ReportAudience& au, Id lot_id) {
  ReportScope s;
  s.spip_id = au.spip_id;
  for (const auto& l : au.lots)
    if (lot_id == 0 || l.id == lot_id) s.lot_ids.push_back(l.id);
  return s;
}

const Lot* find_lot(const ReportAudience& au, Id lot_id) {
  for (const auto& l : au.lots)
    if (l.id == lot_id) return &l;
  return nullptr;
}

std::string lot_label(const Lot& l) {
  return "Lot " + std::to_string(l.number) + (l.label.empty() ? "" : " — " + l.label);
}

const std::string& OrgNames::name(Id id) {
  auto it = names_.find(id);
  if (it != names_.end()) return it->second;
  auto o = id == 0 ? std::nullopt : r_.orgs.find(id);
  return names_[id] = o ? o->name : (id == 0 ? "Non attribué" : "Organisation inconnue");
}

std::string period_label(const ReportPeriod& p) {
  return "Arrêté au " + french_long(p.as_of) + " — période du " + french_medium(p.from) + " au " +
         french_medium(p.to);
}

DocumentHeader report_header(Repos& r, const ReportAudience& au, const std::string& title,
                             const ReportPeriod& p, Instant now) {
  DocumentHeader h;
  h.title = title;
  h.subtitle = period_label(p);
  const Date today = paris_date(now);
  h.generated_on = "Édité le " + french_long(today);
  h.created_at_iso = iso(today) + "T00:00:00";
  h.reference = au.label;
  if (!au.lots.empty()) {
    if (auto c = r.contracts.find_contract(au.lots.front().contract_id)) {
      if (auto d = r.orgs.find(c->disp_org_id)) h.disp_name = d->name;
    }
  }
  if (au.kind == ReportAudience::Kind::spip) h.spip_name = au.label;
  if (au.kind == ReportAudience::Kind::provider) h.provider_name = au.label;
  return h;
}

Instant period_start(const ReportPeriod& p) {
  return paris_wall_clock(p.from, 0);
}

Instant period_end(const ReportPeriod& p) {
  return end_of_paris_day(p.to);
}

std::string month_key(Date d) {
  return iso(d).substr(0, 7);
}

std::vector<std::string> months_between(Date from, Date to) {
  std::vector<std::string> out;
  date::year_month ym{from.year(), from.month()};
  const date::year_month last{to.year(), to.month()};
  for (int guard = 0; ym <= last && guard < 240; ++guard, ym += date::months{1})
    out.push_back(iso(Date{ym.year(), ym.month(), date::day{1}}).substr(0, 7));
  return out;
}

std::string month_label(const std::string& key) {
  int y = 0, m = 0;
  if (!parse_period_month(key, y, m)) return key;
  return french_month_year(y, m);
}

}  // namespace parcours::reporting_detail
