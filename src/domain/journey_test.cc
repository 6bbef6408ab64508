// Pure computations of a case (domain/journey.h) and of a person file (domain/person.h).
#include "domain/journey.h"

#include <gtest/gtest.h>

#include "domain/calendar.h"
#include "domain/person.h"
#include "domain/testing/shipped_ppaip.h"

namespace parcours {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

Session at(Date d, int hour, int minute, int duration) {
  Session s;
  s.date = d;
  s.start_minute = hour * 60 + minute;
  s.duration_minutes = duration;
  s.intervenant_id = 1;
  return s;
}

TEST(Timetable, PPAIP_3_ParsesDaysAndHoursAndNamesTheBadSlot) {
  auto written = parse_timetable("lundi 09:00-12:00; Mercredi 14h30-17h00\n");
  ASSERT_TRUE(written.ok());  // "14h30", as French people write it, is accepted too
  EXPECT_EQ((*written)[1].end_minute, 17 * 60);
  auto good = parse_timetable("lundi 09:00-12:00; mercredi 14:30-17:00");
  ASSERT_TRUE(good.ok()) << good.error().message;
  ASSERT_EQ(good->size(), 2u);
  EXPECT_EQ((*good)[1].weekday, 3);
  EXPECT_EQ((*good)[1].start_minute, 14 * 60 + 30);
  EXPECT_EQ(
      describe_timetable(*good),
      "lundi 9\u00a0h\u00a000 – 12\u00a0h\u00a000, mercredi 14\u00a0h\u00a030 – 17\u00a0h\u00a000");
  EXPECT_EQ(timetable_text(*good), "lundi 09:00-12:00; mercredi 14:30-17:00");
  auto bad = parse_timetable("dimanch 09:00-12:00");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().details[0].message.find("dimanch 09:00-12:00"), std::string::npos);
  EXPECT_FALSE(parse_timetable("lundi 12:00-09:00").ok());
}

TEST(Timetable, PPAIP_3_OverlapOnlyOnTheSameDayAndUntilTheTrainingEnds) {
  Prescription p;
  p.training_timetable = {{3, 14 * 60, 17 * 60}};  // Wednesdays 14 h – 17 h
  p.training_until = ymd(2025, 3, 31);
  EXPECT_TRUE(overlaps_training(p, at(ymd(2025, 3, 5), 16, 30, 60)));  // Wednesday
  EXPECT_FALSE(overlaps_training(p, at(ymd(2025, 3, 5), 13, 0, 60)));  // ends at 14 h
  EXPECT_FALSE(overlaps_training(p, at(ymd(2025, 3, 4), 15, 0, 60)));  // Tuesday
  EXPECT_FALSE(overlaps_training(p, at(ymd(2025, 4, 2), 15, 0, 60)));  // after the training
}

TEST(SessionDefaults, PPAIP_3_PlannerProposesASlotOutsideTheTrainingTimetable) {
  Prescription p;
  // Monday to Friday 8 h – 12 h, and Wednesday afternoons too.
  p.training_timetable = {{1, 8 * 60, 12 * 60},
                          {2, 8 * 60, 12 * 60},
                          {3, 8 * 60, 17 * 60},
                          {4, 8 * 60, 12 * 60},
                          {5, 8 * 60, 12 * 60}};
  // From Wednesday 5 March 2025: Wednesday is taken all day, Thursday free from noon.
  auto slot = free_slot(p, ymd(2025, 3, 5), 60);
  EXPECT_EQ(slot.date, ymd(2025, 3, 6));
  EXPECT_EQ(slot.start_minute, 12 * 60);
  EXPECT_FALSE(overlaps_training(p, at(slot.date, 12, 0, 60)));
  // Saturday 8 March: the weekend is skipped, Monday at noon.
  slot = free_slot(p, ymd(2025, 3, 8), 60);
  EXPECT_EQ(slot.date, ymd(2025, 3, 10));
  EXPECT_EQ(slot.start_minute, 12 * 60);
  // No timetable: the next weekday at 9 h.
  EXPECT_EQ(free_slot(Prescription{}, ymd(2025, 3, 5), 60).start_minute, 9 * 60);
}

TEST(SessionDefaults, PPAIP_4_FirstInterviewDefaultIsHeldAfterThePrescription) {
  const Instant prescribed = paris_wall_clock(ymd(2025, 3, 3), 10 * 60 + 20);
  // Typed in at 15 h 07: an interview of the quarter hour an hour before, at 14 h.
  auto slot = first_interview_default(prescribed, paris_wall_clock(ymd(2025, 3, 3), 15 * 60 + 7));
  EXPECT_EQ(slot.date, ymd(2025, 3, 3));
  EXPECT_EQ(slot.start_minute, 14 * 60);
  // Typed in at 10 h 50, half an hour after the prescription: 10 h 30, not 9 h 45.
  slot = first_interview_default(prescribed, paris_wall_clock(ymd(2025, 3, 3), 10 * 60 + 50));
  EXPECT_EQ(slot.start_minute, 10 * 60 + 30);
  // Typed in at 10 h 25: no quarter hour fits, the current minute.
  slot = first_interview_default(prescribed, paris_wall_clock(ymd(2025, 3, 3), 10 * 60 + 25));
  EXPECT_EQ(slot.start_minute, 10 * 60 + 25);
  EXPECT_GE(paris_wall_clock(slot.date, slot.start_minute), prescribed);
}

TEST(Hours, PPAIP_11_DoneCountsPresenceOnlyAndValidatedIsTheLastValidatedVersion) {
  std::vector<Session> sessions = {at(ymd(2025, 3, 4), 9, 0, 90), at(ymd(2025, 3, 6), 9, 0, 120),
                                   at(ymd(2025, 3, 7), 9, 0, 60)};
  sessions[0].status = "present";
  sessions[1].status = "absent";
  EXPECT_DOUBLE_EQ(hours_done(sessions), 1.5);
  Proposal v1, v2, v3;
  v1.version = 1, v1.status = "validated", v1.individual_hours = 12;
  v2.version = 2, v2.status = "validated", v2.individual_hours = 18;
  v3.version = 3, v3.status = "submitted", v3.individual_hours = 30;
  EXPECT_DOUBLE_EQ(hours_validated({v1, v2, v3}), 18);
  EXPECT_DOUBLE_EQ(hours_validated({v3}), 0);
}

TEST(Proposals, PPAIP_7_VersionsAreComparedFieldByField) {
  const auto& config = testing::shipped_ppaip();
  Proposal a, b;
  a.actions = {"positioning"};
  a.individual_hours = 20;
  a.content = "Contenu";
  b = a;
  b.individual_hours = 12.5;
  b.actions = {"positioning", "cv_letter"};
  auto changes = compare_proposals(config, a, b);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].label, "Heures individuelles");
  EXPECT_EQ(changes[0].before, "20\u00a0h");
  EXPECT_EQ(changes[0].after, "12,5\u00a0h");
  EXPECT_NE(changes[1].after.find("CV et lettre de motivation"), std::string::npos);
}

TEST(Proposals, PPAIP_6_ValidationUsesTheConfiguredBoundsAndActions) {
  const auto& config = testing::shipped_ppaip();
  Proposal p;
  p.actions = {"positioning"};
  p.content = "Positionnement.";
  p.justification = "Besoin.";
  p.individual_hours = 3;
  EXPECT_TRUE(validate_proposal(config, "individual", p).ok());
  p.individual_hours = 31;
  EXPECT_FALSE(validate_proposal(config, "individual", p).ok());
  p.individual_hours = 10;
  p.actions = {"astrologie"};
  auto s = validate_proposal(config, "individual", p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details[0].field, "actions");
}

TEST(Sessions, FrenchTimesAndDurations) {
  EXPECT_EQ(french_time(14 * 60 + 30), "14\u00a0h\u00a030");
  EXPECT_EQ(french_time(9 * 60), "9\u00a0h\u00a000");
  EXPECT_EQ(french_duration(90), "1\u00a0h\u00a030");
  EXPECT_EQ(french_duration(120), "2\u00a0h");
  EXPECT_EQ(french_duration(45), "45\u00a0min");
  EXPECT_EQ(french_hours(12.5), "12,5\u00a0h");
  EXPECT_EQ(french_hours(3), "3\u00a0h");
  EXPECT_EQ(parse_clock_time("09:30"), 9 * 60 + 30);
  EXPECT_FALSE(parse_clock_time("25:00").has_value());
  EXPECT_FALSE(validate_session(at(ymd(2025, 3, 4), 23, 30, 60)).ok());  // ends after midnight
}

TEST(Sessions, DL_1_WallClockInstantsFollowDaylightSavingTime) {
  // 9 h in Paris is 8 h UTC in winter and 7 h UTC in summer (change on 30 March 2025).
  auto winter = session_start(at(ymd(2025, 3, 28), 9, 0, 60));
  auto summer = session_start(at(ymd(2025, 3, 31), 9, 0, 60));
  EXPECT_EQ(date::format("%H:%M", winter), "08:00");
  EXPECT_EQ(date::format("%H:%M", summer), "07:00");
}

TEST(Person, BEN_1_RequiredFieldsAndFrenchMessages) {
  Person p;
  auto s = validate_person(p, ymd(2025, 3, 3));
  ASSERT_FALSE(s.ok());
  std::set<std::string> fields;
  for (const auto& d : s.error().details) fields.insert(d.field);
  for (const char* f :
       {"last_name", "first_name", "birth_date", "spip_id", "site_id", "referent_cpip_id"})
    EXPECT_TRUE(fields.count(f)) << f;
  p.last_name = "Lefèvre";
  p.first_name = "Hélène";
  p.birth_date = ymd(1990, 2, 28);
  p.spip_id = p.site_id = p.referent_cpip_id = 1;
  EXPECT_TRUE(validate_person(p, ymd(2025, 3, 3)).ok());
  EXPECT_EQ(person_display_name(p), "Mme Hélène LEFÈVRE");
  EXPECT_EQ(age_on(p.birth_date, ymd(2025, 2, 27)), 34);
  EXPECT_EQ(age_on(p.birth_date, ymd(2025, 2, 28)), 35);
}

TEST(Person, RemainingSentenceInYearsMonthsAndDays) {
  Person p;
  p.sentence_end = ymd(2027, 5, 20);
  EXPECT_EQ(remaining_sentence(p, ymd(2025, 3, 3)), "2 ans, 2 mois et 17 jours");
  p.sentence_end = ymd(2025, 3, 4);
  EXPECT_EQ(remaining_sentence(p, ymd(2025, 3, 3)), "1 jour");
  p.sentence_end = ymd(2025, 3, 1);
  EXPECT_EQ(remaining_sentence(p, ymd(2025, 3, 3)), "");
}

}  // namespace
}  // namespace parcours
