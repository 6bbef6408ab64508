// Database URLs accepted by `parcours --db` and SociStore::open (DESIGN §1).
#pragma once

#include <string>

#include "domain/result.h"
#include "storage/backend.h"

namespace parcours::storage {

struct DatabaseTarget {
  Backend backend = Backend::sqlite;
  std::string connect_string;  // for SOCI; may hold a password: never show it
  std::string description;     // for French messages: "la base SQLite « var/parcours.db »"
  std::string sqlite_path;     // the file (SQLite only); ":memory:" for an in-memory database
};

// sqlite:PATH (sqlite:///abs too) | postgresql://… | postgres://… | libpq "key=value …".
// PostgreSQL URLs are checked and rewritten by libpq's own parser into a keyword string, with
// connect_timeout=10 and application_name=parcours unless given. Errors: invalid, French,
// without the URL's password.
Result<DatabaseTarget> parse_database_url(const std::string& url);

}  // namespace parcours::storage
