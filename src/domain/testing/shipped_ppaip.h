// Test helper: the PPAIP configuration shipped in config/programmes, parsed once.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/programme.h"

namespace parcours::testing {

inline const ProgrammeConfig& shipped_ppaip() {
  static const ProgrammeConfig config = [] {
    std::ifstream in(PARCOURS_SOURCE_DIR "/config/programmes/ppaip.json");
    std::stringstream ss;
    ss << in.rdbuf();
    auto c = parse_programme_config(ss.str(), "config/programmes/ppaip.json");
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : ProgrammeConfig{};
  }();
  return config;
}

}  // namespace parcours::testing
