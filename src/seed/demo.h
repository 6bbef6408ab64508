// Demonstration dataset: the reference contract (app/reference.h) plus fictional
// establishments, antennas, providers awarded to the 6 lots, their staff and places, SPIP,
// DISP, PLIE and SIAE accounts (SPEC ORG-1..5), so that every role can be tried at once.
//
// Everything invented is marked as such: names say "de démonstration" or "(démo)", codes
// contain "DEMO", e-mails end with @demo.parcours.fr, phones are in the 01 99 00 range
// reserved for fiction. One easy account per role comes first in DemoSummary::logins:
// admin@, disp@, cpip@, spip@, coordination@, cip@, psychologue@, plie@ and siae@
// demo.parcours.fr. Every demo account has the password kDemoPassword (demo data only).
#pragma once

#include <string>
#include <vector>

#include "app/ports.h"
#include "app/programmes.h"
#include "app/reference.h"

namespace parcours {

inline constexpr const char* kDemoPassword = "Parcours-demo-2025";

struct DemoLogin {
  std::string role_label;  // "CPIP", "Psychologue du travail"…
  std::string email;
  std::string full_name;
  std::string organisation;  // organisation name
};

struct DemoSummary {
  std::string password;           // kDemoPassword
  std::vector<DemoLogin> logins;  // the `featured` one-per-role accounts first, then the others
  int featured = 0;
  ReferenceSummary reference;  // what importing the reference did
  int organisations = 0;       // created by the demo itself (reference excluded)
  int users = 0;
  int places = 0;
  int authorisations = 0;
};

// Imports the reference then the demo dataset, all in one transaction.
// Errors: `conflict` "Les données de démonstration sont déjà chargées." when
// admin@demo.parcours.fr exists (nothing is changed); the reference's errors.
Result<DemoSummary> load_demo(Store& store, const std::string& reference_json);

// Fictional people and PPAIP cases of the SPIP du Cher followed by the demo provider of
// lot 1, at every stage of the journey relative to `clock`'s today (awaiting the first
// interview, late, proposal to validate, in progress with an attendance to record, suspended,
// ended with the bilan due, an orientation request to decide), played through the journey
// use cases themselves so that deadlines, timeline, notifications and audit are real.
// Returns the number of people created; 0 when they already exist.
Result<int> load_demo_journeys(Store& store, const Clock& clock, const Programmes& programmes);

// The one-per-role demo accounts present in the database, in the documented order (empty
// when the demo is not loaded): what `make run` prints every time.
Result<std::vector<DemoLogin>> featured_demo_logins(Store& store);

}  // namespace parcours
