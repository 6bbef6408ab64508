#include "domain/notification.h"

#include <set>

#include <gtest/gtest.h>

namespace parcours {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(NotificationKinds, DL_2_EveryKindHasAFrenchLabelAndAUniqueId) {
  const auto& kinds = notification_kinds();
  ASSERT_EQ(kinds.size(), 9u);
  std::set<std::string> ids;
  for (const auto& k : kinds) {
    EXPECT_FALSE(k.label.empty()) << k.id;
    EXPECT_TRUE(ids.insert(k.id).second) << "duplicate " << k.id;
    EXPECT_TRUE(is_notification_kind(k.id));
  }
  EXPECT_EQ(kinds.front().id, "prescription_received");
  EXPECT_EQ(kinds.front().label, "Nouvelle prescription reçue");
  EXPECT_EQ(kinds.back().id, "daily_digest");
  EXPECT_EQ(kinds.back().label, "Récapitulatif quotidien des échéances");
}

TEST(NotificationKinds, UnknownKindsAreRefused) {
  EXPECT_FALSE(is_notification_kind(""));
  EXPECT_FALSE(is_notification_kind("spam"));
  EXPECT_FALSE(is_notification_kind("Daily_Digest"));
}

TEST(EmailStatus, NamesRoundTrip) {
  for (EmailStatus s : {EmailStatus::pending, EmailStatus::sent}) {
    auto parsed = parse_email_status(email_status_name(s));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(std::string(email_status_name(EmailStatus::sent)), "sent");
  EXPECT_FALSE(parse_email_status("failed").has_value());
  EXPECT_FALSE(parse_email_status("").has_value());
}

TEST(RetryDelay, DL_2_StartsAtOneMinuteAndDoubles) {
  EXPECT_EQ(retry_delay(0), minutes(1));
  EXPECT_EQ(retry_delay(1), minutes(1));
  EXPECT_EQ(retry_delay(2), minutes(2));
  EXPECT_EQ(retry_delay(3), minutes(4));
  EXPECT_EQ(retry_delay(6), minutes(32));
}

TEST(RetryDelay, DL_2_IsCappedAtOneHourAndNeverGivesUp) {
  EXPECT_EQ(retry_delay(7), minutes(60));
  EXPECT_EQ(retry_delay(8), minutes(60));
  EXPECT_EQ(retry_delay(64), minutes(60));
  EXPECT_EQ(retry_delay(1000000), minutes(60));
  for (int n = 1; n < 100; ++n) EXPECT_GT(retry_delay(n), seconds(0));
}

}  // namespace
}  // namespace parcours
