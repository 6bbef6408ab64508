// Bulk creation of establishments and users from a spreadsheet saved as CSV
// (SPEC ORG-1, ORG-2, ORG-4; SEC-5 "nothing half-written on failure").
//
// Contract shared by both imports:
// - Administrators only (`can_administer`), else `forbidden`.
// - The file is read by parse_csv (domain/csv.h): ';' or ',', UTF-8 only, quotes per RFC 4180.
//   Header cells are matched ignoring case, accents, spaces and punctuation
//   ("Téléphone", "TELEPHONE", "e-mail"…); an unknown, repeated or missing column refuses
//   the file with one FieldError on the header line.
// - Every line is checked with the same validation as the administration forms (the
//   insert_* helpers of app/admin.h). If any line is wrong NOTHING is imported: the error is
//   `invalid` "Import refusé : N lignes comportent des erreurs. Aucune ligne n’a été importée."
//   with one FieldError per problem, field "ligne N" (physical line where the record starts)
//   and a French reason. All writes happen in one Store::transact.
// - A file without data lines: `invalid` "Le fichier ne contient aucune ligne à importer."
// - On success: the number of data lines imported.
#pragma once

#include <string>

#include "app/actor.h"
#include "app/ports.h"

namespace parcours {

// Columns: code;nom;spip;departement;adresse;telephone — `spip` is the code of the SPIP the
// establishment belongs to (it must exist already). Establishments are milieu fermé.
Result<int> import_establishments_csv(Store& store, const Actor& actor, const std::string& text);

// Columns: email;nom;role;organisation;telephone;qualification;adeli — one line is one
// membership: `role` is a role name ("cpip", "intervenant_psychologist"…) or its French label
// ("CPIP", "Psychologue du travail"…), `organisation` an organisation code. The same e-mail on
// several lines creates one account with several memberships; its details (nom, téléphone,
// qualification, ADELI) may be given on any of those lines but must not contradict each other.
// Accounts are created without a password and each receives an invitation e-mail with a
// one-time link to choose it (ORG-2, SEC-5; in the outbox, rolled back with the file).
Result<int> import_users_csv(Store& store, const Clock& clock, const Actor& actor,
                             const std::string& text);
// The same with the system clock.
Result<int> import_users_csv(Store& store, const Actor& actor, const std::string& text);

// The kind of file is recognised from its header: a column `email` means users, a column
// `spip` establishments; neither (or both) refuses the file with a French message.
struct CsvImport {
  std::string kind;  // "users" or "establishments"
  int lines = 0;
};
Result<CsvImport> import_csv(Store& store, const Clock& clock, const Actor& actor,
                             const std::string& text);

// Header lines (with CRLF) of files to fill in, offered for download on the import page.
std::string establishments_csv_template();
std::string users_csv_template();

// More data lines than this refuse the file (one transaction must stay reasonable).
inline constexpr int kMaxImportLines = 5000;

}  // namespace parcours
