// Numbered schema migrations (DESIGN §1: one schema, migrations applied at start-up).
//
// One SQL text serves both backends; the few dialect differences are placeholders replaced by
// render_migration_sql:
//   {{pk}}  an auto-increment 64-bit primary key: INTEGER PRIMARY KEY AUTOINCREMENT (SQLite),
//           BIGSERIAL PRIMARY KEY (PostgreSQL).
// Rules for migration texts: statements end with ';', no ';' inside string literals, "--"
// comments run to the end of the line. A migration, once released, is never edited: add one.
// Unique constraints and indexes are named, so that a violation can be told apart and turned
// into a French message (storage/error_mapping.cc).
#pragma once

#include <string>
#include <vector>

#include "storage/backend.h"

namespace parcours::storage {

struct Migration {
  int version;              // 1, 2, 3… applied in this order, recorded in schema_migrations
  std::string description;  // French, shown by `parcours migrate`
  std::string sql;          // dialect-neutral text, see above
};

// All migrations, by increasing version.
const std::vector<Migration>& migrations();

// The SQL of a migration for a backend, placeholders replaced.
std::string render_migration_sql(const std::string& sql, Backend backend);

// Splits a script into statements (without their ';'), dropping comments and blank ones.
std::vector<std::string> split_sql_statements(const std::string& script);

// Creates, if missing, the table that records applied migrations:
// schema_migrations(version, description, applied_at seconds since epoch UTC).
extern const char* const kSchemaMigrationsDdl;

}  // namespace parcours::storage
