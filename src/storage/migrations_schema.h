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
// Migration 6 (migrations_reporting.cc): monthly statements and their lines, volume alerts,
// staff replacements and the indexes of the reports (SPEC INV-1, INV-2, ORG-4, DL-3, REP-1..4).
extern const char* const kReportingSchema;
// Migration 7 (migrations_reporting.cc): covering index of the hours done per case.
extern const char* const kReportingIndexes;
extern const char* const kReportingIntervenantIndex;
// Migration 9 (migrations_reporting.cc): statement lines give case numbers, not names (SEC-1).
extern const char* const kStatementLinesWithoutNames;
// Migration 11 (migrations_versions.cc): a version on records edited through a form (issue 12).
extern const char* const kRecordVersions;
// Migration 10 (migrations_accounts.cc): API token expiry, one-time account links (SPEC SEC-5).
extern const char* const kAccountsSchema;
// Migration 12 (migrations_audit.cc): indexes of the journal's changes without its reads, and
// the condition the queries repeat to use them (issue 13).
extern const char* const kAuditChangeIndexes;
extern const char* const kAuditChangesOnly;

}  // namespace parcours::storage
