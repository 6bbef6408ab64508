// Reading a programme configuration (SPEC PROG-1): JSON text → ProgrammeConfig, every
// problem collected with its JSON path. Cross-references are checked in
// programme_check.cc.
#include <nlohmann/json.hpp>

#include "domain/notification.h"
#include "domain/programme.h"
#include "domain/programme_internal.h"
#include "domain/validation.h"

namespace parcours {
namespace {

using nlohmann::json;

std::string at(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string at(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// Reads typed members and reports, for each one, what is missing or of the wrong type.
class Reader {
 public:
  explicit Reader(ConfigProblems& problems) : problems_(problems) {}

  void problem(const std::string& path, const std::string& what) { problems_.add(path, what); }

  const json* member(const json& obj, const std::string& path, const char* key, bool required) {
    auto it = obj.find(key);
    if (it != obj.end()) return &*it;
    if (required) problem(at(path, key), "champ obligatoire absent.");
    return nullptr;
  }

  std::string text(const json& obj, const std::string& path, const char* key,
                   bool required = true) {
    const json* v = member(obj, path, key, required);
    if (!v) return {};
    if (!v->is_string()) {
      problem(at(path, key), "doit être un texte entre guillemets.");
      return {};
    }
    auto s = v->get<std::string>();
    if (is_blank(s)) problem(at(path, key), "ne doit pas être vide.");
    return s;
  }

  std::string id(const json& obj, const std::string& path, const char* key) {
    auto s = text(obj, path, key);
    if (!is_blank(s) && !is_code(s))
      problem(at(path, key), "l’identifiant « " + s +
                                 " » ne doit contenir que des lettres sans accent, des "
                                 "chiffres, « _ » ou « - ».");
    return s;
  }

  bool flag(const json& obj, const std::string& path, const char* key, bool required = false) {
    const json* v = member(obj, path, key, required);
    if (!v) return false;
    if (v->is_boolean()) return v->get<bool>();
    problem(at(path, key), "doit valoir true ou false.");
    return false;
  }

  std::optional<double> number(const json& obj, const std::string& path, const char* key) {
    const json* v = member(obj, path, key, true);
    if (!v) return std::nullopt;
    if (v->is_number()) return v->get<double>();
    problem(at(path, key), "doit être un nombre.");
    return std::nullopt;
  }

  std::optional<int> integer(const json& obj, const std::string& path, const char* key) {
    const json* v = member(obj, path, key, true);
    if (!v) return std::nullopt;
    if (v->is_number_integer() && v->get<long long>() >= -1'000'000 &&
        v->get<long long>() <= 1'000'000)
      return static_cast<int>(v->get<long long>());
    problem(at(path, key), "doit être un nombre entier.");
    return std::nullopt;
  }

  // An array of non-blank texts; an element of the wrong type is reported and kept empty
  // so that indices in later messages still match the file.
  std::vector<std::string> texts(const json& obj, const std::string& path, const char* key,
                                 bool required, bool non_empty) {
    std::vector<std::string> out;
    const json* v = array(obj, path, key, required, non_empty);
    if (!v) return out;
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      if (!e.is_string() || is_blank(e.get<std::string>())) {
        problem(at(at(path, key), i), "doit être un texte non vide.");
        out.emplace_back();
      } else {
        out.push_back(e.get<std::string>());
      }
    }
    return out;
  }

  // One T per element of the array `key`, read by `read_one(element, element_path)`.
  template <typename T, typename F>
  std::vector<T> list(const json& obj, const std::string& path, const char* key, bool required,
                      F read_one) {
    std::vector<T> out;
    const json* v = array(obj, path, key, required, true);
    if (!v) return out;
    for (std::size_t i = 0; i < v->size(); ++i) {
      auto item_path = at(at(path, key), i);
      if (is_object((*v)[i], item_path))
        out.push_back(read_one((*v)[i], item_path));
      else
        out.emplace_back();
    }
    return out;
  }

  bool is_object(const json& v, const std::string& path) {
    if (v.is_object()) return true;
    problem(path, "doit être un objet { … }.");
    return false;
  }

  // A misspelt key would otherwise be silently ignored. "note" is allowed everywhere.
  void known(const json& obj, const std::string& path, std::initializer_list<const char*> keys) {
    for (const auto& [key, value] : obj.items()) {
      bool found = key == "note";
      for (const char* k : keys) found = found || key == k;
      if (!found) problem(at(path, key), "champ inconnu (faute de frappe ?).");
    }
  }

 private:
  const json* array(const json& obj, const std::string& path, const char* key, bool required,
                    bool non_empty) {
    const json* v = member(obj, path, key, required);
    if (!v) return nullptr;
    if (!v->is_array()) {
      problem(at(path, key), "doit être une liste [ … ].");
      return nullptr;
    }
    if (non_empty && v->empty()) problem(at(path, key), "la liste ne doit pas être vide.");
    return v;
  }

  ConfigProblems& problems_;
};

Role role_or_default(Reader& r, const std::string& path, const std::string& name) {
  if (name.empty()) return Role::cpip;  // already reported
  if (auto role = parse_role(name)) return *role;
  std::string names;
  for (Role each : all_roles()) names += std::string(names.empty() ? "" : ", ") + role_name(each);
  r.problem(path, "le rôle « " + name + " » n’existe pas (rôles possibles : " + names + ").");
  return Role::cpip;
}

Choice read_choice(Reader& r, const json& j, const std::string& p) {
  r.known(j, p, {"id", "label"});
  return {r.id(j, p, "id"), r.text(j, p, "label")};
}

ProgrammeState read_state(Reader& r, const json& j, const std::string& p) {
  r.known(j, p, {"id", "label", "terminal", "pauses_deadlines"});
  return {r.id(j, p, "id"), r.text(j, p, "label"), r.flag(j, p, "terminal"),
          r.flag(j, p, "pauses_deadlines")};
}

// The arrival state, or nullopt when the event keeps the state ("keeps_state": true).
std::optional<std::string> read_target(Reader& r, const json& j, const std::string& p) {
  bool keeps = r.flag(j, p, "keeps_state");
  if (keeps && j.contains("to"))
    r.problem(at(p, "to"), "indiquer soit « to », soit « keeps_state »: true, pas les deux.");
  if (keeps) return std::nullopt;
  if (j.contains("to")) return r.text(j, p, "to");
  r.problem(at(p, "to"),
            "champ obligatoire absent : indiquer l’état d’arrivée (ou « keeps_state »: true si "
            "l’état ne change pas).");
  return std::string();
}

Transition read_transition(Reader& r, const json& j, const std::string& p) {
  r.known(j, p,
          {"event", "label", "from", "to", "keeps_state", "roles", "requires_reason", "reason_list",
           "rule", "notify", "dated_by_last_session", "done_label", "requires_document",
           "decided_by", "form", "date_label"});
  Transition t;
  t.event = r.id(j, p, "event");
  t.label = r.text(j, p, "label");
  t.done_label = r.text(j, p, "done_label");
  t.from = r.texts(j, p, "from", true, false);
  t.to = read_target(r, j, p);
  auto roles = r.texts(j, p, "roles", true, true);
  for (std::size_t i = 0; i < roles.size(); ++i)
    t.roles.push_back(role_or_default(r, at(at(p, "roles"), i), roles[i]));
  t.reason_list = r.text(j, p, "reason_list", false);
  // A reason chosen from a list is a reason: the list implies it is required.
  t.requires_reason = r.flag(j, p, "requires_reason") || !t.reason_list.empty();
  t.rule = r.text(j, p, "rule", false);
  t.notify = r.text(j, p, "notify", false);
  t.dated_by_last_session = r.flag(j, p, "dated_by_last_session");
  t.requires_document = r.text(j, p, "requires_document", false);
  const std::string form = r.text(j, p, "form", false);
  t.own_form = form == "own";
  if (!form.empty() && !t.own_form && form != "event")
    r.problem(at(p, "form"),
              "le formulaire « " + form + " » n’existe pas (valeurs possibles : own, event).");
  t.date_label = r.text(j, p, "date_label", false);
  const std::string decided_by = r.text(j, p, "decided_by", false);
  t.by_commission = decided_by == "commission";
  if (!decided_by.empty() && !t.by_commission)
    r.problem(at(p, "decided_by"), "« " + decided_by +
                                       " » n’est pas une instance qui décide (valeur possible : "
                                       "commission).");
  if (!t.notify.empty() && !is_notification_kind(t.notify))
    r.problem(at(p, "notify"), "« " + t.notify + " » n’est pas un type de notification connu.");
  return t;
}

// A one-off deadline's delay: `amount` `unit`s.
void read_delay(Reader& r, const json& j, const std::string& p, DeadlineRule& d) {
  if (auto amount = r.integer(j, p, "amount")) {
    d.amount = *amount;
    if (*amount <= 0)
      r.problem(at(p, "amount"), "le délai doit être un nombre entier strictement positif.");
  }
  auto unit = r.text(j, p, "unit");
  if (auto parsed = parse_duration_unit(unit))
    d.unit = *parsed;
  else if (!unit.empty())
    r.problem(at(p, "unit"), "l’unité « " + unit +
                                 " » n’existe pas (unités possibles : hours, calendar_days, "
                                 "jours_ouvres, jours_ouvrables, months).");
}

// A scheduled document's months: whole, positive and increasing ([5, 11, 17]).
void read_schedule(Reader& r, const json& j, const std::string& p, DeadlineRule& d) {
  const json* months = r.member(j, p, "at_months", true);
  if (!months) return;
  if (!months->is_array() || months->empty()) {
    r.problem(at(p, "at_months"), "doit être une liste non vide de nombres de mois : [5, 11, 17].");
    return;
  }
  for (std::size_t i = 0; i < months->size(); ++i) {
    const json& m = (*months)[i];
    const bool whole =
        m.is_number_integer() && m.get<long long>() >= 1 && m.get<long long>() <= 600;
    if (!whole || (!d.at_months.empty() && m.get<long long>() <= d.at_months.back())) {
      r.problem(at(at(p, "at_months"), i),
                "doit être un nombre entier de mois entre 1 et 600, plus grand que le précédent.");
      return;
    }
    d.at_months.push_back(static_cast<int>(m.get<long long>()));
  }
  d.unit = DurationUnit::months;
}

DeadlineRule read_deadline(Reader& r, const json& j, const std::string& p) {
  r.known(j, p,
          {"id", "label", "kind", "amount", "unit", "at_months", "start_event", "met_by_event",
           "owner_role", "conditional", "applies_to", "rule", "source", "note"});
  DeadlineRule d;
  d.id = r.id(j, p, "id");
  d.label = r.text(j, p, "label");
  const std::string kind = r.text(j, p, "kind", false);
  if (kind == "scheduled_document") {
    d.kind = ObligationKind::scheduled_document;
    read_schedule(r, j, p, d);
  } else {
    if (!kind.empty() && kind != "deadline")
      r.problem(at(p, "kind"), "le type « " + kind +
                                   " » n’existe pas (types possibles : deadline, "
                                   "scheduled_document).");
    read_delay(r, j, p, d);
  }
  d.start_event = r.text(j, p, "start_event");
  d.met_by_event = r.text(j, p, "met_by_event");
  d.owner_role = role_or_default(r, at(p, "owner_role"), r.text(j, p, "owner_role"));
  d.conditional = r.flag(j, p, "conditional");
  d.applies_to = r.texts(j, p, "applies_to", false, true);
  d.rule = r.text(j, p, "rule", false);
  d.source = r.text(j, p, "source", false);
  d.note = r.text(j, p, "note", false);
  return d;
}

RecurringRule read_recurring(Reader& r, const json& j, const std::string& p) {
  r.known(
      j, p,
      {"id", "label", "count", "contact_kinds", "intervenant_kinds", "states", "rule", "source"});
  RecurringRule rule;
  rule.id = r.id(j, p, "id");
  rule.label = r.text(j, p, "label");
  if (auto count = r.integer(j, p, "count")) {
    rule.count = *count;
    if (*count < 1 || *count > 31)
      r.problem(at(p, "count"), "le nombre de contacts par mois doit être compris entre 1 et 31.");
  }
  rule.contact_kinds = r.texts(j, p, "contact_kinds", false, true);
  rule.intervenant_kinds = r.texts(j, p, "intervenant_kinds", false, true);
  rule.states = r.texts(j, p, "states", true, true);
  rule.rule = r.text(j, p, "rule", false);
  rule.source = r.text(j, p, "source", false);
  return rule;
}

std::optional<HoursBounds> read_hours(Reader& r, const json& bounds, const std::string& path,
                                      const char* key) {
  const json* j = r.member(bounds, path, key, false);
  auto p = at(path, key);
  if (!j || !r.is_object(*j, p)) return std::nullopt;
  r.known(*j, p, {"min", "max", "rule"});
  auto min = r.number(*j, p, "min");
  auto max = r.number(*j, p, "max");
  auto rule = r.text(*j, p, "rule", false);
  if (min && *min < 0) r.problem(at(p, "min"), "le minimum ne doit pas être négatif.");
  if (max && *max <= 0) r.problem(at(p, "max"), "le maximum doit être strictement positif.");
  if (min && max && *min > *max)
    r.problem(p, "le minimum (" + format_hours(*min) + ") dépasse le maximum (" +
                     format_hours(*max) + ").");
  if (!min || !max) return std::nullopt;
  return HoursBounds{*min, *max, rule};
}

std::optional<GroupSizeBounds> read_group(Reader& r, const json& bounds, const std::string& path) {
  const json* j = r.member(bounds, path, "group_size", false);
  auto p = at(path, "group_size");
  if (!j || !r.is_object(*j, p)) return std::nullopt;
  r.known(*j, p, {"warn_below", "max", "rule"});
  auto warn = r.integer(*j, p, "warn_below");
  auto max = r.integer(*j, p, "max");
  auto rule = r.text(*j, p, "rule", false);
  if (warn && *warn < 0) r.problem(at(p, "warn_below"), "le seuil ne doit pas être négatif.");
  if (max && *max < 1) r.problem(at(p, "max"), "le maximum doit être d’au moins 1 personne.");
  if (warn && max && *warn > *max)
    r.problem(p, "le seuil d’alerte (" + std::to_string(*warn) + ") dépasse le maximum (" +
                     std::to_string(*max) + ").");
  if (!warn || !max) return std::nullopt;
  return GroupSizeBounds{*warn, *max, rule};
}

// PPAIP-17: {"min": 2, "rule": "PPAIP-17"}, permanences per site and month.
std::optional<PermanenceBounds> read_permanences(Reader& r, const json& bounds,
                                                 const std::string& path) {
  const json* j = r.member(bounds, path, "permanences_per_month", false);
  auto p = at(path, "permanences_per_month");
  if (!j || !r.is_object(*j, p)) return std::nullopt;
  r.known(*j, p, {"min", "rule"});
  auto min = r.integer(*j, p, "min");
  auto rule = r.text(*j, p, "rule", false);
  if (min && *min < 1) r.problem(at(p, "min"), "le minimum doit être d’au moins 1 permanence.");
  if (!min) return std::nullopt;
  return PermanenceBounds{*min, rule};
}

Bounds read_bounds(Reader& r, const json& root) {
  Bounds b;
  const json* j = r.member(root, "", "bounds", false);
  if (!j || !r.is_object(*j, "bounds")) return b;
  r.known(*j, "bounds",
          {"individual_hours", "workshop_hours", "group_size", "permanences_per_month"});
  b.individual_hours = read_hours(r, *j, "bounds", "individual_hours");
  b.workshop_hours = read_hours(r, *j, "bounds", "workshop_hours");
  b.group_size = read_group(r, *j, "bounds");
  b.permanences_per_month = read_permanences(r, *j, "bounds");
  return b;
}

AbsenceStep read_absence_step(Reader& r, const json& policy, const std::string& path,
                              const char* key) {
  AbsenceStep step;
  const json* j = r.member(policy, path, key, true);
  auto p = at(path, key);
  if (!j || !r.is_object(*j, p)) return step;
  r.known(*j, p, {"action", "event", "label"});
  auto action = r.text(*j, p, "action");
  step.label = r.text(*j, p, "label");
  step.event = r.text(*j, p, "event", false);
  if (action == "reconvocation") {
    step.action = AbsenceAction::reconvocation;
  } else if (action == "written_reminder") {
    step.action = AbsenceAction::written_reminder;
  } else if (action == "end") {
    step.action = AbsenceAction::end;
    if (step.event.empty() && !j->contains("event"))
      r.problem(at(p, "event"),
                "champ obligatoire absent : l’action « end » déclenche un "
                "événement qui termine le parcours.");
  } else if (!action.empty()) {
    r.problem(at(p, "action"), "l’action « " + action +
                                   " » n’existe pas (actions possibles : reconvocation, "
                                   "written_reminder, end).");
  }
  return step;
}

std::optional<AbsencePolicy> read_absence_policy(Reader& r, const json& root) {
  const json* j = r.member(root, "", "absence_policy", false);
  if (!j || !r.is_object(*j, "absence_policy")) return std::nullopt;
  const std::string p = "absence_policy";
  r.known(*j, p, {"rule", "unjustified_absence", "unjustified_absence_after_reconvocation"});
  AbsencePolicy policy;
  policy.rule = r.text(*j, p, "rule", false);
  policy.unjustified_absence = read_absence_step(r, *j, p, "unjustified_absence");
  policy.unjustified_absence_after_reconvocation =
      read_absence_step(r, *j, p, "unjustified_absence_after_reconvocation");
  return policy;
}

std::vector<Reason> read_reasons(Reader& r, const json& root, const char* key, bool required,
                                 bool with_justified) {
  return r.list<Reason>(root, "", key, required, [&](const json& j, const std::string& p) {
    if (with_justified)
      r.known(j, p, {"id", "label", "justified"});
    else
      r.known(j, p, {"id", "label", "event"});
    Reason reason{r.id(j, p, "id"), r.text(j, p, "label"), {}, false};
    if (with_justified)
      reason.justified = r.flag(j, p, "justified", true);
    else
      reason.event = r.text(j, p, "event", false);
    return reason;
  });
}

EligibilityRule read_eligibility(Reader& r, const json& j, const std::string& p) {
  r.known(j, p, {"id", "label", "milieux", "rule"});
  EligibilityRule e{r.id(j, p, "id"), r.text(j, p, "label"), {}, r.text(j, p, "rule", false)};
  auto milieux = r.texts(j, p, "milieux", true, true);
  for (std::size_t i = 0; i < milieux.size(); ++i) {
    auto m = parse_milieu(milieux[i]);
    if (m && *m != Milieu::none)
      e.milieux.push_back(*m);
    else if (!milieux[i].empty())
      r.problem(at(at(p, "milieux"), i),
                "le milieu « " + milieux[i] + " » n’existe pas (milieux possibles : mf, mo).");
  }
  return e;
}

DocumentRule read_document(Reader& r, const json& j, const std::string& p) {
  r.known(j, p, {"id", "label", "required", "event", "rule"});
  return {r.id(j, p, "id"), r.text(j, p, "label"), r.flag(j, p, "required", true),
          r.text(j, p, "event", false), r.text(j, p, "rule", false)};
}

ProgrammeConfig read_config(Reader& r, const json& root) {
  r.known(root, "",
          {"id",
           "version",
           "label",
           "source",
           "initial_state",
           "modalities",
           "states",
           "transitions",
           "deadlines",
           "recurring",
           "bounds",
           "absence_policy",
           "end_reasons",
           "suspension_reasons",
           "interruption_reasons",
           "absence_reasons",
           "orientation_sources",
           "actions",
           "eligibility_rules",
           "documents",
           "workshop_themes",
           "workshop_modalities",
           "not_taken_in_charge_states",
           "objective_end_reasons"});
  ProgrammeConfig c;
  c.id = r.id(root, "", "id");
  c.version = r.text(root, "", "version");
  c.label = r.text(root, "", "label");
  c.source = r.text(root, "", "source", false);
  c.initial_state = r.text(root, "", "initial_state");
  auto with = [&r](auto read) {
    return [&r, read](const json& j, const std::string& p) { return read(r, j, p); };
  };
  c.modalities = r.list<Choice>(root, "", "modalities", false, with(read_choice));
  c.states = r.list<ProgrammeState>(root, "", "states", true, with(read_state));
  c.transitions = r.list<Transition>(root, "", "transitions", true, with(read_transition));
  c.deadlines = r.list<DeadlineRule>(root, "", "deadlines", true, with(read_deadline));
  c.recurring = r.list<RecurringRule>(root, "", "recurring", false, with(read_recurring));
  c.bounds = read_bounds(r, root);
  c.absence_policy = read_absence_policy(r, root);
  c.end_reasons = read_reasons(r, root, "end_reasons", true, false);
  c.suspension_reasons = read_reasons(r, root, "suspension_reasons", false, false);
  c.interruption_reasons = read_reasons(r, root, "interruption_reasons", false, false);
  c.absence_reasons = read_reasons(r, root, "absence_reasons", false, true);
  c.orientation_sources = r.list<Choice>(root, "", "orientation_sources", false, with(read_choice));
  c.actions = r.list<Choice>(root, "", "actions", false, with(read_choice));
  c.eligibility_rules =
      r.list<EligibilityRule>(root, "", "eligibility_rules", false, with(read_eligibility));
  c.documents = r.list<DocumentRule>(root, "", "documents", false, with(read_document));
  c.workshop_themes = r.list<Choice>(root, "", "workshop_themes", false, with(read_choice));
  c.workshop_modalities = r.texts(root, "", "workshop_modalities", false, true);
  c.not_taken_in_charge_states = r.texts(root, "", "not_taken_in_charge_states", false, false);
  c.objective_end_reasons = r.texts(root, "", "objective_end_reasons", false, false);
  return c;
}

// nlohmann reports a byte offset; people look for a line and a column.
std::string line_and_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "ligne " + std::to_string(line) + ", colonne " + std::to_string(column);
}

}  // namespace

Result<ProgrammeConfig> parse_programme_config(const std::string& json_text,
                                               const std::string& file_name) {
  ConfigProblems problems(file_name);
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& e) {  // adapter border: translated, never rethrown
    problems.add(line_and_column(json_text, e.byte),
                 "le texte n’est pas du JSON valide (virgule, guillemet ou accolade manquant "
                 "ou en trop ?).");
    return problems.error();
  } catch (const json::exception&) {  // e.g. a number too large for a double: 1e500
    problems.add("", "le texte contient une valeur illisible (nombre trop grand ?).");
    return problems.error();
  }
  if (!root.is_object()) {
    problems.add("", "le fichier doit contenir un objet JSON { … }.");
    return problems.error();
  }
  Reader reader(problems);
  ProgrammeConfig config = read_config(reader, root);
  check_programme_references(config, problems);
  if (!problems.empty()) return problems.error();
  return config;
}

}  // namespace parcours
