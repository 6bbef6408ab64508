// Lists read their rows by lists of ids, one query for many rows (issue 13): the repositories'
// batch readers give the same rows as their one-by-one counterparts, in the documented order,
// ignoring unknown and repeated ids. On SQLite and on a real PostgreSQL.
#include <gtest/gtest.h>

#include "journey_fixture.h"

namespace parcours::testing {
namespace {

class StorageLists : public JourneyFixture {};

TEST_P(StorageLists, DL_2_BatchReadersMatchTheOneByOneReaders) {
  const Id a = validated(paris(2025, 3, 3, 9), paris(2025, 3, 10, 9));
  const Id b = prescribed(paris(2025, 3, 4, 9));
  Status s = server_->store().read([&](Repos& r) -> Status {
    const std::vector<Id> ids{b, a, 999999, a};
    auto cases = r.journeys.find_prescriptions(ids);
    EXPECT_EQ(cases.size(), 2u);
    for (const auto& p : cases) {
      auto one = r.journeys.find_prescription(p.id);
      EXPECT_TRUE(one && one->person_id == p.person_id && one->state == p.state);
    }
    std::vector<Id> people;
    for (const auto& p : cases) people.push_back(p.person_id);
    people.push_back(999999);
    auto persons = r.persons.find_many(people);
    EXPECT_EQ(persons.size(), 2u);
    for (const auto& p : persons) EXPECT_EQ(r.persons.find(p.id)->last_name, p.last_name);

    // By case then version / due instant, as the one-by-one readers give them case by case.
    std::vector<Proposal> proposals;
    std::vector<CaseDeadline> deadlines;
    for (Id id : {std::min(a, b), std::max(a, b)}) {
      for (auto& p : r.journeys.proposals_of(id)) proposals.push_back(p);
      for (auto& d : r.journeys.deadlines_of(id)) deadlines.push_back(d);
    }
    auto batch_proposals = r.journeys.proposals_of_cases(ids);
    auto batch_deadlines = r.journeys.deadlines_of_cases(ids);
    EXPECT_FALSE(batch_proposals.empty());
    EXPECT_FALSE(batch_deadlines.empty());
    EXPECT_EQ(batch_proposals.size(), proposals.size());
    for (std::size_t i = 0; i < std::min(proposals.size(), batch_proposals.size()); ++i)
      EXPECT_EQ(batch_proposals[i].id, proposals[i].id);
    EXPECT_EQ(batch_deadlines.size(), deadlines.size());
    for (std::size_t i = 0; i < std::min(deadlines.size(), batch_deadlines.size()); ++i)
      EXPECT_EQ(batch_deadlines[i].id, deadlines[i].id);
    EXPECT_TRUE(r.journeys.find_prescriptions({}).empty());
    return {};
  });
  EXPECT_TRUE(s.ok()) << s.error().message;
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageLists, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours::testing
