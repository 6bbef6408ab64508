// A QR code encoder for the one kind of symbol Parcours prints (ISO/IEC 18004): byte mode, error
// correction level M, the smallest version that holds the text, the mask of lowest penalty.
// Written for speed: libqrencode spent about 75 µs per code choosing its mask, which made the
// 30 codes of an attendance sheet a fifth of its rendering time (docs/performance.md, issue 13).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "documents/qr.h"

namespace parcours::pdf {
namespace {

// Level M, versions 1 to 40: error correction codewords per block and number of blocks.
constexpr std::array<int, 41> kEccPerBlock = {
    0,  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28};
constexpr std::array<int, 41> kBlocks = {0,  1,  1,  1,  2,  2,  4,  4,  4,  5,  5,  5,  8,  9,
                                         9,  10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25,
                                         26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49};

inline constexpr int kMaxWidth = 177;  // version 40

// Modules left for codewords once the function patterns are placed.
int raw_data_modules(int version) {
  int modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const int aligns = version / 7 + 2;
    modules -= (25 * aligns - 10) * aligns - 55;
    if (version >= 7) modules -= 36;
  }
  return modules;
}

int data_codewords(int version) {
  return raw_data_modules(version) / 8 - kEccPerBlock[version] * kBlocks[version];
}

// Centres of the alignment patterns along one axis.
std::vector<int> alignment_positions(int version) {
  if (version == 1) return {};
  const int count = version / 7 + 2;
  const int width = version * 4 + 17;
  const int step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
  std::vector<int> positions(static_cast<std::size_t>(count));
  positions[0] = 6;
  for (int i = count - 1, p = width - 7; i >= 1; --i, p -= step)
    positions[static_cast<std::size_t>(i)] = p;
  return positions;
}

// GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1.
struct Galois {
  std::array<std::uint8_t, 512> exp{};
  std::array<int, 256> log{};
  Galois() {
    int x = 1;
    for (int i = 0; i < 255; ++i) {
      exp[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(x);
      log[static_cast<std::size_t>(x)] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11d;
    }
    for (int i = 255; i < 512; ++i)
      exp[static_cast<std::size_t>(i)] = exp[static_cast<std::size_t>(i - 255)];
  }
  std::uint8_t mul(std::uint8_t a, std::uint8_t b) const {
    if (a == 0 || b == 0) return 0;
    return exp[static_cast<std::size_t>(log[a] + log[b])];
  }
};

const Galois& galois() {
  static const Galois g;
  return g;
}

// Reed-Solomon remainder of `data` for `degree` error correction codewords.
std::vector<std::uint8_t> reed_solomon(const std::uint8_t* data, int length, int degree) {
  const Galois& gf = galois();
  // Generator (x - a^0)(x - a^1)...(x - a^(degree-1)), leading coefficient dropped.
  std::vector<std::uint8_t> generator(static_cast<std::size_t>(degree), 0);
  generator[static_cast<std::size_t>(degree - 1)] = 1;
  std::uint8_t root = 1;
  for (int i = 0; i < degree; ++i) {
    for (int j = 0; j < degree; ++j) {
      generator[static_cast<std::size_t>(j)] = gf.mul(generator[static_cast<std::size_t>(j)], root);
      if (j + 1 < degree)
        generator[static_cast<std::size_t>(j)] ^= generator[static_cast<std::size_t>(j + 1)];
    }
    root = gf.mul(root, 2);
  }
  std::vector<std::uint8_t> remainder(static_cast<std::size_t>(degree), 0);
  for (int i = 0; i < length; ++i) {
    const std::uint8_t factor = data[i] ^ remainder[0];
    remainder.erase(remainder.begin());
    remainder.push_back(0);
    for (int j = 0; j < degree; ++j)
      remainder[static_cast<std::size_t>(j)] ^=
          gf.mul(generator[static_cast<std::size_t>(j)], factor);
  }
  return remainder;
}

class Symbol {
 public:
  explicit Symbol(int version)
      : version_(version),
        width_(version * 4 + 17),
        dark_(static_cast<std::size_t>(width_ * width_), 0),
        function_(static_cast<std::size_t>(width_ * width_), 0) {
    place_function_patterns();
  }

  int width() const { return width_; }

  void place_codewords(const std::vector<std::uint8_t>& codewords) {
    std::size_t bit = 0;
    const std::size_t bits = codewords.size() * 8;
    bool upward = true;
    for (int right = width_ - 1; right >= 1; right -= 2) {
      if (right == 6) right = 5;
      for (int step = 0; step < width_; ++step) {
        const int y = upward ? width_ - 1 - step : step;
        for (int x = right; x >= right - 1; --x) {
          if (function_[index(x, y)]) continue;
          if (bit < bits) dark_[index(x, y)] = (codewords[bit >> 3] >> (7 - (bit & 7))) & 1;
          ++bit;
        }
      }
      upward = !upward;
    }
  }

  // The data modules that `mask` flips, 1 for each.
  std::vector<std::uint8_t> mask_pattern(int mask) const {
    std::vector<std::uint8_t> pattern(dark_.size(), 0);
    for (int y = 0; y < width_; ++y)
      for (int x = 0; x < width_; ++x)
        pattern[index(x, y)] =
            static_cast<std::uint8_t>(!function_[index(x, y)] && masked(mask, x, y));
    return pattern;
  }

  // Flips the modules of a mask pattern (an XOR: flipping twice restores them).
  void flip(const std::vector<std::uint8_t>& pattern) {
    std::uint8_t* dark = dark_.data();
    const std::uint8_t* flips = pattern.data();
    const std::size_t n = dark_.size();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {  // eight modules at a time
      std::uint64_t a;
      std::uint64_t b;
      std::memcpy(&a, dark + i, sizeof a);
      std::memcpy(&b, flips + i, sizeof b);
      a ^= b;
      std::memcpy(dark + i, &a, sizeof a);
    }
    for (; i < n; ++i) dark[i] ^= flips[i];
  }

  void place_format(int mask) {
    const int data = mask;  // level M is 00
    int remainder = data;
    for (int i = 0; i < 10; ++i) remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
    const int bits = ((data << 10) | remainder) ^ 0x5412;
    auto bit = [bits](int i) { return static_cast<std::uint8_t>((bits >> i) & 1); };
    for (int i = 0; i <= 5; ++i) set(8, i, bit(i));
    set(8, 7, bit(6));
    set(8, 8, bit(7));
    set(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) set(14 - i, 8, bit(i));
    for (int i = 0; i < 8; ++i) set(width_ - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) set(8, width_ - 15 + i, bit(i));
    set(8, width_ - 8, 1);
  }

  // ISO/IEC 18004 penalty: runs of five or more, 2×2 blocks, finder-like 1:1:3:1:1 patterns
  // with four light modules on one side, distance of the dark share from one half.
  int penalty() const {
    int score = 0;
    for (int a = 0; a < width_; ++a) {
      score += line_penalty(&dark_[index(0, a)], width_, 1);       // row a
      score += line_penalty(&dark_[index(a, 0)], width_, width_);  // column a
    }
    // Eight modules (bytes of 0 or 1) at a time.
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    const auto word = [](const std::uint8_t* p) {
      std::uint64_t w;
      std::memcpy(&w, p, sizeof w);
      return w;
    };
    // The sum of eight bytes of 0 or 1.
    const auto byte_sum = [](std::uint64_t w) { return static_cast<int>((w * kOnes) >> 56); };
    const int width = width_;
    const std::uint8_t* modules = dark_.data();
    int dark = 0;
    for (int y = 0; y < width; ++y) {
      const std::uint8_t* row = modules + static_cast<std::ptrdiff_t>(y) * width;
      const std::uint8_t* next = row + width;
      int x = 0;
      for (; x + 8 <= width; x += 8) dark += byte_sum(word(row + x));
      for (; x < width; ++x) dark += row[x];
      if (y + 1 == width) break;
      // 2×2 blocks of one colour, by their top-left module x in 0 .. width - 2.
      x = 0;
      for (; x + 9 <= width; x += 8) {
        const std::uint64_t c = word(row + x);
        const std::uint64_t differ =
            (c ^ word(row + x + 1)) | (c ^ word(next + x)) | (c ^ word(next + x + 1));
        score += 3 * byte_sum(~differ & kOnes);
      }
      for (; x + 1 < width; ++x) {
        const std::uint8_t c = row[x];
        score += 3 * (c == row[x + 1] && c == next[x] && c == next[x + 1]);
      }
    }
    const int total = width_ * width_;
    const int percent = (200 * dark + total) / (2 * total);  // rounded
    score += std::abs(percent - 50) / 5 * 10;
    return score;
  }

  QrMatrix matrix() const {
    QrMatrix qr;
    qr.width = width_;
    qr.dark.assign(dark_.begin(), dark_.end());
    return qr;
  }

 private:
  std::size_t index(int x, int y) const { return static_cast<std::size_t>(y * width_ + x); }

  void set(int x, int y, std::uint8_t dark) {
    dark_[index(x, y)] = dark;
    function_[index(x, y)] = 1;
  }

  static bool masked(int mask, int x, int y) {
    switch (mask) {
      case 0:
        return (x + y) % 2 == 0;
      case 1:
        return y % 2 == 0;
      case 2:
        return x % 3 == 0;
      case 3:
        return (x + y) % 3 == 0;
      case 4:
        return (x / 3 + y / 2) % 2 == 0;
      case 5:
        return x * y % 2 + x * y % 3 == 0;
      case 6:
        return (x * y % 2 + x * y % 3) % 2 == 0;
      default:
        return ((x + y) % 2 + x * y % 3) % 2 == 0;
    }
  }

  // Branch-free where the modules are: the colours are random by design.
  static int line_penalty(const std::uint8_t* line, int n, int stride) {
    // Runs alternating light, dark, light...: dark runs sit at odd indices. Only the end of the
    // current run is stored per module: no load waits on the previous module's store.
    std::array<int, kMaxWidth + 3> ends;
    ends[0] = 0;
    std::size_t k = 0;
    std::uint8_t colour = 0;
    for (int i = 0; i < n; ++i) {
      const std::uint8_t c = line[static_cast<std::ptrdiff_t>(i) * stride];
      k += c ^ colour;
      colour = c;
      ends[k] = i + 1;
    }
    if (colour) ends[++k] = n;  // a line ending dark gets an empty light run
    const std::size_t count = k + 1;
    std::array<int, kMaxWidth + 3> runs;
    runs[0] = ends[0];
    for (std::size_t i = 1; i < count; ++i) runs[i] = ends[i] - ends[i - 1];
    int score = 0;
    for (std::size_t i = 0; i < count; ++i) score += (runs[i] >= 5) * (runs[i] - 2);
    // The quiet zone makes the first and the last light runs long enough.
    runs[0] += n;
    runs[count - 1] += n;
    for (std::size_t i = 3; i + 3 < count; i += 2) {
      const int f = runs[i - 2];
      if (runs[i] != 3 * f || runs[i - 1] != f || runs[i + 1] != f || runs[i + 2] != f) continue;
      if (runs[i - 3] >= 4 * f || runs[i + 3] >= 4 * f) score += 40;
    }
    return score;
  }

  void finder(int cx, int cy) {
    for (int dy = -4; dy <= 4; ++dy)
      for (int dx = -4; dx <= 4; ++dx) {
        const int x = cx + dx;
        const int y = cy + dy;
        if (x < 0 || y < 0 || x >= width_ || y >= width_) continue;
        const int d = std::max(std::abs(dx), std::abs(dy));
        set(x, y, d != 2 && d != 4);
      }
  }

  void place_function_patterns() {
    for (int i = 0; i < width_; ++i) {
      set(6, i, i % 2 == 0);
      set(i, 6, i % 2 == 0);
    }
    finder(3, 3);
    finder(width_ - 4, 3);
    finder(3, width_ - 4);
    const std::vector<int> align = alignment_positions(version_);
    const std::size_t count = align.size();
    for (std::size_t i = 0; i < count; ++i)
      for (std::size_t j = 0; j < count; ++j) {
        if ((i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0))
          continue;
        for (int dy = -2; dy <= 2; ++dy)
          for (int dx = -2; dx <= 2; ++dx)
            set(align[i] + dx, align[j] + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
      }
    place_format(0);  // reserves the format areas; rewritten with the chosen mask
    if (version_ >= 7) {
      int remainder = version_;
      for (int i = 0; i < 12; ++i) remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1f25);
      const int bits = version_ << 12 | remainder;
      for (int i = 0; i < 18; ++i) {
        const auto bit = static_cast<std::uint8_t>((bits >> i) & 1);
        const int a = width_ - 11 + i % 3;
        const int b = i / 3;
        set(a, b, bit);
        set(b, a, bit);
      }
    }
  }

  int version_;
  int width_;
  std::vector<std::uint8_t> dark_;
  std::vector<std::uint8_t> function_;
};

// Mode, count, bytes, terminator and padding, split into blocks with their error correction,
// interleaved.
std::vector<std::uint8_t> codewords(const std::string& text, int version) {
  const int capacity = data_codewords(version);
  std::vector<std::uint8_t> data;
  data.reserve(static_cast<std::size_t>(capacity));
  std::uint32_t buffer = 0;
  int buffered = 0;
  auto put = [&](std::uint32_t value, int bits) {
    for (int i = bits - 1; i >= 0; --i) {
      buffer = buffer << 1 | ((value >> i) & 1);
      if (++buffered == 8) {
        data.push_back(static_cast<std::uint8_t>(buffer));
        buffer = 0;
        buffered = 0;
      }
    }
  };
  put(0x4, 4);
  put(static_cast<std::uint32_t>(text.size()), version <= 9 ? 8 : 16);
  for (const char c : text) put(static_cast<unsigned char>(c), 8);
  const int used = static_cast<int>(data.size()) * 8 + buffered;
  put(0, std::min(4, capacity * 8 - used));
  if (buffered > 0) put(0, 8 - buffered);
  for (std::uint8_t pad = 0xec; static_cast<int>(data.size()) < capacity; pad ^= 0xec ^ 0x11)
    data.push_back(pad);

  const int blocks = kBlocks[version];
  const int ecc = kEccPerBlock[version];
  const int short_length = capacity / blocks;
  const int long_blocks = capacity % blocks;
  std::vector<std::vector<std::uint8_t>> data_blocks;
  std::vector<std::vector<std::uint8_t>> ecc_blocks;
  for (int b = 0, offset = 0; b < blocks; ++b) {
    const int length = short_length + (b >= blocks - long_blocks ? 1 : 0);
    data_blocks.emplace_back(data.begin() + offset, data.begin() + offset + length);
    ecc_blocks.push_back(reed_solomon(data.data() + offset, length, ecc));
    offset += length;
  }
  std::vector<std::uint8_t> out;
  out.reserve(static_cast<std::size_t>(capacity + ecc * blocks));
  for (int i = 0; i <= short_length; ++i)
    for (const auto& block : data_blocks)
      if (i < static_cast<int>(block.size())) out.push_back(block[static_cast<std::size_t>(i)]);
  for (int i = 0; i < ecc; ++i)
    for (const auto& block : ecc_blocks) out.push_back(block[static_cast<std::size_t>(i)]);
  return out;
}

// What depends on the version only: the function patterns and the eight mask patterns, made once
// per version and process.
struct VersionTemplate {
  explicit VersionTemplate(int version) : symbol(version) {
    for (int mask = 0; mask < 8; ++mask)
      masks[static_cast<std::size_t>(mask)] = symbol.mask_pattern(mask);
  }
  Symbol symbol;
  std::array<std::vector<std::uint8_t>, 8> masks;
};

const VersionTemplate& version_template(int version) {
  static std::mutex mutex;
  static std::array<std::unique_ptr<VersionTemplate>, 41> templates;
  const std::lock_guard lock(mutex);
  std::unique_ptr<VersionTemplate>& t = templates[static_cast<std::size_t>(version)];
  if (!t) t = std::make_unique<VersionTemplate>(version);
  return *t;
}

}  // namespace

QrMatrix encode_qr(const std::string& text) {
  if (text.empty()) return {};
  int version = 1;
  const auto needed = [&](int v) {
    return 4 + (v <= 9 ? 8 : 16) + 8 * static_cast<int>(text.size());
  };
  while (version <= 40 && needed(version) > data_codewords(version) * 8) ++version;
  if (version > 40) return {};
  const VersionTemplate& t = version_template(version);
  Symbol symbol = t.symbol;
  symbol.place_codewords(codewords(text, version));
  int best_mask = 0;
  int best_penalty = -1;
  for (int mask = 0; mask < 8; ++mask) {
    symbol.flip(t.masks[static_cast<std::size_t>(mask)]);
    symbol.place_format(mask);
    const int p = symbol.penalty();
    if (best_penalty < 0 || p < best_penalty) {
      best_penalty = p;
      best_mask = mask;
    }
    symbol.flip(t.masks[static_cast<std::size_t>(mask)]);
  }
  symbol.flip(t.masks[static_cast<std::size_t>(best_mask)]);
  symbol.place_format(best_mask);
  return symbol.matrix();
}

}  // namespace parcours::pdf
