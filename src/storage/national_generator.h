// `parcours demo --people N`: a national-scale, realistic and coherent dataset written in
// bulk, fast enough to set up benchmarks (issue 5).
//
// On top of the demo (seed/demo.h: the reference DISP de Dijon, its demo providers, accounts and
// people), the generator adds the eight other DISPs with their SPIPs, antennas and
// establishments, one PPAIP contract each (lots, providers, unit prices, volumes and
// amendments), provider staff with access authorisations, CPIPs and managers, then N people
// and their PPAIP cases at every stage relative to `today`: orientations, prescriptions,
// proposals (refused and resubmitted versions), individual sessions with absences and
// reconvocations, suspensions, interruptions, workshops with their attendance, deadlines met
// on time, late or missed, the case timeline, signed attendance scans and final bilans.
//
// Rows are what the application itself writes (same state ids, labels, deadline arithmetic
// from the programme configuration, the demo password hash for every account), so every page
// shows them. The demo accounts get national workloads inside the DISP de Dijon: the people of
// the SPIP du Cher are shared among its CPIPs (cpip@…), the lot 1 provider's cases among its
// intervenants (cip@…, coordination@… sees them all).
//
// Deterministic: the same N, seed and today give the same dataset (ids aside, which follow
// what the database already holds). Rows are written with explicit ids in multi-row INSERTs
// inside one transaction (nothing is left half-written on failure); PostgreSQL sequences are
// advanced afterwards and both backends are ANALYZEd.
#pragma once

#include <cstdint>
#include <string>

#include "domain/programme.h"
#include "domain/result.h"
#include "domain/types.h"

namespace parcours::storage {

inline constexpr std::uint64_t kDefaultNationalSeed = 20250101;

struct NationalOptions {
  long long people = 0;  // N >= 0
  std::uint64_t seed = kDefaultNationalSeed;
  Date today{};  // Europe/Paris day the dataset is "as of"
};

// Rows written, per table, and the time it took.
struct NationalCounts {
  long long organisations = 0, places = 0, users = 0, authorisations = 0, lots = 0, amendments = 0,
            persons = 0, orientations = 0, prescriptions = 0, proposals = 0, sessions = 0,
            suspensions = 0, deadlines = 0, events = 0, workshops = 0, workshop_sessions = 0,
            participants = 0, attendance = 0, documents = 0, bilans = 0;
  double seconds = 0;
};

// Where the generator reports its steps (French labels) and progress.
class NationalProgress {
 public:
  virtual ~NationalProgress() = default;
  // A step starts ("Organisations et comptes", "Personnes"…); total 0 when not counted.
  virtual void begin(const std::string& label, long long total) = 0;
  // Progress within the step; `detail` adds a short text ("séances : 1 440 000").
  virtual void advance(long long done, const std::string& detail) = 0;
  virtual void end() = 0;
};

// Generates the dataset into the migrated database at `database_url` (SociStore URL syntax)
// where the demo is loaded. Errors: invalid (options), conflict "Le jeu de données national
// est déjà présent…" when it was generated before, not_found when the demo is missing,
// unavailable when the database fails (nothing is written then).
Result<NationalCounts> generate_national_dataset(const std::string& database_url,
                                                 const ProgrammeConfig& config,
                                                 const NationalOptions& options,
                                                 NationalProgress& progress);

}  // namespace parcours::storage
