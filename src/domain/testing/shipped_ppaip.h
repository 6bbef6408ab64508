// Test helper: the PPAIP configuration shipped in config/programmes, parsed once.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "domain/programme.h"

namespace parcours::testing {

// A programme file of the source tree ("config/programmes/ppaip.json"), parsed; a failure
// fails the test that asked for it.
inline ProgrammeConfig programme_file(const std::string& relative_path) {
  std::ifstream in(std::string(PARCOURS_SOURCE_DIR "/") + relative_path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto c = parse_programme_config(ss.str(), relative_path);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? *c : ProgrammeConfig{};
}

inline const ProgrammeConfig& shipped_ppaip() {
  static const ProgrammeConfig config = programme_file("config/programmes/ppaip.json");
  return config;
}

}  // namespace parcours::testing
