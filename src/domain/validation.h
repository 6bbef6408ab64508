// Collects field errors and turns them into one French `invalid` error.
#pragma once

#include <string>
#include <vector>

#include "domain/result.h"

namespace parcours {

class Validator {
 public:
  void add(std::string field, std::string message);
  // "Le nom est obligatoire." / "Le nom ne doit pas dépasser 200 caractères."
  void require_text(const std::string& field, const std::string& value, const std::string& label,
                    std::size_t max_chars);
  void max_text(const std::string& field, const std::string& value, const std::string& label,
                std::size_t max_chars);
  bool ok() const { return errors_.empty(); }
  Status status(const std::string& summary) const;

 private:
  std::vector<FieldError> errors_;
};

bool is_email(const std::string& s);
bool is_code(const std::string& s);         // [A-Za-z0-9_-]+
bool is_departement(const std::string& s);  // "18", "2A", "974", "25/39"
bool is_adeli(const std::string& s);        // 9 digits
bool is_blank(const std::string& s);
std::size_t utf8_length(const std::string& s);
std::string trim(const std::string& s);
// Lower-cases ASCII letters (e-mail addresses are compared case-insensitively).
std::string ascii_lower(std::string s);

}  // namespace parcours
