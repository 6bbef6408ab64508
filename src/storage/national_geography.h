// The prison administration's map for the national dataset (storage/national_generator.h):
// the eight interregional directions besides the reference DISP de Dijon, their SPIPs (one per
// département, named as the administration names them) and their establishments.
#pragma once

#include <string>
#include <vector>

namespace parcours::storage::national {

struct SpipSeed {
  const char* code;         // "SPIP33"
  const char* name;         // "SPIP de la Gironde"
  const char* departement;  // "33"
  const char* town;         // seat of the service and of its antennas
  const char* postcode;
  std::vector<const char*> establishments;  // full names: "Maison d’arrêt de Pau"
};

struct DispSeed {
  const char* code;  // "DISP33"
  const char* name;  // "DISP de Bordeaux"
  const char* town;
  const char* postcode;
  const char* departement;
  std::vector<SpipSeed> spips;
};

const std::vector<DispSeed>& national_disps();

// Relative size of an establishment, from its kind (centre pénitentiaire 3, maison d’arrêt
// and centre de détention 2, others 1): how many of the people followed it receives.
double establishment_weight(const std::string& name);

}  // namespace parcours::storage::national
