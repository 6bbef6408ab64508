// The demo people and cases (seed/demo.h) load on any day of the week, with sessions on
// weekdays only and the journey stages they promise (README, "Comptes de démonstration").
#include <gtest/gtest.h>

#include "app/reference.h"
#include "cli/commands.h"
#include "cli/programmes.h"
#include "journey_support.h"
#include "seed/demo.h"

namespace parcours::testing {
namespace {

TEST(DemoJourneys, LoadOnEveryDayOfTheWeekWithSessionsOnWeekdays) {
  auto programmes = cli::load_programmes(PARCOURS_SOURCE_DIR "/config/programmes");
  ASSERT_TRUE(programmes.ok());
  Programmes loaded(std::move(*programmes));
  for (unsigned day = 17; day <= 23; ++day) {  // Monday 17 to Sunday 23 November 2025
    testdb::TestDatabase db("sqlite");
    auto store = SociStore::open(db.url(), 2);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->migrate().ok());
    ASSERT_TRUE(load_demo(**store, cli::read_file(bundled_reference_path())).ok());
    TestClock clock;
    clock.set(paris(2025, 11, day, 7, 30));
    auto people = load_demo_journeys(**store, clock, loaded);
    ASSERT_TRUE(people.ok()) << "le " << day << " : " << people.error().message;
    EXPECT_EQ(*people, 11);
    auto again = load_demo_journeys(**store, clock, loaded);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0) << "loading twice adds nothing";
    std::vector<std::string> states;
    ASSERT_TRUE((*store)
                    ->read([&](Repos& r) -> Status {
                      PrescriptionQuery q;
                      for (const auto& p : r.journeys.prescriptions(q)) {
                        states.push_back(p.state);
                        for (const auto& s : r.journeys.sessions_of(p.id)) {
                          auto wd = date::weekday{date::sys_days{s.date}}.iso_encoding();
                          EXPECT_LE(wd, 5u) << "séance un week-end le " << iso(s.date);
                        }
                      }
                      return {};
                    })
                    .ok());
    std::sort(states.begin(), states.end());
    // Six individual cases (the seventh person has an orientation request only) and four
    // collective ones, whose people follow the demo workshop.
    EXPECT_EQ(states, (std::vector<std::string>{"ended", "in_progress", "prescribed", "prescribed",
                                                "prescribed", "prescribed", "prescribed",
                                                "prescribed", "proposal_submitted", "suspended"}))
        << "le " << day;
    // The workshop's sessions are on weekdays too; its past session is held.
    ASSERT_TRUE((*store)
                    ->read([&](Repos& r) -> Status {
                      auto workshops = r.workshops.workshops(WorkshopQuery{});
                      EXPECT_EQ(workshops.size(), 1u);
                      for (const auto& w : workshops)
                        for (const auto& s : r.workshops.sessions_of(w.id)) {
                          auto wd = date::weekday{date::sys_days{s.date}}.iso_encoding();
                          EXPECT_LE(wd, 5u) << "atelier un week-end le " << iso(s.date);
                          EXPECT_EQ(s.status, s.number == 1 ? "held" : "planned");
                        }
                      return {};
                    })
                    .ok());
  }
}

}  // namespace
}  // namespace parcours::testing
