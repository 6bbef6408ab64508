#include "storage/migrations_schema.h"

namespace parcours::storage {
const char* const kJourneySchema = "CREATE TABLE journey_placeholder (id {{pk}});";
}  // namespace parcours::storage
