#include "domain/wording.h"

#include <gtest/gtest.h>

namespace parcours {
namespace {

TEST(Wording, UX_1_PluralFollowsTheCount) {
  EXPECT_EQ(count_of(0, "séance", "séances"), "0 séance");
  EXPECT_EQ(count_of(1, "séance", "séances"), "1 séance");
  EXPECT_EQ(count_of(2, "ligne signalée", "lignes signalées"), "2 lignes signalées");
  EXPECT_EQ(count_of(1234, "personne", "personnes"), "1\u202f234 personnes");
}

TEST(Wording, UX_1_AgreementFollowsThePersonsSex) {
  EXPECT_STREQ(agreed(Sex::female, "Né", "Née"), "Née");
  EXPECT_STREQ(agreed(Sex::male, "Présent", "Présente"), "Présent");
  EXPECT_STREQ(judicial_status_words(JudicialStatus::condamne, Sex::female), "Condamnée");
  EXPECT_STREQ(judicial_status_words(JudicialStatus::prevenu, Sex::male), "Prévenu");
}

}  // namespace
}  // namespace parcours
