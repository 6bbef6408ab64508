#include "storage/database_url.h"

#include <map>

#include <libpq-fe.h>

namespace parcours::storage {
namespace {

constexpr const char* kUnknownUrl =
    "Adresse de base de données non reconnue : utilisez sqlite:CHEMIN (par exemple "
    "sqlite:var/parcours.db) ou postgresql://utilisateur@hôte:port/base.";

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

// A libpq keyword value in single quotes, with \ and ' escaped.
std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

Result<DatabaseTarget> parse_sqlite(const std::string& url) {
  std::string path = url.substr(std::string("sqlite:").size());
  if (starts_with(path, "//")) path = path.substr(2);  // sqlite:///abs/file.db
  if (path.empty()) {
    return invalid("L’adresse de la base SQLite doit nommer un fichier : sqlite:var/parcours.db.");
  }
  if (path.find('"') != std::string::npos) {
    return invalid("Le chemin de la base SQLite ne doit pas contenir de guillemet droit (\").");
  }
  DatabaseTarget t;
  t.backend = Backend::sqlite;
  t.sqlite_path = path;
  t.connect_string = "db=\"" + path + "\"";
  t.description = "la base SQLite « " + path + " »";
  return t;
}

Result<DatabaseTarget> parse_postgresql(const std::string& url) {
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
  if (parse_error != nullptr) PQfreemem(parse_error);  // may quote the URL: not shown
  if (options == nullptr) {
    return invalid(
        "L’adresse de la base PostgreSQL n’est pas valide (forme attendue : "
        "postgresql://utilisateur@hôte:port/base).");
  }
  std::map<std::string, std::string> values;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr && o->val[0] != '\0') values[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  values.try_emplace("connect_timeout", "10");
  values.try_emplace("application_name", "parcours");

  DatabaseTarget t;
  t.backend = Backend::postgresql;
  for (const auto& [key, value] : values) {
    if (!t.connect_string.empty()) t.connect_string += ' ';
    t.connect_string += key + "=" + quoted(value);
  }
  std::string host = values.count("host")       ? values["host"]
                     : values.count("hostaddr") ? values["hostaddr"]
                                                : "socket local";
  std::string port = values.count("port") ? values["port"] : "5432";
  std::string db = values.count("dbname") ? values["dbname"]
                   : values.count("user") ? values["user"]
                                          : "par défaut";
  t.description = "la base PostgreSQL « " + db + " » sur " + host + ":" + port;
  return t;
}

}  // namespace

Result<DatabaseTarget> parse_database_url(const std::string& url) {
  if (starts_with(url, "sqlite:")) return parse_sqlite(url);
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    return parse_postgresql(url);
  }
  bool keyword_form = url.find("://") == std::string::npos && url.find('=') != std::string::npos;
  if (keyword_form) return parse_postgresql(url);
  return invalid(kUnknownUrl);
}

}  // namespace parcours::storage
