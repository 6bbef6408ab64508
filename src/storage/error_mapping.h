// Translation of backend failures into Errors at the Store border (DESIGN §4.3, §4.5).
// Both backends are mapped the same way, and the contract suite proves it:
//   unique violation            → conflict, French message naming what is duplicated
//   foreign key violation       → conflict ("L’élément lié n’existe pas." on insert/update,
//                                 "Cet élément est utilisé ailleurs…" on delete)
//   check / not-null / bad data → invalid
//   serialization / deadlock    → conflict (a concurrent change: try again)
//   busy, locked, I/O, lost connection, anything else → unavailable
//   StaleVersion (a save based on an outdated version) → conflict
// Messages never contain SQL; unexpected failures are logged to stderr without bound values.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

#include "domain/result.h"
#include "storage/backend.h"

namespace parcours::storage {

// Thrown by a repository when the row to change does not exist (update of a missing id).
class RowMissing : public std::runtime_error {
 public:
  explicit RowMissing(const std::string& table) : std::runtime_error("no such row in " + table) {}
};

// Thrown by a repository when the row to change exists but no longer has the version the
// update was based on (optimistic concurrency, issue 12): someone saved it meanwhile.
// Mapped to conflict.
class StaleVersion : public std::runtime_error {
 public:
  explicit StaleVersion(const std::string& table)
      : std::runtime_error("stale version in " + table) {}
};

// The message of a StaleVersion, shown to the person.
extern const char* const kStaleVersion;

// Maps any exception caught at the Store border.
Error map_backend_error(const std::exception& e, Backend backend);

// Whether a failure means the connection itself is broken (the session must be reconnected).
bool is_connection_failure(const std::exception& e);

// The message of an unexpected failure, shown to the person.
extern const char* const kGenericFailure;

}  // namespace parcours::storage
