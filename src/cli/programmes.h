// Loads the programme configurations of a directory at start-up (SPEC PROG-1).
#pragma once

#include <string>
#include <vector>

#include "domain/programme.h"

namespace parcours::cli {

// Every *.json file of dir, parsed and validated, sorted by file name. The first file that
// cannot be read or does not validate stops the load: the error names the file, the field and
// the problem in French. A directory without any configuration is an error too.
Result<std::vector<ProgrammeConfig>> load_programmes(const std::string& dir);

}  // namespace parcours::cli
