// Smoke test of the journey web pages (issue 3): a CPIP creates a person and prescribes a
// PPAIP through the forms, the provider records the first interview, plans a session and
// proposes a programme, the CPIP validates it; every page answers 200 in French.
#include <gtest/gtest.h>

#include <regex>

#include "journey_support.h"

namespace parcours::testing {
namespace {

class JourneyPages : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>("sqlite");
    // Monday 3 March 2025, 10:00 in Paris: the demo contract runs since 1 January 2025.
    server_->clock().set(paris(2025, 3, 3, 10, 0));
  }

  Browser signed_in(const std::string& email) {
    Browser b(server_->port());
    auto r = b.login(email, demo_password());
    EXPECT_EQ(r.status, 303) << r.body;
    return b;
  }

  // A page that rendered completely: 200, the expected text, no template leftovers.
  static void expect_page(const Reply& r, const std::string& text) {
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 3000);
    EXPECT_NE(r.body.find(text), std::string::npos) << "« " << text << " » absent";
    EXPECT_EQ(r.body.find("{{"), std::string::npos);
    EXPECT_EQ(r.body.find("value=\"false\""), std::string::npos);
    EXPECT_EQ(r.body.find("value=\"true\""), std::string::npos);
  }

  static std::string capture(const std::string& body, const std::string& pattern) {
    std::smatch m;
    std::regex re(pattern);
    if (!std::regex_search(body, m, re)) return "";
    return m[1];
  }

  std::unique_ptr<TestServer> server_;
};

TEST_F(JourneyPages, FromPersonCreationToValidatedProposal) {
  const std::string spip = std::to_string(server_->org_id("SPIP18"));
  const std::string site = std::to_string(server_->org_id("EP-DEMO-18-MA"));
  const std::string cpip_id = std::to_string(server_->user_id("cpip@demo.parcours.fr"));

  // ---- CPIP: navigation, empty lists ---------------------------------------------------
  Browser cpip = signed_in("cpip@demo.parcours.fr");
  auto home = cpip.get("/");
  expect_page(home, "Personnes suivies");
  EXPECT_NE(home.body.find("href=\"/validations\""), std::string::npos);
  EXPECT_EQ(home.body.find("href=\"/agenda\""), std::string::npos);
  expect_page(cpip.get("/a-faire"), "À faire");
  expect_page(cpip.get("/personnes"), "Nouvelle personne");
  expect_page(cpip.get("/validations"), "Aucune proposition n’attend votre décision.");

  // ---- Person form (BEN-1, BEN-2) -------------------------------------------------------
  auto form = cpip.get("/personnes/nouvelle");
  expect_page(form, "Diagnostic socio-professionnel");
  EXPECT_NE(form.body.find("<option value=\"" + spip + "\" selected>"), std::string::npos);
  httplib::Params person{{"csrf_token", cpip.csrf()},
                         {"last_name", "Benali"},
                         {"first_name", "Amina"},
                         {"birth_date", "1994-05-17"},
                         {"sex", "F"},
                         {"milieu", "mf"},
                         {"spip_id", spip},
                         {"site_id", site},
                         {"judicial_status", "condamne"},
                         {"qualification", "sans"},
                         {"referent_cpip_id", cpip_id},
                         {"prison_number", "18-2025-0042"},
                         {"sentence_end", "2027-03-14"},
                         {"brsa", "1"},
                         {"diagnosis",
                          "Parcours scolaire interrompu en 3e.\nSouhaite se former "
                          "à la préparation de commandes."},
                         {"diagnosis_on", "2025-01-20"},
                         {"diagnosis_by", "CPU arrivants"}};
  httplib::Params bad = person;
  bad.erase("last_name");
  bad.emplace("last_name", "");
  auto refused = cpip.post("/personnes/nouvelle", bad);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Le formulaire contient des erreurs"), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"Amina\""), std::string::npos);  // values kept
  EXPECT_NE(refused.body.find("name=\"brsa\" value=\"1\" checked"), std::string::npos);

  auto created = cpip.post("/personnes/nouvelle", person);
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 4000);
  const std::string person_url = created.location();
  ASSERT_TRUE(std::regex_match(person_url, std::regex(R"(/personnes/\d+)"))) << person_url;
  auto file = cpip.get(person_url);
  expect_page(file, "Mme Amina BENALI");
  EXPECT_NE(file.body.find("Situation judiciaire"), std::string::npos);
  EXPECT_NE(file.body.find("Souhaite se former"), std::string::npos);
  EXPECT_NE(file.body.find("Création du dossier"), std::string::npos);
  expect_page(cpip.get(person_url + "/modifier"), "Modifier le dossier de la personne");
  auto found = cpip.get("/personnes?q=benali");
  expect_page(found, "Mme Amina BENALI");

  // ---- Orientation (PPAIP-2) -------------------------------------------------------------
  expect_page(cpip.get(person_url + "/orientation"), "Origine de la demande");
  auto oriented = cpip.post(person_url + "/orientation", {{"csrf_token", cpip.csrf()},
                                                          {"source", "cpu"},
                                                          {"source_detail", "CPU du 28 février"},
                                                          {"requested_on", "2025-03-01"}});
  ASSERT_EQ(oriented.status, 303) << oriented.body.substr(0, 3000);
  file = cpip.get(person_url);
  expect_page(file, "Commission pluridisciplinaire unique (CPU)");
  const std::string orientation = capture(file.body, R"re(/prescrire\?orientation_id=(\d+))re");
  ASSERT_FALSE(orientation.empty());

  // ---- Prescription (PPAIP-1, PPAIP-3) -----------------------------------------------------
  auto presc_form = cpip.get(person_url + "/prescrire?orientation_id=" + orientation);
  expect_page(presc_form, "Être volontaire");
  EXPECT_NE(presc_form.body.find("<option value=\"" + orientation + "\" selected>"),
            std::string::npos);
  httplib::Params presc{{"csrf_token", cpip.csrf()},
                        {"modality", "individual"},
                        {"orientation_id", orientation},
                        {"objectives", "Construire un projet professionnel."},
                        {"training_timetable", "lundi 14:00-17:00"}};
  auto ineligible = cpip.post(person_url + "/prescrire", presc);
  EXPECT_EQ(ineligible.status, 422);
  EXPECT_NE(ineligible.body.find("Condition non remplie"), std::string::npos);
  EXPECT_NE(ineligible.body.find("Être volontaire"), std::string::npos);
  presc.emplace("volunteer", "1");
  presc.emplace("needs_support", "1");
  auto prescribed = cpip.post(person_url + "/prescrire", presc);
  ASSERT_EQ(prescribed.status, 303) << prescribed.body.substr(0, 4000);
  const std::string case_url = prescribed.location();
  ASSERT_TRUE(std::regex_match(case_url, std::regex(R"(/prescriptions/\d+)"))) << case_url;
  auto case_page = cpip.get(case_url);
  expect_page(case_page, "PPAIP — Mme Amina BENALI");
  EXPECT_NE(case_page.body.find("Premier entretien avec la personne"), std::string::npos);
  // UX-1: the source document's reference, never the rule's number.
  EXPECT_NE(case_page.body.find("CCTP § 6.1-2"), std::string::npos);
  EXPECT_EQ(case_page.body.find("PPAIP-4"), std::string::npos);
  // The case page by stage: what is owed next at the top, then the page's sections by name.
  const auto now_at = case_page.body.find("À faire maintenant");
  ASSERT_NE(now_at, std::string::npos);
  EXPECT_LT(now_at, case_page.body.find("id=\"delais\""));
  EXPECT_NE(case_page.body.find("Prochaine échéance : <strong>Premier entretien avec la personne"),
            std::string::npos);
  EXPECT_NE(case_page.body.find("aria-label=\"Sections de la prise en charge\""),
            std::string::npos);
  EXPECT_NE(case_page.body.find("Retirer la prescription"), std::string::npos);
  expect_page(cpip.get("/prescriptions"), "Mme Amina BENALI");
  expect_page(cpip.get("/prescriptions?filtre=spip"), "Mme Amina BENALI");

  // ---- Provider: inbox, diagnosis, first interview (PPAIP-4, BEN-2) ---------------------
  Browser cip = signed_in("cip@demo.parcours.fr");
  auto cip_home = cip.get("/");
  expect_page(cip_home, "Prescriptions reçues");
  EXPECT_NE(cip_home.body.find("href=\"/agenda\""), std::string::npos);
  EXPECT_EQ(cip_home.body.find("href=\"/permanences\""), std::string::npos);
  expect_page(cip.get("/prescriptions"), "Mme Amina BENALI");
  expect_page(cip.get("/a-faire"), "Premier entretien avec la personne");
  auto received = cip.get(case_url);
  expect_page(received, "à lire avant le premier entretien");
  EXPECT_NE(received.body.find("Souhaite se former"), std::string::npos);
  auto cip_file = cip.get(person_url);
  expect_page(cip_file, "Mme Amina BENALI");
  EXPECT_EQ(cip_file.body.find("Situation judiciaire"), std::string::npos);  // SEC-1

  auto first_form = cip.get(case_url + "/premier-entretien");
  expect_page(first_form, "Diagnostic socio-professionnel — à lire avant le premier entretien");
  server_->clock().set(paris(2025, 3, 3, 10, 20));
  auto first = cip.post(case_url + "/premier-entretien", {{"csrf_token", cip.csrf()},
                                                          {"date", "2025-03-03"},
                                                          {"start", "10:00"},
                                                          {"duration", "15"},
                                                          {"place_id", ""},
                                                          {"place_label", "Bureau d’entretien"},
                                                          {"intervenant_id", ""}});
  EXPECT_EQ(first.status, 422);  // no intervenant chosen
  EXPECT_NE(first.body.find("L’intervenant est obligatoire."), std::string::npos);
  const std::string cip_id = std::to_string(server_->user_id("cip@demo.parcours.fr"));
  first = cip.post(case_url + "/premier-entretien", {{"csrf_token", cip.csrf()},
                                                     {"date", "2025-03-03"},
                                                     {"start", "10:00"},
                                                     {"duration", "15"},
                                                     {"place_label", "Bureau d’entretien"},
                                                     {"intervenant_id", cip_id}});
  ASSERT_EQ(first.status, 303) << first.body.substr(0, 4000);
  received = cip.get(case_url);
  expect_page(received, "Premier entretien réalisé");
  EXPECT_EQ(received.body.find("à lire avant le premier entretien"), std::string::npos);

  // ---- Planned session (PPAIP-10) and the letter ------------------------------------------
  expect_page(cip.get(case_url + "/seances/nouvelle"), "Planifier une séance");
  auto planned = cip.post(case_url + "/seances/nouvelle", {{"csrf_token", cip.csrf()},
                                                           {"date", "2025-03-05"},
                                                           {"start", "09:30"},
                                                           {"duration", "90"},
                                                           {"place_label", "Salle 2"},
                                                           {"intervenant_id", cip_id}});
  ASSERT_EQ(planned.status, 303) << planned.body.substr(0, 4000);
  auto overlap = cip.post(case_url + "/seances/nouvelle", {{"csrf_token", cip.csrf()},
                                                           {"date", "2025-03-10"},
                                                           {"start", "15:00"},
                                                           {"duration", "60"},
                                                           {"intervenant_id", cip_id}});
  ASSERT_EQ(overlap.status, 303);
  auto warned = cip.get(case_url);
  expect_page(warned, "chevauche l’emploi du temps de la formation");  // flash (PPAIP-3)
  EXPECT_NE(warned.body.find("Chevauche l’emploi du temps de formation"), std::string::npos);
  auto letter = cip.get(case_url + "/courrier-calendrier");
  expect_page(letter,
              "mercredi 5 mars 2025 à 9\u00a0h\u00a030, durée 1\u00a0h\u00a030, lieu : Salle 2");
  EXPECT_NE(letter.body.find("Madame,"), std::string::npos);
  EXPECT_NE(letter.body.find("Écrou n° 18-2025-0042"), std::string::npos);
  auto agenda = cip.get("/agenda");
  expect_page(agenda, "mercredi 5 mars 2025");
  EXPECT_NE(agenda.body.find("9\u00a0h\u00a030"), std::string::npos);
  expect_page(cip.get("/agenda?du=2025-03-10&au=2025-03-16"), "lundi 10 mars 2025");

  // ---- Proposal (PPAIP-6) -------------------------------------------------------------------
  expect_page(cip.get(case_url + "/proposition"), "Actions du programme");
  httplib::Params proposal{{"csrf_token", cip.csrf()},
                           {"actions", "positioning"},
                           {"actions", "cv_letter"},
                           {"individual_hours", "40"},
                           {"content", "Bilan de positionnement puis CV."},
                           {"justification", "Deux axes de travail."},
                           {"calendar", "Mercredis 9\u00a0h\u00a030 – 11\u00a0h"}};
  auto too_many = cip.post(case_url + "/proposition", proposal);
  EXPECT_EQ(too_many.status, 422);
  EXPECT_NE(too_many.body.find("value=\"40\""), std::string::npos);
  proposal.erase("individual_hours");
  proposal.emplace("individual_hours", "12,5");
  auto proposed = cip.post(case_url + "/proposition", proposal);
  ASSERT_EQ(proposed.status, 303) << proposed.body.substr(0, 4000);
  auto with_proposal = cip.get(case_url);
  expect_page(with_proposal, "Version 1");
  EXPECT_NE(with_proposal.body.find("12,5\u00a0h"), std::string::npos);
  EXPECT_NE(with_proposal.body.find("En attente de décision"), std::string::npos);

  // ---- CPIP decision (PPAIP-7) ------------------------------------------------------------
  expect_page(cpip.get("/validations"), "Mme Amina BENALI");
  expect_page(cpip.get("/a-faire"), "Proposition de programme à valider");
  auto to_decide = cpip.get(case_url);
  expect_page(to_decide, "Valider la proposition");
  const std::string decide = capture(to_decide.body, R"re((/propositions/\d+/decision))re");
  ASSERT_FALSE(decide.empty());
  const std::string case_id = case_url.substr(std::string("/prescriptions/").size());
  auto decided = cpip.post(decide, {{"csrf_token", cpip.csrf()},
                                    {"prescription_id", case_id},
                                    {"comment", "D’accord."},
                                    {"decision", "valider"}});
  ASSERT_EQ(decided.status, 303) << decided.body.substr(0, 4000);
  auto validated = cpip.get(case_url);
  expect_page(validated, "Validée");
  EXPECT_NE(validated.body.find("Proposition validée"), std::string::npos);  // flash
  expect_page(cpip.get("/validations"), "Aucune proposition n’attend votre décision.");

  // ---- Generic events: start, then a suspension without its reason -------------------------
  auto started_page = cip.get(case_url);
  expect_page(started_page, "Démarrer le programme");
  auto started = cip.post(case_url + "/evenement",
                          {{"csrf_token", cip.csrf()}, {"event", "start"}, {"comment", ""}});
  ASSERT_EQ(started.status, 303) << started.body.substr(0, 4000);
  auto no_reason = cip.post(
      case_url + "/evenement",
      {{"csrf_token", cip.csrf()}, {"event", "suspend"}, {"reason", ""}, {"comment", "Fouille"}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("L’action n’a pas été enregistrée"), std::string::npos);
  EXPECT_NE(no_reason.body.find("id=\"evt-suspend\" open"), std::string::npos);
  EXPECT_NE(no_reason.body.find(">Fouille</textarea>"), std::string::npos);

  // ---- Attendance after the session (PPAIP-11) ----------------------------------------------
  const std::string session = capture(cip.get(case_url).body, R"re(/seances/(\d+)/deplacer)re");
  ASSERT_FALSE(session.empty());
  server_->clock().set(paris(2025, 3, 5, 11, 15));
  ASSERT_EQ(cip.login("cip@demo.parcours.fr", demo_password()).status, 303);  // Monday's expired
  auto to_record = cip.get(case_url);
  expect_page(to_record, "Présences à enregistrer");
  auto present = cip.post("/seances/" + session + "/presence", {{"csrf_token", cip.csrf()},
                                                                {"prescription_id", case_id},
                                                                {"presence", "present"},
                                                                {"absence_reason", ""},
                                                                {"justified", ""},
                                                                {"note", ""}});
  ASSERT_EQ(present.status, 303) << present.body.substr(0, 4000);
  auto after = cip.get(case_url);
  expect_page(after, "Présence");
  EXPECT_NE(after.body.find("Réalisées"), std::string::npos);
  EXPECT_NE(after.body.find("<progress"), std::string::npos);

  // ---- Coordinator: permanences (PPAIP-17) ----------------------------------------------------
  Browser coord = signed_in("coordination@demo.parcours.fr");
  expect_page(coord.get("/"), "Permanences");
  auto perms = coord.get("/permanences");
  expect_page(perms, "Enregistrer une permanence");
  auto perm = coord.post("/permanences", {{"csrf_token", coord.csrf()},
                                          {"site_id", site},
                                          {"date", "2025-03-05"},
                                          {"start", "14:00"},
                                          {"duration", "120"},
                                          {"note", "Rencontre des CPIP"}});
  ASSERT_EQ(perm.status, 303) << perm.body.substr(0, 4000);
  expect_page(coord.get(perm.location()), "Rencontre des CPIP");
  auto perm_bad = coord.post("/permanences", {{"csrf_token", coord.csrf()},
                                              {"site_id", ""},
                                              {"date", "2025-03-05"},
                                              {"start", "14:00"},
                                              {"duration", "120"}});
  EXPECT_EQ(perm_bad.status, 422);
  EXPECT_NE(perm_bad.body.find("Choisissez le site."), std::string::npos);
  expect_page(coord.get("/agenda"), "Agenda de la structure");

  // ---- Rights: the CPIP has no agenda; the provider cannot prescribe ---------------------
  ASSERT_EQ(cpip.login("cpip@demo.parcours.fr", demo_password()).status, 303);
  EXPECT_EQ(cpip.get("/agenda").status, 403);
  EXPECT_EQ(cip.get(person_url + "/prescrire").status, 403);
  EXPECT_EQ(cip.get("/personnes/nouvelle").status, 403);
}

}  // namespace
}  // namespace parcours::testing
