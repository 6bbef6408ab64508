// The storage contract of people and programme cases (SPEC BEN-1..3, PPAIP-2..17, DL-1, DL-2):
// the same tests, unchanged, on SQLite and on a real PostgreSQL (DESIGN §1, §5). Every
// repository method round-trips its records, lists come back in the documented order
// (storage/repositories.h) and filters keep exactly what they say.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/ports.h"
#include "db_support.h"
#include "storage/soci_store.h"

namespace parcours {
namespace {

Instant at(long long seconds) {
  return Instant{std::chrono::seconds{seconds}};
}

Date day(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

template <typename T>
std::vector<Id> ids(const std::vector<T>& rows) {
  std::vector<Id> out;
  for (const T& r : rows) out.push_back(r.id);
  return out;
}

void expect_same(const Person& a, const Person& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.last_name, b.last_name);
  EXPECT_EQ(a.first_name, b.first_name);
  EXPECT_EQ(a.birth_date, b.birth_date);
  EXPECT_EQ(a.sex, b.sex);
  EXPECT_EQ(a.milieu, b.milieu);
  EXPECT_EQ(a.spip_id, b.spip_id);
  EXPECT_EQ(a.site_id, b.site_id);
  EXPECT_EQ(a.judicial_status, b.judicial_status);
  EXPECT_EQ(a.qualification, b.qualification);
  EXPECT_EQ(a.referent_cpip_id, b.referent_cpip_id);
  EXPECT_EQ(a.prison_number, b.prison_number);
  EXPECT_EQ(a.sentence_end, b.sentence_end);
  EXPECT_EQ(a.id_valid_until, b.id_valid_until);
  EXPECT_EQ(a.work_permit_until, b.work_permit_until);
  EXPECT_EQ(a.brsa, b.brsa);
  EXPECT_EQ(a.cer, b.cer);
  EXPECT_EQ(a.phone, b.phone);
  EXPECT_EQ(a.email, b.email);
  EXPECT_EQ(a.address, b.address);
  EXPECT_EQ(a.diagnosis.text, b.diagnosis.text);
  EXPECT_EQ(a.diagnosis.established_on, b.diagnosis.established_on);
  EXPECT_EQ(a.diagnosis.established_by, b.diagnosis.established_by);
  EXPECT_EQ(a.created_at, b.created_at);
}

void expect_same(const Orientation& a, const Orientation& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.person_id, b.person_id);
  EXPECT_EQ(a.programme_id, b.programme_id);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.source_detail, b.source_detail);
  EXPECT_EQ(a.comment, b.comment);
  EXPECT_EQ(a.requested_on, b.requested_on);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.decision_comment, b.decision_comment);
  EXPECT_EQ(a.prescription_id, b.prescription_id);
  EXPECT_EQ(a.recorded_by, b.recorded_by);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
}

void expect_same(const Prescription& a, const Prescription& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.person_id, b.person_id);
  EXPECT_EQ(a.programme_id, b.programme_id);
  EXPECT_EQ(a.programme_version, b.programme_version);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.modality, b.modality);
  EXPECT_EQ(a.spip_id, b.spip_id);
  EXPECT_EQ(a.lot_id, b.lot_id);
  EXPECT_EQ(a.provider_id, b.provider_id);
  EXPECT_EQ(a.cpip_id, b.cpip_id);
  EXPECT_EQ(a.intervenant_id, b.intervenant_id);
  EXPECT_EQ(a.orientation_id, b.orientation_id);
  EXPECT_EQ(a.objectives, b.objectives);
  EXPECT_EQ(a.constraints, b.constraints);
  ASSERT_EQ(a.training_timetable.size(), b.training_timetable.size());
  for (std::size_t i = 0; i < a.training_timetable.size(); ++i) {
    EXPECT_EQ(a.training_timetable[i].weekday, b.training_timetable[i].weekday);
    EXPECT_EQ(a.training_timetable[i].start_minute, b.training_timetable[i].start_minute);
    EXPECT_EQ(a.training_timetable[i].end_minute, b.training_timetable[i].end_minute);
  }
  EXPECT_EQ(a.training_until, b.training_until);
  EXPECT_EQ(a.prescribed_at, b.prescribed_at);
  EXPECT_EQ(a.reconvocation_pending, b.reconvocation_pending);
  EXPECT_EQ(a.end_reason, b.end_reason);
  EXPECT_EQ(a.ended_at, b.ended_at);
}

void expect_same(const Proposal& a, const Proposal& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.prescription_id, b.prescription_id);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.actions, b.actions);
  EXPECT_EQ(a.content, b.content);
  EXPECT_EQ(a.justification, b.justification);
  EXPECT_EQ(a.individual_hours, b.individual_hours);
  EXPECT_EQ(a.workshops, b.workshops);
  EXPECT_EQ(a.workshops_detail, b.workshops_detail);
  EXPECT_EQ(a.calendar, b.calendar);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.decision_comment, b.decision_comment);
  EXPECT_EQ(a.submitted_by, b.submitted_by);
  EXPECT_EQ(a.submitted_at, b.submitted_at);
  EXPECT_EQ(a.decided_by, b.decided_by);
  EXPECT_EQ(a.decided_at, b.decided_at);
}

void expect_same(const Session& a, const Session& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.prescription_id, b.prescription_id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.start_minute, b.start_minute);
  EXPECT_EQ(a.duration_minutes, b.duration_minutes);
  EXPECT_EQ(a.place_id, b.place_id);
  EXPECT_EQ(a.place_label, b.place_label);
  EXPECT_EQ(a.intervenant_id, b.intervenant_id);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.absence_reason, b.absence_reason);
  EXPECT_EQ(a.absence_justified, b.absence_justified);
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.recorded_by, b.recorded_by);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
}

void expect_same(const CaseDeadline& a, const CaseDeadline& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.prescription_id, b.prescription_id);
  EXPECT_EQ(a.owner_org_id, b.owner_org_id);
  EXPECT_EQ(a.deadline.rule_id, b.deadline.rule_id);
  EXPECT_EQ(a.deadline.owner_role, b.deadline.owner_role);
  EXPECT_EQ(a.deadline.conditional, b.deadline.conditional);
  EXPECT_EQ(a.deadline.started_at, b.deadline.started_at);
  EXPECT_EQ(a.deadline.due_at, b.deadline.due_at);
  EXPECT_EQ(a.deadline.met_at, b.deadline.met_at);
  EXPECT_EQ(a.deadline.waived_at, b.deadline.waived_at);
  EXPECT_EQ(a.deadline.waiver_reason, b.deadline.waiver_reason);
  EXPECT_EQ(a.deadline.paused_since, b.deadline.paused_since);
}

class JourneyStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    url_ = testdb::fresh_test_database_url(GetParam());
    auto opened = SociStore::open(url_, 2);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened.value());
    Result<int> applied = store_->migrate();
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    write([&](Repos& r) {
      spip_ = r.orgs.insert(org(OrgKind::spip, "SPIP18", "SPIP du Cher"));
      other_spip_ = r.orgs.insert(org(OrgKind::spip, "SPIP36", "SPIP de l’Indre"));
      site_ = r.orgs.insert(org(OrgKind::establishment, "EP-B", "Maison d’arrêt", spip_));
      antenna_ = r.orgs.insert(org(OrgKind::antenna, "ANT18", "Antenne de Bourges", spip_));
      provider_ = r.orgs.insert(org(OrgKind::provider, "PREST1", "Prestataire Un"));
      other_provider_ = r.orgs.insert(org(OrgKind::provider, "PREST2", "Prestataire Deux"));
      cpip_ = r.users.insert(user("cpip@example.fr", "Claire Martin"));
      other_cpip_ = r.users.insert(user("cpip2@example.fr", "Paul Morel"));
      intervenant_ = r.users.insert(user("cip@example.fr", "Inès Roux"));
      other_intervenant_ = r.users.insert(user("cip2@example.fr", "Hugo Blanc"));
      Contract c;
      c.disp_org_id = r.orgs.insert(org(OrgKind::disp, "DISP21", "DISP de Dijon"));
      c.reference = "M-2025-01";
      c.programme = "ppaip";
      c.start_date = day(2025, 3, 3);
      Lot l;
      l.contract_id = r.contracts.insert_contract(c);
      l.number = 1;
      l.provider_org_id = provider_;
      lot_ = r.contracts.insert_lot(l);
      Place pl;
      pl.org_id = site_;
      pl.name = "Salle 2";
      place_ = r.orgs.insert_place(pl);
    });
  }

  void TearDown() override {
    store_.reset();
    if (!url_.empty()) testdb::drop_test_database(url_);
  }

  static Organisation org(OrgKind kind, const std::string& code, const std::string& name,
                          Id parent = 0) {
    Organisation o;
    o.kind = kind;
    o.code = code;
    o.name = name;
    o.parent_id = parent;
    return o;
  }

  static User user(const std::string& email, const std::string& full_name) {
    User u;
    u.email = email;
    u.full_name = full_name;
    return u;
  }

  // Runs fn in a transaction that must commit.
  void write(const std::function<void(Repos&)>& fn) {
    Status s = store_->transact([&](Repos& r) -> Status {
      fn(r);
      return {};
    });
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  // Runs fn in a transaction expected to fail; returns the error.
  Error failing_write(const std::function<void(Repos&)>& fn) {
    Status s = store_->transact([&](Repos& r) -> Status {
      fn(r);
      return {};
    });
    EXPECT_FALSE(s.ok()) << "the transaction should have failed";
    return s.ok() ? Error{ErrorCode::invalid, "(réussi)", {}} : s.error();
  }

  // Runs fn in a committed transaction and returns its value.
  template <typename Fn>
  auto in_tx(Fn fn) {
    using T = decltype(fn(std::declval<Repos&>()));
    Result<T> r =
        parcours::transact<T>(*store_, [&](Repos& repos) -> Result<T> { return fn(repos); });
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(r.value()) : T{};
  }

  // Runs fn in a read transaction and returns its value.
  template <typename Fn>
  auto in_read(Fn fn) {
    using T = decltype(fn(std::declval<Repos&>()));
    Result<T> r = parcours::read<T>(*store_, [&](Repos& repos) -> Result<T> { return fn(repos); });
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(r.value()) : T{};
  }

  // A person of the SPIP with only the mandatory fields.
  Person person(const std::string& last, const std::string& first, Id spip = 0, Id referent = 0) {
    Person p;
    p.last_name = last;
    p.first_name = first;
    p.birth_date = day(1990, 5, 17);
    p.sex = Sex::male;
    p.milieu = Milieu::closed;
    p.spip_id = spip != 0 ? spip : spip_;
    p.site_id = site_;
    p.judicial_status = JudicialStatus::condamne;
    p.referent_cpip_id = referent != 0 ? referent : cpip_;
    p.created_at = at(1'740'000'000);
    return p;
  }

  Id add_person(const std::string& last, const std::string& first, Id spip = 0, Id referent = 0) {
    return in_tx([&](Repos& r) { return r.persons.insert(person(last, first, spip, referent)); });
  }

  Prescription prescription(Id person_id, Id provider, const std::string& state,
                            long long prescribed_at) {
    Prescription p;
    p.person_id = person_id;
    p.programme_version = "2025-1";
    p.state = state;
    p.modality = "individual";
    p.spip_id = spip_;
    p.lot_id = lot_;
    p.provider_id = provider;
    p.cpip_id = cpip_;
    p.prescribed_at = at(prescribed_at);
    return p;
  }

  Id add_prescription(Id person_id, Id provider = 0, const std::string& state = "sent",
                      long long prescribed_at = 1'741'000'000) {
    Prescription p =
        prescription(person_id, provider != 0 ? provider : provider_, state, prescribed_at);
    return in_tx([&](Repos& r) { return r.journeys.insert_prescription(p); });
  }

  Session session(Id prescription_id, Date d, int start, Id intervenant) {
    Session s;
    s.prescription_id = prescription_id;
    s.date = d;
    s.start_minute = start;
    s.intervenant_id = intervenant;
    return s;
  }

  Id add_session(Id prescription_id, Date d, int start, Id intervenant = 0) {
    Session s = session(prescription_id, d, start, intervenant != 0 ? intervenant : intervenant_);
    return in_tx([&](Repos& r) { return r.journeys.insert_session(s); });
  }

  CaseDeadline deadline(Id prescription_id, Id owner, long long due) {
    CaseDeadline d;
    d.prescription_id = prescription_id;
    d.owner_org_id = owner;
    d.deadline.rule_id = "first_interview";
    d.deadline.started_at = at(due - 86'400);
    d.deadline.due_at = at(due);
    return d;
  }

  std::string url_;
  std::unique_ptr<SociStore> store_;
  Id spip_ = 0, other_spip_ = 0, site_ = 0, antenna_ = 0, provider_ = 0, other_provider_ = 0;
  Id cpip_ = 0, other_cpip_ = 0, intervenant_ = 0, other_intervenant_ = 0;
  Id lot_ = 0, place_ = 0;
};

// --- People (BEN-1..3) --------------------------------------------------------------------

TEST_P(JourneyStore, BEN_1_PersonRoundTripWithEveryOptionalField) {
  Person p = person("Lefèvre", "Éloïse");
  p.sex = Sex::female;
  p.milieu = Milieu::open;
  p.site_id = antenna_;
  p.judicial_status = JudicialStatus::prevenu;
  p.qualification = "4";
  p.prison_number = "E-12345";
  p.sentence_end = day(2027, 1, 31);
  p.id_valid_until = day(2030, 6, 1);
  p.work_permit_until = day(2026, 12, 15);
  p.brsa = true;
  p.cer = true;
  p.phone = "06 12 34 56 78";
  p.email = "eloise@example.fr";
  p.address = "3 rue des Lilas\n18000 Bourges";
  p.diagnosis.text = "Premier paragraphe.\n\nSecond paragraphe ; avec « guillemets ».";
  p.diagnosis.established_on = day(2025, 2, 12);
  p.diagnosis.established_by = "CPU du 12/02/2025";
  p.id = in_tx([&](Repos& r) { return r.persons.insert(p); });
  ASSERT_GT(p.id, 0);
  auto found = in_read([&](Repos& r) { return r.persons.find(p.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, p);
}

TEST_P(JourneyStore, BEN_1_PersonWithoutOptionalFieldsReadsThemBackEmpty) {
  Person p = person("Diallo", "Karim");
  p.site_id = 0;
  p.referent_cpip_id = 0;
  p.judicial_status = JudicialStatus::none;
  p.id = in_tx([&](Repos& r) { return r.persons.insert(p); });
  auto found = in_read([&](Repos& r) { return r.persons.find(p.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, p);
  EXPECT_FALSE(found->sentence_end.has_value());
  EXPECT_FALSE(found->diagnosis.established_on.has_value());
  EXPECT_FALSE(in_read([&](Repos& r) { return r.persons.find(p.id + 1000); }).has_value());
}

TEST_P(JourneyStore, BEN_1_PersonUpdateChangesEveryFieldAndClearsOptionalOnes) {
  Person p = person("Benali", "Amina");
  p.sentence_end = day(2027, 1, 31);
  p.diagnosis.established_on = day(2025, 2, 12);
  p.id = in_tx([&](Repos& r) { return r.persons.insert(p); });
  p.last_name = "Benali-Roux";
  p.first_name = "Amina Sofia";
  p.spip_id = other_spip_;
  p.site_id = 0;
  p.referent_cpip_id = other_cpip_;
  p.sentence_end.reset();
  p.diagnosis.established_on.reset();
  p.work_permit_until = day(2026, 1, 1);
  p.brsa = true;
  p.qualification = "5";
  write([&](Repos& r) { r.persons.update(p); });
  auto found = in_read([&](Repos& r) { return r.persons.find(p.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, p);
}

TEST_P(JourneyStore, UpdateOfMissingPersonIsNotFound) {
  Person p = person("Absent", "Nobody");
  p.id = 424242;
  Error e = failing_write([&](Repos& r) { r.persons.update(p); });
  EXPECT_EQ(e.code, ErrorCode::not_found);
}

TEST_P(JourneyStore, PersonOfMissingSpipIsConflict) {
  Error e = failing_write([&](Repos& r) { r.persons.insert(person("Martin", "Léa", 999999)); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "L’élément lié n’existe pas.");
}

TEST_P(JourneyStore, SearchBySpipKeepsItsPeopleOrderedByLastThenFirstName) {
  Id zoe = add_person("Le", "Zoé");
  Id anne = add_person("Lefèvre", "Anne");
  Id bruno = add_person("lefevre", "Bruno");
  Id emile = add_person("Étienne", "Émile");
  Id albert = add_person("Dupont", "Albert");
  add_person("Abadie", "Other", other_spip_);
  PersonQuery q;
  q.spip_id = spip_;
  auto found = in_read([&](Repos& r) { return r.persons.search(q); });
  EXPECT_EQ(ids(found), (std::vector<Id>{albert, emile, zoe, anne, bruno}));
  EXPECT_EQ(in_read([&](Repos& r) { return r.persons.count(q); }), 5);
  q.spip_id = other_spip_;
  EXPECT_EQ(in_read([&](Repos& r) { return r.persons.count(q); }), 1);
}

TEST_P(JourneyStore, SearchByProviderKeepsOnlyPeopleWithAPrescriptionToIt) {
  Id with_case = add_person("Martin", "Léa");
  Id other_case = add_person("Bernard", "Hugo");
  add_person("Petit", "Sans dossier");
  add_prescription(with_case, provider_);
  add_prescription(with_case, provider_, "ended", 1'742'000'000);  // listed once
  add_prescription(other_case, other_provider_);
  PersonQuery q;
  q.provider_id = provider_;
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.persons.search(q); })),
            std::vector<Id>{with_case});
  EXPECT_EQ(in_read([&](Repos& r) { return r.persons.count(q); }), 1);
  q.provider_id = other_provider_;
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.persons.search(q); })),
            std::vector<Id>{other_case});
}

TEST_P(JourneyStore, SearchByReferentKeepsOnlyTheirPeople) {
  Id mine = add_person("Martin", "Léa", 0, cpip_);
  add_person("Bernard", "Hugo", 0, other_cpip_);
  PersonQuery q;
  q.referent_cpip_id = cpip_;
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.persons.search(q); })), std::vector<Id>{mine});
  q.spip_id = other_spip_;  // filters combine
  EXPECT_TRUE(in_read([&](Repos& r) { return r.persons.search(q); }).empty());
}

TEST_P(JourneyStore, SearchByNameFragmentIgnoresCaseAndAccents) {
  Id lefevre = add_person("Lefèvre", "Anne");
  Id oeuvre = add_person("Cœurdevey", "Jean-Pierre");
  Id helene = add_person("Durand", "Hélène");
  Id martin = add_person("Martin", "Paul");
  auto search = [&](const std::string& text) {
    PersonQuery q;
    q.search = text;
    return ids(in_read([&](Repos& r) { return r.persons.search(q); }));
  };
  EXPECT_EQ(search("lefevre"), std::vector<Id>{lefevre});
  EXPECT_EQ(search("LEFÈVRE"), std::vector<Id>{lefevre});
  EXPECT_EQ(search("fev"), std::vector<Id>{lefevre});
  EXPECT_EQ(search("coeur"), std::vector<Id>{oeuvre});
  EXPECT_EQ(search("jean-pierre"), std::vector<Id>{oeuvre});
  EXPECT_EQ(search("helene"), std::vector<Id>{helene});
  EXPECT_EQ(search("hélène durand"), std::vector<Id>{helene});  // both words must match
  EXPECT_EQ(search("hélène martin"), std::vector<Id>{});
  EXPECT_EQ(search("%"), (std::vector<Id>{oeuvre, helene, lefevre, martin}))
      << "a search of punctuation only filters nothing";
}

TEST_P(JourneyStore, SearchPagesWithLimitAndOffsetAndCountIgnoresThem) {
  std::vector<Id> all;
  for (const char* last : {"Arnaud", "Blanc", "Chevalier", "Denis", "Fabre"}) {
    all.push_back(add_person(last, "Test"));
  }
  PersonQuery q;
  q.limit = 2;
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.persons.search(q); })),
            (std::vector<Id>{all[0], all[1]}));
  q.offset = 2;
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.persons.search(q); })),
            (std::vector<Id>{all[2], all[3]}));
  q.offset = 4;
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.persons.search(q); })), std::vector<Id>{all[4]});
  EXPECT_EQ(in_read([&](Repos& r) { return r.persons.count(q); }), 5);
}

// --- Orientations (PPAIP-2) ---------------------------------------------------------------

TEST_P(JourneyStore, PPAIP_2_OrientationRoundTripAndUpdateOnceDecided) {
  Id person_id = add_person("Martin", "Léa");
  Orientation o;
  o.person_id = person_id;
  o.source = "cpip";
  o.source_detail = "M. Roux, RLFP";
  o.comment = "Motivée.";
  o.requested_on = day(2025, 3, 10);
  o.recorded_by = cpip_;
  o.recorded_at = at(1'741'600'000);
  o.id = in_tx([&](Repos& r) { return r.journeys.insert_orientation(o); });
  auto found = in_read([&](Repos& r) { return r.journeys.find_orientation(o.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, o);
  EXPECT_EQ(found->prescription_id, 0);

  o.status = "prescribed";
  o.decision_comment = "Accord.";
  o.prescription_id = add_prescription(person_id);
  write([&](Repos& r) { r.journeys.update_orientation(o); });
  found = in_read([&](Repos& r) { return r.journeys.find_orientation(o.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, o);
}

TEST_P(JourneyStore, PPAIP_2_OrientationsOfPersonNewestFirst) {
  Id person_id = add_person("Martin", "Léa");
  auto add = [&](Date d) {
    Orientation o;
    o.person_id = person_id;
    o.requested_on = d;
    o.recorded_at = at(1'741'600'000);
    return in_tx([&](Repos& r) { return r.journeys.insert_orientation(o); });
  };
  Id march = add(day(2025, 3, 10));
  Id june = add(day(2025, 6, 2));
  Id january = add(day(2025, 1, 20));
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.journeys.orientations_of_person(person_id); })),
            (std::vector<Id>{june, march, january}));
}

TEST_P(JourneyStore, PPAIP_2_PendingOrientationsOfTheSpipOldestFirst) {
  Id here = add_person("Martin", "Léa");
  Id there = add_person("Bernard", "Hugo", other_spip_);
  auto add = [&](Id person_id, Date d, const std::string& status) {
    Orientation o;
    o.person_id = person_id;
    o.requested_on = d;
    o.status = status;
    o.recorded_at = at(1'741'600'000);
    return in_tx([&](Repos& r) { return r.journeys.insert_orientation(o); });
  };
  Id later = add(here, day(2025, 4, 1), "pending");
  Id earlier = add(here, day(2025, 3, 1), "pending");
  add(here, day(2025, 2, 1), "declined");
  add(there, day(2025, 1, 1), "pending");
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.journeys.pending_orientations(spip_); })),
            (std::vector<Id>{earlier, later}));
}

// --- Prescriptions (PPAIP-3…) -------------------------------------------------------------

TEST_P(JourneyStore, PPAIP_3_PrescriptionRoundTripWithTimetableAndOptionalDates) {
  Id person_id = add_person("Martin", "Léa");
  Orientation o;
  o.person_id = person_id;
  o.requested_on = day(2025, 3, 1);
  o.recorded_at = at(1'740'800'000);
  Id orientation_id = in_tx([&](Repos& r) { return r.journeys.insert_orientation(o); });
  Prescription p = prescription(person_id, provider_, "in_progress", 1'741'000'000);
  p.modality = "both";
  p.intervenant_id = intervenant_;
  p.orientation_id = orientation_id;
  p.objectives = "Retrouver un emploi ; « vite ».";
  p.constraints = "Pointage le lundi.";
  p.training_timetable = {{1, 540, 720}, {3, 840, 1020}};
  p.training_until = day(2025, 7, 4);
  p.reconvocation_pending = true;
  p.end_reason = "completed";
  p.ended_at = at(1'750'000'000);
  p.id = in_tx([&](Repos& r) { return r.journeys.insert_prescription(p); });
  auto found = in_read([&](Repos& r) { return r.journeys.find_prescription(p.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, p);

  p.training_timetable.clear();
  p.training_until.reset();
  p.ended_at.reset();
  p.end_reason.clear();
  p.intervenant_id = 0;
  p.lot_id = 0;
  p.reconvocation_pending = false;
  p.state = "sent";
  write([&](Repos& r) { r.journeys.update_prescription(p); });
  found = in_read([&](Repos& r) { return r.journeys.find_prescription(p.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, p);
}

TEST_P(JourneyStore, PrescriptionsFilteredBySpipProviderCpipPersonAndStatesNewestFirst) {
  Id lea = add_person("Martin", "Léa");
  Id hugo = add_person("Bernard", "Hugo");
  Id a = add_prescription(lea, provider_, "sent", 1'741'000'000);
  Id b = add_prescription(lea, other_provider_, "ended", 1'742'000'000);
  Id c = add_prescription(hugo, provider_, "in_progress", 1'743'000'000);
  Prescription other = prescription(hugo, provider_, "sent", 1'744'000'000);
  other.spip_id = other_spip_;
  other.cpip_id = other_cpip_;
  Id d = in_tx([&](Repos& r) { return r.journeys.insert_prescription(other); });
  auto list = [&](PrescriptionQuery q) {
    return ids(in_read([&](Repos& r) { return r.journeys.prescriptions(q); }));
  };
  EXPECT_EQ(list({}), (std::vector<Id>{d, c, b, a}));
  PrescriptionQuery q;
  q.spip_id = spip_;
  EXPECT_EQ(list(q), (std::vector<Id>{c, b, a}));
  q = {};
  q.provider_id = provider_;
  EXPECT_EQ(list(q), (std::vector<Id>{d, c, a}));
  q = {};
  q.cpip_id = other_cpip_;
  EXPECT_EQ(list(q), std::vector<Id>{d});
  q = {};
  q.person_id = lea;
  EXPECT_EQ(list(q), (std::vector<Id>{b, a}));
  q = {};
  q.states = {"sent", "in_progress"};
  EXPECT_EQ(list(q), (std::vector<Id>{d, c, a}));
  q.provider_id = provider_;
  q.spip_id = spip_;
  EXPECT_EQ(list(q), (std::vector<Id>{c, a}));
  q = {};
  q.limit = 2;
  EXPECT_EQ(list(q), (std::vector<Id>{d, c}));
}

// --- Proposals (PPAIP-6, PPAIP-7, PPAIP-9) ------------------------------------------------

TEST_P(JourneyStore, PPAIP_7_ProposalVersionsKeptInOrderWithActionsAndHours) {
  Id case_id = add_prescription(add_person("Martin", "Léa"));
  Proposal first;
  first.prescription_id = case_id;
  first.actions = {"cv", "simulation_entretien"};
  first.content = "Programme en trois temps.";
  first.justification = "Besoin d’un travail long.";
  first.individual_hours = 12.5;
  first.workshops = true;
  first.workshops_detail = "Atelier numérique";
  first.calendar = "mardis 9\u00a0h – 11\u00a0h";
  first.submitted_by = intervenant_;
  first.submitted_at = at(1'741'000'000);
  first.status = "validated";
  first.decided_by = cpip_;
  first.decided_at = at(1'741'100'000);
  first.decision_comment = "Bien.";
  Proposal second;
  second.prescription_id = case_id;
  second.version = 2;
  second.kind = "modification";
  second.individual_hours = 0.25;
  second.submitted_at = at(1'742'000'000);
  second.id = in_tx([&](Repos& r) { return r.journeys.insert_proposal(second); });
  first.id = in_tx([&](Repos& r) { return r.journeys.insert_proposal(first); });
  auto all = in_read([&](Repos& r) { return r.journeys.proposals_of(case_id); });
  ASSERT_EQ(all.size(), 2u);
  expect_same(all[0], first);
  expect_same(all[1], second);
  EXPECT_TRUE(all[1].actions.empty());

  second.status = "refused";
  second.decided_by = cpip_;
  second.decided_at = at(1'742'100'000);
  second.actions = {"bilan"};
  write([&](Repos& r) { r.journeys.update_proposal(second); });
  auto found = in_read([&](Repos& r) { return r.journeys.find_proposal(second.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, second);
}

TEST_P(JourneyStore, PPAIP_9_SameProposalVersionTwiceIsConflict) {
  Id case_id = add_prescription(add_person("Martin", "Léa"));
  Id other_case = add_prescription(add_person("Bernard", "Hugo"));
  Proposal p;
  p.prescription_id = case_id;
  p.submitted_at = at(1'741'000'000);
  in_tx([&](Repos& r) { return r.journeys.insert_proposal(p); });
  Proposal elsewhere = p;
  elsewhere.prescription_id = other_case;
  in_tx([&](Repos& r) { return r.journeys.insert_proposal(elsewhere); });  // another case: fine
  Error e = failing_write([&](Repos& r) { r.journeys.insert_proposal(p); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message,
            "Cette version de la proposition a déjà été enregistrée, peut-être en même temps par "
            "quelqu’un d’autre ; rien n’a été enregistré, rechargez la page.");
}

// --- Sessions -----------------------------------------------------------------------------

TEST_P(JourneyStore, SessionRoundTripAndSessionsOfCaseByDateThenStart) {
  Id case_id = add_prescription(add_person("Martin", "Léa"));
  Session s = session(case_id, day(2025, 3, 12), 600, intervenant_);
  s.kind = "first_interview";
  s.duration_minutes = 90;
  s.place_id = place_;
  s.place_label = "Salle 2";
  s.status = "absent";
  s.absence_reason = "illness";
  s.absence_justified = true;
  s.note = "Certificat reçu.";
  s.recorded_by = intervenant_;
  s.recorded_at = at(1'741'800'000);
  s.id = in_tx([&](Repos& r) { return r.journeys.insert_session(s); });
  auto found = in_read([&](Repos& r) { return r.journeys.find_session(s.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, s);

  s.status = "present";
  s.absence_reason.clear();
  s.absence_justified = false;
  s.place_id = 0;
  s.recorded_at.reset();
  write([&](Repos& r) { r.journeys.update_session(s); });
  found = in_read([&](Repos& r) { return r.journeys.find_session(s.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, s);

  Id afternoon = add_session(case_id, day(2025, 3, 19), 840);
  Id morning = add_session(case_id, day(2025, 3, 19), 540);
  Id earliest = add_session(case_id, day(2025, 3, 5), 900);
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.journeys.sessions_of(case_id); })),
            (std::vector<Id>{earliest, s.id, morning, afternoon}));
}

TEST_P(JourneyStore, SessionsOfProviderWithinDatesInclusiveAndOfOneIntervenant) {
  Id lea = add_person("Martin", "Léa");
  Id mine = add_prescription(lea, provider_);
  Id theirs = add_prescription(add_person("Bernard", "Hugo"), other_provider_);
  Id first_day = add_session(mine, day(2025, 3, 3), 600);
  Id last_day = add_session(mine, day(2025, 3, 9), 540, other_intervenant_);
  Id mid_week = add_session(mine, day(2025, 3, 5), 540);
  add_session(mine, day(2025, 3, 2), 600);   // before
  add_session(mine, day(2025, 3, 10), 600);  // after
  add_session(theirs, day(2025, 3, 4), 600);
  auto week = [&](std::optional<Id> intervenant) {
    return ids(in_read([&](Repos& r) {
      return r.journeys.sessions_of_provider(provider_, day(2025, 3, 3), day(2025, 3, 9),
                                             intervenant);
    }));
  };
  EXPECT_EQ(week(std::nullopt), (std::vector<Id>{first_day, mid_week, last_day}));
  EXPECT_EQ(week(intervenant_), (std::vector<Id>{first_day, mid_week}));
  EXPECT_EQ(week(other_intervenant_), std::vector<Id>{last_day});
}

TEST_P(JourneyStore, SessionsFollowTheirCaseWhenItChangesProvider) {
  Id case_id = add_prescription(add_person("Martin", "Léa"), provider_);
  Id s = add_session(case_id, day(2025, 3, 5), 540);
  auto of = [&](Id provider) {
    return ids(in_read([&](Repos& r) {
      return r.journeys.sessions_of_provider(provider, day(2025, 3, 1), day(2025, 3, 31),
                                             std::nullopt);
    }));
  };
  EXPECT_EQ(of(provider_), std::vector<Id>{s});
  write([&](Repos& r) {
    Prescription p = *r.journeys.find_prescription(case_id);
    p.provider_id = other_provider_;
    r.journeys.update_prescription(p);
  });
  EXPECT_TRUE(of(provider_).empty());
  EXPECT_EQ(of(other_provider_), std::vector<Id>{s});
}

TEST_P(JourneyStore, SessionOfMissingCaseIsConflict) {
  Error e = failing_write(
      [&](Repos& r) { r.journeys.insert_session(session(999999, day(2025, 3, 5), 540, 0)); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "L’élément lié n’existe pas.");
}

// --- Suspensions (PPAIP-13) ---------------------------------------------------------------

TEST_P(JourneyStore, PPAIP_13_SuspensionsRoundTripByStart) {
  Id case_id = add_prescription(add_person("Martin", "Léa"));
  Suspension later;
  later.prescription_id = case_id;
  later.reason = "hospitalisation";
  later.comment = "Deux semaines.";
  later.from = at(1'745'000'000);
  later.id = in_tx([&](Repos& r) { return r.journeys.insert_suspension(later); });
  Suspension earlier;
  earlier.prescription_id = case_id;
  earlier.reason = "incarceration";
  earlier.from = at(1'742'000'000);
  earlier.until = at(1'743'000'000);
  earlier.id = in_tx([&](Repos& r) { return r.journeys.insert_suspension(earlier); });
  later.until = at(1'746'000'000);
  write([&](Repos& r) { r.journeys.update_suspension(later); });
  auto all = in_read([&](Repos& r) { return r.journeys.suspensions_of(case_id); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(ids(all), (std::vector<Id>{earlier.id, later.id}));
  EXPECT_EQ(all[0].reason, "incarceration");
  EXPECT_EQ(all[0].comment, "");
  EXPECT_EQ(all[0].from, earlier.from);
  EXPECT_EQ(all[0].until, earlier.until);
  EXPECT_EQ(all[1].comment, "Deux semaines.");
  EXPECT_EQ(all[1].until, later.until);
}

// --- Deadlines (DL-1, DL-2) ---------------------------------------------------------------

TEST_P(JourneyStore, DL_1_DeadlineRoundTripWithEveryField) {
  Id case_id = add_prescription(add_person("Martin", "Léa"));
  CaseDeadline d = deadline(case_id, provider_, 1'742'000'000);
  d.deadline.rule_id = "first_interview_if_released";
  d.deadline.owner_role = Role::cpip;
  d.deadline.conditional = true;
  d.deadline.paused_since = at(1'741'950'000);
  d.id = in_tx([&](Repos& r) { return r.journeys.insert_deadline(d); });
  auto all = in_read([&](Repos& r) { return r.journeys.deadlines_of(case_id); });
  ASSERT_EQ(all.size(), 1u);
  expect_same(all[0], d);

  d.deadline.paused_since.reset();
  d.deadline.waived_at = at(1'741'990'000);
  d.deadline.waiver_reason = "Fin du parcours";
  d.deadline.met_at = at(1'741'980'000);
  write([&](Repos& r) { r.journeys.update_deadline(d); });
  all = in_read([&](Repos& r) { return r.journeys.deadlines_of(case_id); });
  ASSERT_EQ(all.size(), 1u);
  expect_same(all[0], d);
}

TEST_P(JourneyStore, DL_2_OwedDeadlinesOfOwnersLeaveOutMetWaivedConditionalAndClosedByDue) {
  Id case_id = add_prescription(add_person("Martin", "Léa"));
  Id closed_case = add_prescription(add_person("Durand", "Paul"), 0, "closed");
  auto add = [&](Id owner, long long due, bool met, bool waived, Id on = 0,
                 bool conditional = false) {
    CaseDeadline d = deadline(on != 0 ? on : case_id, owner, due);
    d.deadline.conditional = conditional;
    if (met) d.deadline.met_at = at(due - 10);
    if (waived) {
      d.deadline.waived_at = at(due - 10);
      d.deadline.waiver_reason = "Parcours clos";
    }
    return in_tx([&](Repos& r) { return r.journeys.insert_deadline(d); });
  };
  Id late = add(provider_, 1'743'000'000, false, false);
  Id soon = add(spip_, 1'742'000'000, false, false);
  add(provider_, 1'741'000'000, true, false);
  add(provider_, 1'741'500'000, false, true);
  add(other_provider_, 1'740'000'000, false, false);
  Id meets_later = add(provider_, 1'744'000'000, false, false);
  // PPAIP-5: a conditional signal that never became due is not a task.
  add(provider_, 1'741'600'000, false, false, 0, true);
  // Missed on a case closed since: history for the reports, nobody's task.
  Id missed_closed = add(provider_, 1'741'700'000, false, false, closed_case);
  auto owed = [&](std::vector<Id> owners, int limit, std::vector<std::string> closed = {"closed"}) {
    return ids(in_read(
        [&](Repos& r) { return r.journeys.owed_deadlines_of_owners(owners, closed, limit); }));
  };
  EXPECT_EQ(owed({provider_, spip_}, 10), (std::vector<Id>{soon, late, meets_later}));
  EXPECT_EQ(owed({provider_, spip_}, 2), (std::vector<Id>{soon, late}));
  EXPECT_EQ(owed({provider_}, 10, {}), (std::vector<Id>{missed_closed, late, meets_later}));
  EXPECT_TRUE(owed({}, 10).empty());

  write([&](Repos& r) {
    CaseDeadline d = r.journeys.deadlines_of(case_id).back();
    ASSERT_EQ(d.id, meets_later);
    d.deadline.met_at = at(1'743'500'000);
    r.journeys.update_deadline(d);
  });
  EXPECT_EQ(owed({provider_}, 10), std::vector<Id>{late});
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.journeys.deadlines_of(case_id); })).size(), 7u);
}

// --- Case events (BEN-3) ------------------------------------------------------------------

TEST_P(JourneyStore, BEN_3_EventsNewestFirstWithLimit) {
  Id lea = add_person("Martin", "Léa");
  Id first_case = add_prescription(lea);
  Id second_case = add_prescription(lea, other_provider_);
  auto add = [&](Id case_id, long long when, const std::string& event) {
    CaseEvent e;
    e.prescription_id = case_id;
    e.person_id = lea;
    e.event = event;
    e.label = "Libellé " + event;
    e.detail = "Détail";
    e.actor_id = case_id == 0 ? 0 : cpip_;
    e.actor_label = "Claire Martin (CPIP)";
    e.at = at(when);
    return in_tx([&](Repos& r) { return r.journeys.insert_event(e); });
  };
  Id oldest = add(first_case, 1'741'000'000, "prescribe");
  Id same_time = add(second_case, 1'742'000'000, "prescribe");
  Id same_time_later_id = add(first_case, 1'742'000'000, "accept");
  Id newest = add(0, 1'743'000'000, "orientation_recorded");
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.journeys.events_of_person(lea, 10); })),
            (std::vector<Id>{newest, same_time_later_id, same_time, oldest}));
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.journeys.events_of_person(lea, 2); })),
            (std::vector<Id>{newest, same_time_later_id}));
  auto of_case = in_read([&](Repos& r) { return r.journeys.events_of(first_case); });
  EXPECT_EQ(ids(of_case), (std::vector<Id>{same_time_later_id, oldest}));
  ASSERT_EQ(of_case.size(), 2u);
  EXPECT_EQ(of_case[0].prescription_id, first_case);
  EXPECT_EQ(of_case[0].person_id, lea);
  EXPECT_EQ(of_case[0].event, "accept");
  EXPECT_EQ(of_case[0].label, "Libellé accept");
  EXPECT_EQ(of_case[0].detail, "Détail");
  EXPECT_EQ(of_case[0].actor_id, cpip_);
  EXPECT_EQ(of_case[0].actor_label, "Claire Martin (CPIP)");
  EXPECT_EQ(of_case[0].at, at(1'742'000'000));
  auto all = in_read([&](Repos& r) { return r.journeys.events_of_person(lea, 1); });
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].prescription_id, 0);
  EXPECT_EQ(all[0].actor_id, 0);
}

// --- Permanences (PPAIP-17) ---------------------------------------------------------------

TEST_P(JourneyStore, PPAIP_17_PermanencesOfProviderWithinDatesInclusive) {
  auto add = [&](Id provider, Date d, int start) {
    Permanence p;
    p.provider_id = provider;
    p.site_id = site_;
    p.date = d;
    p.start_minute = start;
    p.duration_minutes = 180;
    p.note = "Au parloir avocats";
    p.recorded_by = other_intervenant_;
    return in_tx([&](Repos& r) { return r.journeys.insert_permanence(p); });
  };
  Id last = add(provider_, day(2025, 3, 31), 540);
  Id first_afternoon = add(provider_, day(2025, 3, 1), 840);
  Id first_morning = add(provider_, day(2025, 3, 1), 540);
  add(provider_, day(2025, 4, 1), 540);
  add(provider_, day(2025, 2, 28), 540);
  add(other_provider_, day(2025, 3, 15), 540);
  auto march = in_read([&](Repos& r) {
    return r.journeys.permanences_of(provider_, day(2025, 3, 1), day(2025, 3, 31));
  });
  EXPECT_EQ(ids(march), (std::vector<Id>{first_morning, first_afternoon, last}));
  ASSERT_FALSE(march.empty());
  EXPECT_EQ(march[0].provider_id, provider_);
  EXPECT_EQ(march[0].site_id, site_);
  EXPECT_EQ(march[0].date, day(2025, 3, 1));
  EXPECT_EQ(march[0].start_minute, 540);
  EXPECT_EQ(march[0].duration_minutes, 180);
  EXPECT_EQ(march[0].note, "Au parloir avocats");
  EXPECT_EQ(march[0].recorded_by, other_intervenant_);
}

// --- Updates of missing rows --------------------------------------------------------------

TEST_P(JourneyStore, UpdateOfMissingCaseRecordsIsNotFound) {
  constexpr Id kMissing = 424242;
  Orientation o;
  o.id = kMissing;
  Prescription p = prescription(add_person("Martin", "Léa"), provider_, "sent", 1'741'000'000);
  p.id = kMissing;
  Proposal pr;
  pr.id = kMissing;
  Session s = session(kMissing, day(2025, 3, 5), 540, 0);
  s.id = kMissing;
  Suspension su;
  su.id = kMissing;
  CaseDeadline d = deadline(kMissing, provider_, 1'742'000'000);
  d.id = kMissing;
  std::vector<std::function<void(Repos&)>> updates = {
      [&](Repos& r) { r.journeys.update_orientation(o); },
      [&](Repos& r) { r.journeys.update_prescription(p); },
      [&](Repos& r) { r.journeys.update_proposal(pr); },
      [&](Repos& r) { r.journeys.update_session(s); },
      [&](Repos& r) { r.journeys.update_suspension(su); },
      [&](Repos& r) { r.journeys.update_deadline(d); },
  };
  for (std::size_t i = 0; i < updates.size(); ++i) {
    Error e = failing_write(updates[i]);
    EXPECT_EQ(e.code, ErrorCode::not_found) << "update " << i << ": " << e.message;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, JourneyStore, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours
