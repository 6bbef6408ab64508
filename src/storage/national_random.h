// Deterministic pseudo-random numbers for the national dataset generator
// (storage/national_generator.h): the same seed gives the same dataset on every machine and
// backend. xoshiro256** seeded through splitmix64; no global state, no clock, no std::random
// distribution (their output differs between standard libraries).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace parcours::storage::national {

class Rng {
 public:
  // A stream of its own for (seed, stream, index): person 17 draws the same numbers whatever
  // was drawn for person 16.
  Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index = 0);

  std::uint64_t next();
  // Uniform in [lo, hi] (inclusive); lo when hi < lo.
  long long between(long long lo, long long hi);
  int between(int lo, int hi) {
    return static_cast<int>(between(static_cast<long long>(lo), static_cast<long long>(hi)));
  }
  // Uniform in [0, 1).
  double unit();
  // True with probability p.
  bool chance(double p) { return unit() < p; }
  // An index of `weights` drawn with probability proportional to its weight (0 when empty or
  // every weight is 0).
  std::size_t weighted(const std::vector<double>& weights);
  std::size_t weighted(std::initializer_list<double> weights);
  // An index in [0, n).
  std::size_t index(std::size_t n);

  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[index(items.size())];
  }

 private:
  std::uint64_t s_[4];
};

// Cumulative weights for repeated draws among many items (SPIPs, sites): O(log n) a draw.
class WeightedTable {
 public:
  WeightedTable() = default;
  explicit WeightedTable(const std::vector<double>& weights);
  std::size_t draw(Rng& rng) const;
  bool empty() const { return cumulative_.empty(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace parcours::storage::national
