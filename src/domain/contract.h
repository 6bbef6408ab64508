// The contract (marché), its lots, volumes and provider staff (SPEC ORG-3, ORG-4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/types.h"

namespace parcours {

struct Contract {
  Id id = 0;
  Id disp_org_id = 0;     // contracting authority
  std::string reference;  // "DISP21-PPAIP-2025"
  std::string title;
  std::string programme;  // programme configuration it buys: "ppaip"
  Date start_date{};
  int initial_months = 24;   // ORG-3: initial duration
  int renewals_allowed = 2;  // ORG-3: 2 tacit renewals…
  int renewal_months = 12;   // …of 12 months each
  int renewals_used = 0;
  int version = 1;  // optimistic concurrency, see Person::version (domain/person.h)
};

struct Lot {
  Id id = 0;
  Id contract_id = 0;
  int number = 0;
  std::string label;         // "SPIP du Cher et SPIP de l’Indre"
  Id provider_org_id = 0;    // 0 while not awarded
  std::vector<Id> spip_ids;  // SPIPs covered
  int individual_hours = 0;  // forecast volume over the contract duration
  int collective_hours = 0;
  long long individual_price_cents = 0;  // BPU, per session hour
  long long collective_price_cents = 0;
  int version = 1;  // optimistic concurrency, see Person::version (domain/person.h)
};

// ORG-3: volumes amended up or down during execution, kept with their date.
struct VolumeAmendment {
  Id id = 0;
  Id lot_id = 0;
  Date effective_on{};
  int individual_hours_delta = 0;
  int collective_hours_delta = 0;
  std::string reason;
};

struct Volumes {
  int individual_hours = 0;
  int collective_hours = 0;
};

// ORG-4: an intervenant may enter an establishment only with an authorisation.
struct AccessAuthorisation {
  Id id = 0;
  Id user_id = 0;
  Id establishment_id = 0;
  Date requested_on{};
  std::optional<Date> granted_on;
  std::optional<Date> ends_on;
};

// ORG-4: one coordinator per establishment and provider.
struct EstablishmentCoordinator {
  Id provider_org_id = 0;
  Id establishment_id = 0;
  Id user_id = 0;
};

// ORG-4: substitutes designated by the provider at the start of the contract.
struct Substitute {
  Id id = 0;
  Id provider_org_id = 0;
  Id user_id = 0;
  std::string note;
};

// Contract end at today's renewals: start + initial + used renewals.
Date contract_end(const Contract& c);
Status validate_contract(const Contract& c);
Status validate_lot(const Lot& l);
Status validate_amendment(const VolumeAmendment& a, const Lot& lot, const Volumes& current);
// ORG-3: the lot's volumes in force on `as_of` (base + amendments effective by then).
Volumes volumes_on(const Lot& lot, const std::vector<VolumeAmendment>& amendments, Date as_of);
Status validate_authorisation(const AccessAuthorisation& a);
// ORG-4: access is asked at least one month before the start; true when it was.
bool requested_in_time(const AccessAuthorisation& a, Date activity_start);
// "1 234,50 €"
std::string format_euros(long long cents);
// Parses "45", "45,5", "45.50" euros into cents.
Result<long long> parse_euros(const std::string& text);

}  // namespace parcours
