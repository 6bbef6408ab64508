#include "storage/migrations_schema.h"

namespace parcours::storage {
const char* const kNotificationSchema = "CREATE TABLE notification_placeholder (id {{pk}});";
}  // namespace parcours::storage
