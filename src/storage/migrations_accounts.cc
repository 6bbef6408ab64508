// Migration 10: accounts that can be handed over and credentials that expire (SPEC SEC-5,
// ORG-2). See migrations.h for the rules (one text for both backends).
#include "storage/migrations_schema.h"

namespace parcours::storage {

// API tokens expire; those created before this migration expire 90 days after their creation,
// as new ones do. One-time links (invitation, unlock) keep only the digest of their token.
const char* const kAccountsSchema = R"sql(
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_at = created_at + 7776000;

CREATE TABLE account_links (
  id {{pk}},
  user_id BIGINT NOT NULL CONSTRAINT fk_account_links_user REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CONSTRAINT ck_account_links_purpose CHECK (purpose IN ('invitation', 'unlock')),
  token_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT NULL,
  CONSTRAINT uq_account_links_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_account_links_user ON account_links (user_id, purpose);
)sql";

}  // namespace parcours::storage
