#include "http/journey_json.h"

#include <cstdio>
#include <limits>

#include <date/date.h>

#include "domain/validation.h"
#include "http/web.h"

namespace parcours::http {

using nlohmann::json;

// ---- Request bodies ----------------------------------------------------------------------

JsonBody::JsonBody(const std::string& text) {
  if (is_blank(text)) {
    j_ = json::object();
    return;
  }
  try {
    j_ = json::parse(text);
  } catch (const json::exception&) {  // not JSON, or a number beyond a double (1e400)
    j_ = json::object();
    malformed_ = true;
    return;
  }
  if (!j_.is_object()) {
    j_ = json::object();
    malformed_ = true;
  }
}

JsonBody::JsonBody(const json& object, std::string prefix)
    : j_(object.is_object() ? object : json::object()), prefix_(std::move(prefix)) {}

bool JsonBody::has(const std::string& k) const {
  return j_.contains(k) && !j_.at(k).is_null();
}

std::string JsonBody::text(const std::string& k, const std::string& fallback) {
  if (!has(k)) return fallback;
  if (!j_[k].is_string()) {
    add(k, "Ce champ doit être une chaîne de caractères.");
    return fallback;
  }
  return j_[k].get<std::string>();
}

// Every integer field of the API fits an int (minutes, weekdays, counts): the range is checked
// here, before any caller narrows it (SEC-5: 2^32 + 60 minutes used to be saved as 60).
long long JsonBody::integer(const std::string& k, long long fallback) {
  if (!has(k)) return fallback;
  const json& v = j_[k];
  if (!v.is_number_integer()) {
    add(k, "Ce champ doit être un nombre entier.");
    return fallback;
  }
  constexpr auto kMin = std::numeric_limits<int>::min();
  constexpr auto kMax = std::numeric_limits<int>::max();
  if ((v.is_number_unsigned() && v.get<unsigned long long>() > kMax) ||
      (!v.is_number_unsigned() && (v.get<long long>() < kMin || v.get<long long>() > kMax))) {
    add(k, "Ce nombre est hors des valeurs admises.");
    return fallback;
  }
  return v.get<long long>();
}

Id JsonBody::id(const std::string& k, Id fallback) {
  if (!has(k)) return fallback;
  if (!j_[k].is_number_integer() || j_[k].get<long long>() < 0 ||
      (j_[k].is_number_unsigned() &&
       j_[k].get<unsigned long long>() > std::numeric_limits<long long>::max())) {
    add(k, "Ce champ doit être un identifiant (nombre entier positif).");
    return fallback;
  }
  return j_[k].get<Id>();
}

double JsonBody::number(const std::string& k, double fallback) {
  if (!has(k)) return fallback;
  if (!j_[k].is_number()) {
    add(k, "Ce champ doit être un nombre.");
    return fallback;
  }
  return j_[k].get<double>();
}

bool JsonBody::boolean(const std::string& k, bool fallback) {
  return optional_boolean(k).value_or(fallback);
}

std::optional<bool> JsonBody::optional_boolean(const std::string& k) {
  if (!has(k)) return std::nullopt;
  if (!j_[k].is_boolean()) {
    add(k, "Ce champ doit valoir true ou false.");
    return std::nullopt;
  }
  return j_[k].get<bool>();
}

std::optional<Date> JsonBody::date(const std::string& k) {
  std::string t = text(k);
  if (t.empty()) return std::nullopt;
  auto d = parse_iso_date(t);
  if (!d.ok()) {
    add(k, d.error().message);
    return std::nullopt;
  }
  return *d;
}

std::optional<int> JsonBody::clock_time(const std::string& k) {
  std::string t = text(k);
  if (t.empty()) return std::nullopt;
  auto m = parse_clock_time(t);
  if (!m) add(k, "L’heure doit être au format HH:MM (par exemple 09:30).");
  return m;
}

std::vector<std::string> JsonBody::strings(const std::string& k) {
  std::vector<std::string> out;
  if (!has(k)) return out;
  if (!j_[k].is_array()) {
    add(k, "Ce champ doit être une liste de chaînes de caractères.");
    return out;
  }
  for (const auto& v : j_[k]) {
    if (!v.is_string()) {
      add(k, "Ce champ doit être une liste de chaînes de caractères.");
      return {};
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

void JsonBody::date_field(const std::string& k, std::optional<Date>& target) {
  if (!j_.contains(k)) return;
  if (j_[k].is_null() || (j_[k].is_string() && j_[k].get<std::string>().empty())) {
    target.reset();
    return;
  }
  if (auto d = date(k)) target = d;
}

void JsonBody::require(const std::string& k) {
  if (!has(k)) add(k, "Ce champ est obligatoire.");
}

void JsonBody::add(const std::string& k, const std::string& message) {
  errors_.push_back({prefix_ + k, message});
}

void JsonBody::absorb(const JsonBody& nested) {
  errors_.insert(errors_.end(), nested.errors_.begin(), nested.errors_.end());
}

std::optional<Error> JsonBody::error() const {
  if (malformed_)
    return invalid("Le corps de la requête n’est pas un objet JSON valide.",
                   {{"", "Envoyez un objet JSON (Content-Type: application/json)."}});
  if (errors_.empty()) return std::nullopt;
  return invalid("La requête contient des erreurs.", errors_);
}

bool JsonBody::reject(Response& res) const {
  auto e = error();
  if (!e) return false;
  Web::api_error(res, *e);
  if (malformed_) res.status = 400;
  return true;
}

// ---- Formats -----------------------------------------------------------------------------

std::string iso_instant(Instant t) {
  return date::format("%FT%TZ", t);
}

std::string clock_text(int minute_of_day) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute_of_day / 60) % 100, minute_of_day % 60);
  return buf;
}

json date_or_null(const std::optional<Date>& d) {
  return d ? json(iso(*d)) : json(nullptr);
}

json instant_or_null(const std::optional<Instant>& t) {
  return t ? json(iso_instant(*t)) : json(nullptr);
}

json id_or_null(Id id) {
  return id ? json(id) : json(nullptr);
}

json org_ref(const Organisation& o) {
  if (!o.id) return nullptr;
  return {{"id", o.id}, {"name", o.name}, {"kind", org_kind_name(o.kind)}};
}

json user_ref(const User& u) {
  if (!u.id) return nullptr;
  return {{"id", u.id}, {"full_name", u.full_name}, {"email", u.email}, {"phone", u.phone}};
}

json place_json(const Place& p) {
  return {{"id", p.id},
          {"org_id", p.org_id},
          {"name", p.name},
          {"address", p.address},
          {"phone", p.phone},
          {"capacity", p.capacity},
          {"availability", p.availability},
          {"public_transport", p.public_transport}};
}

// Adds the keys of `extra` to `base` (flattened resources).
json merged(json base, const json& extra) {
  for (const auto& [k, v] : extra.items()) base[k] = v;
  return base;
}

// ---- Writing -----------------------------------------------------------------------------

json to_json(const Person& p, bool judicial_visible) {
  json j = {{"id", p.id},
            {"display_name", person_display_name(p)},
            {"last_name", p.last_name},
            {"first_name", p.first_name},
            {"birth_date", p.birth_date.ok() ? json(iso(p.birth_date)) : json(nullptr)},
            {"sex", sex_name(p.sex)},
            {"milieu", milieu_name(p.milieu)},
            {"spip_id", id_or_null(p.spip_id)},
            {"site_id", id_or_null(p.site_id)},
            {"qualification", p.qualification},
            {"referent_cpip_id", id_or_null(p.referent_cpip_id)},
            {"prison_number", p.prison_number},
            {"id_valid_until", date_or_null(p.id_valid_until)},
            {"work_permit_until", date_or_null(p.work_permit_until)},
            {"brsa", p.brsa},
            {"cer", p.cer},
            {"phone", p.phone},
            {"email", p.email},
            {"address", p.address},
            {"diagnosis",
             {{"text", p.diagnosis.text},
              {"established_on", date_or_null(p.diagnosis.established_on)},
              {"established_by", p.diagnosis.established_by}}},
            {"created_at", iso_instant(p.created_at)}};
  if (judicial_visible) {
    j["judicial_status"] = judicial_status_name(p.judicial_status);
    j["sentence_end"] = date_or_null(p.sentence_end);
  }
  return j;
}

json to_json(const PersonSummary& s, bool judicial_visible) {
  return merged(to_json(s.person, judicial_visible),
                {{"site_name", s.site_name},
                 {"referent_name", s.referent_name},
                 {"current_state_label", s.current_state_label},
                 {"current_prescription_id", id_or_null(s.current_prescription_id)}});
}

json to_json(const PersonFile& f) {
  json cases = json::array();
  for (const auto& c : f.cases) cases.push_back(to_json(c));
  json orientations = json::array();
  for (const auto& o : f.orientations) orientations.push_back(to_json(o));
  json timeline = json::array();
  for (const auto& e : f.timeline)
    timeline.push_back({{"at", iso_instant(e.at)},
                        {"label", e.label},
                        {"detail", e.detail},
                        {"actor_label", e.actor_label},
                        {"prescription_id", id_or_null(e.prescription_id)}});
  return {{"person", to_json(f.person, f.judicial_visible)},
          {"spip", org_ref(f.spip)},
          {"site", org_ref(f.site)},
          {"referent", user_ref(f.referent)},
          {"cases", cases},
          {"orientations", orientations},
          {"timeline", timeline},
          {"judicial_visible", f.judicial_visible},
          {"can_edit", f.can_edit},
          {"can_prescribe", f.can_prescribe}};
}

json to_json(const Orientation& o) {
  return {{"id", o.id},
          {"person_id", o.person_id},
          {"programme_id", o.programme_id},
          {"source", o.source},
          {"source_detail", o.source_detail},
          {"comment", o.comment},
          {"requested_on", o.requested_on.ok() ? json(iso(o.requested_on)) : json(nullptr)},
          {"status", o.status},
          {"decision_comment", o.decision_comment},
          {"prescription_id", id_or_null(o.prescription_id)},
          {"recorded_by", id_or_null(o.recorded_by)},
          {"recorded_at", iso_instant(o.recorded_at)}};
}

json to_json(const std::vector<TimetableSlot>& slots) {
  json out = json::array();
  for (const auto& s : slots)
    out.push_back({{"weekday", s.weekday},
                   {"start", clock_text(s.start_minute)},
                   {"end", clock_text(s.end_minute)}});
  return out;
}

json to_json(const Prescription& p) {
  return {{"id", p.id},
          {"person_id", p.person_id},
          {"programme_id", p.programme_id},
          {"programme_version", p.programme_version},
          {"state", p.state},
          {"modality", p.modality},
          {"spip_id", p.spip_id},
          {"lot_id", id_or_null(p.lot_id)},
          {"provider_id", id_or_null(p.provider_id)},
          {"cpip_id", id_or_null(p.cpip_id)},
          {"intervenant_id", id_or_null(p.intervenant_id)},
          {"orientation_id", id_or_null(p.orientation_id)},
          {"objectives", p.objectives},
          {"constraints", p.constraints},
          {"training_timetable", to_json(p.training_timetable)},
          {"training_until", date_or_null(p.training_until)},
          {"prescribed_at", iso_instant(p.prescribed_at)},
          {"reconvocation_pending", p.reconvocation_pending},
          {"end_reason", p.end_reason},
          {"ended_at", instant_or_null(p.ended_at)}};
}

json to_json(const PrescriptionSummary& s) {
  json next = nullptr;
  if (s.next_due_at)
    next = {{"due_at", iso_instant(*s.next_due_at)},
            {"label", s.next_due_label},
            {"state", deadline_state_name(s.next_due_state)}};
  return merged(to_json(s.prescription), {{"person_name", s.person_name},
                                          {"programme_label", s.programme_label},
                                          {"state_label", s.state_label},
                                          {"modality_label", s.modality_label},
                                          {"provider_name", s.provider_name},
                                          {"spip_name", s.spip_name},
                                          {"cpip_name", s.cpip_name},
                                          {"site_name", s.site_name},
                                          {"next_deadline", next}});
}

json to_json(const Proposal& p) {
  return {{"id", p.id},
          {"prescription_id", p.prescription_id},
          {"version", p.version},
          {"kind", p.kind},
          {"actions", p.actions},
          {"content", p.content},
          {"justification", p.justification},
          {"individual_hours", p.individual_hours},
          {"workshops", p.workshops},
          {"workshops_detail", p.workshops_detail},
          {"calendar", p.calendar},
          {"status", p.status},
          {"decision_comment", p.decision_comment},
          {"submitted_by", id_or_null(p.submitted_by)},
          {"submitted_at", iso_instant(p.submitted_at)},
          {"decided_by", id_or_null(p.decided_by)},
          {"decided_at", instant_or_null(p.decided_at)}};
}

json to_json(const ProposalView& v) {
  json changes = json::array();
  for (const auto& c : v.changes)
    changes.push_back(
        {{"field", c.field}, {"label", c.label}, {"before", c.before}, {"after", c.after}});
  return merged(to_json(v.proposal), {{"status_label", v.status_label},
                                      {"submitted_by_name", v.submitted_by_name},
                                      {"decided_by_name", v.decided_by_name},
                                      {"action_labels", v.action_labels},
                                      {"changes", changes}});
}

json to_json(const Session& s) {
  return {{"id", s.id},
          {"prescription_id", s.prescription_id},
          {"kind", s.kind},
          {"date", s.date.ok() ? json(iso(s.date)) : json(nullptr)},
          {"start", clock_text(s.start_minute)},
          {"end", clock_text(s.start_minute + s.duration_minutes)},
          {"duration_minutes", s.duration_minutes},
          {"place_id", id_or_null(s.place_id)},
          {"place_label", s.place_label},
          {"intervenant_id", id_or_null(s.intervenant_id)},
          {"status", s.status},
          {"absence_reason", s.absence_reason},
          {"absence_justified", s.absence_justified},
          {"note", s.note},
          {"recorded_by", id_or_null(s.recorded_by)},
          {"recorded_at", instant_or_null(s.recorded_at)}};
}

json to_json(const SessionView& v) {
  return merged(to_json(v.session), {{"intervenant_name", v.intervenant_name},
                                     {"status_label", v.status_label},
                                     {"absence_label", v.absence_label},
                                     {"overlaps_training", v.overlaps_training}});
}

json to_json(const Suspension& s) {
  return {{"id", s.id},
          {"prescription_id", s.prescription_id},
          {"reason", s.reason},
          {"comment", s.comment},
          {"from", iso_instant(s.from)},
          {"until", instant_or_null(s.until)}};
}

json to_json(const DeadlineView& d) {
  const Deadline& x = d.deadline.deadline;
  return {{"id", d.deadline.id},
          {"prescription_id", d.deadline.prescription_id},
          {"rule_id", x.rule_id},
          {"label", d.label},
          {"rule", d.rule},
          {"owner_org_id", id_or_null(d.deadline.owner_org_id)},
          {"owner_name", d.owner_name},
          {"owner_role", role_name(x.owner_role)},
          {"conditional", x.conditional},
          {"started_at", iso_instant(x.started_at)},
          {"due_at", iso_instant(x.due_at)},
          {"state", deadline_state_name(d.state)},
          {"state_label", deadline_state_label(d.state)},
          {"met_at", instant_or_null(x.met_at)},
          {"waived_at", instant_or_null(x.waived_at)},
          {"waiver_reason", x.waiver_reason},
          {"can_waive", d.can_waive},
          {"paused_since", instant_or_null(x.paused_since)},
          {"person_id", id_or_null(d.person_id)},
          {"person_name", d.person_name}};
}

json to_json(const CaseEvent& e) {
  return {{"id", e.id},
          {"prescription_id", id_or_null(e.prescription_id)},
          {"person_id", id_or_null(e.person_id)},
          {"event", e.event},
          {"label", e.label},
          {"detail", e.detail},
          {"actor_id", id_or_null(e.actor_id)},
          {"actor_label", e.actor_label},
          {"at", iso_instant(e.at)}};
}

json to_json(const PrescriptionView& v) {
  json proposals = json::array();
  for (const auto& p : v.proposals) proposals.push_back(to_json(p));
  json sessions = json::array();
  for (const auto& s : v.sessions) sessions.push_back(to_json(s));
  json suspensions = json::array();
  for (const auto& s : v.suspensions) suspensions.push_back(to_json(s));
  json deadlines = json::array();
  for (const auto& d : v.deadlines) deadlines.push_back(to_json(d));
  json events = json::array();
  for (const auto& e : v.events) events.push_back(to_json(e));
  json actions = json::array();
  for (const Transition* t : v.actions) {
    json reasons = json::array();
    if (v.config && !t->reason_list.empty())
      if (const auto* list = v.config->reason_list(t->reason_list))
        for (const auto& r : *list)
          if (r.event.empty() || r.event == t->event)
            reasons.push_back({{"id", r.id}, {"label", r.label}});
    actions.push_back({{"event", t->event},
                       {"label", t->label},
                       {"rule", t->rule},
                       {"requires_reason", t->requires_reason || !t->reason_list.empty()},
                       {"reason_list", t->reason_list},
                       {"reasons", reasons}});
  }
  json intervenants = json::array();
  for (const auto& u : v.intervenants) intervenants.push_back(user_ref(u));
  json places = json::array();
  for (const auto& p : v.places) places.push_back(place_json(p));
  json lot = nullptr;
  if (v.lot.id) lot = {{"id", v.lot.id}, {"number", v.lot.number}, {"label", v.lot.label}};
  return merged(
      to_json(v.prescription),
      {{"programme_label", v.config ? v.config->label : v.prescription.programme_id},
       {"state_label", v.state_label},
       {"modality_label", v.modality_label},
       {"person", to_json(v.person, v.judicial_visible)},
       {"spip", org_ref(v.spip)},
       {"site", org_ref(v.site)},
       {"provider", org_ref(v.provider)},
       {"lot", lot},
       {"cpip", user_ref(v.cpip)},
       {"intervenant", v.intervenant ? user_ref(*v.intervenant) : json(nullptr)},
       {"orientation", v.orientation ? to_json(*v.orientation) : json(nullptr)},
       {"proposals", proposals},
       {"pending_proposal_id", v.pending_proposal ? json(v.pending_proposal->id) : json(nullptr)},
       {"sessions", sessions},
       {"suspensions", suspensions},
       {"deadlines", deadlines},
       {"events", events},
       {"hours_done", v.hours_done},
       {"hours_validated", v.hours_validated},
       {"hours_planned", v.hours_planned},
       {"actions", actions},
       {"provider_side", v.provider_side},
       {"spip_side", v.spip_side},
       {"judicial_visible", v.judicial_visible},
       {"intervenants", intervenants},
       {"places", places}});
}

json to_json(const TodoItem& t) {
  return {{"kind", t.kind},
          {"label", t.label},
          {"rule", t.rule},
          {"person_id", id_or_null(t.person_id)},
          {"person_name", t.person_name},
          {"prescription_id", id_or_null(t.prescription_id)},
          {"link", t.link},
          {"due_at", instant_or_null(t.due_at)},
          {"state", deadline_state_name(t.state)},
          {"late", t.late}};
}

json to_json(const Permanence& p) {
  return {{"id", p.id},
          {"provider_id", p.provider_id},
          {"site_id", p.site_id},
          {"date", p.date.ok() ? json(iso(p.date)) : json(nullptr)},
          {"start", clock_text(p.start_minute)},
          {"duration_minutes", p.duration_minutes},
          {"note", p.note},
          {"recorded_by", id_or_null(p.recorded_by)}};
}

json to_json(const Notification& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"title", n.title},
          {"body", n.body},
          {"link", n.link},
          {"created_at", iso_instant(n.created_at)},
          {"read_at", instant_or_null(n.read_at)},
          {"read", n.read_at.has_value()}};
}

json to_json(const NotificationPrefs& p) {
  json kinds = json::array();
  for (const auto& k : p.kinds) kinds.push_back({{"id", k.id}, {"label", k.label}});
  return {{"kinds", kinds}, {"email_opt_outs", p.email_opt_outs}};
}

// ---- Reading -----------------------------------------------------------------------------

void from_json(JsonBody& b, Person& p, bool creating) {
  if (creating)
    for (const char* k : {"last_name", "first_name", "birth_date", "sex", "milieu", "site_id",
                          "judicial_status", "referent_cpip_id"})
      b.require(k);
  p.last_name = b.text("last_name", p.last_name);
  p.first_name = b.text("first_name", p.first_name);
  if (auto d = b.date("birth_date")) p.birth_date = *d;
  if (b.has("sex")) {
    if (auto s = parse_sex(b.text("sex")))
      p.sex = *s;
    else
      b.add("sex", "Le sexe doit valoir « F » ou « M ».");
  }
  if (b.has("milieu")) {
    auto m = parse_milieu(b.text("milieu"));
    if (m && *m != Milieu::none)
      p.milieu = *m;
    else
      b.add("milieu", "Le milieu doit valoir « mf » (milieu fermé) ou « mo » (milieu ouvert).");
  }
  p.spip_id = b.id("spip_id", p.spip_id);
  p.site_id = b.id("site_id", p.site_id);
  if (b.has("judicial_status")) {
    auto s = parse_judicial_status(b.text("judicial_status"));
    if (s && *s != JudicialStatus::none)
      p.judicial_status = *s;
    else
      b.add("judicial_status", "La situation pénale doit valoir « prevenu » ou « condamne ».");
  }
  p.qualification = b.text("qualification", p.qualification);
  p.referent_cpip_id = b.id("referent_cpip_id", p.referent_cpip_id);
  p.prison_number = b.text("prison_number", p.prison_number);
  b.date_field("sentence_end", p.sentence_end);
  b.date_field("id_valid_until", p.id_valid_until);
  b.date_field("work_permit_until", p.work_permit_until);
  p.brsa = b.boolean("brsa", p.brsa);
  p.cer = b.boolean("cer", p.cer);
  p.phone = b.text("phone", p.phone);
  p.email = b.text("email", p.email);
  p.address = b.text("address", p.address);
  if (b.has("diagnosis")) {
    if (!b.raw("diagnosis").is_object()) {
      b.add("diagnosis", "Ce champ doit être un objet {text, established_on, established_by}.");
    } else {
      JsonBody d(b.raw("diagnosis"), b.field("diagnosis."));
      p.diagnosis.text = d.text("text", p.diagnosis.text);
      d.date_field("established_on", p.diagnosis.established_on);
      p.diagnosis.established_by = d.text("established_by", p.diagnosis.established_by);
      b.absorb(d);
    }
  }
}

void from_json(JsonBody& b, Orientation& o) {
  b.require("source");
  o.programme_id = b.text("programme_id", o.programme_id);
  o.source = b.text("source", o.source);
  o.source_detail = b.text("source_detail", o.source_detail);
  o.comment = b.text("comment", o.comment);
  if (auto d = b.date("requested_on")) o.requested_on = *d;
}

void from_json(JsonBody& b, PrescriptionInput& in) {
  b.require("person_id");
  in.person_id = b.id("person_id");
  in.programme_id = b.text("programme_id", in.programme_id);
  in.modality = b.text("modality", in.modality);
  in.orientation_id = b.id("orientation_id");
  in.objectives = b.text("objectives");
  in.constraints = b.text("constraints");
  if (b.has("training_timetable")) {
    const json& t = b.raw("training_timetable");
    if (t.is_string()) {
      in.training_timetable = t.get<std::string>();
    } else if (t.is_array()) {
      std::vector<TimetableSlot> slots;
      for (std::size_t i = 0; i < t.size(); ++i) {
        const std::string name = "training_timetable[" + std::to_string(i) + "]";
        if (!t[i].is_object()) {
          b.add(name, "Chaque créneau doit être un objet {weekday, start, end}.");
          continue;
        }
        JsonBody slot(t[i], b.field(name + "."));
        slot.require("weekday");
        slot.require("start");
        slot.require("end");
        TimetableSlot s;
        s.weekday = static_cast<int>(slot.integer("weekday", 0));
        if (slot.has("weekday") && (s.weekday < 1 || s.weekday > 7))
          slot.add("weekday", "Le jour doit être compris entre 1 (lundi) et 7 (dimanche).");
        auto start = slot.clock_time("start");
        auto end = slot.clock_time("end");
        if (start && end && *end <= *start)
          slot.add("end", "La fin du créneau doit être après son début.");
        if (start) s.start_minute = *start;
        if (end) s.end_minute = *end;
        b.absorb(slot);
        slots.push_back(s);
      }
      in.training_timetable = timetable_text(slots);
    } else {
      b.add("training_timetable",
            "Ce champ doit être un texte (« lundi 09:00-12:00; mercredi 14:00-17:00 ») ou une "
            "liste de créneaux {weekday, start, end}.");
    }
  }
  in.training_until = b.date("training_until");
  in.volunteer = b.boolean("volunteer", false);
  in.needs_support = b.boolean("needs_support", false);
  in.legal_residence = b.boolean("legal_residence", false);
}

void from_json(JsonBody& b, EventInput& in) {
  b.require("event");
  in.event = b.text("event");
  in.reason = b.text("reason");
  in.comment = b.text("comment");
  in.date = b.date("date");
}

void from_json(JsonBody& b, Proposal& p) {
  p.actions = b.strings("actions");
  p.individual_hours = b.number("individual_hours", 0);
  p.content = b.text("content");
  p.justification = b.text("justification");
  p.workshops = b.boolean("workshops", false);
  p.workshops_detail = b.text("workshops_detail");
  p.calendar = b.text("calendar");
}

void from_json(JsonBody& b, Session& s) {
  b.require("date");
  b.require("start");
  if (auto d = b.date("date")) s.date = *d;
  if (auto m = b.clock_time("start")) s.start_minute = *m;
  s.duration_minutes = static_cast<int>(b.integer("duration_minutes", s.duration_minutes));
  s.place_id = b.id("place_id", s.place_id);
  s.place_label = b.text("place_label", s.place_label);
  s.intervenant_id = b.id("intervenant_id", s.intervenant_id);
}

void from_json(JsonBody& b, AttendanceInput& in) {
  b.require("present");
  in.present = b.boolean("present", true);
  in.absence_reason = b.text("absence_reason");
  in.justified = b.optional_boolean("justified");
  in.note = b.text("note");
}

void from_json(JsonBody& b, Permanence& p) {
  b.require("site_id");
  b.require("date");
  b.require("start");
  p.site_id = b.id("site_id");
  if (auto d = b.date("date")) p.date = *d;
  if (auto m = b.clock_time("start")) p.start_minute = *m;
  p.duration_minutes = static_cast<int>(b.integer("duration_minutes", p.duration_minutes));
  p.note = b.text("note");
}

}  // namespace parcours::http
