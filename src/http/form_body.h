// The text forms of a request: percent-encoding, query strings and url-encoded forms, and
// multipart/form-data bodies (RFC 7578). Written for the server core of http/server.h; no I/O.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace parcours::http {

// Decodes %XX sequences (and « + » as a space when `plus_as_space`); a malformed sequence is
// kept as written.
std::string url_decode(std::string_view s, bool plus_as_space);
// Encodes everything but unreserved characters (RFC 3986 §2.3) and those of `keep` (« / » for
// a path), for a query parameter.
std::string url_encode_component(std::string_view s, std::string_view keep = "");
// Adds the « name=value » pairs of a query string or url-encoded form to `out`.
void parse_query(std::string_view text, Params& out);
// The parameter `name` of a header value such as « multipart/form-data; boundary=xyz ».
std::string header_parameter(std::string_view value, std::string_view name);
// Adds the parts of a multipart/form-data body to `out`; false when the body is malformed
// (no boundary, a part without its headers, no closing delimiter).
bool parse_multipart(std::string_view body, std::string_view content_type, FileParts& out);

}  // namespace parcours::http
