#include "domain/audit.h"

#include <gtest/gtest.h>

namespace parcours {
namespace {

AuditEntry sample() {
  AuditEntry e;
  e.id = 7;
  e.seq = 3;
  e.at = Instant{std::chrono::seconds{1740000000}};
  e.actor_user_id = 12;
  e.actor_label = "Camille Durand";
  e.remote_addr = "192.0.2.1";
  e.action = "organisation.create";
  e.subject_type = "organisation";
  e.subject_id = 5;
  e.detail = R"({"code":"SPIP18"})";
  e.prev_hash = "ab";
  e.hash = "cd";
  return e;
}

TEST(AuditPayload, SEC_2_IsLengthPrefixedInAFixedOrder) {
  EXPECT_EQ(audit_payload(sample()),
            "parcours-audit-v1;1:3;10:1740000000;2:12;14:Camille Durand;9:192.0.2.1;"
            "19:organisation.create;12:organisation;1:5;1:0;17:{\"code\":\"SPIP18\"};2:ab;");
}

TEST(AuditPayload, SEC_2_IgnoresIdAndHash) {
  AuditEntry a = sample();
  AuditEntry b = sample();
  b.id = 99;
  b.hash = "other";
  EXPECT_EQ(audit_payload(a), audit_payload(b));
}

TEST(AuditPayload, SEC_2_MovingASeparatorBetweenFieldsChangesThePayload) {
  AuditEntry a = sample();
  AuditEntry b = sample();
  a.actor_label = "a;1:b";
  a.remote_addr = "c";
  b.actor_label = "a";
  b.remote_addr = "b;1:c";
  EXPECT_NE(audit_payload(a), audit_payload(b));
}

TEST(AuditPayload, SEC_2_EveryChainedFieldCounts) {
  const std::string base = audit_payload(sample());
  auto differs = [&](auto change) {
    AuditEntry e = sample();
    change(e);
    return audit_payload(e) != base;
  };
  EXPECT_TRUE(differs([](AuditEntry& e) { e.seq = 4; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.at += std::chrono::seconds{1}; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.actor_user_id = 13; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.actor_label += "."; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.remote_addr = ""; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.action = "organisation.update"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.subject_type = "place"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.subject_id = 6; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.person_id = 1; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.detail = "{}"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.prev_hash = "ac"; }));
}

}  // namespace
}  // namespace parcours
