// Organisations, places and people (SPEC ORG-1, ORG-2, ORG-5). Every change is recorded in
// the audit trail within its transaction (SEC-2).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/admin.h"
#include "app/admin_audit.h"
#include "app/audit.h"
#include "app/auth.h"
#include "app/versions.h"
#include "domain/validation.h"

namespace parcours {
namespace {

using nlohmann::json;

// SEC-2: ids and role only, no name.
std::string membership_detail(const Membership& m) {
  return json{{"user_id", m.user_id}, {"org_id", m.org_id}, {"role", role_name(m.role)}}.dump();
}

// The organisation as its edit form shows it (issue 12: what changed meanwhile).
std::vector<ShownField> org_shown_fields(Repos& r, const Organisation& o) {
  auto parent = o.parent_id ? r.orgs.find(o.parent_id) : std::nullopt;
  return {{"name", "Nom", o.name},
          {"code", "Code", o.code},
          {"parent_id", "Rattachement", parent ? parent->name : ""},
          {"departement", "Département", o.departement},
          {"milieu", "Milieu", milieu_label(o.milieu)},
          {"address", "Adresse", o.address},
          {"phone", "Téléphone", o.phone},
          {"email", "Adresse e-mail", o.email},
          {"active", "Active", o.active ? "oui" : "non"}};
}

// The place as its edit form shows it (issue 12).
std::vector<ShownField> place_shown_fields(const Place& p) {
  return {{"name", "Nom du lieu", p.name},
          {"address", "Adresse", p.address},
          {"phone", "Téléphone", p.phone},
          {"capacity", "Capacité", std::to_string(p.capacity)},
          {"availability", "Jours et horaires disponibles", p.availability},
          {"public_transport", "Accessible en transports en commun",
           p.public_transport ? "oui" : "non"}};
}

Status check_parent(Repos& r, const Organisation& o) {
  std::optional<OrgKind> parent_kind;
  if (o.parent_id != 0) {
    auto p = r.orgs.find(o.parent_id);
    if (!p)
      return invalid("L’organisation de rattachement n’existe pas.",
                     {{"parent_id", "L’organisation de rattachement n’existe pas."}});
    if (p->id == o.id)
      return invalid("Une organisation ne peut pas être rattachée à elle-même.",
                     {{"parent_id", "Choisissez une autre organisation."}});
    parent_kind = p->kind;
  }
  return validate_organisation(o, parent_kind);
}

Organisation normalised(Organisation o) {
  o.name = trim(o.name);
  o.code = trim(o.code);
  o.email = ascii_lower(trim(o.email));
  return o;
}

User normalised(User u) {
  u.email = ascii_lower(trim(u.email));
  u.full_name = trim(u.full_name);
  u.adeli = trim(u.adeli);
  return u;
}

Result<Organisation> visible_org(Repos& r, const Actor& a, Id id) {
  auto o = r.orgs.find(id);
  if (!o || !can_view_organisation(a, *o)) return not_found("Organisation introuvable.");
  return *o;
}

std::vector<MemberView> members_with_users(Repos& r, Id org_id) {
  std::vector<MemberView> out;
  for (const auto& m : r.users.members_of(org_id))
    if (auto u = r.users.find(m.user_id)) out.push_back({m, *u});
  std::sort(out.begin(), out.end(), [](const MemberView& x, const MemberView& y) {
    return x.user.full_name < y.user.full_name;
  });
  return out;
}

// The earliest start of the contracts whose lots the provider holds.
std::optional<Date> activity_start(Repos& r, const std::vector<Lot>& lots) {
  std::optional<Date> start;
  for (const auto& l : lots)
    if (auto c = r.contracts.find_contract(l.contract_id))
      if (!start || date::sys_days{c->start_date} < date::sys_days{*start}) start = c->start_date;
  return start;
}

void load_provider_staff(Repos& r, OrganisationView& v) {
  const auto start = activity_start(r, v.lots);
  for (const auto& mv : v.members)
    for (const auto& au : r.staff.authorisations_of_user(mv.user.id))
      if (auto e = r.orgs.find(au.establishment_id))
        v.authorisations.push_back(
            {au, mv.user, *e, !start || requested_in_time(au, *start), v.org.id});
  for (const auto& c : r.staff.coordinators_of(v.org.id)) {
    auto e = r.orgs.find(c.establishment_id);
    auto u = r.users.find(c.user_id);
    if (e && u) v.coordinators.push_back({*e, *u});
  }
  for (const auto& s : r.staff.substitutes_of(v.org.id))
    if (auto u = r.users.find(s.user_id)) v.substitutes.push_back({s, *u});
}

std::vector<Lot> lots_concerning(Repos& r, const Organisation& o) {
  if (o.kind == OrgKind::provider) return r.contracts.lots_of_provider(o.id);
  std::vector<Lot> out;
  if (o.kind != OrgKind::spip) return out;
  for (const auto& l : r.contracts.all_lots())
    if (std::find(l.spip_ids.begin(), l.spip_ids.end(), o.id) != l.spip_ids.end()) out.push_back(l);
  return out;
}

}  // namespace

Result<Id> insert_organisation(Repos& r, Organisation o) {
  o = normalised(o);
  if (auto s = check_parent(r, o); !s.ok()) return s.error();
  if (r.orgs.find_by_code(o.code))
    return invalid("Une organisation porte déjà ce code.", {{"code", "Ce code est déjà utilisé."}});
  return r.orgs.insert(o);
}

Result<Id> insert_user(Repos& r, User u) {
  u = normalised(u);
  if (auto s = validate_user(u); !s.ok()) return s.error();
  if (r.users.find_by_email(u.email))
    return invalid("Un compte existe déjà avec cette adresse e-mail.",
                   {{"email", "Cette adresse e-mail est déjà utilisée."}});
  return r.users.insert(u);
}

Result<Id> insert_membership(Repos& r, const Membership& m) {
  auto u = r.users.find(m.user_id);
  if (!u) return not_found("Utilisateur introuvable.");
  auto o = r.orgs.find(m.org_id);
  if (!o)
    return invalid("L’organisation n’existe pas.", {{"org_id", "Choisissez une organisation."}});
  if (auto s = validate_membership(*u, m.role, o->kind); !s.ok()) return s.error();
  for (const auto& existing : r.users.memberships_of(m.user_id))
    if (existing.org_id == m.org_id && existing.role == m.role)
      return invalid("Cette personne a déjà ce rôle dans cette organisation.",
                     {{"role", "Rôle déjà attribué."}});
  return r.users.add_membership(m);
}

Result<std::vector<Organisation>> AdminService::organisations(const Actor& a,
                                                              std::optional<OrgKind> kind) {
  return read<std::vector<Organisation>>(
      store_, [&](Repos& r) -> Result<std::vector<Organisation>> {
        auto all = r.orgs.list(kind);
        if (!a.is_admin())
          std::erase_if(all, [&](const Organisation& o) { return !can_view_organisation(a, o); });
        return all;
      });
}

Result<std::vector<Organisation>> AdminService::directory(const Actor& a, OrgKind kind) {
  if (a.memberships.empty()) return forbidden();
  return read<std::vector<Organisation>>(
      store_, [&](Repos& r) -> Result<std::vector<Organisation>> {
        auto all = r.orgs.list(kind);
        std::erase_if(all, [](const Organisation& o) { return !o.active; });
        return all;
      });
}

Result<OrganisationView> AdminService::organisation(const Actor& a, Id id) {
  return read<OrganisationView>(store_, [&](Repos& r) -> Result<OrganisationView> {
    auto o = visible_org(r, a, id);
    if (!o.ok()) return o.error();
    OrganisationView v;
    v.org = *o;
    if (o->parent_id) v.parent = r.orgs.find(o->parent_id);
    v.children = r.orgs.children(id);
    v.members = members_with_users(r, id);
    v.places = r.orgs.places_of(id);
    v.lots = lots_concerning(r, *o);
    if (o->kind == OrgKind::provider) load_provider_staff(r, v);
    v.can_edit = can_edit_organisation(a, *o);
    v.can_manage_members = can_manage_members(a, *o);
    v.can_manage_staff = can_manage_staff(a, *o);
    return v;
  });
}

Result<Id> AdminService::create_organisation(const Actor& a, Organisation o) {
  if (!can_administer(a)) return forbidden();
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    auto id = insert_organisation(r, o);
    if (!id.ok()) return id;
    record(r, clock_, a, "organisation.create", "organisation", *id, 0,
           json{{"code", trim(o.code)}, {"kind", org_kind_name(o.kind)}}.dump());
    return id;
  });
}

Status AdminService::update_organisation(const Actor& a, Organisation o) {
  return store_.transact([&](Repos& r) -> Status {
    auto current = visible_org(r, a, o.id);
    if (!current.ok()) return current.error();
    if (!can_edit_organisation(a, *current)) return forbidden();
    // Issue 12: refused when saved meanwhile (version 0: API write without a version).
    if (o.version != 0 && o.version != current->version)
      return stale_save(r, "organisation", o.id, o.version, current->version,
                        org_shown_fields(r, *current));
    if (o.version == 0) o.version = current->version;
    o = normalised(o);
    if (!a.is_admin()) {  // managers edit contact details, not the structure
      o.kind = current->kind;
      o.code = current->code;
      o.parent_id = current->parent_id;
      o.active = current->active;
    }
    if (o.kind != current->kind)
      return invalid("Le type d’une organisation ne peut pas changer.",
                     {{"kind", "Le type ne peut pas changer."}});
    if (auto s = check_parent(r, o); !s.ok()) return s;
    if (auto same = r.orgs.find_by_code(o.code); same && same->id != o.id)
      return invalid("Une organisation porte déjà ce code.",
                     {{"code", "Ce code est déjà utilisé."}});
    r.orgs.update(o);
    record(
        r, clock_, a, "organisation.update", "organisation", o.id, 0,
        versioned_detail(changed_field_names(org_shown_fields(r, *current), org_shown_fields(r, o)),
                         o.version + 1,
                         json{{"code", o.code}, {"changed", changed_fields(*current, o)}}.dump()));
    return {};
  });
}

Result<Place> AdminService::place(const Actor& a, Id id) {
  return read<Place>(store_, [&](Repos& r) -> Result<Place> {
    auto p = r.orgs.find_place(id);
    if (!p) return not_found("Lieu introuvable.");
    auto o = visible_org(r, a, p->org_id);
    if (!o.ok()) return o.error();
    if (!can_edit_organisation(a, *o)) return forbidden();
    return *p;
  });
}

Result<Id> AdminService::create_place(const Actor& a, Place p) {
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    auto o = visible_org(r, a, p.org_id);
    if (!o.ok()) return o.error();
    if (!can_edit_organisation(a, *o)) return forbidden();
    if (auto s = validate_place(p); !s.ok()) return s.error();
    Id id = r.orgs.insert_place(p);
    record(r, clock_, a, "place.create", "place", id, 0, json{{"org_id", p.org_id}}.dump());
    return id;
  });
}

Status AdminService::update_place(const Actor& a, Place p) {
  return store_.transact([&](Repos& r) -> Status {
    auto current = r.orgs.find_place(p.id);
    if (!current) return not_found("Lieu introuvable.");
    p.org_id = current->org_id;
    auto o = visible_org(r, a, p.org_id);
    if (!o.ok()) return o.error();
    if (!can_edit_organisation(a, *o)) return forbidden();
    // Issue 12: refused when saved meanwhile (version 0: written without a version).
    if (p.version != 0 && p.version != current->version)
      return stale_save(r, "place", p.id, p.version, current->version,
                        place_shown_fields(*current));
    if (p.version == 0) p.version = current->version;
    if (auto s = validate_place(p); !s.ok()) return s;
    r.orgs.update_place(p);
    record(
        r, clock_, a, "place.update", "place", p.id, 0,
        versioned_detail(
            changed_field_names(place_shown_fields(*current), place_shown_fields(p)), p.version + 1,
            json{{"org_id", p.org_id}, {"changed", changed_fields(*current, p)}}.dump()));
    return {};
  });
}

Result<std::vector<UserView>> AdminService::users(const Actor& a) {
  return read<std::vector<UserView>>(store_, [&](Repos& r) -> Result<std::vector<UserView>> {
    std::vector<UserView> out;
    for (const auto& u : r.users.list()) {
      auto actor = load_actor(r, u);
      bool visible = a.is_admin() || std::any_of(actor.memberships.begin(), actor.memberships.end(),
                                                 [&](const ActorMembership& m) {
                                                   return can_manage_members(a, m.org);
                                                 });
      if (visible) out.push_back({u, actor.memberships, r.users.password_hash(u.id).has_value()});
    }
    return out;
  });
}

Result<UserView> AdminService::user(const Actor& a, Id id) {
  return read<UserView>(store_, [&](Repos& r) -> Result<UserView> {
    auto u = r.users.find(id);
    if (!u) return not_found("Utilisateur introuvable.");
    auto actor = load_actor(r, *u);
    bool visible =
        a.is_admin() || a.user.id == id ||
        std::any_of(actor.memberships.begin(), actor.memberships.end(),
                    [&](const ActorMembership& m) { return can_manage_members(a, m.org); });
    if (!visible) return not_found("Utilisateur introuvable.");
    return UserView{*u, actor.memberships, r.users.password_hash(id).has_value()};
  });
}

Result<Id> AdminService::create_user(const Actor& a, User u, const std::string& password) {
  if (!can_administer(a)) return forbidden();
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    auto id = insert_user(r, u);
    if (!id.ok()) return id;
    if (!password.empty())
      if (auto s = set_user_password(r, *id, password); !s.ok())
        return invalid(s.error().message, {{"password", s.error().message}});
    record(r, clock_, a, "user.create", "user", *id, 0,
           json{{"with_password", !password.empty()}}.dump());
    return id;
  });
}

const char* account_status_label(const UserView& v) {
  if (!v.user.active) return "Désactivé";
  return v.has_password ? "Actif" : "Invitation envoyée";
}

namespace {

// « CPIP — SPIP du Cher » for the invitation e-mail.
std::string membership_context(Repos& r, const Membership& m) {
  auto o = r.orgs.find(m.org_id);
  return std::string(role_label(m.role)) + (o ? " — " + o->name : "");
}

}  // namespace

Result<Id> AdminService::invite_user(const Actor& a, User u, Id org_id, Role role) {
  if (!can_administer(a)) return forbidden();
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    if (org_id == 0 || !r.orgs.find(org_id))
      return invalid("Le compte n’a pas été créé.", {{"org_id", "Choisissez une organisation."}});
    auto id = insert_user(r, u);
    if (!id.ok()) return id;
    Membership m{0, *id, org_id, role};
    auto mid = insert_membership(r, m);
    if (!mid.ok()) return mid.error();
    auto created = r.users.find(*id);
    send_invitation(r, clock_, *created, membership_context(r, m));
    record(r, clock_, a, "user.create", "user", *id, 0,
           json{{"with_password", false}, {"invitation", true}}.dump());
    record(r, clock_, a, "membership.add", "membership", *mid, 0, membership_detail(m));
    return id;
  });
}

Status AdminService::resend_invitation(const Actor& a, Id user_id) {
  if (!can_administer(a)) return forbidden();
  return store_.transact([&](Repos& r) -> Status {
    auto u = r.users.find(user_id);
    if (!u) return not_found("Utilisateur introuvable.");
    if (!u->active)
      return rule_violation(
          "Ce compte est désactivé : réactivez-le avant de renvoyer une invitation.");
    if (r.users.password_hash(user_id))
      return rule_violation(
          "Cette personne a déjà choisi son mot de passe : il n’y a plus d’invitation à envoyer.");
    auto ms = r.users.memberships_of(user_id);
    send_invitation(r, clock_, *u, ms.empty() ? "" : membership_context(r, ms.front()));
    record(r, clock_, a, "user.invitation_resend", "user", user_id);
    return {};
  });
}

Status AdminService::update_user(const Actor& a, User u) {
  if (!can_administer(a)) return forbidden();
  return store_.transact([&](Repos& r) -> Status {
    auto current = r.users.find(u.id);
    if (!current) return not_found("Utilisateur introuvable.");
    u = normalised(u);
    if (auto s = validate_user(u); !s.ok()) return s;
    if (auto same = r.users.find_by_email(u.email); same && same->id != u.id)
      return invalid("Un compte existe déjà avec cette adresse e-mail.",
                     {{"email", "Cette adresse e-mail est déjà utilisée."}});
    for (const auto& m : r.users.memberships_of(u.id)) {
      auto o = r.orgs.find(m.org_id);
      if (o) {
        if (auto s = validate_membership(u, m.role, o->kind); !s.ok()) return s;
      }
    }
    r.users.update(u);
    if (!u.active) r.auth.delete_sessions_of(u.id);
    record(r, clock_, a, "user.update", "user", u.id, 0,
           json{{"changed", changed_fields(*current, u)}}.dump());
    return {};
  });
}

Status AdminService::reset_password(const Actor& a, Id user_id, const std::string& password) {
  if (!can_administer(a)) return forbidden();
  return store_.transact([&](Repos& r) -> Status {
    if (!r.users.find(user_id)) return not_found("Utilisateur introuvable.");
    if (auto s = set_user_password(r, user_id, password); !s.ok())
      return invalid(s.error().message, {{"password", s.error().message}});
    r.auth.delete_sessions_of(user_id);
    record(r, clock_, a, "user.reset_password", "user", user_id);  // never the password
    return {};
  });
}

Result<Id> AdminService::add_membership(const Actor& a, Membership m) {
  return transact<Id>(store_, [&](Repos& r) -> Result<Id> {
    auto o = r.orgs.find(m.org_id);
    if (!o)
      return invalid("L’organisation n’existe pas.", {{"org_id", "Choisissez une organisation."}});
    if (!can_manage_members(a, *o)) return forbidden();
    if (m.role == Role::admin && !a.is_admin()) return forbidden();
    // SEC-1: a manager attaches only people already in an organisation they manage; anyone
    // else would become visible to them by being attached.
    if (!a.is_admin()) {
      bool known = false;
      for (const auto& existing : r.users.memberships_of(m.user_id)) {
        auto eo = r.orgs.find(existing.org_id);
        known = known || (eo && can_manage_members(a, *eo));
      }
      if (!known) return not_found("Utilisateur introuvable.");
    }
    auto id = insert_membership(r, m);
    if (id.ok()) record(r, clock_, a, "membership.add", "membership", *id, 0, membership_detail(m));
    return id;
  });
}

Status AdminService::remove_membership(const Actor& a, Id membership_id) {
  return store_.transact([&](Repos& r) -> Status {
    auto m = r.users.find_membership(membership_id);
    if (!m) return not_found("Rattachement introuvable.");
    auto o = r.orgs.find(m->org_id);
    if (!o || !can_manage_members(a, *o)) return forbidden();
    if (m->role == Role::admin && m->user_id == a.user.id)
      return rule_violation("Vous ne pouvez pas retirer votre propre rôle d’administrateur.");
    r.users.remove_membership(membership_id);
    record(r, clock_, a, "membership.remove", "membership", membership_id, 0,
           membership_detail(*m));
    return {};
  });
}

}  // namespace parcours
