// HTTP scenarios on a real server over 127.0.0.1, on SQLite and PostgreSQL (DESIGN §5):
// sign-in, throttling, CSRF, sign-out, roles, organisation boundaries, CSV import, API.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "documents/pdf_renderer.h"
#include "documents/report_renderer.h"
#include "http_support.h"

namespace parcours::testing {
namespace {

using ::parcours::testdb::backends;

class HttpScenario : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
  }
  void TearDown() override { server_.reset(); }

  Browser signed_in(const std::string& email) {
    Browser b(server_->port());
    auto r = b.login(email, demo_password());
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(b.get("/").status, 200);
    return b;
  }
  std::unique_ptr<TestServer> server_;
};

TEST_P(HttpScenario, SEC_5_LoginSucceedsWithTheRightPasswordOnly) {
  Browser b(server_->port());
  auto page = b.get("/connexion");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Connexion à Parcours"), std::string::npos);
  EXPECT_NE(page.body.find("lang=\"fr\""), std::string::npos);

  auto bad = b.post("/connexion", {{"email", "cpip@demo.parcours.fr"},
                                   {"password", "mauvais-mot-de-passe"},
                                   {"csrf_token", b.csrf()}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_NE(bad.body.find("Adresse e-mail ou mot de passe incorrect."), std::string::npos);
  EXPECT_TRUE(b.cookie("parcours_session").empty());

  auto good = b.post("/connexion", {{"email", "CPIP@demo.parcours.fr"},
                                    {"password", demo_password()},
                                    {"csrf_token", b.csrf()},
                                    {"next", "/compte"}});
  EXPECT_EQ(good.status, 303);
  EXPECT_EQ(good.location(), "/compte");
  auto set_cookie = good.header("Set-Cookie");
  EXPECT_FALSE(b.cookie("parcours_session").empty());
  auto home = b.get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("SPIP du Cher"), std::string::npos);
  EXPECT_NE(home.body.find("CPIP"), std::string::npos);
}

TEST_P(HttpScenario, SEC_5_SessionCookieIsHttpOnlyAndSameSite) {
  Browser b(server_->port());
  b.get("/connexion");
  auto r = b.post("/connexion", {{"email", "cpip@demo.parcours.fr"},
                                 {"password", demo_password()},
                                 {"csrf_token", b.csrf()}});
  bool found = false;
  auto range = r.headers.equal_range("Set-Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second.rfind("parcours_session=", 0) != 0) continue;
    found = true;
    EXPECT_NE(it->second.find("HttpOnly"), std::string::npos);
    EXPECT_NE(it->second.find("SameSite=Lax"), std::string::npos);
  }
  EXPECT_TRUE(found);
}

TEST_P(HttpScenario, SEC_5_OpenRedirectAfterLoginIsRefused) {
  Browser b(server_->port());
  b.get("/connexion");
  auto r = b.post("/connexion", {{"email", "cpip@demo.parcours.fr"},
                                 {"password", demo_password()},
                                 {"csrf_token", b.csrf()},
                                 {"next", "//evil.example/"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/");
}

TEST_P(HttpScenario, SEC_5_AccountIsThrottledAfterRepeatedFailures) {
  Browser b(server_->port());
  b.get("/connexion");
  for (int i = 0; i < 5; ++i) {
    auto r = b.post("/connexion", {{"email", "cip@demo.parcours.fr"},
                                   {"password", "faux-" + std::to_string(i)},
                                   {"csrf_token", b.csrf()}});
    EXPECT_EQ(r.status, 401);
  }
  // Even the right password is refused while throttled.
  auto blocked = b.post(
      "/connexion",
      {{"email", "cip@demo.parcours.fr"}, {"password", demo_password()}, {"csrf_token", b.csrf()}});
  EXPECT_EQ(blocked.status, 429);
  EXPECT_NE(blocked.body.find("Trop de tentatives"), std::string::npos);
  // Another account from the same address is not blocked by the per-account limit.
  Browser other(server_->port());
  EXPECT_EQ(other.login("psychologue@demo.parcours.fr", demo_password()).status, 303);
  // After the window, the account signs in again.
  server_->clock().advance(std::chrono::minutes(16));
  auto later = b.post(
      "/connexion",
      {{"email", "cip@demo.parcours.fr"}, {"password", demo_password()}, {"csrf_token", b.csrf()}});
  EXPECT_EQ(later.status, 303);
}

TEST_P(HttpScenario, SEC_5_AddressIsThrottledAcrossAccounts) {
  Browser b(server_->port());
  b.get("/connexion");
  for (int i = 0; i < 20; ++i)
    b.post("/connexion", {{"email", "inconnu" + std::to_string(i) + "@exemple.fr"},
                          {"password", "x"},
                          {"csrf_token", b.csrf()}});
  auto r = b.post("/connexion", {{"email", "admin@demo.parcours.fr"},
                                 {"password", demo_password()},
                                 {"csrf_token", b.csrf()}});
  EXPECT_EQ(r.status, 429);
}

TEST_P(HttpScenario, SEC_5_StateChangingRequestsWithoutCsrfAreRejected) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  const int before = server_->count_organisations();
  httplib::Params org = {{"kind", "partner"}, {"name", "Association Élan"}, {"code", "ELAN"}};
  auto none = admin.post("/admin/organisations/nouvelle", org);
  EXPECT_EQ(none.status, 403);
  auto wrong = org;
  wrong.emplace("csrf_token", "jeton-forge");
  EXPECT_EQ(admin.post("/admin/organisations/nouvelle", wrong).status, 403);
  EXPECT_EQ(server_->count_organisations(), before);
  // With the page's token it goes through.
  admin.get("/admin/organisations/nouvelle");
  auto good = org;
  good.emplace("csrf_token", admin.csrf());
  auto ok = admin.post("/admin/organisations/nouvelle", good);
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(server_->count_organisations(), before + 1);
  // The sign-in form is protected too (login CSRF).
  Browser anon(server_->port());
  auto r =
      anon.post("/connexion", {{"email", "admin@demo.parcours.fr"}, {"password", demo_password()}});
  EXPECT_EQ(r.status, 403);
}

TEST_P(HttpScenario, SEC_5_LogoutEndsTheSessionOnTheServer) {
  Browser b = signed_in("spip@demo.parcours.fr");
  const std::string old_cookie = b.cookie("parcours_session");
  auto out = b.post("/deconnexion", {{"csrf_token", b.csrf()}});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.location(), "/connexion");
  auto after = b.get("/");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.location().rfind("/connexion", 0), 0u);
  // Replaying the old cookie does not revive the session.
  Browser replay(server_->port());
  replay.set_cookie("parcours_session", old_cookie);
  EXPECT_EQ(replay.get("/").status, 303);
}

TEST_P(HttpScenario, SEC_5_IdleSessionExpires) {
  Browser b = signed_in("cpip@demo.parcours.fr");
  server_->clock().advance(std::chrono::minutes(20));
  EXPECT_EQ(b.get("/").status, 200);  // activity keeps it alive
  server_->clock().advance(std::chrono::minutes(31));
  auto r = b.get("/compte");
  EXPECT_EQ(r.status, 303);
  EXPECT_NE(r.location().find("/connexion?next=/compte"), std::string::npos) << r.location();
}

TEST_P(HttpScenario, ORG_2_CpipIsRefusedTheAdministrationPages) {
  Browser cpip = signed_in("cpip@demo.parcours.fr");
  for (const char* path : {"/admin/organisations", "/admin/utilisateurs", "/admin/marches",
                           "/admin/import", "/admin/organisations/nouvelle"}) {
    auto r = cpip.get(path);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_NE(r.body.find("Accès refusé"), std::string::npos) << path;
  }
  auto post =
      cpip.post("/admin/organisations/nouvelle",
                {{"kind", "partner"}, {"name", "X"}, {"code", "X1"}, {"csrf_token", cpip.csrf()}});
  EXPECT_EQ(post.status, 403);
  // The navigation does not offer them either.
  auto home = cpip.get("/");
  EXPECT_EQ(home.body.find("/admin/organisations"), std::string::npos);
}

TEST_P(HttpScenario, SEC_1_ProviderDoesNotSeeAnotherProvidersStaff) {
  Browser coord = signed_in("coordination@demo.parcours.fr");  // PREST-DEMO-1
  const Id own = server_->org_id("PREST-DEMO-1");
  const Id other = server_->org_id("PREST-DEMO-4");
  auto mine = coord.get("/admin/organisations/" + std::to_string(own));
  EXPECT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Membres"), std::string::npos);
  EXPECT_NE(mine.body.find("Julien Lefèvre"), std::string::npos);  // cip@, own staff
  auto theirs = coord.get("/admin/organisations/" + std::to_string(other));
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(theirs.body.find("François Dupré"), std::string::npos);
  // Nor through the user list or the API.
  auto users = coord.get("/admin/utilisateurs");
  EXPECT_EQ(users.status, 200);
  EXPECT_EQ(users.body.find("francois.dupre@demo.parcours.fr"), std::string::npos);
  EXPECT_NE(users.body.find("cip@demo.parcours.fr"), std::string::npos);
  auto api = coord.send_json("GET", "/api/v1/organisations/" + std::to_string(other), "");
  EXPECT_EQ(api.status, 404);
  auto staff = coord.send_json("GET", "/api/v1/users", "");
  EXPECT_EQ(staff.status, 200);
  EXPECT_EQ(staff.body.find("francois.dupre@demo.parcours.fr"), std::string::npos);
  // A staff form on another provider is refused.
  auto form = coord.get("/admin/organisations/" + std::to_string(other) + "/suppleants/nouveau");
  EXPECT_EQ(form.status, 404);
  auto post =
      coord.post("/admin/organisations/" + std::to_string(other) + "/suppleants/nouveau",
                 {{"user_id", std::to_string(server_->user_id("celine.robin@demo.parcours.fr"))},
                  {"csrf_token", coord.csrf()}});
  EXPECT_EQ(post.status, 403);
}

TEST_P(HttpScenario, ORG_1_BadCsvImportIsRejectedWholeWithLineNumbers) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  admin.get("/admin/import");
  const int before = server_->count_organisations();
  const std::string csv =
      "code;nom;spip;departement;adresse;telephone\n"
      "EP-IMPORT-1;Maison d’arrêt importée;SPIP18;18;1 rue A;0248000000\n"
      "EP-IMPORT-2;;SPIP18;18;;\n"
      "EP-IMPORT-3;Centre de détention importé;SPIP99;18;;\n"
      "EP-IMPORT-1;Doublon;SPIP18;18;;\n";
  auto r =
      admin.post_file("/admin/import", {{"kind", "establishments"}, {"csrf_token", admin.csrf()}},
                      "file", "etablissements.csv", csv);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Aucune ligne n’a été importée"), std::string::npos) << r.body;
  for (const char* line :
       {"Ligne 3 : Colonne « nom » : Le nom est obligatoire.",
        "Ligne 4 : Le SPIP « SPIP99 » n’existe pas", "Ligne 5 : Le code « EP-IMPORT-1 »"})
    EXPECT_NE(r.body.find(line), std::string::npos) << line;
  EXPECT_EQ(r.body.find("Ligne 2 :"), std::string::npos);
  EXPECT_EQ(server_->count_organisations(), before);
  // The same file without its bad lines goes through.
  auto good =
      admin.post_file("/admin/import", {{"kind", "establishments"}, {"csrf_token", admin.csrf()}},
                      "file", "etablissements.csv",
                      "code;nom;spip;departement;adresse;telephone\n"
                      "EP-IMPORT-1;Maison d’arrêt importée;SPIP18;18;1 rue A;0248000000\n");
  EXPECT_EQ(good.status, 303) << good.body;
  EXPECT_EQ(server_->count_organisations(), before + 1);
}

TEST_P(HttpScenario, SEC_5_InvalidFormChangesNothingAndExplainsInFrench) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  admin.get("/admin/organisations/nouvelle");
  const int before = server_->count_organisations();
  auto r = admin.post(
      "/admin/organisations/nouvelle",
      {{"kind", "antenna"}, {"name", ""}, {"code", "avec espace"}, {"csrf_token", admin.csrf()}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Le nom est obligatoire."), std::string::npos);
  EXPECT_NE(r.body.find("» doit être rattachée à un SPIP"), std::string::npos);
  EXPECT_NE(r.body.find("milieu fermé, soit de milieu ouvert"), std::string::npos);
  EXPECT_EQ(server_->count_organisations(), before);
}

TEST_P(HttpScenario, ORG_3_AmendmentChangesVolumeFromItsDate) {
  Browser disp = signed_in("disp@demo.parcours.fr");
  auto lots = nlohmann::json::parse(disp.send_json("GET", "/api/v1/lots", "").body)["items"];
  ASSERT_EQ(lots.size(), 6u);
  const auto lot1 = lots[0];
  EXPECT_EQ(lot1["individual_hours"], 660);
  disp.get("/admin/lots/" + std::to_string(lot1["id"].get<Id>()) + "/avenants/nouveau");
  auto r = disp.post("/admin/lots/" + std::to_string(lot1["id"].get<Id>()) + "/avenants/nouveau",
                     {{"effective_on", "2025-06-01"},
                      {"individual_hours_delta", "120"},
                      {"collective_hours_delta", "-50"},
                      {"reason", "Hausse des prescriptions au SPIP du Cher"},
                      {"csrf_token", disp.csrf()}});
  EXPECT_EQ(r.status, 303) << r.body;
  auto after = nlohmann::json::parse(
      disp.send_json("GET", "/api/v1/lots/" + std::to_string(lot1["id"].get<Id>()), "").body);
  EXPECT_EQ(after["individual_hours"], 660);  // the base is kept
  EXPECT_EQ(after["current_volumes"]["individual_hours"], 780);
  EXPECT_EQ(after["current_volumes"]["collective_hours"], 250);
  EXPECT_EQ(after["amendments"].size(), 1u);
  // A cut below zero is refused and changes nothing.
  disp.get("/admin/lots/" + std::to_string(lot1["id"].get<Id>()) + "/avenants/nouveau");
  auto bad = disp.post("/admin/lots/" + std::to_string(lot1["id"].get<Id>()) + "/avenants/nouveau",
                       {{"effective_on", "2025-07-01"},
                        {"individual_hours_delta", "0"},
                        {"collective_hours_delta", "-300"},
                        {"reason", "Erreur"},
                        {"csrf_token", disp.csrf()}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("deviendrait négatif"), std::string::npos);
}

TEST_P(HttpScenario, SEC_5_ApiTokenWorksUntilRevoked) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  admin.get("/compte");
  auto created = admin.post(
      "/compte/jetons",
      {{"name", "Export Excel"}, {"password", demo_password()}, {"csrf_token", admin.csrf()}});
  EXPECT_EQ(created.status, 201);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(created.body, m, std::regex("(prc_[A-Za-z0-9_-]+)")));
  const std::string token = m[1];
  Browser api(server_->port());
  auto me = api.send_json("GET", "/api/v1/me", "", {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(nlohmann::json::parse(me.body)["email"], "admin@demo.parcours.fr");
  // Bearer writes need no CSRF token; bad input gets French field errors.
  auto bad =
      api.send_json("POST", "/api/v1/organisations", R"({"kind":"spip","name":"","code":"SPIP-X"})",
                    {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(bad.status, 422);
  auto bad_json = nlohmann::json::parse(bad.body);
  EXPECT_EQ(bad_json["error"], "invalid");
  EXPECT_FALSE(bad_json["details"].empty());
  auto good = api.send_json("POST", "/api/v1/organisations",
                            R"({"kind":"partner","name":"Mission locale du Cher","code":"ML18"})",
                            {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(good.status, 201) << good.body;
  // Revoke from the account page.
  std::smatch rv;
  auto page = admin.get("/compte");
  ASSERT_TRUE(std::regex_search(page.body, rv, std::regex(R"(/compte/jetons/(\d+)/revoquer)")));
  EXPECT_EQ(admin.post(rv[0].str(), {{"csrf_token", admin.csrf()}}).status, 303);
  EXPECT_EQ(api.send_json("GET", "/api/v1/me", "", {{"Authorization", "Bearer " + token}}).status,
            401);
  EXPECT_EQ(api.send_json("GET", "/api/v1/me", "").status, 401);
  // SEC-2: creating and revoking the token are in the audit trail.
  const Id token_id = std::stoll(rv[1].str());
  auto trail = read<std::vector<AuditEntry>>(
      server_->store(), [&](Repos& r) -> Result<std::vector<AuditEntry>> {
        return r.audit.for_subject("api_token", token_id, 10);
      });
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->size(), 2u);
  EXPECT_EQ((*trail)[0].action, "api_token.revoke");
  EXPECT_EQ((*trail)[1].action, "api_token.create");
  EXPECT_EQ((*trail)[1].actor_user_id, server_->user_id("admin@demo.parcours.fr"));
}

TEST_P(HttpScenario, SEC_5_ApiWithSessionCookieNeedsCsrfHeaderToWrite) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  auto no = admin.send_json("POST", "/api/v1/organisations",
                            R"({"kind":"partner","name":"Asso","code":"ASSO1"})");
  EXPECT_EQ(no.status, 403);
  auto yes = admin.send_json("POST", "/api/v1/organisations",
                             R"({"kind":"partner","name":"Asso","code":"ASSO1"})",
                             {{"X-CSRF-Token", admin.csrf()}});
  EXPECT_EQ(yes.status, 201);
  auto dup = admin.send_json("POST", "/api/v1/organisations",
                             R"({"kind":"partner","name":"Asso","code":"ASSO1"})",
                             {{"X-CSRF-Token", admin.csrf()}});
  EXPECT_EQ(dup.status, 422);
  EXPECT_NE(dup.body.find("Une organisation porte déjà ce code."), std::string::npos);
}

TEST_P(HttpScenario, SEC_5_SecurityHeadersOnEveryAnswer) {
  Browser b(server_->port());
  for (const char* path :
       {"/connexion", "/healthz", "/page-inexistante", "/static/css/parcours.css"}) {
    auto r = b.get(path);
    EXPECT_NE(r.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos)
        << path;
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r.header("Referrer-Policy"), "same-origin") << path;
  }
}

TEST_P(HttpScenario, ErrorPagesAreFrenchAndShowNoTechnicalDetail) {
  Browser b = signed_in("admin@demo.parcours.fr");
  auto r = b.get("/admin/organisations/999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Organisation introuvable."), std::string::npos);
  auto unknown = b.get("/nulle-part");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("Page introuvable"), std::string::npos);
  auto api = b.get("/api/v1/inconnu");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(nlohmann::json::parse(api.body)["error"], "not_found");
}

TEST_P(HttpScenario, OperationsHealthAndMetrics) {
  Browser b(server_->port());
  auto h = b.get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.body, "ok\n");
  b.get("/connexion");
  server_->web().metrics().set_access({"jeton-des-metriques", false});  // SEC-5
  auto m = b.get("/metrics", {{"Authorization", "Bearer jeton-des-metriques"}});
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find(
                R"(parcours_http_requests_total{method="GET",route="/connexion",status="200"} 1)"),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("parcours_http_request_duration_seconds_bucket{method=\"GET\",route=\"/"
                        "connexion\",le=\"+Inf\"} 1"),
            std::string::npos);
  EXPECT_NE(m.body.find("parcours_db_pool_connections{backend=\"" + GetParam() + "\"} 6"),
            std::string::npos);
}

// OPS-3: /healthz says the process serves, /readyz that it can serve: the database answers
// and its schema is the program's. A migration missing turns only readiness off.
TEST_P(HttpScenario, OPS_3_ReadinessFollowsTheSchemaLivenessDoesNot) {
  Browser b(server_->port());
  auto ready = b.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, "ok\n");
  EXPECT_EQ(ready.header("Cache-Control"), "no-store");
  EXPECT_EQ(testdb::execute_outside(server_->database_url(),
                                    "DELETE FROM schema_migrations WHERE version = "
                                    "(SELECT MAX(version) FROM schema_migrations)"),
            1);
  auto behind = b.get("/readyz");
  EXPECT_EQ(behind.status, 503);
  EXPECT_EQ(behind.header("Retry-After"), "5");
  EXPECT_NE(behind.body.find("des migrations sont en attente"), std::string::npos) << behind.body;
  auto live = b.get("/healthz");
  EXPECT_EQ(live.status, 200);
  EXPECT_EQ(live.body, "ok\n");
}

TEST_P(HttpScenario, ORG_1_AdminPagesListAndShowEveryKindOfOrganisation) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  auto list = admin.get("/admin/organisations?type=spip");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("SPIP de la Haute-Saône et du Territoire de Belfort"),
            std::string::npos);
  auto provider =
      admin.get("/admin/organisations/" + std::to_string(server_->org_id("PREST-DEMO-1")));
  EXPECT_EQ(provider.status, 200);
  for (const char* s : {"Autorisations d’accès", "Coordinateurs par établissement",
                        "Suppléants désignés", "Lieux et salles"})
    EXPECT_NE(provider.body.find(s), std::string::npos) << s;
  auto contracts = admin.get("/admin/marches");
  EXPECT_NE(contracts.body.find("DISP21-PPAIP"), std::string::npos);
}

TEST_P(HttpScenario, SEC_1_ManagerCannotAttachAnAccountOutsideTheirOrganisation) {
  Browser coord = signed_in("coordination@demo.parcours.fr");
  const Id outsider = server_->user_id("francois.dupre@demo.parcours.fr");  // PREST-DEMO-4
  const std::string body = R"({"organisation_id":)" +
                           std::to_string(server_->org_id("PREST-DEMO-1")) +
                           R"(,"role":"intervenant_cip"})";
  auto r = coord.send_json("POST", "/api/v1/users/" + std::to_string(outsider) + "/memberships",
                           body, {{"X-CSRF-Token", coord.csrf()}});
  EXPECT_EQ(r.status, 404) << r.body;
  auto users = coord.send_json("GET", "/api/v1/users", "");
  EXPECT_EQ(users.body.find("francois.dupre@demo.parcours.fr"), std::string::npos);
}

TEST_P(HttpScenario, ORG_4_CoordinatorRecordsAnAccessAuthorisation) {
  Browser coord = signed_in("coordination@demo.parcours.fr");
  const std::string base =
      "/admin/organisations/" + std::to_string(server_->org_id("PREST-DEMO-1"));
  auto form = coord.get(base + "/autorisations/nouvelle");
  ASSERT_EQ(form.status, 200);
  const Id establishment = server_->org_id("EP-DEMO-45-CP");
  EXPECT_NE(form.body.find("value=\"" + std::to_string(establishment) + "\""), std::string::npos);
  // Granted before being requested: refused, in French, nothing written.
  auto bad = coord.post(base + "/autorisations/nouvelle",
                        {{"user_id", std::to_string(server_->user_id("cip@demo.parcours.fr"))},
                         {"establishment_id", std::to_string(establishment)},
                         {"requested_on", "2025-03-10"},
                         {"granted_on", "2025-03-01"},
                         {"csrf_token", coord.csrf()}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("ne peut pas être délivrée avant d’avoir été demandée"),
            std::string::npos);
  auto ok = coord.post(base + "/autorisations/nouvelle",
                       {{"user_id", std::to_string(server_->user_id("cip@demo.parcours.fr"))},
                        {"establishment_id", std::to_string(establishment)},
                        {"requested_on", "2025-03-10"},
                        {"csrf_token", coord.csrf()}});
  EXPECT_EQ(ok.status, 303) << ok.body;
  auto page = coord.get(base);
  EXPECT_NE(page.body.find("Centre pénitentiaire de démonstration d’Orléans"), std::string::npos);
  // ORG-4: requested after the contract start minus one month: flagged.
  EXPECT_NE(page.body.find("Non, demande tardive"), std::string::npos);
}

TEST(OpenApi, DocumentMatchesTheRegisteredApiRoutes) {
  std::ifstream in(PARCOURS_SOURCE_DIR "/docs/openapi.json");
  ASSERT_TRUE(in.good());
  auto doc = nlohmann::json::parse(in);
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters")
        documented.insert(method + " " +
                          std::regex_replace(path, std::regex(R"(\{[^}]+\})"), "{}"));
  // Build the routes without a database: only registration matters here.
  std::set<std::string> registered;
  testdb::TestDatabase db("sqlite");
  auto store = SociStore::open(db.url(), 1);
  ASSERT_TRUE(store.ok());
  TestClock clock;
  AuthService auth(**store, clock);
  AdminService admin(**store, clock);
  Programmes programmes;
  JourneyService journeys(**store, clock, programmes);
  NotificationService notifications(**store, clock);
  WorkshopService workshops(**store, clock, programmes);
  PdfRenderer renderer;
  ProfessionalFileService files(**store, clock, programmes, renderer);
  ReportingService reporting(**store, clock, programmes);
  ReportDocumentRenderer report_renderer;
  auto web = http::make_web({**store, clock, auth, admin, journeys, notifications, workshops, files,
                             reporting, report_renderer},
                            http::WebConfig{});
  for (const auto& r : web->api_routes()) {
    // Path parameters compared by place, whatever their names in the document ({id},
    // {deadline_id}, the code printed on an attendance sheet…).
    std::string path = std::regex_replace(r.pattern, std::regex(R"(\(\\d\+\))"), "{}");
    path = std::regex_replace(path, std::regex(R"(\(\[\^/\]\+\))"), "{}");
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    registered.insert(method + " " + path);
  }
  EXPECT_EQ(documented, registered);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpScenario, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
