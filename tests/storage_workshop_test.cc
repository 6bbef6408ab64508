// The storage contract of collective workshops (SPEC WS-1..5): the same tests, unchanged, on
// SQLite and on a real PostgreSQL (DESIGN §1, §5). Every record round-trips every field, lists
// come back in the order documented in storage/repositories.h, recording attendance again
// replaces it, and a duplicate session number is a conflict on both backends.
#include "workshop_store_support.h"

namespace parcours {
namespace {

using namespace testing_support;

void expect_same(const Workshop& a, const Workshop& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.programme_id, b.programme_id);
  EXPECT_EQ(a.provider_id, b.provider_id);
  EXPECT_EQ(a.lot_id, b.lot_id);
  EXPECT_EQ(a.spip_id, b.spip_id);
  EXPECT_EQ(a.site_id, b.site_id);
  EXPECT_EQ(a.theme, b.theme);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.intervenant_id, b.intervenant_id);
  EXPECT_EQ(a.external_professionals, b.external_professionals);
  EXPECT_EQ(a.place_id, b.place_id);
  EXPECT_EQ(a.place_label, b.place_label);
  EXPECT_EQ(a.list_status, b.list_status);
  EXPECT_EQ(a.list_comment, b.list_comment);
  EXPECT_EQ(a.list_decided_by, b.list_decided_by);
  EXPECT_EQ(a.list_decided_at, b.list_decided_at);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.created_by, b.created_by);
  EXPECT_EQ(a.created_at, b.created_at);
}

void expect_same(const WorkshopSession& a, const WorkshopSession& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.workshop_id, b.workshop_id);
  EXPECT_EQ(a.number, b.number);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.start_minute, b.start_minute);
  EXPECT_EQ(a.duration_minutes, b.duration_minutes);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.recorded_by, b.recorded_by);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
}

void expect_same(const WorkshopParticipant& a, const WorkshopParticipant& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.workshop_id, b.workshop_id);
  EXPECT_EQ(a.prescription_id, b.prescription_id);
  EXPECT_EQ(a.person_id, b.person_id);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.added_by, b.added_by);
  EXPECT_EQ(a.added_at, b.added_at);
}

// The id is the store's: saving again keeps the row of the pair.
void expect_same_record(const WorkshopAttendance& a, const WorkshopAttendance& b) {
  EXPECT_EQ(a.workshop_session_id, b.workshop_session_id);
  EXPECT_EQ(a.participant_id, b.participant_id);
  EXPECT_EQ(a.present, b.present);
  EXPECT_EQ(a.absence_reason, b.absence_reason);
  EXPECT_EQ(a.absence_justified, b.absence_justified);
  EXPECT_EQ(a.recorded_by, b.recorded_by);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
}

class WorkshopStore : public WorkshopStoreBase {};

// --- Workshops (WS-1, WS-3) -----------------------------------------------------------------

TEST_P(WorkshopStore, WS_1_WorkshopRoundTripWithEveryField) {
  Workshop w = workshop("a_la_carte");
  w.programme_id = "plie";
  w.lot_id = lot_;
  w.site_id = site_;
  w.title = "Préparer l’entretien « flash »";
  w.description = "Première ligne.\nSeconde ligne ; avec des accents : é, œ.";
  w.intervenant_id = intervenant_;
  w.external_professionals = "Mme Roux, conseillère France Travail";
  w.place_id = place_;
  w.place_label = "Salle polyvalente";
  w.list_status = "validated";
  w.list_comment = "Liste conforme.";
  w.list_decided_by = cpip_;
  w.list_decided_at = at(1'741'500'000);
  w.status = "ended";
  w.created_by = intervenant_;
  w.id = add_workshop(w);
  ASSERT_GT(w.id, 0);
  auto found = in_read([&](Repos& r) { return r.workshops.find_workshop(w.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, w);
  EXPECT_FALSE(in_read([&](Repos& r) { return r.workshops.find_workshop(w.id + 1000); }));
}

TEST_P(WorkshopStore, WS_3_WorkshopUpdateChangesEveryFieldAndClearsOptionalOnes) {
  Workshop w = workshop();
  w.lot_id = lot_;
  w.site_id = site_;
  w.intervenant_id = intervenant_;
  w.place_id = place_;
  w.list_decided_by = cpip_;
  w.list_decided_at = at(1'741'500'000);
  w.created_by = intervenant_;
  w.id = add_workshop(w);
  auto empty = in_read([&](Repos& r) { return r.workshops.find_workshop(w.id); });
  ASSERT_TRUE(empty.has_value());
  expect_same(*empty, w);
  w.programme_id = "iae";
  w.provider_id = other_provider_;
  w.spip_id = other_spip_;
  w.lot_id = 0;
  w.site_id = 0;
  w.theme = "numerique";
  w.title = "Titre";
  w.description = "Description";
  w.intervenant_id = other_intervenant_;
  w.external_professionals = "M. Noël";
  w.place_id = 0;
  w.place_label = "Local du prestataire";
  w.list_status = "submitted";
  w.list_comment = "Refusée : liste incomplète.";
  w.list_decided_by = 0;
  w.list_decided_at.reset();
  w.status = "cancelled";
  w.created_by = 0;
  w.created_at = at(1'742'000'000);
  write([&](Repos& r) { r.workshops.update_workshop(w); });
  auto found = in_read([&](Repos& r) { return r.workshops.find_workshop(w.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, w);
}

TEST_P(WorkshopStore, WorkshopsByFirstSessionDateNewestFirstThoseWithoutSessionsFirst) {
  Id march = add_workshop(workshop());
  add_workshop_session(march, 1, day(2025, 3, 10));
  add_workshop_session(march, 2, day(2025, 5, 20));  // a later session does not count
  Id april = add_workshop(workshop());
  add_workshop_session(april, 1, day(2025, 4, 2));
  Id april_too = add_workshop(workshop());
  add_workshop_session(april_too, 2, day(2025, 4, 2));
  add_workshop_session(april_too, 1, day(2025, 4, 9));  // numbers need not follow dates
  Id building = add_workshop(workshop());
  Id building_newer = add_workshop(workshop());
  WorkshopQuery q;
  q.provider_id = provider_;
  auto found = in_read([&](Repos& r) { return r.workshops.workshops(q); });
  EXPECT_EQ(ids(found), (std::vector<Id>{building_newer, building, april_too, april, march}));
  q.limit = 3;
  found = in_read([&](Repos& r) { return r.workshops.workshops(q); });
  EXPECT_EQ(ids(found), (std::vector<Id>{building_newer, building, april_too}));
}

TEST_P(WorkshopStore, WorkshopsFilteredByProviderSpipIntervenantListStatusAndFrom) {
  Workshop base = workshop();
  base.intervenant_id = intervenant_;
  Id mine = add_workshop(base);
  add_workshop_session(mine, 1, day(2025, 3, 10));
  Workshop w = base;
  w.list_status = "submitted";
  Id submitted = add_workshop(w);
  add_workshop_session(submitted, 1, day(2025, 3, 3));
  add_workshop_session(submitted, 2, day(2025, 3, 31));
  w = base;
  w.intervenant_id = other_intervenant_;
  Id colleague = add_workshop(w);
  add_workshop_session(colleague, 1, day(2025, 3, 5));
  w = workshop("cv", other_provider_, other_spip_);
  w.list_status = "submitted";
  Id elsewhere = add_workshop(w);
  add_workshop_session(elsewhere, 1, day(2025, 3, 1));
  auto list = [&](const WorkshopQuery& q) {
    return ids(in_read([&](Repos& r) { return r.workshops.workshops(q); }));
  };
  WorkshopQuery q;
  EXPECT_EQ(list(q), (std::vector<Id>{mine, colleague, submitted, elsewhere}));
  q.provider_id = provider_;
  EXPECT_EQ(list(q), (std::vector<Id>{mine, colleague, submitted}));
  q.intervenant_id = intervenant_;
  EXPECT_EQ(list(q), (std::vector<Id>{mine, submitted}));
  q = WorkshopQuery{};
  q.spip_id = spip_;
  q.list_status = "submitted";
  EXPECT_EQ(list(q), (std::vector<Id>{submitted}));
  q = WorkshopQuery{};
  q.list_status = "submitted";
  EXPECT_EQ(list(q), (std::vector<Id>{submitted, elsewhere}));
  q = WorkshopQuery{};
  q.from = day(2025, 3, 10);  // a session on or after: the 31 March one keeps `submitted`
  EXPECT_EQ(list(q), (std::vector<Id>{mine, submitted}));
  q.limit = 0;
  EXPECT_TRUE(list(q).empty());
}

// --- Sessions (WS-2, WS-5) ------------------------------------------------------------------

TEST_P(WorkshopStore, WS_5_SessionRoundTripUpdateAndSessionsByNumber) {
  Id w = add_workshop(workshop());
  WorkshopSession s = workshop_session(w, 2, day(2025, 3, 12), 840);
  s.duration_minutes = 150;
  s.status = "held";
  s.recorded_by = intervenant_;
  s.recorded_at = at(1'741'800'000);
  s.id = in_tx([&](Repos& r) { return r.workshops.insert_session(s); });
  Id first = add_workshop_session(w, 1, day(2025, 3, 19));
  Id third = add_workshop_session(w, 3, day(2025, 3, 5));
  add_workshop_session(add_workshop(workshop()), 1, day(2025, 3, 5));
  auto found = in_read([&](Repos& r) { return r.workshops.find_session(s.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, s);
  auto sessions = in_read([&](Repos& r) { return r.workshops.sessions_of(w); });
  EXPECT_EQ(ids(sessions), (std::vector<Id>{first, s.id, third}));
  s.number = 4;
  s.date = day(2025, 4, 1);
  s.start_minute = 600;
  s.duration_minutes = 60;
  s.status = "cancelled";
  s.recorded_by = 0;
  s.recorded_at.reset();
  write([&](Repos& r) { r.workshops.update_session(s); });
  found = in_read([&](Repos& r) { return r.workshops.find_session(s.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, s);
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.workshops.sessions_of(w); })),
            (std::vector<Id>{first, third, s.id}));
}

TEST_P(WorkshopStore, WS_5_SameSessionNumberTwiceInAWorkshopIsConflict) {
  Id w = add_workshop(workshop());
  add_workshop_session(w, 1, day(2025, 3, 5));
  add_workshop_session(add_workshop(workshop()), 2, day(2025, 3, 5));  // other workshop: fine
  Id second = add_workshop_session(w, 2, day(2025, 3, 12));
  Error e = failing_write(
      [&](Repos& r) { r.workshops.insert_session(workshop_session(w, 1, day(2025, 3, 19))); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "Cet atelier a déjà une séance portant ce numéro.");
  WorkshopSession renumbered = workshop_session(w, 1, day(2025, 3, 12));
  renumbered.id = second;
  e = failing_write([&](Repos& r) { r.workshops.update_session(renumbered); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(in_read([&](Repos& r) { return r.workshops.sessions_of(w); }).size(), 2u);
}

// --- Participants (WS-3) --------------------------------------------------------------------

TEST_P(WorkshopStore, WS_3_ParticipantsRoundTripByIdAndParticipationsOfACase) {
  Id w = add_workshop(workshop());
  Id other_w = add_workshop(workshop());
  WorkshopParticipant p;
  p.workshop_id = w;
  p.prescription_id = case_;
  p.person_id = person_;
  p.added_by = intervenant_;
  p.added_at = at(1'741'200'000);
  p.id = in_tx([&](Repos& r) { return r.workshops.insert_participant(p); });
  Id karim = add_participant(w, other_case_, other_person_);
  Id again = add_participant(other_w, case_, person_);
  auto of_workshop = in_read([&](Repos& r) { return r.workshops.participants_of(w); });
  EXPECT_EQ(ids(of_workshop), (std::vector<Id>{p.id, karim}));
  ASSERT_FALSE(of_workshop.empty());
  expect_same(of_workshop[0], p);
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.workshops.participations_of(case_); })),
            (std::vector<Id>{p.id, again}));
  p.status = "withdrawn";
  p.added_by = 0;
  write([&](Repos& r) { r.workshops.update_participant(p); });
  of_workshop = in_read([&](Repos& r) { return r.workshops.participants_of(w); });
  ASSERT_FALSE(of_workshop.empty());
  expect_same(of_workshop[0], p);
}

// --- Attendance (WS-5, ATT-2) ---------------------------------------------------------------

TEST_P(WorkshopStore, WS_5_SavingAttendanceAgainReplacesTheRecordOfThePair) {
  Id w = add_workshop(workshop());
  Id later = add_workshop_session(w, 1, day(2025, 3, 12), 540);
  Id earlier = add_workshop_session(w, 2, day(2025, 3, 5), 840);
  Id lea = add_participant(w, case_, person_);
  Id karim = add_participant(w, other_case_, other_person_);
  WorkshopAttendance a;
  a.workshop_session_id = later;
  a.participant_id = lea;
  a.present = false;
  a.absence_reason = "medical";
  a.absence_justified = true;
  a.recorded_by = intervenant_;
  a.recorded_at = at(1'741'800'000);
  write([&](Repos& r) { r.workshops.save_attendance(a); });
  WorkshopAttendance k = a;
  k.participant_id = karim;
  k.present = true;
  k.absence_reason = "";
  k.absence_justified = false;
  k.recorded_by = 0;
  write([&](Repos& r) { r.workshops.save_attendance(k); });
  auto first = in_read([&](Repos& r) { return r.workshops.attendance_of_session(later); });
  ASSERT_EQ(first.size(), 2u);
  expect_same_record(first[0], a);
  expect_same_record(first[1], k);
  a.present = true;  // corrected: she was there after all
  a.absence_reason = "";
  a.absence_justified = false;
  a.recorded_by = other_intervenant_;
  a.recorded_at = at(1'741'900'000);
  write([&](Repos& r) { r.workshops.save_attendance(a); });
  auto again = in_read([&](Repos& r) { return r.workshops.attendance_of_session(later); });
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].id, first[0].id);
  expect_same_record(again[0], a);
  expect_same_record(again[1], k);
  EXPECT_EQ(count_rows("workshop_attendance"), 2);
  WorkshopAttendance e = a;
  e.workshop_session_id = earlier;
  write([&](Repos& r) { r.workshops.save_attendance(e); });
  auto of_lea = in_read([&](Repos& r) { return r.workshops.attendance_of_participant(lea); });
  ASSERT_EQ(of_lea.size(), 2u);
  EXPECT_EQ(of_lea[0].workshop_session_id, earlier);  // by session date
  EXPECT_EQ(of_lea[1].workshop_session_id, later);
}

// --- Agreed themes (WS-1) -------------------------------------------------------------------

TEST_P(WorkshopStore, WS_1_AgreedThemesAreReplacedAsASet) {
  using Themes = std::vector<std::string>;
  auto themes = [&](Id spip, const std::string& programme) {
    return in_read([&](Repos& r) { return r.workshops.agreed_themes(spip, programme); });
  };
  EXPECT_TRUE(themes(spip_, "ppaip").empty());
  write([&](Repos& r) {
    r.workshops.set_agreed_themes(spip_, "ppaip", {"numerique", "cv", "cv", "code_route"}, cpip_,
                                  at(1'741'000'000));
    r.workshops.set_agreed_themes(spip_, "plie", {"mobilite"}, cpip_, at(1'741'000'000));
    r.workshops.set_agreed_themes(other_spip_, "ppaip", {"cv"}, 0, at(1'741'000'000));
  });
  EXPECT_EQ(themes(spip_, "ppaip"), (Themes{"code_route", "cv", "numerique"}));
  write([&](Repos& r) {
    r.workshops.set_agreed_themes(spip_, "ppaip", {"sante", "cv"}, cpip_, at(1'742'000'000));
  });
  EXPECT_EQ(themes(spip_, "ppaip"), (Themes{"cv", "sante"}));
  EXPECT_EQ(themes(spip_, "plie"), (Themes{"mobilite"}));
  EXPECT_EQ(themes(other_spip_, "ppaip"), (Themes{"cv"}));
  write([&](Repos& r) { r.workshops.set_agreed_themes(spip_, "ppaip", {}, cpip_, at(1)); });
  EXPECT_TRUE(themes(spip_, "ppaip").empty());
  EXPECT_EQ(themes(spip_, "plie"), (Themes{"mobilite"}));
}

// --- Updates of missing rows --------------------------------------------------------------

TEST_P(WorkshopStore, UpdateOfMissingWorkshopRecordsIsNotFound) {
  constexpr Id kMissing = 424242;
  Workshop w = workshop();
  w.id = kMissing;
  WorkshopSession s = workshop_session(add_workshop(workshop()), 1, day(2025, 3, 5));
  s.id = kMissing;
  WorkshopParticipant p;
  p.id = kMissing;
  std::vector<std::function<void(Repos&)>> updates = {
      [&](Repos& r) { r.workshops.update_workshop(w); },
      [&](Repos& r) { r.workshops.update_session(s); },
      [&](Repos& r) { r.workshops.update_participant(p); },
  };
  for (std::size_t i = 0; i < updates.size(); ++i) {
    Error e = failing_write(updates[i]);
    EXPECT_EQ(e.code, ErrorCode::not_found) << "update " << i << ": " << e.message;
  }
}

TEST_P(WorkshopStore, WorkshopOfMissingProviderIsConflict) {
  Error e = failing_write([&](Repos& r) { r.workshops.insert_workshop(workshop("cv", 999999)); });
  EXPECT_EQ(e.code, ErrorCode::conflict);
  EXPECT_EQ(e.message, "L’élément lié n’existe pas.");
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkshopStore, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours
