// The real clock, for the composition roots (cli); tests inject their own Clock.
#pragma once

#include "domain/types.h"

namespace parcours {

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace parcours
