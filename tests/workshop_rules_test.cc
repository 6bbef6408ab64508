// Workshops, bilans and consent on a real database (SQLite and PostgreSQL), with concrete
// dates. Each test is named after the SPEC rule it shows (WS-*, PPAIP-12, PPAIP-16, SEC-3).
#include <algorithm>

#include <gtest/gtest.h>

#include "journey_support.h"

namespace parcours::testing {
namespace {

class WorkshopRules : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    cpip_ = actor_of(*server_, "cpip@demo.parcours.fr");
    cip_ = actor_of(*server_, "cip@demo.parcours.fr");
    plie_ = actor_of(*server_, "plie@demo.parcours.fr");
    spip_ = server_->org_id("SPIP18");
    at(paris(2025, 3, 3, 9));
    auto agreed = workshops().set_agreed_themes(cpip_, spip_, "ppaip",
                                                {"cv_letter", "self_image", "a_la_carte"});
    ASSERT_TRUE(agreed.ok()) << agreed.error().message;
  }
  void TearDown() override { server_.reset(); }

  WorkshopService& workshops() { return server_->workshops(); }
  ProfessionalFileService& files() { return server_->files(); }
  JourneyService& journeys() { return server_->journeys(); }
  void at(Instant t) { server_->clock().set(t); }

  WorkshopSession session(Date d, int hour, int minutes) {
    WorkshopSession s;
    s.date = d;
    s.start_minute = hour * 60;
    s.duration_minutes = minutes;
    return s;
  }
  WorkshopInput input(std::vector<WorkshopSession> sessions) {
    WorkshopInput in;
    in.spip_id = spip_;
    in.site_id = server_->org_id("EP-DEMO-18-MA");
    in.theme = "cv_letter";
    in.intervenant_id = cip_.user.id;
    in.place_label = "Salle polyvalente, bâtiment socio-éducatif";
    in.sessions = std::move(sessions);
    return in;
  }
  // Two sessions of 2 h: Tuesday 11 and Thursday 13 March 2025.
  Id workshop() {
    auto id = workshops().create_workshop(
        cip_, input({session(ymd(2025, 3, 11), 9, 120), session(ymd(2025, 3, 13), 9, 120)}));
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : 0;
  }
  Id prescribed(const std::string& last_name, const std::string& modality = "collective") {
    Id person = create_demo_person(*server_, last_name, "Élise");
    auto id = journeys().prescribe(cpip_, eligible_prescription(person, modality));
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : 0;
  }
  Id participant(Id workshop_id, Id case_id) {
    auto added = workshops().add_participant(cip_, workshop_id, case_id);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message);
    return added.ok() ? added->participant_id : 0;
  }
  void validate_list(Id workshop_id) {
    ASSERT_TRUE(workshops().submit_list(cip_, workshop_id).ok());
    auto s = workshops().decide_list(cpip_, workshop_id, true, "");
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  std::string state_of(Id case_id) {
    auto v = journeys().prescription(cpip_, case_id);
    EXPECT_TRUE(v.ok());
    return v.ok() ? v->prescription.state : "";
  }

  std::unique_ptr<TestServer> server_;
  Actor cpip_, cip_, plie_;
  Id spip_ = 0;
};

TEST_P(WorkshopRules, WS_2_SeventhParticipantIsRefusedAndSmallGroupsWarn) {
  Id w = workshop();
  const char* names[] = {"Arnaud", "Bastide", "Chevalier", "Dufour", "Évrard", "Fontaine"};
  for (int i = 0; i < 6; ++i) {
    auto added = workshops().add_participant(cip_, w, prescribed(names[i]));
    ASSERT_TRUE(added.ok()) << added.error().message;
    // Ideally 4 to 6: the first three registrations warn.
    EXPECT_EQ(added->warning.empty(), i >= 3) << i << " " << added->warning;
  }
  auto seventh = workshops().add_participant(cip_, w, prescribed("Garnier"));
  ASSERT_FALSE(seventh.ok());
  EXPECT_EQ(seventh.error().code, ErrorCode::rule_violation);
  EXPECT_NE(seventh.error().message.find("6 personnes"), std::string::npos)
      << seventh.error().message;
  auto v = workshops().workshop(cip_, w);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(active_participants([&] {
              std::vector<WorkshopParticipant> all;
              for (const auto& p : v->participants) all.push_back(p.participant);
              return all;
            }()),
            6);
}

TEST_P(WorkshopRules, WS_3_ParticipantWithoutAPrescriptionCoveringWorkshopsIsRefused) {
  Id w = workshop();
  auto individual_only = workshops().add_participant(cip_, w, prescribed("Hamel", "individual"));
  ASSERT_FALSE(individual_only.ok());
  EXPECT_EQ(individual_only.error().code, ErrorCode::rule_violation);
  // UX-1: the reason in words, never the rule's number.
  EXPECT_NE(individual_only.error().message.find("ne couvre pas les ateliers collectifs"),
            std::string::npos);
  EXPECT_EQ(individual_only.error().message.find("WS-3"), std::string::npos);
  auto unknown = workshops().add_participant(cip_, w, 999999);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("prescription"), std::string::npos);
  // Both modalities cover workshops.
  EXPECT_TRUE(workshops().add_participant(cip_, w, prescribed("Imbert", "both")).ok());
}

TEST_P(WorkshopRules, WS_2_DurationOutsideTwoToThirtyHoursIsRefused) {
  auto too_short = workshops().create_workshop(cip_, input({session(ymd(2025, 3, 11), 9, 90)}));
  ASSERT_FALSE(too_short.ok());
  EXPECT_EQ(too_short.error().code, ErrorCode::rule_violation);
  EXPECT_NE(too_short.error().message.find("entre 2\u00a0h et 30\u00a0h"), std::string::npos)
      << too_short.error().message;
  std::vector<WorkshopSession> long_one;
  for (unsigned day = 10; day <= 13; ++day)
    long_one.push_back(session(ymd(2025, 3, day), 9, 8 * 60));
  auto too_long = workshops().create_workshop(cip_, input(long_one));  // 32 h
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::rule_violation);
  auto exactly_two = workshops().create_workshop(cip_, input({session(ymd(2025, 3, 11), 9, 120)}));
  ASSERT_TRUE(exactly_two.ok()) << exactly_two.error().message;
  // Adding sessions beyond 30 h is refused too.
  for (unsigned day = 17; day <= 19; ++day)
    ASSERT_TRUE(
        workshops().add_session(cip_, *exactly_two, session(ymd(2025, 3, day), 9, 8 * 60)).ok());
  // 26 h planned: 5 h more would make 31 h.
  auto beyond = workshops().add_session(cip_, *exactly_two, session(ymd(2025, 3, 20), 9, 300));
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().code, ErrorCode::rule_violation);
}

TEST_P(WorkshopRules, WS_1_ThemeOutsideTheSpipCatalogueIsRefused) {
  auto in = input({session(ymd(2025, 3, 11), 9, 120)});
  in.theme = "business_creation";  // in the CCTP's catalogue, not agreed by the SPIP du Cher
  auto refused = workshops().create_workshop(cip_, in);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("catalogue d’ateliers"), std::string::npos);
  EXPECT_EQ(refused.error().message.find("WS-1"), std::string::npos);
  // Only the SPIP sets its catalogue.
  EXPECT_EQ(workshops().set_agreed_themes(cip_, spip_, "ppaip", {"vae"}).error().code,
            ErrorCode::forbidden);
}

TEST_P(WorkshopRules, WS_3_TheCpipsToDoListsWorkshopListsAwaitingValidation) {
  Id w = workshop();
  participant(w, prescribed("Hamel"));
  auto listed = [&] {
    auto items = journeys().todo(cpip_);
    EXPECT_TRUE(items.ok());
    return std::count_if(items->begin(), items->end(), [&](const TodoItem& t) {
      return t.kind == "workshop_list" && t.link == "/ateliers/" + std::to_string(w);
    });
  };
  EXPECT_EQ(listed(), 0);  // still in preparation
  ASSERT_TRUE(workshops().submit_list(cip_, w).ok());
  EXPECT_EQ(listed(), 1);
  ASSERT_TRUE(workshops().decide_list(cpip_, w, true, "").ok());
  EXPECT_EQ(listed(), 0);
}

TEST_P(WorkshopRules, WS_3_SpipValidatesTheListBeforeAttendance) {
  Id w = workshop();
  Id p1 = participant(w, prescribed("Jacquet"));
  auto view = workshops().workshop(cip_, w);
  ASSERT_TRUE(view.ok());
  at(paris(2025, 3, 11, 12));
  const Id first = view->sessions.front().session.id;
  auto early = workshops().record_attendance(cip_, first, {{p1, true, "", {}}});
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message.find("validée par le SPIP"), std::string::npos);
  EXPECT_EQ(workshops().decide_list(cip_, w, true, "").error().code, ErrorCode::forbidden);
  ASSERT_TRUE(workshops().submit_list(cip_, w).ok());
  auto refused = workshops().decide_list(cpip_, w, false, "");
  EXPECT_FALSE(refused.ok()) << "sending back needs a comment";
  ASSERT_TRUE(workshops().decide_list(cpip_, w, true, "Liste validée en CPU.").ok());
  auto recorded = workshops().record_attendance(cip_, first, {{p1, true, "", {}}});
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  auto again = workshops().record_attendance(cip_, first, {{p1, true, "", {}}});
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_P(WorkshopRules, PPAIP_12_UnjustifiedWorkshopAbsencesFollowTheAbsencePolicy) {
  Id w = workshop();
  Id case_id = prescribed("Klein");
  Id p = participant(w, case_id);
  participant(w, prescribed("Lemoine"));
  validate_list(w);
  auto v = workshops().workshop(cip_, w);
  ASSERT_TRUE(v.ok());
  const Id s1 = v->sessions[0].session.id, s2 = v->sessions[1].session.id;
  const Id other = v->participants[1].participant.id;
  at(paris(2025, 3, 13, 12));
  auto first =
      workshops().record_attendance(cip_, s1, {{p, false, "refusal", {}}, {other, true, "", {}}});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_NE(first->message.find("reconvoquer"), std::string::npos) << first->message;
  auto after = journeys().prescription(cpip_, case_id);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->prescription.reconvocation_pending);
  auto second =
      workshops().record_attendance(cip_, s2, {{p, false, "unknown", {}}, {other, true, "", {}}});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(state_of(case_id), "abandoned");
  // The workshop is over once every session is held.
  EXPECT_EQ(workshops().workshop(cip_, w)->workshop.status, "ended");
}

TEST_P(WorkshopRules, PPAIP_16_CollectiveBilanDueTenJoursOuvresAfterTheWorkshopAndMetByDelivery) {
  // Workshop ending Wednesday 7 May 2025; 8 May (Victoire 1945) and 29 May (Ascension) are
  // public holidays: 10 jours ouvrés run 9, 12–16, 19–22 May → due Thursday 22 May.
  at(paris(2025, 4, 28, 9));
  auto w = workshops().create_workshop(
      cip_, input({session(ymd(2025, 5, 5), 9, 120), session(ymd(2025, 5, 7), 14, 120)}));
  ASSERT_TRUE(w.ok()) << w.error().message;
  Id case_id = prescribed("Marchand");
  Id p = participant(*w, case_id);
  participant(*w, prescribed("Noël"));
  validate_list(*w);
  auto v = workshops().workshop(cip_, *w);
  const Id other = v->participants[1].participant.id;
  at(paris(2025, 5, 7, 17));
  for (const auto& s : v->sessions)
    ASSERT_TRUE(
        workshops()
            .record_attendance(cip_, s.session.id, {{p, true, "", {}}, {other, true, "", {}}})
            .ok());
  // The first interview and the start happened earlier (the engine's flow for every modality).
  Session interview = session_at(ymd(2025, 4, 29), 10, 0, 60, cip_.user.id);
  ASSERT_TRUE(journeys().record_first_interview(cip_, case_id, interview).ok());
  Proposal prop;
  prop.actions = {"workshops"};
  prop.content = "Atelier CV et lettre de motivation.";
  prop.workshops = true;
  auto prop_id = journeys().submit_proposal(cip_, case_id, prop);
  ASSERT_TRUE(prop_id.ok()) << prop_id.error().message;
  ASSERT_TRUE(journeys().decide_proposal(cpip_, *prop_id, true, "").ok());
  ASSERT_TRUE(journeys().fire(cip_, case_id, {"start", "", "", {}}).ok());
  at(paris(2025, 5, 12, 10));
  ASSERT_TRUE(journeys().fire(cip_, case_id, {"end", "completed", "", {}}).ok());
  auto view = journeys().prescription(cpip_, case_id);
  ASSERT_TRUE(view.ok());
  const DeadlineView* bilan = nullptr;
  for (const auto& d : view->deadlines)
    if (d.deadline.deadline.rule_id == "final_bilan_collective") bilan = &d;
  ASSERT_NE(bilan, nullptr);
  EXPECT_EQ(paris_date(bilan->deadline.deadline.due_at), ymd(2025, 5, 22));

  Bilan b;
  b.kind = "final";
  b.programme_done = "Vous avez suivi les deux séances de l’atelier CV.";
  b.professional_project = "Devenir préparateur de commandes en logistique.";
  auto incomplete = files().save_bilan(cip_, case_id, b);
  ASSERT_TRUE(incomplete.ok()) << incomplete.error().message;
  at(paris(2025, 5, 21, 16));
  auto refused = files().deliver_bilan(cip_, *incomplete, ymd(2025, 5, 21), "hand");
  ASSERT_FALSE(refused.ok()) << "the action plan is required";
  b.action_plan = "Envoyer trois candidatures par semaine à la sortie.";
  ASSERT_TRUE(files().save_bilan(cip_, case_id, b).ok());
  EXPECT_EQ(files().deliver_bilan(cpip_, *incomplete, ymd(2025, 5, 21), "hand").error().code,
            ErrorCode::forbidden);
  auto delivered = files().deliver_bilan(cip_, *incomplete, ymd(2025, 5, 21), "hand");
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  view = journeys().prescription(cpip_, case_id);
  for (const auto& d : view->deadlines) {
    if (d.deadline.deadline.rule_id == "final_bilan_collective") {
      EXPECT_EQ(d.state, DeadlineState::met_on_time);
    }
  }
  EXPECT_EQ(view->prescription.state, "closed");
  // Both copies are in the professional file.
  auto file = files().professional_file(cpip_, view->person.id);
  ASSERT_TRUE(file.ok());
  int bilans = 0;
  for (const auto& d : file->documents) bilans += d.document.kind == "bilan_final";
  EXPECT_EQ(bilans, 2);
}

TEST_P(WorkshopRules, SEC_3_ShareNeedsConsentAndStopsWithItsRevocation) {
  Id case_id = prescribed("Olivier", "individual");
  auto sheet = files().individual_sheet(cip_, case_id);
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  const Id plie = server_->org_id("PLIE-DEMO");
  const Id person = journeys().prescription(cpip_, case_id)->person.id;
  auto without = files().share(cip_, sheet->document_id, plie);
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().code, ErrorCode::forbidden);
  EXPECT_NE(without.error().message.find("consentement"), std::string::npos);
  EXPECT_EQ(without.error().message.find("SEC-3"), std::string::npos);
  EXPECT_FALSE(files().download(plie_, sheet->document_id).ok());

  Consent c;
  c.person_id = person;
  c.recipient_org_id = plie;
  c.scope = "all";
  c.given_on = ymd(2025, 3, 3);
  c.note = "Accord écrit signé en entretien.";
  auto consent = files().record_consent(cpip_, c);
  ASSERT_TRUE(consent.ok()) << consent.error().message;
  auto shared = files().share(cip_, sheet->document_id, plie);
  ASSERT_TRUE(shared.ok()) << shared.error().message;
  auto seen = files().shared_with_me(plie_);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_TRUE(files().download(plie_, sheet->document_id).ok());

  at(paris(2025, 3, 4, 9));
  ASSERT_TRUE(files().revoke_consent(cpip_, *consent, "La personne retire son accord.").ok());
  auto after = files().share(cip_, sheet->document_id, plie);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(files().download(plie_, sheet->document_id).ok());
  EXPECT_TRUE(files().shared_with_me(plie_)->empty());
}

TEST_P(WorkshopRules, BEN_4_GeneratedDocumentsAreVersionedOnlyWhenTheyChange) {
  Id case_id = prescribed("Perrin", "individual");
  auto first = files().individual_sheet(cip_, case_id);
  auto same = files().individual_sheet(cip_, case_id);
  ASSERT_TRUE(first.ok() && same.ok());
  EXPECT_EQ(first->document_id, same->document_id);
  EXPECT_EQ(first->version, 1);
  at(paris(2025, 3, 4, 9));  // the print date changes the document
  auto next = files().individual_sheet(cip_, case_id);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->version, 2);
  EXPECT_EQ(next->bytes.rfind("%PDF-", 0), 0u);
  auto outsider = files().individual_sheet(plie_, case_id);
  EXPECT_EQ(outsider.error().code, ErrorCode::forbidden);
}

TEST_P(WorkshopRules, ATT_2_PrintedCodesLeadToTheirSessionForTheProviderOnly) {
  Id w = workshop();
  auto v = workshops().workshop(cip_, w);
  ASSERT_TRUE(v.ok());
  const auto& s = v->sessions.front();
  auto target = files().resolve_code(cip_, " " + s.code.substr(0, 4) + " " + s.code.substr(4));
  ASSERT_TRUE(target.ok()) << target.error().message;
  EXPECT_EQ(target->link, "/ateliers/seances/" + std::to_string(s.session.id) + "/emargement");
  std::string typo = s.code;
  typo[3] = typo[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(files().resolve_code(cip_, typo).error().code, ErrorCode::invalid);
  EXPECT_EQ(files().resolve_code(cpip_, s.code).error().code, ErrorCode::forbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkshopRules, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
