// SQL texts of the migrations kept in their own files (see migrations.h for the rules).
#pragma once

namespace parcours::storage {

// Migration 3 (migrations_journey.cc): people, orientations, prescriptions, proposals,
// sessions, suspensions, deadlines, case events, permanences (SPEC BEN-1..3, PPAIP, DL-1).
extern const char* const kJourneySchema;
// Migration 4 (migrations_notifications.cc): notifications, e-mail outbox and attempts,
// opt-outs, digests (SPEC DL-2).
extern const char* const kNotificationSchema;
// Migration 5 (migrations_workshops.cc): workshops, their sessions, participants, attendance
// and agreed themes; documents and their contents, consents, shares, bilans (SPEC WS-1..5,
// ATT-2, BEN-4, SEC-3, PPAIP-16).
extern const char* const kWorkshopSchema;

}  // namespace parcours::storage
