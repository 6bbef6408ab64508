#include "seed/demo.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>

#include "app/admin.h"
#include "app/secrets.h"
#include "domain/csv.h"
#include "domain/validation.h"

namespace parcours {
namespace {

constexpr const char* kDomain = "@demo.parcours.fr";

// ---- The fictional world ---------------------------------------------------------------

struct Town {
  const char* postcode;
  const char* name;
};

struct SpipSeed {
  const char* spip_code;    // from the reference
  const char* key;          // in the antennas' codes: ANT-DEMO-<key>-MF
  const char* departement;  // of the antennas' seat
  Town town;                // seat of the antennas
};

struct EstablishmentSeed {
  const char* spip_code;
  const char* code;
  const char* name;
  const char* departement;
  Town town;
};

struct PersonSeed {
  const char* full_name;
  const char* email = nullptr;  // null: prénom.nom@demo.parcours.fr
};

// One provider per lot, with BPU unit prices (ORG-3) and staff (ORG-4, ~30 % psychologists).
struct ProviderSeed {
  int lot;
  const char* code;
  const char* name;
  const char* departement;
  Town town;
  long long individual_cents;
  long long collective_cents;
  PersonSeed coordinator;
  std::vector<PersonSeed> cips;
  std::vector<PersonSeed> psychologists;
};

struct OrgSeed {
  OrgKind kind;
  const char* code;
  const char* name;
  const char* departement;
  Town town;
};

struct MemberSeed {
  const char* org_code;
  Role role;
  PersonSeed person;
  const char* qualification;
};

// clang-format off
const std::vector<SpipSeed>& spip_seeds() {
  static const std::vector<SpipSeed> seeds = {
      {"SPIP18", "18", "18", {"18000", "Bourges"}},    {"SPIP36", "36", "36", {"36000", "Châteauroux"}},
      {"SPIP28", "28", "28", {"28000", "Chartres"}},   {"SPIP45", "45", "45", {"45000", "Orléans"}},
      {"SPIP37", "37", "37", {"37000", "Tours"}},      {"SPIP41", "41", "41", {"41000", "Blois"}},
      {"SPIP89", "89", "89", {"89000", "Auxerre"}},    {"SPIP58", "58", "58", {"58000", "Nevers"}},
      {"SPIP21", "21", "21", {"21000", "Dijon"}},      {"SPIP71", "71", "71", {"71100", "Chalon-sur-Saône"}},
      {"SPIP25-39", "25-39", "25", {"25000", "Besançon"}},
      {"SPIP70-90", "70-90", "70", {"70000", "Vesoul"}},
  };
  return seeds;
}

const std::vector<EstablishmentSeed>& establishment_seeds() {
  static const std::vector<EstablishmentSeed> seeds = {
      {"SPIP18", "EP-DEMO-18-MA", "Maison d’arrêt de démonstration de Bourges", "18", {"18000", "Bourges"}},
      {"SPIP36", "EP-DEMO-36-MA", "Maison d’arrêt de démonstration de Châteauroux", "36", {"36000", "Châteauroux"}},
      {"SPIP36", "EP-DEMO-36-CD", "Centre de détention de démonstration de Saint-Maur", "36", {"36250", "Saint-Maur"}},
      {"SPIP28", "EP-DEMO-28-MA", "Maison d’arrêt de démonstration de Chartres", "28", {"28000", "Chartres"}},
      {"SPIP45", "EP-DEMO-45-CP", "Centre pénitentiaire de démonstration d’Orléans", "45", {"45000", "Orléans"}},
      {"SPIP37", "EP-DEMO-37-MA", "Maison d’arrêt de démonstration de Tours", "37", {"37000", "Tours"}},
      {"SPIP41", "EP-DEMO-41-MA", "Maison d’arrêt de démonstration de Blois", "41", {"41000", "Blois"}},
      {"SPIP89", "EP-DEMO-89-MA", "Maison d’arrêt de démonstration d’Auxerre", "89", {"89000", "Auxerre"}},
      {"SPIP58", "EP-DEMO-58-MA", "Maison d’arrêt de démonstration de Nevers", "58", {"58000", "Nevers"}},
      {"SPIP21", "EP-DEMO-21-MA", "Maison d’arrêt de démonstration de Dijon", "21", {"21000", "Dijon"}},
      {"SPIP71", "EP-DEMO-71-MA", "Maison d’arrêt de démonstration de Chalon-sur-Saône", "71", {"71100", "Chalon-sur-Saône"}},
      {"SPIP25-39", "EP-DEMO-25-MA", "Maison d’arrêt de démonstration de Besançon", "25", {"25000", "Besançon"}},
      {"SPIP25-39", "EP-DEMO-39-MA", "Maison d’arrêt de démonstration de Lons-le-Saunier", "39", {"39000", "Lons-le-Saunier"}},
      {"SPIP70-90", "EP-DEMO-70-MA", "Maison d’arrêt de démonstration de Vesoul", "70", {"70000", "Vesoul"}},
      {"SPIP70-90", "EP-DEMO-90-MA", "Maison d’arrêt de démonstration de Belfort", "90", {"90000", "Belfort"}},
  };
  return seeds;
}

const std::vector<ProviderSeed>& provider_seeds() {
  static const std::vector<ProviderSeed> seeds = {
      {1, "PREST-DEMO-1", "Insertion Centre-Val (démo)", "18", {"18000", "Bourges"}, 5800, 7500,
       {"Élodie Marchand", "coordination"}, {{"Julien Lefèvre", "cip"}, {"Amélie Rousseau"}},
       {{"Hélène Garnier", "psychologue"}}},
      {2, "PREST-DEMO-2", "Trajectoires Beauce-Loiret (démo)", "45", {"45000", "Orléans"}, 6200, 8200,
       {"Stéphane Moreau"}, {{"Inès Boucher"}, {"Thomas Perrin"}, {"Léa Fontaine"}},
       {{"Benoît Chevalier"}, {"Chloé Lemaître"}}},
      {3, "PREST-DEMO-3", "Passerelles Touraine-Sologne (démo)", "37", {"37000", "Tours"}, 5500, 7000,
       {"Véronique Lambert"}, {{"Mathieu Girard"}, {"Zoé Bonnet"}}, {{"Gaëlle Mercier"}}},
      {4, "PREST-DEMO-4", "Horizons Bourgogne Nord (démo)", "89", {"89000", "Auxerre"}, 6000, 8500,
       {"François Dupré"}, {{"Céline Robin"}, {"Hugo Faure"}, {"Anaïs Morel"}}, {{"Jérôme Blanchard"}}},
      {5, "PREST-DEMO-5", "Élan Côte-d’Or Saône (démo)", "21", {"21000", "Dijon"}, 6500, 9000,
       {"Nathalie Brunet"}, {{"Maxime Caron"}, {"Sophie Huet"}}, {{"Rémi Barbier"}}},
      {6, "PREST-DEMO-6", "Ressources Franche-Comté (démo)", "25", {"25000", "Besançon"}, 5900, 7800,
       {"Frédéric Renaud"}, {{"Camille Masson"}, {"Loïc Dumont"}, {"Manon Guérin"}}, {{"Noémie Roche"}}},
  };
  return seeds;
}

const std::vector<OrgSeed>& other_org_seeds() {
  static const std::vector<OrgSeed> seeds = {
      {OrgKind::partner, "ADMIN-DEMO", "Administration de la plateforme Parcours (démo)", "21", {"21000", "Dijon"}},
      {OrgKind::plie, "PLIE-DEMO", "PLIE de démonstration", "21", {"21000", "Dijon"}},
      {OrgKind::siae, "SIAE-DEMO", "Atelier et chantier d’insertion de démonstration", "18", {"18000", "Bourges"}},
      {OrgKind::partner, "FT-DEMO", "France Travail — agence de démonstration", "21", {"21000", "Dijon"}},
      {OrgKind::partner, "ML-DEMO", "Mission locale de démonstration", "45", {"45000", "Orléans"}},
  };
  return seeds;
}

const std::vector<MemberSeed>& member_seeds() {
  static const std::vector<MemberSeed> seeds = {
      {"ADMIN-DEMO", Role::admin, {"Agnès Poirier", "admin"}, "Administratrice de la plateforme"},
      {"DISP21", Role::disp_manager, {"Pascal Noël", "disp"}, "Gestionnaire du marché PPAIP"},
      {"SPIP18", Role::cpip, {"Sandrine Leroy", "cpip"}, "CPIP"},
      {"SPIP18", Role::spip_manager, {"Isabelle Lacroix", "spip"}, "Directrice fonctionnelle du SPIP"},
      {"SPIP18", Role::cpip, {"Karim Benali"}, "CPIP"},
      {"SPIP36", Role::cpip, {"Olivier Mathieu"}, "CPIP"},
      {"SPIP45", Role::cpip, {"Aurélie Vasseur"}, "CPIP"},
      {"SPIP21", Role::cpip, {"Yannick Colin"}, "CPIP"},
      {"SPIP25-39", Role::cpip, {"Émilie Jacquet"}, "CPIP"},
      {"PLIE-DEMO", Role::plie_manager, {"Bérénice Collet", "plie"}, "Cheffe de projet PLIE"},
      {"SIAE-DEMO", Role::siae_staff, {"Damien Arnaud", "siae"}, "Conseiller en insertion professionnelle"},
      {"SIAE-DEMO", Role::siae_staff, {"Josiane Besnard"}, "Encadrante technique d’insertion"},
  };
  return seeds;
}
// clang-format on

// The one-per-role accounts, in the order they are listed.
const std::vector<std::string>& featured_emails() {
  static const std::vector<std::string> emails = {
      "admin", "disp", "cpip", "spip", "coordination", "cip", "psychologue", "plie", "siae"};
  return emails;
}

std::string email_of(const PersonSeed& p) {
  if (p.email) return std::string(p.email) + kDomain;
  std::string local;
  for (char c : fold_accents_lower(p.full_name)) {
    if (c == ' ')
      local += '.';
    else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-')
      local += c;
  }
  return local + kDomain;
}

std::string address_in(const Town& t, int number) {
  return std::to_string(number) + " rue de la Démonstration, " + t.postcode + " " + t.name;
}

// Numbers 01 99 00 xx xx are reserved for fiction.
std::string fictional_phone(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "01 99 00 %02d %02d", (n / 100) % 100, n % 100);
  return buf;
}

// ---- Writing it ------------------------------------------------------------------------

// Inserts through the shared helpers; the first failure stops the build and is reported.
class DemoBuilder {
 public:
  DemoBuilder(Repos& r, std::string password_hash) : r_(r), hash_(std::move(password_hash)) {}

  bool ok() const { return !error_; }
  const Error& error() const { return *error_; }
  DemoSummary& summary() { return summary_; }

  Id org(OrgKind kind, const std::string& code, const std::string& name, Id parent,
         const std::string& departement, Milieu milieu, const Town& town) {
    Organisation o;
    o.kind = kind;
    o.code = code;
    o.name = name;
    o.parent_id = parent;
    o.departement = departement;
    o.milieu = milieu;
    o.address = address_in(town, ++counter_);
    o.phone = fictional_phone(counter_);
    ++summary_.organisations;
    return check(insert_organisation(r_, o));
  }

  Id existing(const std::string& code) {
    if (!ok()) return 0;
    if (auto o = r_.orgs.find_by_code(code)) return o->id;
    error_ = not_found("Organisation de référence « " + code + " » introuvable.");
    return 0;
  }

  // A user with one membership, the shared demo password and a line in the logins.
  Id person(const PersonSeed& p, Id org_id, Role role, const std::string& qualification,
            const std::string& adeli = "") {
    if (!ok()) return 0;
    User u;
    u.email = email_of(p);
    u.full_name = p.full_name;
    u.qualification = qualification;
    u.adeli = adeli;
    Id id = check(insert_user(r_, u));
    check(insert_membership(r_, Membership{0, id, org_id, role}));
    if (!ok()) return 0;
    r_.users.set_password_hash(id, hash_);
    ++summary_.users;
    summary_.logins.push_back({role_label(role), u.email, u.full_name, r_.orgs.find(org_id)->name});
    return id;
  }

  void place(Place p) {
    if (!ok()) return;
    if (auto s = validate_place(p); !s.ok()) {
      error_ = s.error();
      return;
    }
    r_.orgs.insert_place(p);
    ++summary_.places;
  }

  void authorisation(const AccessAuthorisation& a) {
    if (!ok()) return;
    if (auto s = validate_authorisation(a); !s.ok()) {
      error_ = s.error();
      return;
    }
    r_.staff.insert_authorisation(a);
    ++summary_.authorisations;
  }

  void fail(Error e) {
    if (ok()) error_ = std::move(e);
  }

  Repos& repos() { return r_; }

 private:
  Id check(Result<Id> id) {
    if (!ok()) return 0;
    if (!id.ok()) {
      error_ = id.error();
      return 0;
    }
    return *id;
  }

  Repos& r_;
  std::string hash_;
  DemoSummary summary_;
  std::optional<Error> error_;
  int counter_ = 0;
};

Place room(Id org_id, const std::string& name, const std::string& address, bool transport,
           const std::string& availability) {
  Place p;
  p.org_id = org_id;
  p.name = name;
  p.address = address;
  p.capacity = 6;  // SPEC WS-2 / ORG-5: groups of at most 6
  p.availability = availability;
  p.public_transport = transport;
  return p;
}

// Antennas and establishments of one SPIP; returns the establishments' ids.
std::vector<Id> build_spip(DemoBuilder& b, const SpipSeed& s) {
  Id spip = b.existing(s.spip_code);
  const std::string key = std::string("ANT-DEMO-") + s.key;
  const std::string town = s.town.name;
  b.org(OrgKind::antenna, key + "-MF", "Antenne de milieu fermé de démonstration — " + town, spip,
        s.departement, Milieu::closed, s.town);
  b.org(OrgKind::antenna, key + "-MO", "Antenne de milieu ouvert de démonstration — " + town, spip,
        s.departement, Milieu::open, s.town);
  std::vector<Id> establishments;
  for (const auto& e : establishment_seeds()) {
    if (std::string(e.spip_code) != s.spip_code) continue;
    Id id =
        b.org(OrgKind::establishment, e.code, e.name, spip, e.departement, Milieu::closed, e.town);
    if (!b.ok()) return {};
    // SPEC ORG-5: a room made available by the establishment.
    b.place(room(id, "Salle d’activités — quartier socio-éducatif",
                 b.repos().orgs.find(id)->address, false,
                 "mardi et jeudi, 9 h – 12 h et 14 h – 17 h"));
    establishments.push_back(id);
  }
  return establishments;
}

std::string adeli_for(const ProviderSeed& p, int n) {
  char buf[16];  // département + 93 (psychologists) + sequence: 9 digits
  std::snprintf(buf, sizeof buf, "%.2s93%05d", p.departement, p.lot * 100 + n);
  return buf;
}

struct Staff {
  std::vector<Id> cips;
  std::vector<Id> intervenants;  // CIPs and psychologists
};

Staff build_staff(DemoBuilder& b, const ProviderSeed& p, Id provider) {
  Staff s;
  b.person(p.coordinator, provider, Role::provider_coordinator, "Coordinateur du dispositif PPAIP");
  for (const auto& c : p.cips) {
    Id id = b.person(c, provider, Role::intervenant_cip,
                     "Conseiller en insertion professionnelle (titre de niveau III)");
    s.cips.push_back(id);
    s.intervenants.push_back(id);
  }
  int n = 0;
  for (const auto& psy : p.psychologists)
    s.intervenants.push_back(b.person(psy, provider, Role::intervenant_psychologist,
                                      "Psychologue du travail", adeli_for(p, ++n)));
  return s;
}

// SPEC ORG-4: access authorisations (asked over a month before the start, granted), one
// coordinator per establishment, one designated substitute with access everywhere.
void build_access(DemoBuilder& b, Id provider, const Staff& s,
                  const std::vector<Id>& establishments, Date start) {
  const Date requested = date::sys_days{add_months(start, -1)} - date::days{14};
  const Date granted = date::sys_days{start} - date::days{14};
  for (Id user : s.intervenants)
    for (Id e : establishments)
      b.authorisation(AccessAuthorisation{0, user, e, requested, granted, {}});
  if (!b.ok() || s.cips.empty()) return;
  for (std::size_t i = 0; i < establishments.size(); ++i)
    b.repos().staff.set_coordinator({provider, establishments[i], s.cips[i % s.cips.size()]});
  b.repos().staff.add_substitute(
      {0, provider, s.cips.back(),
       "Suppléant désigné en début de marché ; autorisations d’accès obtenues pour chaque "
       "établissement du lot."});
}

void award_lot(DemoBuilder& b, Id contract_id, const ProviderSeed& p, Id provider) {
  if (!b.ok()) return;
  for (auto lot : b.repos().contracts.lots_of(contract_id)) {
    if (lot.number != p.lot) continue;
    lot.provider_org_id = provider;
    lot.individual_price_cents = p.individual_cents;
    lot.collective_price_cents = p.collective_cents;
    if (auto s = check_lot_references(b.repos(), lot); !s.ok()) return b.fail(s.error());
    b.repos().contracts.update_lot(lot);
    return;
  }
  b.fail(not_found("Le lot " + std::to_string(p.lot) + " du marché de référence est introuvable."));
}

void build_provider(DemoBuilder& b, const ProviderSeed& p, const Contract& contract,
                    const std::vector<Id>& establishments) {
  Id provider = b.org(OrgKind::provider, p.code, p.name, 0, p.departement, Milieu::none, p.town);
  if (!b.ok()) return;
  award_lot(b, contract.id, p, provider);
  auto org = b.repos().orgs.find(provider);
  // SPEC ORG-5: MO premises of the provider.
  b.place(room(provider, std::string("Locaux de milieu ouvert — ") + p.town.name, org->address,
               true, "du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h"));
  Staff staff = build_staff(b, p, provider);
  if (b.ok()) build_access(b, provider, staff, establishments, contract.start_date);
}

// Establishments of the SPIPs a lot covers.
std::vector<Id> establishments_of_lot(DemoBuilder& b, Id contract_id, int number,
                                      const std::map<Id, std::vector<Id>>& by_spip) {
  std::vector<Id> out;
  for (const auto& lot : b.repos().contracts.lots_of(contract_id)) {
    if (lot.number != number) continue;
    for (Id spip : lot.spip_ids)
      if (auto it = by_spip.find(spip); it != by_spip.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
  }
  return out;
}

void build_world(DemoBuilder& b, const Contract& contract) {
  std::map<Id, std::vector<Id>> establishments_by_spip;
  for (const auto& s : spip_seeds())
    establishments_by_spip[b.existing(s.spip_code)] = build_spip(b, s);
  for (const auto& p : provider_seeds())
    build_provider(b, p, contract,
                   establishments_of_lot(b, contract.id, p.lot, establishments_by_spip));
  for (const auto& o : other_org_seeds())
    b.org(o.kind, o.code, o.name, 0, o.departement, Milieu::none, o.town);
  for (const auto& m : member_seeds())
    b.person(m.person, b.existing(m.org_code), m.role, m.qualification);
}

// The one-per-role accounts first, in the documented order.
void order_logins(DemoSummary& s) {
  auto rank = [](const DemoLogin& l) {
    const auto& f = featured_emails();
    for (std::size_t i = 0; i < f.size(); ++i)
      if (l.email == f[i] + kDomain) return static_cast<int>(i);
    return static_cast<int>(f.size());
  };
  std::stable_sort(s.logins.begin(), s.logins.end(),
                   [&](const DemoLogin& a, const DemoLogin& b) { return rank(a) < rank(b); });
  s.featured =
      static_cast<int>(std::count_if(s.logins.begin(), s.logins.end(), [&](const DemoLogin& l) {
        return rank(l) < static_cast<int>(featured_emails().size());
      }));
}

}  // namespace

Result<DemoSummary> load_demo(Store& store, const std::string& reference_json) {
  if (auto s = validate_password(kDemoPassword); !s.ok()) return s.error();
  const std::string hash = hash_password(kDemoPassword);  // once: argon2id is slow on purpose
  return transact<DemoSummary>(store, [&](Repos& r) -> Result<DemoSummary> {
    if (r.users.find_by_email(std::string("admin") + kDomain))
      return conflict("Les données de démonstration sont déjà chargées.");
    auto reference = apply_reference(r, reference_json);
    if (!reference.ok()) return reference.error();
    auto contract = r.contracts.find_contract(reference->contract_id);
    if (!contract) return not_found("Le marché de référence est introuvable.");
    DemoBuilder b(r, hash);
    build_world(b, *contract);
    if (!b.ok()) return b.error();  // rolls everything back, reference included
    DemoSummary& s = b.summary();
    s.password = kDemoPassword;
    s.reference = *reference;
    order_logins(s);
    return s;
  });
}

Result<std::vector<DemoLogin>> featured_demo_logins(Store& store) {
  return read<std::vector<DemoLogin>>(store, [&](Repos& r) -> Result<std::vector<DemoLogin>> {
    std::vector<DemoLogin> out;
    for (const auto& local : featured_emails()) {
      auto u = r.users.find_by_email(local + kDomain);
      if (!u) continue;
      auto ms = r.users.memberships_of(u->id);
      if (ms.empty()) continue;
      auto org = r.orgs.find(ms.front().org_id);
      out.push_back({role_label(ms.front().role), u->email, u->full_name, org ? org->name : ""});
    }
    return out;
  });
}

}  // namespace parcours
