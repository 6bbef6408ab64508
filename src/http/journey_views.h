// French presentation helpers shared by the journey pages (people, cases, sessions): sides of
// an actor, badges, dates and hours, select options, and the form route of these pages.
#pragma once

#include <any>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/journey.h"
#include "http/nav.h"
#include "http/web.h"

namespace parcours::http {

using Options = std::vector<std::pair<std::string, std::string>>;

// ---- Sides (navigation and pages) ------------------------------------------------------

// CPIP or SPIP manager.
bool spip_staff(const Actor& a);
// Provider coordinator or intervenant (CIP, psychologist).
bool provider_staff(const Actor& a);

// ---- Presentation ----------------------------------------------------------------------

// {text, tone}: tone is a CSS modifier of pc-badge ("info", "success", "warning", "danger",
// "neutral"); the text always says the state (no colour-only information).
nlohmann::json badge(const std::string& text, const std::string& tone);
nlohmann::json deadline_badge(DeadlineState s);
nlohmann::json session_badge(const Session& s, const std::string& status_label);
// A case state badge: terminal states neutral, suspension and refusal warning, others info.
nlohmann::json state_badge(const ProgrammeConfig* config, const std::string& state,
                           const std::string& label);

std::string opt_date(const std::optional<Date>& d, const std::string& none = "—");
// The non-empty lines of a text, trimmed, as paragraphs.
nlohmann::json paragraphs(const std::string& text);
// {label, value} of a facts list; "—" for an empty value.
nlohmann::json fact(const std::string& label, const std::string& value);
std::string yes_no(bool b);
// "17 mai 1994 (30 ans)".
std::string birth_text(const Person& p, Date today);
// "Premier entretien", "Séance individuelle", "Reconvocation".
std::string session_kind_label(const std::string& kind);
// "mardi 4 mars 2025 à 9 h 30, durée 1 h 30, lieu Salle 2".
std::string session_sentence(const Session& s);
// "09:30" for a time input.
std::string clock_value(int minute_of_day);
// Paris date of the clock.
Date today(Web& web);
std::string case_href(Id prescription_id);
std::string person_href(Id person_id);

// ---- Form inputs -----------------------------------------------------------------------

// "12", "12,5" or "12.5"; nullopt when malformed.
std::optional<double> parse_decimal(const std::string& text);
// A "HH:MM" field: adds a French error when malformed or missing.
int time_field(const Request& req, const std::string& name, std::vector<FieldError>& errs);
// A positive integer field in minutes.
int minutes_field(const Request& req, const std::string& name, std::vector<FieldError>& errs);
// First id of a select (0 when empty or malformed).
Id id_field(const Request& req, const std::string& name);

// ---- Pages with a form -----------------------------------------------------------------

// The outcome of a use case without its value.
template <typename T>
Status status_only(const Result<T>& r) {
  return r.ok() ? Status() : Status(r.error());
}

// Where a successful form goes, with its one-time message.
struct Done {
  std::string url;
  std::string flash;
  std::string kind = "success";
};

// A form served and posted on one URL for the signed-in journey pages (any role: the use
// case decides). Like FormPage, with an optional block of panels shown under the heading
// (the diagnosis before the first interview…) and checkbox values kept after a failure.
struct JourneyForm {
  std::string title;
  std::string submit_label = "Enregistrer";
  std::function<Result<std::vector<Field>>(const Request&, PageCtx&)> fields;
  std::function<Result<nlohmann::json>(const Request&, PageCtx&)> initial;
  std::function<Result<Done>(const Request&, PageCtx&)> submit;
  std::function<std::string(const Request&)> cancel;
  std::string intro;
  // Panels {heading, paragraphs[], facts[{label,value}], tone} shown before the form.
  std::function<nlohmann::json(const Request&, PageCtx&)> panels;
  // Read once per request before the other functions (the case, the person's file: audited
  // reads); they find it with loaded<T>(). An error is shown as the page (403, 404…).
  std::function<Result<std::any>(const Request&, PageCtx&)> load;
};

void journey_form(Web& web, const std::string& pattern, JourneyForm page);

// What JourneyForm::load returned for the request being handled (on this thread).
const std::any& current_load();
template <typename T>
const T& loaded() {
  return std::any_cast<const T&>(current_load());
}

// A form embedded in a page (case page, person page) that failed: the page is shown again
// with 422, the error summary at the top and this form open with its values.
struct EmbeddedFailure {
  std::string form_id;  // id attribute of the form; its fields are "<form_id>-<name>"
  Error error;
  nlohmann::json values;
};

// The error summary view of an embedded failure: {message, details[{href, message}]}.
nlohmann::json failure_summary(const EmbeddedFailure& f);
// Field errors of the failure, as {"<name>": message}.
nlohmann::json failure_field_errors(const EmbeddedFailure& f);
// Fills `open`, `values`, `errors` and `error_message` of an embedded form's view (whose
// `form_id` is set) from the failure, when it is this form that failed.
void embed_failure(nlohmann::json& form_view, const EmbeddedFailure* failure);
// A value typed in, or an error of, an embedded form's view ("" when none).
std::string value_of(const nlohmann::json& form_view, const std::string& name);
std::string error_of(const nlohmann::json& form_view, const std::string& name);

// Select options as view JSON, with the selected one.
nlohmann::json option_list(const Options& options, const std::string& selected);
// PPAIP-12: the programme's absence reasons with their default judgement, after a "none" choice;
// and the override of that judgement ("", "oui", "non").
Options absence_reason_options(const ProgrammeConfig* config);
Options justified_options();

// ---- Attendance of an individual session (PPAIP-11, PPAIP-12) ------------------------------

// The embedded attendance form of a past session (form id "presence-<session id>", posted to
// /seances/{id}/presence), with the values and errors of a failure.
nlohmann::json attendance_form(const PrescriptionView& v, const SessionView& s,
                               const EmbeddedFailure* failure);
// Reads that form: presence, absence_reason, justified ("oui", "non" or by the reason), note.
Result<AttendanceInput> attendance_input(const Request& req);
// "success", or "warning" for an unjustified absence, which has consequences (PPAIP-12).
std::string attendance_flash_kind(Web& web, const AttendanceInput& in);

}  // namespace parcours::http
