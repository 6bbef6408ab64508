// What the audit trail (SPEC SEC-2) says about an administration change: the names of the
// fields an update changed, never their values (no personal data in the journal's detail).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/contract.h"
#include "domain/organisation.h"
#include "domain/user.h"

namespace parcours {

// JSON arrays of field names, in declaration order: ["name", "phone"].
nlohmann::json changed_fields(const Organisation& before, const Organisation& after);
nlohmann::json changed_fields(const Place& before, const Place& after);
nlohmann::json changed_fields(const User& before, const User& after);
nlohmann::json changed_fields(const Contract& before, const Contract& after);
nlohmann::json changed_fields(const Lot& before, const Lot& after);
nlohmann::json changed_fields(const AccessAuthorisation& before, const AccessAuthorisation& after);

}  // namespace parcours
