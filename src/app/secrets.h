// Password hashing and random tokens (SEC-5), on libsodium.
#pragma once

#include <string>

namespace parcours {

// Initialises libsodium; call once at start-up (safe to call again).
void init_secrets();
// argon2id, libsodium's "interactive" limits; the result embeds salt and parameters.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// 32 random bytes, URL-safe base64 without padding.
std::string random_token();
// SHA-256 of a token, hex: what is stored for sessions and API tokens.
std::string token_digest(const std::string& token);
// SHA-256 of any bytes, hexadecimal (document checksums, BEN-4).
std::string sha256_hex(const std::string& bytes);
// Compares two strings in constant time (CSRF tokens).
bool same_secret(const std::string& a, const std::string& b);

}  // namespace parcours
