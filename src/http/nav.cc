#include "http/nav.h"

#include <algorithm>
#include <optional>

#include "http/journey_views.h"

namespace parcours::http {

bool receives_shares(const Actor& a) {
  return std::any_of(a.memberships.begin(), a.memberships.end(), [](const ActorMembership& m) {
    return m.membership.role != Role::admin &&
           (m.org.kind == OrgKind::partner || m.org.kind == OrgKind::plie ||
            m.org.kind == OrgKind::siae);
  });
}

nlohmann::json navigation(const Actor& a, const std::string& path) {
  nlohmann::json nav = nlohmann::json::array();
  auto add = [&](const std::string& href, const std::string& label, const std::string& icon) {
    bool active = href == "/" ? path == "/" : path.rfind(href, 0) == 0;
    nav.push_back({{"href", href}, {"label", label}, {"icon", icon}, {"active", active}});
  };
  add("/", "Accueil", "house");
  // The journey (issue 3): SPIP side and provider side (http/journey_views.h).
  if (spip_staff(a)) {
    add("/a-faire", "À faire", "check2-square");
    add("/personnes", "Personnes suivies", "person-vcard");
    add("/prescriptions", "Prescriptions", "journal-text");
    if (a.has_role(Role::cpip)) add("/validations", "Validations", "clipboard-check");
    add("/ateliers", "Ateliers", "people-fill");
  } else if (provider_staff(a)) {
    add("/a-faire", "À faire", "check2-square");
    add("/prescriptions", "Prescriptions reçues", "inbox");
    add("/personnes", "Personnes", "person-vcard");
    add("/agenda", "Agenda", "calendar-week");
    add("/ateliers", "Ateliers", "people-fill");
    add("/emargement", "Émargement", "qr-code-scan");
    if (a.has_role(Role::provider_coordinator)) add("/permanences", "Permanences", "geo-alt");
  } else if (receives_shares(a)) {
    add("/documents/partages", "Documents partagés", "folder-symlink");
  }
  // Contract execution (issue 5): the DISP, provider coordinators, SPIP managers.
  if (a.has_role(Role::disp_manager) || a.has_role(Role::provider_coordinator) ||
      a.has_role(Role::spip_manager))
    add("/pilotage", "Pilotage du marché", "bar-chart-line");
  if (has_admin_area(a)) {
    add("/admin/organisations", "Organisations", "building");
    add("/admin/utilisateurs", "Utilisateurs", "people");
  }
  if (sees_contracts(a)) add("/admin/marches", "Marché et lots", "file-earmark-text");
  if (a.is_admin()) add("/admin/import", "Import", "upload");
  if (a.is_admin()) add("/admin/courriels", "Courriels", "envelope");
  add("/notifications", "Notifications", "bell");
  return nav;
}

nlohmann::json cell(const std::string& text, const std::string& href) {
  nlohmann::json c = {{"text", text}};
  if (!href.empty()) c["href"] = href;
  return c;
}

namespace {

std::string value_text(const nlohmann::json& values, const std::string& name) {
  if (!values.contains(name)) return {};
  const auto& v = values[name];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return {};
}

bool selected(const nlohmann::json& values, const std::string& name, const std::string& option) {
  if (!values.contains(name)) return false;
  const auto& v = values[name];
  if (v.is_array())
    return std::any_of(v.begin(), v.end(), [&](const nlohmann::json& x) {
      return (x.is_string() && x.get<std::string>() == option) ||
             (x.is_number_integer() && std::to_string(x.get<long long>()) == option);
    });
  return value_text(values, name) == option;
}

}  // namespace

nlohmann::json form_view(const std::string& heading, const std::string& action,
                         const std::vector<Field>& fields, const nlohmann::json& values,
                         const Error* error, const std::string& submit_label,
                         const std::string& cancel_href) {
  nlohmann::json out = {{"heading", heading},
                        {"action", action},
                        {"submit_label", submit_label},
                        {"fields", nlohmann::json::array()}};
  if (!cancel_href.empty()) out["cancel_href"] = cancel_href;
  // A stale save (issue 12) carries the record's current version as the detail "version": the
  // form comes back with it, so that submitting again after reading the message saves.
  std::optional<std::string> current_version;
  if (error && error->code == ErrorCode::conflict)
    for (const auto& d : error->details)
      if (d.field == "version") current_version = d.message;
  if (error) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& d : error->details) {
      if (current_version && d.field == "version") continue;
      bool is_field = std::any_of(fields.begin(), fields.end(),
                                  [&](const Field& f) { return f.name == d.field; });
      if (is_field || fields.empty()) {
        details.push_back({{"field", d.field}, {"message", d.message}});
        continue;
      }
      // A problem not tied to one field (an import line): shown with its origin, linked to
      // the file input (or the first field).
      auto target = std::find_if(fields.begin(), fields.end(),
                                 [](const Field& f) { return f.kind == "file"; });
      if (target == fields.end()) target = fields.begin();
      std::string origin = d.field;
      if (!origin.empty() && origin[0] >= 'a' && origin[0] <= 'z')
        origin[0] = static_cast<char>(origin[0] - 32);
      details.push_back({{"field", target->name},
                         {"message", origin.empty() ? d.message : origin + " : " + d.message}});
    }
    out["error_summary"] = {
        {"message", error->message}, {"details", details}, {"stale", current_version.has_value()}};
  }
  for (const auto& f : fields) {
    nlohmann::json j = {{"name", f.name},
                        {"id", "f-" + f.name},
                        {"label", f.label},
                        {"required", f.required},
                        {"value", value_text(values, f.name)}};
    if (!f.help.empty()) j["help"] = f.help;
    if (error && f.kind != "hidden")
      for (const auto& d : error->details)
        if (d.field == f.name) j["error"] = d.message;
    if (f.kind == "hidden") {
      j["is_hidden"] = true;
      if (f.name == "version" && current_version) j["value"] = *current_version;
    } else if (f.kind == "textarea")
      j["is_textarea"] = true;
    else if (f.kind == "select" || f.kind == "multiselect") {
      j[f.kind == "select" ? "is_select" : "is_multiselect"] = true;
      j["options"] = nlohmann::json::array();
      for (const auto& [v, l] : f.options)
        j["options"].push_back(
            {{"value", v}, {"label", l}, {"selected", selected(values, f.name, v)}});
    } else if (f.kind == "checkbox") {
      j["is_checkbox"] = true;
      j["checked"] =
          values.contains(f.name) && values[f.name].is_boolean() && values[f.name].get<bool>();
    } else if (f.kind == "file") {
      j["is_file"] = true;
      j["accept"] = f.accept;
      out["enctype_multipart"] = true;
    } else {
      j["is_input"] = true;
      j["input_type"] = f.kind;
    }
    out["fields"].push_back(j);
  }
  return out;
}

}  // namespace parcours::http
