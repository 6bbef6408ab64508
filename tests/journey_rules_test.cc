// The PPAIP journey rules on a real database (SQLite and PostgreSQL), with concrete dates.
// Each test is named after the SPEC rule it shows (BEN-*, PPAIP-*, DL-*, SEC-*).
#include <algorithm>

#include <gtest/gtest.h>

#include "app/audit.h"
#include "journey_fixture.h"

namespace parcours::testing {
namespace {

class JourneyRules : public JourneyFixture {};

TEST_P(JourneyRules, PPAIP_1_IneligiblePrescriptionIsRefusedNamingTheRule) {
  at(paris(2025, 3, 3, 10));
  Id person = create_demo_person(*server_);
  auto in = eligible_prescription(person);
  in.volunteer = false;
  auto refused = journeys().prescribe(cpip_, in);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::rule_violation);
  EXPECT_NE(refused.error().message.find("volontaire"), std::string::npos)
      << refused.error().message;
  auto cases = journeys().cases(cpip_, "toutes");
  ASSERT_TRUE(cases.ok());
  EXPECT_TRUE(cases->empty()) << "a refused prescription writes nothing";
}

TEST_P(JourneyRules, PPAIP_3_OnlyTheSpipPrescribesAndTheLotProviderIsDerived) {
  at(paris(2025, 3, 3, 10));
  Id person = create_demo_person(*server_);
  auto by_provider = journeys().prescribe(cip_, eligible_prescription(person));
  ASSERT_FALSE(by_provider.ok());
  EXPECT_EQ(by_provider.error().code, ErrorCode::forbidden);
  auto id = journeys().prescribe(cpip_, eligible_prescription(person));
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto v = view(*id, cpip_);
  EXPECT_EQ(v.provider.code, "PREST-DEMO-1");
  EXPECT_EQ(v.lot.number, 1);
  EXPECT_EQ(v.prescription.state, "prescribed");
}

TEST_P(JourneyRules, PPAIP_3_SessionOverlappingTheTrainingTimetableWarns) {
  at(paris(2025, 3, 3, 10));
  Id person = create_demo_person(*server_);
  auto in = eligible_prescription(person);
  in.training_timetable = "lundi 09:00-12:00\nmercredi 14:00-17:00";
  auto id = journeys().prescribe(cpip_, in);
  ASSERT_TRUE(id.ok()) << id.error().message;
  // Wednesday 5 March 2025, 15 h: during the training.
  auto overlapping =
      journeys().plan_session(cip_, *id, session_at(ymd(2025, 3, 5), 15, 0, 60, cip_.user.id));
  ASSERT_TRUE(overlapping.ok()) << overlapping.error().message;
  ASSERT_EQ(overlapping->warnings.size(), 1u);
  EXPECT_NE(overlapping->warnings[0].find("formation"), std::string::npos);
  // Tuesday 4 March 2025, 15 h: free.
  auto free =
      journeys().plan_session(cip_, *id, session_at(ymd(2025, 3, 4), 15, 0, 60, cip_.user.id));
  ASSERT_TRUE(free.ok());
  EXPECT_TRUE(free->warnings.empty());
}

TEST_P(JourneyRules, PPAIP_4_FirstInterviewWithinFiveDaysOfReceipt) {
  // Received Thursday 10 July 2025 at 10 h: due Tuesday 15 July 2025 at the end of the day.
  Id on_time = prescribed(paris(2025, 7, 10, 10));
  auto d = deadline_of(on_time, "first_interview");
  EXPECT_EQ(d.deadline.deadline.due_at, paris(2025, 7, 15, 23, 59) + std::chrono::seconds{59});
  EXPECT_EQ(d.state, DeadlineState::pending);
  at(paris(2025, 7, 15, 16));
  first_interview(on_time, ymd(2025, 7, 15), 14);
  EXPECT_EQ(deadline_of(on_time, "first_interview").state, DeadlineState::met_on_time);

  Id late = prescribed(paris(2025, 7, 10, 11));
  at(paris(2025, 7, 16, 9));
  EXPECT_EQ(deadline_of(late, "first_interview").state, DeadlineState::missed);
  at(paris(2025, 7, 17, 12));
  first_interview(late, ymd(2025, 7, 17), 10);
  EXPECT_EQ(deadline_of(late, "first_interview").state, DeadlineState::met_late);
}

TEST_P(JourneyRules, BEN_2_DiagnosisIsShownToTheProviderBeforeTheFirstInterview) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  auto v = journeys().prescription(cip_, id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->prescription.state, "prescribed");
  EXPECT_NE(v->person.diagnosis.text.find("logistique"), std::string::npos);
  // SEC-1: judicial information stays with the SPIP.
  EXPECT_EQ(v->person.judicial_status, JudicialStatus::none);
  EXPECT_FALSE(v->person.sentence_end.has_value());
  EXPECT_FALSE(v->judicial_visible);
}

TEST_P(JourneyRules, PPAIP_5_ImpossibilitySignalWithin48HoursNeedsAReasonAndEndsTheCase) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  at(paris(2025, 3, 4, 15));
  first_interview(id, ymd(2025, 3, 4), 14);  // interview on 4 March at 14 h
  auto without_reason = journeys().fire(cip_, id, {"signal_impossibility", "", "", {}});
  ASSERT_FALSE(without_reason.ok());
  EXPECT_EQ(without_reason.error().code, ErrorCode::invalid);
  at(paris(2025, 3, 6, 13, 59));  // 47 h 59 later
  auto s =
      journeys().fire(cip_, id,
                      {"signal_impossibility",
                       "Problématique de santé prioritaire : orientation vers l’unité sanitaire",
                       "",
                       {}});
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto v = view(id, cpip_);
  EXPECT_EQ(v.prescription.state, "impossible");
  EXPECT_EQ(v.prescription.end_reason, "impossibility");
  EXPECT_EQ(deadline_of(id, "impossibility_signal").state, DeadlineState::met_on_time);
}

TEST_P(JourneyRules, PPAIP_5_WithoutImpossibilityTheConditionalDeadlineLapses) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  at(paris(2025, 3, 4, 15));
  first_interview(id, ymd(2025, 3, 4), 14);
  at(paris(2025, 3, 7, 9));
  EXPECT_EQ(deadline_of(id, "impossibility_signal").state, DeadlineState::lapsed);
}

TEST_P(JourneyRules, PPAIP_6_IndividualHoursOutsideBoundsAreRefused) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  first_interview(id, ymd(2025, 3, 3), 14);
  for (double hours : {2.5, 30.5}) {
    auto refused = journeys().submit_proposal(cip_, id, proposal(hours));
    ASSERT_FALSE(refused.ok()) << hours;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid);
    ASSERT_FALSE(refused.error().details.empty());
    EXPECT_EQ(refused.error().details[0].field, "individual_hours");
  }
  EXPECT_TRUE(journeys().submit_proposal(cip_, id, proposal(3)).ok());
}

TEST_P(JourneyRules, PPAIP_7_RefusalWithCommentThenResubmissionKeepsEveryVersion) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  first_interview(id, ymd(2025, 3, 3), 14);
  auto v1 = journeys().submit_proposal(cip_, id, proposal(20));
  ASSERT_TRUE(v1.ok());
  // The provider cannot decide; the CPIP refuses with a comment.
  EXPECT_EQ(journeys().decide_proposal(cip_, *v1, true, "").error().code, ErrorCode::forbidden);
  ASSERT_TRUE(journeys()
                  .decide_proposal(cpip_, *v1, false, "20\u00a0h paraît beaucoup pour débuter.")
                  .ok());
  EXPECT_EQ(view(id, cpip_).prescription.state, "proposal_refused");
  auto second = proposal(12);
  second.justification = "Volume ramené à 12\u00a0h à la demande du CPIP.";
  auto v2 = journeys().submit_proposal(cip_, id, second);
  ASSERT_TRUE(v2.ok()) << v2.error().message;
  ASSERT_TRUE(journeys().decide_proposal(cpip_, *v2, true, "").ok());
  auto v = view(id, cpip_);
  ASSERT_EQ(v.proposals.size(), 2u);
  EXPECT_EQ(v.proposals[0].proposal.status, "refused");
  EXPECT_EQ(v.proposals[0].proposal.decision_comment, "20\u00a0h paraît beaucoup pour débuter.");
  EXPECT_EQ(v.proposals[1].proposal.version, 2);
  EXPECT_EQ(v.proposals[1].proposal.status, "validated");
  bool hours_compared = std::any_of(
      v.proposals[1].changes.begin(), v.proposals[1].changes.end(), [](const ProposalChange& c) {
        return c.field == "individual_hours" && c.before == "20\u00a0h" && c.after == "12\u00a0h";
      });
  EXPECT_TRUE(hours_compared);
  EXPECT_EQ(v.prescription.state, "validated");
  EXPECT_DOUBLE_EQ(v.hours_validated, 12);
}

TEST_P(JourneyRules, PPAIP_8_StartWithinFiveDaysOfValidation) {
  // Validated Friday 28 February 2025 at 11 h: start due Wednesday 5 March 2025.
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  auto d = deadline_of(id, "programme_start");
  EXPECT_EQ(paris_date(d.deadline.deadline.due_at), ymd(2025, 3, 5));
  at(paris(2025, 3, 3, 8));
  Id s = held_session(id, ymd(2025, 3, 4), 9, 90);
  at(paris(2025, 3, 4, 11));
  auto outcome = journeys().record_attendance(cip_, s, {true, "", {}, ""});
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->event, "start");
  EXPECT_EQ(view(id, cpip_).prescription.state, "in_progress");
  EXPECT_EQ(deadline_of(id, "programme_start").state, DeadlineState::met_on_time);
}

TEST_P(JourneyRules, PPAIP_9_ModificationOfARunningProgrammeGoesToTheCpip) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  auto more = proposal(18);
  more.justification = "Ajout de 6\u00a0h pour la recherche de formation.";
  auto m = journeys().submit_proposal(cip_, id, more);
  ASSERT_TRUE(m.ok()) << m.error().message;
  auto v = view(id, cpip_);
  EXPECT_EQ(v.prescription.state, "validated");
  ASSERT_TRUE(v.pending_proposal.has_value());
  EXPECT_EQ(v.pending_proposal->kind, "modification");
  EXPECT_DOUBLE_EQ(v.hours_validated, 12);
  ASSERT_TRUE(journeys().decide_proposal(cpip_, *m, true, "").ok());
  EXPECT_DOUBLE_EQ(view(id, cpip_).hours_validated, 18);
}

TEST_P(JourneyRules, PPAIP_10_CalendarChangeAfterSendingMustBeCommunicatedWithin48Hours) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  Id s = held_session(id, ymd(2025, 3, 11), 9, 90);
  ASSERT_TRUE(journeys().fire(cip_, id, {"send_calendar", "", "", {}}).ok());
  // Moving a session on Monday 3 March 2025 at 10 h opens the 48-hour deadline.
  at(paris(2025, 3, 3, 10));
  auto moved = journeys().move_session(cip_, s, ymd(2025, 3, 13), 9 * 60, 90);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  auto d = deadline_of(id, "calendar_change");
  EXPECT_EQ(d.deadline.deadline.due_at, paris(2025, 3, 5, 10));
  at(paris(2025, 3, 4, 17));
  ASSERT_TRUE(journeys().fire(cip_, id, {"communicate_calendar_change", "", "", {}}).ok());
  EXPECT_EQ(deadline_of(id, "calendar_change").state, DeadlineState::met_on_time);
}

TEST_P(JourneyRules, PPAIP_11_HoursDoneAgainstHoursValidated) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  at(paris(2025, 3, 3, 8));
  Id a = held_session(id, ymd(2025, 3, 4), 9, 90);
  Id b = held_session(id, ymd(2025, 3, 6), 9, 120);
  at(paris(2025, 3, 7, 8));
  ASSERT_TRUE(journeys().record_attendance(cip_, a, {true, "", {}, ""}).ok());
  ASSERT_TRUE(journeys().record_attendance(cip_, b, {false, "illness", {}, ""}).ok());
  auto v = view(id, cpip_);
  EXPECT_DOUBLE_EQ(v.hours_done, 3);  // the 1 h 30 first interview and one 1 h 30 session
  EXPECT_DOUBLE_EQ(v.hours_validated, 12);
}

TEST_P(JourneyRules, PPAIP_12_UnjustifiedAbsenceAtTheReconvocationIsAbandonment) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  at(paris(2025, 3, 3, 8));
  Id first = held_session(id, ymd(2025, 3, 4), 9, 90);
  at(paris(2025, 3, 4, 12));
  auto absent = journeys().record_attendance(cip_, first, {false, "refusal", {}, ""});
  ASSERT_TRUE(absent.ok()) << absent.error().message;
  EXPECT_TRUE(absent->event.empty());
  EXPECT_NE(absent->message.find("reconvoquer"), std::string::npos) << absent->message;
  EXPECT_TRUE(view(id, cpip_).prescription.reconvocation_pending);
  Id again = held_session(id, ymd(2025, 3, 7), 9, 90);
  auto v = view(id, cpip_);
  auto it = std::find_if(v.sessions.begin(), v.sessions.end(),
                         [&](const SessionView& s) { return s.session.id == again; });
  ASSERT_NE(it, v.sessions.end());
  EXPECT_EQ(it->session.kind, "reconvocation");
  at(paris(2025, 3, 7, 12));
  auto second = journeys().record_attendance(cip_, again, {false, "unknown", {}, ""});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->event, "abandon");
  v = view(id, cpip_);
  EXPECT_EQ(v.prescription.state, "abandoned");
  EXPECT_EQ(v.prescription.end_reason, "abandonment");
}

TEST_P(JourneyRules, PPAIP_12_JustifiedAbsenceChangesNothing) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  at(paris(2025, 3, 3, 8));
  Id s = held_session(id, ymd(2025, 3, 4), 9, 90);
  at(paris(2025, 3, 4, 12));
  auto absent = journeys().record_attendance(cip_, s, {false, "judicial_extraction", {}, ""});
  ASSERT_TRUE(absent.ok());
  auto v = view(id, cpip_);
  EXPECT_FALSE(v.prescription.reconvocation_pending);
  EXPECT_EQ(v.prescription.state, "validated");
  EXPECT_EQ(v.sessions.back().status_label, "Absence justifiée");
}

TEST_P(JourneyRules, PPAIP_13_SuspensionPausesDeadlinesAndPushesThemOnResumption) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  at(paris(2025, 3, 3, 8));
  Id s = held_session(id, ymd(2025, 3, 4), 9, 90);
  Id later = held_session(id, ymd(2025, 3, 20), 9, 90);
  at(paris(2025, 3, 4, 12));
  ASSERT_TRUE(journeys().record_attendance(cip_, s, {true, "", {}, ""}).ok());
  ASSERT_TRUE(journeys().fire(cip_, id, {"send_calendar", "", "", {}}).ok());
  // Calendar change on Wednesday 5 March 2025 at 10 h: due Friday 7 March at 10 h.
  at(paris(2025, 3, 5, 10));
  ASSERT_TRUE(journeys().cancel_session(cip_, later, "Fouille générale annoncée").ok());
  EXPECT_EQ(deadline_of(id, "calendar_change").deadline.deadline.due_at, paris(2025, 3, 7, 10));
  // General search: suspended on 6 March at 10 h, resumed on 9 March at 10 h (3 days).
  at(paris(2025, 3, 6, 10));
  auto without_reason = journeys().fire(cip_, id, {"suspend", "", "", {}});
  EXPECT_FALSE(without_reason.ok());
  ASSERT_TRUE(journeys().fire(cip_, id, {"suspend", "general_search", "", {}}).ok());
  EXPECT_EQ(view(id, cpip_).prescription.state, "suspended");
  at(paris(2025, 3, 8, 10));  // the original due instant passed during the pause
  EXPECT_EQ(deadline_of(id, "calendar_change").state, DeadlineState::pending);
  at(paris(2025, 3, 9, 10));
  ASSERT_TRUE(journeys().fire(cpip_, id, {"resume", "", "", {}}).ok());
  auto d = deadline_of(id, "calendar_change");
  EXPECT_EQ(d.deadline.deadline.due_at, paris(2025, 3, 10, 10));
  EXPECT_EQ(d.state, DeadlineState::pending);
  auto v = view(id, cpip_);
  ASSERT_EQ(v.suspensions.size(), 1u);
  EXPECT_EQ(v.suspensions[0].reason, "general_search");
  ASSERT_TRUE(v.suspensions[0].until.has_value());
}

TEST_P(JourneyRules, PPAIP_14_InterruptionDeclaredThreeDaysLateIsSignalledLate) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11));
  at(paris(2025, 3, 3, 8));
  Id s = held_session(id, ymd(2025, 3, 4), 9, 90);
  at(paris(2025, 3, 4, 12));
  ASSERT_TRUE(journeys().record_attendance(cip_, s, {true, "", {}, ""}).ok());
  // Transferred on Monday 10 March 2025, signalled on Thursday 13 March.
  at(paris(2025, 3, 13, 9));
  ASSERT_TRUE(
      journeys().fire(cip_, id, {"signal_interruption", "transfer", "", ymd(2025, 3, 10)}).ok());
  auto d = deadline_of(id, "interruption_signal");
  EXPECT_EQ(d.state, DeadlineState::met_late);
  EXPECT_EQ(view(id, cpip_).prescription.state, "interrupted");
}

TEST_P(JourneyRules, PPAIP_15_EndWithReasonOpensTheBilanDeadlineInJoursOuvres) {
  Id id = validated(paris(2025, 5, 12, 9), paris(2025, 5, 13, 11));
  at(paris(2025, 5, 14, 8));
  Id s = held_session(id, ymd(2025, 5, 28), 9, 90);  // the last individual interview
  at(paris(2025, 5, 28, 12));
  ASSERT_TRUE(journeys().record_attendance(cip_, s, {true, "", {}, ""}).ok());
  auto no_reason = journeys().fire(cip_, id, {"end", "", "", {}});
  EXPECT_FALSE(no_reason.ok());
  ASSERT_TRUE(journeys().fire(cip_, id, {"end", "completed", "", {}}).ok());
  auto v = view(id, cpip_);
  EXPECT_EQ(v.prescription.state, "ended");
  EXPECT_EQ(v.prescription.end_reason, "completed");
  // Ended on Wednesday 28 May 2025: Ascension (29 May) is not a jour ouvré, so the
  // 5 jours ouvrés run 30 May, 2, 3, 4 and 5 June (PPAIP-16).
  auto d = deadline_of(id, "final_bilan_individual");
  EXPECT_EQ(paris_date(d.deadline.deadline.due_at), ymd(2025, 6, 5));
}

TEST_P(JourneyRules, PPAIP_15_CpipIsInvitedToTheLastInterview) {
  Id id = validated(paris(2025, 2, 24, 9), paris(2025, 2, 28, 11), 3);
  at(paris(2025, 3, 3, 8));
  held_session(id, ymd(2025, 3, 4), 9, 90);
  held_session(id, ymd(2025, 3, 6), 9, 90);  // reaches the 3 validated hours
  NotificationService notifications(server_->store(), server_->clock());
  auto inbox = notifications.inbox(cpip_);
  ASSERT_TRUE(inbox.ok());
  bool invited = std::any_of(inbox->begin(), inbox->end(), [](const Notification& n) {
    return n.kind == "last_interview" && n.body.find("jeudi 6 mars 2025") != std::string::npos;
  });
  EXPECT_TRUE(invited);
}

TEST_P(JourneyRules, PPAIP_17_PermanencesAreRecordedPerSite) {
  at(paris(2025, 3, 3, 8));
  Permanence p;
  p.provider_id = server_->org_id("PREST-DEMO-1");
  p.site_id = server_->org_id("EP-DEMO-18-MA");
  p.date = ymd(2025, 3, 11);
  p.start_minute = 14 * 60;
  p.duration_minutes = 120;
  ASSERT_TRUE(journeys().record_permanence(coordinator_, p).ok());
  p.date = ymd(2025, 3, 25);
  ASSERT_TRUE(journeys().record_permanence(coordinator_, p).ok());
  EXPECT_FALSE(journeys().record_permanence(cpip_, p).ok());
  auto list = journeys().permanences(coordinator_, ymd(2025, 3, 1), ymd(2025, 3, 31));
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 2u);
}

TEST_P(JourneyRules, DL_2_TodoListsLateDeadlinesFirst) {
  Id late = prescribed(paris(2025, 3, 3, 10));
  Id due = prescribed(paris(2025, 3, 7, 10));
  at(paris(2025, 3, 9, 10));  // first: due 8 March, late; second: due 12 March
  auto todo = journeys().todo(coordinator_);
  ASSERT_TRUE(todo.ok());
  ASSERT_GE(todo->size(), 2u);
  EXPECT_EQ((*todo)[0].prescription_id, late);
  EXPECT_TRUE((*todo)[0].late);
  EXPECT_EQ((*todo)[1].prescription_id, due);
  EXPECT_FALSE((*todo)[1].late);
  EXPECT_EQ((*todo)[0].rule, "PPAIP-4");
}

TEST_P(JourneyRules, BEN_3_OnePersonOneFileAcrossProgrammes) {
  Id first = prescribed(paris(2025, 3, 3, 10));
  Id person = view(first, cpip_).person.id;
  ASSERT_TRUE(journeys()
                  .fire(cpip_, first, {"withdraw_prescription", "Libération anticipée", "", {}})
                  .ok());
  at(paris(2025, 9, 1, 10));
  auto second = journeys().prescribe(cpip_, eligible_prescription(person));
  ASSERT_TRUE(second.ok()) << second.error().message;
  auto file = journeys().person_file(cpip_, person);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->cases.size(), 2u);
  EXPECT_FALSE(file->timeline.empty());
}

TEST_P(JourneyRules, SEC_1_AccessByRoleAndRelationship) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  Id person = view(id, cpip_).person.id;
  Id unprescribed = create_demo_person(*server_, "Diallo", "Karim");
  // DISP: no person file. Another provider: nothing. Another SPIP's CPIP: nothing.
  for (const char* email : {"disp@demo.parcours.fr", "francois.dupre@demo.parcours.fr",
                            "olivier.mathieu@demo.parcours.fr", "admin@demo.parcours.fr"}) {
    auto other = actor_of(*server_, email);
    EXPECT_EQ(journeys().person_file(other, person).error().code, ErrorCode::forbidden) << email;
    EXPECT_EQ(journeys().prescription(other, id).error().code, ErrorCode::forbidden) << email;
  }
  // The provider sees only people prescribed to it.
  EXPECT_TRUE(journeys().person_file(cip_, person).ok());
  EXPECT_EQ(journeys().person_file(cip_, unprescribed).error().code, ErrorCode::forbidden);
  auto people = journeys().people(cip_, "");
  ASSERT_TRUE(people.ok());
  EXPECT_EQ(people->size(), 1u);
}

TEST_P(JourneyRules, SEC_2_ReadsAndChangesOfAPersonFileAreAudited) {
  Id id = prescribed(paris(2025, 3, 3, 10));
  Id person = view(id, cpip_).person.id;
  ASSERT_TRUE(journeys().person_file(cip_, person).ok());
  auto denied = journeys().person_file(actor_of(*server_, "disp@demo.parcours.fr"), person);
  ASSERT_FALSE(denied.ok());
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(server_->store()
                  .read([&](Repos& r) -> Status {
                    entries = r.audit.entries_after(0, 10000);
                    return {};
                  })
                  .ok());
  auto has = [&](const std::string& action, Id user) {
    return std::any_of(entries.begin(), entries.end(), [&](const AuditEntry& e) {
      return e.action == action && e.actor_user_id == user;
    });
  };
  EXPECT_TRUE(has("person.create", cpip_.user.id));
  EXPECT_TRUE(has("prescription.prescribe", cpip_.user.id));
  EXPECT_TRUE(has("person.read", cip_.user.id));
  EXPECT_TRUE(has("access.denied", server_->user_id("disp@demo.parcours.fr")));
  auto verified = verify_audit(server_->store());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
}

INSTANTIATE_TEST_SUITE_P(Backends, JourneyRules, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
