// Helpers for journey tests on a real demo database (TestServer): Paris instants, actors by
// e-mail, a person of the demo SPIP du Cher ready to be prescribed.
#pragma once

#include <string>

#include <date/tz.h>

#include "app/journey.h"
#include "http_support.h"

namespace parcours::testing {

// Europe/Paris wall clock → instant: paris(2025, 7, 10, 10, 0).
inline Instant paris(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  const date::local_seconds local{
      date::local_days{Date{date::year{y}, date::month{m}, date::day{d}}} + std::chrono::hours{h} +
      std::chrono::minutes{min}};
  return date::locate_zone("Europe/Paris")->to_sys(local, date::choose::earliest);
}

inline Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

// The actor of a demo account (memberships loaded), as the HTTP layer would build it.
Actor actor_of(TestServer& server, const std::string& email);

// A person followed by the SPIP du Cher (SPIP18) at the Bourges maison d’arrêt, referent
// Sandrine Leroy (cpip@), created through the service as that CPIP.
Id create_demo_person(TestServer& server, const std::string& last_name = "Benali",
                      const std::string& first_name = "Amina", Milieu milieu = Milieu::closed);

// An eligible PPAIP prescription of that person by cpip@ (checks that it succeeded).
PrescriptionInput eligible_prescription(Id person_id, const std::string& modality = "individual");

// A session on a Paris date and time, held by `intervenant`.
Session session_at(Date d, int hour, int minute, int duration_minutes, Id intervenant);

}  // namespace parcours::testing
