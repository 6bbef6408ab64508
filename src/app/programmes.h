// The programme configurations loaded at start-up (SPEC PROG-1), shared read-only by every
// use case. Loading the files is the caller's job (cli/programmes.h).
#pragma once

#include <string>
#include <vector>

#include "domain/programme.h"

namespace parcours {

class Programmes {
 public:
  Programmes() = default;
  explicit Programmes(std::vector<ProgrammeConfig> configs) : configs_(std::move(configs)) {}
  // nullptr when no configuration has this id.
  const ProgrammeConfig* find(const std::string& id) const {
    for (const auto& c : configs_)
      if (c.id == id) return &c;
    return nullptr;
  }
  const std::vector<ProgrammeConfig>& all() const { return configs_; }

 private:
  std::vector<ProgrammeConfig> configs_;
};

}  // namespace parcours
