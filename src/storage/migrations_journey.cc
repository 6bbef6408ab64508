#include "storage/migrations_schema.h"

namespace parcours::storage {

// Migration 3: the person file and programme cases (SPEC BEN-1..3, PPAIP-2..17, DL-1).
//
// Sized for a national installation (250,000 people, 300,000 prescriptions, 3,000,000
// sessions): every list the repositories serve is an index range scan, never a table scan.
//
// - persons.last_key / first_key: last and first name folded the French way (lower case, no
//   accents, Œ → oe) keeping only letters and digits ("Le Fèvre-Dupont" → "lefevredupont").
//   Lists are ordered by (last_key, first_key, id): keys made of [a-z0-9] sort the same in
//   every collation (SQLite BINARY, PostgreSQL C or fr_FR), so paging with LIMIT/OFFSET is
//   identical on both backends. The name search matches each word of the query, folded the
//   same way, inside either key (LIKE '%word%'); it runs inside the filtered index range
//   (SPIP, referent) or, for a national search, over the name index.
// - sessions.provider_id: the provider of the session's prescription, copied at insert and
//   kept in step when the prescription changes provider (journey_repository.cc), so that a
//   provider's calendar between two dates is one range of ix_sessions_provider_date instead of
//   a join through every prescription of the provider.
// - case_deadlines.is_open: 1 while neither met nor waived (enforced by a CHECK against
//   met_at and waived_at), so that the "À faire" page (open deadlines of some owners, by due
//   instant) is a range of ix_case_deadlines_owner_open.
// - orientations.prescription_id has no foreign key: prescriptions.orientation_id already
//   points back, and a cycle of foreign keys cannot be created with one SQL text on both
//   backends.
// - proposals.individual_centihours: hours in hundredths (12,5 h → 1250), an integer like
//   every other stored quantity.
// - Timetables and action lists are JSON text: [{"weekday":1,"start":540,"end":720}] and
//   ["cv","simulation"]; they are read and written whole with their case.
// - Column names avoid SQL words: session_date, permanence_date, from_at, until_at.
const char* const kJourneySchema = R"sql(
-- SPEC BEN-1..3
CREATE TABLE persons (
  id {{pk}},
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_key TEXT NOT NULL,
  first_key TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL CONSTRAINT ck_persons_sex CHECK (sex IN ('F', 'M')),
  milieu TEXT NOT NULL,
  spip_id BIGINT NOT NULL CONSTRAINT fk_persons_spip REFERENCES organisations (id),
  site_id BIGINT NULL CONSTRAINT fk_persons_site REFERENCES organisations (id),
  judicial_status TEXT NOT NULL DEFAULT '',
  qualification TEXT NOT NULL DEFAULT '',
  referent_cpip_id BIGINT NULL CONSTRAINT fk_persons_referent REFERENCES users (id),
  prison_number TEXT NOT NULL DEFAULT '',
  sentence_end TEXT NULL,
  id_valid_until TEXT NULL,
  work_permit_until TEXT NULL,
  brsa INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_persons_brsa CHECK (brsa IN (0, 1)),
  cer INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_persons_cer CHECK (cer IN (0, 1)),
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  diagnosis_text TEXT NOT NULL DEFAULT '',
  diagnosis_on TEXT NULL,
  diagnosis_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX ix_persons_spip_name ON persons (spip_id, last_key, first_key, id);
CREATE INDEX ix_persons_referent_name ON persons (referent_cpip_id, last_key, first_key, id);
CREATE INDEX ix_persons_name ON persons (last_key, first_key, id);
CREATE INDEX ix_persons_site ON persons (site_id);

-- SPEC PPAIP-2
CREATE TABLE orientations (
  id {{pk}},
  person_id BIGINT NOT NULL CONSTRAINT fk_orientations_person REFERENCES persons (id),
  programme_id TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  source_detail TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  requested_on TEXT NOT NULL,
  status TEXT NOT NULL,
  decision_comment TEXT NOT NULL DEFAULT '',
  prescription_id BIGINT NULL,
  recorded_by BIGINT NULL CONSTRAINT fk_orientations_recorded_by REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX ix_orientations_person ON orientations (person_id, requested_on, id);
CREATE INDEX ix_orientations_status ON orientations (status, requested_on, id);

-- The programme case (SPEC PPAIP-3…PPAIP-16).
CREATE TABLE prescriptions (
  id {{pk}},
  person_id BIGINT NOT NULL CONSTRAINT fk_prescriptions_person REFERENCES persons (id),
  programme_id TEXT NOT NULL,
  programme_version TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  modality TEXT NOT NULL DEFAULT '',
  spip_id BIGINT NOT NULL CONSTRAINT fk_prescriptions_spip REFERENCES organisations (id),
  lot_id BIGINT NULL CONSTRAINT fk_prescriptions_lot REFERENCES lots (id),
  provider_id BIGINT NULL CONSTRAINT fk_prescriptions_provider REFERENCES organisations (id),
  cpip_id BIGINT NULL CONSTRAINT fk_prescriptions_cpip REFERENCES users (id),
  intervenant_id BIGINT NULL CONSTRAINT fk_prescriptions_intervenant REFERENCES users (id),
  orientation_id BIGINT NULL
    CONSTRAINT fk_prescriptions_orientation REFERENCES orientations (id),
  objectives TEXT NOT NULL DEFAULT '',
  person_constraints TEXT NOT NULL DEFAULT '',
  training_timetable TEXT NOT NULL DEFAULT '[]',
  training_until TEXT NULL,
  prescribed_at BIGINT NOT NULL,
  reconvocation_pending INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_prescriptions_reconvocation_pending CHECK (reconvocation_pending IN (0, 1)),
  end_reason TEXT NOT NULL DEFAULT '',
  ended_at BIGINT NULL
);
CREATE INDEX ix_prescriptions_provider_state
  ON prescriptions (provider_id, state, prescribed_at, id);
CREATE INDEX ix_prescriptions_spip ON prescriptions (spip_id, prescribed_at, id);
CREATE INDEX ix_prescriptions_cpip ON prescriptions (cpip_id, prescribed_at, id);
CREATE INDEX ix_prescriptions_person ON prescriptions (person_id, provider_id);
CREATE INDEX ix_prescriptions_intervenant ON prescriptions (intervenant_id);
CREATE INDEX ix_prescriptions_prescribed ON prescriptions (prescribed_at, id);

-- SPEC PPAIP-6, PPAIP-7, PPAIP-9: every version is kept.
CREATE TABLE proposals (
  id {{pk}},
  prescription_id BIGINT NOT NULL
    CONSTRAINT fk_proposals_prescription REFERENCES prescriptions (id),
  version INTEGER NOT NULL CONSTRAINT ck_proposals_version CHECK (version >= 1),
  kind TEXT NOT NULL,
  actions TEXT NOT NULL DEFAULT '[]',
  content TEXT NOT NULL DEFAULT '',
  justification TEXT NOT NULL DEFAULT '',
  individual_centihours BIGINT NOT NULL DEFAULT 0
    CONSTRAINT ck_proposals_individual_centihours CHECK (individual_centihours >= 0),
  workshops INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_proposals_workshops CHECK (workshops IN (0, 1)),
  workshops_detail TEXT NOT NULL DEFAULT '',
  calendar TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  decision_comment TEXT NOT NULL DEFAULT '',
  submitted_by BIGINT NULL CONSTRAINT fk_proposals_submitted_by REFERENCES users (id),
  submitted_at BIGINT NOT NULL,
  decided_by BIGINT NULL CONSTRAINT fk_proposals_decided_by REFERENCES users (id),
  decided_at BIGINT NULL,
  CONSTRAINT uq_proposals_prescription_version UNIQUE (prescription_id, version)
);

-- Individual sessions (SPEC PPAIP-10…PPAIP-12). provider_id: see the comment above.
CREATE TABLE sessions (
  id {{pk}},
  prescription_id BIGINT NOT NULL
    CONSTRAINT fk_sessions_prescription REFERENCES prescriptions (id),
  provider_id BIGINT NULL CONSTRAINT fk_sessions_provider REFERENCES organisations (id),
  kind TEXT NOT NULL,
  session_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL
    CONSTRAINT ck_sessions_start_minute CHECK (start_minute >= 0 AND start_minute < 1440),
  duration_minutes INTEGER NOT NULL
    CONSTRAINT ck_sessions_duration_minutes CHECK (duration_minutes > 0),
  place_id BIGINT NULL CONSTRAINT fk_sessions_place REFERENCES places (id),
  place_label TEXT NOT NULL DEFAULT '',
  intervenant_id BIGINT NULL CONSTRAINT fk_sessions_intervenant REFERENCES users (id),
  status TEXT NOT NULL,
  absence_reason TEXT NOT NULL DEFAULT '',
  absence_justified INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_sessions_absence_justified CHECK (absence_justified IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NULL CONSTRAINT fk_sessions_recorded_by REFERENCES users (id),
  recorded_at BIGINT NULL
);
CREATE INDEX ix_sessions_prescription_date
  ON sessions (prescription_id, session_date, start_minute, id);
CREATE INDEX ix_sessions_provider_date ON sessions (provider_id, session_date, start_minute, id);
CREATE INDEX ix_sessions_intervenant_date ON sessions (intervenant_id, session_date, start_minute);

-- SPEC PPAIP-13
CREATE TABLE suspensions (
  id {{pk}},
  prescription_id BIGINT NOT NULL
    CONSTRAINT fk_suspensions_prescription REFERENCES prescriptions (id),
  reason TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  from_at BIGINT NOT NULL,
  until_at BIGINT NULL
);
CREATE INDEX ix_suspensions_prescription ON suspensions (prescription_id, from_at, id);

-- SPEC DL-1, DL-2: every field of domain/deadline.h, with its case and owner.
CREATE TABLE case_deadlines (
  id {{pk}},
  prescription_id BIGINT NOT NULL
    CONSTRAINT fk_case_deadlines_prescription REFERENCES prescriptions (id),
  owner_org_id BIGINT NOT NULL CONSTRAINT fk_case_deadlines_owner REFERENCES organisations (id),
  rule_id TEXT NOT NULL,
  owner_role TEXT NOT NULL,
  conditional INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_case_deadlines_conditional CHECK (conditional IN (0, 1)),
  started_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  met_at BIGINT NULL,
  waived_at BIGINT NULL,
  waiver_reason TEXT NOT NULL DEFAULT '',
  paused_since BIGINT NULL,
  is_open INTEGER NOT NULL CONSTRAINT ck_case_deadlines_is_open
    CHECK (is_open = CASE WHEN met_at IS NULL AND waived_at IS NULL THEN 1 ELSE 0 END)
);
CREATE INDEX ix_case_deadlines_owner_open ON case_deadlines (owner_org_id, is_open, due_at, id);
CREATE INDEX ix_case_deadlines_prescription ON case_deadlines (prescription_id, due_at, id);

-- The timeline of a person and of each case (BEN-3).
CREATE TABLE case_events (
  id {{pk}},
  prescription_id BIGINT NULL
    CONSTRAINT fk_case_events_prescription REFERENCES prescriptions (id),
  person_id BIGINT NOT NULL CONSTRAINT fk_case_events_person REFERENCES persons (id),
  event TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  actor_id BIGINT NULL CONSTRAINT fk_case_events_actor REFERENCES users (id),
  actor_label TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX ix_case_events_person_at ON case_events (person_id, at, id);
CREATE INDEX ix_case_events_prescription_at ON case_events (prescription_id, at, id);

-- SPEC PPAIP-17
CREATE TABLE permanences (
  id {{pk}},
  provider_id BIGINT NOT NULL CONSTRAINT fk_permanences_provider REFERENCES organisations (id),
  site_id BIGINT NULL CONSTRAINT fk_permanences_site REFERENCES organisations (id),
  permanence_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL
    CONSTRAINT ck_permanences_start_minute CHECK (start_minute >= 0 AND start_minute < 1440),
  duration_minutes INTEGER NOT NULL
    CONSTRAINT ck_permanences_duration_minutes CHECK (duration_minutes > 0),
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NULL CONSTRAINT fk_permanences_recorded_by REFERENCES users (id)
);
CREATE INDEX ix_permanences_provider_date
  ON permanences (provider_id, permanence_date, start_minute, id);
)sql";

}  // namespace parcours::storage
