#include "domain/wording.h"

#include "domain/indicators.h"

namespace parcours {

std::string count_of(long long n, const std::string& one, const std::string& many) {
  const bool singular = n >= -1 && n <= 1;
  return format_count(n) + " " + (singular ? one : many);
}

const char* agreed(Sex sex, const char* masculine, const char* feminine) {
  return sex == Sex::female ? feminine : masculine;
}

const char* judicial_status_words(JudicialStatus status, Sex sex) {
  switch (status) {
    case JudicialStatus::prevenu:
      return agreed(sex, "Prévenu", "Prévenue");
    case JudicialStatus::condamne:
      return agreed(sex, "Condamné", "Condamnée");
    case JudicialStatus::none:
      break;
  }
  return agreed(sex, "Ni prévenu ni condamné", "Ni prévenue ni condamnée");
}

}  // namespace parcours
