// Errors as values (DESIGN §4.3): a small closed set of codes and a French message
// for the person. Exceptions are reserved for bugs and adapter borders.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace parcours {

enum class ErrorCode {
  invalid,         // input does not pass validation
  not_found,       // the thing does not exist (or is not visible to the actor)
  forbidden,       // the actor may not do this
  conflict,        // clashes with existing data (duplicate, concurrent change)
  rule_violation,  // a business rule (SPEC) refuses it
  unavailable,     // a dependency (database, SMTP) is down
};

// Machine name of a code, as used in the JSON API ("invalid", "not_found", ...).
const char* error_code_name(ErrorCode code);

// One problem with one input: a form field, a CSV line.
struct FieldError {
  std::string field;    // form field name, or "ligne 12" for an import
  std::string message;  // French
};

struct Error {
  ErrorCode code;
  std::string message;              // French, shown to the person
  std::vector<FieldError> details;  // optional per-field problems
};

inline Error invalid(std::string message, std::vector<FieldError> details = {}) {
  return Error{ErrorCode::invalid, std::move(message), std::move(details)};
}
inline Error not_found(std::string message) {
  return Error{ErrorCode::not_found, std::move(message), {}};
}
inline Error forbidden(std::string message = "Vous n’avez pas accès à cette action.") {
  return Error{ErrorCode::forbidden, std::move(message), {}};
}
inline Error conflict(std::string message) {
  return Error{ErrorCode::conflict, std::move(message), {}};
}
inline Error rule_violation(std::string message) {
  return Error{ErrorCode::rule_violation, std::move(message), {}};
}
inline Error unavailable(std::string message) {
  return Error{ErrorCode::unavailable, std::move(message), {}};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_{ErrorCode::invalid, {}, {}};
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace parcours
