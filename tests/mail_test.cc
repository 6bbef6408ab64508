// Notifications and e-mail (SPEC DL-2; DESIGN §1 notify/): the in-app notification and the
// outbox e-mail are written with the change or not at all; delivery goes over real SMTP to a
// test server; a failed attempt is recorded and retried later, and the e-mail is delivered
// exactly once. On SQLite and on a real PostgreSQL.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "app/audit.h"
#include "app/notifications.h"
#include "db_support.h"
#include "http_support.h"
#include "mail_support.h"
#include "notify/smtp_transport.h"
#include "smtp_server.h"
#include "storage/soci_store.h"

namespace parcours {
namespace {

using std::chrono::seconds;
using testing::body_of;
using testing::decode_qp;
using testing::decode_words;
using testing::header;
using testing::longest_line;
using testing::only_ascii;
using testing::SmtpServer;
using testing::TestClock;

constexpr auto kWait = std::chrono::milliseconds(5000);

// ---- Encoding alone (no database) ---------------------------------------------------------

TEST(MailEncoding, QuotedPrintableKeepsAccentsAndShortLines) {
  std::string text =
      "Échéance dépassée pour « Premier entretien avec la personne » : l’intervenant doit être "
      "relancé aujourd’hui même, avant la fin de la journée de travail.\n"
      "Ligne avec des espaces à la fin   \n"
      ".Un point en début de ligne\n"
      "égalité = 100 % ; tabulation\tici\n"
      "\n"
      "Fin.";
  std::string qp = mail::quoted_printable(text);
  EXPECT_TRUE(only_ascii(qp));
  EXPECT_LE(longest_line(qp), 76u);
  EXPECT_EQ(decode_qp(qp), text);
  EXPECT_NE(qp.find("=C3=89ch=C3=A9ance"), std::string::npos);
  EXPECT_NE(qp.find("la fin  =20\r\n"), std::string::npos) << "trailing space encoded";
  EXPECT_NE(qp.find("\r\n=2EUn point"), std::string::npos);
  EXPECT_NE(qp.find("=3D 100"), std::string::npos);
}

TEST(MailEncoding, QuotedPrintableNeverSplitsAnEscape) {
  std::string text(200, 'x');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = '=';
  std::string qp = mail::quoted_printable(text);
  EXPECT_LE(longest_line(qp), 76u);
  EXPECT_EQ(decode_qp(qp), text);
  std::string accents;
  for (int i = 0; i < 60; ++i) accents += "é";
  qp = mail::quoted_printable(accents);
  EXPECT_LE(longest_line(qp), 76u);
  EXPECT_EQ(decode_qp(qp), accents);
}

TEST(MailEncoding, SubjectIsEncodedWordsFoldedAtUtf8Boundaries) {
  std::string subject =
      "Parcours — vos échéances du mercredi 1er janvier 2025 : premier entretien, proposition "
      "à valider, présence à enregistrer";
  std::string words = mail::encoded_words(subject, "Subject");
  EXPECT_TRUE(only_ascii(words));
  EXPECT_LE(longest_line("Subject: " + words), 76u);
  EXPECT_NE(words.find("\r\n "), std::string::npos) << "long subjects are folded";
  EXPECT_EQ(decode_words(header("Subject: " + words + "\r\n\r\n", "Subject")), subject);
}

TEST(MailEncoding, HeaderInjectionIsRefused) {
  mail::SmtpConfig config;
  config.from_address = "parcours@example.fr";
  OutboxEmail e;
  e.to_address = "victime@example.fr\r\nBcc: autre@example.fr";
  e.subject = "Objet";
  auto m = mail::build_message(config, e, Instant{});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, ErrorCode::invalid);
  e.to_address = "camille@example.fr";
  e.subject = "Objet\r\nBcc: autre@example.fr";
  m = mail::build_message(config, e, Instant{});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(header(*m, "Bcc"), "");
}

// ---- With a database ----------------------------------------------------------------------

class MailTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    db_ = std::make_unique<testdb::TestDatabase>(GetParam());
    auto opened = SociStore::open(db_->url(), 3);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    auto migrated = store_->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    set_mail_settings(MailSettings{"https://parcours.example.fr"});
    camille_ = add_user("camille.durand@example.fr", "Camille Durand", true);
    dominique_ = add_user("dominique.martin@example.fr", "Dominique Martin", false);
    smtp_config_.from_address = "parcours@spip18.example.fr";
  }

  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  Id add_user(const std::string& email, const std::string& name, bool active) {
    auto id = transact<Id>(*store_, [&](Repos& r) -> Result<Id> {
      User u;
      u.email = email;
      u.full_name = name;
      u.active = active;
      return r.users.insert(u);
    });
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }

  Actor actor(Id user_id, bool admin = false) {
    Actor a;
    auto u = read<User>(*store_, [&](Repos& r) -> Result<User> {
      auto found = r.users.find(user_id);
      if (!found) return not_found("utilisateur");
      return *found;
    });
    EXPECT_TRUE(u.ok());
    if (u.ok()) a.user = *u;
    if (admin) a.memberships.push_back({Membership{0, user_id, 0, Role::admin}, Organisation{}});
    return a;
  }

  Status notify_in_tx(const std::vector<Id>& users, const std::string& kind,
                      const std::string& title, const std::string& body, const std::string& link,
                      bool fail_after = false) {
    return store_->transact([&](Repos& r) -> Status {
      notify(r, clock_, users, kind, title, body, link);
      if (fail_after) return invalid("La modification a échoué.");
      return {};
    });
  }

  std::vector<OutboxEmail> outbox() {
    auto list =
        read<std::vector<OutboxEmail>>(*store_, [&](Repos& r) -> Result<std::vector<OutboxEmail>> {
          return r.notifications.emails(std::nullopt, 100);
        });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<OutboxEmail>{};
  }

  std::vector<Notification> inbox(Id user_id) {
    auto list = read<std::vector<Notification>>(
        *store_, [&](Repos& r) -> Result<std::vector<Notification>> {
          return r.notifications.notifications_of(user_id, 100);
        });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<Notification>{};
  }

  OutboxEmail email(Id id) {
    auto e = read<OutboxEmail>(*store_, [&](Repos& r) -> Result<OutboxEmail> {
      auto found = r.notifications.find_email(id);
      if (!found) return not_found("courriel");
      return *found;
    });
    EXPECT_TRUE(e.ok());
    return e.ok() ? *e : OutboxEmail{};
  }

  std::vector<EmailAttempt> attempts(Id email_id) {
    auto list = read<std::vector<EmailAttempt>>(*store_,
                                                [&](Repos& r) -> Result<std::vector<EmailAttempt>> {
                                                  return r.notifications.attempts_of(email_id);
                                                });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<EmailAttempt>{};
  }

  DeliveryReport deliver(MailTransport& transport) {
    auto report = deliver_due_emails(*store_, clock_, transport);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : DeliveryReport{-1, -1};
  }

  mail::SmtpTransport transport_to(const SmtpServer& server) {
    mail::SmtpConfig c = smtp_config_;
    c.url = server.url();
    return mail::SmtpTransport(c);
  }

  std::unique_ptr<testdb::TestDatabase> db_;
  std::unique_ptr<SociStore> store_;
  TestClock clock_;
  mail::SmtpConfig smtp_config_;
  Id camille_ = 0;
  Id dominique_ = 0;
};

TEST_P(MailTest, DL_2_NotifyWritesNotificationAndEmailInTheSameTransaction) {
  ASSERT_TRUE(notify_in_tx({camille_, dominique_, camille_}, "proposal_submitted",
                           "Proposition de programme à valider",
                           "Le programme de Jean Dupont attend votre décision.", "/prescriptions/7")
                  .ok());
  auto notes = inbox(camille_);
  ASSERT_EQ(notes.size(), 1u) << "one per user, even when named twice";
  EXPECT_EQ(notes[0].kind, "proposal_submitted");
  EXPECT_EQ(notes[0].title, "Proposition de programme à valider");
  EXPECT_EQ(notes[0].link, "/prescriptions/7");
  EXPECT_EQ(notes[0].created_at, clock_.now());
  EXPECT_FALSE(notes[0].read_at.has_value());
  EXPECT_EQ(inbox(dominique_).size(), 1u) << "in the application even when inactive";

  auto mails = outbox();
  ASSERT_EQ(mails.size(), 1u) << "no e-mail to an inactive account";
  const OutboxEmail& e = mails[0];
  EXPECT_EQ(e.user_id, camille_);
  EXPECT_EQ(e.to_address, "camille.durand@example.fr");
  EXPECT_EQ(e.subject, "Proposition de programme à valider");
  EXPECT_EQ(e.status, EmailStatus::pending);
  EXPECT_EQ(e.attempts, 0);
  EXPECT_EQ(e.next_attempt_at, clock_.now());
  EXPECT_EQ(e.body.rfind("Le programme de Jean Dupont attend votre décision.\n\n"
                         "Ouvrir dans Parcours : https://parcours.example.fr/prescriptions/7",
                         0),
            0u)
      << e.body;
  EXPECT_NE(e.body.find("https://parcours.example.fr/compte/notifications"), std::string::npos);
}

TEST_P(MailTest, DL_2_FailedTransactionWritesNeitherNotificationNorEmail) {
  Status s = notify_in_tx({camille_}, "case_signal", "Absence signalée", "Absence non justifiée.",
                          "/prescriptions/3", /*fail_after=*/true);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(inbox(camille_).empty());
  EXPECT_TRUE(outbox().empty());
}

TEST_P(MailTest, DL_2_DeliveredOverSmtpWithFrenchAccents) {
  SmtpServer server;
  server.start();
  const std::string title = "Échéance dépassée : premier entretien";
  const std::string body =
      "L’échéance « Premier entretien avec la personne » de Jean Dupont est dépassée depuis le "
      "lundi 3 mars 2025 à 14\u00a0h\u00a030. Merci de régulariser la situation dès que possible.";
  ASSERT_TRUE(notify_in_tx({camille_}, "case_signal", title, body, "/prescriptions/12").ok());
  auto transport = transport_to(server);
  DeliveryReport report = deliver(transport);
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(report.failed, 0);
  ASSERT_TRUE(server.wait_for(1, kWait));

  auto received = server.messages();
  ASSERT_EQ(received.size(), 1u);
  const auto& m = received[0];
  EXPECT_EQ(m.from, "parcours@spip18.example.fr");
  EXPECT_EQ(m.recipients, std::vector<std::string>{"camille.durand@example.fr"});
  EXPECT_TRUE(only_ascii(m.data)) << "7-bit clean on the wire";
  EXPECT_LE(longest_line(m.data), 76u);
  EXPECT_EQ(decode_words(header(m.data, "Subject")), title);
  EXPECT_EQ(header(m.data, "From"), "\"Parcours\" <parcours@spip18.example.fr>");
  EXPECT_EQ(header(m.data, "To"), "<camille.durand@example.fr>");
  EXPECT_EQ(header(m.data, "MIME-Version"), "1.0");
  EXPECT_EQ(header(m.data, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(header(m.data, "Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_NE(header(m.data, "Date"), "");
  EXPECT_NE(header(m.data, "Message-ID").find("@spip18.example.fr>"), std::string::npos);
  std::string text = decode_qp(body_of(m.data));
  EXPECT_EQ(text.rfind(body, 0), 0u) << text;
  EXPECT_NE(text.find("Ouvrir dans Parcours : https://parcours.example.fr/prescriptions/12"),
            std::string::npos);

  auto mails = outbox();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].status, EmailStatus::sent);
  EXPECT_EQ(mails[0].sent_at, clock_.now());
  EXPECT_EQ(mails[0].attempts, 1);
  auto tries = attempts(mails[0].id);
  ASSERT_EQ(tries.size(), 1u);
  EXPECT_TRUE(tries[0].ok);
  EXPECT_EQ(deliver(transport).sent, 0) << "a sent e-mail is not sent again";
}

TEST_P(MailTest, DL_2_ServerDownIsRecordedThenRetriedAndDeliveredExactlyOnce) {
  SmtpServer server;
  const int port = server.start();
  server.stop();  // connections are now refused
  ASSERT_TRUE(notify_in_tx({camille_}, "calendar", "Calendrier modifié",
                           "Une séance a été déplacée.", "/prescriptions/4")
                  .ok());
  auto transport = transport_to(server);
  DeliveryReport report = deliver(transport);
  EXPECT_EQ(report.sent, 0);
  EXPECT_EQ(report.failed, 1);

  OutboxEmail e = outbox().at(0);
  EXPECT_EQ(e.status, EmailStatus::pending) << "never abandoned";
  EXPECT_EQ(e.attempts, 1);
  EXPECT_EQ(e.next_attempt_at, clock_.now() + seconds(60)) << "first retry after one minute";
  EXPECT_EQ(e.last_error.rfind("Serveur de courriel injoignable : ", 0), 0u) << e.last_error;
  auto tries = attempts(e.id);
  ASSERT_EQ(tries.size(), 1u);
  EXPECT_FALSE(tries[0].ok);
  EXPECT_EQ(tries[0].error, e.last_error);
  EXPECT_EQ(tries[0].at, clock_.now());

  // Before the retry delay: nothing is attempted.
  clock_.advance(seconds(59));
  report = deliver(transport);
  EXPECT_EQ(report.sent + report.failed, 0);
  EXPECT_EQ(attempts(e.id).size(), 1u);

  // The server is back and the delay has passed: delivered, once.
  server.start(port);
  clock_.advance(seconds(1));
  report = deliver(transport);
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(report.failed, 0);
  ASSERT_TRUE(server.wait_for(1, kWait));
  clock_.advance(seconds(3600));
  report = deliver(transport);
  EXPECT_EQ(report.sent + report.failed, 0);
  EXPECT_EQ(server.count(), 1u);
  e = email(e.id);
  EXPECT_EQ(e.status, EmailStatus::sent);
  EXPECT_EQ(e.attempts, 2);
  EXPECT_EQ(e.last_error, "");
  tries = attempts(e.id);
  ASSERT_EQ(tries.size(), 2u);
  EXPECT_FALSE(tries[0].ok);
  EXPECT_TRUE(tries[1].ok);
}

TEST_P(MailTest, DL_2_RefusalByTheServerIsRetriedWithDoublingDelay) {
  SmtpServer server;
  server.start();
  server.set_refuse(true);
  ASSERT_TRUE(
      notify_in_tx({camille_}, "case_status", "Programme suspendu", "Suspension.", "").ok());
  auto transport = transport_to(server);
  EXPECT_EQ(deliver(transport).failed, 1);
  OutboxEmail e = outbox().at(0);
  EXPECT_EQ(e.last_error.rfind("Le serveur de courriel a refusé le message : ", 0), 0u)
      << e.last_error;
  EXPECT_NE(e.last_error.find("451"), std::string::npos) << e.last_error;
  clock_.advance(seconds(60));
  EXPECT_EQ(deliver(transport).failed, 1);
  e = email(e.id);
  EXPECT_EQ(e.attempts, 2);
  EXPECT_EQ(e.next_attempt_at, clock_.now() + seconds(120));
  server.set_refuse(false);
  clock_.advance(seconds(120));
  EXPECT_EQ(deliver(transport).sent, 1);
  EXPECT_EQ(server.count(), 1u);
}

TEST_P(MailTest, DL_2_OptOutSuppressesTheEmailButKeepsTheInAppNotification) {
  NotificationService service(*store_, clock_);
  Actor camille = actor(camille_);
  ASSERT_TRUE(service.set_email_opt_outs(camille, {"calendar", "daily_digest"}).ok());
  auto prefs = service.prefs(camille);
  ASSERT_TRUE(prefs.ok());
  EXPECT_EQ(prefs->email_opt_outs, (std::vector<std::string>{"calendar", "daily_digest"}));
  EXPECT_EQ(prefs->kinds.size(), notification_kinds().size());

  ASSERT_TRUE(notify_in_tx({camille_}, "calendar", "Calendrier modifié", "Séance déplacée.",
                           "/prescriptions/4")
                  .ok());
  EXPECT_EQ(inbox(camille_).size(), 1u);
  EXPECT_TRUE(outbox().empty());
  ASSERT_TRUE(
      notify_in_tx({camille_}, "case_signal", "Absence", "Absence.", "/prescriptions/4").ok());
  EXPECT_EQ(inbox(camille_).size(), 2u);
  EXPECT_EQ(outbox().size(), 1u) << "other kinds still come by e-mail";

  ASSERT_TRUE(service.set_email_opt_outs(camille, {}).ok());
  ASSERT_TRUE(notify_in_tx({camille_}, "calendar", "Calendrier", "Nouveau calendrier.", "").ok());
  EXPECT_EQ(outbox().size(), 2u);
}

TEST_P(MailTest, DL_2_UnknownKindIsRefusedAndChangesAreAudited) {
  NotificationService service(*store_, clock_);
  Actor camille = actor(camille_);
  Status s = service.set_email_opt_outs(camille, {"calendar", "publicité"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::invalid);
  ASSERT_EQ(s.error().details.size(), 1u);
  EXPECT_EQ(s.error().details[0].message, "Type de notification inconnu : « publicité ».");
  EXPECT_TRUE(service.prefs(camille)->email_opt_outs.empty()) << "nothing half-written";

  ASSERT_TRUE(service.set_email_opt_outs(camille, {"orientation", "orientation"}).ok());
  EXPECT_EQ(service.prefs(camille)->email_opt_outs, std::vector<std::string>{"orientation"});
  auto entries =
      read<std::vector<AuditEntry>>(*store_, [&](Repos& r) -> Result<std::vector<AuditEntry>> {
        return r.audit.for_subject("user", camille_, 10);
      });
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->at(0).action, "notification_prefs.update");
  EXPECT_EQ(entries->at(0).actor_user_id, camille_);
  EXPECT_EQ(entries->at(0).detail, R"({"email_opt_outs":["orientation"]})");
}

TEST_P(MailTest, ClaimEmailCannotClaimTwice) {
  ASSERT_TRUE(notify_in_tx({camille_}, "orientation", "Demande d’orientation", "…", "").ok());
  const Id id = outbox().at(0).id;
  const Instant now = clock_.now();
  auto claim = [&](Instant at) {
    auto r = transact<bool>(*store_, [&](Repos& repos) -> Result<bool> {
      return repos.notifications.claim_email(id, at, at + seconds(300));
    });
    EXPECT_TRUE(r.ok());
    return r.ok() && *r;
  };
  EXPECT_FALSE(claim(now - seconds(1))) << "not due yet";
  EXPECT_TRUE(claim(now));
  EXPECT_FALSE(claim(now)) << "already claimed";
  EXPECT_FALSE(claim(now + seconds(299))) << "still leased";
  EXPECT_TRUE(claim(now + seconds(300))) << "the lease has run out";
  OutboxEmail e = email(id);
  e.status = EmailStatus::sent;
  e.sent_at = now;
  ASSERT_TRUE(store_
                  ->transact([&](Repos& r) -> Status {
                    r.notifications.update_email(e);
                    return {};
                  })
                  .ok());
  EXPECT_FALSE(claim(now + seconds(10000))) << "a sent e-mail is never claimed";
}

TEST_P(MailTest, ClaimEmailConcurrentSendersClaimOnce) {
  ASSERT_TRUE(notify_in_tx({camille_}, "orientation", "Demande d’orientation", "…", "").ok());
  const Id id = outbox().at(0).id;
  const Instant now = clock_.now();
  std::atomic<int> won{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&] {
      auto r = transact<bool>(*store_, [&](Repos& repos) -> Result<bool> {
        return repos.notifications.claim_email(id, now, now + seconds(300));
      });
      if (!r.ok())
        ++failed;
      else if (*r)
        ++won;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(failed.load(), 0);
}

TEST_P(MailTest, DL_2_InboxUnreadAndMarkRead) {
  NotificationService service(*store_, clock_);
  Actor camille = actor(camille_);
  ASSERT_TRUE(notify_in_tx({camille_}, "orientation", "Première", "1", "/a").ok());
  clock_.advance(seconds(10));
  ASSERT_TRUE(notify_in_tx({camille_}, "orientation", "Deuxième", "2", "/b").ok());
  ASSERT_TRUE(notify_in_tx({dominique_}, "orientation", "Autre", "3", "/c").ok());
  auto list = service.inbox(camille);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).title, "Deuxième") << "newest first";
  EXPECT_EQ(*service.unread(camille), 2);

  // Someone else's notification is left alone.
  Id others = inbox(dominique_).at(0).id;
  ASSERT_TRUE(service.mark_read(camille, others).ok());
  EXPECT_FALSE(inbox(dominique_).at(0).read_at.has_value());

  ASSERT_TRUE(service.mark_read(camille, list->at(1).id).ok());
  EXPECT_EQ(*service.unread(camille), 1);
  clock_.advance(seconds(5));
  ASSERT_TRUE(service.mark_read(camille, 0).ok());
  EXPECT_EQ(*service.unread(camille), 0);
  auto after = service.inbox(camille);
  EXPECT_EQ(after->at(1).read_at, clock_.now() - seconds(5)) << "first reading kept";
}

TEST_P(MailTest, DL_2_OutboxIsForAdministratorsOnly) {
  NotificationService service(*store_, clock_);
  ASSERT_TRUE(notify_in_tx({camille_}, "orientation", "Demande", "…", "").ok());
  auto refused = service.outbox(actor(camille_));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  auto list = service.outbox(actor(camille_, /*admin=*/true));
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->size(), 1u);
}

TEST_P(MailTest, DL_2_LastDigestDayOnlyMovesForward) {
  Date d1 = Date{date::year{2025}, date::March, date::day{3}};
  Date d2 = Date{date::year{2025}, date::March, date::day{4}};
  auto last = [&] {
    auto r = read<std::optional<Date>>(*store_, [&](Repos& repos) -> Result<std::optional<Date>> {
      return repos.notifications.last_digest(camille_);
    });
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::nullopt;
  };
  EXPECT_FALSE(last().has_value());
  auto set = [&](Date d) {
    ASSERT_TRUE(store_
                    ->transact([&](Repos& r) -> Status {
                      r.notifications.set_last_digest(camille_, d);
                      return {};
                    })
                    .ok());
  };
  set(d2);
  EXPECT_EQ(last(), d2);
  set(d1);
  EXPECT_EQ(last(), d2);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailTest, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours
