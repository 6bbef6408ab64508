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
  // The first programme with a workshop catalogue (WS-1), or nullptr: the one whose workshops
  // a provider plans when none is named.
  const ProgrammeConfig* offering_workshops() const {
    for (const auto& c : configs_)
      if (!c.workshop_themes.empty()) return &c;
    return nullptr;
  }
  // The first programme with a minimum of permanences per site and month (PPAIP-17).
  const ProgrammeConfig* with_permanences() const {
    for (const auto& c : configs_)
      if (c.bounds.permanences_per_month) return &c;
    return nullptr;
  }
  // Its id, or "" when no programme has workshops.
  std::string offering_workshops_id() const {
    const ProgrammeConfig* c = offering_workshops();
    return c ? c->id : std::string();
  }

 private:
  std::vector<ProgrammeConfig> configs_;
};

}  // namespace parcours
