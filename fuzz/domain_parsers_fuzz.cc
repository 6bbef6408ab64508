// libFuzzer target for the parsers of outside input in domain/ (DESIGN §4.10): CSV files of
// the imports, programme configurations, ISO dates and euro amounts typed in forms. Any crash, sanitizer report or
// broken invariant is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/contract.h"
#include "domain/csv.h"
#include "domain/programme.h"
#include "domain/types.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = parcours::parse_csv(text);
  if (table.ok()) {
    // Every line number cited for a row exists in the input.
    for (const auto& row : table->rows)
      if (row.line < 1 || static_cast<std::size_t>(row.line) > size + 1) __builtin_trap();
  }
  // PROG-1: a broken programme configuration is an error value, never a crash.
  (void)parcours::parse_programme_config(std::string(text), "fuzz.json");
  const std::string s(text.substr(0, 64));
  if (auto d = parcours::parse_iso_date(s); d.ok() && parcours::iso(*d) != s) __builtin_trap();
  if (auto e = parcours::parse_euros(s); e.ok() && *e < 0) __builtin_trap();
  return 0;
}
