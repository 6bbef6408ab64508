// Navigation by role (page shell) and the view helpers shared by pages.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/admin.h"
#include "domain/result.h"

namespace parcours::http {

nlohmann::json navigation(const Actor& a, const std::string& path);
// A member of an organisation outside the SPIP–provider pair (partner, PLIE, SIAE), which may
// receive documents shared with the person's consent (SEC-3).
bool receives_shares(const Actor& a);

// A form field for form.mustache.
struct Field {
  Field(std::string n, std::string l, std::string k = "text", bool req = false, std::string h = "",
        std::vector<std::pair<std::string, std::string>> opts = {}, std::string acc = "")
      : name(std::move(n)),
        label(std::move(l)),
        kind(std::move(k)),
        required(req),
        help(std::move(h)),
        options(std::move(opts)),
        accept(std::move(acc)) {}
  std::string name;
  std::string label;
  std::string kind =
      "text";  // text email number date password tel textarea select multiselect checkbox file
  bool required = false;
  std::string help;
  std::vector<std::pair<std::string, std::string>> options;  // value, label
  std::string accept;                                        // file inputs
};

// Builds the form.mustache view: values (object name → string, array or bool) and the
// error of a failed attempt, whose details are attached to their fields.
nlohmann::json form_view(const std::string& heading, const std::string& action,
                         const std::vector<Field>& fields, const nlohmann::json& values,
                         const Error* error, const std::string& submit_label,
                         const std::string& cancel_href);

// A table row of cells; a cell is {text, href?}.
nlohmann::json cell(const std::string& text, const std::string& href = "");

}  // namespace parcours::http
