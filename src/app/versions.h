// Optimistic concurrency of the records edited through a full form (issue 12, item 21).
//
// Every such record carries a version (1 at creation, +1 on each update). A save names the
// version its form was loaded at; the use case refuses it (conflict) when the record moved on
// meanwhile, telling field by field what changed, who saved it and when, from the audit trail.
// The storage UPDATE checks the version again (… WHERE id = :id AND version = :version), so
// the rule holds across several servers sharing one PostgreSQL even when two saves race past
// the use case's own check.
#pragma once

#include <string>
#include <vector>

#include "app/ports.h"
#include "domain/result.h"

namespace parcours {

// One field of an edited record as a person sees it: form name, French label, shown value.
struct ShownField {
  std::string name;
  std::string label;
  std::string value;
};

// The names of the fields whose value differs between `before` and `after` (same order).
std::vector<std::string> changed_field_names(const std::vector<ShownField>& before,
                                             const std::vector<ShownField>& after);

// The audit detail of an update: {"edited": [form field names], "version": new version},
// merged into `extra` (a JSON object text, or "").
std::string versioned_detail(const std::vector<std::string>& changed, int new_version,
                             const std::string& extra = "");

// The refusal of a save based on version `seen` of a record now at `stored_version`
// (conflict). One detail per field changed by the saves after `seen` (audit entries of
// subject_type/id whose detail carries a later version): « Téléphone : 06 12 34 56 78
// (enregistré entre-temps par Claire Martin le lundi 3 mars 2025 à 14 h 30) ». The detail
// named "version" carries the stored version, for the form to be submitted again.
Error stale_save(Repos& r, const std::string& subject_type, Id id, int seen, int stored_version,
                 const std::vector<ShownField>& stored);

// The detail that carries the current version of a refused save (field name "version").
inline constexpr const char* kVersionField = "version";

}  // namespace parcours
