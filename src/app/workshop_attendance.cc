// Workshop attendance (SPEC WS-5, PPAIP-12 through the absence policy) and the views of
// workshops (WS-1..4).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/journey_internal.h"
#include "app/workshops.h"
#include "app/workshops_internal.h"
#include "domain/validation.h"

namespace parcours {

using namespace journey_detail;
using namespace workshop_detail;
using nlohmann::json;

namespace {

const char* list_status_label(const std::string& s) {
  if (s == "submitted") return "Liste soumise au SPIP";
  if (s == "validated") return "Liste validée par le SPIP";
  return "Liste en préparation";
}

const char* workshop_status_label(const std::string& s) {
  if (s == "ended") return "Terminé";
  if (s == "cancelled") return "Annulé";
  return "Prévu";
}

std::string session_words(const WorkshopSession& s) {
  return "séance n° " + std::to_string(s.number) + " du " + french_long(s.date) + " à " +
         french_time(s.start_minute);
}

const Reason* absence_reason(const ProgrammeConfig& config, const std::string& id) {
  for (const auto& r : config.absence_reasons)
    if (r.id == id) return &r;
  return nullptr;
}

// One participant's attendance, on their case: timeline, reconvocation or abandonment.
Result<std::string> apply_row(Repos& r, const Clock& clock, const Actor& a,
                              const WorkshopContext& c, const WorkshopSession& s,
                              const WorkshopParticipant& part, const WorkshopAttendance& att,
                              const std::string& reason_label) {
  auto p = r.journeys.find_prescription(part.prescription_id);
  auto person = r.persons.find(part.person_id);
  if (!p || !person) return not_found("Le parcours d’un participant est introuvable.");
  const ProgrammeState* state = c.config->state(p->state);
  const std::string what = workshop_words(*c.config, c.w) + ", " + session_words(s);
  if (att.present) {
    add_case_event(r, clock, a, *p, "workshop_present", "Séance d’atelier réalisée", what);
    if (p->reconvocation_pending) {
      p->reconvocation_pending = false;
      r.journeys.update_prescription(*p);
    }
    // PPAIP-8, ATT-2: a first workshop session attended starts the programme, on the day it
    // was held, however late the signed sheet is entered.
    if (allowed_from(*c.config, "start", p->state)) {
      auto fired = apply_event(r, clock, a, *c.config, *p, *person, "start", "", what,
                               workshop_session_start(s), "");
      if (!fired.ok()) return fired.error();
    }
    return std::string();
  }
  add_case_event(r, clock, a, *p, "workshop_absent",
                 att.absence_justified ? "Absence justifiée à un atelier"
                                       : "Absence non justifiée à un atelier",
                 what + " — " + reason_label);
  if (att.absence_justified || (state && state->terminal)) return std::string();
  // PPAIP-12 applies to workshops as to interviews (CCTP §6.2: "individuel ou collectif").
  auto followed =
      follow_unjustified_absence(r, clock, a, *c.config, *p, *person, p->reconvocation_pending,
                                 workshop_session_start(s), what + " (" + reason_label + ")");
  if (!followed.ok()) return followed.error();
  return person_display_name(*person) + " : " + followed->message;
}

ParticipantView participant_view(Repos& r, Names& names, const Programmes& programmes,
                                 const WorkshopParticipant& part, Id workshop_id) {
  ParticipantView v;
  v.participant = part;
  if (auto person = r.persons.find(part.person_id)) v.person_name = person_display_name(*person);
  auto p = r.journeys.find_prescription(part.prescription_id);
  if (!p) return v;
  v.cpip_name = names.user_name(p->cpip_id);
  const ProgrammeConfig* config = programmes.find(p->programme_id);
  const ProgrammeState* st = config ? config->state(p->state) : nullptr;
  v.case_state_label = st ? st->label : p->state;
  // WS-4: an individual programme is ongoing when the case has individual hours and is open.
  v.individual_follow_up = p->modality != "collective" && st && !st->terminal;
  for (const auto& other : r.workshops.participations_of(p->id)) {
    if (other.workshop_id == workshop_id || other.status != "registered") continue;
    auto w = r.workshops.find_workshop(other.workshop_id);
    if (!w || !config) continue;
    if (!v.other_workshops.empty()) v.other_workshops += ", ";
    v.other_workshops += theme_label(*config, *w);
  }
  return v;
}

WorkshopView build_view(Repos& r, const Clock& clock, const Programmes& programmes,
                        const WorkshopContext& c) {
  Names names(r);
  WorkshopView v;
  v.workshop = c.w;
  v.config = c.config;
  v.theme_label = theme_label(*c.config, c.w);
  v.code = record_code('A', c.w.id);
  v.provider = names.org(c.w.provider_id);
  v.spip = names.org(c.w.spip_id);
  if (c.w.site_id) v.site = names.org(c.w.site_id);
  v.intervenant_name = names.user_name(c.w.intervenant_id);
  v.list_status_label = list_status_label(c.w.list_status);
  v.status_label = workshop_status_label(c.w.status);
  v.provider_side = c.provider_side;
  v.spip_side = c.spip_side;
  v.can_change = c.provider_side && c.w.status == "planned";
  v.can_submit_list = v.can_change && c.w.list_status == "draft";
  v.can_decide_list = c.spip_side && c.w.list_status == "submitted";
  v.hours = workshop_hours(c.sessions);
  const Instant now = clock.now();
  for (const auto& s : c.sessions) {
    WorkshopSessionView sv;
    sv.session = s;
    sv.code = record_code('S', s.id);
    sv.attendance = r.workshops.attendance_of_session(s.id);
    sv.scans = r.documents.scans_of_workshop_session(s.id);
    sv.past = workshop_session_start(s) <= now;
    sv.can_record = c.provider_side && c.w.status != "cancelled" &&
                    c.w.list_status == "validated" && s.status == "planned" && sv.past;
    sv.can_cancel = c.provider_side && c.w.status != "cancelled" && s.status == "planned";
    v.sessions.push_back(std::move(sv));
  }
  for (const char* status : {"registered", "withdrawn"})
    for (const auto& part : c.participants)
      if (part.status == status)
        v.participants.push_back(participant_view(r, names, programmes, part, c.w.id));
  auto size = check_group_size(*c.config, active_participants(c.participants));
  if (size.verdict != GroupSizeVerdict::ok) v.group_warning = size.message;
  v.documents = r.documents.documents_of_workshop(c.w.id);
  if (c.provider_side) {
    for (const auto& m : r.users.members_of(c.w.provider_id))
      if (is_intervenant(m.role) || m.role == Role::provider_coordinator)
        if (std::none_of(v.intervenants.begin(), v.intervenants.end(),
                         [&](const User& u) { return u.id == m.user_id; }))
          if (auto u = r.users.find(m.user_id); u && u->active) v.intervenants.push_back(*u);
    v.places = r.orgs.places_of(c.w.provider_id);
    if (c.w.site_id)
      for (const auto& p : r.orgs.places_of(c.w.site_id)) v.places.push_back(p);
  }
  return v;
}

WorkshopSummary summary_of(Repos& r, Names& names, const Programmes& programmes,
                           const Workshop& w) {
  WorkshopSummary s;
  s.workshop = w;
  if (const ProgrammeConfig* config = programmes.find(w.programme_id))
    s.theme_label = theme_label(*config, w);
  s.spip_name = names.org(w.spip_id).name;
  if (w.site_id) s.site_name = names.org(w.site_id).name;
  s.intervenant_name = names.user_name(w.intervenant_id);
  s.list_status_label = list_status_label(w.list_status);
  s.participants = active_participants(r.workshops.participants_of(w.id));
  auto sessions = r.workshops.sessions_of(w.id);
  s.hours = workshop_hours(sessions);
  for (const auto& x : sessions) {
    if (x.status == "cancelled") continue;
    ++s.sessions;
    if (!s.first_date || x.date < *s.first_date) s.first_date = x.date;
    if (!s.last_date || x.date > *s.last_date) s.last_date = x.date;
  }
  return s;
}

}  // namespace

// WS-5: the intervenant records every registered participant's presence or absence, as
// written on the signed sheet, once the session has started and the SPIP validated the list.
Result<AttendanceOutcome> WorkshopService::record_attendance(
    const Actor& a, Id workshop_session_id, const std::vector<ParticipantAttendance>& rows) {
  return guarded_transact<AttendanceOutcome>(
      store_, clock_, a, "workshop.attendance", "workshop_session", workshop_session_id,
      [&](Repos& r) -> Result<AttendanceOutcome> {
        auto s = r.workshops.find_session(workshop_session_id);
        if (!s) return not_found("Cette séance n’existe pas.");
        auto c = provider_workshop(r, a, programmes_, s->workshop_id);
        if (!c.ok()) return c.error();
        if (c->w.list_status != "validated")
          return rule_violation(
              "La liste des participants doit être validée par le SPIP avant "
              "l’émargement.");
        if (s->status == "cancelled") return conflict("Cette séance est annulée.");
        if (workshop_session_start(*s) > clock_.now())
          return rule_violation(
              "La séance n’a pas encore eu lieu : la présence s’enregistre après la séance.");
        if (s->status == "held")
          return conflict("La présence de cette séance est déjà enregistrée.");
        std::vector<FieldError> errors;
        std::vector<std::pair<WorkshopParticipant, WorkshopAttendance>> todo;
        std::vector<std::string> labels;
        for (const auto& part : c->participants) {
          if (part.status != "registered") continue;
          auto row = std::find_if(rows.begin(), rows.end(),
                                  [&](const auto& x) { return x.participant_id == part.id; });
          const std::string field = "p" + std::to_string(part.id);
          if (row == rows.end()) {
            errors.push_back({field, "Indiquez la présence ou l’absence de chaque participant."});
            continue;
          }
          WorkshopAttendance att;
          att.workshop_session_id = s->id;
          att.participant_id = part.id;
          att.present = row->present;
          att.recorded_by = a.user.id;
          att.recorded_at = clock_.now();
          std::string label;
          if (!row->present) {
            const Reason* reason = absence_reason(*c->config, row->absence_reason);
            if (!reason) {
              errors.push_back({field + "_reason", "Le motif de l’absence est obligatoire."});
              continue;
            }
            att.absence_reason = reason->id;
            att.absence_justified = row->justified.value_or(reason->justified);
            label = reason->label;
          }
          todo.emplace_back(part, att);
          labels.push_back(label);
        }
        if (!errors.empty())
          return invalid(
              "L’émargement est incomplet : chaque participant doit être présent ou "
              "absent avec un motif.",
              errors);
        AttendanceOutcome outcome;
        for (std::size_t i = 0; i < todo.size(); ++i) {
          r.workshops.save_attendance(todo[i].second);
          auto message = apply_row(r, clock_, a, *c, *s, todo[i].first, todo[i].second, labels[i]);
          if (!message.ok()) return message.error();
          if (!message->empty())
            outcome.message += (outcome.message.empty() ? "" : "\n") + *message;
        }
        s->status = "held";
        s->recorded_by = a.user.id;
        s->recorded_at = clock_.now();
        r.workshops.update_session(*s);
        auto sessions = r.workshops.sessions_of(c->w.id);
        if (std::none_of(sessions.begin(), sessions.end(),
                         [](const auto& x) { return x.status == "planned"; })) {
          c->w.status = "ended";
          r.workshops.update_workshop(c->w);
        }
        if (outcome.message.empty()) outcome.message = "Émargement enregistré.";
        record(r, clock_, a, "workshop.attendance", "workshop_session", s->id, 0,
               json{{"workshop_id", c->w.id}, {"rows", todo.size()}}.dump());
        return outcome;
      });
}

Result<WorkshopView> WorkshopService::workshop(const Actor& a, Id workshop_id) {
  auto out = read<WorkshopView>(store_, [&](Repos& r) -> Result<WorkshopView> {
    auto c = workshop_context(r, a, programmes_, workshop_id);
    if (!c.ok()) return c.error();
    return build_view(r, clock_, programmes_, *c);
  });
  if (!out.ok() && out.error().code == ErrorCode::forbidden)
    return log_denied(store_, clock_, a, "workshop.read", "workshop", workshop_id, out.error());
  return out;
}

Result<WorkshopView> WorkshopService::workshop_of_session(const Actor& a, Id workshop_session_id) {
  Id workshop_id = 0;
  Status s = store_.read([&](Repos& r) -> Status {
    auto ws = r.workshops.find_session(workshop_session_id);
    if (!ws) return not_found("Cette séance n’existe pas.");
    workshop_id = ws->workshop_id;
    return {};
  });
  if (!s.ok()) return s.error();
  return workshop(a, workshop_id);
}

Result<std::vector<WorkshopSummary>> WorkshopService::workshops(const Actor& a) {
  auto providers = actor_providers(a);
  auto spips = actor_spips(a);
  if (providers.empty() && spips.empty())
    return log_denied(store_, clock_, a, "workshop.list", "workshop", 0,
                      forbidden("Les ateliers sont ceux des prestataires et des SPIP."));
  return read<std::vector<WorkshopSummary>>(
      store_, [&](Repos& r) -> Result<std::vector<WorkshopSummary>> {
        Names names(r);
        std::vector<WorkshopSummary> out;
        auto add = [&](WorkshopQuery q) {
          for (const auto& w : r.workshops.workshops(q))
            if (std::none_of(out.begin(), out.end(),
                             [&](const auto& s) { return s.workshop.id == w.id; }))
              out.push_back(summary_of(r, names, programmes_, w));
        };
        for (Id spip : spips) {
          WorkshopQuery q;
          q.spip_id = spip;
          q.list_status = "submitted";  // awaiting the SPIP first
          add(q);
          q.list_status.reset();
          add(q);
        }
        for (Id provider : providers) {
          WorkshopQuery q;
          q.provider_id = provider;
          add(q);
        }
        return out;
      });
}

Result<std::vector<PrescriptionSummary>> WorkshopService::eligible_cases(const Actor& a,
                                                                         Id workshop_id) {
  return read<std::vector<PrescriptionSummary>>(
      store_, [&](Repos& r) -> Result<std::vector<PrescriptionSummary>> {
        auto c = provider_workshop(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        PrescriptionQuery q;
        q.spip_id = c->w.spip_id;
        q.provider_id = c->w.provider_id;
        Names names(r);
        std::vector<PrescriptionSummary> out;
        for (const auto& p : r.journeys.prescriptions(q)) {
          if (p.programme_id != c->w.programme_id) continue;
          if (!check_workshop_prescription(*c->config, p.modality, p.state).ok()) continue;
          if (std::any_of(c->participants.begin(), c->participants.end(), [&](const auto& x) {
                return x.prescription_id == p.id && x.status == "registered";
              }))
            continue;
          auto person = r.persons.find(p.person_id);
          if (person) out.push_back(summarise(r, names, programmes_, p, *person, clock_.now()));
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& x, const auto& y) { return x.person_name < y.person_name; });
        return out;
      });
}

}  // namespace parcours
