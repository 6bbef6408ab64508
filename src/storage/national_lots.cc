// Lots of the national dataset (SPEC ORG-3): the reference DISP's lots and demo providers read
// back from the database; about six lots per other DISP, each awarded to a provider (some
// providers hold several lots) at plausible unit prices, with the providers' coordinators and
// their premises in milieu ouvert (ORG-5).
#include <algorithm>
#include <map>

#include <soci/soci.h>

#include "storage/national_model.h"
#include "storage/national_names.h"
#include "storage/row_util.h"

namespace parcours::storage::national {
namespace {

constexpr int kMaxLotsPerDisp = 6;
constexpr const char* kPremisesAvailability =
    "du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h";

std::string premises_name(const std::string& town) {
  return "Locaux de milieu ouvert — " + town;
}

// --- Reference DISP ------------------------------------------------------------------------

std::size_t read_provider(Context& c, RowId id) {
  for (std::size_t i = 0; i < c.world.providers.size(); ++i)
    if (c.world.providers[i].id == id) return i;
  ProviderInfo p;
  p.id = id;
  p.existing = true;
  p.name = query_text(c.sql, "SELECT name FROM organisations WHERE id = " + std::to_string(id));
  for_each_row(c.sql,
               "SELECT m.user_id, u.full_name FROM memberships m JOIN users u ON u.id = m.user_id "
               "WHERE m.org_id = :org AND m.role = 'provider_coordinator' ORDER BY m.id",
               Params().integer(id), [&](const soci::row& row) {
                 RowReader r(row);
                 UserRef u;
                 u.id = r.integer();
                 u.name = r.text();
                 p.coordinators.push_back(u);
               });
  c.world.providers.push_back(p);
  return c.world.providers.size() - 1;
}

void read_reference_lots(Context& c) {
  const DispInfo& d = c.world.disps.front();
  std::map<RowId, std::size_t> lot_index;
  for_each_row(c.sql,
               "SELECT id, number, provider_org_id, individual_hours, collective_hours, "
               "individual_price_cents, collective_price_cents FROM lots WHERE contract_id = "
               ":contract ORDER BY number",
               Params().integer(d.contract_id), [&](const soci::row& row) {
                 RowReader r(row);
                 LotInfo l;
                 l.id = r.integer();
                 l.number = r.int32();
                 const RowId provider = r.id_or_zero();
                 l.base_individual_hours = r.int32();
                 l.base_collective_hours = r.int32();
                 l.individual_price_cents = r.integer();
                 l.collective_price_cents = r.integer();
                 l.disp = 0;
                 l.existing = true;
                 if (provider == 0) return;  // not awarded: no prescription can reach it
                 l.provider = read_provider(c, provider);
                 lot_index[l.id] = c.world.lots.size();
                 c.world.lots.push_back(l);
               });
  for_each_row(c.sql, "SELECT lot_id, spip_id FROM lot_spips ORDER BY lot_id, spip_id", {},
               [&](const soci::row& row) {
                 RowReader r(row);
                 auto lot = lot_index.find(r.integer());
                 const RowId spip = r.integer();
                 if (lot == lot_index.end()) return;
                 for (std::size_t s = 0; s < c.world.spips.size(); ++s)
                   if (c.world.spips[s].id == spip && c.world.spips[s].lot == kNone) {
                     c.world.spips[s].lot = lot->second;
                     c.world.lots[lot->second].spips.push_back(s);
                   }
               });
}

// The provider's MO premises in each town of its lot (ORG-5): the demo's when it has one.
void add_premises(Context& c, Rng& rng, const LotInfo& lot) {
  const ProviderInfo& p = c.world.providers[lot.provider];
  std::map<std::string, PlaceRef> existing;
  if (p.existing)
    for_each_row(c.sql, "SELECT id, name FROM places WHERE org_id = :org ORDER BY id",
                 Params().integer(p.id), [&](const soci::row& row) {
                   RowReader r(row);
                   PlaceRef place;
                   place.id = r.integer();
                   place.name = r.text();
                   existing.emplace(place.name, place);
                 });
  for (std::size_t s : lot.spips) {
    SpipInfo& spip = c.world.spips[s];
    const std::string name = premises_name(spip.town);
    if (auto it = existing.find(name); it != existing.end()) {
      spip.premises = it->second;
      continue;
    }
    spip.premises = PlaceRef{c.sink.next.place++, name};
    c.sink.places.row()
        .integer(spip.premises.id)
        .integer(p.id)
        .text(name)
        .text(std::to_string(rng.between(1, 120)) + " " + rng.pick(street_names()) + ", " +
              spip.postcode + " " + spip.town)
        .text(fictional_phone(spip.premises.id + 7000))
        .integer(6)
        .text(kPremisesAvailability)
        .integer(1);
    existing.emplace(name, spip.premises);
  }
}

// --- Other DISPs ----------------------------------------------------------------------------

std::size_t new_provider(Context& c, Rng& rng, const SpipInfo& first) {
  ProviderInfo p;
  const std::size_t n = c.world.providers.size();
  p.name = provider_names()[n % provider_names().size()];
  p.id = c.sink.next.organisation++;
  char code[32];
  std::snprintf(code, sizeof code, "PREST-NAT-%02zu", n);
  c.sink.organisations.row()
      .integer(p.id)
      .text("provider")
      .text(p.name)
      .text(code)
      .null()
      .text(first.departement)
      .text("")
      .text(std::to_string(rng.between(1, 90)) + " " + rng.pick(street_names()) + ", " +
            first.postcode + " " + first.town)
      .text(fictional_phone(p.id))
      .text("")
      .integer(1);
  ++c.world.organisations_created;
  c.world.providers.push_back(p);
  return n;
}

// Providers are taken in turn; about one lot in four goes to a provider already holding one.
std::size_t provider_for(Context& c, Rng& rng, const SpipInfo& first,
                         std::vector<std::size_t>& national) {
  if (!national.empty() && rng.chance(0.25)) return national[rng.index(national.size())];
  national.push_back(new_provider(c, rng, first));
  return national.back();
}

void add_lot_rows(Context& c, const LotInfo& l) {
  const DispInfo& d = c.world.disps[l.disp];
  std::string label;
  for (std::size_t s : l.spips) label += (label.empty() ? "" : " — ") + c.world.spips[s].name;
  c.sink.lots.row()
      .integer(l.id)
      .integer(d.contract_id)
      .integer(l.number)
      .text(label)
      .integer(c.world.providers[l.provider].id)
      .integer(0)  // volumes: set from the consumption once the cases are written (INV-2)
      .integer(0)
      .integer(l.individual_price_cents)
      .integer(l.collective_price_cents);
  for (std::size_t s : l.spips) c.sink.lot_spips.row().integer(l.id).integer(c.world.spips[s].id);
}

void build_disp_lots(Context& c, Rng& rng, std::size_t disp, std::vector<std::size_t>& national) {
  const auto& spips = c.world.disps[disp].spips;
  const int lots = std::min<int>(kMaxLotsPerDisp, static_cast<int>(spips.size()));
  for (int n = 0; n < lots; ++n) {
    LotInfo l;
    l.id = c.sink.next.lot++;
    l.number = n + 1;
    l.disp = disp;
    for (std::size_t i = 0; i < spips.size(); ++i)
      if (static_cast<int>(i * static_cast<std::size_t>(lots) / spips.size()) == n)
        l.spips.push_back(spips[i]);
    l.provider = provider_for(c, rng, c.world.spips[l.spips.front()], national);
    // BPU: 45–60 € an individual hour, 70–90 € a collective hour.
    l.individual_price_cents = rng.between(90, 120) * 50;
    l.collective_price_cents = rng.between(140, 180) * 50;
    const std::size_t index = c.world.lots.size();
    for (std::size_t s : l.spips) c.world.spips[s].lot = index;
    add_lot_rows(c, l);
    c.world.lots.push_back(l);
  }
}

}  // namespace

void build_lots(Context& c) {
  Rng rng(c.options.seed, 102);
  read_reference_lots(c);
  std::vector<std::size_t> national;
  for (std::size_t d = 1; d < c.world.disps.size(); ++d) build_disp_lots(c, rng, d, national);
  for (const auto& lot : c.world.lots) add_premises(c, rng, lot);
  c.counts.lots = static_cast<long long>(c.world.lots.size());
}

}  // namespace parcours::storage::national
