// Progress of the national dataset generator on stderr, in French: one line rewritten in place
// when stderr is a terminal, one line per step otherwise (logs, CI), with the elapsed time:
//   Personnes : 120 000 / 250 000 (48 %) — séances : 1 440 000 — 1 min 12 s
#pragma once

#include <chrono>
#include <string>

#include "storage/national_generator.h"

namespace parcours::storage {

class StderrProgress final : public NationalProgress {
 public:
  StderrProgress();
  void begin(const std::string& label, long long total) override;
  void advance(long long done, const std::string& detail) override;
  void end() override;

 private:
  std::string line() const;
  void print(bool final);

  bool tty_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_print_;
  std::string label_;
  std::string detail_;
  long long total_ = 0;
  long long done_ = 0;
};

// "1 234 567" (narrow no-break space between thousands, French typography).
std::string french_count(long long n);
// "12 s", "1 min 12 s", "1 h 02 min"
std::string french_elapsed(double seconds);

}  // namespace parcours::storage
