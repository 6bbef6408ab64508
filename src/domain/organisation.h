// Organisations of the insertion landscape (SPEC ORG-1, ORG-5).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/types.h"

namespace parcours {

enum class OrgKind {
  disp,           // direction interrégionale des services pénitentiaires (contracting authority)
  spip,           // service pénitentiaire d'insertion et de probation, one per département
  antenna,        // SPIP antenna, milieu fermé or milieu ouvert
  establishment,  // établissement pénitentiaire (prison)
  provider,       // titulaire of one or more lots
  plie,           // plan local pour l'insertion et l'emploi
  siae,           // structure d'insertion par l'activité économique
  partner,        // France Travail, Mission locale, training body, association…
};

enum class Milieu { none, closed, open };  // MF (milieu fermé) / MO (milieu ouvert)

struct Organisation {
  Id id = 0;
  OrgKind kind = OrgKind::partner;
  std::string name;         // "SPIP du Cher"
  std::string code;         // short unique code: "SPIP18", "DISP21"
  Id parent_id = 0;         // antenna/establishment → SPIP; SPIP → DISP; 0 = none
  std::string departement;  // "18", "2A", "25/39"
  Milieu milieu = Milieu::none;
  std::string address;
  std::string phone;
  std::string email;
  bool active = true;
  int version = 1;  // optimistic concurrency, see Person::version
};

// ORG-5: a room or premises with its availability.
struct Place {
  Id id = 0;
  Id org_id = 0;
  std::string name;  // "Salle 2 — bâtiment socio-éducatif"
  std::string address;
  std::string phone;
  int capacity = 6;
  std::string availability;  // "mardi et jeudi 9 h – 12 h"
  bool public_transport = false;
  int version = 1;  // optimistic concurrency, see Person::version
};

const char* org_kind_name(OrgKind k);   // "spip" (API, storage)
const char* org_kind_label(OrgKind k);  // "SPIP", "Établissement pénitentiaire" (screen)
std::optional<OrgKind> parse_org_kind(const std::string& name);
const std::vector<OrgKind>& all_org_kinds();
const char* milieu_name(Milieu m);   // "", "mf", "mo"
const char* milieu_label(Milieu m);  // "", "Milieu fermé", "Milieu ouvert"
std::optional<Milieu> parse_milieu(const std::string& name);

// Field-level validation; the parent's kind is given when parent_id is set.
Status validate_organisation(const Organisation& o, std::optional<OrgKind> parent_kind);
Status validate_place(const Place& p);

}  // namespace parcours
