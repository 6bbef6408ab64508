#include "app/reference.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/admin.h"
#include "domain/validation.h"

namespace parcours {
namespace {

using nlohmann::json;

// ---- The file, read into plain values --------------------------------------------------

struct RefOrg {
  std::string code;
  std::string name;
  std::string departement;
};

struct RefLot {
  int number = 0;
  std::string label;
  std::vector<std::string> spips;
  int individual_hours = 0;
  int collective_hours = 0;
  std::string provider;  // empty: not awarded in the reference
  long long individual_price_cents = 0;
  long long collective_price_cents = 0;
};

struct RefData {
  RefOrg disp;
  std::vector<RefOrg> spips;
  Contract contract;
  std::vector<RefLot> lots;
};

// Reads typed fields and collects every problem with its JSON path.
class JsonReader {
 public:
  const json* object(const json& parent, const std::string& key, const std::string& path) {
    return typed(parent, key, path, json::value_t::object, "un objet");
  }
  const json* array(const json& parent, const std::string& key, const std::string& path) {
    return typed(parent, key, path, json::value_t::array, "une liste");
  }
  std::string text(const json& parent, const std::string& key, const std::string& path,
                   bool required = true) {
    const json* v = parent.contains(key) ? &parent.at(key) : nullptr;
    if (!v || v->is_null()) {
      if (required) missing(path + "." + key);
      return {};
    }
    if (!v->is_string()) {
      wrong(path + "." + key, "un texte");
      return {};
    }
    return trim(v->get<std::string>());
  }
  long long integer(const json& parent, const std::string& key, const std::string& path) {
    const json* v = parent.contains(key) ? &parent.at(key) : nullptr;
    if (!v) {
      missing(path + "." + key);
      return 0;
    }
    if (!v->is_number_integer()) {
      wrong(path + "." + key, "un nombre entier");
      return 0;
    }
    return v->get<long long>();
  }
  void add(std::string path, std::string message) {
    errors_.push_back({std::move(path), std::move(message)});
  }
  Status status() const {
    if (errors_.empty()) return {};
    return invalid("Le fichier de référence est incomplet ou mal formé.", errors_);
  }

 private:
  const json* typed(const json& parent, const std::string& key, const std::string& path,
                    json::value_t type, const char* what) {
    if (!parent.contains(key)) {
      missing(path + key);
      return nullptr;
    }
    const json& v = parent.at(key);
    if (v.type() != type) {
      wrong(path + key, what);
      return nullptr;
    }
    return &v;
  }
  void missing(const std::string& path) { add(path, "Champ obligatoire absent."); }
  void wrong(const std::string& path, const char* what) {
    add(path, std::string("Ce champ doit être ") + what + ".");
  }

  std::vector<FieldError> errors_;
};

RefOrg read_org(JsonReader& in, const json& j, const std::string& path) {
  if (!j.is_object()) {
    in.add(path, "Une organisation est décrite par un objet {code, name, departement}.");
    return {};
  }
  return {in.text(j, "code", path), in.text(j, "name", path),
          in.text(j, "departement", path, false)};
}

RefLot read_lot(JsonReader& in, const json& j, const std::string& path) {
  RefLot l;
  if (!j.is_object()) {
    in.add(path, "Un lot est décrit par un objet.");
    return l;
  }
  l.number = static_cast<int>(in.integer(j, "number", path));
  l.label = in.text(j, "label", path);
  if (const json* spips = in.array(j, "spips", path + ".")) {
    for (const auto& s : *spips) {
      if (s.is_string())
        l.spips.push_back(trim(s.get<std::string>()));
      else
        in.add(path + ".spips", "Chaque SPIP est désigné par son code (texte).");
    }
  }
  l.individual_hours = static_cast<int>(in.integer(j, "individual_hours", path));
  l.collective_hours = static_cast<int>(in.integer(j, "collective_hours", path));
  l.provider = in.text(j, "provider", path, false);
  l.individual_price_cents = in.integer(j, "individual_price_cents", path);
  l.collective_price_cents = in.integer(j, "collective_price_cents", path);
  return l;
}

Contract read_contract(JsonReader& in, const json& j, const std::string& path) {
  Contract c;
  c.reference = in.text(j, "reference", path);
  c.title = in.text(j, "title", path);
  c.programme = in.text(j, "programme", path);
  std::string start = in.text(j, "start_date", path);
  if (!start.empty()) {
    auto d = parse_iso_date(start);
    if (d.ok())
      c.start_date = *d;
    else
      in.add(path + ".start_date", d.error().message);
  }
  c.initial_months = static_cast<int>(in.integer(j, "initial_months", path));
  c.renewals_allowed = static_cast<int>(in.integer(j, "renewals_allowed", path));
  c.renewal_months = static_cast<int>(in.integer(j, "renewal_months", path));
  return c;
}

int line_of(const std::string& text, std::size_t byte) {
  byte = std::min(byte, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + byte, '\n'));
}

Result<RefData> read_reference(const std::string& text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    return invalid("Le fichier de référence n’est pas un JSON valide (ligne " +
                   std::to_string(line_of(text, e.byte)) + ").");
  }
  if (!root.is_object()) return invalid("Le fichier de référence doit contenir un objet JSON.");
  JsonReader in;
  RefData d;
  if (const json* disp = in.object(root, "disp", "")) d.disp = read_org(in, *disp, "disp");
  if (const json* spips = in.array(root, "spips", ""))
    for (std::size_t i = 0; i < spips->size(); ++i)
      d.spips.push_back(read_org(in, spips->at(i), "spips[" + std::to_string(i) + "]"));
  if (const json* c = in.object(root, "contract", "")) {
    d.contract = read_contract(in, *c, "contract");
    if (const json* lots = in.array(*c, "lots", "contract."))
      for (std::size_t i = 0; i < lots->size(); ++i)
        d.lots.push_back(read_lot(in, lots->at(i), "contract.lots[" + std::to_string(i) + "]"));
  }
  for (std::size_t i = 0; i < d.lots.size(); ++i)
    for (std::size_t k = 0; k < i; ++k)
      if (d.lots[k].number == d.lots[i].number)
        in.add("contract.lots[" + std::to_string(i) + "].number",
               "Ce numéro de lot figure deux fois.");
  if (auto s = in.status(); !s.ok()) return s.error();
  return d;
}

// ---- Applying it -----------------------------------------------------------------------

Result<Id> upsert_org(Repos& r, const RefOrg& ref, OrgKind kind, Id parent_id,
                      std::optional<OrgKind> parent_kind, ReferenceSummary& sum) {
  auto current = r.orgs.find_by_code(ref.code);
  if (!current) {
    Organisation o;
    o.kind = kind;
    o.code = ref.code;
    o.name = ref.name;
    o.departement = ref.departement;
    o.parent_id = parent_id;
    auto id = insert_organisation(r, o);
    if (id.ok()) ++sum.organisations_created;
    return id;
  }
  if (current->kind != kind)
    return conflict("Le code « " + ref.code +
                    " » est déjà celui d’une organisation d’un autre type (" +
                    org_kind_label(current->kind) + ").");
  Organisation o = *current;
  o.name = ref.name;
  o.departement = ref.departement;
  o.parent_id = parent_id;
  if (o.name == current->name && o.departement == current->departement &&
      o.parent_id == current->parent_id) {
    ++sum.organisations_unchanged;
    return o.id;
  }
  if (auto s = validate_organisation(o, parent_kind); !s.ok()) return s.error();
  r.orgs.update(o);
  ++sum.organisations_updated;
  return o.id;
}

bool same_terms(const Contract& a, const Contract& b) {
  return a.disp_org_id == b.disp_org_id && a.title == b.title && a.programme == b.programme &&
         a.start_date == b.start_date && a.initial_months == b.initial_months &&
         a.renewals_allowed == b.renewals_allowed && a.renewal_months == b.renewal_months;
}

Result<Id> upsert_contract(Repos& r, Contract ref, ReferenceSummary& sum) {
  auto current = r.contracts.find_contract_by_reference(ref.reference);
  if (current) {
    ref.id = current->id;
    ref.renewals_used = current->renewals_used;  // execution data, not reference data
    ref.version = current->version;              // an update of the stored row (issue 12)
  }
  if (current && same_terms(*current, ref)) {
    ++sum.contracts_unchanged;
    return ref.id;
  }
  if (auto s = validate_contract(ref); !s.ok()) return s.error();
  if (current) {
    r.contracts.update_contract(ref);
    ++sum.contracts_updated;
    return ref.id;
  }
  ++sum.contracts_created;
  return r.contracts.insert_contract(ref);
}

Result<Id> id_of_code(Repos& r, const std::string& code, const std::string& what) {
  auto o = r.orgs.find_by_code(code);
  if (!o) return invalid("Le fichier de référence cite " + what + " « " + code + " » inconnu.");
  return o->id;
}

std::vector<Id> sorted(std::vector<Id> v) {
  std::sort(v.begin(), v.end());
  return v;
}

bool same_lot(const Lot& a, const Lot& b) {
  return a.label == b.label && sorted(a.spip_ids) == sorted(b.spip_ids) &&
         a.individual_hours == b.individual_hours && a.collective_hours == b.collective_hours &&
         a.provider_org_id == b.provider_org_id &&
         a.individual_price_cents == b.individual_price_cents &&
         a.collective_price_cents == b.collective_price_cents;
}

// The lot as the reference describes it, over what is stored (provider and prices kept when
// the reference leaves them out).
Result<Lot> lot_from(Repos& r, const RefLot& ref, Id contract_id,
                     const std::optional<Lot>& current) {
  Lot l = current.value_or(Lot{});
  l.contract_id = contract_id;
  l.number = ref.number;
  l.label = ref.label;
  l.individual_hours = ref.individual_hours;
  l.collective_hours = ref.collective_hours;
  l.spip_ids.clear();
  for (const auto& code : ref.spips) {
    auto id = id_of_code(r, code, "le SPIP");
    if (!id.ok()) return id.error();
    l.spip_ids.push_back(*id);
  }
  if (!ref.provider.empty()) {
    auto id = id_of_code(r, ref.provider, "le prestataire");
    if (!id.ok()) return id.error();
    l.provider_org_id = *id;
  }
  if (ref.individual_price_cents > 0) l.individual_price_cents = ref.individual_price_cents;
  if (ref.collective_price_cents > 0) l.collective_price_cents = ref.collective_price_cents;
  return l;
}

Status upsert_lot(Repos& r, const RefLot& ref, Id contract_id, ReferenceSummary& sum) {
  std::optional<Lot> current;
  for (const auto& l : r.contracts.lots_of(contract_id))
    if (l.number == ref.number) current = l;
  auto lot = lot_from(r, ref, contract_id, current);
  if (!lot.ok()) return lot.error();
  if (current && same_lot(*current, *lot)) {
    ++sum.lots_unchanged;
    return {};
  }
  if (auto s = check_lot_references(r, *lot); !s.ok()) return s;
  if (current) {
    r.contracts.update_lot(*lot);
    ++sum.lots_updated;
  } else {
    r.contracts.insert_lot(*lot);
    ++sum.lots_created;
  }
  return {};
}

Result<ReferenceSummary> apply(Repos& r, const RefData& d) {
  ReferenceSummary sum;
  auto disp = upsert_org(r, d.disp, OrgKind::disp, 0, std::nullopt, sum);
  if (!disp.ok()) return disp.error();
  sum.disp_id = *disp;
  for (const auto& spip : d.spips)
    if (auto id = upsert_org(r, spip, OrgKind::spip, *disp, OrgKind::disp, sum); !id.ok())
      return id.error();
  Contract c = d.contract;
  c.disp_org_id = *disp;
  auto contract = upsert_contract(r, c, sum);
  if (!contract.ok()) return contract.error();
  sum.contract_id = *contract;
  for (const auto& lot : d.lots)
    if (auto s = upsert_lot(r, lot, *contract, sum); !s.ok()) return s.error();
  return sum;
}

}  // namespace

Result<ReferenceSummary> apply_reference(Repos& r, const std::string& json_text) {
  auto data = read_reference(json_text);
  if (!data.ok()) return data.error();
  return apply(r, *data);
}

Result<ReferenceSummary> import_reference(Store& store, const std::string& json_text) {
  auto data = read_reference(json_text);  // parse before opening the transaction
  if (!data.ok()) return data.error();
  return transact<ReferenceSummary>(store, [&](Repos& r) { return apply(r, *data); });
}

std::string bundled_reference_path() {
  return std::string(PARCOURS_SOURCE_DIR) + "/data/reference/disp-dijon-ppaip.json";
}

}  // namespace parcours
