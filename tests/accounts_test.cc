// Accounts that can be handed over and credentials (issue 12, items 14 and 20), on the real
// server, SQLite and PostgreSQL, with a real SMTP server on 127.0.0.1 (DESIGN §5): invitation
// e-mails whose link is followed, API tokens that need the password and expire, sessions
// deleted when presented expired, throttling per account and address with an unlock e-mail,
// and /metrics behind a token.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "app/auth.h"
#include "app/notifications.h"
#include "app/secrets.h"
#include "http_support.h"
#include "mail_support.h"
#include "notify/smtp_transport.h"
#include "smtp_server.h"

namespace parcours::testing {
namespace {

using nlohmann::json;
using ::parcours::testdb::backends;
using namespace std::chrono_literals;

constexpr auto kWait = std::chrono::milliseconds(5000);
const char* const kNewPassword = "Un-mot-de-passe-choisi-42";

class Accounts : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    smtp_.start();
  }
  void TearDown() override {
    server_.reset();
    smtp_.stop();
  }

  Browser signed_in(const std::string& email, const std::string& password = demo_password()) {
    Browser b(server_->port());
    auto r = b.login(email, password);
    EXPECT_EQ(r.status, 303) << r.body;
    return b;
  }

  // Delivers the outbox over SMTP and returns the decoded text of the last e-mail to `to`.
  std::string mail_to(const std::string& to) {
    mail::SmtpConfig config;
    config.url = smtp_.url();
    config.from_address = "parcours@spip18.example.fr";
    mail::SmtpTransport transport(config);
    auto report = deliver_due_emails(server_->store(), server_->clock(), transport, 1000);
    EXPECT_TRUE(report.ok()) << report.error().message;
    if (!report.ok()) return "";
    EXPECT_EQ(report->failed, 0);
    smtp_.wait_for(sent_ += static_cast<std::size_t>(report->sent), kWait);
    std::string text;
    for (const auto& m : smtp_.messages())
      if (m.recipients == std::vector<std::string>{to}) text = decode_qp(body_of(m.data));
    return text;
  }

  // The path of the link of `kind` ("invitation", "deblocage") in an e-mail text.
  static std::string link_in(const std::string& text, const std::string& kind) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex("/" + kind + "/([A-Za-z0-9_-]+)"))) return "";
    return m[0].str();
  }

  Reply create_account(Browser& admin, const std::string& email, const std::string& role) {
    admin.get("/admin/utilisateurs/nouveau");
    return admin.post("/admin/utilisateurs/nouveau",
                      {{"full_name", "Claire Fontaine"},
                       {"email", email},
                       {"org_id", std::to_string(server_->org_id("SPIP18"))},
                       {"role", role},
                       {"csrf_token", admin.csrf()}});
  }

  std::string api_token(Browser& b, const std::string& password) {
    b.get("/compte");
    auto created = b.post("/compte/jetons",
                          {{"name", "Tableur"}, {"password", password}, {"csrf_token", b.csrf()}});
    EXPECT_EQ(created.status, 201) << created.body;
    std::smatch m;
    return std::regex_search(created.body, m, std::regex("(prc_[A-Za-z0-9_-]+)")) ? m[1].str() : "";
  }

  std::unique_ptr<TestServer> server_;
  SmtpServer smtp_;
  std::size_t sent_ = 0;
};

TEST_P(Accounts, ORG_2_CreatedAccountIsHandedOverByAnInvitationLink) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  auto created = create_account(admin, "claire.fontaine@example.fr", "cpip");
  ASSERT_EQ(created.status, 303) << created.body;
  const Id id = server_->user_id("claire.fontaine@example.fr");
  ASSERT_NE(id, 0);
  auto detail = admin.get(created.location());
  EXPECT_NE(detail.body.find("CPIP"), std::string::npos) << "role and organisation set";
  EXPECT_NE(detail.body.find("Invitation envoyée"), std::string::npos);
  auto list = admin.get("/admin/utilisateurs");
  EXPECT_NE(list.body.find("Invitation envoyée"), std::string::npos);

  const std::string mail = mail_to("claire.fontaine@example.fr");
  EXPECT_NE(mail.find("Bonjour Claire Fontaine"), std::string::npos) << mail;
  EXPECT_NE(mail.find("7 jours"), std::string::npos) << mail;
  const std::string link = link_in(mail, "invitation");
  ASSERT_FALSE(link.empty()) << mail;
  // Only the digest of the link's token is stored.
  auto stored = server_->store().read([&](Repos& r) -> Status {
    const std::string token = link.substr(std::string("/invitation/").size());
    EXPECT_FALSE(r.auth.find_link(token).has_value());
    EXPECT_TRUE(r.auth.find_link(token_digest(token)).has_value());
    return {};
  });
  EXPECT_TRUE(stored.ok());

  Browser person(server_->port());
  auto page = person.get(link);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Choisir votre mot de passe"), std::string::npos);
  auto weak = person.post(
      link, {{"password", "court"}, {"confirm_password", "court"}, {"csrf_token", person.csrf()}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_NE(weak.body.find("12 caractères"), std::string::npos) << weak.body;
  auto mismatch = person.post(link, {{"password", kNewPassword},
                                     {"confirm_password", "Autre-mot-de-passe-42"},
                                     {"csrf_token", person.csrf()}});
  EXPECT_EQ(mismatch.status, 422);
  auto done = person.post(link, {{"password", kNewPassword},
                                 {"confirm_password", kNewPassword},
                                 {"csrf_token", person.csrf()}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.location(), "/");
  EXPECT_EQ(person.get("/").status, 200) << "signed in";

  auto again = Browser(server_->port()).get(link);
  EXPECT_EQ(again.status, 410);
  EXPECT_NE(again.body.find("Ce lien a déjà été utilisé"), std::string::npos);
  EXPECT_EQ(signed_in("claire.fontaine@example.fr", kNewPassword).get("/").status, 200);
  list = admin.get("/admin/utilisateurs");
  EXPECT_EQ(list.body.find("Invitation envoyée"), std::string::npos);
}

TEST_P(Accounts, ORG_2_ExpiredInvitationSaysSoAndTheAdminResendsIt) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  const std::string token = api_token(admin, demo_password());
  // Created through the API, with its organisation and role.
  auto r = admin.send_json("POST", "/api/v1/users",
                           json{{"email", "yann.le-gall@example.fr"},
                                {"full_name", "Yann Le Gall"},
                                {"organisation_id", server_->org_id("SPIP18")},
                                {"role", "cpip"}}
                               .dump(),
                           {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(r.status, 201) << r.body;
  const Id id = json::parse(r.body).value("id", Id{0});
  const std::string first = link_in(mail_to("yann.le-gall@example.fr"), "invitation");
  ASSERT_FALSE(first.empty());

  server_->clock().advance(std::chrono::hours(24 * 8));
  Browser person(server_->port());
  auto expired = person.get(first);
  EXPECT_EQ(expired.status, 410);
  EXPECT_NE(expired.body.find("Ce lien a expiré"), std::string::npos) << expired.body;

  Browser again = signed_in("admin@demo.parcours.fr");
  const std::string page = "/admin/utilisateurs/" + std::to_string(id);
  EXPECT_NE(again.get(page).body.find("Renvoyer l’invitation"), std::string::npos);
  again.get(page + "/invitation");
  auto resent = again.post(page + "/invitation", {{"csrf_token", again.csrf()}});
  ASSERT_EQ(resent.status, 303) << resent.body;
  const std::string second = link_in(mail_to("yann.le-gall@example.fr"), "invitation");
  ASSERT_FALSE(second.empty());
  EXPECT_NE(second, first);
  person.get(second);
  auto done = person.post(second, {{"password", kNewPassword},
                                   {"confirm_password", kNewPassword},
                                   {"csrf_token", person.csrf()}});
  EXPECT_EQ(done.status, 303) << done.body;
  // Once the password is chosen there is nothing left to resend.
  again.get(page + "/invitation");
  auto refused = again.post(page + "/invitation", {{"csrf_token", again.csrf()}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("déjà choisi son mot de passe"), std::string::npos);
}

TEST_P(Accounts, ORG_2_CsvImportRecognisesTheFileAndInvitesEachAccount) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  admin.get("/admin/import");
  auto bad = admin.post_file("/admin/import", {{"csrf_token", admin.csrf()}}, "file", "comptes.csv",
                             "email;nom;role;organisation\n"
                             "lea.martin@example.fr;Léa Martin;chef;SPIP18\n");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Psychologue du travail"), std::string::npos) << "French labels";
  EXPECT_EQ(bad.body.find("intervenant_psychologist"), std::string::npos) << "never role ids";
  auto good =
      admin.post_file("/admin/import", {{"csrf_token", admin.csrf()}}, "file", "comptes.csv",
                      "email;nom;role;organisation\n"
                      "lea.martin@example.fr;Léa Martin;CPIP;SPIP18\n");
  ASSERT_EQ(good.status, 303) << good.body;
  EXPECT_EQ(good.location(), "/admin/utilisateurs");
  const std::string link = link_in(mail_to("lea.martin@example.fr"), "invitation");
  ASSERT_FALSE(link.empty());
  EXPECT_EQ(Browser(server_->port()).get(link).status, 200);
  // An establishments file is recognised from its header alone.
  auto places =
      admin.post_file("/admin/import", {{"csrf_token", admin.csrf()}}, "file", "etablissements.csv",
                      "code;nom;spip\nEP-IMPORT-9;Centre pénitentiaire importé;SPIP18\n");
  ASSERT_EQ(places.status, 303) << places.body;
  EXPECT_EQ(places.location(), "/admin/organisations?type=establishment");
  auto unknown = admin.post_file("/admin/import", {{"csrf_token", admin.csrf()}}, "file",
                                 "autre.csv", "titre;auteur\nA;B\n");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("n’a pas été reconnu"), std::string::npos) << unknown.body;
}

TEST_P(Accounts, SEC_5_ApiTokenNeedsThePasswordAndExpires) {
  Browser admin = signed_in("admin@demo.parcours.fr");
  admin.get("/compte");
  auto without = admin.post("/compte/jetons", {{"name", "Tableur"}, {"csrf_token", admin.csrf()}});
  EXPECT_EQ(without.status, 422);
  EXPECT_EQ(without.body.find("prc_"), std::string::npos);
  auto wrong = admin.post("/compte/jetons", {{"name", "Tableur"},
                                             {"password", "Pas-le-bon-mot-de-passe-1"},
                                             {"csrf_token", admin.csrf()}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Le mot de passe est incorrect."), std::string::npos);
  const std::string token = api_token(admin, demo_password());
  ASSERT_FALSE(token.empty());
  auto account = admin.get("/compte");
  EXPECT_NE(account.body.find("Expire le"), std::string::npos) << account.body;

  const httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  auto refused = admin.send_json("POST", "/api/v1/me/tokens",
                                 json{{"name", "Script"}, {"password", "faux"}}.dump(), bearer);
  EXPECT_EQ(refused.status, 422) << refused.body;
  auto made =
      admin.send_json("POST", "/api/v1/me/tokens",
                      json{{"name", "Script"}, {"password", demo_password()}}.dump(), bearer);
  ASSERT_EQ(made.status, 201) << made.body;
  const json body = json::parse(made.body);
  EXPECT_EQ(body.value("token", "").rfind("prc_", 0), 0u);
  auto list = admin.send_json("GET", "/api/v1/me/tokens", "", bearer);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(json::parse(list.body)["items"].size(), 2u);
  EXPECT_TRUE(json::parse(list.body)["items"][0].contains("expires_at"));

  server_->clock().advance(std::chrono::hours(24 * 89));
  EXPECT_EQ(Browser(server_->port()).send_json("GET", "/api/v1/me", "", bearer).status, 200);
  server_->clock().advance(std::chrono::hours(24 * 2));
  auto expired = Browser(server_->port()).send_json("GET", "/api/v1/me", "", bearer);
  EXPECT_EQ(expired.status, 401) << "90 days by default";
}

TEST_P(Accounts, SEC_5_PasswordChangeRevokesTheApiTokens) {
  Browser cpip = signed_in("cpip@demo.parcours.fr");
  const std::string token = api_token(cpip, demo_password());
  const httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(Browser(server_->port()).send_json("GET", "/api/v1/me", "", bearer).status, 200);
  cpip.get("/compte");
  auto changed = cpip.post("/compte/mot-de-passe", {{"current_password", demo_password()},
                                                    {"new_password", kNewPassword},
                                                    {"confirm_password", kNewPassword},
                                                    {"csrf_token", cpip.csrf()}});
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Browser(server_->port()).send_json("GET", "/api/v1/me", "", bearer).status, 401);
}

TEST_P(Accounts, SEC_5_ExpiredSessionRowIsDeletedWhenPresented) {
  Browser cpip = signed_in("cpip@demo.parcours.fr");
  const std::string digest = token_digest(cpip.cookie("parcours_session"));
  auto present = [&] {
    bool found = false;
    EXPECT_TRUE(server_->store()
                    .read([&](Repos& r) -> Status {
                      found = r.auth.find_session(digest).has_value();
                      return {};
                    })
                    .ok());
    return found;
  };
  ASSERT_TRUE(present());
  server_->clock().advance(31min);
  auto r = cpip.get("/");
  EXPECT_EQ(r.status, 303);
  EXPECT_FALSE(present()) << "the delete must not be rolled back with the not_found";
}

TEST_P(Accounts, SEC_5_FailuresFromAnotherAddressDoNotLockTheAccountOut) {
  AuthService auth(server_->store(), server_->clock());
  const std::string email = "cpip@demo.parcours.fr";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(auth.login(email, "faux", "203.0.113.9").error().code, ErrorCode::invalid);
  auto blocked = auth.login(email, demo_password(), "203.0.113.9");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::rule_violation);
  EXPECT_TRUE(auth.login(email, demo_password(), "198.51.100.4").ok())
      << "the CPIP still signs in from their own address";
  // One address trying many accounts is throttled on its own.
  for (int i = 0; i < 20; ++i)
    (void)auth.login("inconnu" + std::to_string(i) + "@example.fr", "x", "192.0.2.1");
  auto address = auth.login("admin@demo.parcours.fr", demo_password(), "192.0.2.1");
  ASSERT_FALSE(address.ok());
  EXPECT_EQ(address.error().code, ErrorCode::rule_violation);
}

TEST_P(Accounts, SEC_5_ThrottledAccountReceivesAnUnlockLink) {
  Browser b(server_->port());
  b.get("/connexion");
  for (int i = 0; i < 5; ++i)
    b.post("/connexion", {{"email", "cip@demo.parcours.fr"},
                          {"password", "faux-" + std::to_string(i)},
                          {"csrf_token", b.csrf()}});
  auto blocked = b.post(
      "/connexion",
      {{"email", "cip@demo.parcours.fr"}, {"password", demo_password()}, {"csrf_token", b.csrf()}});
  EXPECT_EQ(blocked.status, 429);
  EXPECT_NE(blocked.body.find("un courriel a été envoyé"), std::string::npos);

  const std::string mail = mail_to("cip@demo.parcours.fr");
  EXPECT_NE(mail.find("ont échoué depuis l’adresse 127.0.0.1"), std::string::npos) << mail;
  const std::string link = link_in(mail, "deblocage");
  ASSERT_FALSE(link.empty()) << mail;
  auto unlocked = Browser(server_->port()).get(link);
  EXPECT_EQ(unlocked.status, 200);
  EXPECT_NE(unlocked.body.find("Compte débloqué"), std::string::npos);
  auto in = b.post(
      "/connexion",
      {{"email", "cip@demo.parcours.fr"}, {"password", demo_password()}, {"csrf_token", b.csrf()}});
  EXPECT_EQ(in.status, 303) << "failures cleared";
  auto reused = Browser(server_->port()).get(link);
  EXPECT_EQ(reused.status, 410);
  EXPECT_NE(reused.body.find("Ce lien a déjà été utilisé"), std::string::npos);
  EXPECT_EQ(smtp_.count(), 1u) << "one e-mail per trip of the throttle";
}

TEST_P(Accounts, SEC_5_MetricsNeedATokenOrAnAllowedLoopback) {
  Browser b(server_->port());
  EXPECT_EQ(b.get("/metrics").status, 404) << "closed by default";
  server_->web().metrics().set_access({"jeton-metriques-0123456789", false});
  auto anonymous = b.get("/metrics");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.header("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(b.get("/metrics", {{"Authorization", "Bearer autre"}}).status, 401);
  auto ok = b.get("/metrics", {{"Authorization", "Bearer jeton-metriques-0123456789"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("parcours_http_requests_total"), std::string::npos);
  server_->web().metrics().set_access({"", true});
  EXPECT_EQ(b.get("/metrics").status, 200) << "127.0.0.1 allowed by the option";
  EXPECT_EQ(b.get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}}).status, 404)
      << "through a proxy, loopback means nothing";
}

TEST_P(Accounts, SEC_5_LinkIsUsedOnceAndUnlockClearsOnlyThatAccount) {
  const Id user = server_->user_id("cip@demo.parcours.fr");
  const Instant now = server_->clock().now();
  Id link = 0;
  ASSERT_TRUE(server_->store()
                  .transact([&](Repos& r) -> Status {
                    link = r.auth.insert_link(
                        AccountLink{0, user, "unlock", "empreinte-1", now, now + 1h, std::nullopt});
                    r.auth.record_login_failure("compte-adresse:a_b@example.fr|10.0.0.1", now);
                    r.auth.record_login_failure("compte-adresse:axb@example.fr|10.0.0.1", now);
                    return {};
                  })
                  .ok());
  bool first = false, second = true;
  int kept = 0, cleared = 1;
  ASSERT_TRUE(
      server_->store()
          .transact([&](Repos& r) -> Status {
            first = r.auth.use_link(link, now);
            second = r.auth.use_link(link, now);
            // `_` is a LIKE wildcard: it must match itself only.
            r.auth.clear_login_failures_with_prefix("compte-adresse:a_b@example.fr|");
            cleared =
                r.auth.count_login_failures("compte-adresse:a_b@example.fr|10.0.0.1", now - 1h);
            kept = r.auth.count_login_failures("compte-adresse:axb@example.fr|10.0.0.1", now - 1h);
            return {};
          })
          .ok());
  EXPECT_TRUE(first);
  EXPECT_FALSE(second) << "a link is used once, even by two concurrent clicks";
  EXPECT_EQ(cleared, 0);
  EXPECT_EQ(kept, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
