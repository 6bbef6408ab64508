#include "domain/document.h"

#include <cctype>

#include "domain/validation.h"

namespace parcours {

const char* document_kind_label(const std::string& kind) {
  if (kind == "attendance_individual") return "Feuille d’émargement individuelle";
  if (kind == "attendance_collective") return "Feuille d’émargement collective";
  if (kind == "convocation") return "Convocation à un atelier collectif";
  if (kind == "convocation_letters") return "Convocations individuelles à un atelier";
  if (kind == "establishment_list") return "Liste des participants pour l’établissement";
  if (kind == "calendar") return "Calendrier personnalisé";
  if (kind == "calendar_change") return "Courrier de modification du calendrier";
  if (kind == "bilan_final") return "Bilan final";
  if (kind == "bilan_interim") return "Bilan à mi-parcours";
  if (kind == "scan") return "Feuille d’émargement signée (scan)";
  if (kind == "upload") return "Document déposé";
  return "Document";
}

const char* consent_scope_label(const std::string& scope) {
  if (scope == "bilans") return "Les bilans uniquement";
  if (scope == "all") return "Tous les documents du dossier professionnel";
  return "Portée inconnue";
}

bool valid_consent_scope(const std::string& scope) {
  return scope == "bilans" || scope == "all";
}

// SEC-3: an unrevoked consent, given on or before today, whose scope covers the document.
bool consent_covers(const Consent& c, const StoredDocument& d, Instant now) {
  if (c.revoked_at && *c.revoked_at <= now) return false;
  if (c.person_id != d.person_id) return false;
  if (c.scope == "all") return true;
  return c.scope == "bilans" && (d.kind == "bilan_final" || d.kind == "bilan_interim");
}

const char* bilan_kind_label(const std::string& kind) {
  return kind == "interim" ? "Bilan à mi-parcours" : "Bilan final";
}

const char* delivery_mode_label(const std::string& mode) {
  if (mode == "hand") return "Remis en main propre";
  if (mode == "post") return "Envoyé par courrier";
  if (mode == "email") return "Envoyé par courriel";
  return "";
}

bool valid_delivery_mode(const std::string& mode) {
  return mode == "hand" || mode == "post" || mode == "email";
}

// SPEC PPAIP-16: programme done, professional project and action plan are required;
// the recommendations are optional.
Status validate_bilan_for_delivery(const Bilan& b) {
  Validator v;
  v.require_text("programme_done", b.programme_done, "Le programme réalisé", 20000);
  v.require_text("professional_project", b.professional_project, "Le projet professionnel", 20000);
  v.require_text("action_plan", b.action_plan, "Le plan d’action", 20000);
  v.max_text("recommendations", b.recommendations, "Les recommandations", 20000);
  return v.status("Le bilan n’est pas complet.");
}

Result<std::string> detect_media_type(const std::string& bytes) {
  auto starts = [&bytes](const std::string& magic) { return bytes.rfind(magic, 0) == 0; };
  if (starts("%PDF-")) return std::string("application/pdf");
  if (starts("\xFF\xD8\xFF")) return std::string("image/jpeg");
  if (starts(std::string("\x89PNG\r\n\x1A\n", 8))) return std::string("image/png");
  if (bytes.empty()) return invalid("Le fichier est vide.", {{"file", "Le fichier est vide."}});
  return invalid(
      "Ce fichier n’est ni un PDF, ni une image JPEG ou PNG : déposez le scan de la feuille "
      "signée dans l’un de ces formats.",
      {{"file", "Formats acceptés : PDF, JPEG, PNG (le contenu du fichier est vérifié)."}});
}

std::string safe_file_name(const std::string& words, const std::string& extension) {
  static const std::pair<const char*, const char*> folds[] = {
      {"à", "a"}, {"â", "a"}, {"ä", "a"},  {"ç", "c"},  {"é", "e"}, {"è", "e"}, {"ê", "e"},
      {"ë", "e"}, {"î", "i"}, {"ï", "i"},  {"ô", "o"},  {"ö", "o"}, {"ù", "u"}, {"û", "u"},
      {"ü", "u"}, {"ÿ", "y"}, {"œ", "oe"}, {"æ", "ae"}, {"À", "a"}, {"Â", "a"}, {"Ç", "c"},
      {"É", "e"}, {"È", "e"}, {"Ê", "e"},  {"Ë", "e"},  {"Î", "i"}, {"Ï", "i"}, {"Ô", "o"},
      {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"},  {"Œ", "oe"}};
  std::string out;
  bool dash = false;
  for (std::size_t i = 0; i < words.size();) {
    bool folded = false;
    for (const auto& [from, to] : folds) {
      std::string f = from;
      if (words.compare(i, f.size(), f) == 0) {
        out += to;
        i += f.size();
        folded = true;
        dash = false;
        break;
      }
    }
    if (folded) continue;
    unsigned char c = static_cast<unsigned char>(words[i++]);
    if (std::isalnum(c) && c < 128) {
      out += static_cast<char>(std::tolower(c));
      dash = false;
    } else if (!dash && !out.empty()) {
      out += '-';
      dash = true;
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty()) out = "document";
  if (out.size() > 80) out.resize(80);
  return out + "." + extension;
}

}  // namespace parcours
