// Migration 11: a version on every record edited through a full form (issue 12, item 21).
//
// Optimistic concurrency: each update writes `version = version + 1 WHERE id = :id AND
// version = :version`, so that a save made from a form loaded before someone else's save
// touches no row and is refused instead of silently reverting the other change. The check
// lives in the UPDATE itself, so it holds for several servers sharing one PostgreSQL.
#include "storage/migrations_schema.h"

namespace parcours::storage {

const char* const kRecordVersions = R"sql(
ALTER TABLE persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE places ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contracts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lots ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE bilans ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
)sql";

}  // namespace parcours::storage
