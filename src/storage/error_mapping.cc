#include "storage/error_mapping.h"

#include <cctype>
#include <cstdio>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

namespace parcours::storage {
namespace {

// Named unique constraints (storage/migrations.cc) and what a person is told when one is
// violated. PostgreSQL names the constraint; SQLite names the columns.
struct UniqueRule {
  const char* constraint;
  const char* sqlite_columns;
  const char* message;
};

constexpr UniqueRule kUniqueRules[] = {
    {"uq_organisations_code", "organisations.code", "Une organisation porte déjà ce code."},
    {"uq_users_email", "users.email", "Un compte existe déjà avec cette adresse e-mail."},
    {"uq_memberships_user_org_role", "memberships.user_id, memberships.org_id, memberships.role",
     "Cette personne a déjà ce rôle dans cette organisation."},
    {"uq_contracts_reference", "contracts.reference", "Un marché porte déjà cette référence."},
    {"uq_lots_contract_number", "lots.contract_id, lots.number",
     "Ce numéro de lot existe déjà dans ce marché."},
    {"pk_lot_spips", "lot_spips.lot_id, lot_spips.spip_id", "Ce SPIP est déjà couvert par ce lot."},
    {"pk_establishment_coordinators",
     "establishment_coordinators.provider_org_id, establishment_coordinators.establishment_id",
     "Cet établissement a déjà un coordinateur pour ce prestataire."},
    {"uq_substitutes_provider_user", "substitutes.provider_org_id, substitutes.user_id",
     "Cet intervenant est déjà suppléant."},
    {"pk_web_sessions", "web_sessions.token_hash", "Cette session existe déjà."},
    {"uq_api_tokens_token_hash", "api_tokens.token_hash", "Ce jeton d’accès existe déjà."},
    {"uq_audit_log_seq", "audit_log.seq",
     "Le journal d’audit a été complété en même temps ; rien n’a été enregistré, réessayez."},
    {"uq_proposals_prescription_version", "proposals.prescription_id, proposals.version",
     "Cette version de la proposition a déjà été enregistrée, peut-être en même temps par "
     "quelqu’un d’autre ; rien n’a été enregistré, rechargez la page."},
    {"uq_workshop_sessions_workshop_number",
     "workshop_sessions.workshop_id, workshop_sessions.number",
     "Cet atelier a déjà une séance portant ce numéro."},
    {"uq_workshop_attendance_session_participant",
     "workshop_attendance.workshop_session_id, workshop_attendance.participant_id",
     "La présence de ce participant à cette séance a été enregistrée en même temps par "
     "quelqu’un d’autre ; rien n’a été enregistré, rechargez la page."},
    {"pk_workshop_theme_agreements",
     "workshop_theme_agreements.spip_id, workshop_theme_agreements.programme_id, "
     "workshop_theme_agreements.theme_id",
     "Ce thème est déjà accepté par ce SPIP pour ce programme."},
};

struct CheckRule {
  const char* constraint;
  const char* message;
};

constexpr CheckRule kCheckRules[] = {
    {"ck_places_capacity", "La capacité d’un lieu ne peut pas être négative."},
};

constexpr const char* kDuplicate = "Cet élément existe déjà.";
constexpr const char* kLinkedMissing = "L’élément lié n’existe pas.";
constexpr const char* kUsedElsewhere =
    "Cet élément est utilisé ailleurs : il ne peut pas être supprimé.";
constexpr const char* kCheckFailed = "Une valeur n’est pas admise.";
constexpr const char* kMissingValue = "Une information obligatoire manque.";
constexpr const char* kBadFormat = "Une valeur n’a pas le format attendu.";
constexpr const char* kConcurrent =
    "Une autre modification a eu lieu en même temps ; rien n’a été enregistré, réessayez.";
constexpr const char* kBusy =
    "La base de données est occupée ; rien n’a été enregistré, réessayez dans un instant.";
constexpr const char* kConnectionLost =
    "La connexion à la base de données est perdue ; rien n’a été enregistré, réessayez dans un "
    "instant.";
constexpr const char* kDatabaseUnreachable =
    "La base de données est inaccessible ; rien n’a été enregistré. Prévenez l’administrateur.";
constexpr const char* kRowMissing = "Cet élément n’existe pas ou a été supprimé.";

bool contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Whether `name` appears in `text` as a whole identifier (PostgreSQL quotes it "…" or « … »
// depending on lc_messages).
bool names(const std::string& text, const std::string& name) {
  for (auto pos = text.find(name); pos != std::string::npos; pos = text.find(name, pos + 1)) {
    bool before = pos > 0 && is_identifier_char(text[pos - 1]);
    std::size_t end = pos + name.size();
    bool after = end < text.size() && is_identifier_char(text[end]);
    if (!before && !after) return true;
  }
  return false;
}

// SOCI adds the failing statement as context: … while executing "DELETE …".
bool failed_on_delete(const std::string& what) {
  static const std::string marker = "while executing \"";
  auto pos = what.rfind(marker);
  if (pos == std::string::npos) return false;
  std::string verb = what.substr(pos + marker.size(), 6);
  for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return verb == "DELETE";
}

// The technical text without the values SOCI appends (they may hold hashes or personal data).
std::string loggable(const std::string& what) {
  auto pos = what.rfind("\" with :");
  return pos == std::string::npos ? what : what.substr(0, pos + 1);
}

Error unexpected(const std::string& what, const char* message) {
  std::fprintf(stderr, "parcours: storage: %s\n", loggable(what).c_str());
  return unavailable(message);
}

Error unique_violation(const std::string& what, Backend backend) {
  if (backend == Backend::sqlite) {
    static const std::string marker = "UNIQUE constraint failed: ";
    auto pos = what.find(marker);
    std::string columns = pos == std::string::npos ? "" : what.substr(pos + marker.size());
    columns = columns.substr(0, columns.find(" while executing"));
    columns = columns.substr(0, columns.find('\n'));
    for (const auto& rule : kUniqueRules) {
      if (columns == rule.sqlite_columns) return conflict(rule.message);
    }
    return conflict(kDuplicate);
  }
  for (const auto& rule : kUniqueRules) {
    if (names(what, rule.constraint)) return conflict(rule.message);
  }
  return conflict(kDuplicate);
}

Error foreign_key_violation(const std::string& what) {
  if (failed_on_delete(what) || contains(what, "update or delete on table")) {
    return conflict(kUsedElsewhere);
  }
  return conflict(kLinkedMissing);
}

Error check_violation(const std::string& what) {
  for (const auto& rule : kCheckRules) {
    if (names(what, rule.constraint)) return invalid(rule.message);
  }
  return invalid(kCheckFailed);
}

Error map_sqlite(const std::string& what) {
  if (contains(what, "UNIQUE constraint failed")) return unique_violation(what, Backend::sqlite);
  if (contains(what, "FOREIGN KEY constraint failed")) return foreign_key_violation(what);
  if (contains(what, "CHECK constraint failed")) return check_violation(what);
  if (contains(what, "NOT NULL constraint failed")) return invalid(kMissingValue);
  if (contains(what, "datatype mismatch")) return invalid(kBadFormat);
  if (contains(what, "database is locked") || contains(what, "database table is locked") ||
      contains(what, "database schema is locked")) {
    return unexpected(what, kBusy);
  }
  for (const char* io :
       {"disk I/O error", "unable to open database", "database or disk is full",
        "readonly database", "malformed", "file is not a database", "out of memory"}) {
    if (contains(what, io)) return unexpected(what, kDatabaseUnreachable);
  }
  return unexpected(what, kGenericFailure);
}

Error map_postgresql(const std::string& what, const std::string& sqlstate) {
  if (sqlstate == "23505") return unique_violation(what, Backend::postgresql);
  if (sqlstate == "23503") return foreign_key_violation(what);
  if (sqlstate == "23514") return check_violation(what);
  if (sqlstate == "23502") return invalid(kMissingValue);
  if (sqlstate.rfind("22", 0) == 0) return invalid(kBadFormat);
  if (sqlstate == "40001" || sqlstate == "40P01") return conflict(kConcurrent);
  if (sqlstate == "55P03" || sqlstate == "57014") return unexpected(what, kBusy);
  for (const char* cls : {"53", "58", "XX"}) {
    if (sqlstate.rfind(cls, 0) == 0) return unexpected(what, kDatabaseUnreachable);
  }
  return unexpected(what, kGenericFailure);
}

}  // namespace

const char* const kGenericFailure =
    "Une erreur technique est survenue ; rien n’a été enregistré. Réessayez ou prévenez "
    "l’administrateur.";

const char* const kStaleVersion =
    "Cette fiche a été modifiée entre-temps par quelqu’un d’autre ; rien n’a été enregistré. "
    "Rechargez-la pour voir ses changements.";

bool is_connection_failure(const std::exception& e) {
  const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e);
  if (soci_error == nullptr) return false;
  if (soci_error->get_error_category() == soci::soci_error::connection_error) return true;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = pg->sqlstate();
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) return true;
  }
  std::string what = e.what();
  return contains(what, "server closed the connection") ||
         contains(what, "no connection to the server") ||
         contains(what, "terminating connection") || contains(what, "could not receive data") ||
         contains(what, "could not send data") || contains(what, "connection to server") ||
         // SOCI, on a pooled session whose reconnection failed during an outage: reconnect
         // again once the database is back, instead of failing one request per connection.
         contains(what, "Session is not connected");
}

Error map_backend_error(const std::exception& e, Backend backend) {
  if (dynamic_cast<const RowMissing*>(&e) != nullptr) return not_found(kRowMissing);
  if (dynamic_cast<const StaleVersion*>(&e) != nullptr) return conflict(kStaleVersion);
  std::string what = e.what();
  if (dynamic_cast<const soci::soci_error*>(&e) == nullptr) {
    return unexpected(what, kGenericFailure);
  }
  if (is_connection_failure(e)) return unexpected(what, kConnectionLost);
  if (backend == Backend::sqlite) return map_sqlite(what);
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  return map_postgresql(what, pg != nullptr ? pg->sqlstate() : std::string());
}

}  // namespace parcours::storage
