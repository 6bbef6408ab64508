#include "domain/result.h"

namespace parcours {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid:
      return "invalid";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::rule_violation:
      return "rule_violation";
    case ErrorCode::unavailable:
      return "unavailable";
  }
  return "invalid";
}

}  // namespace parcours
