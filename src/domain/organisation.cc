#include "domain/organisation.h"

#include <algorithm>
#include <cctype>

#include "domain/validation.h"

namespace parcours {
namespace {

struct KindInfo {
  OrgKind kind;
  const char* name;
  const char* label;
};

constexpr KindInfo kKinds[] = {
    {OrgKind::disp, "disp", "DISP"},
    {OrgKind::spip, "spip", "SPIP"},
    {OrgKind::antenna, "antenna", "Antenne de SPIP"},
    {OrgKind::establishment, "establishment", "Établissement pénitentiaire"},
    {OrgKind::provider, "provider", "Prestataire"},
    {OrgKind::plie, "plie", "PLIE"},
    {OrgKind::siae, "siae", "SIAE"},
    {OrgKind::partner, "partner", "Partenaire"},
};

// Which kind of organisation each kind may hang under (0 = no parent allowed).
std::optional<OrgKind> required_parent(OrgKind k) {
  switch (k) {
    case OrgKind::antenna:
      return OrgKind::spip;
    case OrgKind::establishment:
      return OrgKind::spip;
    default:
      return std::nullopt;
  }
}

}  // namespace

const char* org_kind_name(OrgKind k) {
  for (const auto& i : kKinds)
    if (i.kind == k) return i.name;
  return "partner";
}

const char* org_kind_label(OrgKind k) {
  for (const auto& i : kKinds)
    if (i.kind == k) return i.label;
  return "Partenaire";
}

std::optional<OrgKind> parse_org_kind(const std::string& name) {
  for (const auto& i : kKinds)
    if (name == i.name) return i.kind;
  return std::nullopt;
}

const std::vector<OrgKind>& all_org_kinds() {
  static const std::vector<OrgKind> kinds = [] {
    std::vector<OrgKind> v;
    for (const auto& i : kKinds) v.push_back(i.kind);
    return v;
  }();
  return kinds;
}

const char* milieu_name(Milieu m) {
  switch (m) {
    case Milieu::closed:
      return "mf";
    case Milieu::open:
      return "mo";
    default:
      return "";
  }
}

const char* milieu_label(Milieu m) {
  switch (m) {
    case Milieu::closed:
      return "Milieu fermé";
    case Milieu::open:
      return "Milieu ouvert";
    default:
      return "";
  }
}

std::optional<Milieu> parse_milieu(const std::string& name) {
  if (name.empty()) return Milieu::none;
  if (name == "mf" || name == "MF") return Milieu::closed;
  if (name == "mo" || name == "MO") return Milieu::open;
  return std::nullopt;
}

Status validate_organisation(const Organisation& o, std::optional<OrgKind> parent_kind) {
  Validator v;
  v.require_text("name", o.name, "Le nom", 200);
  v.require_text("code", o.code, "Le code", 40);
  if (!o.code.empty() && !is_code(o.code))
    v.add("code",
          "Le code ne peut contenir que des lettres sans accent, des chiffres, « - » et « _ ».");
  if (!o.departement.empty() && !is_departement(o.departement))
    v.add("departement", "Le département doit être un numéro comme « 18 », « 2A » ou « 25/39 ».");
  if (!o.email.empty() && !is_email(o.email)) v.add("email", "L’adresse e-mail n’est pas valide.");
  if (o.kind == OrgKind::antenna && o.milieu == Milieu::none)
    v.add("milieu", "Une antenne est soit de milieu fermé, soit de milieu ouvert.");
  auto expected = required_parent(o.kind);
  if (expected && (!parent_kind || *parent_kind != *expected))
    v.add("parent_id", std::string("Une organisation de type « ") + org_kind_label(o.kind) +
                           " » doit être rattachée à un SPIP.");
  if (o.kind == OrgKind::spip && parent_kind && *parent_kind != OrgKind::disp)
    v.add("parent_id", "Un SPIP ne peut être rattaché qu’à une DISP.");
  if (!expected && o.kind != OrgKind::spip && parent_kind)
    v.add("parent_id", std::string("Une organisation de type « ") + org_kind_label(o.kind) +
                           " » n’est rattachée à aucune autre organisation.");
  return v.status("L’organisation n’est pas valide.");
}

Status validate_place(const Place& p) {
  Validator v;
  v.require_text("name", p.name, "Le nom du lieu", 200);
  if (p.capacity < 1 || p.capacity > 500)
    v.add("capacity", "La capacité doit être comprise entre 1 et 500 personnes.");
  return v.status("Le lieu n’est pas valide.");
}

}  // namespace parcours
