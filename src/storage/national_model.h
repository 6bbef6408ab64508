// Shared state of the national dataset generator (storage/national_generator.h); not a public
// interface. The world (organisations, contracts, staff) is built first and kept in memory
// with its ids; people and their cases are then generated one person at a time and written
// through the bulk tables of the Sink.
#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "domain/programme.h"
#include "domain/result.h"
#include "storage/backend.h"
#include "storage/national_generator.h"
#include "storage/national_random.h"
#include "storage/national_sql.h"
#include "storage/national_time.h"

namespace parcours::storage::national {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// Thrown inside the generator when the database is not in the expected state; becomes an Error
// with this code and French message at the generator's border.
struct GeneratorFailure {
  ErrorCode code;
  std::string message;
};

struct UserRef {
  RowId id = 0;
  std::string name;  // full name, as the timeline shows the actor
};

struct PlaceRef {
  RowId id = 0;
  std::string name;
};

// An establishment (milieu fermé) or a SPIP antenna of milieu ouvert.
struct SiteInfo {
  RowId id = 0;
  std::size_t spip = kNone;
  std::string name;
  std::string departement;
  bool establishment = true;
  double weight = 1;
  std::vector<PlaceRef> rooms;  // ORG-5: rooms made available
};

struct SpipInfo {
  RowId id = 0;
  std::string code, name, departement, town, postcode;
  bool alsace_moselle = false;
  std::size_t disp = kNone;
  std::size_t lot = kNone;
  std::vector<std::size_t> establishments;  // indices in World::sites
  WeightedTable establishment_table;
  std::size_t mo_antenna = kNone;
  std::vector<UserRef> cpips;
  double weight = 1;
  double expected_people = 0;
  std::vector<std::size_t> intervenants;  // indices in World::staff, this SPIP their home
  PlaceRef premises;                      // the lot provider's MO premises in the SPIP's town
  bool themes_agreed = false;             // WS-1 catalogue already agreed
};

struct StaffInfo {
  UserRef user;
  bool psychologist = false;
  std::size_t provider = kNone;
  std::size_t home_spip = kNone;
};

struct ProviderInfo {
  RowId id = 0;
  std::string name;
  std::vector<UserRef> coordinators;
  bool existing = false;  // a demo provider of the reference DISP
};

struct LotInfo {
  RowId id = 0;
  int number = 0;
  std::size_t disp = kNone;
  std::size_t provider = kNone;
  std::vector<std::size_t> spips;
  long long individual_price_cents = 0;
  long long collective_price_cents = 0;
  int base_individual_hours = 0;  // stored volumes before the generator's amendments
  int base_collective_hours = 0;
  bool existing = false;
  // INV-2: minutes held by today, individual sessions present and workshop sessions held.
  long long individual_minutes = 0;
  long long collective_minutes = 0;
};

struct DispInfo {
  RowId id = 0;
  std::string code, name;
  RowId contract_id = 0;
  Day contract_start = 0;
  Day window_start = 0;  // first day a prescription can be dated
  bool existing = false;
  std::vector<std::size_t> spips;
  std::vector<UserRef> managers;
};

struct World {
  std::vector<DispInfo> disps;
  std::vector<SpipInfo> spips;
  std::vector<SiteInfo> sites;
  std::vector<ProviderInfo> providers;
  std::vector<LotInfo> lots;
  std::vector<StaffInfo> staff;
  WeightedTable spip_table;
  std::string password_hash;  // the demo accounts' hash, shared by every generated account
  long long users_created = 0;
  long long organisations_created = 0;
};

// The bulk tables, parents before children, and the next free id of each table.
struct Sink {
  explicit Sink(soci::session& sql);
  void read_next_ids(soci::session& sql);

  BulkTable organisations, places, users, memberships, contracts, lots, lot_spips, amendments,
      authorisations, coordinators, substitutes, theme_agreements, persons, orientations,
      prescriptions, proposals, sessions, suspensions, deadlines, events, contents, workshops,
      workshop_sessions, participants, attendance, documents, bilans;
  BulkWriter writer;

  struct Next {
    RowId organisation = 1, place = 1, user = 1, membership = 1, contract = 1, lot = 1,
          amendment = 1, authorisation = 1, substitute = 1, person = 1, orientation = 1,
          prescription = 1, proposal = 1, session = 1, suspension = 1, deadline = 1, event = 1,
          workshop = 1, workshop_session = 1, participant = 1, attendance = 1, document = 1,
          bilan = 1;
  } next;
};

// The shared small PDFs every generated document points to (one content row each).
struct Contents {
  std::string scan_checksum;
  long long scan_size = 0;
  std::string bilan_checksum;
  long long bilan_size = 0;
  std::map<std::string, std::string> scan_filenames;  // by title: safe_file_name is not free
};

class WorkshopPlanner;

struct Context {
  Context(soci::session& s, Backend b, const ProgrammeConfig& c, const NationalOptions& o,
          NationalProgress& p);
  ~Context();

  soci::session& sql;
  Backend backend;
  const ProgrammeConfig& config;
  const NationalOptions& options;
  NationalProgress& progress;
  Day today;
  Seconds now;  // 07:00, Paris time, on `today`: everything earlier has happened
  ParisTime time;
  DueInstants dues;
  World world;
  Sink sink;
  Contents contents;
  std::unique_ptr<WorkshopPlanner> workshops;
  NationalCounts counts;
};

// national_world.cc: the reference DISP as the demo left it, then the eight other DISPs.
void load_reference_world(Context& c);
void build_national_world(Context& c);
// Shares the N people among the SPIPs (after the lots are known).
void weigh_spips(Context& c);
// national_lots.cc: the reference lots read back, the other DISPs' lots and their providers.
void build_lots(Context& c);
// national_staff.cc: intervenants, coordinators, CPIPs, managers and their rights (ORG-2, 4).
void build_staff(Context& c);
// national_people.cc: the people and their cases.
void generate_people(Context& c);
// national_documents.cc: the shared contents; the lots' volumes and amendments (INV-2).
void write_contents(Context& c);
void write_volumes(Context& c);
// A signed attendance sheet scanned back (ATT-2), of an individual or a workshop session.
void add_scan(Context& c, RowId person, RowId prescription, RowId workshop, RowId session,
              RowId workshop_session, const std::string& title, RowId author, Seconds at);
// The two copies of a delivered final bilan (PPAIP-16); returns the CPIP's and the person's.
std::pair<RowId, RowId> add_bilan_documents(Context& c, RowId person, RowId prescription,
                                            const std::string& last_name, RowId author, Seconds at);

// Helpers shared by the files above.
std::string fictional_phone(long long n);
std::string email_local(const std::string& full_name);  // "helene.garnier"
void add_user(Context& c, UserRef& user, const std::string& full_name, RowId org_id,
              const char* role, const std::string& qualification, const std::string& adeli = "");

}  // namespace parcours::storage::national
