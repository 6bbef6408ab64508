// Migration 12: the changes of a subject or of a person's file found without walking its reads
// (issue 13). Reads of files are journaled too (SEC-2), so a file read often has thousands of
// entries; the pages and the concurrent-edit check want its changes only
// (AuditRepository::for_subject, for_person). Partial indexes that leave the reads out replace
// the two indexes of migration 2, whose only users these queries were (SQLite, with statistics
// taken on a young journal, kept choosing them and sorting every read of the file); a read then
// costs no entry in either. The queries repeat the indexes' condition word for word
// (kAuditChangesOnly, audit_repository.cc), which SQLite needs to use them.
#include "storage/migrations_schema.h"

namespace parcours::storage {

const char* const kAuditChangesOnly =
    "action NOT IN ('person.read', 'prescription.read', 'professional_file.read', "
    "'document.download')";

const char* const kAuditChangeIndexes = R"sql(
DROP INDEX ix_audit_log_subject;
DROP INDEX ix_audit_log_person;
CREATE INDEX ix_audit_log_subject_changes ON audit_log (subject_type, subject_id, seq)
  WHERE action NOT IN ('person.read', 'prescription.read', 'professional_file.read', 'document.download');
CREATE INDEX ix_audit_log_person_changes ON audit_log (person_id, seq)
  WHERE action NOT IN ('person.read', 'prescription.read', 'professional_file.read', 'document.download');
)sql";

}  // namespace parcours::storage
