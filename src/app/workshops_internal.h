// Shared machinery of the workshop use cases (app/workshops.cc, app/workshop_attendance.cc)
// and of the documents about workshops. Not a public interface.
#pragma once

#include <string>
#include <vector>

#include "app/workshops.h"

namespace parcours::workshop_detail {

// A workshop with its sessions and participants, and the actor's side (SEC-1).
struct WorkshopContext {
  Workshop w;
  const ProgrammeConfig* config = nullptr;
  std::vector<WorkshopSession> sessions;  // by number
  std::vector<WorkshopParticipant> participants;
  bool provider_side = false;
  bool spip_side = false;
};

// Visible to the provider side of its provider and the SPIP side of its SPIP; `forbidden`
// otherwise.
Result<WorkshopContext> workshop_context(Repos& r, const Actor& a, const Programmes& programmes,
                                         Id workshop_id);
// The same, for a change: provider side only, workshop not cancelled.
Result<WorkshopContext> provider_workshop(Repos& r, const Actor& a, const Programmes& programmes,
                                          Id workshop_id);

// "Techniques de recherche d’emploi — Préparer un entretien"
std::string theme_label(const ProgrammeConfig& config, const Workshop& w);
// "l’atelier « … »"
std::string workshop_words(const ProgrammeConfig& config, const Workshop& w);
std::vector<Id> workshop_provider_recipients(const Workshop& w);
// The referent CPIPs of the registered participants.
std::vector<Id> workshop_spip_recipients(Repos& r, const WorkshopContext& c);

}  // namespace parcours::workshop_detail
