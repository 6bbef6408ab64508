// Helpers shared by the administration pages.
#pragma once

#include <string>

#include "http/nav.h"
#include "http/web.h"

namespace parcours::http {

// Registers a page of the administration area: 403 for actors without one (a CPIP…).
void admin_page(Web& web, const std::string& method, const std::string& pattern, PageFn fn);

// Form inputs.
int int_field(const Request& req, const std::string& name, std::vector<FieldError>& errs,
              const std::string& label);
std::optional<Date> date_field(const Request& req, const std::string& name,
                               std::vector<FieldError>& errs, bool required);
std::vector<Id> id_list(const Request& req, const std::string& name);
bool checkbox(const Request& req, const std::string& name);
// All form values as a JSON object (to refill a form after an error).
nlohmann::json form_values(const Request& req);

// Options for selects.
std::vector<std::pair<std::string, std::string>> org_options(Web& web, const Actor& a,
                                                             std::optional<OrgKind> kind,
                                                             bool with_none);
std::string org_href(Id id);

}  // namespace parcours::http

namespace parcours::http {

// A form served and posted on one URL: GET shows it, POST submits it; on failure the form
// comes back with the values typed and the French errors beside their fields (422).
struct FormPage {
  std::string title;
  std::string submit_label = "Enregistrer";
  std::function<std::vector<Field>(const Request&, PageCtx&)> fields;
  std::function<Result<nlohmann::json>(const Request&, PageCtx&)> initial;
  // Returns the URL to go to on success.
  std::function<Result<std::string>(const Request&, PageCtx&)> submit;
  std::string success_flash;
  std::function<std::string(const Request&)> cancel;
  std::string intro;
};

void form_route(Web& web, const std::string& pattern, FormPage page);

}  // namespace parcours::http
