#include "storage/migrations_schema.h"

namespace parcours::storage {

// Migration 5: collective workshops and their attendance (SPEC WS-1..5), the professional
// file (BEN-4) with signed attendance sheets (ATT-2), consents and shares with partners (SEC-3),
// and bilans (PPAIP-16).
//
// Sized for a national installation (3,000,000 individual sessions, tens of thousands of
// workshops): every list the repositories serve is an index range scan or a small sort of
// one provider's or SPIP's rows.
//
// - workshops: lists are filtered by provider (ix_workshops_provider), by SPIP and list status
//   (ix_workshops_spip_list: "awaiting my validation" is one range) or by intervenant. The
//   order (first session date, newest first) is computed over the filtered rows from
//   ix_workshop_sessions_workshop_date, which also serves the "with a session on or after"
//   filter: a provider or a SPIP has hundreds of workshops, not millions, so no copied column
//   has to be kept in step.
// - workshop_sessions: uq_workshop_sessions_workshop_number is the (workshop_id, number) index
//   that lists the sessions of a workshop by number; ix_workshop_sessions_workshop_date serves
//   the dates of one workshop. The sessions of a provider's workshops between two dates (ATT-2,
//   sheets to scan) are a join from ix_workshops_provider into that date index.
// - workshop_attendance: one row per (session, participant), uq_workshop_attendance_session_
//   participant; recording again replaces the row (workshop_repository.cc).
// - workshop_theme_agreements: the themes a SPIP agreed for a programme (WS-1), keyed by
//   (spip_id, programme_id, theme_id) and replaced as a set.
// - documents: metadata of each stored version; the bytes are in document_contents, once per
//   SHA-256 checksum (two versions with the same bytes share one row). person_id … kind,
//   copy_kind is the series of a document (version counts within it): ix_documents_series
//   serves "the last version of this series" (NULLs compared with IS NULL). ix_documents_session
//   and ix_documents_workshop_session (with kind) answer "is there a signed scan of this
//   session?", the NOT EXISTS of the unscanned sessions list, which itself walks
//   ix_sessions_provider_date (migrations_journey.cc) for individual sessions.
// - document_contents.content: the bytes base64-encoded (storage/base64.h) in a TEXT column,
//   bound as a string on both backends (no BLOB/BYTEA difference to bridge in SOCI 4.0.3).
// - consents: per person (ix_consents_person); shares: per document and, for the partner's
//   "documents shared with us" page, per recipient by instant (ix_document_shares_recipient).
// - Column names avoid SQL words: session_date, copy_kind, byte_size, consent_scope.
const char* const kWorkshopSchema = R"sql(
-- SPEC WS-1, WS-3
CREATE TABLE workshops (
  id {{pk}},
  programme_id TEXT NOT NULL,
  provider_id BIGINT NOT NULL CONSTRAINT fk_workshops_provider REFERENCES organisations (id),
  lot_id BIGINT NULL CONSTRAINT fk_workshops_lot REFERENCES lots (id),
  spip_id BIGINT NOT NULL CONSTRAINT fk_workshops_spip REFERENCES organisations (id),
  site_id BIGINT NULL CONSTRAINT fk_workshops_site REFERENCES organisations (id),
  theme TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  intervenant_id BIGINT NULL CONSTRAINT fk_workshops_intervenant REFERENCES users (id),
  external_professionals TEXT NOT NULL DEFAULT '',
  place_id BIGINT NULL CONSTRAINT fk_workshops_place REFERENCES places (id),
  place_label TEXT NOT NULL DEFAULT '',
  list_status TEXT NOT NULL,
  list_comment TEXT NOT NULL DEFAULT '',
  list_decided_by BIGINT NULL CONSTRAINT fk_workshops_list_decided_by REFERENCES users (id),
  list_decided_at BIGINT NULL,
  status TEXT NOT NULL,
  created_by BIGINT NULL CONSTRAINT fk_workshops_created_by REFERENCES users (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX ix_workshops_provider ON workshops (provider_id, id);
CREATE INDEX ix_workshops_spip_list ON workshops (spip_id, list_status, id);
CREATE INDEX ix_workshops_intervenant ON workshops (intervenant_id, id);

-- SPEC WS-2, WS-5
CREATE TABLE workshop_sessions (
  id {{pk}},
  workshop_id BIGINT NOT NULL CONSTRAINT fk_workshop_sessions_workshop REFERENCES workshops (id),
  number INTEGER NOT NULL CONSTRAINT ck_workshop_sessions_number CHECK (number >= 1),
  session_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL
    CONSTRAINT ck_workshop_sessions_start_minute CHECK (start_minute >= 0 AND start_minute < 1440),
  duration_minutes INTEGER NOT NULL
    CONSTRAINT ck_workshop_sessions_duration_minutes CHECK (duration_minutes > 0),
  status TEXT NOT NULL,
  recorded_by BIGINT NULL CONSTRAINT fk_workshop_sessions_recorded_by REFERENCES users (id),
  recorded_at BIGINT NULL,
  CONSTRAINT uq_workshop_sessions_workshop_number UNIQUE (workshop_id, number)
);
CREATE INDEX ix_workshop_sessions_workshop_date
  ON workshop_sessions (workshop_id, session_date, start_minute, id);

-- SPEC WS-3
CREATE TABLE workshop_participants (
  id {{pk}},
  workshop_id BIGINT NOT NULL
    CONSTRAINT fk_workshop_participants_workshop REFERENCES workshops (id),
  prescription_id BIGINT NOT NULL
    CONSTRAINT fk_workshop_participants_prescription REFERENCES prescriptions (id),
  person_id BIGINT NOT NULL CONSTRAINT fk_workshop_participants_person REFERENCES persons (id),
  status TEXT NOT NULL,
  added_by BIGINT NULL CONSTRAINT fk_workshop_participants_added_by REFERENCES users (id),
  added_at BIGINT NOT NULL
);
CREATE INDEX ix_workshop_participants_workshop ON workshop_participants (workshop_id, id);
CREATE INDEX ix_workshop_participants_prescription
  ON workshop_participants (prescription_id, id);

-- SPEC WS-5, ATT-2
CREATE TABLE workshop_attendance (
  id {{pk}},
  workshop_session_id BIGINT NOT NULL
    CONSTRAINT fk_workshop_attendance_session REFERENCES workshop_sessions (id),
  participant_id BIGINT NOT NULL
    CONSTRAINT fk_workshop_attendance_participant REFERENCES workshop_participants (id),
  present INTEGER NOT NULL CONSTRAINT ck_workshop_attendance_present CHECK (present IN (0, 1)),
  absence_reason TEXT NOT NULL DEFAULT '',
  absence_justified INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_workshop_attendance_absence_justified CHECK (absence_justified IN (0, 1)),
  recorded_by BIGINT NULL CONSTRAINT fk_workshop_attendance_recorded_by REFERENCES users (id),
  recorded_at BIGINT NOT NULL,
  CONSTRAINT uq_workshop_attendance_session_participant
    UNIQUE (workshop_session_id, participant_id)
);
CREATE INDEX ix_workshop_attendance_participant ON workshop_attendance (participant_id);

-- SPEC WS-1
CREATE TABLE workshop_theme_agreements (
  spip_id BIGINT NOT NULL CONSTRAINT fk_workshop_theme_agreements_spip REFERENCES organisations (id),
  programme_id TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  agreed_by BIGINT NULL CONSTRAINT fk_workshop_theme_agreements_agreed_by REFERENCES users (id),
  agreed_at BIGINT NOT NULL,
  CONSTRAINT pk_workshop_theme_agreements PRIMARY KEY (spip_id, programme_id, theme_id)
);

-- SPEC BEN-4, ATT-2: the bytes, once per checksum (base64, see above).
CREATE TABLE document_contents (
  checksum TEXT NOT NULL,
  byte_size BIGINT NOT NULL CONSTRAINT ck_document_contents_byte_size CHECK (byte_size >= 0),
  content TEXT NOT NULL,
  CONSTRAINT pk_document_contents PRIMARY KEY (checksum)
);

CREATE TABLE documents (
  id {{pk}},
  person_id BIGINT NULL CONSTRAINT fk_documents_person REFERENCES persons (id),
  prescription_id BIGINT NULL CONSTRAINT fk_documents_prescription REFERENCES prescriptions (id),
  workshop_id BIGINT NULL CONSTRAINT fk_documents_workshop REFERENCES workshops (id),
  session_id BIGINT NULL CONSTRAINT fk_documents_session REFERENCES sessions (id),
  workshop_session_id BIGINT NULL
    CONSTRAINT fk_documents_workshop_session REFERENCES workshop_sessions (id),
  kind TEXT NOT NULL,
  copy_kind TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  filename TEXT NOT NULL,
  media_type TEXT NOT NULL,
  byte_size BIGINT NOT NULL CONSTRAINT ck_documents_byte_size CHECK (byte_size >= 0),
  checksum TEXT NOT NULL CONSTRAINT fk_documents_content REFERENCES document_contents (checksum),
  version INTEGER NOT NULL CONSTRAINT ck_documents_version CHECK (version >= 1),
  author_id BIGINT NULL CONSTRAINT fk_documents_author REFERENCES users (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX ix_documents_person_created ON documents (person_id, created_at, id);
CREATE INDEX ix_documents_workshop_created ON documents (workshop_id, created_at, id);
CREATE INDEX ix_documents_session ON documents (session_id, kind, created_at, id);
CREATE INDEX ix_documents_workshop_session
  ON documents (workshop_session_id, kind, created_at, id);
CREATE INDEX ix_documents_series ON documents
  (person_id, prescription_id, workshop_id, session_id, workshop_session_id, kind, copy_kind,
   version, id);

-- SPEC SEC-3
CREATE TABLE consents (
  id {{pk}},
  person_id BIGINT NOT NULL CONSTRAINT fk_consents_person REFERENCES persons (id),
  recipient_org_id BIGINT NOT NULL CONSTRAINT fk_consents_recipient REFERENCES organisations (id),
  consent_scope TEXT NOT NULL,
  given_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NULL CONSTRAINT fk_consents_recorded_by REFERENCES users (id),
  recorded_at BIGINT NOT NULL,
  revoked_at BIGINT NULL,
  revoked_by BIGINT NULL CONSTRAINT fk_consents_revoked_by REFERENCES users (id),
  revoke_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_consents_person ON consents (person_id, recorded_at, id);

CREATE TABLE document_shares (
  id {{pk}},
  document_id BIGINT NOT NULL CONSTRAINT fk_document_shares_document REFERENCES documents (id),
  recipient_org_id BIGINT NOT NULL
    CONSTRAINT fk_document_shares_recipient REFERENCES organisations (id),
  consent_id BIGINT NOT NULL CONSTRAINT fk_document_shares_consent REFERENCES consents (id),
  shared_by BIGINT NULL CONSTRAINT fk_document_shares_shared_by REFERENCES users (id),
  shared_at BIGINT NOT NULL
);
CREATE INDEX ix_document_shares_document ON document_shares (document_id, id);
CREATE INDEX ix_document_shares_recipient ON document_shares (recipient_org_id, shared_at, id);

-- SPEC PPAIP-16
CREATE TABLE bilans (
  id {{pk}},
  prescription_id BIGINT NOT NULL CONSTRAINT fk_bilans_prescription REFERENCES prescriptions (id),
  kind TEXT NOT NULL,
  programme_done TEXT NOT NULL DEFAULT '',
  professional_project TEXT NOT NULL DEFAULT '',
  action_plan TEXT NOT NULL DEFAULT '',
  recommendations TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  author_id BIGINT NULL CONSTRAINT fk_bilans_author REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  delivered_to_person_on TEXT NULL,
  delivery_mode TEXT NOT NULL DEFAULT '',
  delivered_at BIGINT NULL,
  cpip_document_id BIGINT NULL CONSTRAINT fk_bilans_cpip_document REFERENCES documents (id),
  person_document_id BIGINT NULL CONSTRAINT fk_bilans_person_document REFERENCES documents (id)
);
CREATE INDEX ix_bilans_prescription ON bilans (prescription_id, id);
)sql";

}  // namespace parcours::storage
