#include "app/secrets.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace parcours {

void init_secrets() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
}

std::string hash_password(const std::string& password) {
  init_secrets();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  init_secrets();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
  init_secrets();
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  std::vector<char> out(
      sodium_base64_ENCODED_LEN(sizeof buf, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
  sodium_bin2base64(out.data(), out.size(), buf, sizeof buf,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out.data();
}

std::string token_digest(const std::string& token) {
  return sha256_hex(token);
}

std::string sha256_hex(const std::string& token) {
  init_secrets();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

bool same_secret(const std::string& a, const std::string& b) {
  init_secrets();
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace parcours
