// French wording rules shared by every screen, document and message (SPEC UX-1): a plural that
// follows the count, an agreement that follows the person's sex — never « séance(s) » nor
// « présent(e) ».
#pragma once

#include <string>

#include "domain/person.h"

namespace parcours {

// « 0 séance », « 1 séance », « 3 séances », « 1 234 séances » (French: 0 and 1 are singular;
// thousands separated by a narrow no-break space).
std::string count_of(long long n, const std::string& one, const std::string& many);

// The masculine or feminine form, by the person's sex: agreed(Sex::female, "Né", "Née").
const char* agreed(Sex sex, const char* masculine, const char* feminine);

// « Prévenue », « Condamné »: the judicial status agreed with the person.
const char* judicial_status_words(JudicialStatus status, Sex sex);

}  // namespace parcours
