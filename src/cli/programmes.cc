#include "cli/programmes.h"

#include <algorithm>
#include <filesystem>

#include "cli/commands.h"

namespace parcours::cli {

Result<std::vector<ProgrammeConfig>> load_programmes(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return invalid("Dossier des programmes introuvable : « " + dir + " ».");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) return invalid("Aucune configuration de programme dans « " + dir + " ».");
  std::vector<ProgrammeConfig> out;
  for (const auto& f : files) {
    std::string text;
    try {
      text = read_file(f.string());
    } catch (const std::exception& e) {
      return invalid(std::string("Configuration de programme illisible : ") + e.what());
    }
    auto config = parse_programme_config(text, f.string());
    if (!config.ok()) return config.error();
    out.push_back(std::move(*config));
  }
  return out;
}

}  // namespace parcours::cli
