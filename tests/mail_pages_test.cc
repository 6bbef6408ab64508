// Notification pages (inbox, e-mail preferences, outbox) and the daily digest (SPEC DL-2), on a
// real server with the demo data, on SQLite and on a real PostgreSQL.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/notifications.h"
#include "db_support.h"
#include "http_support.h"
#include "journey_support.h"
#include "mail_support.h"
#include "notify/smtp_transport.h"
#include "smtp_server.h"

namespace parcours {
namespace {

using std::chrono::seconds;
using testing::body_of;
using testing::decode_qp;
using testing::decode_words;
using testing::header;
using testing::SmtpServer;

constexpr auto kWait = std::chrono::milliseconds(5000);

// ---- Pages ---------------------------------------------------------------------------------

class MailPagesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<testing::TestServer>(GetParam());
  }
  void TearDown() override { server_.reset(); }

  Id notify_user(const std::string& email, const std::string& title, const std::string& link) {
    Id user = server_->user_id(email);
    EXPECT_TRUE(server_->store()
                    .transact([&](Repos& r) -> Status {
                      notify(r, server_->clock(), {user}, "case_signal", title,
                             "Première ligne.\nSeconde ligne.", link);
                      return {};
                    })
                    .ok());
    auto id = read<Id>(server_->store(), [&](Repos& r) -> Result<Id> {
      return r.notifications.notifications_of(user, 1).at(0).id;
    });
    return id.ok() ? *id : 0;
  }

  testing::Browser signed_in(const std::string& email) {
    testing::Browser b(server_->port());
    EXPECT_EQ(b.login(email, testing::demo_password()).status, 303);
    return b;
  }

  std::unique_ptr<testing::TestServer> server_;
};

TEST_P(MailPagesTest, DL_2_InboxShowsUnreadInBoldAndOpeningMarksRead) {
  const std::string admin = "admin@demo.parcours.fr";
  auto b = signed_in(admin);
  auto empty = b.get("/notifications");
  EXPECT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("Vous n’avez aucune notification."), std::string::npos);

  Id first = notify_user(admin, "Absence signalée", "/admin/organisations");
  server_->clock().advance(seconds(60));
  notify_user(admin, "Abandon signalé", "/admin/utilisateurs");
  auto page = b.get("/notifications");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("2 notifications non lues."), std::string::npos);
  EXPECT_NE(page.body.find("<strong><a href=\"/notifications/" + std::to_string(first) +
                           "\">Absence signalée</a></strong>"),
            std::string::npos);
  EXPECT_LT(page.body.find("Abandon signalé"), page.body.find("Absence signalée"))
      << "newest first";
  EXPECT_NE(page.body.find("<br>Seconde ligne."), std::string::npos);
  EXPECT_NE(page.body.find("Tout marquer comme lu"), std::string::npos);

  auto open = b.get("/notifications/" + std::to_string(first));
  EXPECT_EQ(open.status, 303);
  EXPECT_EQ(open.location(), "/admin/organisations");
  EXPECT_NE(b.get("/notifications").body.find("1 notification non lue."), std::string::npos);

  auto all = b.post("/notifications/tout-lu", {{"csrf_token", b.csrf()}});
  EXPECT_EQ(all.status, 303);
  page = b.get("/notifications");
  EXPECT_NE(page.body.find("Aucune notification non lue."), std::string::npos);
  EXPECT_EQ(page.body.find("Tout marquer comme lu"), std::string::npos);

  // Someone else's notification is not found.
  auto other = signed_in("disp@demo.parcours.fr");
  EXPECT_EQ(other.get("/notifications/" + std::to_string(first)).status, 404);
}

TEST_P(MailPagesTest, DL_2_EmailPreferencesAreSavedAndUnknownKindsRefused) {
  const std::string disp = "disp@demo.parcours.fr";
  auto b = signed_in(disp);
  auto form = b.get("/compte/notifications");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Récapitulatif quotidien des échéances"), std::string::npos);
  EXPECT_NE(form.body.find("value=\"daily_digest\" checked"), std::string::npos)
      << "everything by e-mail at first";

  httplib::Params keep;
  keep.emplace("csrf_token", b.csrf());
  for (const auto& k : notification_kinds())
    if (k.id != "calendar" && k.id != "daily_digest") keep.emplace("email", k.id);
  auto saved = b.post("/compte/notifications", keep);
  EXPECT_EQ(saved.status, 303);
  form = b.get("/compte/notifications");
  EXPECT_NE(form.body.find("Vos préférences de notification ont été enregistrées."),
            std::string::npos);
  EXPECT_NE(form.body.find("value=\"daily_digest\">"), std::string::npos) << "unchecked";
  EXPECT_NE(form.body.find("value=\"orientation\" checked"), std::string::npos);
  auto outs = read<std::vector<std::string>>(
      server_->store(), [&](Repos& r) -> Result<std::vector<std::string>> {
        return r.notifications.email_opt_outs(server_->user_id(disp));
      });
  ASSERT_TRUE(outs.ok());
  EXPECT_EQ(*outs, (std::vector<std::string>{"calendar", "daily_digest"}));

  auto bad = b.post("/compte/notifications",
                    {{"csrf_token", b.csrf()}, {"email", "orientation"}, {"email", "publicité"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Type de notification inconnu : « publicité »."), std::string::npos);
  auto no_csrf = b.post("/compte/notifications", {{"email", "orientation"}});
  EXPECT_EQ(no_csrf.status, 403);
}

TEST_P(MailPagesTest, DL_2_OutboxPageIsForAdministrators) {
  notify_user("disp@demo.parcours.fr", "Échéance dépassée", "/");
  auto admin = signed_in("admin@demo.parcours.fr");
  auto page = admin.get("/admin/courriels");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Boîte d’envoi des courriels"), std::string::npos);
  EXPECT_NE(page.body.find("disp@demo.parcours.fr"), std::string::npos);
  EXPECT_NE(page.body.find("Échéance dépassée"), std::string::npos);
  EXPECT_NE(page.body.find("En attente"), std::string::npos);
  auto disp = signed_in("disp@demo.parcours.fr");
  EXPECT_EQ(disp.get("/admin/courriels").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailPagesTest, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// ---- Daily digest (DL-2) -------------------------------------------------------------------

class MailDigestTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<testing::TestServer>(GetParam());
    set_mail_settings(MailSettings{"https://parcours.example.fr"});
  }
  void TearDown() override { server_.reset(); }

  int enqueue() {
    auto n = enqueue_daily_digests(server_->store(), server_->clock(), server_->journeys());
    EXPECT_TRUE(n.ok()) << n.error().message;
    return n.ok() ? *n : -1;
  }

  std::vector<OutboxEmail> digests_to(const std::string& email) {
    auto list = read<std::vector<OutboxEmail>>(
        server_->store(), [&](Repos& r) -> Result<std::vector<OutboxEmail>> {
          std::vector<OutboxEmail> out;
          for (const auto& e : r.notifications.emails(std::nullopt, 1000))
            if (e.kind == "daily_digest" && e.to_address == email) out.push_back(e);
          return out;
        });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<OutboxEmail>{};
  }

  std::unique_ptr<testing::TestServer> server_;
};

TEST_P(MailDigestTest, DL_2_DailyDigestListsWhatIsDueAndLateOncePerDay) {
  using testing::paris;
  const std::string coordinator = "coordination@demo.parcours.fr";
  server_->clock().set(paris(2025, 3, 3, 10));
  Actor cpip = testing::actor_of(*server_, "cpip@demo.parcours.fr");
  Id person = testing::create_demo_person(*server_);
  auto prescribed = server_->journeys().prescribe(cpip, testing::eligible_prescription(person));
  ASSERT_TRUE(prescribed.ok()) << prescribed.error().message;

  // Sunday 9 March, 8 h: the first interview (due Saturday 8 March) is late.
  server_->clock().set(paris(2025, 3, 9, 8));
  EXPECT_GE(enqueue(), 1);
  auto mine = digests_to(coordinator);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].subject, "Parcours — vos échéances du dimanche 9 mars 2025");
  EXPECT_NE(mine[0].body.find("Mme Amina BENALI"), std::string::npos) << mine[0].body;
  EXPECT_NE(mine[0].body.find("(en retard)"), std::string::npos) << mine[0].body;
  EXPECT_NE(mine[0].body.find("Échéance : "), std::string::npos) << mine[0].body;
  EXPECT_NE(
      mine[0].body.find("https://parcours.example.fr/prescriptions/" + std::to_string(*prescribed)),
      std::string::npos)
      << mine[0].body;
  EXPECT_TRUE(digests_to("admin@demo.parcours.fr").empty()) << "nothing due, no digest";

  // Later the same Paris day: nothing more.
  server_->clock().set(paris(2025, 3, 9, 23, 30));
  EXPECT_EQ(enqueue(), 0);
  EXPECT_EQ(digests_to(coordinator).size(), 1u);

  // The next day, again; unless the digest was declined.
  server_->clock().set(paris(2025, 3, 10, 7, 5));
  EXPECT_GE(enqueue(), 1);
  EXPECT_EQ(digests_to(coordinator).size(), 2u);
  Actor coord = testing::actor_of(*server_, coordinator);
  ASSERT_TRUE(server_->store()
                  .transact([&](Repos& r) -> Status {
                    r.notifications.set_email_opt_outs(coord.user.id, {"daily_digest"});
                    return {};
                  })
                  .ok());
  server_->clock().set(paris(2025, 3, 11, 7, 5));
  enqueue();
  EXPECT_EQ(digests_to(coordinator).size(), 2u);

  // Delivered over SMTP with its accents.
  SmtpServer smtp;
  smtp.start();
  mail::SmtpConfig config;
  config.url = smtp.url();
  config.from_address = "parcours@spip18.example.fr";
  mail::SmtpTransport transport(config);
  auto report = deliver_due_emails(server_->store(), server_->clock(), transport, 1000);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->failed, 0);
  ASSERT_TRUE(smtp.wait_for(static_cast<std::size_t>(report->sent), kWait));
  bool seen = false;
  for (const auto& m : smtp.messages())
    if (m.recipients == std::vector<std::string>{coordinator} &&
        decode_words(header(m.data, "Subject")) ==
            "Parcours — vos échéances du dimanche 9 mars 2025") {
      seen = true;
      EXPECT_NE(decode_qp(body_of(m.data)).find("Mme Amina BENALI"), std::string::npos);
    }
  EXPECT_TRUE(seen);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailDigestTest, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours
