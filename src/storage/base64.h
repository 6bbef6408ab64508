// Base64 (RFC 4648, standard alphabet, with '=' padding) for the bytes of stored documents:
// document_contents.content is TEXT holding base64 so that any bytes (NUL, 0xFF…) travel the
// same way through SOCI's string binding on SQLite and PostgreSQL (migrations_workshops.cc).
#pragma once

#include <optional>
#include <string>

namespace parcours::storage {

std::string base64_encode(const std::string& bytes);

// The bytes, or nullopt when `text` is not canonical padded base64 (wrong length, a character
// outside the alphabet, misplaced padding). No whitespace is accepted.
std::optional<std::string> base64_decode(const std::string& text);

}  // namespace parcours::storage
