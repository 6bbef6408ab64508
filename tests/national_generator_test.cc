// `parcours demo --people N` (storage/national_generator.h) on both backends: a coherent
// national dataset the application itself can read — counts in range, every reference
// resolved, sessions on weekdays within their case's life, deadlines consistent, ids the
// application can continue from, the same counts for the same seed, and the journey services
// serving a generated person, case, "À faire" list and workshop.
#include <array>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/actor.h"
#include "app/journey.h"
#include "app/reference.h"
#include "app/workshops.h"
#include "cli/commands.h"
#include "cli/programmes.h"
#include "db_support.h"
#include "journey_support.h"
#include "seed/demo.h"
#include "storage/database_url.h"
#include "storage/national_generator.h"
#include "storage/row_util.h"
#include "storage/soci_store.h"

namespace parcours::testing {
namespace {

constexpr long long kPeople = 400;
const Date kToday{date::year{2026}, date::month{11}, date::day{23}};  // a Monday

class Silent final : public storage::NationalProgress {
 public:
  void begin(const std::string&, long long) override {}
  void advance(long long, const std::string&) override {}
  void end() override {}
};

// Every foreign key the generator fills, and orientations.prescription_id (no constraint).
const std::vector<std::array<const char*, 3>>& references() {
  static const std::vector<std::array<const char*, 3>> refs = {
      {"organisations", "parent_id", "organisations"},
      {"places", "org_id", "organisations"},
      {"memberships", "user_id", "users"},
      {"memberships", "org_id", "organisations"},
      {"contracts", "disp_org_id", "organisations"},
      {"lots", "contract_id", "contracts"},
      {"lots", "provider_org_id", "organisations"},
      {"lot_spips", "lot_id", "lots"},
      {"lot_spips", "spip_id", "organisations"},
      {"volume_amendments", "lot_id", "lots"},
      {"access_authorisations", "user_id", "users"},
      {"access_authorisations", "establishment_id", "organisations"},
      {"establishment_coordinators", "user_id", "users"},
      {"establishment_coordinators", "establishment_id", "organisations"},
      {"substitutes", "user_id", "users"},
      {"persons", "spip_id", "organisations"},
      {"persons", "site_id", "organisations"},
      {"persons", "referent_cpip_id", "users"},
      {"orientations", "person_id", "persons"},
      {"orientations", "prescription_id", "prescriptions"},
      {"orientations", "recorded_by", "users"},
      {"prescriptions", "person_id", "persons"},
      {"prescriptions", "spip_id", "organisations"},
      {"prescriptions", "lot_id", "lots"},
      {"prescriptions", "provider_id", "organisations"},
      {"prescriptions", "cpip_id", "users"},
      {"prescriptions", "intervenant_id", "users"},
      {"prescriptions", "orientation_id", "orientations"},
      {"proposals", "prescription_id", "prescriptions"},
      {"proposals", "submitted_by", "users"},
      {"proposals", "decided_by", "users"},
      {"sessions", "prescription_id", "prescriptions"},
      {"sessions", "provider_id", "organisations"},
      {"sessions", "place_id", "places"},
      {"sessions", "intervenant_id", "users"},
      {"sessions", "recorded_by", "users"},
      {"suspensions", "prescription_id", "prescriptions"},
      {"case_deadlines", "prescription_id", "prescriptions"},
      {"case_deadlines", "owner_org_id", "organisations"},
      {"case_events", "prescription_id", "prescriptions"},
      {"case_events", "person_id", "persons"},
      {"case_events", "actor_id", "users"},
      {"workshops", "provider_id", "organisations"},
      {"workshops", "lot_id", "lots"},
      {"workshops", "spip_id", "organisations"},
      {"workshops", "site_id", "organisations"},
      {"workshops", "intervenant_id", "users"},
      {"workshops", "place_id", "places"},
      {"workshops", "list_decided_by", "users"},
      {"workshop_sessions", "workshop_id", "workshops"},
      {"workshop_participants", "workshop_id", "workshops"},
      {"workshop_participants", "prescription_id", "prescriptions"},
      {"workshop_participants", "person_id", "persons"},
      {"workshop_attendance", "workshop_session_id", "workshop_sessions"},
      {"workshop_attendance", "participant_id", "workshop_participants"},
      {"documents", "person_id", "persons"},
      {"documents", "prescription_id", "prescriptions"},
      {"documents", "workshop_id", "workshops"},
      {"documents", "session_id", "sessions"},
      {"documents", "workshop_session_id", "workshop_sessions"},
      {"documents", "author_id", "users"},
      {"bilans", "prescription_id", "prescriptions"},
      {"bilans", "cpip_document_id", "documents"},
      {"bilans", "person_document_id", "documents"},
  };
  return refs;
}

class NationalGenerator : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    auto programmes = cli::load_programmes(PARCOURS_SOURCE_DIR "/config/programmes");
    ASSERT_TRUE(programmes.ok());
    programmes_ = Programmes(std::move(*programmes));
    clock_.set(paris(2026, 11, 23, 12, 0));
  }

  // A migrated database with the demo (as `parcours demo` loads it) and the national dataset.
  Result<storage::NationalCounts> generate(const std::string& url, SociStore& store) {
    EXPECT_TRUE(store.migrate().ok());
    EXPECT_TRUE(load_demo(store, cli::read_file(bundled_reference_path())).ok());
    EXPECT_TRUE(load_demo_journeys(store, clock_, programmes_).ok());
    storage::NationalOptions options;
    options.people = kPeople;
    options.today = kToday;
    Silent silent;
    return storage::generate_national_dataset(url, *programmes_.find("ppaip"), options, silent);
  }

  // A connection of the test's own for checking queries (the Store hands out repositories).
  soci::session& sql() {
    if (!sql_.is_connected()) {
      if (url_.rfind("sqlite:", 0) == 0)
        sql_.open("sqlite3", url_.substr(7));
      else
        sql_.open("postgresql", storage::parse_database_url(url_)->connect_string);
    }
    return sql_;
  }

  long long count(SociStore&, const std::string& query) {
    long long n = -1;
    storage::fetch_one(sql(), query, {},
                       [&](const soci::row& row) { n = storage::RowReader(row).integer(); });
    return n;
  }

  Programmes programmes_;
  TestClock clock_;
  std::string url_;
  soci::session sql_;
};

TEST_P(NationalGenerator, WritesACoherentDatasetTheApplicationReads) {
  testdb::TestDatabase db(GetParam());
  url_ = db.url();
  auto store = SociStore::open(db.url(), 2);
  ASSERT_TRUE(store.ok());
  auto counts = generate(db.url(), **store);
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  const auto& n = *counts;

  // Counts in the expected ranges (about 1.2 cases a person, 10 sessions a case).
  EXPECT_EQ(n.persons, kPeople);
  EXPECT_GE(n.prescriptions, kPeople * 105 / 100);
  EXPECT_LE(n.prescriptions, kPeople * 135 / 100);
  EXPECT_GE(n.sessions, n.prescriptions * 7);
  EXPECT_LE(n.sessions, n.prescriptions * 13);
  EXPECT_GE(n.deadlines, n.prescriptions * 3);
  EXPECT_GT(n.workshops, 0);
  EXPECT_GT(n.attendance, 0);
  EXPECT_GT(n.bilans, n.prescriptions / 2);
  EXPECT_GT(n.documents, n.sessions / 2);
  EXPECT_GE(n.organisations, 400);  // 8 DISPs, 82 SPIPs and their antennas, ~150 establishments
  EXPECT_EQ(count(**store, "SELECT COUNT(*) FROM organisations WHERE kind = 'disp'"), 9);
  EXPECT_EQ(count(**store, "SELECT COUNT(*) FROM contracts"), 9);
  EXPECT_EQ(count(**store, "SELECT COUNT(*) FROM persons"), kPeople + 11);

  // BEN-1: men mostly, a quarter under 26.
  const long long women = count(**store, "SELECT COUNT(*) FROM persons WHERE sex = 'F'");
  EXPECT_LT(women, kPeople * 15 / 100);
  const long long young =
      count(**store, "SELECT COUNT(*) FROM persons WHERE birth_date > '2000-11-23'");
  EXPECT_GT(young, kPeople * 15 / 100);
  EXPECT_LT(young, kPeople * 35 / 100);

  // Every reference resolves.
  for (const auto& [table, column, parent] : references()) {
    const std::string q = std::string("SELECT COUNT(*) FROM ") + table + " c WHERE c." + column +
                          " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + parent +
                          " p WHERE p.id = c." + column + ")";
    EXPECT_EQ(count(**store, q), 0) << table << "." << column;
  }
  EXPECT_EQ(count(**store,
                  "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM "
                  "document_contents c WHERE c.checksum = d.checksum)"),
            0);
  EXPECT_EQ(count(**store, "SELECT COUNT(DISTINCT checksum) FROM documents WHERE kind = 'scan'"),
            1);

  // DL-1: is_open follows met_at and waived_at; met and due after the start.
  EXPECT_EQ(count(**store,
                  "SELECT COUNT(*) FROM case_deadlines WHERE is_open <> CASE WHEN met_at IS NULL "
                  "AND waived_at IS NULL THEN 1 ELSE 0 END OR due_at <= started_at OR met_at < "
                  "started_at"),
            0);
  const long long judged = count(**store,
                                 "SELECT COUNT(*) FROM case_deadlines WHERE conditional = 0 AND "
                                 "met_at IS NOT NULL");
  const long long on_time = count(**store,
                                  "SELECT COUNT(*) FROM case_deadlines WHERE conditional = 0 AND "
                                  "met_at IS NOT NULL AND met_at <= due_at");
  EXPECT_GT(on_time * 100, judged * 75) << "about 85 % met on time";
  EXPECT_LT(on_time * 100, judged * 97) << "some late";

  // Every session on a weekday within its case's life; workshop sessions on weekdays.
  long long checked = 0;
  storage::for_each_row(
      sql(),
      "SELECT s.session_date, p.prescribed_at, p.ended_at FROM sessions s JOIN prescriptions p "
      "ON p.id = s.prescription_id",
      {}, [&](const soci::row& row) {
        storage::RowReader r(row);
        const Date d = r.date();
        const Instant prescribed = r.instant();
        const auto ended = r.instant_or_null();
        const auto wd = date::weekday{date::sys_days{d}}.iso_encoding();
        EXPECT_LE(wd, 5u) << "séance un week-end le " << iso(d);
        EXPECT_GE(date::sys_days{d}, date::sys_days{paris_date(prescribed)}) << iso(d);
        if (ended) {
          EXPECT_LE(date::sys_days{d}, date::sys_days{paris_date(*ended)}) << iso(d);
        }
        ++checked;
      });
  EXPECT_EQ(checked, count(**store, "SELECT COUNT(*) FROM sessions"));
  storage::for_each_row(sql(), "SELECT session_date FROM workshop_sessions", {},
                        [&](const soci::row& row) {
                          const Date d = storage::RowReader(row).date();
                          EXPECT_LE(date::weekday{date::sys_days{d}}.iso_encoding(), 5u);
                        });

  // The ids continue after the generated ones: the application inserts as usual.
  ASSERT_TRUE((*store)
                  ->transact([&](Repos& r) -> Status {
                    Organisation o;
                    o.kind = OrgKind::partner;
                    o.code = "APRES-GENERATION";
                    o.name = "Partenaire créé après la génération";
                    EXPECT_GT(r.orgs.insert(o), 0);
                    auto spip = r.orgs.find_by_code("SPIP33");
                    EXPECT_TRUE(spip.has_value());
                    Person p;
                    p.last_name = "Après";
                    p.first_name = "Génération";
                    p.birth_date = Date{date::year{1990}, date::month{1}, date::day{1}};
                    p.spip_id = spip->id;
                    p.site_id = spip->id;
                    p.created_at = clock_.now();
                    EXPECT_GT(r.persons.insert(p), 0);
                    return {};
                  })
                  .ok());
}

TEST_P(NationalGenerator, TheJourneyServicesServeAGeneratedPerson) {
  testdb::TestDatabase db(GetParam());
  url_ = db.url();
  auto store = SociStore::open(db.url(), 2);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(generate(db.url(), **store).ok());
  // A generated person with a closed case and one with a workshop, and their people.
  const Id person = count(**store,
                          "SELECT MIN(person_id) FROM prescriptions WHERE state = 'closed' AND "
                          "person_id > 11");
  const Id referent =
      count(**store, "SELECT referent_cpip_id FROM persons WHERE id = " + std::to_string(person));
  const Id workshop = count(**store, "SELECT MIN(workshop_id) FROM workshop_participants");
  const Id intervenant =
      count(**store, "SELECT intervenant_id FROM workshops WHERE id = " + std::to_string(workshop));
  Actor cpip, staff;
  ASSERT_TRUE((*store)
                  ->read([&](Repos& r) -> Status {
                    cpip = load_actor(r, *r.users.find(referent));
                    staff = load_actor(r, *r.users.find(intervenant));
                    return {};
                  })
                  .ok());
  JourneyService journeys(**store, clock_, programmes_);
  auto file = journeys.person_file(cpip, person);
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_FALSE(file->cases.empty());
  EXPECT_FALSE(file->timeline.empty());
  for (const auto& c : file->cases) {
    auto view = journeys.prescription(cpip, c.prescription.id);
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_FALSE(view->deadlines.empty());
    EXPECT_FALSE(view->events.empty());
    if (c.prescription.state == "closed") {
      EXPECT_GT(view->hours_done, 0);
    }
  }
  EXPECT_TRUE(journeys.todo(cpip).ok());
  auto todo = journeys.todo(staff);
  ASSERT_TRUE(todo.ok()) << todo.error().message;
  EXPECT_TRUE(journeys.cases(staff, "").ok());
  WorkshopService workshops(**store, clock_, programmes_);
  auto w = workshops.workshop(staff, workshop);
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_FALSE(w->participants.empty());
  EXPECT_FALSE(w->sessions.empty());
  // The demo accounts of the reference DISP keep their demo people and get generated ones.
  Actor demo_cpip;
  ASSERT_TRUE((*store)
                  ->read([&](Repos& r) -> Status {
                    demo_cpip = load_actor(r, *r.users.find_by_email("cpip@demo.parcours.fr"));
                    return {};
                  })
                  .ok());
  auto people = journeys.people(demo_cpip, "");
  ASSERT_TRUE(people.ok());
  EXPECT_GE(people->size(), 11u);
}

TEST_P(NationalGenerator, TheSameSeedGivesTheSameCountsAndASecondRunIsRefused) {
  std::vector<storage::NationalCounts> runs;
  for (int i = 0; i < 2; ++i) {
    if (sql_.is_connected()) sql_.close();
    testdb::TestDatabase db(GetParam());
    url_ = db.url();
    auto store = SociStore::open(db.url(), 2);
    ASSERT_TRUE(store.ok());
    auto counts = generate(db.url(), **store);
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    runs.push_back(*counts);
    if (i == 1) {
      storage::NationalOptions options;
      options.people = 10;
      options.today = kToday;
      Silent silent;
      auto again =
          storage::generate_national_dataset(db.url(), *programmes_.find("ppaip"), options, silent);
      ASSERT_FALSE(again.ok());
      EXPECT_EQ(again.error().code, ErrorCode::conflict);
    }
  }
  const auto& a = runs[0];
  const auto& b = runs[1];
  EXPECT_EQ(a.persons, b.persons);
  EXPECT_EQ(a.prescriptions, b.prescriptions);
  EXPECT_EQ(a.proposals, b.proposals);
  EXPECT_EQ(a.sessions, b.sessions);
  EXPECT_EQ(a.deadlines, b.deadlines);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.workshops, b.workshops);
  EXPECT_EQ(a.attendance, b.attendance);
  EXPECT_EQ(a.documents, b.documents);
  EXPECT_EQ(a.bilans, b.bilans);
  EXPECT_EQ(a.users, b.users);
}

INSTANTIATE_TEST_SUITE_P(Backends, NationalGenerator, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
