// Reference data shipped with Parcours: the DISP de Dijon PPAIP contract of seed 001
// (SPEC ORG-3: "6 lots, 12 SPIPs, volumes per lot ships as reference data"), kept in
// data/reference/disp-dijon-ppaip.json.
//
// JSON shape: { "disp": {code, name, departement?},
//               "spips": [{code, name, departement}],
//               "contract": {reference, title, programme, start_date "YYYY-MM-DD",
//                            initial_months, renewals_allowed, renewal_months,
//                            "lots": [{number, label, spips: [SPIP codes],
//                                      individual_hours, collective_hours,
//                                      provider: organisation code or null,
//                                      individual_price_cents, collective_price_cents}]}}
// Keys starting with '_' are comments and ignored.
//
// Applying it is idempotent: organisations are matched by code, the contract by reference,
// lots by number within the contract. Missing ones are created; existing ones get the
// reference's name, département, parent, contract terms, lot label, SPIPs and base volumes
// (amendments stay as they are, ORG-3). Details the reference does not hold are never
// erased: addresses and phones, renewals used, and a lot's provider and prices when the
// reference gives null / 0 (lots are awarded later, by the administration or the demo).
// Nothing is deleted. A second run changes nothing (every count but *_unchanged is 0).
#pragma once

#include <string>

#include "app/ports.h"

namespace parcours {

struct ReferenceSummary {
  int organisations_created = 0;
  int organisations_updated = 0;
  int organisations_unchanged = 0;
  int contracts_created = 0;
  int contracts_updated = 0;
  int contracts_unchanged = 0;
  int lots_created = 0;
  int lots_updated = 0;
  int lots_unchanged = 0;
  Id disp_id = 0;
  Id contract_id = 0;

  bool changed() const {
    return organisations_created + organisations_updated + contracts_created + contracts_updated +
               lots_created + lots_updated >
           0;
  }
};

// Parses and applies the reference in one transaction. Errors: `invalid` with a French
// message (not JSON, missing or mistyped field — details name the JSON path —, unknown SPIP
// or provider code), `conflict` when a code is used by an organisation of another kind.
Result<ReferenceSummary> import_reference(Store& store, const std::string& json_text);

// Same, inside a transaction the caller already opened (load_demo).
Result<ReferenceSummary> apply_reference(Repos& r, const std::string& json_text);

// The bundled file in the source tree: <source dir>/data/reference/disp-dijon-ppaip.json.
std::string bundled_reference_path();

}  // namespace parcours
