// Pure rules of workshops (domain/workshop.h) and of the professional file (domain/document.h).
#include "domain/workshop.h"

#include <set>

#include <gtest/gtest.h>

#include "domain/document.h"
#include "domain/testing/shipped_ppaip.h"

namespace parcours {
namespace {

WorkshopSession session(int minutes, std::string status = "planned") {
  WorkshopSession s;
  s.date = Date{date::year{2025}, date::month{3}, date::day{11}};
  s.start_minute = 9 * 60;
  s.duration_minutes = minutes;
  s.status = std::move(status);
  return s;
}

TEST(Workshop, WS_2_DurationBoundsComeFromTheConfigurationAndIgnoreCancelledSessions) {
  const ProgrammeConfig& config = testing::shipped_ppaip();
  EXPECT_TRUE(check_workshop_duration(config, {session(120)}).ok());
  EXPECT_FALSE(check_workshop_duration(config, {session(90)}).ok());
  EXPECT_FALSE(check_workshop_duration(config, {session(120, "cancelled"), session(60)}).ok());
  std::vector<WorkshopSession> thirty(5, session(360));
  EXPECT_TRUE(check_workshop_duration(config, thirty).ok());
  thirty.push_back(session(15));
  auto too_long = check_workshop_duration(config, thirty);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::rule_violation);
}

TEST(Workshop, WS_1_ThemeOfTheCatalogueAndTitleForALaCarte) {
  const ProgrammeConfig& config = testing::shipped_ppaip();
  Workshop w;
  w.theme = "cv_letter";
  w.intervenant_id = 3;
  w.spip_id = 2;
  w.place_label = "Salle 2";
  EXPECT_TRUE(validate_workshop(config, w).ok());
  w.theme = "a_la_carte";
  auto no_title = validate_workshop(config, w);
  ASSERT_FALSE(no_title.ok());
  EXPECT_EQ(no_title.error().details.front().field, "title");
  w.title = "Préparer sa sortie";
  EXPECT_TRUE(validate_workshop(config, w).ok());
  w.theme = "cuisine";
  EXPECT_FALSE(validate_workshop(config, w).ok());
  EXPECT_GE(config.workshop_themes.size(), 15u);  // the CCTP's list and "à la carte"
}

TEST(Workshop, WS_3_OnlyOpenPrescriptionsCoveringWorkshops) {
  const ProgrammeConfig& config = testing::shipped_ppaip();
  EXPECT_TRUE(check_workshop_prescription(config, "collective", "prescribed").ok());
  EXPECT_TRUE(check_workshop_prescription(config, "both", "in_progress").ok());
  EXPECT_FALSE(check_workshop_prescription(config, "individual", "in_progress").ok());
  EXPECT_FALSE(check_workshop_prescription(config, "collective", "abandoned").ok());
  EXPECT_FALSE(check_workshop_prescription(config, "collective", "ended").ok());
}

TEST(RecordCode, ATT_2_CodesAreShortDistinctAndReadBackDespiteSpacesAndCase) {
  std::set<std::string> seen;
  for (Id id : {1, 2, 3, 42, 999, 123456, 3000000, 887503680}) {
    for (char letter : {'E', 'S', 'A'}) {
      const std::string code = record_code(letter, id);
      ASSERT_EQ(code.size(), 9u) << code;
      EXPECT_TRUE(seen.insert(code).second) << code;
      EXPECT_EQ(code.find_first_of("01ILO", 2), std::string::npos) << code;
      auto back = decode_record_code(code);
      ASSERT_TRUE(back) << code;
      EXPECT_EQ(back->id, id);
      EXPECT_EQ(back->letter, letter);
      std::string typed = code;
      for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      typed.erase(1, 1);
      typed.insert(4, " ");
      auto relaxed = decode_record_code(typed);
      ASSERT_TRUE(relaxed) << typed;
      EXPECT_EQ(relaxed->id, id);
    }
  }
  // Neighbouring ids do not give neighbouring codes.
  EXPECT_NE(record_code('E', 1).substr(2, 4), record_code('E', 2).substr(2, 4));
}

TEST(RecordCode, ATT_2_OneWrongCharacterIsDetected) {
  const std::string code = record_code('E', 4711);
  const std::string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  int accepted = 0;
  for (std::size_t i = 2; i < code.size(); ++i)
    for (char c : alphabet) {
      if (c == code[i]) continue;
      std::string typo = code;
      typo[i] = c;
      if (decode_record_code(typo)) ++accepted;
    }
  EXPECT_EQ(accepted, 0);
  EXPECT_FALSE(decode_record_code("X-7KQ4MPX"));
  EXPECT_FALSE(decode_record_code(""));
  EXPECT_FALSE(decode_record_code("E-12"));
}

TEST(Document, ATT_2_MediaTypeIsJudgedByContentNotByName) {
  EXPECT_EQ(*detect_media_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(*detect_media_type(std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF"), "image/jpeg");
  EXPECT_EQ(*detect_media_type(std::string("\x89PNG\r\n\x1A\n\0\0", 10)), "image/png");
  auto text = detect_media_type("Bonjour, ceci est un texte nommé scan.pdf");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().message.find("ni un PDF"), std::string::npos);
  EXPECT_FALSE(detect_media_type("").ok());
  EXPECT_FALSE(detect_media_type("GIF89a").ok());
}

TEST(Document, SEC_3_ConsentCoversItsScopeUntilRevoked) {
  const Instant now{std::chrono::seconds{1'740'000'000}};
  Consent c;
  c.person_id = 7;
  c.recipient_org_id = 9;
  c.scope = "bilans";
  StoredDocument bilan, sheet, other_person;
  bilan.person_id = sheet.person_id = 7;
  other_person.person_id = 8;
  bilan.kind = other_person.kind = "bilan_final";
  sheet.kind = "attendance_individual";
  EXPECT_TRUE(consent_covers(c, bilan, now));
  EXPECT_FALSE(consent_covers(c, sheet, now));
  EXPECT_FALSE(consent_covers(c, other_person, now));
  c.scope = "all";
  EXPECT_TRUE(consent_covers(c, sheet, now));
  c.revoked_at = now - std::chrono::hours{1};
  EXPECT_FALSE(consent_covers(c, bilan, now));
  EXPECT_FALSE(valid_consent_scope("everything"));
}

TEST(Document, PPAIP_16_DeliveryNeedsProgrammeProjectAndActionPlan) {
  Bilan b;
  b.programme_done = "Huit entretiens.";
  b.professional_project = "Cariste.";
  auto missing = validate_bilan_for_delivery(b);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().details.front().field, "action_plan");
  b.action_plan = "Passer le CACES 1.";
  EXPECT_TRUE(validate_bilan_for_delivery(b).ok());  // recommendations are optional
}

TEST(Document, SafeFileNamesFoldFrenchLetters) {
  EXPECT_EQ(safe_file_name("Bilan final — Éloïse CŒUR d’Artagnan", "pdf"),
            "bilan-final-eloise-coeur-d-artagnan.pdf");
  EXPECT_EQ(safe_file_name("", "png"), "document.png");
}

}  // namespace
}  // namespace parcours
