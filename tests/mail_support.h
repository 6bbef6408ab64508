// Reading an e-mail back as a mail client would (RFC 5322 headers, RFC 2047 encoded words,
// RFC 2045 quoted-printable), for the mail tests.
#pragma once

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

namespace parcours::testing {

inline std::string headers_of(const std::string& data) {
  return data.substr(0, data.find("\r\n\r\n"));
}

inline std::string body_of(const std::string& data) {
  auto at = data.find("\r\n\r\n");
  return at == std::string::npos ? "" : data.substr(at + 4);
}

// A header's value, unfolded (RFC 5322 §2.2.3).
inline std::string header(const std::string& data, const std::string& name) {
  std::string headers = "\r\n" + headers_of(data);
  auto at = headers.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  std::string value;
  std::size_t pos = at + name.size() + 4;
  for (;;) {
    auto end = headers.find("\r\n", pos);
    value += headers.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (end == std::string::npos || end + 2 >= headers.size() ||
        (headers[end + 2] != ' ' && headers[end + 2] != '\t'))
      break;
    pos = end + 2;
  }
  return value;
}

inline std::string base64_decode(const std::string& in) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    auto v = alphabet.find(c);
    if (v == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// RFC 2047: "=?UTF-8?B?…?=" words; white space between two encoded words is dropped.
inline std::string decode_words(const std::string& value) {
  std::string out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    auto start = value.find("=?", pos);
    if (start == std::string::npos) {
      out += value.substr(pos);
      break;
    }
    std::string between = value.substr(pos, start - pos);
    if (pos == 0 || between.find_first_not_of(" \t") != std::string::npos) out += between;
    auto q1 = value.find('?', start + 2);
    auto q2 = value.find('?', q1 + 1);
    auto end = value.find("?=", q2 + 1);
    EXPECT_EQ(value.substr(start + 2, q1 - start - 2), "UTF-8");
    EXPECT_EQ(value.substr(q1 + 1, q2 - q1 - 1), "B");
    out += base64_decode(value.substr(q2 + 1, end - q2 - 1));
    pos = end + 2;
  }
  return out;
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 2045 §6.7: soft breaks "=" CRLF vanish, =XX is a byte, CRLF is a line break ("\n").
inline std::string decode_qp(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '=' && text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else if (c == '=' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      EXPECT_TRUE(hi >= 0 && lo >= 0) << "bad escape at " << i;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      out += '\n';
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

inline std::size_t longest_line(const std::string& data) {
  std::size_t longest = 0, pos = 0;
  while (pos <= data.size()) {
    auto end = data.find("\r\n", pos);
    if (end == std::string::npos) end = data.size();
    longest = std::max(longest, end - pos);
    pos = end + 2;
  }
  return longest;
}

inline bool only_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 128; });
}

}  // namespace parcours::testing
