#include "app/versions.h"

#include <map>
#include <nlohmann/json.hpp>

namespace parcours {
namespace {

using json = nlohmann::json;

struct Change {
  std::string who;
  Instant at{};
};

// The version an update entry produced, 0 when it names none (entries before issue 12).
int entry_version(const json& detail) {
  if (!detail.is_object() || !detail.contains("version") || !detail["version"].is_number_integer())
    return 0;
  return detail["version"].get<int>();
}

// Field name → the latest save after `seen` that changed it.
std::map<std::string, Change> changes_since(Repos& r, const std::string& subject_type, Id id,
                                            int seen) {
  std::map<std::string, Change> out;
  // Most recent first: the first entry naming a field is its latest change.
  for (const AuditEntry& e : r.audit.for_subject(subject_type, id, 200)) {
    json detail = json::parse(e.detail, nullptr, false);
    if (entry_version(detail) <= seen || !detail.contains("edited")) continue;
    for (const auto& name : detail["edited"])
      if (name.is_string() && !out.count(name.get<std::string>()))
        out[name.get<std::string>()] = Change{e.actor_label, e.at};
  }
  return out;
}

}  // namespace

std::vector<std::string> changed_field_names(const std::vector<ShownField>& before,
                                             const std::vector<ShownField>& after) {
  std::vector<std::string> out;
  for (const ShownField& b : before)
    for (const ShownField& a : after)
      if (a.name == b.name && a.value != b.value) out.push_back(b.name);
  return out;
}

std::string versioned_detail(const std::vector<std::string>& changed, int new_version,
                             const std::string& extra) {
  json out = extra.empty() ? json::object() : json::parse(extra, nullptr, false);
  if (!out.is_object()) out = json::object();
  out["edited"] = changed;
  out["version"] = new_version;
  return out.dump();
}

Error stale_save(Repos& r, const std::string& subject_type, Id id, int seen, int stored_version,
                 const std::vector<ShownField>& stored) {
  const auto changes = changes_since(r, subject_type, id, seen);
  std::vector<FieldError> details;
  for (const ShownField& f : stored) {
    auto c = changes.find(f.name);
    if (c == changes.end()) continue;
    const std::string value = f.value.empty() ? "(vide)" : f.value;
    const std::string verb = f.value.empty() ? "effacé" : "enregistré";
    details.push_back({f.name, f.label + "\u00a0: " + value + " (" + verb + " entre-temps par " +
                                   c->second.who + " le " + french_instant(c->second.at) + ")"});
  }
  std::string message =
      "Cette fiche a été modifiée entre-temps par quelqu’un d’autre ; rien n’a été enregistré. ";
  message += details.empty() ? "Vos saisies sont conservées : vérifiez-les puis enregistrez à "
                               "nouveau."
                             : "Vos saisies sont conservées ; voici ce qui a changé entre-temps. "
                               "Vérifiez puis enregistrez à nouveau.";
  details.push_back({kVersionField, std::to_string(stored_version)});
  return Error{ErrorCode::conflict, message, details};
}

}  // namespace parcours
