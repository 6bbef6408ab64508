// A person followed by the SPIP and the programmes they go through (SPEC BEN-1..3).
//
// One person, one file across programmes and over time (BEN-3): the identity and situation
// live here, each programme case (domain/journey.h) points to it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/eligibility.h"
#include "domain/organisation.h"
#include "domain/types.h"

namespace parcours {

enum class Sex { female, male };

// Qualification level (nomenclature 2019 of the French national register of certifications):
// "sans" (no diploma or level 1–2), "3" (CAP, BEP), "4" (baccalauréat), "5" (bac + 2),
// "6" (bac + 3 or more). Stored as these ids.
const std::vector<std::string>& qualification_levels();
const char* qualification_label(const std::string& level);  // "Niveau 3 (CAP, BEP)"
bool is_qualification_level(const std::string& level);

const char* sex_name(Sex s);   // "F" / "M"
const char* sex_label(Sex s);  // "Femme" / "Homme"
std::optional<Sex> parse_sex(const std::string& name);
const char* judicial_status_name(JudicialStatus s);   // "", "prevenu", "condamne"
const char* judicial_status_label(JudicialStatus s);  // "Prévenu(e)", "Condamné(e)"
std::optional<JudicialStatus> parse_judicial_status(const std::string& name);

// BEN-2: the socio-professional diagnosis made at prison entry (or by the SPIP in MO). It is
// shown to the provider before the first interview and must not be asked again.
struct Diagnosis {
  std::string text;  // plain text, several paragraphs
  std::optional<Date> established_on;
  std::string established_by;  // "CPU du 12/02/2025", "Mme Martin, CPIP"
};

struct Person {
  Id id = 0;
  std::string last_name;
  std::string first_name;
  Date birth_date{};
  Sex sex = Sex::female;
  Milieu milieu = Milieu::closed;  // MF: establishment; MO: SPIP antenna
  Id spip_id = 0;                  // the SPIP that follows the person (SEC-1)
  Id site_id = 0;                  // MF establishment or MO antenna (child of the SPIP)
  JudicialStatus judicial_status = JudicialStatus::condamne;
  std::string qualification = "sans";
  Id referent_cpip_id = 0;  // user holding the CPIP role in the SPIP
  // Optional (BEN-1).
  std::string prison_number;  // numéro d'écrou
  std::optional<Date> sentence_end;
  std::optional<Date> id_valid_until;
  std::optional<Date> work_permit_until;
  bool brsa = false;  // bénéficiaire du RSA
  bool cer = false;   // contrat d'engagements réciproques
  std::string phone;
  std::string email;
  std::string address;
  Diagnosis diagnosis;
  Instant created_at{};
  // Optimistic concurrency (issue 12): 1 when created, +1 on each update; an update names
  // the version it was read at and is refused (conflict) when the row moved on meanwhile.
  int version = 1;
};

// Field errors in French (names, birth date in the past, referent and site set, e-mail…).
Status validate_person(const Person& p, Date today);
// Age in whole years on `on`.
int age_on(Date birth, Date on);
// "Mme Amina BENALI" / "M. Karim DIALLO"
std::string person_display_name(const Person& p);
// "3 ans et 2 mois" until the sentence end, "" when unknown or past.
std::string remaining_sentence(const Person& p, Date today);

}  // namespace parcours
