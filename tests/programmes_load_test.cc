// PROG-1: the configurations shipped in config/programmes load at start-up; a broken one stops
// it with a French message naming the file, the field and the problem.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/commands.h"
#include "cli/programmes.h"

namespace parcours {
namespace {

namespace fs = std::filesystem;

TEST(ProgrammesLoad, PROG_1_ShippedConfigurationsLoad) {
  auto programmes = cli::load_programmes(PARCOURS_SOURCE_DIR "/config/programmes");
  ASSERT_TRUE(programmes.ok()) << programmes.error().message;
  ASSERT_FALSE(programmes->empty());
  EXPECT_EQ(programmes->front().id, "ppaip");
}

TEST(ProgrammesLoad, PROG_1_BrokenConfigurationStopsStartUpNamingFileAndField) {
  const fs::path dir = fs::temp_directory_path() / ("parcours-prog-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string text = cli::read_file(PARCOURS_SOURCE_DIR "/config/programmes/ppaip.json");
  // Point the initial state at a state that does not exist.
  auto pos = text.find("\"initial_state\"");
  ASSERT_NE(pos, std::string::npos);
  auto colon = text.find(':', pos);
  auto end = text.find(',', colon);
  text.replace(colon + 1, end - colon - 1, " \"inexistant\"");
  const fs::path file = dir / "ppaip.json";
  std::ofstream(file) << text;
  auto programmes = cli::load_programmes(dir.string());
  ASSERT_FALSE(programmes.ok());
  const std::string& m = programmes.error().message;
  EXPECT_NE(m.find(file.string()), std::string::npos) << m;
  EXPECT_NE(m.find("initial_state"), std::string::npos) << m;
  EXPECT_NE(m.find("inexistant"), std::string::npos) << m;
  fs::remove_all(dir);

  auto empty = cli::load_programmes((dir / "absent").string());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("introuvable"), std::string::npos);
}

}  // namespace
}  // namespace parcours
