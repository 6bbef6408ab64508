// Base64 of stored document bytes (storage/base64.h): RFC 4648 test vectors, every byte value,
// and refusal of anything that is not canonical padded base64 (a damaged stored content).
#include "storage/base64.h"

#include <gtest/gtest.h>

namespace parcours::storage {
namespace {

TEST(StorageBase64, EncodesTheRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_decode("Zm9vYmE="), std::optional<std::string>("fooba"));
  EXPECT_EQ(base64_decode(""), std::optional<std::string>(""));
}

TEST(StorageBase64, EveryByteValueRoundTripsAtEveryLength) {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  bytes += std::string("\0\xFF\0", 3);
  EXPECT_EQ(base64_encode(std::string("\0\xFF", 2)), "AP8=");
  for (std::size_t n = 0; n <= bytes.size(); ++n) {
    std::string part = bytes.substr(bytes.size() - n);
    std::string text = base64_encode(part);
    EXPECT_EQ(text.size() % 4, 0u);
    EXPECT_EQ(base64_decode(text), std::optional<std::string>(part)) << n << " bytes";
  }
}

TEST(StorageBase64, RefusesWhatIsNotCanonicalPaddedBase64) {
  for (const char* bad :
       {"Zg", "Zg=", "Z===", "Zg==Zg==", "Zm9v\n", "Zm 9", "Zm9*", "Zh==", "Zm9=", "=Zm9"}) {
    EXPECT_FALSE(base64_decode(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace parcours::storage
