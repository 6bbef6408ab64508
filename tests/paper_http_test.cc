// The paper trail and the professional file over HTTP, on SQLite and PostgreSQL (SPEC ATT-1,
// ATT-2, WS-5, BEN-4, SEC-3, PPAIP-16): attendance entered from a typed code; signed scans
// accepted only as PDF, JPEG or PNG within the size limit (nothing stored otherwise, the
// French message on the page); the sessions still waiting for their scan; a partner downloads
// a shared document only while the person's consent stands; a bilan drafted, previewed and
// delivered; the JSON API of the same.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "paper_support.h"

namespace parcours::testing {
namespace {

using nlohmann::json;

class PaperHttp : public PaperTest {
 protected:
  // A workshop held on Tuesday 4 March at 14:30 with two registered people; the clock then
  // moves to 17:00 that day, after the session.
  void held_workshop() {
    agree_themes();
    workshop_ = create_workshop({ymd(2025, 3, 4), ymd(2025, 3, 11)});
    amina_ = register_case(workshop_, collective_case("Benali", "Amina"));
    lucie_ = register_case(workshop_, collective_case("Martin", "Lucie"));
    // WS-3: attendance is entered once the SPIP validated the list.
    ASSERT_TRUE(server_->workshops().submit_list(actor("cip@demo.parcours.fr"), workshop_).ok());
    ASSERT_TRUE(
        server_->workshops().decide_list(actor("cpip@demo.parcours.fr"), workshop_, true, "").ok());
    server_->clock().set(paris(2025, 3, 4, 17, 0));
    auto v = server_->workshops().workshop(actor("cip@demo.parcours.fr"), workshop_);
    ASSERT_TRUE(v.ok());
    session_ = v->sessions.front().session.id;
    code_ = v->sessions.front().code;
  }

  std::vector<WorkshopAttendance> attendance() {
    auto v = server_->workshops().workshop(actor("cip@demo.parcours.fr"), workshop_);
    return v.ok() ? v->sessions.front().attendance : std::vector<WorkshopAttendance>{};
  }

  std::size_t scans() {
    auto v = server_->workshops().workshop(actor("cip@demo.parcours.fr"), workshop_);
    return v.ok() ? v->sessions.front().scans.size() : 99;
  }

  void record_attendance() {
    auto out = server_->workshops().record_attendance(
        actor("cip@demo.parcours.fr"), session_,
        {{amina_, true, "", std::nullopt}, {lucie_, true, "", std::nullopt}});
    ASSERT_TRUE(out.ok()) << out.error().message;
  }

  std::string sheet_url() const { return "/ateliers/seances/" + id(session_) + "/emargement"; }

  Id workshop_ = 0, amina_ = 0, lucie_ = 0, session_ = 0;
  std::string code_;
};

// "S-7KQ4MPX" typed as "s7kq4mpx".
std::string sloppy(std::string code) {
  std::string out;
  for (char c : code)
    if (c != '-') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST_P(PaperHttp, ATT_2_AttendanceOfAWorkshopSessionIsEnteredFromTheTypedCode) {
  held_workshop();
  Browser cip = signed_in("cip@demo.parcours.fr");
  expect_page(cip.get("/emargement"), "Code de la feuille");

  auto malformed = cip.post("/emargement", {{"csrf_token", cip.csrf()}, {"code", "ZZZ"}});
  EXPECT_EQ(malformed.status, 422);
  EXPECT_NE(malformed.body.find("Ce code n’est pas valide"), std::string::npos);
  auto unknown =
      cip.post("/emargement", {{"csrf_token", cip.csrf()}, {"code", record_code('S', 987654)}});
  EXPECT_EQ(unknown.status, 404) << unknown.body.substr(0, 2000);
  EXPECT_NE(unknown.body.find("Aucune séance ne correspond à ce code."), std::string::npos);

  // Not the provider's: refused in French.
  Browser cpip = signed_in("cpip@demo.parcours.fr");
  cpip.get("/emargement");
  auto foreign = cpip.post("/emargement", {{"csrf_token", cpip.csrf()}, {"code", code_}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_NE(foreign.body.find("Seul le prestataire"), std::string::npos);

  // Lower case, no dash: the session opens; the QR code's address too.
  auto typed = cip.post("/emargement", {{"csrf_token", cip.csrf()}, {"code", sloppy(code_)}});
  ASSERT_EQ(typed.status, 303) << typed.body.substr(0, 2000);
  EXPECT_EQ(typed.location(), sheet_url());
  EXPECT_EQ(cip.get("/emargement/" + code_).location(), sheet_url());
  expect_page(cip.get("/emargement/scanner"), "/static/js/scanner.js");

  auto sheet = cip.get(sheet_url());
  expect_page(sheet, "Mme Amina BENALI");
  EXPECT_NE(sheet.body.find("Mme Lucie MARTIN"), std::string::npos);
  EXPECT_NE(sheet.body.find(code_), std::string::npos);

  // Every row says present or absent.
  const std::string a = id(amina_), l = id(lucie_);
  auto partial = cip.post(sheet_url(), {{"csrf_token", cip.csrf()}, {"presence_" + a, "present"}});
  EXPECT_EQ(partial.status, 422);
  EXPECT_NE(partial.body.find("était présent(e) ou absent(e)"), std::string::npos);
  EXPECT_TRUE(attendance().empty());

  auto done = cip.post(sheet_url(), {{"csrf_token", cip.csrf()},
                                     {"presence_" + a, "present"},
                                     {"presence_" + l, "absent"},
                                     {"reason_" + l, "illness"}});
  ASSERT_EQ(done.status, 303) << done.body.substr(done.body.find("<main"), 3000);
  auto rows = attendance();
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& r : rows) {
    EXPECT_EQ(r.present, r.participant_id == amina_);
    if (!r.present) {
      EXPECT_EQ(r.absence_reason, "illness");
    }
  }

  // ATT-2: now waiting for its signed sheet.
  auto waiting = cip.get("/emargement/a-rapprocher");
  expect_page(waiting, code_);
  EXPECT_NE(waiting.body.find(sheet_url()), std::string::npos);
}

TEST_P(PaperHttp, ATT_2_OnlyAPdfJpegOrPngWithinTheLimitIsStoredAsTheSignedSheet) {
  held_workshop();
  record_attendance();
  Browser cip = signed_in("cip@demo.parcours.fr");
  const std::string upload = sheet_url() + "/feuille-signee";
  cip.get(sheet_url());

  // Content, not name: a text file called scan.pdf is refused.
  auto text = cip.post_file(upload, {{"csrf_token", cip.csrf()}}, "file", "scan.pdf",
                            "Bonjour, ceci est un texte et non une feuille signée.");
  EXPECT_EQ(text.status, 422) << text.body.substr(0, 2000);
  EXPECT_NE(text.body.find("Ce fichier n’est ni un PDF, ni une image JPEG ou PNG"),
            std::string::npos);
  EXPECT_EQ(scans(), 0u);

  // Over 10 MiB by one byte (the handler refuses it) and by a whole mebibyte (the transport
  // limit refuses it before reading): the same French message, 413, nothing stored.
  for (std::size_t size : {10u * 1024 * 1024 + 1, 11u * 1024 * 1024}) {
    std::string big = tiny_pdf();
    big.resize(size, ' ');
    auto r = cip.post_file(upload, {{"csrf_token", cip.csrf()}}, "file", "scan.pdf", big);
    EXPECT_EQ(r.status, 413) << size;
    EXPECT_NE(r.body.find("Le fichier dépasse la taille maximale de 10 Mo."), std::string::npos)
        << size << r.body.substr(0, 2000);
    EXPECT_EQ(scans(), 0u);
  }

  auto ok = cip.post_file(upload, {{"csrf_token", cip.csrf()}}, "file", "feuille.pdf", tiny_pdf());
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 2000);
  EXPECT_EQ(scans(), 1u);
  auto page = cip.get(sheet_url());
  expect_page(page, "Feuille signée");
  const std::string doc = capture(page.body, R"re(href="/documents/(\d+)")re");
  ASSERT_FALSE(doc.empty());
  auto download = cip.get("/documents/" + doc);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, tiny_pdf());
  EXPECT_EQ(download.header("Content-Type"), "application/pdf");
  EXPECT_EQ(download.header("Content-Disposition").rfind("attachment; filename=\"", 0), 0u);
  // No longer waiting for its scan.
  EXPECT_EQ(cip.get("/emargement/a-rapprocher").body.find(code_), std::string::npos);

  // The API answers the same limits in JSON.
  std::string big = tiny_pdf();
  big.resize(10u * 1024 * 1024 + 1, ' ');
  auto api = cip.post_file("/api/v1/workshop-sessions/" + id(session_) + "/scans",
                           {{"csrf_token", cip.csrf()}}, "file", "scan.pdf", big);
  EXPECT_EQ(api.status, 413);
  EXPECT_EQ(json::parse(api.body, nullptr, false).value("message", ""),
            "Le fichier dépasse la taille maximale de 10 Mo.");
  EXPECT_EQ(scans(), 1u);
}

TEST_P(PaperHttp, ATT_1_AnIndividualSessionOpensFromItsCodeAndKeepsItsSignedSheet) {
  const Id pid = collective_case("Benali", "Amina", "individual");
  const Id first = first_interview(pid);
  ASSERT_NE(first, 0);
  const std::string url = "/seances/" + id(first) + "/emargement";

  Browser cip = signed_in("cip@demo.parcours.fr");
  cip.get("/emargement");
  auto typed =
      cip.post("/emargement", {{"csrf_token", cip.csrf()}, {"code", record_code('E', first)}});
  ASSERT_EQ(typed.status, 303) << typed.body.substr(0, 2000);
  EXPECT_EQ(typed.location(), url);
  auto page = cip.get(url);
  expect_page(page, "Mme Amina BENALI");
  EXPECT_NE(page.body.find("Déposer la feuille signée"), std::string::npos);
  EXPECT_NE(cip.get("/prescriptions/" + id(pid)).body.find("href=\"" + url + "\""),
            std::string::npos);

  auto stored = cip.post_file(url + "/feuille-signee", {{"csrf_token", cip.csrf()}}, "file",
                              "feuille.png", std::string("\x89PNG\r\n\x1A\n", 8) + "image");
  ASSERT_EQ(stored.status, 303) << stored.body.substr(0, 2000);
  expect_page(cip.get(url), "PNG");

  // ATT-1: the printed sheet of the case names the person.
  auto sheet = cip.post("/prescriptions/" + id(pid) + "/feuille-emargement.pdf",
                        {{"csrf_token", cip.csrf()}});
  ASSERT_EQ(sheet.status, 200) << sheet.body.substr(0, 2000);
  EXPECT_NE(pdf_text(sheet.body).find("BENALI"), std::string::npos);
  // The SPIP does not enter attendance.
  Browser cpip = signed_in("cpip@demo.parcours.fr");
  EXPECT_EQ(cpip.get(url).status, 403);
}

// The form of `form_id` in a page, from its opening tag to its end.
std::string form_html(const std::string& body, const std::string& form_id) {
  const auto at = body.find(" id=\"" + form_id + "\"");
  const auto start = at == std::string::npos ? at : body.rfind("<form", at);
  if (start == std::string::npos) return "";
  return body.substr(start, body.find("</form>", start) - start);
}

// An individual case whose validated programme has a 90-minute session on Tuesday 4 March at
// 9:30, still to record at 17:00 that day (the clock is left there); returns the session id.
Id planned_past_session(TestServer& server, Id pid) {
  const Actor cip = actor_of(server, "cip@demo.parcours.fr");
  auto& journeys = server.journeys();
  Proposal p;
  p.actions = {"positioning"};
  p.individual_hours = 6;
  p.content = "Positionnement.";
  p.justification = "Quatre séances.";
  auto proposal = journeys.submit_proposal(cip, pid, p);
  EXPECT_TRUE(proposal.ok()) << proposal.error().message;
  if (!proposal.ok()) return 0;
  EXPECT_TRUE(
      journeys.decide_proposal(actor_of(server, "cpip@demo.parcours.fr"), *proposal, true, "")
          .ok());
  auto planned =
      journeys.plan_session(cip, pid, session_at(ymd(2025, 3, 4), 9, 30, 90, cip.user.id));
  EXPECT_TRUE(planned.ok()) << planned.error().message;
  server.clock().set(paris(2025, 3, 4, 17, 0));
  return planned.ok() ? planned->id : 0;
}

std::string session_status(TestServer& server, Id pid, Id session) {
  auto v = server.journeys().prescription(actor_of(server, "cip@demo.parcours.fr"), pid);
  if (!v.ok()) return "?";
  for (const auto& s : v->sessions)
    if (s.session.id == session) return s.session.status;
  return "?";
}

// SPEC ATT-2: attendance is the basis of invoicing, so it has no default. The session opened by
// its printed code and the case page start « Non renseignée »; a post without a choice is
// refused (422) with the French error beside the choices, the note kept, nothing recorded.
TEST_P(PaperHttp, ATT_2_NoDefaultPresenceOnAnIndividualSessionOpenedByItsCode) {
  const Id pid = collective_case("Benali", "Amina", "individual");
  ASSERT_NE(first_interview(pid), 0);
  const Id session = planned_past_session(*server_, pid);
  ASSERT_NE(session, 0);
  const std::string sheet = "/seances/" + id(session) + "/emargement";
  const std::string form_id = "presence-" + id(session);

  Browser cip = signed_in("cip@demo.parcours.fr");
  cip.get("/emargement");
  auto typed =
      cip.post("/emargement", {{"csrf_token", cip.csrf()}, {"code", record_code('E', session)}});
  ASSERT_EQ(typed.status, 303) << typed.body.substr(0, 2000);
  ASSERT_EQ(typed.location(), sheet);

  auto page = cip.get(sheet);
  expect_page(page, "Non renseignée");
  std::string form = form_html(page.body, form_id);
  ASSERT_NE(form.find("name=\"presence\""), std::string::npos) << page.body.substr(0, 4000);
  EXPECT_EQ(form.find(" checked"), std::string::npos) << form;
  // The choices come before the details of the session (a phone shows them first).
  EXPECT_LT(page.body.find("name=\"presence\""), page.body.find("Code de la feuille"));

  auto unset = cip.post(sheet, {{"csrf_token", cip.csrf()},
                                {"absence_reason", ""},
                                {"justified", ""},
                                {"note", "Recopié de la feuille signée"}});
  EXPECT_EQ(unset.status, 422) << unset.body.substr(0, 2000);
  expect_page(unset, "Indiquez si la personne était présente ou absente.", 422);
  EXPECT_NE(unset.body.find("L’action n’a pas été enregistrée"), std::string::npos);
  form = form_html(unset.body, form_id);
  EXPECT_NE(form.find("value=\"Recopié de la feuille signée\""), std::string::npos) << form;
  EXPECT_NE(form.find("aria-describedby=\"" + form_id + "-presence-erreur\""), std::string::npos);
  EXPECT_EQ(form.find(" checked"), std::string::npos);
  EXPECT_EQ(session_status(*server_, pid, session), "planned");

  // The same form on the case page.
  const std::string case_url = "/prescriptions/" + id(pid);
  form = form_html(cip.get(case_url).body, form_id);
  ASSERT_NE(form.find("name=\"presence\""), std::string::npos);
  EXPECT_EQ(form.find(" checked"), std::string::npos) << form;
  EXPECT_NE(form.find("Non renseignée"), std::string::npos);
  auto from_case = cip.post("/seances/" + id(session) + "/presence", {{"csrf_token", cip.csrf()},
                                                                      {"prescription_id", id(pid)},
                                                                      {"absence_reason", "illness"},
                                                                      {"note", "Vu au greffe"}});
  EXPECT_EQ(from_case.status, 422) << from_case.body.substr(0, 2000);
  form = form_html(from_case.body, form_id);
  EXPECT_NE(form.find("Indiquez si la personne était présente ou absente."), std::string::npos);
  EXPECT_NE(form.find("value=\"Vu au greffe\""), std::string::npos);
  EXPECT_NE(form.find("<option value=\"illness\" selected>"), std::string::npos);
  EXPECT_EQ(session_status(*server_, pid, session), "planned");

  // A choice is recorded.
  auto absent = cip.post(sheet, {{"csrf_token", cip.csrf()},
                                 {"presence", "absent"},
                                 {"absence_reason", "illness"},
                                 {"justified", ""},
                                 {"note", ""}});
  ASSERT_EQ(absent.status, 303) << absent.body.substr(0, 2000);
  EXPECT_EQ(session_status(*server_, pid, session), "absent");
}

// SPEC ATT-2: on a workshop sheet every row starts « Non renseignée »; one row left so refuses
// the whole sheet (its attendance is recorded once), with the error on that row and the other
// rows kept as typed.
TEST_P(PaperHttp, ATT_2_NoDefaultPresenceOnAWorkshopSheetAndAnUnsetRowRefusesTheSheet) {
  held_workshop();
  Browser cip = signed_in("cip@demo.parcours.fr");
  auto page = cip.get(sheet_url());
  expect_page(page, "Non renseignée");
  std::string form = form_html(page.body, "presences-form");
  ASSERT_EQ(occurrences(form, "type=\"radio\""), 4) << form;
  EXPECT_EQ(form.find(" checked"), std::string::npos) << form;
  EXPECT_EQ(occurrences(form, "class=\"pc-presence__unset\""), 2);

  const std::string a = id(amina_), l = id(lucie_);
  auto nothing = cip.post(sheet_url(), {{"csrf_token", cip.csrf()}});
  EXPECT_EQ(nothing.status, 422);
  EXPECT_NE(nothing.body.find("Indiquez si Mme Amina BENALI était présent(e) ou absent(e)."),
            std::string::npos);
  EXPECT_NE(nothing.body.find("Indiquez si Mme Lucie MARTIN était présent(e) ou absent(e)."),
            std::string::npos);
  EXPECT_TRUE(attendance().empty());

  auto one_unset = cip.post(sheet_url(), {{"csrf_token", cip.csrf()},
                                          {"presence_" + a, "absent"},
                                          {"reason_" + a, "illness"},
                                          {"justified_" + a, "non"},
                                          {"reason_" + l, ""}});
  EXPECT_EQ(one_unset.status, 422) << one_unset.body.substr(0, 2000);
  expect_page(one_unset, "rien n’a été enregistré", 422);
  form = form_html(one_unset.body, "presences-form");
  EXPECT_EQ(form.find("Indiquez si Mme Amina BENALI"), std::string::npos);
  EXPECT_NE(form.find("Indiquez si Mme Lucie MARTIN était présent(e) ou absent(e)."),
            std::string::npos);
  EXPECT_NE(form.find("id=\"presences-form-p" + a + "-absent\" value=\"absent\" checked"),
            std::string::npos)
      << form;
  EXPECT_NE(form.find("<option value=\"illness\" selected>"), std::string::npos);
  EXPECT_NE(form.find("<option value=\"non\" selected>"), std::string::npos);
  EXPECT_EQ(occurrences(form, " checked"), 1);
  EXPECT_NE(form.find("aria-describedby=\"presences-form-p" + l + "-erreur\""), std::string::npos);
  EXPECT_TRUE(attendance().empty());

  auto complete = cip.post(sheet_url(), {{"csrf_token", cip.csrf()},
                                         {"presence_" + a, "absent"},
                                         {"reason_" + a, "illness"},
                                         {"presence_" + l, "present"}});
  ASSERT_EQ(complete.status, 303) << complete.body.substr(0, 2000);
  EXPECT_EQ(attendance().size(), 2u);
}

TEST_P(PaperHttp, SEC_3_APartnerDownloadsASharedDocumentOnlyWhileTheConsentStands) {
  const Id pid = collective_case("Benali", "Amina");
  auto view = server_->journeys().prescription(actor("cpip@demo.parcours.fr"), pid);
  ASSERT_TRUE(view.ok());
  const std::string file = "/personnes/" + id(view->person.id) + "/dossier-professionnel";
  const std::string plie_org = id(server_->org_id("PLIE-DEMO"));

  Browser cpip = signed_in("cpip@demo.parcours.fr");
  expect_page(cpip.get(file), "Aucun document pour l’instant.");
  auto up = cpip.post_file(file + "/documents",
                           {{"csrf_token", cpip.csrf()},
                            {"prescription_id", id(pid)},
                            {"title", "Livret de compétences"}},
                           "file", "livret.pdf", tiny_pdf());
  ASSERT_EQ(up.status, 303) << up.body.substr(0, 2000);
  auto page = cpip.get(file);
  expect_page(page, "Livret de compétences");
  const std::string doc = capture(page.body, R"re(href="/documents/(\d+)")re");
  ASSERT_FALSE(doc.empty());
  const std::string share = file + "/documents/" + doc + "/partage";

  // No consent yet: the share is refused (SEC-3) and the partner sees nothing.
  auto refused = cpip.post(share, {{"csrf_token", cpip.csrf()}, {"recipient_org_id", plie_org}});
  EXPECT_EQ(refused.status, 403) << refused.body.substr(0, 2000);
  // UX-1: the reason in words, never the rule's number.
  EXPECT_NE(refused.body.find("La personne n’a pas donné (ou a révoqué) son consentement"),
            std::string::npos);
  EXPECT_EQ(refused.body.find("SEC-3"), std::string::npos);
  EXPECT_NE(refused.body.find("L’action n’a pas été enregistrée"),
            std::string::npos);  // on the page
  Browser plie = signed_in("plie@demo.parcours.fr");
  expect_page(plie.get("/documents/partages"), "Aucun document ne vous a été partagé.");
  EXPECT_EQ(plie.get("/documents/" + doc).status, 403);

  auto consent = cpip.post(file + "/consentements", {{"csrf_token", cpip.csrf()},
                                                     {"recipient_org_id", plie_org},
                                                     {"scope", "all"},
                                                     {"given_on", "2025-03-03"},
                                                     {"note", "Accord écrit signé en entretien"}});
  ASSERT_EQ(consent.status, 303) << consent.body.substr(0, 2000);
  ASSERT_EQ(cpip.post(share, {{"csrf_token", cpip.csrf()}, {"recipient_org_id", plie_org}}).status,
            303);
  page = cpip.get(file);
  expect_page(page, "Actif");
  EXPECT_NE(page.body.find("PLIE de démonstration"), std::string::npos);

  expect_page(plie.get("/documents/partages"), "Livret de compétences");
  auto got = plie.get("/documents/" + doc);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, tiny_pdf());
  EXPECT_EQ(got.header("Content-Disposition").rfind("attachment;", 0), 0u);
  EXPECT_NE(plie.get(file).status, 200);  // the file itself stays with the SPIP and provider

  // Revoked: the document is no longer reachable.
  const std::string revoke = capture(
      page.body,
      R"re(action="(/personnes/\d+/dossier-professionnel/consentements/\d+/revocation)")re");
  ASSERT_FALSE(revoke.empty());
  auto bare = cpip.post(revoke, {{"csrf_token", cpip.csrf()}, {"reason", ""}});
  EXPECT_EQ(bare.status, 422);
  ASSERT_EQ(
      cpip.post(revoke, {{"csrf_token", cpip.csrf()}, {"reason", "Retrait de l’accord"}}).status,
      303);
  expect_page(cpip.get(file), "Révoqué");
  EXPECT_EQ(plie.get("/documents/" + doc).status, 403);
  expect_page(plie.get("/documents/partages"), "Aucun document ne vous a été partagé.");
  EXPECT_EQ(plie.send_json("GET", "/api/v1/documents/" + doc + "/content", "").status, 403);
}

TEST_P(PaperHttp, PPAIP_16_TheBilanIsDraftedPreviewedAndDelivered) {
  const Id pid = ended_case("Benali", "Amina");
  const std::string url = "/prescriptions/" + id(pid) + "/bilan";

  Browser cip = signed_in("cip@demo.parcours.fr");
  auto page = cip.get(url + "?type=final");
  expect_page(page, "Écrivez pour la personne");
  EXPECT_NE(page.body.find("Bilan final"), std::string::npos);
  httplib::Params text{{"csrf_token", cip.csrf()},
                       {"type", "final"},
                       {"programme_done", "Nous nous sommes vus chaque semaine."},
                       {"professional_project", "Devenir préparatrice de commandes."},
                       {"action_plan", "S’inscrire à la formation CACES en avril."},
                       {"recommendations", ""},
                       {"action", "enregistrer"}};
  ASSERT_EQ(cip.post(url, text).status, 303);
  expect_page(cip.get(url + "?type=final"), "Devenir préparatrice de commandes.");

  // The person's copy carries no Justice ministry branding (PPAIP-16).
  httplib::Params preview = text;
  preview.erase("action");
  preview.emplace("action", "apercu-personne");
  auto pdf = cip.post(url, preview);
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 2000);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.header("Content-Disposition").rfind("inline;", 0), 0u);
  const std::string words = pdf_text(pdf.body);
  EXPECT_NE(words.find("préparatrice de commandes"), std::string::npos) << words;
  EXPECT_EQ(words.find("Ministère de la Justice"), std::string::npos) << words;

  page = cip.get(url + "?type=final");
  const std::string deliver = capture(page.body, R"re(action="(/bilans/\d+/remise)")re");
  ASSERT_FALSE(deliver.empty()) << page.body.substr(0, 4000);
  auto no_mode = cip.post(deliver, {{"csrf_token", cip.csrf()},
                                    {"prescription_id", id(pid)},
                                    {"type", "final"},
                                    {"date", "2025-03-04"}});
  EXPECT_EQ(no_mode.status, 422);
  auto delivered = cip.post(deliver, {{"csrf_token", cip.csrf()},
                                      {"prescription_id", id(pid)},
                                      {"type", "final"},
                                      {"date", "2025-03-04"},
                                      {"mode", "hand"}});
  ASSERT_EQ(delivered.status, 303) << delivered.body.substr(0, 2000);
  page = cip.get(url + "?type=final");
  expect_page(page, "Remis à la personne le mardi 4 mars 2025");
  EXPECT_EQ(occurrences(page.body, "href=\"/documents/"), 2);  // both copies stored
}

TEST_P(PaperHttp, TheJsonApiOfWorkshopsSheetsAndFiles) {
  held_workshop();
  Browser cip = signed_in("cip@demo.parcours.fr");
  cip.get("/");
  const httplib::Headers csrf{{"X-CSRF-Token", cip.csrf()}};
  auto api = [&](const std::string& method, const std::string& path, const json& body = json()) {
    Reply r = cip.send_json(method, path, body.is_null() ? "" : body.dump(), csrf);
    return std::make_pair(r.status, json::parse(r.body, nullptr, false));
  };

  auto [list_status, list] = api("GET", "/api/v1/workshops");
  EXPECT_EQ(list_status, 200);
  ASSERT_EQ(list["items"].size(), 1u);
  auto [one_status, one] = api("GET", "/api/v1/workshops/" + id(workshop_));
  EXPECT_EQ(one_status, 200);
  EXPECT_EQ(one["participants"].size(), 2u);
  EXPECT_EQ(one["sessions"][0]["code"], code_);

  auto [code_status, target] = api("GET", "/api/v1/emargement/" + sloppy(code_));
  EXPECT_EQ(code_status, 200);
  EXPECT_EQ(target["link"], sheet_url());
  EXPECT_EQ(api("GET", "/api/v1/emargement/ZZZ").first, 422);

  auto [bad_status, bad] = api("POST", "/api/v1/workshop-sessions/" + id(session_) + "/attendance",
                               {{"rows", {{{"participant_id", amina_}}}}});
  EXPECT_EQ(bad_status, 422);
  auto [att_status, att] =
      api("POST", "/api/v1/workshop-sessions/" + id(session_) + "/attendance",
          {{"rows",
            {{{"participant_id", amina_}, {"present", true}},
             {{"participant_id", lucie_}, {"present", false}, {"absence_reason", "refusal"}}}}});
  EXPECT_EQ(att_status, 200) << att.dump();
  EXPECT_EQ(attendance().size(), 2u);
  auto [unscanned_status, unscanned] = api("GET", "/api/v1/unscanned");
  EXPECT_EQ(unscanned_status, 200);
  EXPECT_EQ(unscanned["items"].size(), 1u);

  // The professional file and consents of a participant.
  auto view = server_->workshops().workshop(actor("cip@demo.parcours.fr"), workshop_);
  ASSERT_TRUE(view.ok());
  const std::string person = id(view->participants.front().participant.person_id);
  auto [file_status, file] = api("GET", "/api/v1/persons/" + person + "/documents");
  EXPECT_EQ(file_status, 200);
  EXPECT_TRUE(file["can_manage_consent"].get<bool>());
  auto [consent_status, consent] = api("POST", "/api/v1/persons/" + person + "/consents",
                                       {{"recipient_org_id", server_->org_id("PLIE-DEMO")},
                                        {"scope", "bilans"},
                                        {"given_on", "2025-03-04"}});
  EXPECT_EQ(consent_status, 201) << consent.dump();
  EXPECT_EQ(api("GET", "/api/v1/persons/" + person + "/consents").second["items"].size(), 1u);
  EXPECT_EQ(api("POST", "/api/v1/consents/" + id(consent.value("id", Id{0})) + "/revoke",
                {{"reason", "Retrait"}})
                .first,
            200);
  EXPECT_EQ(api("GET", "/api/v1/shared-documents").first, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, PaperHttp, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
