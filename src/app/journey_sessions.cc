// Sessions, attendance and the absence policy, the agenda, permanences and the "À faire"
// list (PPAIP-4, 10..12, 15, 17; DL-2).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/journey_internal.h"
#include "app/notifications.h"
#include "domain/validation.h"

namespace parcours {

using namespace journey_detail;
using nlohmann::json;

namespace {

bool terminal(const ProgrammeConfig& config, const std::string& state) {
  const auto* st = config.state(state);
  return st && st->terminal;
}

std::string session_words(const Session& s) {
  return french_long(s.date) + " à " + french_time(s.start_minute) + " (" +
         french_duration(s.duration_minutes) + ")";
}

// PPAIP-10: once the personalised calendar was sent, planning, moving or cancelling a session
// of a running programme is a calendar change, to be communicated within the configured delay.
Status calendar_changed(Repos& r, const Clock& clock, const Actor& a, const ProgrammeConfig& config,
                        Prescription& p, const Person& person, const std::string& what) {
  if (!allowed_from(config, "change_calendar", p.state)) return {};
  auto events = r.journeys.events_of(p.id);
  bool sent = std::any_of(events.begin(), events.end(),
                          [](const CaseEvent& e) { return e.event == "send_calendar"; });
  if (!sent) return {};
  auto fired =
      apply_event(r, clock, a, config, p, person, "change_calendar", "", what, clock.now(), "");
  if (!fired.ok()) return fired.error();
  return {};
}

Result<CaseContext> provider_case(Repos& r, const Actor& a, const Programmes& programmes,
                                  Id prescription_id) {
  auto c = case_context(r, a, programmes, prescription_id);
  if (!c.ok()) return c.error();
  if (!provider_side(a, c->p.provider_id))
    return forbidden("Seul le prestataire enregistre les séances.");
  if (terminal(*c->config, c->p.state)) return rule_violation("Cette prise en charge est close.");
  return c;
}

Status check_intervenant(Repos& r, Id provider_id, Id user_id) {
  for (const auto& m : r.users.memberships_of(user_id))
    if (m.org_id == provider_id && (is_intervenant(m.role) || m.role == Role::provider_coordinator))
      return {};
  return invalid("L’intervenant doit faire partie de votre structure.",
                 {{"intervenant_id", "Choisissez un intervenant de votre structure."}});
}

std::vector<std::string> overlap_warnings(const Prescription& p, const Session& s) {
  if (!overlaps_training(p, s)) return {};
  return {
      "Attention : cette séance chevauche l’emploi du temps de la formation suivie par la "
      "personne (" +
      describe_timetable(p.training_timetable) +
      "). Les séances doivent avoir lieu en "
      "dehors des heures de formation."};
}

// PPAIP-15: the CPIP is invited to the last interview — the session that reaches the
// validated hours.
void invite_to_last_interview(Repos& r, const Clock& clock, const Prescription& p,
                              const Person& person, const Session& s) {
  auto proposals = r.journeys.proposals_of(p.id);
  const double validated = hours_validated(proposals);
  if (validated <= 0) return;
  double minutes = 0;
  for (const auto& x : r.journeys.sessions_of(p.id))
    if (x.status == "present" || x.status == "planned") minutes += x.duration_minutes;
  if (minutes / 60.0 + 1e-9 < validated) return;
  notify(r, clock, spip_recipients(p), "last_interview",
         "Invitation au dernier entretien — " + person_display_name(person),
         "Le dernier entretien individuel de " + person_display_name(person) + " est prévu le " +
             session_words(s) + (s.place_label.empty() ? "" : ", " + s.place_label) +
             ". Le CCTP prévoit la participation du CPIP à ce dernier entretien.",
         "/prescriptions/" + std::to_string(p.id));
}

}  // namespace

Result<Id> JourneyService::record_first_interview(const Actor& a, Id prescription_id, Session s) {
  return guarded_transact<Id>(
      store_, clock_, a, "session.first_interview", "prescription", prescription_id,
      [&](Repos& r) -> Result<Id> {
        auto c = provider_case(r, a, programmes_, prescription_id);
        if (!c.ok()) return c.error();
        s.prescription_id = c->p.id;
        s.kind = "first_interview";
        s.status = "present";
        if (s.intervenant_id == 0) s.intervenant_id = a.user.id;
        if (auto v = validate_session(s); !v.ok()) return v.error();
        if (auto v = check_intervenant(r, c->p.provider_id, s.intervenant_id); !v.ok())
          return v.error();
        if (session_start(s) > clock_.now())
          return invalid("Le premier entretien ne peut pas être enregistré avant d’avoir eu lieu.",
                         {{"date", "La date et l’heure doivent être passées."}});
        if (session_start(s) < c->p.prescribed_at)
          return invalid(
              "Le premier entretien ne peut pas précéder la réception de la prescription.",
              {{"date", "La date doit suivre celle de la prescription."}});
        s.recorded_by = a.user.id;
        s.recorded_at = clock_.now();
        if (c->p.intervenant_id == 0) c->p.intervenant_id = s.intervenant_id;
        s.id = r.journeys.insert_session(s);
        // The deadline is met when the interview took place, not when it was typed in.
        auto fired =
            apply_event(r, clock_, a, *c->config, c->p, c->person, "record_first_interview", "",
                        session_words(s), session_start(s), "");
        if (!fired.ok()) return fired.error();
        return s.id;
      });
}

Result<PlannedSession> JourneyService::plan_session(const Actor& a, Id prescription_id, Session s) {
  return guarded_transact<PlannedSession>(
      store_, clock_, a, "session.plan", "prescription", prescription_id,
      [&](Repos& r) -> Result<PlannedSession> {
        auto c = provider_case(r, a, programmes_, prescription_id);
        if (!c.ok()) return c.error();
        s.prescription_id = c->p.id;
        s.status = "planned";
        if (s.kind != "first_interview")
          s.kind = c->p.reconvocation_pending ? "reconvocation" : "individual";
        if (s.kind == "first_interview" &&
            !allowed_from(*c->config, "record_first_interview", c->p.state))
          return rule_violation("Le premier entretien a déjà eu lieu.");
        if (auto v = validate_session(s); !v.ok()) return v.error();
        if (auto v = check_intervenant(r, c->p.provider_id, s.intervenant_id); !v.ok())
          return v.error();
        if (session_start(s) < clock_.now())
          return invalid(
              "Une séance prévue doit être dans le futur ; pour une séance passée, "
              "enregistrez la présence.",
              {{"date", "Choisissez une date et une heure à venir."}});
        s.recorded_by = a.user.id;
        s.recorded_at = clock_.now();
        s.id = r.journeys.insert_session(s);
        PlannedSession out{s.id, overlap_warnings(c->p, s)};
        add_case_event(r, clock_, a, c->p, "session_planned",
                       s.kind == "reconvocation" ? "Reconvocation prévue" : "Séance prévue",
                       session_words(s));
        if (auto st = calendar_changed(r, clock_, a, *c->config, c->p, c->person,
                                       "Séance ajoutée : " + session_words(s));
            !st.ok())
          return st.error();
        invite_to_last_interview(r, clock_, c->p, c->person, s);
        record(r, clock_, a, "session.plan", "session", s.id, c->p.person_id,
               json{{"prescription_id", c->p.id}, {"kind", s.kind}}.dump());
        return out;
      });
}

Result<PlannedSession> JourneyService::move_session(const Actor& a, Id session_id, Date date,
                                                    int start_minute, int duration_minutes) {
  return guarded_transact<PlannedSession>(
      store_, clock_, a, "session.move", "session", session_id,
      [&](Repos& r) -> Result<PlannedSession> {
        auto s = r.journeys.find_session(session_id);
        if (!s) return not_found("Cette séance n’existe pas.");
        auto c = provider_case(r, a, programmes_, s->prescription_id);
        if (!c.ok()) return c.error();
        if (s->status != "planned") return conflict("Seule une séance prévue peut être déplacée.");
        const std::string before = session_words(*s);
        s->date = date;
        s->start_minute = start_minute;
        s->duration_minutes = duration_minutes;
        if (auto v = validate_session(*s); !v.ok()) return v.error();
        if (session_start(*s) < clock_.now())
          return invalid("La nouvelle date doit être dans le futur.",
                         {{"date", "Choisissez une date et une heure à venir."}});
        r.journeys.update_session(*s);
        add_case_event(r, clock_, a, c->p, "session_moved", "Séance déplacée",
                       before + " → " + session_words(*s));
        if (auto st = calendar_changed(r, clock_, a, *c->config, c->p, c->person,
                                       "Séance déplacée : " + before + " → " + session_words(*s));
            !st.ok())
          return st.error();
        record(r, clock_, a, "session.move", "session", s->id, c->p.person_id);
        return PlannedSession{s->id, overlap_warnings(c->p, *s)};
      });
}

Status JourneyService::cancel_session(const Actor& a, Id session_id, const std::string& reason) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "session.cancel", "session", session_id, [&](Repos& r) -> Result<bool> {
        auto s = r.journeys.find_session(session_id);
        if (!s) return not_found("Cette séance n’existe pas.");
        auto c = provider_case(r, a, programmes_, s->prescription_id);
        if (!c.ok()) return c.error();
        if (s->status != "planned") return conflict("Seule une séance prévue peut être annulée.");
        if (trim(reason).empty())
          return invalid("Indiquez le motif de l’annulation.",
                         {{"reason", "Le motif est obligatoire."}});
        s->status = "cancelled";
        s->note = trim(reason);
        r.journeys.update_session(*s);
        add_case_event(r, clock_, a, c->p, "session_cancelled", "Séance annulée",
                       session_words(*s) + " — " + trim(reason));
        if (auto st = calendar_changed(r, clock_, a, *c->config, c->p, c->person,
                                       "Séance annulée : " + session_words(*s));
            !st.ok())
          return st.error();
        record(r, clock_, a, "session.cancel", "session", s->id, c->p.person_id);
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

Result<AttendanceOutcome> JourneyService::record_attendance(const Actor& a, Id session_id,
                                                            const AttendanceInput& in) {
  return guarded_transact<AttendanceOutcome>(
      store_, clock_, a, "session.attendance", "session", session_id,
      [&](Repos& r) -> Result<AttendanceOutcome> {
        auto s = r.journeys.find_session(session_id);
        if (!s) return not_found("Cette séance n’existe pas.");
        auto c = provider_case(r, a, programmes_, s->prescription_id);
        if (!c.ok()) return c.error();
        if (s->status != "planned")
          return conflict("La présence de cette séance est déjà enregistrée.");
        if (session_start(*s) > clock_.now())
          return rule_violation(
              "La séance n’a pas encore eu lieu : la présence s’enregistre "
              "après la séance.");
        const ProgrammeConfig& config = *c->config;
        AttendanceOutcome outcome;
        s->recorded_by = a.user.id;
        s->recorded_at = clock_.now();
        s->note = trim(in.note);
        if (in.present) {
          s->status = "present";
          s->absence_reason.clear();
          r.journeys.update_session(*s);
          add_case_event(r, clock_, a, c->p, "session_present", "Séance réalisée",
                         session_words(*s));
          if (s->kind == "reconvocation") c->p.reconvocation_pending = false;
          r.journeys.update_prescription(c->p);
          // The first interview and the start of the programme are facts of the session.
          for (const char* event : {"record_first_interview", "start"}) {
            if (std::string(event) == "record_first_interview" && s->kind != "first_interview")
              continue;
            if (!allowed_from(config, event, c->p.state)) continue;
            auto fired = apply_event(r, clock_, a, config, c->p, c->person, event, "",
                                     session_words(*s), session_start(*s), "");
            if (!fired.ok()) return fired.error();
            outcome.event = event;
          }
          outcome.message = "Présence enregistrée.";
        } else {
          const auto& reasons = config.absence_reasons;
          auto reason = std::find_if(reasons.begin(), reasons.end(),
                                     [&](const Reason& x) { return x.id == in.absence_reason; });
          if (reason == reasons.end())
            return invalid("Choisissez le motif de l’absence dans la liste.",
                           {{"absence_reason", "Le motif de l’absence est obligatoire."}});
          s->status = "absent";
          s->absence_reason = reason->id;
          s->absence_justified = in.justified.value_or(reason->justified);
          r.journeys.update_session(*s);
          add_case_event(r, clock_, a, c->p, "session_absent",
                         s->absence_justified ? "Absence justifiée" : "Absence non justifiée",
                         session_words(*s) + " — " + reason->label);
          if (!s->absence_justified) {
            auto followed = follow_unjustified_absence(
                r, clock_, a, config, c->p, c->person, s->kind == "reconvocation",
                session_start(*s),
                "la séance du " + session_words(*s) + " (" + reason->label + ")");
            if (!followed.ok()) return followed.error();
            outcome = *followed;
          } else {
            outcome.message = "Absence justifiée enregistrée.";
          }
        }
        record(r, clock_, a, "session.attendance", "session", s->id, c->p.person_id,
               json{{"status", s->status}, {"justified", s->absence_justified}}.dump());
        return outcome;
      });
}

Result<std::vector<SessionView>> JourneyService::agenda(const Actor& a, Date from, Date to) {
  auto providers = actor_providers(a);
  if (providers.empty())
    return log_denied(store_, clock_, a, "agenda.read", "session", 0,
                      forbidden("L’agenda est celui des prestataires."));
  return read<std::vector<SessionView>>(store_, [&](Repos& r) -> Result<std::vector<SessionView>> {
    Names names(r);
    std::vector<SessionView> out;
    const bool coordinator = a.has_role(Role::provider_coordinator);
    for (Id provider : providers) {
      std::optional<Id> only;
      if (!coordinator) only = a.user.id;
      for (const auto& s : r.journeys.sessions_of_provider(provider, from, to, only)) {
        SessionView v;
        v.session = s;
        v.intervenant_name = names.user_name(s.intervenant_id);
        v.status_label = session_status_label(s);
        out.push_back(v);
      }
    }
    return out;
  });
}

Result<Id> JourneyService::record_permanence(const Actor& a, Permanence p) {
  return guarded_transact<Id>(
      store_, clock_, a, "permanence.create", "organisation", p.provider_id,
      [&](Repos& r) -> Result<Id> {
        if (!provider_side(a, p.provider_id))
          return forbidden("Seul le prestataire enregistre ses permanences.");
        Validator v;
        auto site = r.orgs.find(p.site_id);
        if (!site || (site->kind != OrgKind::establishment && site->kind != OrgKind::antenna))
          v.add("site_id", "Choisissez un établissement ou une antenne.");
        if (!p.date.ok()) v.add("date", "La date est obligatoire.");
        if (p.duration_minutes < 15 || p.duration_minutes > 12 * 60)
          v.add("duration", "La durée doit être comprise entre 15 minutes et 12 heures.");
        v.max_text("note", p.note, "La note", 2000);
        if (!v.ok()) return v.status("La permanence n’est pas valide.").error();
        p.recorded_by = a.user.id;
        p.id = r.journeys.insert_permanence(p);
        record(r, clock_, a, "permanence.create", "permanence", p.id, 0,
               json{{"site_id", p.site_id}}.dump());
        return p.id;
      });
}

Result<std::vector<Permanence>> JourneyService::permanences(const Actor& a, Date from, Date to) {
  auto providers = actor_providers(a);
  if (providers.empty())
    return log_denied(store_, clock_, a, "permanence.list", "permanence", 0,
                      forbidden("Les permanences sont celles des prestataires."));
  return read<std::vector<Permanence>>(store_, [&](Repos& r) -> Result<std::vector<Permanence>> {
    std::vector<Permanence> out;
    for (Id provider : providers)
      for (const auto& p : r.journeys.permanences_of(provider, from, to)) out.push_back(p);
    return out;
  });
}

}  // namespace parcours
