// The workshop pages over HTTP, on SQLite and PostgreSQL (SPEC WS-1..5): the SPIP agrees its
// themes, the provider builds a workshop with its session rows, registers people, submits the
// list, the SPIP sends it back then validates it; sessions are added and cancelled; the
// convocation and the attendance sheets come out as PDFs naming the participants.
#include <gtest/gtest.h>

#include <regex>

#include "paper_support.h"

namespace parcours::testing {
namespace {

class WorkshopPages : public PaperTest {};

TEST_P(WorkshopPages, WS_1_TheSpipAgreesThemesAndTheProviderCreatesAWorkshopWithItsSessions) {
  const std::string spip = id(server_->org_id("SPIP18"));
  const std::string site = id(server_->org_id("EP-DEMO-18-MA"));
  const std::string cip_id = id(server_->user_id("cip@demo.parcours.fr"));

  // ---- WS-1: the SPIP chooses its themes among the programme's catalogue -------------------
  Browser cpip = signed_in("cpip@demo.parcours.fr");
  auto themes = cpip.get("/ateliers/thematiques");
  expect_page(themes, "Thématiques convenues");
  EXPECT_NE(themes.body.find("value=\"cv_letter\""), std::string::npos);
  EXPECT_EQ(themes.body.find("value=\"cv_letter\" checked"), std::string::npos);
  auto agreed = cpip.post("/ateliers/thematiques", {{"csrf_token", cpip.csrf()},
                                                    {"spip_id", spip},
                                                    {"themes", "cv_letter"},
                                                    {"themes", "job_search_techniques"}});
  ASSERT_EQ(agreed.status, 303) << agreed.body.substr(0, 2000);
  EXPECT_NE(cpip.get("/ateliers/thematiques").body.find("value=\"cv_letter\" checked"),
            std::string::npos);

  // The provider does not agree themes.
  Browser cip = signed_in("cip@demo.parcours.fr");
  EXPECT_EQ(cip.get("/ateliers/thematiques").status, 403);

  // ---- The form offers only the agreed themes ----------------------------------------------
  expect_page(cip.get("/ateliers"), "Nouvel atelier");
  auto form = cip.get("/ateliers/nouveau?spip=" + spip);
  expect_page(form, "CV et lettre de motivation");
  EXPECT_EQ(form.body.find("Coaching"), std::string::npos);
  EXPECT_NE(form.body.find("name=\"date_10\""), std::string::npos);  // ten session rows

  httplib::Params base{{"csrf_token", cip.csrf()},
                       {"spip_id", spip},
                       {"theme", "cv_letter"},
                       {"title", "Préparer sa sortie"},
                       {"site_id", site},
                       {"intervenant_id", cip_id},
                       {"place_label", "Salle polyvalente"},
                       {"date_1", "2025-03-11"},
                       {"start_1", "14:30"},
                       {"duration_1", "120"}};

  // A row half filled: refused beside its field, the values kept, nothing created.
  httplib::Params half = base;
  half.emplace("start_2", "10:00");
  half.emplace("duration_2", "90");
  auto refused = cip.post("/ateliers/nouveau", half);
  EXPECT_EQ(refused.status, 422) << refused.body.substr(0, 3000);
  EXPECT_NE(refused.body.find("Le formulaire contient des erreurs"), std::string::npos);
  EXPECT_NE(refused.body.find("La date est obligatoire."), std::string::npos);
  EXPECT_NE(refused.body.find("href=\"#f-date_2\""), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"Préparer sa sortie\""), std::string::npos);

  // WS-2: less than two hours in all.
  httplib::Params short_one = base;
  short_one.erase("duration_1");
  short_one.emplace("duration_1", "60");
  auto too_short = cip.post("/ateliers/nouveau", short_one);
  EXPECT_EQ(too_short.status, 422) << too_short.body.substr(0, 3000);
  expect_page(cip.get("/ateliers"), "Aucun atelier pour l’instant.");

  // Two sessions, the third row left empty.
  httplib::Params good = base;
  good.emplace("date_2", "2025-03-18");
  good.emplace("start_2", "14:30");
  good.emplace("duration_2", "120");
  auto created = cip.post("/ateliers/nouveau", good);
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 3000);
  const std::string url = created.location();
  ASSERT_TRUE(std::regex_match(url, std::regex(R"(/ateliers/\d+)"))) << url;

  auto page = cip.get(url);
  expect_page(page, "CV et lettre de motivation — Préparer sa sortie");
  EXPECT_NE(page.body.find("mardi 11 mars 2025"), std::string::npos);
  EXPECT_NE(page.body.find("mardi 18 mars 2025"), std::string::npos);
  EXPECT_NE(page.body.find("14\u00a0h\u00a030"), std::string::npos);
  EXPECT_NE(page.body.find("Liste en préparation"), std::string::npos);
  EXPECT_NE(page.body.find("Convocation (PDF)"), std::string::npos);
  EXPECT_NE(page.body.find("Feuilles d’émargement (PDF)"), std::string::npos);
  EXPECT_FALSE(capture(page.body, R"re(<code class="pc-code">(S-[A-Z0-9]+)</code>)re").empty());
  expect_page(cip.get("/ateliers"), "CV et lettre de motivation — Préparer sa sortie");

  // Edition of the details.
  expect_page(cip.get(url + "/modifier"), "Modifier l’atelier");
  httplib::Params edit = base;
  edit.emplace("external_professionals", "Mme Roux, conseillère France Travail");
  auto edited = cip.post(url + "/modifier", edit);
  ASSERT_EQ(edited.status, 303) << edited.body.substr(0, 3000);
  expect_page(cip.get(url), "Mme Roux, conseillère France Travail");
  // The SPIP reads the workshop but does not edit it.
  expect_page(cpip.get(url), "CV et lettre de motivation");
  EXPECT_EQ(cpip.get(url + "/modifier").status, 403);
}

TEST_P(WorkshopPages, WS_3_TheProviderRegistersPeopleAndTheSpipValidatesTheList) {
  agree_themes();
  const Id workshop = create_workshop({ymd(2025, 3, 11), ymd(2025, 3, 18)});
  const Id collective = collective_case("Benali", "Amina");
  const Id individual = collective_case("Martin", "Lucie", "individual");
  const std::string url = "/ateliers/" + id(workshop);

  Browser cip = signed_in("cip@demo.parcours.fr");
  auto page = cip.get(url);
  expect_page(page, "Inscrire une personne");
  EXPECT_NE(page.body.find("<option value=\"" + id(collective) + "\""), std::string::npos);
  EXPECT_EQ(page.body.find("<option value=\"" + id(individual) + "\""), std::string::npos);

  // WS-3: a prescription without workshops is refused, in French, on the page.
  auto refused = cip.post(url + "/participants",
                          {{"csrf_token", cip.csrf()}, {"prescription_id", id(individual)}});
  EXPECT_EQ(refused.status, 422) << refused.body.substr(0, 2000);
  EXPECT_NE(refused.body.find("ne couvre pas les ateliers collectifs"), std::string::npos);

  auto added = cip.post(url + "/participants",
                        {{"csrf_token", cip.csrf()}, {"prescription_id", id(collective)}});
  ASSERT_EQ(added.status, 303) << added.body.substr(0, 2000);
  page = cip.get(url);
  expect_page(page, "Mme Amina BENALI");
  EXPECT_NE(page.body.find("href=\"/prescriptions/" + id(collective) + "\""), std::string::npos);
  EXPECT_NE(page.body.find("Sandrine Leroy"), std::string::npos);  // referent CPIP (WS-4)
  // WS-2: one person is fewer than the ideal group.
  EXPECT_NE(page.body.find("l’idéal est d’au moins 4 personnes"), std::string::npos);

  // ---- WS-3: the list goes to the SPIP -------------------------------------------------------
  ASSERT_EQ(cip.post(url + "/liste/soumission", {{"csrf_token", cip.csrf()}}).status, 303);
  expect_page(cip.get(url), "Liste soumise au SPIP");
  EXPECT_EQ(cip.post(url + "/liste/decision", {{"csrf_token", cip.csrf()}, {"decision", "valider"}})
                .status,
            403);

  Browser cpip = signed_in("cpip@demo.parcours.fr");
  expect_page(cpip.get("/ateliers"), "Liste soumise au SPIP");
  page = cpip.get(url);
  expect_page(page, "Valider la liste");
  EXPECT_NE(page.body.find("Renvoyer au prestataire"), std::string::npos);
  // Sent back without a word: refused beside the comment.
  auto bare =
      cpip.post(url + "/liste/decision", {{"csrf_token", cpip.csrf()}, {"decision", "renvoyer"}});
  EXPECT_EQ(bare.status, 422) << bare.body.substr(0, 2000);
  EXPECT_NE(bare.body.find("Indiquez au prestataire ce qui est à revoir."), std::string::npos);
  auto back = cpip.post(url + "/liste/decision", {{"csrf_token", cpip.csrf()},
                                                  {"decision", "renvoyer"},
                                                  {"comment", "Ajoutez une deuxième personne."}});
  ASSERT_EQ(back.status, 303) << back.body.substr(0, 2000);
  page = cip.get(url);
  expect_page(page, "Ajoutez une deuxième personne.");
  EXPECT_NE(page.body.find("Soumettre la liste au SPIP"), std::string::npos);

  ASSERT_EQ(cip.post(url + "/liste/soumission", {{"csrf_token", cip.csrf()}}).status, 303);
  cpip.get(url);
  ASSERT_EQ(
      cpip.post(url + "/liste/decision", {{"csrf_token", cpip.csrf()}, {"decision", "valider"}})
          .status,
      303);
  expect_page(cip.get(url), "Liste validée par le SPIP");

  // ---- Sessions added and cancelled; a person withdrawn ----------------------------------------
  auto session = cip.post(url + "/seances", {{"csrf_token", cip.csrf()},
                                             {"date", "2025-03-25"},
                                             {"start", "14:30"},
                                             {"duration", "120"}});
  ASSERT_EQ(session.status, 303) << session.body.substr(0, 2000);
  page = cip.get(url);
  expect_page(page, "mardi 25 mars 2025");
  EXPECT_NE(page.body.find("Liste en préparation"), std::string::npos);  // calendar changed
  const std::string cancel =
      capture(page.body, R"re(action="(/ateliers/\d+/seances/\d+/annulation)")re");
  ASSERT_FALSE(cancel.empty());
  ASSERT_EQ(cip.post(cancel, {{"csrf_token", cip.csrf()}}).status, 303);
  expect_page(cip.get(url), "Annulée");

  const std::string withdraw =
      capture(page.body, R"re(action="(/ateliers/\d+/participants/\d+/retrait)")re");
  ASSERT_FALSE(withdraw.empty());
  ASSERT_EQ(cip.post(withdraw, {{"csrf_token", cip.csrf()}}).status, 303);
  expect_page(cip.get(url), "Retiré(e)");
}

TEST_P(WorkshopPages, WS_4_WS_5_ConvocationAndSheetsArePdfsNamingTheParticipants) {
  agree_themes();
  const Id workshop = create_workshop({ymd(2025, 3, 11), ymd(2025, 3, 18)});
  register_case(workshop, collective_case("Benali", "Amina"));
  const std::string url = "/ateliers/" + id(workshop);
  Browser cip = signed_in("cip@demo.parcours.fr");
  auto page = cip.get(url);

  auto convocation = cip.post(url + "/convocation.pdf", {{"csrf_token", cip.csrf()}});
  ASSERT_EQ(convocation.status, 200) << convocation.body.substr(0, 2000);
  EXPECT_EQ(convocation.header("Content-Type"), "application/pdf");
  EXPECT_EQ(convocation.header("Content-Disposition").rfind("attachment; filename=\"", 0), 0u)
      << convocation.header("Content-Disposition");
  EXPECT_EQ(convocation.header("Cache-Control"), "no-store");
  EXPECT_EQ(convocation.body.rfind("%PDF-", 0), 0u);
  const std::string text = pdf_text(convocation.body);
  EXPECT_NE(text.find("BENALI"), std::string::npos) << text;
  EXPECT_NE(text.find("Sandrine Leroy"), std::string::npos) << text;

  // WS-5: the sheet of one session carries its printed code.
  auto view = server_->workshops().workshop(actor("cip@demo.parcours.fr"), workshop);
  ASSERT_TRUE(view.ok());
  const auto& first = view->sessions.front();
  auto sheet = cip.post(url + "/emargement.pdf",
                        {{"csrf_token", cip.csrf()}, {"seance", id(first.session.id)}});
  ASSERT_EQ(sheet.status, 200) << sheet.body.substr(0, 2000);
  const std::string sheet_text = pdf_text(sheet.body);
  EXPECT_NE(sheet_text.find(first.code), std::string::npos) << sheet_text;
  EXPECT_NE(sheet_text.find("BENALI"), std::string::npos) << sheet_text;
  auto all = cip.post(url + "/emargement.pdf", {{"csrf_token", cip.csrf()}});
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(pdf_text(all.body).find(view->sessions.back().code), std::string::npos);

  // Both are kept with the workshop (BEN-4); a GET cannot generate them, nor a foreign form.
  expect_page(cip.get(url), "Convocation");
  EXPECT_EQ(cip.post(url + "/convocation.pdf", {{"csrf_token", "faux"}}).status, 403);
  Browser other = signed_in("francois.dupre@demo.parcours.fr");  // PREST-DEMO-4
  other.get("/");
  EXPECT_EQ(other.post(url + "/convocation.pdf", {{"csrf_token", other.csrf()}}).status, 403);
  EXPECT_EQ(other.get(url).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkshopPages, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
