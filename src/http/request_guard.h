// Checks of hostile requests at the HTTP edge (SPEC SEC-5), written without the HTTP library so
// that they move with the server core: message framing, ranges, text and JSON bodies. Each one
// answers what to refuse; the caller (http/web.cc) turns a refusal into an answer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace parcours::http::guard {

// A refused request: its status and French message, with the fields at fault when known.
// `close`: the connection ends after the answer, because what follows on it (an unread or
// ambiguous body) can no longer be told apart from a next request.
struct Refusal {
  int status = 400;
  std::string message;
  std::vector<FieldError> details;
  bool close = true;
};

// The headers that delimit a request body, every occurrence as received.
struct Framing {
  std::string method;
  std::vector<std::string> content_length;
  std::vector<std::string> transfer_encoding;
};

// Whether `method` may carry a body (POST, PUT, PATCH, DELETE).
bool takes_body(std::string_view method);
// Whether the request announces a body: a Content-Length above 0, or chunked.
bool announces_body(const Framing& f);
// The Content-Length, when given, numeric and the same in every occurrence.
std::optional<unsigned long long> declared_length(const Framing& f);
// Refuses before any byte of the body is read (400):
// - Content-Length together with Transfer-Encoding, Content-Lengths that differ or are not a
//   number, a transfer coding other than « chunked » alone (RFC 9112 §6.3: ambiguous framing is
//   how requests are smuggled past a proxy);
// - a body on a method that takes none (GET, HEAD, OPTIONS…).
std::optional<Refusal> check_framing(const Framing& f);
// A declared Content-Length above `max_body_bytes` (413). A chunked body is limited while it
// is read (BodyBudget).
bool declared_too_large(const Framing& f, std::size_t max_body_bytes);

// Counts the bytes of a body as they arrive, whatever the framing (Content-Length, chunked,
// decompressed): false once the limit is passed, and the reading stops there.
class BodyBudget {
 public:
  explicit BodyBudget(std::size_t max_bytes) : max_(max_bytes) {}
  bool take(std::size_t n);
  bool exceeded() const { return exceeded_; }

 private:
  std::size_t max_;
  std::size_t used_ = 0;
  bool exceeded_ = false;
};

// Several ranges in one request are not served (one range, or the whole file with 200): a
// multipart answer is built in memory, and thousands of overlapping ranges of one file made
// hundreds of megabytes from one anonymous request.
bool serve_ranges(std::size_t asked);

// Text that may be stored: valid UTF-8 (no overlong form, no surrogate) and no NUL character.
enum class TextFault { none, not_utf8, nul };
TextFault text_fault(std::string_view s);
// « Ce texte n’est pas encodé en UTF-8 valide. » / « … caractère nul … ».
std::string text_fault_message(TextFault f);
// 422 for the field at fault (the French summary says nothing was saved).
Refusal text_refusal(const std::string& field, TextFault f);

// A JSON body, checked before a handler reads it (JSON API):
// - 422 when its bytes are not UTF-8 or a string holds a NUL (\u0000), naming the field;
// - 400 when it is not JSON, a number beyond the range of a double (1e400) included.
// An empty body passes (read as {} by the handlers).
std::optional<Refusal> check_json_body(std::string_view body);

// The field names of the JSON API: "name", "diagnosis.notes", "slots[2].label".
std::string json_field_name(const std::string& parent, const std::string& key);

}  // namespace parcours::http::guard
