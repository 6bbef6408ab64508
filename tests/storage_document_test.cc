// The storage contract of the professional file (SPEC BEN-4), signed attendance sheets (ATT-2),
// consents and shares (SEC-3) and bilans (PPAIP-16): the same tests, unchanged, on SQLite and
// on a real PostgreSQL (DESIGN §1, §5). Any bytes come back as stored, the same bytes are
// stored once, and the unscanned sessions list keeps exactly what ATT-2 says.
#include "workshop_store_support.h"

namespace parcours {
namespace {

using namespace testing_support;

void expect_same(const StoredDocument& a, const StoredDocument& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.person_id, b.person_id);
  EXPECT_EQ(a.prescription_id, b.prescription_id);
  EXPECT_EQ(a.workshop_id, b.workshop_id);
  EXPECT_EQ(a.session_id, b.session_id);
  EXPECT_EQ(a.workshop_session_id, b.workshop_session_id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.copy, b.copy);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.filename, b.filename);
  EXPECT_EQ(a.media_type, b.media_type);
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.checksum, b.checksum);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.author_id, b.author_id);
  EXPECT_EQ(a.created_at, b.created_at);
}

void expect_same(const Consent& a, const Consent& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.person_id, b.person_id);
  EXPECT_EQ(a.recipient_org_id, b.recipient_org_id);
  EXPECT_EQ(a.scope, b.scope);
  EXPECT_EQ(a.given_on, b.given_on);
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.recorded_by, b.recorded_by);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
  EXPECT_EQ(a.revoked_at, b.revoked_at);
  EXPECT_EQ(a.revoked_by, b.revoked_by);
  EXPECT_EQ(a.revoke_reason, b.revoke_reason);
}

void expect_same(const Bilan& a, const Bilan& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.prescription_id, b.prescription_id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.programme_done, b.programme_done);
  EXPECT_EQ(a.professional_project, b.professional_project);
  EXPECT_EQ(a.action_plan, b.action_plan);
  EXPECT_EQ(a.recommendations, b.recommendations);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.author_id, b.author_id);
  EXPECT_EQ(a.updated_at, b.updated_at);
  EXPECT_EQ(a.delivered_to_person_on, b.delivered_to_person_on);
  EXPECT_EQ(a.delivery_mode, b.delivery_mode);
  EXPECT_EQ(a.delivered_at, b.delivered_at);
  EXPECT_EQ(a.cpip_document_id, b.cpip_document_id);
  EXPECT_EQ(a.person_document_id, b.person_document_id);
}

// Every byte value, twice, starting with NUL and ending with 0xFF.
std::string every_byte() {
  std::string bytes;
  for (int round = 0; round < 2; ++round) {
    for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  }
  return bytes;
}

class WorkshopDocumentStore : public WorkshopStoreBase {
 protected:
  // A PDF of person_'s case; the checksum stands for the bytes' SHA-256.
  StoredDocument document(const std::string& kind, const std::string& checksum,
                          long long created_at = 1'741'000'000) const {
    StoredDocument d;
    d.person_id = person_;
    d.prescription_id = case_;
    d.kind = kind;
    d.title = "Document";
    d.filename = "martin-lea.pdf";
    d.media_type = "application/pdf";
    d.size = 4;
    d.checksum = checksum;
    d.created_at = at(created_at);
    return d;
  }

  Id add_document(const StoredDocument& d, const std::string& bytes = "%PDF") {
    return in_tx([&](Repos& r) { return r.documents.insert_document(d, bytes); });
  }

  Id add_session(Id prescription_id, Date d, int start, const std::string& status) {
    Session s;
    s.prescription_id = prescription_id;
    s.date = d;
    s.start_minute = start;
    s.intervenant_id = intervenant_;
    s.status = status;
    return in_tx([&](Repos& r) { return r.journeys.insert_session(s); });
  }

  Id add_consent(Id recipient, long long recorded_at) {
    Consent c;
    c.person_id = person_;
    c.recipient_org_id = recipient;
    c.given_on = day(2025, 3, 3);
    c.recorded_at = at(recorded_at);
    return in_tx([&](Repos& r) { return r.documents.insert_consent(c); });
  }

  Id add_share(Id document_id, Id recipient, Id consent_id, long long shared_at) {
    DocumentShare s;
    s.document_id = document_id;
    s.recipient_org_id = recipient;
    s.consent_id = consent_id;
    s.shared_by = cpip_;
    s.shared_at = at(shared_at);
    return in_tx([&](Repos& r) { return r.documents.insert_share(s); });
  }
};

// --- Documents (BEN-4) ----------------------------------------------------------------------

TEST_P(WorkshopDocumentStore, BEN_4_DocumentRoundTripWithEveryField) {
  Id w = add_workshop(workshop());
  Id ws = add_workshop_session(w, 1, day(2025, 3, 5));
  StoredDocument d = document("scan", "c0ffee");
  d.workshop_id = w;
  d.session_id = add_session(case_, day(2025, 3, 4), 540, "present");
  d.workshop_session_id = ws;
  d.copy = "person";
  d.title = "Feuille d’émargement signée du 4 mars";
  d.filename = "emargement-2025-03-04.png";
  d.media_type = "image/png";
  d.size = 123'456'789'012;
  d.version = 3;
  d.author_id = intervenant_;
  d.id = add_document(d);
  ASSERT_GT(d.id, 0);
  auto found = in_read([&](Repos& r) { return r.documents.find_document(d.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, d);
  StoredDocument bare = document("upload", "beef");
  bare.person_id = 0;
  bare.prescription_id = 0;
  bare.id = add_document(bare);
  found = in_read([&](Repos& r) { return r.documents.find_document(bare.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, bare);
  EXPECT_FALSE(in_read([&](Repos& r) { return r.documents.find_document(d.id + 1000); }));
}

TEST_P(WorkshopDocumentStore, BEN_4_EveryByteValueComesBackFromContent) {
  const std::string bytes = every_byte();
  StoredDocument d = document("upload", "all-bytes");
  d.size = static_cast<long long>(bytes.size());
  add_document(d, bytes);
  add_document(document("upload", "empty"), "");
  auto back = in_read([&](Repos& r) { return r.documents.content("all-bytes"); });
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->size(), 512u);
  EXPECT_EQ(*back, bytes);
  EXPECT_EQ(in_read([&](Repos& r) { return r.documents.content("empty"); }),
            std::optional<std::string>(""));
  EXPECT_FALSE(in_read([&](Repos& r) { return r.documents.content("unknown"); }).has_value());
}

TEST_P(WorkshopDocumentStore, BEN_4_SameBytesAreStoredOnce) {
  Id first = add_document(document("bilan_final", "same"), "%PDF-1.7 same");
  StoredDocument copy = document("bilan_final", "same");
  copy.copy = "person";
  Id second = add_document(copy, "%PDF-1.7 same");
  EXPECT_NE(first, second);
  EXPECT_EQ(count_rows("documents"), 2);
  EXPECT_EQ(count_rows("document_contents"), 1);
  add_document(document("bilan_final", "other"), "%PDF-1.7 other");
  EXPECT_EQ(count_rows("document_contents"), 2);
  EXPECT_EQ(in_read([&](Repos& r) { return r.documents.content("same"); }),
            std::optional<std::string>("%PDF-1.7 same"));
}

TEST_P(WorkshopDocumentStore, BEN_4_LatestVersionIsTheHighestOfItsSeries) {
  StoredDocument cpip = document("bilan_final", "a");
  cpip.copy = "cpip";
  cpip.version = 2;
  Id cpip_v2 = add_document(cpip);
  cpip.version = 1;
  add_document(cpip);
  StoredDocument person_copy = cpip;
  person_copy.copy = "person";
  person_copy.version = 5;
  Id person_v5 = add_document(person_copy);
  StoredDocument without_case = cpip;
  without_case.prescription_id = 0;
  without_case.version = 9;
  Id without_case_v9 = add_document(without_case);
  Id w = add_workshop(workshop());
  StoredDocument sheet = document("attendance_collective", "b");
  sheet.person_id = 0;
  sheet.prescription_id = 0;
  sheet.workshop_id = w;
  Id sheet_v1 = add_document(sheet);
  auto latest = [&](const StoredDocument& like) {
    auto d = in_read([&](Repos& r) { return r.documents.latest_version(like); });
    return d ? d->id : Id{0};
  };
  EXPECT_EQ(latest(cpip), cpip_v2);
  EXPECT_EQ(latest(person_copy), person_v5);
  EXPECT_EQ(latest(without_case), without_case_v9);
  EXPECT_EQ(latest(sheet), sheet_v1);
  sheet.version = 2;
  Id sheet_v2 = add_document(sheet);
  EXPECT_EQ(latest(sheet), sheet_v2);
  StoredDocument other_kind = cpip;
  other_kind.kind = "bilan_interim";
  EXPECT_EQ(latest(other_kind), 0);
  StoredDocument other_workshop = sheet;
  other_workshop.workshop_id = add_workshop(workshop());
  EXPECT_EQ(latest(other_workshop), 0);
}

TEST_P(WorkshopDocumentStore, BEN_4_DocumentsOfPersonAndWorkshopAndScansNewestFirst) {
  Id w = add_workshop(workshop());
  Id ws = add_workshop_session(w, 1, day(2025, 3, 5), 540, "held");
  Id s = add_session(case_, day(2025, 3, 4), 540, "present");
  Id old = add_document(document("convocation", "a", 1'741'000'000));
  StoredDocument scan = document("scan", "b", 1'742'000'000);
  scan.session_id = s;
  Id newest = add_document(scan);
  Id same_time = add_document(document("calendar", "c", 1'741'500'000));
  Id same_time_later_id = add_document(document("calendar", "d", 1'741'500'000));
  StoredDocument sheet = document("attendance_collective", "e", 1'741'600'000);
  sheet.person_id = 0;
  sheet.prescription_id = 0;
  sheet.workshop_id = w;
  Id sheet_id = add_document(sheet);
  sheet.kind = "scan";
  sheet.workshop_session_id = ws;
  sheet.created_at = at(1'741'700'000);
  Id sheet_scan = add_document(sheet);
  StoredDocument other = document("upload", "f");
  other.person_id = other_person_;
  other.prescription_id = other_case_;
  add_document(other);
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.documents.documents_of_person(person_); })),
            (std::vector<Id>{newest, same_time_later_id, same_time, old}));
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.documents.documents_of_workshop(w); })),
            (std::vector<Id>{sheet_scan, sheet_id}));
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.documents.scans_of_session(s); })),
            (std::vector<Id>{newest}));
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.documents.scans_of_workshop_session(ws); })),
            (std::vector<Id>{sheet_scan}));
}

// --- Sheets to scan (ATT-2) -----------------------------------------------------------------

TEST_P(WorkshopDocumentStore, ATT_2_UnscannedSessionsOfTheProviderMergedByDate) {
  Id present = add_session(case_, day(2025, 3, 10), 540, "present");
  Id absent = add_session(case_, day(2025, 3, 12), 840, "absent");
  Id scanned = add_session(case_, day(2025, 3, 11), 540, "present");
  Id sheet_only = add_session(case_, day(2025, 3, 13), 540, "present");
  add_session(case_, day(2025, 3, 14), 540, "planned");
  add_session(case_, day(2025, 3, 14), 600, "cancelled");
  add_session(case_, day(2025, 4, 1), 540, "present");
  add_session(other_case_, day(2025, 3, 10), 540, "present");
  Workshop mine = workshop();
  mine.intervenant_id = other_intervenant_;
  Id w = add_workshop(mine);
  Id held = add_workshop_session(w, 1, day(2025, 3, 10), 840, "held");
  Id held_scanned = add_workshop_session(w, 2, day(2025, 3, 11), 840, "held");
  add_workshop_session(w, 3, day(2025, 3, 12), 540, "planned");
  Id tie = add_workshop_session(w, 4, day(2025, 3, 12), 840, "held");
  Id theirs = add_workshop(workshop("cv", other_provider_));
  add_workshop_session(theirs, 1, day(2025, 3, 10), 540, "held");
  StoredDocument scan = document("scan", "s1");
  scan.session_id = scanned;
  add_document(scan);
  StoredDocument generated = document("attendance_individual", "s2");
  generated.session_id = sheet_only;  // a blank sheet is not a signed scan
  add_document(generated);
  StoredDocument workshop_scan = document("scan", "s3");
  workshop_scan.person_id = 0;
  workshop_scan.prescription_id = 0;
  workshop_scan.workshop_session_id = held_scanned;
  add_document(workshop_scan);

  auto list = in_read([&](Repos& r) {
    return r.documents.unscanned_sessions(provider_, day(2025, 3, 1), day(2025, 3, 31), 50);
  });
  std::vector<std::pair<std::string, Id>> got;
  for (const UnscannedSession& u : list) got.emplace_back(u.kind, u.session_id);
  using Row = std::pair<std::string, Id>;
  EXPECT_EQ(got, (std::vector<Row>{{"individual", present},
                                   {"workshop", held},
                                   {"individual", absent},
                                   {"workshop", tie},
                                   {"individual", sheet_only}}));
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0].prescription_id, case_);
  EXPECT_EQ(list[0].workshop_id, 0);
  EXPECT_EQ(list[0].date, day(2025, 3, 10));
  EXPECT_EQ(list[0].start_minute, 540);
  EXPECT_EQ(list[0].duration_minutes, 60);
  EXPECT_EQ(list[0].intervenant_id, intervenant_);
  EXPECT_EQ(list[1].prescription_id, 0);
  EXPECT_EQ(list[1].workshop_id, w);
  EXPECT_EQ(list[1].date, day(2025, 3, 10));
  EXPECT_EQ(list[1].start_minute, 840);
  EXPECT_EQ(list[1].duration_minutes, 120);
  EXPECT_EQ(list[1].intervenant_id, other_intervenant_);

  auto first_three = in_read([&](Repos& r) {
    return r.documents.unscanned_sessions(provider_, day(2025, 3, 1), day(2025, 3, 31), 3);
  });
  ASSERT_EQ(first_three.size(), 3u);
  EXPECT_EQ(first_three[2].session_id, absent);
  auto one_day = in_read([&](Repos& r) {
    return r.documents.unscanned_sessions(provider_, day(2025, 3, 12), day(2025, 3, 12), 50);
  });
  ASSERT_EQ(one_day.size(), 2u);
  EXPECT_EQ(one_day[0].session_id, absent);
  EXPECT_EQ(one_day[1].session_id, tie);
  auto theirs_list = in_read([&](Repos& r) {
    return r.documents.unscanned_sessions(other_provider_, day(2025, 3, 1), day(2025, 3, 31), 50);
  });
  EXPECT_EQ(theirs_list.size(), 2u);  // their individual session and their workshop session
}

// --- Consents and shares (SEC-3) ------------------------------------------------------------

TEST_P(WorkshopDocumentStore, SEC_3_ConsentRoundTripRevocationAndNewestFirst) {
  Consent c;
  c.person_id = person_;
  c.recipient_org_id = partner_;
  c.scope = "all";
  c.given_on = day(2025, 3, 3);
  c.note = "Accord écrit signé le 3 mars 2025";
  c.recorded_by = cpip_;
  c.recorded_at = at(1'741'000'000);
  c.id = in_tx([&](Repos& r) { return r.documents.insert_consent(c); });
  auto found = in_read([&](Repos& r) { return r.documents.find_consent(c.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, c);
  EXPECT_FALSE(found->revoked_at.has_value());
  c.revoked_at = at(1'742'000'000);
  c.revoked_by = cpip_;
  c.revoke_reason = "Retrait demandé par la personne";
  write([&](Repos& r) { r.documents.update_consent(c); });
  found = in_read([&](Repos& r) { return r.documents.find_consent(c.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, c);
  Id newer = add_consent(other_partner_, 1'741'500'000);
  Id same_time_later_id = add_consent(partner_, 1'741'500'000);
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.documents.consents_of_person(person_); })),
            (std::vector<Id>{same_time_later_id, newer, c.id}));
  EXPECT_TRUE(
      in_read([&](Repos& r) { return r.documents.consents_of_person(other_person_); }).empty());
}

TEST_P(WorkshopDocumentStore, SEC_3_SharesOfADocumentAndSharesToOrganisationsNewestFirst) {
  Id bilan = add_document(document("bilan_final", "a"));
  Id other_doc = add_document(document("bilan_interim", "b"));
  Id consent = add_consent(partner_, 1'741'000'000);
  Id other_consent = add_consent(other_partner_, 1'741'000'000);
  Id first = add_share(bilan, partner_, consent, 1'741'100'000);
  Id to_other = add_share(bilan, other_partner_, other_consent, 1'741'300'000);
  Id latest = add_share(other_doc, partner_, consent, 1'741'200'000);
  auto of_bilan = in_read([&](Repos& r) { return r.documents.shares_of_document(bilan); });
  EXPECT_EQ(ids(of_bilan), (std::vector<Id>{first, to_other}));
  ASSERT_FALSE(of_bilan.empty());
  EXPECT_EQ(of_bilan[0].document_id, bilan);
  EXPECT_EQ(of_bilan[0].recipient_org_id, partner_);
  EXPECT_EQ(of_bilan[0].consent_id, consent);
  EXPECT_EQ(of_bilan[0].shared_by, cpip_);
  EXPECT_EQ(of_bilan[0].shared_at, at(1'741'100'000));
  auto to = [&](const std::vector<Id>& orgs, int limit) {
    return ids(in_read([&](Repos& r) { return r.documents.shares_to(orgs, limit); }));
  };
  EXPECT_EQ(to({partner_}, 10), (std::vector<Id>{latest, first}));
  EXPECT_EQ(to({partner_, other_partner_}, 10), (std::vector<Id>{to_other, latest, first}));
  EXPECT_EQ(to({partner_, other_partner_}, 2), (std::vector<Id>{to_other, latest}));
  EXPECT_TRUE(to({}, 10).empty());
  EXPECT_TRUE(to({provider_}, 10).empty());
}

// --- Bilans (PPAIP-16) ----------------------------------------------------------------------

TEST_P(WorkshopDocumentStore, PPAIP_16_BilanRoundTripThenDelivered) {
  Bilan b;
  b.prescription_id = case_;
  b.kind = "interim";
  b.programme_done = "Six entretiens ; atelier CV.";
  b.professional_project = "Cariste";
  b.action_plan = "CACES 1, 3 et 5";
  b.recommendations = "Suivi Mission locale";
  b.author_id = intervenant_;
  b.updated_at = at(1'741'000'000);
  b.id = in_tx([&](Repos& r) { return r.documents.insert_bilan(b); });
  auto found = in_read([&](Repos& r) { return r.documents.find_bilan(b.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, b);
  EXPECT_FALSE(found->delivered_at.has_value());
  b.status = "delivered";
  b.delivered_to_person_on = day(2025, 3, 20);
  b.delivery_mode = "hand";
  b.delivered_at = at(1'742'400'000);
  b.updated_at = at(1'742'400'000);
  StoredDocument copy = document("bilan_interim", "cpip-copy");
  copy.copy = "cpip";
  b.cpip_document_id = add_document(copy);
  copy.copy = "person";
  copy.checksum = "person-copy";
  b.person_document_id = add_document(copy);
  write([&](Repos& r) { r.documents.update_bilan(b); });
  found = in_read([&](Repos& r) { return r.documents.find_bilan(b.id); });
  ASSERT_TRUE(found.has_value());
  expect_same(*found, b);
  Bilan final_bilan;
  final_bilan.prescription_id = case_;
  final_bilan.updated_at = at(1'743'000'000);
  Id final_id = in_tx([&](Repos& r) { return r.documents.insert_bilan(final_bilan); });
  EXPECT_EQ(ids(in_read([&](Repos& r) { return r.documents.bilans_of(case_); })),
            (std::vector<Id>{b.id, final_id}));
  EXPECT_TRUE(in_read([&](Repos& r) { return r.documents.bilans_of(other_case_); }).empty());
}

TEST_P(WorkshopDocumentStore, UpdateOfMissingConsentOrBilanIsNotFound) {
  Consent c;
  c.id = 424242;
  c.person_id = person_;
  c.recipient_org_id = partner_;
  Bilan b;
  b.id = 424242;
  b.prescription_id = case_;
  EXPECT_EQ(failing_write([&](Repos& r) { r.documents.update_consent(c); }).code,
            ErrorCode::not_found);
  EXPECT_EQ(failing_write([&](Repos& r) { r.documents.update_bilan(b); }).code,
            ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkshopDocumentStore, ::testing::ValuesIn(testdb::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace parcours
