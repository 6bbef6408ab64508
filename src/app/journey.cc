// Temporary: replaced by the journey use cases.
#include "app/journey.h"

namespace parcours {

JourneyService::JourneyService(Store& store, const Clock& clock, const Programmes& programmes)
    : store_(store), clock_(clock), programmes_(programmes) {}

}  // namespace parcours
