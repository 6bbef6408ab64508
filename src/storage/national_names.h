// Words of the national dataset (storage/national_generator.h): French first and last names,
// streets, the providers' names, and the sentences professionals write in a case (diagnoses,
// objectives, programme contents, decisions). Everything here is invented; the providers'
// names say "(démo)" like the demo's own (seed/demo.h).
#pragma once

#include <string>
#include <vector>

namespace parcours::storage::national {

const std::vector<std::string>& male_first_names();
const std::vector<std::string>& female_first_names();
const std::vector<std::string>& last_names();
const std::vector<std::string>& street_names();
const std::vector<std::string>& provider_names();

// Texts of a case, chosen among plausible variants.
const std::vector<std::string>& diagnoses_without_diploma();
const std::vector<std::string>& diagnoses_with_diploma();
const std::vector<std::string>& objectives();
const std::vector<std::string>& programme_contents();
const std::vector<std::string>& justifications();
const std::vector<std::string>& calendars();
const std::vector<std::string>& refusal_comments();
const std::vector<std::string>& validation_comments();
const std::vector<std::string>& withdrawal_reasons();
const std::vector<std::string>& cancellation_notes();
const std::vector<std::string>& source_details();
const std::vector<std::string>& orientation_comments();
const std::vector<std::string>& declined_comments();
const std::vector<std::string>& workshop_titles();
const std::vector<std::string>& external_professionals();
const std::vector<std::string>& professional_projects();
const std::vector<std::string>& action_plans();

}  // namespace parcours::storage::national
