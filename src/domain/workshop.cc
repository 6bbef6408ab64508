#include "domain/workshop.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "domain/journey.h"
#include "domain/validation.h"

namespace parcours {

namespace {

// ATT-2 codes: 31 symbols without look-alikes (no 0, 1, I, L, O).
constexpr const char* kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr long long kBase = 31;
constexpr long long kSpace = 31LL * 31 * 31 * 31 * 31 * 31;  // six symbols
constexpr long long kMultiplier = 387420489;                 // 3^18, coprime with 31

long long modular_inverse(long long a, long long m) {
  long long t = 0, new_t = 1, r = m, new_r = a % m;
  while (new_r != 0) {
    long long q = r / new_r;
    t = std::exchange(new_t, t - q * new_t);
    r = std::exchange(new_r, r - q * new_r);
  }
  return t < 0 ? t + m : t;
}

long long letter_offset(char letter) {
  return (static_cast<unsigned char>(letter) * 7919LL) % kSpace;
}

// Weighted sum of the symbols and the letter, modulo 31: catches one wrong symbol and most
// swaps of two neighbours.
int check_symbol(char letter, const std::string& six) {
  long long sum = static_cast<unsigned char>(letter);
  for (std::size_t i = 0; i < six.size(); ++i)
    sum += static_cast<long long>(i + 2) * (std::string(kAlphabet).find(six[i]) + 1);
  return static_cast<int>(sum % kBase);
}

}  // namespace

Instant workshop_session_start(const WorkshopSession& s) {
  Session individual;
  individual.date = s.date;
  individual.start_minute = s.start_minute;
  return session_start(individual);
}

Instant workshop_session_end(const WorkshopSession& s) {
  return workshop_session_start(s) + std::chrono::minutes{s.duration_minutes};
}

double workshop_hours(const std::vector<WorkshopSession>& sessions) {
  int minutes = 0;
  for (const auto& s : sessions)
    if (s.status != "cancelled") minutes += s.duration_minutes;
  return minutes / 60.0;
}

int active_participants(const std::vector<WorkshopParticipant>& participants) {
  return static_cast<int>(std::count_if(participants.begin(), participants.end(),
                                        [](const auto& p) { return p.status == "registered"; }));
}

// SPEC WS-1: a theme of the catalogue, an intervenant, a place; "à la carte" needs a title.
Status validate_workshop(const ProgrammeConfig& config, const Workshop& w) {
  Validator v;
  const auto& themes = config.workshop_themes;
  auto theme =
      std::find_if(themes.begin(), themes.end(), [&](const Choice& c) { return c.id == w.theme; });
  if (theme == themes.end()) v.add("theme", "Choisissez la thématique dans le catalogue.");
  if (w.theme == "a_la_carte" && trim(w.title).empty())
    v.add("title", "Un atelier « à la carte » doit avoir un intitulé.");
  v.max_text("title", w.title, "L’intitulé", 200);
  v.max_text("description", w.description, "La description", 5000);
  v.max_text("external_professionals", w.external_professionals, "Les professionnels extérieurs",
             1000);
  v.max_text("place_label", w.place_label, "Le lieu", 200);
  if (w.intervenant_id == 0) v.add("intervenant_id", "L’intervenant est obligatoire.");
  if (w.spip_id == 0) v.add("spip_id", "Le SPIP est obligatoire.");
  if (w.place_id == 0 && trim(w.place_label).empty())
    v.add("place_label", "Indiquez le lieu de l’atelier.");
  return v.status("L’atelier n’est pas valide.");
}

Status validate_workshop_session(const WorkshopSession& s) {
  Validator v;
  check_session_slot(v, s.date, s.start_minute, s.duration_minutes);
  return v.status("La séance n’est pas valide.");
}

// SPEC WS-2: 2 h minimum, 30 h maximum per workshop (bounds from the configuration).
Status check_workshop_duration(const ProgrammeConfig& config,
                               const std::vector<WorkshopSession>& sessions) {
  return check_workshop_hours(config, workshop_hours(sessions));
}

// SPEC WS-3: each participant needs a SPIP prescription covering workshops, still open.
Status check_workshop_prescription(const ProgrammeConfig& config, const std::string& modality,
                                   const std::string& state) {
  const auto& ok = config.workshop_modalities;
  if (std::find(ok.begin(), ok.end(), modality) == ok.end())
    return rule_violation(
        "La prescription de cette personne ne couvre pas les ateliers collectifs ; le "
        "SPIP doit prescrire un PPAIP collectif (ou individuel et collectif).");
  const ProgrammeState* s = config.state(state);
  if (!s || s->terminal || state == "ended")
    return rule_violation("Le parcours de cette personne est terminé.");
  return {};
}

std::string record_code(char letter, Id id) {
  long long n = ((id % kSpace) * kMultiplier + letter_offset(letter)) % kSpace;
  std::string six(6, '2');
  for (int i = 5; i >= 0; --i) {
    six[i] = kAlphabet[n % kBase];
    n /= kBase;
  }
  return std::string(1, letter) + "-" + six + kAlphabet[check_symbol(letter, six)];
}

std::optional<DecodedCode> decode_record_code(const std::string& typed) {
  std::string s;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (s.size() != 8) return std::nullopt;
  const std::string alphabet = kAlphabet;
  const char letter = s[0];
  if (letter != 'E' && letter != 'S' && letter != 'A') return std::nullopt;
  const std::string six = s.substr(1, 6);
  long long n = 0;
  for (char c : six) {
    auto pos = alphabet.find(c);
    if (pos == std::string::npos) return std::nullopt;
    n = n * kBase + static_cast<long long>(pos);
  }
  if (alphabet.find(s[7]) != static_cast<std::size_t>(check_symbol(letter, six)))
    return std::nullopt;
  long long shifted = ((n - letter_offset(letter)) % kSpace + kSpace) % kSpace;
  // Both factors are below 31^6 < 2^30: the product fits in 64 bits.
  Id id = static_cast<Id>((shifted * modular_inverse(kMultiplier, kSpace)) % kSpace);
  if (id <= 0) return std::nullopt;
  return DecodedCode{letter, id};
}

}  // namespace parcours
