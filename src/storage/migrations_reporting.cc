#include "storage/migrations_schema.h"

namespace parcours::storage {

// Migration 6: contract execution (SPEC INV-1, INV-2, ORG-4, DL-3, REP-1..4).
//
// Sized for the national dataset (`parcours demo --people 250000`: 300,000 programmes,
// 3,000,000 sessions, 1,500,000 deadlines); every report reads one lot, one DISP or one SPIP:
// - prescriptions by lot (ix_prescriptions_lot): the lot dashboard's hours prescribed,
//   validated and done are joins from one lot's cases into proposals (uq_proposals_
//   prescription_version) and sessions (ix_sessions_prescription_date).
// - a monthly statement walks the lot provider's sessions of the month
//   (ix_sessions_provider_date) and the lot's workshops (ix_workshops_lot) into their sessions
//   by date; the scan flag is an EXISTS on ix_documents_session / _workshop_session.
// - deadline compliance and equal access read a period of deadlines by due instant
//   (ix_case_deadlines_due) or of prescriptions by lot and date (ix_prescriptions_lot).
// - statements: an issued statement is never updated nor deleted (the repository has no such
//   method, no route reaches one); a correction is a new statement of the same lot and month
//   (sequence 2, 3…) whose lines reference the lines they correct (corrects_line_id).
//   uq_statements_number and uq_statements_lot_month_sequence make a double issue a conflict.
// - volume_alerts: one row per alert sent (lot, modality, level, volume in force), so each
//   80 % / 100 % alert goes out once per volume (an amendment raising the volume re-arms it).
const char* const kReportingSchema = R"sql(
CREATE INDEX ix_prescriptions_lot ON prescriptions (lot_id, prescribed_at, id);
CREATE INDEX ix_workshops_lot ON workshops (lot_id, id);
CREATE INDEX ix_case_deadlines_due ON case_deadlines (due_at, id);

-- SPEC INV-1
CREATE TABLE statements (
  id {{pk}},
  lot_id BIGINT NOT NULL CONSTRAINT fk_statements_lot REFERENCES lots (id),
  period_month TEXT NOT NULL,
  sequence INTEGER NOT NULL CONSTRAINT ck_statements_sequence CHECK (sequence >= 1),
  number TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  issued_by BIGINT NULL CONSTRAINT fk_statements_issued_by REFERENCES users (id),
  individual_minutes BIGINT NOT NULL,
  collective_minutes BIGINT NOT NULL,
  individual_cents BIGINT NOT NULL,
  collective_cents BIGINT NOT NULL,
  flagged_lines INTEGER NOT NULL,
  CONSTRAINT uq_statements_number UNIQUE (number),
  CONSTRAINT uq_statements_lot_month_sequence UNIQUE (lot_id, period_month, sequence)
);

CREATE TABLE statement_lines (
  id {{pk}},
  statement_id BIGINT NOT NULL CONSTRAINT fk_statement_lines_statement REFERENCES statements (id),
  line_no INTEGER NOT NULL,
  modality TEXT NOT NULL CONSTRAINT ck_statement_lines_modality
    CHECK (modality IN ('individual', 'collective')),
  source_id BIGINT NOT NULL,
  session_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  intervenant_id BIGINT NULL,
  intervenant_name TEXT NOT NULL DEFAULT '',
  minutes BIGINT NOT NULL,
  unit_price_cents BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  flags TEXT NOT NULL DEFAULT '',
  corrects_line_id BIGINT NULL
    CONSTRAINT fk_statement_lines_corrects REFERENCES statement_lines (id),
  CONSTRAINT uq_statement_lines_statement_line UNIQUE (statement_id, line_no)
);
CREATE INDEX ix_statement_lines_source ON statement_lines (modality, source_id, id);

-- SPEC INV-2
CREATE TABLE volume_alerts (
  lot_id BIGINT NOT NULL CONSTRAINT fk_volume_alerts_lot REFERENCES lots (id),
  modality TEXT NOT NULL,
  level INTEGER NOT NULL,
  volume_hours BIGINT NOT NULL,
  notified_at BIGINT NOT NULL,
  CONSTRAINT pk_volume_alerts PRIMARY KEY (lot_id, modality, level, volume_hours)
);

-- SPEC ORG-4: absences and departures of intervenants and their replacement.
CREATE TABLE staff_replacements (
  id {{pk}},
  provider_org_id BIGINT NOT NULL
    CONSTRAINT fk_staff_replacements_provider REFERENCES organisations (id),
  user_id BIGINT NOT NULL CONSTRAINT fk_staff_replacements_user REFERENCES users (id),
  reason TEXT NOT NULL CONSTRAINT ck_staff_replacements_reason
    CHECK (reason IN ('departure', 'absence')),
  from_on TEXT NOT NULL,
  replacement_user_id BIGINT NULL
    CONSTRAINT fk_staff_replacements_replacement REFERENCES users (id),
  replaced_on TEXT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NULL CONSTRAINT fk_staff_replacements_recorded_by REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX ix_staff_replacements_provider ON staff_replacements (provider_org_id, from_on, id);
)sql";

// Migration 7: the hours of the reports read the sessions of a lot's cases from the index alone
// (measured on the national dataset: the individual hours of the DISP de Dijon's six lots went
// from 0.31 s to 0.12 s on SQLite, docs/performance.md).
const char* const kReportingIndexes = R"sql(
CREATE INDEX ix_sessions_done
  ON sessions (prescription_id, status, session_date, duration_minutes);
)sql";

// Migration 8: the same index also covers the intervenant of each session, so the staff report
// (ORG-4) reads a lot's session time per intervenant from the index alone too (national
// dataset, DISP de Dijon, eleven months: 0.21 s → 0.14 s on SQLite, docs/performance.md).
const char* const kReportingIntervenantIndex = R"sql(
DROP INDEX ix_sessions_done;
CREATE INDEX ix_sessions_report
  ON sessions (prescription_id, status, session_date, duration_minutes, intervenant_id);
)sql";

// Migration 9: SPEC SEC-1, the funder sees no names. Lines of statements already issued named
// the person of an individual session; they now give the case number and initials, as new
// lines do (domain case_reference; compound names keep their first initials only here).
const char* const kStatementLinesWithoutNames = R"sql(
UPDATE statement_lines SET label = (
  SELECT 'Dossier n° ' || p.id || ' (' || substr(pe.last_name, 1, 1) || '. ' ||
         substr(pe.first_name, 1, 1) || '.)'
  FROM sessions s JOIN prescriptions p ON p.id = s.prescription_id
  JOIN persons pe ON pe.id = p.person_id
  WHERE s.id = statement_lines.source_id)
WHERE modality = 'individual'
  AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = statement_lines.source_id);
)sql";

}  // namespace parcours::storage
