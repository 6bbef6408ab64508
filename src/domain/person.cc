#include "domain/person.h"

#include "domain/validation.h"

namespace parcours {

namespace {

struct Level {
  const char* id;
  const char* label;
};
constexpr Level kLevels[] = {
    {"sans", "Sans qualification (aucun diplôme ou niveaux 1–2)"},
    {"3", "Niveau 3 (CAP, BEP)"},
    {"4", "Niveau 4 (baccalauréat)"},
    {"5", "Niveau 5 (bac + 2)"},
    {"6", "Niveau 6 ou plus (bac + 3 et au-delà)"},
};

}  // namespace

const std::vector<std::string>& qualification_levels() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v;
    for (const auto& l : kLevels) v.emplace_back(l.id);
    return v;
  }();
  return all;
}

const char* qualification_label(const std::string& level) {
  for (const auto& l : kLevels)
    if (level == l.id) return l.label;
  return "Non renseigné";
}

bool is_qualification_level(const std::string& level) {
  for (const auto& l : kLevels)
    if (level == l.id) return true;
  return false;
}

const char* sex_name(Sex s) {
  return s == Sex::female ? "F" : "M";
}
const char* sex_label(Sex s) {
  return s == Sex::female ? "Femme" : "Homme";
}
std::optional<Sex> parse_sex(const std::string& name) {
  if (name == "F") return Sex::female;
  if (name == "M") return Sex::male;
  return std::nullopt;
}

const char* judicial_status_name(JudicialStatus s) {
  switch (s) {
    case JudicialStatus::prevenu:
      return "prevenu";
    case JudicialStatus::condamne:
      return "condamne";
    case JudicialStatus::none:
      break;
  }
  return "";
}

const char* judicial_status_label(JudicialStatus s) {
  switch (s) {
    case JudicialStatus::prevenu:
      return "Prévenu(e)";
    case JudicialStatus::condamne:
      return "Condamné(e)";
    case JudicialStatus::none:
      break;
  }
  return "Ni prévenu(e) ni condamné(e)";
}

std::optional<JudicialStatus> parse_judicial_status(const std::string& name) {
  if (name == "prevenu") return JudicialStatus::prevenu;
  if (name == "condamne") return JudicialStatus::condamne;
  if (name.empty()) return JudicialStatus::none;
  return std::nullopt;
}

int age_on(Date birth, Date on) {
  int age = int(on.year()) - int(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

// Upper case for names, French letters included (é → É, œ → Œ, ÿ → Ÿ).
static std::string upper_name(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c >= 'a' && c <= 'z') {
      out += char(c - 'a' + 'A');
    } else if (c == 0xC3 && next >= 0xA0 && next <= 0xBE && next != 0xB7) {  // à … þ, not ÷
      out += char(0xC3);
      out += char(next - 0x20);
      ++i;
    } else if (c == 0xC5 && next == 0x93) {  // œ
      out += "\xC5\x92";
      ++i;
    } else if (c == 0xC3 && next == 0xBF) {  // ÿ
      out += "\xC5\xB8";
      ++i;
    } else {
      out += char(c);
    }
  }
  return out;
}

std::string person_display_name(const Person& p) {
  const std::string last = upper_name(p.last_name);
  return std::string(p.sex == Sex::female ? "Mme " : "M. ") + p.first_name + " " + last;
}

std::string remaining_sentence(const Person& p, Date today) {
  if (!p.sentence_end || date::sys_days(*p.sentence_end) <= date::sys_days(today)) return "";
  int months = (int(p.sentence_end->year()) - int(today.year())) * 12 +
               int(unsigned(p.sentence_end->month())) - int(unsigned(today.month()));
  if (p.sentence_end->day() < today.day()) --months;
  auto from = add_months(today, months);
  int days = int((date::sys_days(*p.sentence_end) - date::sys_days(from)).count());
  int years = months / 12;
  months %= 12;
  std::string out;
  auto part = [&out](int n, const char* one, const char* many) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + (n > 1 ? many : one);
  };
  part(years, "an", "ans");
  part(months, "mois", "mois");
  part(days, "jour", "jours");
  auto last = out.rfind(", ");
  if (last != std::string::npos) out.replace(last, 2, " et ");
  return out;
}

Status validate_person(const Person& p, Date today) {
  Validator v;
  v.require_text("last_name", p.last_name, "Le nom", 100);
  v.require_text("first_name", p.first_name, "Le prénom", 100);
  if (!p.birth_date.ok() || date::sys_days(p.birth_date) >= date::sys_days(today))
    v.add("birth_date", "La date de naissance doit être une date passée.");
  else if (age_on(p.birth_date, today) > 110)
    v.add("birth_date", "La date de naissance n’est pas vraisemblable.");
  if (p.milieu == Milieu::none)
    v.add("milieu", "Indiquez si la personne est suivie en milieu fermé ou en milieu ouvert.");
  if (p.spip_id == 0) v.add("spip_id", "Le SPIP qui suit la personne est obligatoire.");
  if (p.site_id == 0)
    v.add("site_id", p.milieu == Milieu::open ? "L’antenne de milieu ouvert est obligatoire."
                                              : "L’établissement pénitentiaire est obligatoire.");
  if (p.referent_cpip_id == 0) v.add("referent_cpip_id", "Le CPIP référent est obligatoire.");
  if (!is_qualification_level(p.qualification))
    v.add("qualification", "Le niveau de qualification n’est pas dans la liste.");
  v.max_text("prison_number", p.prison_number, "Le numéro d’écrou", 30);
  v.max_text("phone", p.phone, "Le téléphone", 30);
  v.max_text("address", p.address, "L’adresse", 300);
  if (!p.email.empty() && !is_email(p.email)) v.add("email", "L’adresse e-mail n’est pas valide.");
  v.max_text("diagnosis", p.diagnosis.text, "Le diagnostic", 20000);
  v.max_text("diagnosis_by", p.diagnosis.established_by, "L’auteur du diagnostic", 200);
  if (p.diagnosis.established_on &&
      date::sys_days(*p.diagnosis.established_on) > date::sys_days(today))
    v.add("diagnosis_on", "La date du diagnostic ne peut pas être dans le futur.");
  return v.status("Le dossier de la personne n’est pas valide.");
}

}  // namespace parcours
