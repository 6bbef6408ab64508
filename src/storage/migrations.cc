#include "storage/migrations.h"

#include "storage/migrations_schema.h"

namespace parcours::storage {
namespace {

// Migration 1: organisations, places, people, the contract, provider staff, authentication
// (SPEC ORG-1…ORG-5, SEC-5). Orders the list methods need are served by the indexes below.
constexpr const char* kInitialSchema = R"sql(
CREATE TABLE organisations (
  id {{pk}},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL,
  parent_id BIGINT NULL CONSTRAINT fk_organisations_parent REFERENCES organisations (id),
  departement TEXT NOT NULL DEFAULT '',
  milieu TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CONSTRAINT ck_organisations_active CHECK (active IN (0, 1)),
  CONSTRAINT uq_organisations_code UNIQUE (code)
);
CREATE INDEX ix_organisations_kind ON organisations (kind, name);
CREATE INDEX ix_organisations_parent ON organisations (parent_id);

-- SPEC ORG-5
CREATE TABLE places (
  id {{pk}},
  org_id BIGINT NOT NULL CONSTRAINT fk_places_org REFERENCES organisations (id),
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL CONSTRAINT ck_places_capacity CHECK (capacity >= 0),
  availability TEXT NOT NULL DEFAULT '',
  public_transport INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_places_public_transport CHECK (public_transport IN (0, 1))
);
CREATE INDEX ix_places_org ON places (org_id);

-- SPEC ORG-2, ORG-4. The e-mail address is stored lower-case; it is the login.
CREATE TABLE users (
  id {{pk}},
  email TEXT NOT NULL,
  full_name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  qualification TEXT NOT NULL DEFAULT '',
  adeli TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CONSTRAINT ck_users_active CHECK (active IN (0, 1)),
  password_hash TEXT NULL,
  CONSTRAINT uq_users_email UNIQUE (email)
);

CREATE TABLE memberships (
  id {{pk}},
  user_id BIGINT NOT NULL CONSTRAINT fk_memberships_user REFERENCES users (id),
  org_id BIGINT NOT NULL CONSTRAINT fk_memberships_org REFERENCES organisations (id),
  role TEXT NOT NULL,
  CONSTRAINT uq_memberships_user_org_role UNIQUE (user_id, org_id, role)
);
CREATE INDEX ix_memberships_org ON memberships (org_id);

-- SPEC ORG-3
CREATE TABLE contracts (
  id {{pk}},
  disp_org_id BIGINT NOT NULL CONSTRAINT fk_contracts_disp REFERENCES organisations (id),
  reference TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  programme TEXT NOT NULL,
  start_date TEXT NOT NULL,
  initial_months INTEGER NOT NULL,
  renewals_allowed INTEGER NOT NULL,
  renewal_months INTEGER NOT NULL,
  renewals_used INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT uq_contracts_reference UNIQUE (reference)
);

CREATE TABLE lots (
  id {{pk}},
  contract_id BIGINT NOT NULL CONSTRAINT fk_lots_contract REFERENCES contracts (id),
  number INTEGER NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  provider_org_id BIGINT NULL CONSTRAINT fk_lots_provider REFERENCES organisations (id),
  individual_hours INTEGER NOT NULL DEFAULT 0,
  collective_hours INTEGER NOT NULL DEFAULT 0,
  individual_price_cents BIGINT NOT NULL DEFAULT 0,
  collective_price_cents BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT uq_lots_contract_number UNIQUE (contract_id, number)
);
CREATE INDEX ix_lots_provider ON lots (provider_org_id);

CREATE TABLE lot_spips (
  lot_id BIGINT NOT NULL CONSTRAINT fk_lot_spips_lot REFERENCES lots (id) ON DELETE CASCADE,
  spip_id BIGINT NOT NULL CONSTRAINT fk_lot_spips_spip REFERENCES organisations (id),
  CONSTRAINT pk_lot_spips PRIMARY KEY (lot_id, spip_id)
);
CREATE INDEX ix_lot_spips_spip ON lot_spips (spip_id);

CREATE TABLE volume_amendments (
  id {{pk}},
  lot_id BIGINT NOT NULL CONSTRAINT fk_volume_amendments_lot REFERENCES lots (id),
  effective_on TEXT NOT NULL,
  individual_hours_delta INTEGER NOT NULL DEFAULT 0,
  collective_hours_delta INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_volume_amendments_lot ON volume_amendments (lot_id, effective_on, id);

-- SPEC ORG-4
CREATE TABLE access_authorisations (
  id {{pk}},
  user_id BIGINT NOT NULL CONSTRAINT fk_access_authorisations_user REFERENCES users (id),
  establishment_id BIGINT NOT NULL
    CONSTRAINT fk_access_authorisations_establishment REFERENCES organisations (id),
  requested_on TEXT NOT NULL,
  granted_on TEXT NULL,
  ends_on TEXT NULL
);
CREATE INDEX ix_access_authorisations_user ON access_authorisations (user_id, requested_on);
CREATE INDEX ix_access_authorisations_establishment ON access_authorisations (establishment_id);

CREATE TABLE establishment_coordinators (
  provider_org_id BIGINT NOT NULL
    CONSTRAINT fk_establishment_coordinators_provider REFERENCES organisations (id),
  establishment_id BIGINT NOT NULL
    CONSTRAINT fk_establishment_coordinators_establishment REFERENCES organisations (id),
  user_id BIGINT NOT NULL CONSTRAINT fk_establishment_coordinators_user REFERENCES users (id),
  CONSTRAINT pk_establishment_coordinators PRIMARY KEY (provider_org_id, establishment_id)
);

CREATE TABLE substitutes (
  id {{pk}},
  provider_org_id BIGINT NOT NULL CONSTRAINT fk_substitutes_provider REFERENCES organisations (id),
  user_id BIGINT NOT NULL CONSTRAINT fk_substitutes_user REFERENCES users (id),
  note TEXT NOT NULL DEFAULT '',
  CONSTRAINT uq_substitutes_provider_user UNIQUE (provider_org_id, user_id)
);

-- SEC-5: signed-in browser sessions (only a hash of the cookie token), throttling, API tokens.
CREATE TABLE web_sessions (
  token_hash TEXT NOT NULL,
  user_id BIGINT NOT NULL CONSTRAINT fk_web_sessions_user REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  remote_addr TEXT NOT NULL DEFAULT '',
  CONSTRAINT pk_web_sessions PRIMARY KEY (token_hash)
);
CREATE INDEX ix_web_sessions_user ON web_sessions (user_id);
CREATE INDEX ix_web_sessions_last_seen ON web_sessions (last_seen_at);

CREATE TABLE login_failures (
  id {{pk}},
  key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX ix_login_failures_key_at ON login_failures (key, at);

CREATE TABLE api_tokens (
  id {{pk}},
  user_id BIGINT NOT NULL CONSTRAINT fk_api_tokens_user REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_api_tokens_revoked CHECK (revoked IN (0, 1)),
  CONSTRAINT uq_api_tokens_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
)sql";

// Migration 2: the audit trail (SPEC SEC-2), a hash chain (domain/audit.h). No foreign keys on
// actor or subject: the journal outlives what it describes. audit_head holds seq and hash of
// the last entry; appending updates it first, so its row lock serialises appends on
// PostgreSQL (SQLite writers are already serialised by BEGIN IMMEDIATE), and removing the
// last entries shows as a head that no entry matches.
constexpr const char* kAuditTrail = R"sql(
CREATE TABLE audit_log (
  id {{pk}},
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  actor_user_id BIGINT NULL,
  actor_label TEXT NOT NULL,
  remote_addr TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id BIGINT NULL,
  person_id BIGINT NULL,
  detail TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  CONSTRAINT uq_audit_log_seq UNIQUE (seq)
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject_type, subject_id);
CREATE INDEX ix_audit_log_person ON audit_log (person_id, seq);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CONSTRAINT ck_audit_head_single CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
)sql";

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

bool is_blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

const char* const kSchemaMigrationsDdl =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER NOT NULL, description TEXT NOT NULL, applied_at BIGINT NOT NULL, "
    "CONSTRAINT pk_schema_migrations PRIMARY KEY (version))";

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1,
       "Schéma initial : organisations, lieux, comptes, marchés et lots, intervenants, "
       "sessions et jetons",
       kInitialSchema},
      {2, "Journal d’audit chaîné (consultations et modifications)", kAuditTrail},
      {3,
       "Parcours des personnes : dossiers, orientations, prescriptions, propositions, "
       "séances, suspensions, échéances, historique, permanences",
       kJourneySchema},
      {4, "Notifications, boîte d’envoi des courriels et préférences", kNotificationSchema},
      {5, "Ateliers collectifs, émargements, dossier professionnel, consentements et bilans",
       kWorkshopSchema},
      {6,
       "Exécution du marché : relevés mensuels, alertes de volume, remplacements des "
       "intervenants et index des indicateurs",
       kReportingSchema},
      {7, "Index des heures réalisées pour les indicateurs du marché", kReportingIndexes},
      {8, "Index des heures réalisées par intervenant pour le suivi des équipes",
       kReportingIntervenantIndex},
      {9, "Relevés mensuels : numéro de dossier et initiales à la place du nom des personnes",
       kStatementLinesWithoutNames},
      {10, "Comptes remis par invitation, liens à usage unique et expiration des jetons d’API",
       kAccountsSchema},
      {11, "Numéro de version des fiches modifiables (enregistrements concurrents)",
       kRecordVersions},
      {12, "Index des modifications du journal d’audit, sans les consultations",
       kAuditChangeIndexes},
  };
  return all;
}

std::string render_migration_sql(const std::string& sql, Backend backend) {
  std::string out = sql;
  replace_all(
      out, "{{pk}}",
      backend == Backend::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY");
  return out;
}

std::vector<std::string> split_sql_statements(const std::string& script) {
  std::vector<std::string> out;
  std::string current;
  bool in_quote = false;
  for (std::size_t i = 0; i < script.size(); ++i) {
    char c = script[i];
    if (!in_quote && c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
      while (i < script.size() && script[i] != '\n') ++i;
      current += '\n';
      continue;
    }
    if (c == '\'') in_quote = !in_quote;
    if (!in_quote && c == ';') {
      if (!is_blank(current)) out.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  if (!is_blank(current)) out.push_back(current);
  return out;
}

}  // namespace parcours::storage
