#include "domain/programme.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace parcours {
namespace {

using nlohmann::json;

const char* const kShipped = PARCOURS_SOURCE_DIR "/config/programmes/ppaip.json";
const char* const kName = "config/programmes/ppaip.json";

std::string read_text(const char* path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json shipped_json() {
  return json::parse(read_text(kShipped));
}

const ProgrammeConfig& ppaip() {
  static const ProgrammeConfig config = [] {
    auto parsed = parse_programme_config(read_text(kShipped), kName);
    if (!parsed.ok()) ADD_FAILURE() << parsed.error().message;
    return parsed.ok() ? parsed.value() : ProgrammeConfig{};
  }();
  return config;
}

Result<ProgrammeConfig> parse_variant(const json& j, const std::string& name = kName) {
  return parse_programme_config(j.dump(), name);
}

// The problem at `path` names the file, the path and says `words` in French.
void expect_problem(const Result<ProgrammeConfig>& r, const std::string& path,
                    const std::string& words, const std::string& file = kName) {
  ASSERT_FALSE(r.ok()) << "configuration acceptée, attendu un problème en " << path;
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  for (const auto& d : r.error().details) {
    if (d.field != path) continue;
    EXPECT_NE(d.message.find(file + " : "), std::string::npos) << d.message;
    EXPECT_NE(d.message.find(path), std::string::npos) << d.message;
    EXPECT_NE(d.message.find(words), std::string::npos) << d.message;
    EXPECT_NE(r.error().message.find(d.message), std::string::npos) << r.error().message;
    return;
  }
  ADD_FAILURE() << "aucun problème en " << path << " dans :\n" << r.error().message;
}

std::string next(const std::string& from, const std::string& event, Role role,
                 const std::string& reason = "") {
  auto r = next_state(ppaip(), from, event, role, reason);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : "";
}

ErrorCode refusal(const std::string& from, const std::string& event, Role role,
                  const std::string& reason = "") {
  auto r = next_state(ppaip(), from, event, role, reason);
  EXPECT_FALSE(r.ok()) << event << " accepté depuis " << from;
  return r.ok() ? ErrorCode::unavailable : r.error().code;
}

TEST(Programme, ShippedPpaipConfigurationParses) {
  const auto& c = ppaip();
  EXPECT_EQ(c.id, "ppaip");
  EXPECT_FALSE(c.version.empty());
  EXPECT_EQ(c.initial_state, "prescribed");
  ASSERT_NE(c.state("closed"), nullptr);
  EXPECT_TRUE(c.state("closed")->terminal);
  EXPECT_FALSE(c.end_reasons.empty());
  EXPECT_EQ(c.suspension_reasons.size(), 6u);
  EXPECT_FALSE(c.orientation_sources.empty());
}

// Issue 14: how an event is shown is configuration, not a list of event ids in the pages.
TEST(Programme, PROG_1_TransitionsSayHowTheyAreShown) {
  int own = 0;
  for (const auto& t : ppaip().transitions) own += t.own_form;
  EXPECT_EQ(own, 10);  // prescription, interview, proposals and decisions, calendar change
  EXPECT_TRUE(ppaip().transition("submit_proposal")->own_form);
  EXPECT_FALSE(ppaip().transition("suspend")->own_form);
  EXPECT_EQ(ppaip().transition("suspend")->date_label, "Date de début de la suspension");
  EXPECT_TRUE(ppaip().transition("abandon")->date_label.empty());
  json bad = shipped_json();
  bad["transitions"][0]["form"] = "popup";
  auto refused = parse_variant(bad, "config/programmes/variante.json");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("transitions[0].form"), std::string::npos);
}

TEST(Programme, PPAIP_1_LegalResidenceOnlyInMilieuOuvert) {
  int mf = 0, mo = 0;
  for (const auto& rule : ppaip().eligibility_rules) {
    bool in_mf = std::count(rule.milieux.begin(), rule.milieux.end(), Milieu::closed) > 0;
    bool in_mo = std::count(rule.milieux.begin(), rule.milieux.end(), Milieu::open) > 0;
    mf += in_mf;
    mo += in_mo;
    if (rule.id == "legal_residence") {
      EXPECT_TRUE(in_mo && !in_mf);
    }
  }
  EXPECT_EQ(mf, 4);
  EXPECT_EQ(mo, 5);
}

TEST(Programme, PROG_1_VariantConfigurationObeyedBySameEngine) {
  json j = shipped_json();
  j["version"] = "2026-variante";
  for (auto& d : j["deadlines"])
    if (d["id"] == "first_interview") d["amount"] = 7;
  j["bounds"]["individual_hours"]["max"] = 40;
  auto variant = parse_variant(j, "config/programmes/variante.json");
  ASSERT_TRUE(variant.ok()) << variant.error().message;
  EXPECT_TRUE(check_individual_hours(*variant, 35).ok());
  EXPECT_FALSE(check_individual_hours(ppaip(), 35).ok());
  ASSERT_NE(deadline(*variant, "first_interview"), nullptr);
  EXPECT_EQ(deadline(*variant, "first_interview")->amount, 7);
  EXPECT_EQ(deadline(ppaip(), "first_interview")->amount, 5);
}

TEST(Programme, PROG_1_ConfigErrorNamesFileFieldAndProblem) {
  json unknown_state = shipped_json();
  unknown_state["transitions"][4]["to"] = "validee";
  expect_problem(parse_variant(unknown_state), "transitions[4].to",
                 "l’état « validee » n’existe pas");

  json bad_unit = shipped_json();
  bad_unit["deadlines"][0]["unit"] = "semaines";
  expect_problem(parse_variant(bad_unit), "deadlines[0].unit", "l’unité « semaines » n’existe pas");

  json min_above_max = shipped_json();
  min_above_max["bounds"]["individual_hours"]["min"] = 40;
  expect_problem(parse_variant(min_above_max), "bounds.individual_hours",
                 "le minimum (40) dépasse le maximum (30)");

  json missing = shipped_json();
  missing["states"][0].erase("label");
  expect_problem(parse_variant(missing), "states[0].label", "champ obligatoire absent");

  json no_version = shipped_json();
  no_version.erase("version");
  expect_problem(parse_variant(no_version, "plie.json"), "version", "champ obligatoire absent",
                 "plie.json");
}

TEST(Programme, PROG_1_EveryProblemIsReportedAtOnce) {
  json j = shipped_json();
  j["transitions"][4]["to"] = "validee";
  j["deadlines"][1]["amount"] = 0;
  j["deadlines"][2]["start_event"] = "valider";
  j["deadlines"][3]["owner_role"] = "juge";
  j["bounds"]["group_size"]["warn_below"] = 8;
  j["suspension_reasons"] = json::array();
  auto r = parse_variant(j);
  expect_problem(r, "transitions[4].to", "n’existe pas");
  expect_problem(r, "deadlines[1].amount", "strictement positif");
  expect_problem(r, "deadlines[2].start_event", "l’événement « valider » n’existe pas");
  expect_problem(r, "deadlines[3].owner_role", "le rôle « juge » n’existe pas");
  expect_problem(r, "bounds.group_size", "le seuil d’alerte (8) dépasse le maximum (6)");
  expect_problem(r, "suspension_reasons", "la liste ne doit pas être vide");
  EXPECT_NE(r.error().message.find("problèmes"), std::string::npos);
}

TEST(Programme, PROG_1_StructuralMistakesAreReported) {
  json j = shipped_json();
  j["transitions"][0]["from"] = json::array({"closed"});  // leaves a terminal state
  j["transitions"][1]["rolse"] = json::array({"cpip"});   // misspelt key
  j["transitions"][2]["keeps_state"] = true;              // both to and keeps_state
  j["transitions"][3]["event"] = "validate_proposal";     // duplicate event
  j["states"][1]["terminal"] = "non";                     // wrong type
  j["eligibility_rules"][0]["milieux"] = json::array({"mx"});
  j["deadlines"][5]["applies_to"] = json::array({"individuel"});
  j["absence_policy"]["unjustified_absence"]["action"] = "exclusion";
  auto r = parse_variant(j);
  expect_problem(r, "transitions[0].from[0]", "l’état « closed » est terminal");
  expect_problem(r, "transitions", "aucune transition ne crée le parcours");
  expect_problem(r, "transitions[1].rolse", "champ inconnu");
  expect_problem(r, "transitions[2].to", "pas les deux");
  expect_problem(r, "transitions[4].event", "déjà utilisé par transitions[3]");
  expect_problem(r, "states[1].terminal", "true ou false");
  expect_problem(r, "eligibility_rules[0].milieux[0]", "le milieu « mx » n’existe pas");
  expect_problem(r, "deadlines[5].applies_to[0]", "la modalité « individuel » n’existe pas");
  expect_problem(r, "absence_policy.unjustified_absence.action", "l’action « exclusion »");
}

TEST(Programme, PROG_1_StatesMustBeReachableAndLeadSomewhere) {
  json j = shipped_json();
  j["states"].push_back({{"id", "limbo"}, {"label", "Nulle part"}, {"terminal", false}});
  j["initial_state"] = "nowhere";
  auto r = parse_variant(j);
  auto limbo = "states[" + std::to_string(j["states"].size() - 1) + "]";
  expect_problem(r, limbo, "n’a aucune transition qui en sort");
  bool unreachable = false;
  for (const auto& d : r.error().details)
    unreachable = unreachable || d.message.find("n’est atteint par aucune") != std::string::npos;
  EXPECT_TRUE(unreachable) << r.error().message;
  expect_problem(r, "initial_state", "l’état « nowhere » n’existe pas");
}

TEST(Programme, PROG_1_SyntaxErrorGivesLineAndColumn) {
  auto r = parse_programme_config("{\n  \"id\": \"ppaip\",\n  \"version\" \"1\"\n}", kName);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().details.size(), 1u);
  // The position is the last character of the unexpected token ("1", missing colon before).
  EXPECT_EQ(r.error().details[0].field, "ligne 3, colonne 15");
  EXPECT_NE(r.error().message.find("config/programmes/ppaip.json : ligne 3, colonne 15 : le "
                                   "texte n’est pas du JSON valide"),
            std::string::npos)
      << r.error().message;
  EXPECT_FALSE(parse_programme_config("[1, 2]", kName).ok());
  EXPECT_FALSE(parse_programme_config("", kName).ok());
  EXPECT_FALSE(parse_programme_config("{\"id\": 1e500}", kName).ok());  // overflow, no throw
}

TEST(Programme, PPAIP_3_OnlySpipPrescribes) {
  EXPECT_EQ(next("", "prescribe", Role::cpip), "prescribed");
  EXPECT_EQ(refusal("", "prescribe", Role::intervenant_cip), ErrorCode::forbidden);
  EXPECT_EQ(refusal("", "prescribe", Role::provider_coordinator), ErrorCode::forbidden);
  EXPECT_EQ(refusal("in_progress", "prescribe", Role::cpip), ErrorCode::rule_violation);
  EXPECT_EQ(refusal("", "start", Role::intervenant_cip), ErrorCode::rule_violation);
}

TEST(Programme, PPAIP_4_FirstInterviewWithin5DaysOfPrescription) {
  auto started = deadlines_started_by(ppaip(), "prescribe");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0]->id, "first_interview");
  EXPECT_EQ(started[0]->amount, 5);
  EXPECT_EQ(started[0]->unit, DurationUnit::calendar_days);
  EXPECT_EQ(started[0]->met_by_event, "record_first_interview");
  EXPECT_EQ(next("prescribed", "record_first_interview", Role::intervenant_psychologist),
            "first_interview_done");
}

TEST(Programme, PPAIP_5_ImpossibilitySignalledWithin48HoursWithReason) {
  const auto* d = deadline(ppaip(), "impossibility_signal");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->amount, 48);
  EXPECT_EQ(d->unit, DurationUnit::hours);
  EXPECT_EQ(d->start_event, "record_first_interview");
  EXPECT_TRUE(d->conditional);
  EXPECT_EQ(refusal("first_interview_done", "signal_impossibility", Role::intervenant_cip, " "),
            ErrorCode::invalid);
  EXPECT_EQ(next("first_interview_done", "signal_impossibility", Role::intervenant_cip,
                 "Suivi sanitaire prioritaire"),
            "impossible");
  EXPECT_TRUE(ppaip().state("impossible")->terminal);
}

TEST(Programme, PPAIP_6_IndividualHoursBetween3And30) {
  EXPECT_TRUE(check_individual_hours(ppaip(), 3).ok());
  EXPECT_TRUE(check_individual_hours(ppaip(), 30).ok());
  EXPECT_TRUE(check_individual_hours(ppaip(), 12.5).ok());
  auto low = check_individual_hours(ppaip(), 2.5);
  ASSERT_FALSE(low.ok());
  EXPECT_EQ(low.error().code, ErrorCode::rule_violation);
  EXPECT_EQ(
      low.error().message,
      "La durée d’un accompagnement individuel doit être comprise entre 3\u00a0h et 30\u00a0h "
      "(durée proposée : 2,5\u00a0h).");
  EXPECT_FALSE(check_individual_hours(ppaip(), 30.5).ok());
  EXPECT_EQ(check_individual_hours(ppaip(), 0).error().code, ErrorCode::invalid);
}

TEST(Programme, PPAIP_7_OnlyCpipValidates) {
  EXPECT_EQ(refusal("proposal_submitted", "validate_proposal", Role::intervenant_cip),
            ErrorCode::forbidden);
  EXPECT_EQ(refusal("proposal_submitted", "validate_proposal", Role::spip_manager),
            ErrorCode::forbidden);
  auto r = next_state(ppaip(), "proposal_submitted", "validate_proposal",
                      Role::provider_coordinator, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "Votre rôle (Coordinateur prestataire) ne permet pas l’action « Valider la "
            "proposition ».");
  EXPECT_EQ(next("proposal_submitted", "validate_proposal", Role::cpip), "validated");
}

TEST(Programme, PPAIP_7_RefusedProposalResubmittedAgainAndAgain) {
  std::string s = next("proposal_submitted", "refuse_proposal", Role::cpip);  // no comment
  EXPECT_EQ(s, "proposal_refused");
  s = next(s, "resubmit_proposal", Role::intervenant_cip);
  s = next(s, "refuse_proposal", Role::cpip, "Ajouter un atelier CV");
  s = next(s, "resubmit_proposal", Role::intervenant_cip);
  EXPECT_EQ(next(s, "validate_proposal", Role::cpip), "validated");
}

TEST(Programme, PPAIP_8_StartWithin5DaysOfValidation) {
  auto started = deadlines_started_by(ppaip(), "validate_proposal");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0]->amount, 5);
  EXPECT_EQ(started[0]->met_by_event, "start");
  EXPECT_EQ(next("validated", "start", Role::intervenant_cip), "in_progress");
}

TEST(Programme, PPAIP_9_ModificationKeepsProgrammeRunning) {
  EXPECT_EQ(next("in_progress", "propose_modification", Role::intervenant_cip), "in_progress");
  EXPECT_EQ(next("suspended", "propose_modification", Role::intervenant_cip), "suspended");
  EXPECT_EQ(refusal("in_progress", "validate_modification", Role::intervenant_cip),
            ErrorCode::forbidden);
  EXPECT_EQ(next("in_progress", "validate_modification", Role::cpip), "in_progress");
}

TEST(Programme, PPAIP_10_CalendarChangeCommunicatedWithin48Hours) {
  auto started = deadlines_started_by(ppaip(), "change_calendar");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0]->amount, 48);
  EXPECT_EQ(started[0]->unit, DurationUnit::hours);
  EXPECT_EQ(started[0]->met_by_event, "communicate_calendar_change");
}

TEST(Programme, PPAIP_12_UnjustifiedAbsenceAfterReconvocationAbandons) {
  auto first = on_unjustified_absence(ppaip(), false);
  EXPECT_EQ(first.action, AbsenceAction::reconvocation);
  EXPECT_NE(first.message.find("reconvoquer"), std::string::npos);
  auto second = on_unjustified_absence(ppaip(), true);
  EXPECT_EQ(second.action, AbsenceAction::end);
  EXPECT_EQ(second.event, "abandon");
  EXPECT_EQ(next("in_progress", second.event, Role::intervenant_cip), "abandoned");
  EXPECT_TRUE(ppaip().state("abandoned")->terminal);
  EXPECT_EQ(on_unjustified_absence(ProgrammeConfig{}, true).action, AbsenceAction::none);
}

TEST(Programme, PPAIP_13_SuspendNeedsReason) {
  auto r = next_state(ppaip(), "in_progress", "suspend", Role::intervenant_cip, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].field, "reason");
  EXPECT_EQ(r.error().message,
            "Le motif est obligatoire pour l’action « Suspendre le programme ».");
  EXPECT_EQ(refusal("in_progress", "suspend", Role::intervenant_cip, "grève"), ErrorCode::invalid);
  EXPECT_EQ(next("in_progress", "suspend", Role::cpip, "general_search"), "suspended");
  EXPECT_EQ(next("suspended", "resume", Role::intervenant_cip), "in_progress");
  EXPECT_FALSE(ppaip().state("suspended")->terminal);  // suspended, not stopped
}

TEST(Programme, PPAIP_14_InterruptionSignalledWithin48Hours) {
  const auto* d = deadline(ppaip(), "interruption_signal");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->amount, 48);
  EXPECT_EQ(d->unit, DurationUnit::hours);
  EXPECT_EQ(next("in_progress", "signal_interruption", Role::intervenant_cip, "transfer"),
            "interrupted");
  EXPECT_EQ(next("interrupted", "end", Role::intervenant_cip, "interruption"), "ended");
}

TEST(Programme, PPAIP_15_EndReasonFromTheList) {
  EXPECT_EQ(next("in_progress", "end", Role::intervenant_cip, "person_initiative"), "ended");
  EXPECT_EQ(next("in_progress", "end", Role::cpip, "validated_hours_reached"), "ended");
  // "abandonment" is recorded by the abandon event, not chosen as an end reason.
  auto r = next_state(ppaip(), "in_progress", "end", Role::intervenant_cip, "abandonment");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("« À l’initiative de la personne accompagnée »"),
            std::string::npos);
  EXPECT_EQ(r.error().message.find("Abandon"), std::string::npos) << r.error().message;
}

TEST(Programme, PPAIP_16_FinalBilanFiveJoursOuvresIndividualTenCollective) {
  auto started = deadlines_started_by(ppaip(), "end");
  ASSERT_EQ(started.size(), 2u);
  for (const auto* d : started) {
    EXPECT_EQ(d->unit, DurationUnit::jours_ouvres);
    EXPECT_EQ(d->met_by_event, "deliver_final_bilan");
    bool collective = d->applies_to == std::vector<std::string>{"collective"};
    EXPECT_EQ(d->amount, collective ? 10 : 5);
  }
  EXPECT_EQ(next("ended", "deliver_final_bilan", Role::intervenant_cip), "closed");
}

TEST(Programme, WS_2_WorkshopHoursBetween2And30) {
  EXPECT_TRUE(check_workshop_hours(ppaip(), 2).ok());
  EXPECT_TRUE(check_workshop_hours(ppaip(), 30).ok());
  EXPECT_FALSE(check_workshop_hours(ppaip(), 1.5).ok());
  EXPECT_FALSE(check_workshop_hours(ppaip(), 31).ok());
}

TEST(Programme, WS_2_GroupOfSevenRefusedFiveWarnsNothingThreeWarns) {
  auto seven = check_group_size(ppaip(), 7);
  EXPECT_EQ(seven.verdict, GroupSizeVerdict::refused);
  EXPECT_EQ(seven.message, "Un atelier ne peut pas dépasser 6 personnes (7 inscrites).");
  EXPECT_EQ(check_group_size(ppaip(), 6).verdict, GroupSizeVerdict::ok);
  EXPECT_EQ(check_group_size(ppaip(), 5).verdict, GroupSizeVerdict::ok);
  EXPECT_EQ(check_group_size(ppaip(), 4).verdict, GroupSizeVerdict::ok);
  auto three = check_group_size(ppaip(), 3);
  EXPECT_EQ(three.verdict, GroupSizeVerdict::warning);
  EXPECT_EQ(three.message, "Le groupe compte 3 personnes : l’idéal est d’au moins 4 personnes.");
  EXPECT_EQ(check_group_size(ppaip(), -1).verdict, GroupSizeVerdict::refused);
}

TEST(Programme, TerminalStatesRefuseEveryEvent) {
  int terminals = 0;
  for (const auto& s : ppaip().states) {
    if (!s.terminal) continue;
    ++terminals;
    for (const auto& t : ppaip().transitions)
      for (Role role : t.roles)
        EXPECT_EQ(refusal(s.id, t.event, role, "general_search"), ErrorCode::rule_violation)
            << s.id << " / " << t.event;
  }
  EXPECT_EQ(terminals, 4);
}

TEST(Programme, RefusalNamesActionAndState) {
  auto r = next_state(ppaip(), "ended", "validate_proposal", Role::cpip, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::rule_violation);
  EXPECT_EQ(r.error().message,
            "Action « Valider la proposition » impossible : le programme est « Terminé ».");
  EXPECT_EQ(refusal("in_progress", "teleport", Role::cpip), ErrorCode::invalid);
  EXPECT_EQ(refusal("nowhere", "start", Role::intervenant_cip), ErrorCode::invalid);
}

TEST(Programme, AvailableTransitionsFollowRoleAndState) {
  std::vector<std::string> cpip;
  for (const auto* t : available_transitions(ppaip(), "proposal_submitted", Role::cpip))
    cpip.push_back(t->event);
  EXPECT_EQ(cpip, (std::vector<std::string>{"validate_proposal", "refuse_proposal", "abandon",
                                            "withdraw_prescription"}));
  EXPECT_TRUE(available_transitions(ppaip(), "closed", Role::intervenant_cip).empty());
  ASSERT_EQ(available_transitions(ppaip(), "", Role::cpip).size(), 1u);
}

TEST(Programme, REP_3_SynthesisStatesAndObjectiveReasonsComeFromConfiguration) {
  EXPECT_EQ(ppaip().objective_end_reasons,
            (std::vector<std::string>{"completed", "validated_hours_reached"}));
  json j = shipped_json();
  j["not_taken_in_charge_states"] = {"prescrit"};
  j["objective_end_reasons"] = {"termine"};
  expect_problem(parse_variant(j), "not_taken_in_charge_states[0]",
                 "l’état « prescrit » n’existe pas");
  expect_problem(parse_variant(j), "objective_end_reasons[0]", "le motif « termine » n’existe pas");
}

}  // namespace
}  // namespace parcours

namespace parcours {
namespace {

TEST(Programme, PPAIP_17_PermanencesPerMonthComeFromConfiguration) {
  ASSERT_TRUE(ppaip().bounds.permanences_per_month.has_value());
  EXPECT_EQ(ppaip().bounds.permanences_per_month->min, 2);
  json j = shipped_json();
  j["bounds"]["permanences_per_month"]["min"] = 0;
  expect_problem(parse_variant(j), "bounds.permanences_per_month.min",
                 "le minimum doit être d’au moins 1 permanence");
}

}  // namespace
}  // namespace parcours
