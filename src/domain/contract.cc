#include "domain/contract.h"

#include <cctype>
#include <cstdio>

#include "domain/validation.h"

namespace parcours {

Date contract_end(const Contract& c) {
  return add_months(c.start_date, c.initial_months + c.renewals_used * c.renewal_months);
}

Status validate_contract(const Contract& c) {
  Validator v;
  v.require_text("reference", c.reference, "La référence du marché", 80);
  v.require_text("title", c.title, "L’intitulé du marché", 300);
  if (!c.start_date.ok()) v.add("start_date", "La date de début est obligatoire.");
  if (c.initial_months < 1 || c.initial_months > 120)
    v.add("initial_months", "La durée initiale doit être comprise entre 1 et 120 mois.");
  if (c.renewals_allowed < 0 || c.renewals_allowed > 10)
    v.add("renewals_allowed", "Le nombre de reconductions doit être compris entre 0 et 10.");
  if (c.renewal_months < 1 || c.renewal_months > 60)
    v.add("renewal_months", "La durée d’une reconduction doit être comprise entre 1 et 60 mois.");
  if (c.renewals_used < 0 || c.renewals_used > c.renewals_allowed)
    v.add("renewals_used", "Les reconductions effectuées dépassent celles prévues au marché.");
  return v.status("Le marché n’est pas valide.");
}

Status validate_lot(const Lot& l) {
  Validator v;
  if (l.number < 1 || l.number > 99) v.add("number", "Le numéro de lot doit être entre 1 et 99.");
  v.require_text("label", l.label, "L’intitulé du lot", 300);
  if (l.individual_hours < 0)
    v.add("individual_hours", "Le volume d’heures individuelles ne peut pas être négatif.");
  if (l.collective_hours < 0)
    v.add("collective_hours", "Le volume d’heures collectives ne peut pas être négatif.");
  if (l.individual_price_cents < 0)
    v.add("individual_price", "Le prix unitaire ne peut pas être négatif.");
  if (l.collective_price_cents < 0)
    v.add("collective_price", "Le prix unitaire ne peut pas être négatif.");
  if (l.spip_ids.empty()) v.add("spip_ids", "Un lot couvre au moins un SPIP.");
  return v.status("Le lot n’est pas valide.");
}

Status validate_amendment(const VolumeAmendment& a, const Lot& lot, const Volumes& current) {
  (void)lot;
  Validator v;
  if (!a.effective_on.ok()) v.add("effective_on", "La date d’effet est obligatoire.");
  if (a.individual_hours_delta == 0 && a.collective_hours_delta == 0)
    v.add("individual_hours_delta", "L’avenant doit modifier au moins un volume.");
  if (current.individual_hours + a.individual_hours_delta < 0)
    v.add("individual_hours_delta", "Le volume d’heures individuelles deviendrait négatif.");
  if (current.collective_hours + a.collective_hours_delta < 0)
    v.add("collective_hours_delta", "Le volume d’heures collectives deviendrait négatif.");
  v.require_text("reason", a.reason, "Le motif de l’avenant", 500);
  return v.status("L’avenant n’est pas valide.");
}

Volumes volumes_on(const Lot& lot, const std::vector<VolumeAmendment>& amendments, Date as_of) {
  Volumes v{lot.individual_hours, lot.collective_hours};
  for (const auto& a : amendments) {
    if (a.lot_id != lot.id || date::sys_days{a.effective_on} > date::sys_days{as_of}) continue;
    v.individual_hours += a.individual_hours_delta;
    v.collective_hours += a.collective_hours_delta;
  }
  return v;
}

Status validate_authorisation(const AccessAuthorisation& a) {
  Validator v;
  if (a.user_id == 0) v.add("user_id", "L’intervenant est obligatoire.");
  if (a.establishment_id == 0) v.add("establishment_id", "L’établissement est obligatoire.");
  if (!a.requested_on.ok()) v.add("requested_on", "La date de demande est obligatoire.");
  if (a.granted_on && a.requested_on.ok() &&
      date::sys_days{*a.granted_on} < date::sys_days{a.requested_on})
    v.add("granted_on", "L’autorisation ne peut pas être délivrée avant d’avoir été demandée.");
  if (a.ends_on && a.granted_on && date::sys_days{*a.ends_on} < date::sys_days{*a.granted_on})
    v.add("ends_on", "La fin de l’autorisation précède sa délivrance.");
  return v.status("L’autorisation d’accès n’est pas valide.");
}

bool requested_in_time(const AccessAuthorisation& a, Date activity_start) {
  return date::sys_days{a.requested_on} <= date::sys_days{add_months(activity_start, -1)};
}

std::string format_euros(long long cents) {
  bool neg = cents < 0;
  unsigned long long v = neg ? -cents : cents;
  std::string whole = std::to_string(v / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += "\u202f";  // narrow no-break space
    grouped += whole[i];
  }
  char frac[8];
  std::snprintf(frac, sizeof frac, ",%02llu", v % 100);
  return (neg ? "-" : "") + grouped + frac + "\u00a0€";
}

Result<long long> parse_euros(const std::string& text) {
  std::string t = trim(text);
  auto bad = invalid("Le montant « " + text + " » n’est pas un nombre d’euros (ex. 45,50).");
  if (t.empty()) return bad;
  long long whole = 0, frac = 0;
  int frac_digits = -1;
  for (char c : t) {
    if (c == ',' || c == '.') {
      if (frac_digits >= 0) return bad;
      frac_digits = 0;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      if (frac_digits < 0) {
        if (whole > 100000000) return bad;
        whole = whole * 10 + (c - '0');
      } else {
        if (++frac_digits > 2) return bad;
        frac = frac * 10 + (c - '0');
      }
    } else {
      return bad;
    }
  }
  if (frac_digits == 1) frac *= 10;
  return whole * 100 + frac;
}

}  // namespace parcours
