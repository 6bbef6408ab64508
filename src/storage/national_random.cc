#include "storage/national_random.h"

#include <algorithm>

namespace parcours::storage::national {
namespace {

std::uint64_t splitmix(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  std::uint64_t x = seed;
  std::uint64_t mixed = splitmix(x) ^ (stream * 0xD1B54A32D192ED03ULL);
  x = mixed;
  mixed = splitmix(x) ^ (index * 0x8CB92BA72F3D8DD7ULL);
  x = mixed;
  for (auto& s : s_) s = splitmix(x);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

long long Rng::between(long long lo, long long hi) {
  if (hi <= lo) return lo;
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<long long>(next() % span);
}

double Rng::unit() {
  return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
}

std::size_t Rng::index(std::size_t n) {
  return n == 0 ? 0 : static_cast<std::size_t>(next() % n);
}

std::size_t Rng::weighted(const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  if (total <= 0) return 0;
  double x = unit() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

std::size_t Rng::weighted(std::initializer_list<double> weights) {
  return weighted(std::vector<double>(weights));
}

WeightedTable::WeightedTable(const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) cumulative_.push_back(total += w);
}

std::size_t WeightedTable::draw(Rng& rng) const {
  if (cumulative_.empty()) return 0;
  const double x = rng.unit() * cumulative_.back();
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  return std::min(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

}  // namespace parcours::storage::national
