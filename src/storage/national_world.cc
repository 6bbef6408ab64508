// The organisations of the national dataset: the reference DISP de Dijon as the demo loaded it
// (read back from the database), then the eight other DISPs with their SPIPs, antennas,
// establishments, rooms and PPAIP contracts (SPEC ORG-1, ORG-3, ORG-5).
#include <algorithm>
#include <map>

#include <soci/soci.h>

#include "domain/calendar.h"
#include "storage/national_geography.h"
#include "storage/national_model.h"
#include "storage/national_names.h"
#include "storage/row_util.h"

namespace parcours::storage::national {
namespace {

constexpr const char* kReferenceDisp = "DISP21";
constexpr int kMfShare = 70;  // % of the people followed in milieu fermé (BEN-1)

std::string town_of_antenna(const std::string& name) {
  const std::string dash = "— ";
  auto pos = name.rfind(dash);
  return pos == std::string::npos ? name : name.substr(pos + dash.size());
}

std::string address_in(Rng& rng, const std::string& postcode, const std::string& town) {
  return std::to_string(rng.between(1, 180)) + " " + rng.pick(street_names()) + ", " + postcode +
         " " + town;
}

RowId add_org(Context& c, Rng& rng, const char* kind, const std::string& name,
              const std::string& code, RowId parent, const std::string& departement,
              const char* milieu, const std::string& postcode, const std::string& town) {
  const RowId id = c.sink.next.organisation++;
  c.sink.organisations.row()
      .integer(id)
      .text(kind)
      .text(name)
      .text(code)
      .id_or_null(parent)
      .text(departement)
      .text(milieu)
      .text(address_in(rng, postcode, town))
      .text(fictional_phone(id))
      .text("")
      .integer(1);
  ++c.world.organisations_created;
  return id;
}

PlaceRef add_place(Context& c, Rng& rng, RowId org, const std::string& name,
                   const std::string& postcode, const std::string& town, bool transport,
                   const std::string& availability) {
  PlaceRef p{c.sink.next.place++, name};
  c.sink.places.row()
      .integer(p.id)
      .integer(org)
      .text(name)
      .text(address_in(rng, postcode, town))
      .text(fictional_phone(p.id + 5000))
      .integer(6)  // SPEC WS-2 / ORG-5: groups of at most 6
      .text(availability)
      .boolean(transport);
  return p;
}

void finish_spip_weights(SpipInfo& s, const World& w) {
  std::vector<double> weights;
  double mf = 0;
  for (std::size_t e : s.establishments) {
    weights.push_back(w.sites[e].weight);
    mf += w.sites[e].weight;
  }
  s.establishment_table = WeightedTable(weights);
  // MF establishments carry 70 % of the people; the MO antenna the rest.
  s.weight = std::max(1.0, mf) * 100.0 / kMfShare;
}

// --- The reference DISP ---------------------------------------------------------------------

void read_reference_orgs(Context& c, DispInfo& d) {
  std::map<RowId, std::size_t> spip_index;
  for_each_row(c.sql,
               "SELECT id, code, name, departement FROM organisations WHERE kind = 'spip' AND "
               "parent_id = :disp ORDER BY id",
               Params().integer(d.id), [&](const soci::row& row) {
                 RowReader r(row);
                 SpipInfo s;
                 s.id = r.integer();
                 s.code = r.text();
                 s.name = r.text();
                 s.departement = r.text();
                 s.alsace_moselle = alsace_moselle_departement(s.departement);
                 s.postcode = s.departement.substr(0, 2) + "000";
                 s.disp = c.world.disps.size();
                 spip_index[s.id] = c.world.spips.size();
                 d.spips.push_back(c.world.spips.size());
                 c.world.spips.push_back(s);
               });
  for_each_row(c.sql,
               "SELECT o.id, o.kind, o.name, o.parent_id, o.departement, o.milieu FROM "
               "organisations o JOIN organisations s ON s.id = o.parent_id WHERE s.kind = 'spip' "
               "AND s.parent_id = :disp AND o.kind IN ('establishment', 'antenna') ORDER BY o.id",
               Params().integer(d.id), [&](const soci::row& row) {
                 RowReader r(row);
                 SiteInfo site;
                 site.id = r.integer();
                 const std::string kind = r.text();
                 site.name = r.text();
                 site.spip = spip_index.at(r.integer());
                 site.departement = r.text();
                 const std::string milieu = r.text();
                 site.establishment = kind == "establishment";
                 if (!site.establishment && milieu != "mo") return;  // MF antennas host no one
                 site.weight = site.establishment ? establishment_weight(site.name) : 1;
                 SpipInfo& s = c.world.spips[site.spip];
                 if (site.establishment) {
                   s.establishments.push_back(c.world.sites.size());
                 } else {
                   s.mo_antenna = c.world.sites.size();
                   s.town = town_of_antenna(site.name);
                 }
                 c.world.sites.push_back(site);
               });
}

void read_reference_rooms(Context& c) {
  std::map<RowId, std::size_t> by_id;
  for (std::size_t i = 0; i < c.world.sites.size(); ++i) by_id[c.world.sites[i].id] = i;
  for_each_row(c.sql, "SELECT id, org_id, name FROM places ORDER BY id", {},
               [&](const soci::row& row) {
                 RowReader r(row);
                 PlaceRef p;
                 p.id = r.integer();
                 auto it = by_id.find(r.integer());
                 p.name = r.text();
                 if (it != by_id.end()) c.world.sites[it->second].rooms.push_back(p);
               });
}

void read_reference_themes(Context& c) {
  for_each_row(c.sql, "SELECT DISTINCT spip_id FROM workshop_theme_agreements", {},
               [&](const soci::row& row) {
                 const RowId id = RowReader(row).integer();
                 for (auto& s : c.world.spips)
                   if (s.id == id) s.themes_agreed = true;
               });
}

}  // namespace

void load_reference_world(Context& c) {
  if (query_integer(c.sql, "SELECT COUNT(*) FROM organisations WHERE code = 'DISP33'") > 0)
    throw GeneratorFailure{ErrorCode::conflict,
                           "Le jeu de données national est déjà présent dans cette base : rien "
                           "n’a été ajouté (recréez la base pour le générer de nouveau)."};
  c.world.password_hash =
      query_text(c.sql, "SELECT password_hash FROM users WHERE email = 'cip@demo.parcours.fr'");
  DispInfo d;
  d.id = query_integer(
      c.sql, std::string("SELECT id FROM organisations WHERE code = '") + kReferenceDisp + "'");
  if (d.id == 0 || c.world.password_hash.empty())
    throw GeneratorFailure{ErrorCode::not_found,
                           "Les données de démonstration ne sont pas chargées (DISP de Dijon et "
                           "comptes de démonstration) : lancez « parcours demo » d’abord."};
  d.code = kReferenceDisp;
  d.name = query_text(c.sql, "SELECT name FROM organisations WHERE id = " + std::to_string(d.id));
  d.existing = true;
  d.contract_id =
      query_integer(c.sql, "SELECT id FROM contracts WHERE programme = 'ppaip' AND disp_org_id = " +
                               std::to_string(d.id) + " ORDER BY id");
  const std::string start = query_text(
      c.sql, "SELECT start_date FROM contracts WHERE id = " + std::to_string(d.contract_id));
  auto parsed = parse_iso_date(start);
  if (d.contract_id == 0 || !parsed.ok())
    throw GeneratorFailure{ErrorCode::not_found, "Le marché PPAIP de la DISP de Dijon est absent."};
  d.contract_start = ParisTime::day(*parsed);
  d.window_start = std::max(d.contract_start + 14, c.today - 730);
  read_reference_orgs(c, d);
  c.world.disps.push_back(d);
  read_reference_rooms(c);
  read_reference_themes(c);
  for (auto& s : c.world.spips) finish_spip_weights(s, c.world);
}

// --- The eight other DISPs -------------------------------------------------------------------

namespace {

const char* kRoomAvailability = "du lundi au vendredi, 9 h – 12 h et 14 h – 17 h";

void build_spip(Context& c, Rng& rng, const SpipSeed& seed, DispInfo& d) {
  SpipInfo s;
  s.code = seed.code;
  s.name = seed.name;
  s.departement = seed.departement;
  s.town = seed.town;
  s.postcode = seed.postcode;
  s.alsace_moselle = alsace_moselle_departement(s.departement);
  s.disp = c.world.disps.size();
  s.id = add_org(c, rng, "spip", s.name, s.code, d.id, s.departement, "", s.postcode, s.town);
  const std::size_t index = c.world.spips.size();
  const std::string dep = seed.departement;
  add_org(c, rng, "antenna", "Antenne de milieu fermé — " + s.town, "ANT-" + dep + "-MF", s.id, dep,
          "mf", s.postcode, s.town);
  SiteInfo mo;
  mo.name = "Antenne de milieu ouvert — " + s.town;
  mo.id = add_org(c, rng, "antenna", mo.name, "ANT-" + dep + "-MO", s.id, dep, "mo", s.postcode,
                  s.town);
  mo.spip = index;
  mo.departement = dep;
  mo.establishment = false;
  mo.rooms.push_back(add_place(c, rng, mo.id, "Bureau d’entretien — antenne de milieu ouvert",
                               s.postcode, s.town, true, kRoomAvailability));
  s.mo_antenna = c.world.sites.size();
  c.world.sites.push_back(mo);
  int n = 0;
  for (const char* name : seed.establishments) {
    SiteInfo e;
    e.name = name;
    e.spip = index;
    e.departement = dep;
    e.weight = establishment_weight(e.name);
    e.id = add_org(c, rng, "establishment", e.name, "EP-" + dep + "-" + std::to_string(++n), s.id,
                   dep, "mf", s.postcode, s.town);
    e.rooms.push_back(add_place(c, rng, e.id, "Salle d’activités — quartier socio-éducatif",
                                s.postcode, s.town, false,
                                "mardi et jeudi, 9 h – 12 h et 14 h – 17 h"));
    e.rooms.push_back(add_place(c, rng, e.id, "Bureau d’entretien — unité locale d’enseignement",
                                s.postcode, s.town, false, kRoomAvailability));
    s.establishments.push_back(c.world.sites.size());
    c.world.sites.push_back(e);
  }
  d.spips.push_back(index);
  c.world.spips.push_back(s);
  finish_spip_weights(c.world.spips.back(), c.world);
}

void add_contract(Context& c, DispInfo& d) {
  d.contract_id = c.sink.next.contract++;
  const Day renewal = ParisTime::day(add_months(ParisTime::date(d.contract_start), 24));
  c.sink.contracts.row()
      .integer(d.contract_id)
      .integer(d.id)
      .text(d.code + "-PPAIP")
      .text(
          "Programme personnalisé d’accompagnement à l’insertion professionnelle (PPAIP) des "
          "personnes placées sous main de justice — " +
          d.name)
      .text(c.config.id)
      .date(d.contract_start)
      .integer(24)
      .integer(2)
      .integer(12)
      .integer(c.today >= renewal ? 1 : 0);  // ORG-3: the first tacit renewal, once reached
}

}  // namespace

void build_national_world(Context& c) {
  Rng rng(c.options.seed, 101);
  // Contracts start on the first day of the month two years before today.
  const Date two_years_ago = add_months(ParisTime::date(c.today), -24);
  const Date start{two_years_ago.year(), two_years_ago.month(), date::day{1}};
  for (const DispSeed& seed : national_disps()) {
    DispInfo d;
    d.code = seed.code;
    d.name = seed.name;
    d.id =
        add_org(c, rng, "disp", d.name, d.code, 0, seed.departement, "", seed.postcode, seed.town);
    d.contract_start = ParisTime::day(start);
    d.window_start = d.contract_start + 14;
    add_contract(c, d);
    for (const SpipSeed& s : seed.spips) build_spip(c, rng, s, d);
    c.world.disps.push_back(d);
  }
}

void weigh_spips(Context& c) {
  std::vector<double> weights;
  for (const auto& s : c.world.spips) {
    const DispInfo& d = c.world.disps[s.disp];
    // A DISP whose contract has not started yet (or only just), or a SPIP without an awarded
    // lot, receives no one.
    const bool open = d.window_start < c.today - 7 && s.lot != kNone;
    weights.push_back(open ? s.weight : 0.0);
  }
  double total = 0;
  for (double w : weights) total += w;
  for (std::size_t i = 0; i < c.world.spips.size(); ++i)
    c.world.spips[i].expected_people =
        total > 0 ? static_cast<double>(c.options.people) * weights[i] / total : 0;
  c.world.spip_table = WeightedTable(weights);
}

}  // namespace parcours::storage::national
