// Contract, lots, volume amendments and provider staff (SPEC ORG-3, ORG-4). Every change is
// recorded in the audit trail within its transaction (SEC-2).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/admin.h"
#include "app/admin_audit.h"
#include "app/audit.h"
#include "app/versions.h"
#include "domain/validation.h"

namespace parcours {
namespace {

using nlohmann::json;

std::string euros(long long cents) {
  std::string out = std::to_string(cents / 100) + "," + std::to_string(cents % 100 / 10) +
                    std::to_string(cents % 10);
  return out + "\u00a0€";
}

// The lot as its edit form shows it (issue 12: what changed meanwhile).
std::vector<ShownField> lot_shown_fields(Repos& r, const Lot& l) {
  auto provider = l.provider_org_id ? r.orgs.find(l.provider_org_id) : std::nullopt;
  std::string spips;
  for (Id s : l.spip_ids)
    if (auto o = r.orgs.find(s)) spips += (spips.empty() ? "" : ", ") + o->name;
  return {{"number", "Numéro du lot", std::to_string(l.number)},
          {"label", "Intitulé", l.label},
          {"provider_org_id", "Titulaire", provider ? provider->name : ""},
          {"spip_ids", "SPIP couverts", spips},
          {"individual_price", "Prix unitaire d’une heure individuelle",
           euros(l.individual_price_cents)},
          {"collective_price", "Prix unitaire d’une heure collective",
           euros(l.collective_price_cents)}};
}

// The contract as its edit form shows it (issue 12).
std::vector<ShownField> contract_shown_fields(Repos& r, const Contract& c) {
  auto disp = r.orgs.find(c.disp_org_id);
  return {{"disp_org_id", "DISP", disp ? disp->name : ""},
          {"reference", "Référence", c.reference},
          {"title", "Intitulé", c.title},
          {"programme", "Programme", c.programme},
          {"start_date", "Date de début", c.start_date.ok() ? french_short(c.start_date) : ""},
          {"initial_months", "Durée initiale (mois)", std::to_string(c.initial_months)},
          {"renewals_allowed", "Reconductions possibles", std::to_string(c.renewals_allowed)},
          {"renewal_months", "Durée d’une reconduction (mois)", std::to_string(c.renewal_months)},
          {"renewals_used", "Reconductions effectuées", std::to_string(c.renewals_used)}};
}

LotView lot_view(Repos& r, const Lot& l, Date today) {
  LotView v;
  v.lot = l;
  if (l.provider_org_id) v.provider = r.orgs.find(l.provider_org_id);
  for (Id s : l.spip_ids)
    if (auto o = r.orgs.find(s)) v.spips.push_back(*o);
  v.amendments = r.contracts.amendments_of(l.id);
  v.current = volumes_on(l, v.amendments, today);
  return v;
}

Result<ContractView> contract_view(Repos& r, const Actor& a, const Contract& c, Date today) {
  ContractView v;
  v.contract = c;
  auto disp = r.orgs.find(c.disp_org_id);
  if (!disp) return not_found("DISP introuvable.");
  v.disp = *disp;
  v.ends_on = contract_end(c);
  for (const auto& l : r.contracts.lots_of(c.id))
    if (can_view_lot(a, c, l)) v.lots.push_back(lot_view(r, l, today));
  v.can_edit = can_edit_contract(a, c);
  return v;
}

Status check_contract_references(Repos& r, const Contract& c) {
  auto disp = r.orgs.find(c.disp_org_id);
  if (!disp || disp->kind != OrgKind::disp)
    return invalid("Le marché doit être passé par une DISP.",
                   {{"disp_org_id", "Choisissez une DISP."}});
  return validate_contract(c);
}

Result<Organisation> staffed_provider(Repos& r, const Actor& a, Id provider_org_id) {
  auto p = r.orgs.find(provider_org_id);
  if (!p || p->kind != OrgKind::provider) return not_found("Prestataire introuvable.");
  if (!can_manage_staff(a, *p)) return forbidden();
  return *p;
}

bool works_for(Repos& r, Id user_id, Id provider_org_id) {
  auto ms = r.users.memberships_of(user_id);
  return std::any_of(ms.begin(), ms.end(), [&](const Membership& m) {
    return m.org_id == provider_org_id &&
           (is_intervenant(m.role) || m.role == Role::provider_coordinator);
  });
}

// The provider employing the intervenant of an authorisation (first found).
std::optional<Id> employer_of(Repos& r, Id user_id) {
  for (const auto& m : r.users.memberships_of(user_id))
    if (is_intervenant(m.role) || m.role == Role::provider_coordinator) return m.org_id;
  return std::nullopt;
}

Status check_authorisation(Repos& r, const AccessAuthorisation& x) {
  if (auto s = validate_authorisation(x); !s.ok()) return s;
  auto e = r.orgs.find(x.establishment_id);
  if (!e || e->kind != OrgKind::establishment)
    return invalid("Choisissez un établissement pénitentiaire.",
                   {{"establishment_id", "Choisissez un établissement pénitentiaire."}});
  return {};
}

}  // namespace

Status check_lot_references(Repos& r, const Lot& l) {
  if (auto s = validate_lot(l); !s.ok()) return s;
  if (!r.contracts.find_contract(l.contract_id)) return not_found("Marché introuvable.");
  if (l.provider_org_id) {
    auto p = r.orgs.find(l.provider_org_id);
    if (!p || p->kind != OrgKind::provider)
      return invalid("Le titulaire doit être un prestataire.",
                     {{"provider_org_id", "Choisissez un prestataire."}});
  }
  for (Id s : l.spip_ids) {
    auto o = r.orgs.find(s);
    if (!o || o->kind != OrgKind::spip)
      return invalid("Un lot ne couvre que des SPIP.", {{"spip_ids", "Choisissez des SPIP."}});
  }
  return {};
}

Result<std::vector<ContractView>> AdminService::contracts(const Actor& a) {
  const Date today = paris_date(clock_.now());
  return read<std::vector<ContractView>>(
      store_, [&](Repos& r) -> Result<std::vector<ContractView>> {
        std::vector<ContractView> out;
        for (const auto& c : r.contracts.contracts()) {
          auto v = contract_view(r, a, c, today);
          if (v.ok() && (can_view_contract(a, c) || !v->lots.empty())) out.push_back(std::move(*v));
        }
        return out;
      });
}

Result<ContractView> AdminService::contract(const Actor& a, Id id) {
  const Date today = paris_date(clock_.now());
  return read<ContractView>(store_, [&](Repos& r) -> Result<ContractView> {
    auto c = r.contracts.find_contract(id);
    if (!c) return not_found("Marché introuvable.");
    auto v = contract_view(r, a, *c, today);
    if (v.ok() && !can_view_contract(a, *c) && v->lots.empty())
      return not_found("Marché introuvable.");
    return v;
  });
}

Result<Id> AdminService::create_contract(const Actor& a, Contract c) {
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    if (!can_edit_contract(a, c)) return forbidden();
    c.reference = trim(c.reference);
    c.title = trim(c.title);
    if (auto s = check_contract_references(r, c); !s.ok()) return s.error();
    if (r.contracts.find_contract_by_reference(c.reference))
      return invalid("Un marché porte déjà cette référence.",
                     {{"reference", "Cette référence est déjà utilisée."}});
    Id id = r.contracts.insert_contract(c);
    record(r, clock_, a, "contract.create", "contract", id, 0,
           json{{"reference", c.reference}}.dump());
    return id;
  });
}

Status AdminService::update_contract(const Actor& a, Contract c) {
  return store_.transact([&](Repos& r) -> Status {
    auto current = r.contracts.find_contract(c.id);
    if (!current || !can_view_contract(a, *current)) return not_found("Marché introuvable.");
    if (!can_edit_contract(a, *current) || !can_edit_contract(a, c)) return forbidden();
    // Issue 12: refused when saved meanwhile (version 0: API write without a version).
    if (c.version != 0 && c.version != current->version)
      return stale_save(r, "contract", c.id, c.version, current->version,
                        contract_shown_fields(r, *current));
    if (c.version == 0) c.version = current->version;
    c.reference = trim(c.reference);
    c.title = trim(c.title);
    if (auto s = check_contract_references(r, c); !s.ok()) return s;
    if (auto same = r.contracts.find_contract_by_reference(c.reference); same && same->id != c.id)
      return invalid("Un marché porte déjà cette référence.",
                     {{"reference", "Cette référence est déjà utilisée."}});
    r.contracts.update_contract(c);
    record(r, clock_, a, "contract.update", "contract", c.id, 0,
           versioned_detail(
               changed_field_names(contract_shown_fields(r, *current), contract_shown_fields(r, c)),
               c.version + 1,
               json{{"reference", c.reference}, {"changed", changed_fields(*current, c)}}.dump()));
    return {};
  });
}

Result<LotView> AdminService::lot(const Actor& a, Id id) {
  const Date today = paris_date(clock_.now());
  return read<LotView>(store_, [&](Repos& r) -> Result<LotView> {
    auto l = r.contracts.find_lot(id);
    if (!l) return not_found("Lot introuvable.");
    auto c = r.contracts.find_contract(l->contract_id);
    if (!c || !can_view_lot(a, *c, *l)) return not_found("Lot introuvable.");
    return lot_view(r, *l, today);
  });
}

Result<std::vector<LotView>> AdminService::lots(const Actor& a) {
  const Date today = paris_date(clock_.now());
  return read<std::vector<LotView>>(store_, [&](Repos& r) -> Result<std::vector<LotView>> {
    std::vector<LotView> out;
    for (const auto& c : r.contracts.contracts())
      for (const auto& l : r.contracts.lots_of(c.id))
        if (can_view_lot(a, c, l)) out.push_back(lot_view(r, l, today));
    return out;
  });
}

Result<Id> AdminService::create_lot(const Actor& a, Lot l) {
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    auto c = r.contracts.find_contract(l.contract_id);
    if (!c) return not_found("Marché introuvable.");
    if (!can_edit_contract(a, *c)) return forbidden();
    l.label = trim(l.label);
    if (auto s = check_lot_references(r, l); !s.ok()) return s.error();
    for (const auto& other : r.contracts.lots_of(l.contract_id))
      if (other.number == l.number)
        return invalid("Ce numéro de lot existe déjà dans ce marché.",
                       {{"number", "Ce numéro est déjà utilisé."}});
    Id id = r.contracts.insert_lot(l);
    record(r, clock_, a, "lot.create", "lot", id, 0,
           json{{"contract_id", l.contract_id}, {"number", l.number}}.dump());
    return id;
  });
}

Status AdminService::update_lot(const Actor& a, Lot l) {
  return store_.transact([&](Repos& r) -> Status {
    auto current = r.contracts.find_lot(l.id);
    if (!current) return not_found("Lot introuvable.");
    auto c = r.contracts.find_contract(current->contract_id);
    if (!c || !can_edit_contract(a, *c)) return forbidden();
    // Issue 12: refused when saved meanwhile (version 0: API write without a version).
    if (l.version != 0 && l.version != current->version)
      return stale_save(r, "lot", l.id, l.version, current->version, lot_shown_fields(r, *current));
    if (l.version == 0) l.version = current->version;
    l.contract_id = current->contract_id;
    // ORG-3: volumes change through dated amendments, never by overwriting the base.
    l.individual_hours = current->individual_hours;
    l.collective_hours = current->collective_hours;
    l.label = trim(l.label);
    if (auto s = check_lot_references(r, l); !s.ok()) return s;
    for (const auto& other : r.contracts.lots_of(l.contract_id))
      if (other.number == l.number && other.id != l.id)
        return invalid("Ce numéro de lot existe déjà dans ce marché.",
                       {{"number", "Ce numéro est déjà utilisé."}});
    r.contracts.update_lot(l);
    record(
        r, clock_, a, "lot.update", "lot", l.id, 0,
        versioned_detail(changed_field_names(lot_shown_fields(r, *current), lot_shown_fields(r, l)),
                         l.version + 1,
                         json{{"contract_id", l.contract_id},
                              {"number", l.number},
                              {"changed", changed_fields(*current, l)}}
                             .dump()));
    return {};
  });
}

Result<Id> AdminService::add_amendment(const Actor& a, VolumeAmendment v) {
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    auto l = r.contracts.find_lot(v.lot_id);
    if (!l) return not_found("Lot introuvable.");
    auto c = r.contracts.find_contract(l->contract_id);
    if (!c || !can_edit_contract(a, *c)) return forbidden();
    v.reason = trim(v.reason);
    // The volume may not become negative at any later date either: check against the
    // volumes with every amendment counted.
    auto all = r.contracts.amendments_of(l->id);
    Volumes latest = volumes_on(*l, all, Date{date::year{2200}, date::month{12}, date::day{31}});
    if (auto s = validate_amendment(v, *l, latest); !s.ok()) return s.error();
    Id id = r.contracts.insert_amendment(v);
    record(r, clock_, a, "amendment.add", "amendment", id, 0,
           json{{"lot_id", v.lot_id},
                {"effective_on", iso(v.effective_on)},
                {"individual_hours_delta", v.individual_hours_delta},
                {"collective_hours_delta", v.collective_hours_delta}}
               .dump());
    return id;
  });
}

Result<Id> AdminService::add_authorisation(const Actor& a, AccessAuthorisation x) {
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    auto employer = employer_of(r, x.user_id);
    if (!employer)
      return invalid("Cette personne n’est pas intervenante d’un prestataire.",
                     {{"user_id", "Choisissez un intervenant."}});
    if (auto p = staffed_provider(r, a, *employer); !p.ok()) return p.error();
    if (auto s = check_authorisation(r, x); !s.ok()) return s.error();
    Id id = r.staff.insert_authorisation(x);
    record(r, clock_, a, "authorisation.add", "authorisation", id, 0,
           json{{"user_id", x.user_id}, {"establishment_id", x.establishment_id}}.dump());
    return id;
  });
}

Result<AuthorisationView> AdminService::authorisation(const Actor& a, Id id) {
  return read<AuthorisationView>(store_, [&](Repos& r) -> Result<AuthorisationView> {
    auto x = r.staff.find_authorisation(id);
    if (!x) return not_found("Autorisation introuvable.");
    auto employer = employer_of(r, x->user_id);
    if (!employer) return not_found("Autorisation introuvable.");
    if (auto p = staffed_provider(r, a, *employer); !p.ok()) return p.error();
    auto u = r.users.find(x->user_id);
    auto e = r.orgs.find(x->establishment_id);
    if (!u || !e) return not_found("Autorisation introuvable.");
    return AuthorisationView{*x, *u, *e, true, *employer};
  });
}

Status AdminService::update_authorisation(const Actor& a, AccessAuthorisation x) {
  return store_.transact([&](Repos& r) -> Status {
    auto current = r.staff.find_authorisation(x.id);
    if (!current) return not_found("Autorisation introuvable.");
    x.user_id = current->user_id;
    auto employer = employer_of(r, x.user_id);
    if (!employer) return forbidden();
    if (auto p = staffed_provider(r, a, *employer); !p.ok()) return p.error();
    if (auto s = check_authorisation(r, x); !s.ok()) return s;
    r.staff.update_authorisation(x);
    record(r, clock_, a, "authorisation.update", "authorisation", x.id, 0,
           json{{"user_id", x.user_id}, {"changed", changed_fields(*current, x)}}.dump());
    return {};
  });
}

Status AdminService::set_coordinator(const Actor& a, EstablishmentCoordinator c) {
  return store_.transact([&](Repos& r) -> Status {
    if (auto p = staffed_provider(r, a, c.provider_org_id); !p.ok()) return p.error();
    auto e = r.orgs.find(c.establishment_id);
    if (!e || e->kind != OrgKind::establishment)
      return invalid("Choisissez un établissement pénitentiaire.",
                     {{"establishment_id", "Choisissez un établissement pénitentiaire."}});
    if (!works_for(r, c.user_id, c.provider_org_id))
      return invalid("Le coordinateur doit être un intervenant du prestataire.",
                     {{"user_id", "Choisissez un intervenant du prestataire."}});
    r.staff.set_coordinator(c);
    // A coordinator has no id of its own: the subject is the provider.
    record(r, clock_, a, "coordinator.set", "organisation", c.provider_org_id, 0,
           json{{"establishment_id", c.establishment_id}, {"user_id", c.user_id}}.dump());
    return {};
  });
}

Result<Id> AdminService::add_substitute(const Actor& a, Substitute s) {
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    if (auto p = staffed_provider(r, a, s.provider_org_id); !p.ok()) return p.error();
    if (!works_for(r, s.user_id, s.provider_org_id))
      return invalid("Le suppléant doit être un intervenant du prestataire.",
                     {{"user_id", "Choisissez un intervenant du prestataire."}});
    for (const auto& other : r.staff.substitutes_of(s.provider_org_id))
      if (other.user_id == s.user_id)
        return invalid("Cet intervenant est déjà suppléant.", {{"user_id", "Déjà suppléant."}});
    s.note = trim(s.note);
    Id id = r.staff.add_substitute(s);
    record(r, clock_, a, "substitute.add", "substitute", id, 0,
           json{{"provider_org_id", s.provider_org_id}, {"user_id", s.user_id}}.dump());
    return id;
  });
}

Status AdminService::remove_substitute(const Actor& a, Id provider_org_id, Id substitute_id) {
  return store_.transact([&](Repos& r) -> Status {
    if (auto p = staffed_provider(r, a, provider_org_id); !p.ok()) return p.error();
    for (const auto& s : r.staff.substitutes_of(provider_org_id)) {
      if (s.id == substitute_id) {
        r.staff.remove_substitute(substitute_id);
        record(r, clock_, a, "substitute.remove", "substitute", substitute_id, 0,
               json{{"provider_org_id", provider_org_id}, {"user_id", s.user_id}}.dump());
        return {};
      }
    }
    return not_found("Suppléant introuvable.");
  });
}

}  // namespace parcours
