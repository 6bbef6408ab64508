// People who work in the national dataset (SPEC ORG-2, ORG-4): intervenants of the providers
// (about 30 % work psychologists with an ADELI number) sized so that each follows about forty
// active cases, their access authorisations (a few missing, pending or expired), one
// coordinator per establishment and a substitute per provider; CPIPs sized for about sixty
// people each, a manager per SPIP, contract managers per DISP. The demo's own accounts of the
// reference DISP are kept and counted in.
#include <algorithm>
#include <cmath>

#include <soci/soci.h>

#include "storage/national_model.h"
#include "storage/national_names.h"
#include "storage/row_util.h"

namespace parcours::storage::national {
namespace {

constexpr double kCasesPerPerson = 1.2;
constexpr double kActiveShare = 0.13;
constexpr double kActiveCasesPerIntervenant = 40;
constexpr double kPeoplePerCpip = 60;

std::string random_name(Rng& rng, double female_share) {
  const bool female = rng.chance(female_share);
  const auto& first = female ? female_first_names() : male_first_names();
  return rng.pick(first) + " " + rng.pick(last_names());
}

bool is_female_name(const std::string& full_name) {
  const std::string first = full_name.substr(0, full_name.find(' '));
  const auto& f = female_first_names();
  return std::find(f.begin(), f.end(), first) != f.end();
}

std::string adeli_number(const std::string& departement, RowId user) {
  std::string dep = departement.substr(0, 2);
  if (dep == "2A" || dep == "2B") dep = "20";
  char buf[16];  // département + 93 (psychologists) + sequence: 9 digits
  std::snprintf(buf, sizeof buf, "%s93%05lld", dep.c_str(), user % 100000);
  return buf;
}

// --- Reading the demo's accounts of the reference DISP --------------------------------------

void read_existing_members(Context& c, std::size_t spip_index) {
  SpipInfo& s = c.world.spips[spip_index];
  for_each_row(c.sql,
               "SELECT m.user_id, u.full_name, m.role FROM memberships m JOIN users u ON u.id = "
               "m.user_id JOIN organisations o ON o.id = m.org_id WHERE (o.id = :spip OR "
               "o.parent_id = :same_spip) AND m.role = 'cpip' ORDER BY m.id",
               Params().integer(s.id).integer(s.id), [&](const soci::row& row) {
                 RowReader r(row);
                 UserRef u;
                 u.id = r.integer();
                 u.name = r.text();
                 s.cpips.push_back(u);
               });
}

bool has_manager(Context& c, const SpipInfo& s) {
  return query_integer(c.sql,
                       "SELECT COUNT(*) FROM memberships WHERE role = 'spip_manager' AND "
                       "org_id = " +
                           std::to_string(s.id)) > 0;
}

// The demo intervenants of a reference lot, each given a home SPIP of the lot in turn.
void read_existing_intervenants(Context& c, std::size_t lot_index) {
  const LotInfo& lot = c.world.lots[lot_index];
  std::size_t turn = 0;
  for_each_row(c.sql,
               "SELECT m.user_id, u.full_name, m.role FROM memberships m JOIN users u ON u.id = "
               "m.user_id WHERE m.org_id = :org AND m.role IN ('intervenant_cip', "
               "'intervenant_psychologist') ORDER BY m.id",
               Params().integer(c.world.providers[lot.provider].id), [&](const soci::row& row) {
                 RowReader r(row);
                 StaffInfo st;
                 st.user.id = r.integer();
                 st.user.name = r.text();
                 st.psychologist = r.text() == "intervenant_psychologist";
                 st.provider = lot.provider;
                 st.home_spip = lot.spips[turn++ % lot.spips.size()];
                 c.world.spips[st.home_spip].intervenants.push_back(c.world.staff.size());
                 c.world.staff.push_back(st);
               });
}

// --- New accounts ---------------------------------------------------------------------------

// ORG-4: asked at least a month before starting (a few late), granted two to five weeks later;
// a few are still pending, missing or expired, so that some sessions are held by an
// intervenant without a valid authorisation on that day.
void add_authorisations(Context& c, Rng& rng, RowId user, const std::vector<std::size_t>& sites,
                        Day hired) {
  for (std::size_t site : sites) {
    if (rng.chance(0.03)) continue;  // never asked
    const Day requested =
        hired - static_cast<Day>(rng.chance(0.1) ? rng.between(5, 25) : rng.between(30, 50));
    const Day granted = requested + static_cast<Day>(rng.between(10, 35));
    const bool pending = rng.chance(0.03) || granted > c.today;
    const bool expired = !pending && rng.chance(0.05);
    const Day ends =
        expired ? std::max(granted + 30, c.today - static_cast<Day>(rng.between(10, 300))) : 0;
    c.sink.authorisations.row()
        .integer(c.sink.next.authorisation++)
        .integer(user)
        .integer(c.world.sites[site].id)
        .date(requested)
        .date_or_null(granted, !pending)
        .date_or_null(ends, expired);
    ++c.counts.authorisations;
  }
}

void add_intervenant(Context& c, Rng& rng, std::size_t spip_index, bool psychologist) {
  SpipInfo& s = c.world.spips[spip_index];
  const LotInfo& lot = c.world.lots[s.lot];
  const ProviderInfo& provider = c.world.providers[lot.provider];
  StaffInfo st;
  st.psychologist = psychologist;
  st.provider = lot.provider;
  st.home_spip = spip_index;
  const std::string name = random_name(rng, 0.65);
  const RowId id = c.sink.next.user;  // add_user takes this id
  add_user(c, st.user, name, provider.id,
           psychologist ? "intervenant_psychologist" : "intervenant_cip",
           psychologist ? "Psychologue du travail"
                        : "Conseiller en insertion professionnelle (titre professionnel)",
           psychologist ? adeli_number(s.departement, id) : "");
  const DispInfo& d = c.world.disps[s.disp];
  const bool late_hire = rng.chance(0.2);
  const Day hired =
      late_hire
          ? std::min<Day>(c.today - 30, d.contract_start + static_cast<Day>(rng.between(60, 500)))
          : d.contract_start;
  std::vector<std::size_t> sites = s.establishments;
  for (std::size_t other : lot.spips)
    if (other != spip_index && rng.chance(0.25))
      for (std::size_t e : c.world.spips[other].establishments) sites.push_back(e);
  add_authorisations(c, rng, st.user.id, sites, hired);
  s.intervenants.push_back(c.world.staff.size());
  c.world.staff.push_back(st);
}

std::size_t intervenants_needed(const SpipInfo& s) {
  const double active = s.expected_people * kCasesPerPerson * kActiveShare;
  return std::max<std::size_t>(
      1, static_cast<std::size_t>(std::lround(active / kActiveCasesPerIntervenant)));
}

void staff_spip(Context& c, Rng& rng, std::size_t spip_index, long long& serial) {
  SpipInfo& s = c.world.spips[spip_index];
  if (s.lot == kNone) return;
  while (s.intervenants.size() < intervenants_needed(s)) {
    // Three psychologists in every ten intervenants (ORG-4, seed §6.7).
    const long long k = serial++ % 10;
    add_intervenant(c, rng, spip_index, k == 1 || k == 4 || k == 7);
  }
}

void coordinate_establishments(Context& c, const LotInfo& lot) {
  const ProviderInfo& p = c.world.providers[lot.provider];
  for (std::size_t s : lot.spips) {
    const SpipInfo& spip = c.world.spips[s];
    for (std::size_t i = 0; i < spip.establishments.size(); ++i) {
      RowId user = p.coordinators.front().id;
      if (!spip.intervenants.empty())
        user = c.world.staff[spip.intervenants[i % spip.intervenants.size()]].user.id;
      c.sink.coordinators.row()
          .integer(p.id)
          .integer(c.world.sites[spip.establishments[i]].id)
          .integer(user);
    }
  }
}

void add_substitute(Context& c, const LotInfo& lot) {
  const ProviderInfo& p = c.world.providers[lot.provider];
  const SpipInfo& spip = c.world.spips[lot.spips.back()];
  if (spip.intervenants.empty()) return;
  c.sink.substitutes.row()
      .integer(c.sink.next.substitute++)
      .integer(p.id)
      .integer(c.world.staff[spip.intervenants.back()].user.id)
      .text(
          "Suppléant désigné en début de marché ; autorisations d’accès obtenues pour les "
          "établissements du lot.");
}

void staff_cpips(Context& c, Rng& rng, std::size_t spip_index) {
  SpipInfo& s = c.world.spips[spip_index];
  const auto needed = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::lround(s.expected_people / kPeoplePerCpip)));
  while (s.cpips.size() < needed) {
    UserRef u;
    add_user(c, u, random_name(rng, 0.7), s.id, "cpip", "CPIP");
    s.cpips.push_back(u);
  }
  if (c.world.disps[s.disp].existing && has_manager(c, s)) return;
  UserRef manager;
  const std::string name = random_name(rng, 0.6);
  add_user(
      c, manager, name, s.id, "spip_manager",
      is_female_name(name) ? "Directrice fonctionnelle du SPIP" : "Directeur fonctionnel du SPIP");
}

void agree_themes(Context& c, const SpipInfo& s, Seconds at) {
  if (s.themes_agreed || s.cpips.empty()) return;
  for (const auto& theme : c.config.workshop_themes)
    c.sink.theme_agreements.row()
        .integer(s.id)
        .text(c.config.id)
        .text(theme.id)
        .integer(s.cpips.front().id)
        .integer(at);
}

}  // namespace

void build_staff(Context& c) {
  Rng rng(c.options.seed, 103);
  for (std::size_t i = 0; i < c.world.spips.size(); ++i)
    if (c.world.disps[c.world.spips[i].disp].existing) read_existing_members(c, i);
  for (std::size_t l = 0; l < c.world.lots.size(); ++l)
    if (c.world.lots[l].existing) read_existing_intervenants(c, l);
  for (auto& p : c.world.providers) {
    if (p.existing) continue;
    UserRef u;
    const std::string name = random_name(rng, 0.55);
    add_user(c, u, name, p.id, "provider_coordinator",
             is_female_name(name) ? "Coordinatrice du dispositif PPAIP"
                                  : "Coordinateur du dispositif PPAIP");
    p.coordinators.push_back(u);
  }
  long long serial = 0;
  for (std::size_t i = 0; i < c.world.spips.size(); ++i) staff_spip(c, rng, i, serial);
  for (const auto& lot : c.world.lots) {
    if (lot.existing) continue;  // the demo set its coordinators and substitute
    coordinate_establishments(c, lot);
    add_substitute(c, lot);
  }
  for (std::size_t i = 0; i < c.world.spips.size(); ++i) staff_cpips(c, rng, i);
  for (auto& d : c.world.disps) {
    if (d.existing) continue;
    for (int k = 0; k < 2; ++k) {
      UserRef u;
      add_user(c, u, random_name(rng, 0.6), d.id, "disp_manager", "Gestionnaire du marché PPAIP");
      d.managers.push_back(u);
    }
  }
  for (const auto& s : c.world.spips)
    agree_themes(c, s, c.time.at(c.world.disps[s.disp].contract_start, 10 * 60));
}

std::string fictional_phone(long long n) {
  char buf[32];  // 01 99 00 xx xx: reserved for fiction
  std::snprintf(buf, sizeof buf, "01 99 00 %02lld %02lld", (n / 100) % 100, n % 100);
  return buf;
}

std::string email_local(const std::string& full_name) {
  std::string folded = sort_key(full_name);
  folded.resize(folded.find('\0'));
  std::string out;
  for (char ch : folded) {
    if (ch == ' ' || ch == '\'')
      out += '.';
    else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')
      out += ch;
  }
  return out;
}

void add_user(Context& c, UserRef& user, const std::string& full_name, RowId org_id,
              const char* role, const std::string& qualification, const std::string& adeli) {
  user.id = c.sink.next.user++;
  user.name = full_name;
  c.sink.users.row()
      .integer(user.id)
      .text(email_local(full_name) + "." + std::to_string(user.id) + "@demo.parcours.fr")
      .text(full_name)
      .text(fictional_phone(user.id))
      .text(qualification)
      .text(adeli)
      .integer(1)
      .text(c.world.password_hash);
  c.sink.memberships.row()
      .integer(c.sink.next.membership++)
      .integer(user.id)
      .integer(org_id)
      .text(role);
  ++c.world.users_created;
}

}  // namespace parcours::storage::national
