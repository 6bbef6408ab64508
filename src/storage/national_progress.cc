#include "storage/national_progress.h"

#include <unistd.h>

#include <cstdio>

namespace parcours::storage {
namespace {

constexpr const char* kNarrowSpace = "\u202f";  // between thousands, before "%"

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

std::string french_count(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += kNarrowSpace;
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string french_elapsed(double seconds) {
  const long long s = static_cast<long long>(seconds + 0.5);
  char buf[48];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%lld s", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%lld min %02lld s", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld h %02lld min", s / 3600, (s % 3600) / 60);
  }
  return buf;
}

StderrProgress::StderrProgress()
    : tty_(isatty(STDERR_FILENO) == 1),
      started_(std::chrono::steady_clock::now()),
      last_print_(started_) {}

void StderrProgress::begin(const std::string& label, long long total) {
  label_ = label;
  total_ = total;
  done_ = 0;
  detail_.clear();
  if (tty_) print(false);
}

void StderrProgress::advance(long long done, const std::string& detail) {
  done_ = done;
  detail_ = detail;
  // A terminal is refreshed ten times a second at most; a log gets the step's last line only.
  if (tty_ && std::chrono::steady_clock::now() - last_print_ > std::chrono::milliseconds(100))
    print(false);
}

void StderrProgress::end() {
  print(true);
}

std::string StderrProgress::line() const {
  std::string out = label_;
  if (total_ > 0) {
    const long long percent = done_ * 100 / total_;
    out += " : " + french_count(done_) + " / " + french_count(total_) + " (" +
           std::to_string(percent) + kNarrowSpace + "%)";
  } else if (done_ > 0) {
    out += " : " + french_count(done_);
  }
  if (!detail_.empty()) out += " — " + detail_;
  return out + " — " + french_elapsed(since(started_));
}

void StderrProgress::print(bool final) {
  last_print_ = std::chrono::steady_clock::now();
  const std::string text = line();
  if (tty_) {
    std::fprintf(stderr, "\r\033[K%s%s", text.c_str(), final ? "\n" : "");
  } else if (final) {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

}  // namespace parcours::storage
