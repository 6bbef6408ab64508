// Deadlines judged by the day facts happened (DL-1, ATT-2), the documents a transition needs
// (PPAIP-16), deadlines lifted with a reason (DL-1) and facts said in the past tense, on a real
// database (SQLite and PostgreSQL), with concrete dates.
#include <algorithm>

#include <gtest/gtest.h>

#include "journey_fixture.h"

namespace parcours::testing {
namespace {

class JourneyFacts : public JourneyFixture {
 protected:
  // Ended on Wednesday 28 May 2025 after a last interview that morning: the final bilan is
  // due Thursday 5 June 2025 (5 jours ouvrés, Ascension excluded).
  Id ended_case() {
    Id id = validated(paris(2025, 5, 12, 9), paris(2025, 5, 13, 11));
    at(paris(2025, 5, 14, 8));
    Id s = held_session(id, ymd(2025, 5, 28), 9, 90);
    at(paris(2025, 5, 28, 12));
    EXPECT_TRUE(journeys().record_attendance(cip_, s, {true, "", {}, ""}).ok());
    EXPECT_TRUE(journeys().fire(cip_, id, {"end", "completed", "", {}}).ok());
    return id;
  }
  Id complete_bilan(Id id) {
    Bilan b;
    b.kind = "final";
    b.programme_done = "Vous avez suivi huit entretiens individuels.";
    b.professional_project = "Devenir agent de maintenance des bâtiments.";
    b.action_plan = "S’inscrire à la formation de juin et préparer l’entretien d’entrée.";
    auto saved = files().save_bilan(cip_, id, b);
    EXPECT_TRUE(saved.ok()) << saved.error().message;
    return *saved;
  }
  bool has_event(Id id, const std::string& event, const std::string& label_part) {
    auto events = view(id, cpip_).events;
    return std::any_of(events.begin(), events.end(), [&](const CaseEvent& e) {
      return e.event == event && e.label.find(label_part) != std::string::npos;
    });
  }
};

TEST_P(JourneyFacts, DL_1_FirstInterviewHeldOnTheDueDayButEnteredThreeDaysLaterIsOnTime) {
  // Received Thursday 10 July 2025: due Tuesday 15 July; held on the 15th at 14 h, typed in
  // on Friday 18 July from the paper notes.
  Id id = prescribed(paris(2025, 7, 10, 10));
  at(paris(2025, 7, 18, 9));
  first_interview(id, ymd(2025, 7, 15), 14);
  auto d = deadline_of(id, "first_interview");
  EXPECT_EQ(d.state, DeadlineState::met_on_time);
  ASSERT_TRUE(d.deadline.deadline.met_at.has_value());
  EXPECT_EQ(*d.deadline.deadline.met_at, paris(2025, 7, 15, 14));
}

TEST_P(JourneyFacts, ATT_2_StartMetByTheFirstSessionWhoseAttendanceIsTypedThreeDaysLate) {
  // Validated Friday 28 February 2025: start due Wednesday 5 March; the first session is held
  // on Tuesday 4 March, its signed sheet entered on Friday 7 March.
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  at(paris(2025, 3, 3, 8));
  Id s = held_session(id, ymd(2025, 3, 4), 9, 90);
  at(paris(2025, 3, 7, 10));
  auto outcome = journeys().record_attendance(cip_, s, {true, "", {}, ""});
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(deadline_of(id, "programme_start").state, DeadlineState::met_on_time);
}

TEST_P(JourneyFacts, DL_1_AFactCannotBeDatedInTheFutureNorBeforeTheCase) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  at(paris(2025, 3, 3, 8));
  Id s = held_session(id, ymd(2025, 3, 4), 9, 90);
  at(paris(2025, 3, 4, 12));
  ASSERT_TRUE(journeys().record_attendance(cip_, s, {true, "", {}, ""}).ok());
  at(paris(2025, 3, 13, 9));
  auto before =
      journeys().fire(cip_, id, {"signal_interruption", "transfer", "", ymd(2025, 2, 20)});
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, ErrorCode::invalid);
  auto future =
      journeys().fire(cip_, id, {"signal_interruption", "transfer", "", ymd(2025, 3, 14)});
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code, ErrorCode::invalid);
  EXPECT_EQ(view(id, cpip_).prescription.state, "in_progress");
}

TEST_P(JourneyFacts, PPAIP_16_NoClosureWithoutADeliveredBilanWhateverTheRoute) {
  Id id = ended_case();
  // The generic event route cannot close the case with no bilan.
  at(paris(2025, 6, 2, 10));
  auto bare = journeys().fire(cip_, id, {"deliver_final_bilan", "", "", {}});
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().code, ErrorCode::rule_violation);
  EXPECT_EQ(view(id, cpip_).prescription.state, "ended");
  // Handed over on Thursday 5 June (the due day), recorded on Monday 9 June: on time.
  Id bilan = complete_bilan(id);
  at(paris(2025, 6, 9, 9));
  auto delivered = files().deliver_bilan(cip_, bilan, ymd(2025, 6, 5), "hand");
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  auto v = view(id, cpip_);
  EXPECT_EQ(v.prescription.state, "closed");
  EXPECT_EQ(deadline_of(id, "final_bilan_individual").state, DeadlineState::met_on_time);
}

TEST_P(JourneyFacts, DL_1_ManagerOrCoordinatorLiftsAnUnmetDeadlineWithAReason) {
  // Validated Friday 28 February 2025: the start, due Wednesday 5 March, is missed because the
  // person was hospitalised.
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  at(paris(2025, 3, 7, 10));
  auto d = deadline_of(id, "programme_start");
  ASSERT_EQ(d.state, DeadlineState::missed);
  EXPECT_FALSE(d.can_waive);  // the CPIP's view: not a manager
  const std::string why = "Personne hospitalisée du 1er au 10 mars";
  for (const Actor* who : {&cip_, &cpip_})
    EXPECT_EQ(journeys().waive_deadline(*who, id, d.deadline.id, why).error().code,
              ErrorCode::forbidden);
  EXPECT_EQ(journeys().waive_deadline(coordinator_, id, d.deadline.id, "  ").error().code,
            ErrorCode::invalid);
  auto lifted = journeys().waive_deadline(coordinator_, id, d.deadline.id, why);
  ASSERT_TRUE(lifted.ok()) << lifted.error().message;
  d = deadline_of(id, "programme_start");
  EXPECT_EQ(d.state, DeadlineState::waived);
  EXPECT_EQ(d.deadline.deadline.waiver_reason, why);
  EXPECT_TRUE(has_event(id, "deadline_waived", "Démarrage du programme validé"));
  EXPECT_EQ(journeys().waive_deadline(manager_, id, d.deadline.id, why).error().code,
            ErrorCode::conflict);
  // A deadline already met cannot be lifted.
  auto met = deadline_of(id, "first_interview");
  EXPECT_EQ(journeys().waive_deadline(manager_, id, met.deadline.id, why).error().code,
            ErrorCode::conflict);
}

TEST_P(JourneyFacts, DL_1_SpipManagerSeesTheWaiverActionOnOpenDeadlines) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  auto v = journeys().prescription(manager_, id);
  ASSERT_TRUE(v.ok()) << v.error().message;
  for (const auto& d : v->deadlines)
    EXPECT_EQ(d.can_waive, d.state == DeadlineState::pending || d.state == DeadlineState::missed)
        << d.deadline.deadline.rule_id;
}

TEST_P(JourneyFacts, PPAIP_7_ARefusalReachesTheProviderAsAFactInThePastTense) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  first_interview(id, ymd(2025, 3, 3), 14);
  auto v1 = journeys().submit_proposal(cip_, id, proposal(20));
  ASSERT_TRUE(v1.ok());
  ASSERT_TRUE(journeys().decide_proposal(cpip_, *v1, false, "Trop d’heures pour débuter.").ok());
  auto notes = notifications_of(cip_);
  ASSERT_FALSE(notes.empty());
  const auto& n = notes.front();
  EXPECT_EQ(n.title.rfind("Proposition refusée — ", 0), 0u) << n.title;
  EXPECT_NE(n.body.find("Proposition refusée par " + cpip_.user.full_name + ", CPIP"),
            std::string::npos)
      << n.body;
  EXPECT_EQ(n.body.find("Refuser"), std::string::npos) << n.body;
  EXPECT_TRUE(has_event(id, "refuse_proposal", "Proposition refusée"));
}

TEST_P(JourneyFacts, PPAIP_7_ARefusedProposalIsAToDoOfTheProviderUntilRevised) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  first_interview(id, ymd(2025, 3, 3), 14);
  auto v1 = journeys().submit_proposal(cip_, id, proposal(20));
  ASSERT_TRUE(v1.ok());
  ASSERT_TRUE(journeys().decide_proposal(cpip_, *v1, false, "Trop d’heures.").ok());
  auto revisions = [&](const Actor& who) {
    auto items = journeys().todo(who);
    EXPECT_TRUE(items.ok());
    return std::count_if(items->begin(), items->end(), [&](const TodoItem& t) {
      return t.kind == "revision" && t.prescription_id == id &&
             t.label == "Proposition refusée — à revoir";
    });
  };
  EXPECT_EQ(revisions(cip_), 1);
  EXPECT_EQ(revisions(coordinator_), 1);
  // The intervenant who wrote it is told (the establishment's coordinator too, ORG-4).
  const auto notes = notifications_of(cip_);
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(notes.front().title.rfind("Proposition refusée", 0), 0u);
  ASSERT_TRUE(journeys().submit_proposal(cip_, id, proposal(12)).ok());
  EXPECT_EQ(revisions(cip_), 0);
}

TEST_P(JourneyFacts, PPAIP_2_PrescribingAPersonWithAPendingOrientationAnswersIt) {
  at(paris(2025, 3, 3, 10));
  Id person = create_demo_person(*server_);
  Orientation o;
  o.person_id = person;
  o.source = "rlfp";
  o.requested_on = ymd(2025, 3, 1);
  auto oid = journeys().record_orientation(cpip_, o);
  ASSERT_TRUE(oid.ok()) << oid.error().message;
  auto id = journeys().prescribe(cpip_, eligible_prescription(person));  // no orientation given
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto v = view(*id, cpip_);
  EXPECT_EQ(v.prescription.orientation_id, *oid);
  ASSERT_TRUE(v.orientation.has_value());
  EXPECT_EQ(v.orientation->status, "prescribed");
}

TEST_P(JourneyFacts, PPAIP_3_NoPrescribeActionWhileAProgrammeRuns) {
  at(paris(2025, 3, 3, 10));
  Id person = create_demo_person(*server_);
  auto before = journeys().person_file(cpip_, person);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->can_prescribe);
  ASSERT_TRUE(journeys().prescribe(cpip_, eligible_prescription(person)).ok());
  auto during = journeys().person_file(cpip_, person);
  ASSERT_TRUE(during.ok());
  EXPECT_FALSE(during->can_prescribe);
}

TEST_P(JourneyFacts, DL_2_TheSpipManagerSeesTheServicesLateDeadlinesWithTheirCpip) {
  // Received Thursday 10 July 2025, no first interview by Wednesday 16 July: late.
  Id id = prescribed(paris(2025, 7, 10, 10));
  at(paris(2025, 7, 16, 9));
  auto items = journeys().todo(manager_);
  ASSERT_TRUE(items.ok()) << items.error().message;
  auto late = std::find_if(items->begin(), items->end(), [&](const TodoItem& t) {
    return t.kind == "deadline" && t.prescription_id == id && t.late;
  });
  ASSERT_NE(late, items->end());
  EXPECT_EQ(late->cpip_name, cpip_.user.full_name);
  EXPECT_EQ(late->source, "CCTP\u00a0§\u00a06.1-2");
}

TEST_P(JourneyFacts, UX_2_AnIntervenantFiltersTheirOwnPeople) {
  Id mine = prescribed(paris(2025, 3, 3, 10));
  first_interview(mine, ymd(2025, 3, 3), 14);  // the intervenant is assigned by the interview
  Id other = prescribed(paris(2025, 3, 3, 11));
  auto list = journeys().cases(cip_, "miennes");
  ASSERT_TRUE(list.ok()) << list.error().message;
  auto has = [&](Id id) {
    return std::any_of(list->begin(), list->end(),
                       [&](const PrescriptionSummary& s) { return s.prescription.id == id; });
  };
  EXPECT_TRUE(has(mine));
  EXPECT_FALSE(has(other));
}

INSTANTIATE_TEST_SUITE_P(Backends, JourneyFacts, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
