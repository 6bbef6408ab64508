// The fixture of the journey rule tests on a real database (SQLite and PostgreSQL): a demo
// TestServer, the CPIP, the intervenant and the coordinator of the demo, and shortcuts to bring
// a case to a given stage on concrete dates.
#pragma once

#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "journey_support.h"

namespace parcours::testing {

class JourneyFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    cpip_ = actor_of(*server_, "cpip@demo.parcours.fr");
    cip_ = actor_of(*server_, "cip@demo.parcours.fr");
    coordinator_ = actor_of(*server_, "coordination@demo.parcours.fr");
    manager_ = actor_of(*server_, "spip@demo.parcours.fr");
  }
  void TearDown() override { server_.reset(); }

  JourneyService& journeys() { return server_->journeys(); }
  ProfessionalFileService& files() { return server_->files(); }
  void at(Instant t) { server_->clock().set(t); }

  PrescriptionView view(Id id, const Actor& a) {
    auto v = journeys().prescription(a, id);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    return *v;
  }
  DeadlineView deadline_of(Id id, const std::string& rule_id) {
    for (const auto& d : view(id, cpip_).deadlines)
      if (d.deadline.deadline.rule_id == rule_id) return d;
    ADD_FAILURE() << "no deadline " << rule_id;
    return {};
  }
  // Prescribed on `when`, first interview held at `interview`.
  Id prescribed(Instant when, const std::string& modality = "individual") {
    at(when);
    Id person = create_demo_person(*server_);
    auto id = journeys().prescribe(cpip_, eligible_prescription(person, modality));
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return *id;
  }
  // Held on `d` at `hour` for 1 h 30; the clock is moved to just after it if needed.
  void first_interview(Id id, Date d, int hour) {
    const Instant after = paris(int(d.year()), unsigned(d.month()), unsigned(d.day()), hour + 2);
    if (server_->clock().now() < after) at(after);
    auto s = journeys().record_first_interview(cip_, id, session_at(d, hour, 0, 90, cip_.user.id));
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  Proposal proposal(double hours) {
    Proposal p;
    p.actions = {"positioning", "project_definition", "cv_letter"};
    p.individual_hours = hours;
    p.content = "Positionnement, définition du projet, CV et lettre de motivation.";
    p.justification = "Projet à construire entièrement ; besoin de séances rapprochées.";
    p.calendar = "Mardis de 9 h 30 à 11 h, de mars à mai.";
    return p;
  }
  // Up to a validated programme on `validated_at`.
  Id validated(Instant prescribed_at, Instant validated_at, double hours = 12) {
    Id id = prescribed(prescribed_at);
    first_interview(id, paris_date(prescribed_at), 14);  // the same afternoon
    auto proposal_id = journeys().submit_proposal(cip_, id, proposal(hours));
    EXPECT_TRUE(proposal_id.ok()) << proposal_id.error().message;
    at(validated_at);
    auto s = journeys().decide_proposal(cpip_, *proposal_id, true, "");
    EXPECT_TRUE(s.ok()) << s.error().message;
    return id;
  }
  Id held_session(Id id, Date d, int hour, int minutes) {
    auto planned = journeys().plan_session(cip_, id, session_at(d, hour, 0, minutes, cip_.user.id));
    EXPECT_TRUE(planned.ok()) << planned.error().message;
    return planned->id;
  }

  // The latest notifications of a demo account, newest first.
  std::vector<Notification> notifications_of(const Actor& who) {
    auto notes = parcours::read<std::vector<Notification>>(server_->store(), [&](Repos& r) {
      return Result<std::vector<Notification>>(r.notifications.notifications_of(who.user.id, 20));
    });
    EXPECT_TRUE(notes.ok());
    return notes.ok() ? *notes : std::vector<Notification>{};
  }

  std::unique_ptr<TestServer> server_;
  Actor cpip_, cip_, coordinator_, manager_;
};

}  // namespace parcours::testing
