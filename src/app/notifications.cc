// Temporary: replaced by the notification use cases.
#include "app/notifications.h"

namespace parcours {}  // namespace parcours
