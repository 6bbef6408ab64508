// Contract execution on a hand-built dataset with known totals, on SQLite and PostgreSQL
// (SPEC ORG-3, INV-1, INV-2, DL-3, REP-2, SEC-1): three cases of lot 1 (SPIP du Cher and SPIP
// de l’Indre, PREST-DEMO-1, 58 € the individual hour), figures checked for two "as of" dates
// (31 March and 31 May 2025); the April statement issued, then corrected by a referencing
// line once a signed sheet arrives; who may see what.
#include <algorithm>

#include <gtest/gtest.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>

#include "journey_support.h"

namespace parcours::testing {
namespace {

class Reporting : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    server_->clock().set(paris(2025, 6, 15, 10, 0));
    build_dataset();
  }

  Actor actor(const std::string& email) { return actor_of(*server_, email); }
  ReportingService& reporting() { return server_->reporting(); }

  Id person(const std::string& last, Sex sex, Date birth, const std::string& qualification,
            const char* spip, const char* site) {
    Person p;
    p.last_name = last;
    p.first_name = "Test";
    p.birth_date = birth;
    p.sex = sex;
    p.qualification = qualification;
    p.spip_id = server_->org_id(spip);
    p.site_id = server_->org_id(site);
    p.referent_cpip_id = server_->user_id("cpip@demo.parcours.fr");
    p.created_at = paris(2025, 3, 1, 9, 0);
    return write([&](Repos& r) { return r.persons.insert(p); });
  }

  Id prescription(Id person_id, const char* spip, Instant at) {
    Prescription c;
    c.person_id = person_id;
    c.state = "in_progress";
    c.modality = "individual";
    c.spip_id = server_->org_id(spip);
    c.lot_id = lot_;
    c.provider_id = provider_;
    c.cpip_id = server_->user_id("cpip@demo.parcours.fr");
    c.prescribed_at = at;
    return write([&](Repos& r) { return r.journeys.insert_prescription(c); });
  }

  void proposal(Id c, double hours, Instant submitted, std::optional<Instant> validated) {
    Proposal p;
    p.prescription_id = c;
    p.individual_hours = hours;
    p.submitted_at = submitted;
    p.status = validated ? "validated" : "submitted";
    p.decided_at = validated;
    write([&](Repos& r) { return r.journeys.insert_proposal(p); });
  }

  Id session(Id c, Date d, int minutes, const std::string& kind = "individual",
             const std::string& status = "present") {
    Session s;
    s.prescription_id = c;
    s.kind = kind;
    s.date = d;
    s.start_minute = 14 * 60;
    s.duration_minutes = minutes;
    s.intervenant_id = cip_;
    s.status = status;
    return write([&](Repos& r) { return r.journeys.insert_session(s); });
  }

  void scan(Id c, Id session_id) {
    StoredDocument d;
    d.prescription_id = c;
    d.session_id = session_id;
    d.kind = "scan";
    d.title = "Feuille signée";
    d.filename = "scan.pdf";
    d.media_type = "application/pdf";
    d.size = 8;
    d.checksum = std::string(63, '0') + std::to_string(session_id % 10);
    d.created_at = server_->clock().now();
    write([&](Repos& r) { return r.documents.insert_document(d, "%PDF-1.4"); });
  }

  void deadline(Id c, const std::string& rule, Instant due, std::optional<Instant> met,
                bool conditional = false) {
    CaseDeadline d;
    d.prescription_id = c;
    d.owner_org_id = provider_;
    d.deadline.rule_id = rule;
    d.deadline.conditional = conditional;
    d.deadline.started_at = due - std::chrono::hours{24};
    d.deadline.due_at = due;
    d.deadline.met_at = met;
    write([&](Repos& r) { return r.journeys.insert_deadline(d); });
  }

  template <typename Fn>
  Id write(Fn fn) {
    auto out = parcours::transact<Id>(server_->store(), [&](Repos& r) -> Result<Id> {
      if constexpr (std::is_void_v<decltype(fn(r))>) {
        fn(r);
        return Id{0};
      } else {
        return static_cast<Id>(fn(r));
      }
    });
    EXPECT_TRUE(out.ok()) << out.error().message;
    return out.ok() ? *out : 0;
  }

  // The dataset: see the file comment. Hand-computed figures are in each test.
  void build_dataset() {
    provider_ = server_->org_id("PREST-DEMO-1");
    cip_ = server_->user_id("cip@demo.parcours.fr");
    lot_ = write([&](Repos& r) { return r.contracts.lots_of_provider(provider_).front().id; });
    // ORG-4: the demo grants cip@ every establishment of lot 1; Châteauroux ends 31 March.
    const Id chateauroux = server_->org_id("EP-DEMO-36-MA");
    write([&](Repos& r) {
      for (auto a : r.staff.authorisations_of_user(cip_))
        if (a.establishment_id == chateauroux) {
          a.ends_on = ymd(2025, 3, 31);
          r.staff.update_authorisation(a);
        }
    });

    const Id p1 = person("ALPHA", Sex::female, ymd(2002, 3, 1), "sans", "SPIP18", "EP-DEMO-18-MA");
    const Id p2 = person("BRAVO", Sex::male, ymd(1980, 1, 1), "3", "SPIP18", "EP-DEMO-18-MA");
    const Id p3 = person("CHARLIE", Sex::male, ymd(1999, 6, 15), "sans", "SPIP36", "EP-DEMO-36-MA");
    c1_ = prescription(p1, "SPIP18", paris(2025, 3, 3, 10, 0));
    c2_ = prescription(p2, "SPIP18", paris(2025, 3, 10, 10, 0));
    c3_ = prescription(p3, "SPIP36", paris(2025, 4, 1, 10, 0));
    proposal(c1_, 10, paris(2025, 3, 10, 9, 0), paris(2025, 3, 12, 9, 0));
    proposal(c2_, 20, paris(2025, 3, 20, 9, 0), paris(2025, 4, 15, 9, 0));
    proposal(c3_, 12, paris(2025, 4, 10, 9, 0), std::nullopt);

    scan(c1_, session(c1_, ymd(2025, 3, 5), 60, "first_interview"));
    scan(c1_, session(c1_, ymd(2025, 3, 20), 90));
    april_c1_ = session(c1_, ymd(2025, 4, 10), 120);
    session(c1_, ymd(2025, 5, 5), 60, "individual", "absent");
    session(c2_, ymd(2025, 3, 12), 60, "first_interview");
    session(c2_, ymd(2025, 4, 2), 60);  // before the SPIP validated C2's programme
    session(c2_, ymd(2025, 5, 6), 90);
    session(c3_, ymd(2025, 4, 3), 45, "first_interview");  // Châteauroux: no authorisation

    deadline(c1_, "first_interview", paris(2025, 3, 8, 23, 59), paris(2025, 3, 5, 15, 0));
    deadline(c2_, "first_interview", paris(2025, 3, 15, 23, 59), paris(2025, 3, 12, 15, 0));
    deadline(c1_, "programme_start", paris(2025, 3, 20, 23, 59), paris(2025, 3, 25, 15, 0));
    deadline(c3_, "first_interview", paris(2025, 4, 6, 23, 59), paris(2025, 4, 3, 15, 0));
    deadline(c2_, "programme_start", paris(2025, 4, 25, 23, 59), std::nullopt);
    deadline(c3_, "impossibility_signal", paris(2025, 4, 5, 10, 0), std::nullopt, true);
  }

  static ReportPeriod period(Date as_of) { return {ymd(2025, 1, 1), as_of, as_of}; }

  static const ReportTable& table(const ReportDocument& d, const std::string& key) {
    for (const auto& t : d.tables)
      if (t.key == key) return t;
    ADD_FAILURE() << "no table " << key;
    static ReportTable none;
    return none;
  }

  static std::vector<std::string> texts(const std::vector<ReportCell>& cells) {
    std::vector<std::string> out;
    for (const auto& c : cells) out.push_back(c.text);
    return out;
  }

  std::unique_ptr<TestServer> server_;
  Id provider_ = 0, cip_ = 0, lot_ = 0, c1_ = 0, c2_ = 0, c3_ = 0, april_c1_ = 0;
};

const std::string kNnbsp = "\u00a0";

TEST_P(Reporting, INV_2_LotHoursPrescribedValidatedDoneForTwoAsOfDates) {
  auto march = reporting().dashboard(actor("disp@demo.parcours.fr"), period(ymd(2025, 3, 31)));
  ASSERT_TRUE(march.ok()) << march.error().message;
  const auto& row = table(*march, "volumes-individual").rows.front();
  // Volume 660 h; prescribed 10 + 20 h; validated 10 h (C2 on 15 April); done 60 + 90 + 60 min.
  EXPECT_EQ(row[2].text, "660\u00a0h");
  EXPECT_EQ(row[3].text, "30\u00a0h");
  EXPECT_EQ(row[4].text, "10\u00a0h");
  EXPECT_EQ(row[5].text, "3\u00a0h\u00a030");
  EXPECT_DOUBLE_EQ(row[5].value, 3.5);
  EXPECT_EQ(row[6].text, "0,5" + kNnbsp + "%");  // 210 / 39 600 min

  auto may = reporting().dashboard(actor("disp@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(may.ok());
  const auto& r2 = table(*may, "volumes-individual").rows.front();
  EXPECT_EQ(r2[3].text, "42\u00a0h");
  EXPECT_EQ(r2[4].text, "30\u00a0h");
  EXPECT_EQ(r2[5].text,
            "8\u00a0h\u00a045");  // + 120 + 60 + 90 + 45 min; the absence does not count
  // Monthly: March 3 h 30, April 3 h 45, May 1 h 30, at 58 € the hour.
  const auto& monthly = table(*may, "mensuel");
  ASSERT_EQ(monthly.rows.size(), 3u);
  EXPECT_EQ(texts(monthly.rows[1])[0], "avril 2025");
  EXPECT_EQ(texts(monthly.rows[1])[2], "3\u00a0h\u00a045");
  EXPECT_EQ(monthly.rows[1][4].value, 217.5);
  EXPECT_EQ(monthly.totals[2].text, "8\u00a0h\u00a045");

  // SEC-1: the SPIP du Cher counts only its own people (C3 is the Indre's).
  auto spip = reporting().dashboard(actor("spip@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(spip.ok());
  EXPECT_EQ(table(*spip, "volumes-individual").rows.front()[5].text, "8\u00a0h");
}

TEST_P(Reporting, DL_3_ShareMetOnTimeAndLateDeadlinesForTwoAsOfDates) {
  auto march = reporting().compliance(actor("disp@demo.parcours.fr"), period(ymd(2025, 3, 31)));
  ASSERT_TRUE(march.ok()) << march.error().message;
  // Due by 31 March: two first interviews on time, C1's start met late on 25 March.
  EXPECT_EQ(texts(table(*march, "delais-type").totals),
            (std::vector<std::string>{"Total", "2", "1", "66,7" + kNnbsp + "%", "0", "0"}));
  auto may = reporting().compliance(actor("disp@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(may.ok());
  // + C3's first interview on time, C2's start never met; the lapsed PPAIP-5 signal is out.
  EXPECT_EQ(texts(table(*may, "delais-type").totals),
            (std::vector<std::string>{"Total", "3", "2", "60,0" + kNnbsp + "%", "0", "0"}));
  const auto& late = table(*may, "retards");
  ASSERT_EQ(late.rows.size(), 2u);
  // The DISP sees no name: case number and initials.
  EXPECT_EQ(late.rows[0][1].text, "Dossier n° " + std::to_string(c1_) + " (A. T.)");
  EXPECT_EQ(late.rows[0][5].text, "25/03/2025");
  EXPECT_EQ(late.rows[1][5].text, "Non tenue");
  // 25 April → 31 May 2025: 22 jours ouvrés (1, 8 and 29 May are public holidays).
  EXPECT_EQ(late.rows[1][6].text, "22");
  // Drill-down to the late deadline.
  ASSERT_FALSE(late.rows[1][0].link.empty());
  const Id deadline_id =
      std::stoll(late.rows[1][0].link.substr(std::string("/pilotage/echeances/").size()));
  auto d =
      reporting().deadline(actor("disp@demo.parcours.fr"), deadline_id, period(ymd(2025, 5, 31)));
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->outcome_label, "En retard, non tenue");
  EXPECT_FALSE(d->can_open_case);
  // The provider sees the name.
  auto provider =
      reporting().compliance(actor("coordination@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(provider.ok());
  EXPECT_EQ(table(*provider, "retards").rows[0][1].text, "ALPHA Test");
}

TEST_P(Reporting, REP_2_WomenAndYoungWithoutQualificationForTwoAsOfDates) {
  auto march = reporting().equal_access(actor("disp@demo.parcours.fr"), period(ymd(2025, 3, 31)));
  ASSERT_TRUE(march.ok()) << march.error().message;
  auto t = texts(table(*march, "publics-cibles").totals);
  EXPECT_EQ(t[1], "2");
  EXPECT_EQ(t[2], "1");
  EXPECT_EQ(t[3], "50,0" + kNnbsp + "%");
  EXPECT_EQ(t[4], "1");  // ALPHA: 23 years old, no qualification
  auto may = reporting().equal_access(actor("disp@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(may.ok());
  t = texts(table(*may, "publics-cibles").totals);
  EXPECT_EQ(t[1], "3");
  EXPECT_EQ(t[3], "33,3" + kNnbsp + "%");
  EXPECT_EQ(t[4], "2");  // + CHARLIE, 25 on the day of his prescription
  EXPECT_EQ(t[5], "66,7" + kNnbsp + "%");
  const auto& ages = table(*may, "age");
  EXPECT_EQ(texts(ages.rows[0])[1], "2");  // under 26
  EXPECT_EQ(texts(ages.rows[2])[1], "1");  // 45 and over
}

TEST_P(Reporting, INV_1_AprilStatementFlagsIssueAndCorrectionByReferencingLine) {
  auto preview = reporting().statement_preview(actor("disp@demo.parcours.fr"), lot_, "2025-04");
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  ASSERT_EQ(preview->lines.size(), 3u);
  // 2 April C2 60 min (outside the validated programme), 3 April C3 45 min (first interview,
  // no authorisation at Châteauroux), 10 April C1 120 min; none has its signed sheet.
  EXPECT_EQ(preview->lines[0].flags, "no_scan,outside_programme");
  EXPECT_EQ(preview->lines[1].flags, "no_scan,no_authorisation");
  EXPECT_EQ(preview->lines[2].flags, "no_scan");
  // SEC-1: the funder's statement gives case numbers and initials, never names.
  EXPECT_EQ(preview->lines[0].label, "Dossier n° " + std::to_string(c2_) + " (B. T.)");
  EXPECT_EQ(preview->lines[2].label, "Dossier n° " + std::to_string(c1_) + " (A. T.)");
  EXPECT_EQ(preview->statement.individual_minutes, 225);
  EXPECT_EQ(preview->statement.total_cents(), 21750);  // 58 + 43,50 + 116 €
  EXPECT_EQ(preview->statement.flagged_lines, 3);

  auto issued =
      reporting().issue_statement(actor("coordination@demo.parcours.fr"), lot_, "2025-04");
  ASSERT_TRUE(issued.ok()) << issued.error().message;
  EXPECT_EQ(issued->number, "DISP21-PPAIP-L1-2025-04-1");
  // Nothing changed: nothing more to issue.
  auto again = reporting().issue_statement(actor("disp@demo.parcours.fr"), lot_, "2025-04");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);

  // The signed sheet of 10 April arrives: a rectifying statement references the line.
  scan(c1_, april_c1_);
  auto correction = reporting().statement_preview(actor("disp@demo.parcours.fr"), lot_, "2025-04");
  ASSERT_TRUE(correction.ok());
  ASSERT_EQ(correction->lines.size(), 1u);
  EXPECT_EQ(correction->lines[0].minutes, 0);
  EXPECT_EQ(correction->lines[0].flags, "");
  auto first = reporting().issued_statement(actor("disp@demo.parcours.fr"), issued->id);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(correction->lines[0].corrects_line_id, first->lines[2].id);
  auto second = reporting().issue_statement(actor("disp@demo.parcours.fr"), lot_, "2025-04");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->number, "DISP21-PPAIP-L1-2025-04-2");
  // The first statement is unchanged.
  auto reread = reporting().issued_statement(actor("disp@demo.parcours.fr"), issued->id);
  ASSERT_TRUE(reread.ok());
  EXPECT_EQ(reread->lines.size(), 3u);
  EXPECT_EQ(reread->lines[2].flags, "no_scan");
  EXPECT_EQ(reread->statement.total_cents(), 21750);
}

// INV-1 over HTTP: once issued, no route changes a statement (every write method on its page,
// its API resource and the lot's issue routes is refused and the statement reads back the
// same); a later difference is issued, through the same form, as a rectifying statement whose
// line references the original.
TEST_P(Reporting, INV_1_NoRouteAltersAnIssuedStatement) {
  Browser coord(server_->port());
  ASSERT_EQ(coord.login("coordination@demo.parcours.fr", demo_password()).status, 303);
  const std::string lot_page = "/pilotage/releves/lot/" + std::to_string(lot_);
  ASSERT_EQ(coord.get(lot_page + "?mois=2025-04").status, 200);
  const Reply issued = coord.post(lot_page, {{"mois", "2025-04"}, {"csrf_token", coord.csrf()}});
  ASSERT_EQ(issued.status, 303) << issued.body;
  const std::string page = issued.location();
  ASSERT_EQ(page.rfind("/pilotage/releves/", 0), 0u) << page;
  const std::string id = page.substr(std::string("/pilotage/releves/").size());
  const std::string api = "/api/v1/statements/" + id;
  const Reply before = coord.get(api);
  ASSERT_EQ(before.status, 200) << before.body;
  const auto original = nlohmann::json::parse(before.body);
  ASSERT_EQ(original["number"], "DISP21-PPAIP-L1-2025-04-1");
  ASSERT_EQ(original["lines"].size(), 3u);

  ASSERT_EQ(coord.get(page).status, 200);  // a fresh CSRF token
  const httplib::Headers csrf = {{"X-CSRF-Token", coord.csrf()}};
  const std::string edited = R"({"total_cents": 1, "lines": [], "month": "2025-04"})";
  const std::vector<std::pair<std::string, std::string>> attempts = {
      {"PUT", api},
      {"PATCH", api},
      {"DELETE", api},
      {"POST", api},
      {"PUT", page},
      {"PATCH", page},
      {"DELETE", page},
      {"POST", page},
      {"POST", "/api/v1/lots/" + std::to_string(lot_) + "/statement"},  // nothing new: 409
      {"PUT", "/api/v1/lots/" + std::to_string(lot_) + "/statement"},
      {"DELETE", "/api/v1/lots/" + std::to_string(lot_) + "/statement"}};
  for (const auto& [method, path] : attempts) {
    const Reply r = coord.send_json(method, path, edited, csrf);
    EXPECT_GE(r.status, 400) << method << " " << path << " → " << r.status;
  }
  const Reply form_again =
      coord.post(lot_page, {{"mois", "2025-04"}, {"csrf_token", coord.csrf()}});
  EXPECT_EQ(form_again.status, 409);
  EXPECT_NE(form_again.body.find("aucun rectificatif à émettre"), std::string::npos)
      << form_again.body;
  const Reply after = coord.get(api);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(nlohmann::json::parse(after.body), original);

  // The signed sheet of 10 April arrives: the form issues the rectifying statement.
  scan(c1_, april_c1_);
  ASSERT_EQ(coord.get(lot_page + "?mois=2025-04").status, 200);
  const Reply rectified = coord.post(lot_page, {{"mois", "2025-04"}, {"csrf_token", coord.csrf()}});
  ASSERT_EQ(rectified.status, 303) << rectified.body;
  const std::string second_id =
      rectified.location().substr(std::string("/pilotage/releves/").size());
  const auto second = nlohmann::json::parse(coord.get("/api/v1/statements/" + second_id).body);
  EXPECT_EQ(second["number"], "DISP21-PPAIP-L1-2025-04-2");
  ASSERT_EQ(second["lines"].size(), 1u);
  EXPECT_EQ(second["lines"][0]["corrects_line_id"], original["lines"][2]["id"]);
  EXPECT_EQ(nlohmann::json::parse(coord.get(api).body), original);
}

TEST_P(Reporting, SEC_1_ProviderSeesOnlyItsLotsSpipItsFiguresOthersNothing) {
  auto mine = reporting().audience(actor("coordination@demo.parcours.fr"));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->lots.size(), 1u);
  EXPECT_EQ(mine->lots.front().id, lot_);
  auto disp = reporting().audience(actor("disp@demo.parcours.fr"));
  ASSERT_TRUE(disp.ok());
  EXPECT_EQ(disp->lots.size(), 6u);
  // Another provider cannot open lot 1's statement; a SPIP none; a CPIP no report.
  auto other =
      reporting().statement_preview(actor("stephane.moreau@demo.parcours.fr"), lot_, "2025-04");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::forbidden);
  auto spip = reporting().issue_statement(actor("spip@demo.parcours.fr"), lot_, "2025-04");
  ASSERT_FALSE(spip.ok());
  EXPECT_EQ(spip.error().code, ErrorCode::forbidden);
  auto cpip = reporting().dashboard(actor("cpip@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_FALSE(cpip.ok());
  EXPECT_EQ(cpip.error().code, ErrorCode::forbidden);
}

TEST_P(Reporting, INV_2_AlertsAt80And100PercentGoOutOnceToTheDispAndTheCoordinator) {
  // ORG-3: the individual volume amended down to 10 h on 1 May; 8 h 45 done by 31 May.
  VolumeAmendment a;
  a.lot_id = lot_;
  a.effective_on = ymd(2025, 5, 1);
  a.individual_hours_delta = -650;
  a.reason = "Avenant n° 1";
  write([&](Repos& r) { return r.contracts.insert_amendment(a); });
  auto sent = reporting().send_volume_alerts(ymd(2025, 5, 31));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(*sent, 1);  // 87,5 %: the 80 % alert of the individual volume
  EXPECT_EQ(*reporting().send_volume_alerts(ymd(2025, 5, 31)), 0);  // once
  for (const char* who : {"disp@demo.parcours.fr", "coordination@demo.parcours.fr"}) {
    auto notes = parcours::read<std::vector<Notification>>(server_->store(), [&](Repos& r) {
      return Result<std::vector<Notification>>(
          r.notifications.notifications_of(server_->user_id(who), 5));
    });
    ASSERT_TRUE(notes.ok());
    ASSERT_FALSE(notes->empty()) << who;
    EXPECT_EQ(notes->front().title,
              "Lot 1 — SPIP du Cher — SPIP de l’Indre : 80 % du volume "
              "entretiens individuels consommés");
  }
  auto d = reporting().dashboard(actor("disp@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(d.ok());
  const auto& row = table(*d, "volumes-individual").rows.front();
  EXPECT_EQ(row[2].text, "10\u00a0h");
  EXPECT_EQ(row[6].text, "87,5" + kNnbsp + "%");
  EXPECT_TRUE(row[8].flagged);
  EXPECT_EQ(table(*d, "avenants").rows.size(), 1u);
}

TEST_P(Reporting, ORG_4_PsychologistReplacedOnlyByAPsychologistWithinTenJoursOuvrables) {
  const Actor coordinator = actor("coordination@demo.parcours.fr");
  StaffReplacement psy;
  psy.user_id = server_->user_id("psychologue@demo.parcours.fr");
  psy.reason = "departure";
  psy.from_on = ymd(2025, 5, 2);
  auto leaving = reporting().record_absence(coordinator, psy);
  ASSERT_TRUE(leaving.ok()) << leaving.error().message;
  auto refused = reporting().record_replacement(coordinator, *leaving, cip_, ymd(2025, 5, 5));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::rule_violation);
  // A CIP replaced by a CIP on Thursday 15 May: the 10th jour ouvrable after Friday 2 May.
  StaffReplacement absent;
  absent.user_id = cip_;
  absent.reason = "absence";
  absent.from_on = ymd(2025, 5, 2);
  auto id = reporting().record_absence(coordinator, absent);
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_TRUE(reporting()
                  .record_replacement(coordinator, *id,
                                      server_->user_id("amelie.rousseau@demo.parcours.fr"),
                                      ymd(2025, 5, 15))
                  .ok());
  // Nobody else records it: a SPIP manager is refused.
  absent.user_id = server_->user_id("amelie.rousseau@demo.parcours.fr");
  auto spip = reporting().record_absence(actor("spip@demo.parcours.fr"), absent);
  ASSERT_FALSE(spip.ok());
  EXPECT_EQ(spip.error().code, ErrorCode::forbidden);
  auto d = reporting().staff(actor("disp@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(d.ok());
  const auto& rows = table(*d, "remplacements").rows;
  ASSERT_EQ(rows.size(), 2u);
  std::vector<std::string> states = {rows[0][7].text, rows[1][7].text};
  std::sort(states.begin(), states.end());
  EXPECT_EQ(states,
            (std::vector<std::string>{"Non remplacé, délai dépassé", "Remplacé dans le délai"}));
  EXPECT_EQ(rows[0][4].text, "15/05/2025");
}

TEST_P(Reporting, REP_3_ProviderSynthesisOfTheProgrammesOfThePeriod) {
  auto d = reporting().synthesis(actor("coordination@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(d.ok()) << d.error().message;
  const auto& goals = table(*d, "objectifs");
  EXPECT_EQ(goals.rows[0][1].text, "3");  // prescriptions received
  EXPECT_EQ(goals.rows[1][1].text, "3");  // all three in progress: taken in charge
  EXPECT_EQ(goals.rows[2][1].text, "0");  // none ended
  EXPECT_EQ(texts(table(*d, "etats").rows[0]),
            (std::vector<std::string>{"En cours", "3", "100,0" + kNnbsp + "%"}));
}

// The text of the first page of a PDF, white space (no-break spaces included) folded.
std::string first_page_text(const std::string& bytes) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc || doc->pages() == 0) return "";
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  const auto utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
  const std::string raw(utf8.begin(), utf8.end());
  std::string out;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    bool space = std::isspace(static_cast<unsigned char>(raw[k]));
    if (raw.compare(k, 2, "\xc2\xa0") == 0) space = true, ++k;
    if (raw.compare(k, 3, "\xe2\x80\xaf") == 0) space = true, k += 2;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : raw[k];
  }
  return out;
}

TEST_P(Reporting, REP_4_CopilPdfOpensWithASummaryPage) {
  Browser disp(server_->port());
  ASSERT_EQ(disp.login("disp@demo.parcours.fr", demo_password()).status, 303);
  const Reply pdf =
      disp.get("/pilotage/copil?du=2025-01-01&au=2025-05-31&arrete=2025-05-31&format=pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 1000);
  std::filesystem::create_directories(std::string(PARCOURS_BUILD_DIR) + "/documents");
  std::ofstream(std::string(PARCOURS_BUILD_DIR) + "/documents/copil-" + GetParam() + ".pdf",
                std::ios::binary)
      << pdf.body;  // for a person to look at (DESIGN §5)
  const std::string first = first_page_text(pdf.body);
  // The key figures of the pack's own tables, on the first page: volumes per lot (8 h 45 done
  // of 660 h), deadlines met (3 on time, 2 late), people (three prescriptions, all in progress).
  for (const char* needle :
       {"Dossier du comité de pilotage", "Chiffres clés", "Lot 1 — SPIP du Cher",
        "Entretiens individuels : 8 h 45 réalisées sur 660 h (1,3 %)",
        "8 h 45 réalisées sur 660 h (1,3 %)", "ateliers collectifs", "Délais tenus",
        "60,0 % (3 échéances tenues dans le délai, 2 en retard)", "Prescriptions reçues",
        "Personnes prises en charge (premier entretien tenu) 3 (100,0 %)", "Parcours terminés"})
    EXPECT_NE(first.find(needle), std::string::npos)
        << "missing « " << needle << " » in: " << first;
  // …and nothing else: the tables start on the next page.
  EXPECT_EQ(first.find("Avenants de volume"), std::string::npos) << first;
  EXPECT_EQ(first.find("Délais tenus par type d’échéance"), std::string::npos) << first;
  // The page of the pack shows the same figures.
  const Reply page = disp.get("/pilotage/copil?du=2025-01-01&au=2025-05-31&arrete=2025-05-31");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Chiffres clés"), std::string::npos);
}

TEST_P(Reporting, INV_2_ForecastBeyondTheContractEndSaysSo) {
  // 8 h 45 in 90 days against 660 h: at that pace the volume lasts until about 2043, and the
  // contract ends on 31 December 2026 (1 January 2025 + 24 months).
  auto may = reporting().dashboard(actor("disp@demo.parcours.fr"), period(ymd(2025, 5, 31)));
  ASSERT_TRUE(may.ok()) << may.error().message;
  EXPECT_EQ(table(*may, "volumes-individual").rows.front()[7].text,
            "Au rythme actuel, le volume ne sera pas épuisé avant la fin du marché "
            "(31 décembre 2026)");
}

TEST_P(Reporting, REP_1_StatementsHaveAMonthPicker) {
  Browser disp(server_->port());
  ASSERT_EQ(disp.login("disp@demo.parcours.fr", demo_password()).status, 303);
  // The DISP's home page leads to the contract's figures.
  const Reply home = disp.get("/");
  EXPECT_NE(home.body.find("href=\"/pilotage\">Pilotage du marché : volumes"), std::string::npos)
      << home.body;
  // Default: the previous month (the clock is on 15 June), chosen in a list, no JavaScript.
  const Reply list = disp.get("/pilotage/releves");
  ASSERT_EQ(list.status, 200) << list.body.substr(0, 2000);
  EXPECT_NE(list.body.find("<select class=\"form-select\" id=\"mois\" name=\"mois\">"),
            std::string::npos);
  EXPECT_NE(list.body.find("<option value=\"2025-05\" selected>mai 2025</option>"),
            std::string::npos)
      << list.body;
  EXPECT_NE(list.body.find("<option value=\"2025-04\">avril 2025</option>"), std::string::npos);
  const Reply april = disp.get("/pilotage/releves?mois=2025-04");
  ASSERT_EQ(april.status, 200);
  EXPECT_NE(april.body.find("<option value=\"2025-04\" selected>avril 2025</option>"),
            std::string::npos);
  EXPECT_NE(april.body.find("Relevé du mois d’avril 2025"), std::string::npos);
  const Reply lot = disp.get("/pilotage/releves/lot/" + std::to_string(lot_) + "?mois=2025-04");
  ASSERT_EQ(lot.status, 200) << lot.body.substr(0, 2000);
  EXPECT_NE(lot.body.find("<option value=\"2025-04\" selected>avril 2025</option>"),
            std::string::npos);
  EXPECT_EQ(disp.get("/pilotage/releves?mois=2025-13").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, Reporting, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
