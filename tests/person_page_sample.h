// A person's file as its page builds it (http/journey_people_pages.cc), for the template tests
// (tests/mustache_test.cc) and the rendering bench (bench/templates_bench.cc).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace parcours::template_samples {

using nlohmann::json;

inline json fact(const std::string& label, const std::string& value) {
  return {{"label", label}, {"value", value}};
}

inline json badge(const std::string& text, const std::string& tone) {
  return {{"text", text}, {"tone", tone}};
}

inline json person_view(int timeline_size) {
  json identity =
      json::array({fact("Nom", "N’Diaye"), fact("Prénom", "Aïssata"),
                   fact("Date de naissance", "12 mars 1991 (34 ans)"), fact("Sexe", "Femme"),
                   fact("Milieu", "Milieu ouvert"), fact("SPIP", "SPIP de l’Hérault"),
                   fact("Antenne", "Montpellier"), fact("Niveau de qualification", "CAP, BEP"),
                   fact("CPIP référent", "Julien Moreau"), fact("Téléphone", "06 12 34 56 78"),
                   fact("Adresse e-mail", "a.ndiaye@example.org"),
                   fact("Adresse postale", "3 rue des Écoles & fils, 34000 Montpellier"),
                   fact("Bénéficiaire du RSA", "Oui"), fact("Titre de séjour", "")});
  json cases = json::array();
  for (int i = 0; i < 3; ++i)
    cases.push_back(
        {{"programme", "PPAIP"},
         {"href", "/prises-en-charge/" + std::to_string(40 + i)},
         {"state", badge(i == 0 ? "En cours" : "Terminée", i == 0 ? "info" : "neutral")},
         {"modality", "Individuel"},
         {"provider", "Association « Cap Emploi »"},
         {"prescribed", "3 févr. 2025 à 10:15"},
         {"next_due",
          i == 0 ? "Bilan intermédiaire — avant le 3 mai 2025" : "Aucune échéance en cours"}});
  json orientations = json::array();
  for (int i = 0; i < 2; ++i)
    orientations.push_back(
        {{"id", 7 + i},
         {"requested_on", "mardi 4 février 2025"},
         {"source", "Juge de l’application des peines"},
         {"source_detail", i == 0 ? "Audience du 2/2" : ""},
         {"comment", "Souhaite une formation <cariste> & un logement"},
         {"status", badge(i == 0 ? "En attente de décision" : "Prescription faite",
                          i == 0 ? "warning" : "success")},
         {"decision_comment", ""},
         {"prescription_href", i == 0 ? "" : "/prises-en-charge/41"},
         {"pending", i == 0},
         {"can_decide", i == 0},
         {"prescribe_href", i == 0 ? "/personnes/12/prescrire?orientation_id=7" : ""},
         {"form_id", "refus-" + std::to_string(7 + i)},
         {"decline_action", "/orientations/" + std::to_string(7 + i) + "/refus"},
         {"open", false},
         {"comment_value", ""},
         {"comment_error", ""}});
  json timeline = json::array();
  for (int i = 0; i < timeline_size; ++i)
    timeline.push_back({{"at", "5 févr. 2025 à 14:0" + std::to_string(i % 10)},
                        {"label", i % 3 ? "Entretien réalisé" : "Prescription validée"},
                        {"detail", i % 2 ? "Présente, a apporté son CV" : ""},
                        {"who", "Julien Moreau (CPIP)"},
                        {"href", i % 3 ? "" : "/prises-en-charge/40"}});
  json actions = json::array(
      {{{"href", "/personnes/12/dossier-professionnel"},
        {"label", "Dossier professionnel"},
        {"icon", "folder2-open"},
        {"secondary", true}},
       {{"href", "/personnes/12/modifier"},
        {"label", "Modifier le dossier"},
        {"icon", "pencil"},
        {"secondary", true}},
       {{"href", "/personnes/12/prescrire"}, {"label", "Prescrire un PPAIP"}, {"icon", "send"}}});
  return {{"heading", "Aïssata N’DIAYE"},
          {"person_id", 12},
          {"subheading", "Milieu ouvert — Montpellier"},
          {"actions", actions},
          {"identity", identity},
          {"judicial_visible", true},
          {"judicial", json::array({fact("Statut judiciaire", "Condamnée"),
                                    fact("Fin de peine", "30 juin 2026")})},
          {"diagnosis_text", "Motivée.\nCherche un emploi."},
          {"diagnosis_paragraphs", json::array({"Motivée.", "Cherche un emploi."})},
          {"diagnosis_on", "10 janv. 2025"},
          {"diagnosis_by", "J. Moreau"},
          {"cases", cases},
          {"no_cases", false},
          {"spip_side", true},
          {"orientations", orientations},
          {"no_orientations", false},
          {"timeline", timeline},
          {"no_timeline", timeline.empty()},
          {"csrf_token", "q8L-3x_Zt0"}};
}

}  // namespace parcours::template_samples
