#include "app/csv_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "app/admin.h"
#include "app/auth.h"
#include "app/system_clock.h"
#include "domain/csv.h"
#include "domain/validation.h"

namespace parcours {
namespace {

// ---- Columns and header ----------------------------------------------------------------

struct ColumnSpec {
  const char* name;  // as written in the template and in messages
  bool required;
  std::vector<const char*> aliases;  // csv_key() forms accepted in the header
};

const std::vector<ColumnSpec>& establishment_columns() {
  static const std::vector<ColumnSpec> cols = {
      {"code", true, {"code", "codeetablissement"}},
      {"nom", true, {"nom", "name", "libelle"}},
      {"spip", true, {"spip", "codespip"}},
      {"departement", false, {"departement", "dept", "dep"}},
      {"adresse", false, {"adresse", "address"}},
      {"telephone", false, {"telephone", "tel", "phone"}},
  };
  return cols;
}

const std::vector<ColumnSpec>& user_columns() {
  static const std::vector<ColumnSpec> cols = {
      {"email", true, {"email", "mail", "courriel", "adresseemail", "adressemail"}},
      {"nom", true, {"nom", "nomcomplet", "name", "prenomnom", "nomprenom"}},
      {"role", true, {"role"}},
      {"organisation", true, {"organisation", "codeorganisation", "structure"}},
      {"telephone", false, {"telephone", "tel", "phone"}},
      {"qualification", false, {"qualification"}},
      {"adeli", false, {"adeli", "numeroadeli", "nadeli"}},
  };
  return cols;
}

std::string expected_header(const std::vector<ColumnSpec>& spec) {
  std::vector<std::string> names;
  for (const auto& c : spec) names.emplace_back(c.name);
  return csv_line(names);
}

std::string header_list(const std::vector<ColumnSpec>& spec) {
  std::string out = expected_header(spec);
  return out.substr(0, out.size() - 2);  // without CRLF
}

std::string line_field(int line) {
  return "ligne " + std::to_string(line);
}

// Column name → index in the file.
using ColumnMap = std::map<std::string, std::size_t>;

const ColumnSpec* column_for(const std::vector<ColumnSpec>& spec, const std::string& key) {
  for (const auto& c : spec)
    if (std::find(c.aliases.begin(), c.aliases.end(), key) != c.aliases.end()) return &c;
  return nullptr;
}

Result<ColumnMap> map_header(const CsvRow& header, const std::vector<ColumnSpec>& spec) {
  ColumnMap map;
  std::vector<FieldError> errors;
  const std::string where = line_field(header.line);
  const std::string expected = " Colonnes attendues : " + header_list(spec) + ".";
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto* col = column_for(spec, csv_key(header.fields[i]));
    if (!col) {
      if (!trim(header.fields[i]).empty())
        errors.push_back(
            {where, "Colonne « " + trim(header.fields[i]) + " » inconnue." + expected});
    } else if (!map.emplace(col->name, i).second) {
      errors.push_back({where, std::string("Colonne « ") + col->name + " » en double."});
    }
  }
  for (const auto& c : spec)
    if (c.required && !map.count(c.name))
      errors.push_back({where, std::string("Colonne « ") + c.name + " » manquante." + expected});
  if (!errors.empty())
    return invalid(
        "Import refusé : l’en-tête du fichier ne correspond pas aux colonnes attendues. "
        "Aucune ligne n’a été importée.",
        std::move(errors));
  return map;
}

// ---- Lines and their errors ------------------------------------------------------------

struct Line {
  const CsvRow* row;
  const ColumnMap* columns;

  int number() const { return row->line; }
  std::string get(const std::string& column) const {
    auto it = columns->find(column);
    if (it == columns->end() || it->second >= row->fields.size()) return {};
    return trim(row->fields[it->second]);
  }
};

// Collects problems per line; turns them into the refusal (SPEC SEC-5: all or nothing).
class LineErrors {
 public:
  void add(int line, std::string message) { errors_.push_back({line, std::move(message)}); }
  // Errors of the shared helpers: one entry per field detail, named by its CSV column.
  void add(int line, const Error& e) {
    if (e.details.empty()) return add(line, e.message);
    for (const auto& d : e.details) add(line, column_prefix(d.field) + d.message);
  }
  bool empty() const { return errors_.empty(); }

  Error refusal() const {
    auto sorted = errors_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Entry& a, const Entry& b) { return a.line < b.line; });
    std::set<int> lines;
    std::vector<FieldError> details;
    for (const auto& e : sorted) {
      lines.insert(e.line);
      details.push_back({line_field(e.line), e.message});
    }
    std::string count = lines.size() == 1 ? "1 ligne comporte"
                                          : std::to_string(lines.size()) + " lignes comportent";
    return invalid("Import refusé : " + count + " des erreurs. Aucune ligne n’a été importée.",
                   std::move(details));
  }

 private:
  struct Entry {
    int line;
    std::string message;
  };

  // Form field names of the admin helpers → CSV columns.
  static std::string column_prefix(const std::string& field) {
    static const std::map<std::string, std::string> columns = {
        {"code", "code"},
        {"name", "nom"},
        {"full_name", "nom"},
        {"parent_id", "spip"},
        {"departement", "departement"},
        {"address", "adresse"},
        {"phone", "telephone"},
        {"email", "email"},
        {"adeli", "adeli"},
        {"role", "role"},
        {"org_id", "organisation"},
        {"qualification", "qualification"},
    };
    auto it = columns.find(field);
    return it == columns.end() ? "" : "Colonne « " + it->second + " » : ";
  }

  std::vector<Entry> errors_;
};

// Parsed file with its header mapped to the expected columns.
struct Sheet {
  CsvTable table;
  ColumnMap columns;

  std::vector<Line> lines() const {
    std::vector<Line> out;
    for (std::size_t i = 1; i < table.rows.size(); ++i) out.push_back({&table.rows[i], &columns});
    return out;
  }
};

Result<Sheet> read_sheet(const std::string& text, const std::vector<ColumnSpec>& spec) {
  auto parsed = parse_csv(text);
  if (!parsed.ok()) return parsed.error();  // "Ligne N : …", with the line as detail
  Sheet s;
  s.table = std::move(parsed.value());
  if (s.table.rows.size() < 2) return invalid("Le fichier ne contient aucune ligne à importer.");
  if (s.table.rows.size() - 1 > static_cast<std::size_t>(kMaxImportLines))
    return invalid("Le fichier comporte plus de " + std::to_string(kMaxImportLines) +
                   " lignes : découpez-le en plusieurs fichiers.");
  auto columns = map_header(s.table.rows.front(), spec);
  if (!columns.ok()) return columns.error();
  s.columns = std::move(columns.value());
  return s;
}

// Fields beyond the header mean a wrong delimiter or a stray quote.
void check_width(const Line& l, std::size_t header_width, LineErrors& errors) {
  const auto& f = l.row->fields;
  for (std::size_t i = header_width; i < f.size(); ++i) {
    if (!trim(f[i]).empty()) {
      errors.add(l.number(),
                 "La ligne comporte plus de colonnes que l’en-tête (vérifiez le séparateur et les "
                 "guillemets).");
      return;
    }
  }
}

std::string quoted(const std::string& s) {
  return "« " + s + " »";
}

// ---- Establishments (ORG-1) -------------------------------------------------------------

Organisation establishment_of(const Line& l) {
  Organisation o;
  o.kind = OrgKind::establishment;
  o.milieu = Milieu::closed;
  o.code = l.get("code");
  o.name = l.get("nom");
  o.departement = l.get("departement");
  o.address = l.get("adresse");
  o.phone = l.get("telephone");
  return o;
}

// The SPIP named by the line, or why not.
std::optional<Organisation> parent_spip(Repos& r, const Line& l, LineErrors& errors) {
  const std::string code = l.get("spip");
  if (code.empty()) {
    errors.add(l.number(), "Colonne « spip » : indiquez le code du SPIP de rattachement.");
    return std::nullopt;
  }
  auto spip = r.orgs.find_by_code(code);
  if (!spip) {
    errors.add(l.number(), "Le SPIP " + quoted(code) + " n’existe pas : vérifiez son code.");
    return std::nullopt;
  }
  if (spip->kind != OrgKind::spip) {
    errors.add(l.number(),
               quoted(code) + " n’est pas un SPIP (c’est : " + org_kind_label(spip->kind) + ").");
    return std::nullopt;
  }
  return spip;
}

void import_establishment(Repos& r, const Line& l, std::map<std::string, int>& seen_codes,
                          LineErrors& errors) {
  Organisation o = establishment_of(l);
  auto spip = parent_spip(r, l, errors);
  if (!o.code.empty()) {
    auto [it, fresh] = seen_codes.emplace(o.code, l.number());
    if (!fresh) {
      errors.add(l.number(), "Le code " + quoted(o.code) + " figure déjà à la ligne " +
                                 std::to_string(it->second) + " du fichier.");
      return;
    }
  }
  if (!spip) {  // still report the other problems of the line
    if (auto s = validate_organisation(o, OrgKind::spip); !s.ok())
      errors.add(l.number(), s.error());
    return;
  }
  o.parent_id = spip->id;
  if (auto id = insert_organisation(r, o); !id.ok()) errors.add(l.number(), id.error());
}

// ---- Users (ORG-2, ORG-4) ---------------------------------------------------------------

std::optional<Role> role_from_text(const std::string& text) {
  const std::string key = csv_key(text);
  for (Role role : all_roles())
    if (key == csv_key(role_name(role)) || key == csv_key(role_label(role))) return role;
  return std::nullopt;
}

// French labels only: role ids are for programs, not for people.
std::string known_roles() {
  std::string out;
  for (Role role : all_roles()) {
    if (!out.empty()) out += ", ";
    out += role_label(role);
  }
  return out;
}

// One account and the lines that give its memberships.
struct Account {
  User user;
  int first_line = 0;
  std::vector<Line> lines;
};

User user_of(const Line& l) {
  User u;
  u.email = ascii_lower(l.get("email"));
  u.full_name = l.get("nom");
  u.phone = l.get("telephone");
  u.qualification = l.get("qualification");
  u.adeli = l.get("adeli");
  return u;
}

// A detail given on several lines of the same account must agree.
void merge_field(const char* column, std::string& kept, const std::string& given, int first_line,
                 int line, LineErrors& errors) {
  if (given.empty() || given == kept) return;
  if (kept.empty()) {
    kept = given;
    return;
  }
  errors.add(line, std::string("Colonne « ") + column + " » : " + quoted(given) +
                       " contredit la ligne " + std::to_string(first_line) + " (" + quoted(kept) +
                       ") pour la même adresse e-mail.");
}

std::vector<Account> group_accounts(const std::vector<Line>& lines, LineErrors& errors) {
  std::vector<Account> accounts;
  std::map<std::string, std::size_t> by_email;
  for (const auto& l : lines) {
    User u = user_of(l);
    auto found = u.email.empty() ? by_email.end() : by_email.find(u.email);
    if (found == by_email.end()) {
      if (!u.email.empty()) by_email.emplace(u.email, accounts.size());
      accounts.push_back({u, l.number(), {l}});
      continue;
    }
    Account& a = accounts[found->second];
    merge_field("nom", a.user.full_name, u.full_name, a.first_line, l.number(), errors);
    merge_field("telephone", a.user.phone, u.phone, a.first_line, l.number(), errors);
    merge_field("qualification", a.user.qualification, u.qualification, a.first_line, l.number(),
                errors);
    merge_field("adeli", a.user.adeli, u.adeli, a.first_line, l.number(), errors);
    a.lines.push_back(l);
  }
  return accounts;
}

struct Target {
  Organisation org;
  Role role;
};

std::optional<Target> membership_target(Repos& r, const Line& l, LineErrors& errors) {
  const std::string role_text = l.get("role");
  const std::string org_code = l.get("organisation");
  auto role = role_from_text(role_text);
  if (!role)
    errors.add(l.number(), role_text.empty()
                               ? "Colonne « role » : le rôle est obligatoire."
                               : "Le rôle " + quoted(role_text) +
                                     " est inconnu. Rôles possibles : " + known_roles() + ".");
  std::optional<Organisation> org;
  if (org_code.empty())
    errors.add(l.number(), "Colonne « organisation » : indiquez le code d’une organisation.");
  else if (!(org = r.orgs.find_by_code(org_code)))
    errors.add(l.number(),
               "L’organisation " + quoted(org_code) + " n’existe pas : vérifiez son code.");
  if (!role || !org) return std::nullopt;
  return Target{*org, *role};
}

void import_account(Repos& r, const Clock& clock, const Account& a, LineErrors& errors) {
  auto id = insert_user(r, a.user);
  if (!id.ok()) errors.add(a.first_line, id.error());
  std::string context;
  for (const auto& l : a.lines) {
    auto target = membership_target(r, l, errors);
    if (!target) continue;
    if (context.empty()) context = std::string(role_label(target->role)) + " — " + target->org.name;
    if (id.ok()) {
      auto m = insert_membership(r, Membership{0, *id, target->org.id, target->role});
      if (!m.ok()) errors.add(l.number(), m.error());
    } else if (auto s = validate_membership(a.user, target->role, target->org.kind); !s.ok()) {
      errors.add(l.number(), s.error());  // the account failed: still check the membership
    }
  }
  // ORG-2, SEC-5: the account is handed over by e-mail (rolled back with the file on error).
  if (id.ok())
    if (auto u = r.users.find(*id)) send_invitation(r, clock, *u, context);
}

// Which kind of file a header describes: the column only user files have (e-mail), or the one
// only establishment files have (spip).
std::optional<std::string> kind_of_header(const CsvRow& header) {
  bool users = false, establishments = false;
  for (const auto& cell : header.fields) {
    const std::string key = csv_key(cell);
    const ColumnSpec* u = column_for(user_columns(), key);
    const ColumnSpec* e = column_for(establishment_columns(), key);
    users = users || (u && std::string(u->name) == "email");
    establishments = establishments || (e && std::string(e->name) == "spip");
  }
  if (users == establishments) return std::nullopt;
  return users ? "users" : "establishments";
}

// Runs one import: header, lines, one transaction, all or nothing.
template <typename ImportLines>
Result<int> run_import(Store& store, const Actor& actor, const std::string& text,
                       const std::vector<ColumnSpec>& spec, ImportLines import_lines) {
  if (!can_administer(actor)) return forbidden();
  auto sheet = read_sheet(text, spec);
  if (!sheet.ok()) return sheet.error();
  const std::vector<Line> lines = sheet->lines();
  const std::size_t width = sheet->table.rows.front().fields.size();
  return transact<int>(store, [&](Repos& r) -> Result<int> {
    LineErrors errors;
    for (const auto& l : lines) check_width(l, width, errors);
    import_lines(r, lines, errors);
    if (!errors.empty()) return errors.refusal();  // rolls the whole file back
    return static_cast<int>(lines.size());
  });
}

}  // namespace

Result<int> import_establishments_csv(Store& store, const Actor& actor, const std::string& text) {
  return run_import(store, actor, text, establishment_columns(),
                    [](Repos& r, const std::vector<Line>& lines, LineErrors& errors) {
                      std::map<std::string, int> seen_codes;
                      for (const auto& l : lines) import_establishment(r, l, seen_codes, errors);
                    });
}

Result<int> import_users_csv(Store& store, const Clock& clock, const Actor& actor,
                             const std::string& text) {
  return run_import(store, actor, text, user_columns(),
                    [&clock](Repos& r, const std::vector<Line>& lines, LineErrors& errors) {
                      for (const auto& a : group_accounts(lines, errors))
                        import_account(r, clock, a, errors);
                    });
}

Result<int> import_users_csv(Store& store, const Actor& actor, const std::string& text) {
  static const SystemClock clock;
  return import_users_csv(store, clock, actor, text);
}

Result<CsvImport> import_csv(Store& store, const Clock& clock, const Actor& actor,
                             const std::string& text) {
  if (!can_administer(actor)) return forbidden();
  auto parsed = parse_csv(text);
  if (!parsed.ok()) return parsed.error();
  if (parsed->rows.empty()) return invalid("Le fichier ne contient aucune ligne à importer.");
  auto kind = kind_of_header(parsed->rows.front());
  if (!kind)
    return invalid("Le contenu du fichier n’a pas été reconnu. Rien n’a été importé.",
                   {{line_field(parsed->rows.front().line),
                     "La première ligne doit donner les noms des colonnes : " +
                         header_list(establishment_columns()) + " pour des établissements, ou " +
                         header_list(user_columns()) + " pour des utilisateurs."}});
  auto n = *kind == "users" ? import_users_csv(store, clock, actor, text)
                            : import_establishments_csv(store, actor, text);
  if (!n.ok()) return n.error();
  return CsvImport{*kind, *n};
}

std::string establishments_csv_template() {
  return expected_header(establishment_columns());
}

std::string users_csv_template() {
  return expected_header(user_columns());
}

}  // namespace parcours
