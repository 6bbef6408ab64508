// Shared by the programme configuration reader, its checks and the engine; not part of
// the domain's public vocabulary (include domain/programme.h instead).
#pragma once

#include <string>
#include <vector>

#include "domain/programme.h"
#include "domain/result.h"

namespace parcours {

// The problems found in one configuration file (SPEC PROG-1: each names the file, the
// field and the problem).
class ConfigProblems {
 public:
  explicit ConfigProblems(std::string file_name) : file_(std::move(file_name)) {}
  // « fichier : chemin : problème. » (the path is left out when empty).
  void add(const std::string& path, const std::string& what);
  bool empty() const { return details_.empty(); }
  // `invalid`, listing every problem in its message and one FieldError per problem.
  Error error() const;

 private:
  std::string file_;
  std::vector<FieldError> details_;
};

// Cross-references of a configuration whose fields were read: unique ids, states and
// events that exist, terminal states without exits, reachable states…
void check_programme_references(const ProgrammeConfig& config, ConfigProblems& problems);

// "3", "2,5": hours as French people write them.
std::string format_hours(double hours);

}  // namespace parcours
