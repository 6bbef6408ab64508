// The case: prescription, proposals and decisions, and every other event of the programme
// configuration (PPAIP-1..9, 13..15; DL-1).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/journey_internal.h"
#include "app/notifications.h"
#include "domain/calendar.h"
#include "domain/validation.h"

namespace parcours {

using namespace journey_detail;
using nlohmann::json;

namespace {

// PPAIP-3: the lot (and its provider) covering the person's SPIP for this programme, in a
// contract running on `on`. Renewals are tacit (ORG-3): a contract runs until its last
// possible renewal ends unless it was ended otherwise.
Result<Lot> lot_for(Repos& r, const std::string& programme_id, Id spip_id, Date on) {
  for (const auto& c : r.contracts.contracts()) {
    if (c.programme != programme_id) continue;
    if (date::sys_days(on) < date::sys_days(c.start_date) ||
        date::sys_days(on) >=
            date::sys_days(
                add_months(c.start_date, c.initial_months + c.renewals_allowed * c.renewal_months)))
      continue;
    for (const auto& lot : r.contracts.lots_of(c.id))
      if (lot.provider_org_id &&
          std::find(lot.spip_ids.begin(), lot.spip_ids.end(), spip_id) != lot.spip_ids.end())
        return lot;
  }
  return rule_violation(
      "Aucun lot attribué ne couvre ce SPIP pour ce programme à cette date : la prescription "
      "ne peut être adressée à aucun prestataire.");
}

// The programme of the contracts running on `on` with a lot covering the SPIP, when there is
// exactly one; a prescription that names none is for it.
Result<std::string> programme_covering(Repos& r, const Programmes& programmes, Id spip_id,
                                       Date on) {
  std::vector<std::string> found;
  for (const auto& config : programmes.all())
    if (lot_for(r, config.id, spip_id, on).ok()) found.push_back(config.id);
  if (found.size() == 1) return found.front();
  if (found.empty())
    return rule_violation(
        "Aucun lot attribué ne couvre ce SPIP à cette date : la prescription ne peut être "
        "adressée à aucun prestataire.");
  return invalid("Plusieurs programmes sont possibles pour ce SPIP : choisissez le programme.",
                 {{"programme_id", "Choisissez le programme."}});
}

std::string calendar_text(const std::vector<Session>& sessions, Instant now) {
  std::string out;
  for (const auto& s : planned_sessions(sessions, now))
    out += "- " + french_long(s.date) + " à " + french_time(s.start_minute) + " (" +
           french_duration(s.duration_minutes) +
           (s.place_label.empty() ? "" : ", " + s.place_label) + ")\n";
  return out.empty() ? "Aucune séance prévue pour l’instant.\n" : "Séances prévues :\n" + out;
}

}  // namespace

Result<std::string> JourneyService::covering_programme(const Actor& a, Id person_id) {
  return read<std::string>(store_, [&](Repos& r) -> Result<std::string> {
    auto person = visible_person(r, a, person_id);
    if (!person.ok()) return person.error();
    return programme_covering(r, programmes_, person->spip_id, paris_date(clock_.now()));
  });
}

Result<Id> JourneyService::prescribe(const Actor& a, const PrescriptionInput& in) {
  return guarded_transact<Id>(
      store_, clock_, a, "prescription.create", "person", in.person_id,
      [&](Repos& r) -> Result<Id> {
        auto person = visible_person(r, a, in.person_id);
        if (!person.ok()) return person.error();
        if (!spip_side(a, person->spip_id))
          return forbidden("Seul le SPIP qui suit la personne peut prescrire.");
        const Instant now = clock_.now();
        const Date today = paris_date(now);
        std::string programme_id = in.programme_id;
        if (programme_id.empty()) {
          auto covering = programme_covering(r, programmes_, person->spip_id, today);
          if (!covering.ok()) return covering.error();
          programme_id = *covering;
        }
        const ProgrammeConfig* config = programmes_.find(programme_id);
        if (!config) return invalid("Ce programme n’existe pas.");
        Validator v;
        if (std::none_of(config->modalities.begin(), config->modalities.end(),
                         [&](const Choice& c) { return c.id == in.modality; }))
          v.add("modality", "Choisissez la modalité dans la liste.");
        v.max_text("objectives", in.objectives, "Les objectifs", 5000);
        v.max_text("constraints", in.constraints, "Les contraintes", 5000);
        auto timetable = parse_timetable(in.training_timetable);
        if (!timetable.ok())
          for (const auto& d : timetable.error().details) v.add(d.field, d.message);
        if (!v.ok()) return v.status("La prescription n’est pas valide.").error();

        // PPAIP-1: every rule of the configuration for the person's milieu; the refusal names them.
        EligibilityFacts facts;
        facts.birth_date = person->birth_date;
        facts.prescribed_on = today;
        facts.milieu = person->milieu;
        facts.status = person->judicial_status;
        facts.followed_by_spip = person->judicial_status != JudicialStatus::none;
        facts.volunteer = in.volunteer;
        facts.needs_support = in.needs_support;
        facts.legal_residence = in.legal_residence;
        if (auto s = check_eligibility(*config, facts); !s.ok()) return s.error();

        PrescriptionQuery open;
        open.person_id = person->id;
        for (const auto& existing : r.journeys.prescriptions(open)) {
          const auto* st = config->state(existing.state);
          if (existing.programme_id == config->id && st && !st->terminal)
            return conflict(
                "Cette personne a déjà une prise en charge en cours dans ce programme : "
                "terminez-la ou retirez la prescription d’abord.");
        }
        auto lot = lot_for(r, config->id, person->spip_id, today);
        if (!lot.ok()) return lot.error();

        std::optional<Orientation> orientation;
        if (in.orientation_id) {
          orientation = r.journeys.find_orientation(in.orientation_id);
          if (!orientation || orientation->person_id != person->id)
            return invalid("La demande d’orientation ne concerne pas cette personne.");
          if (orientation->status != "pending")
            return conflict("Cette demande d’orientation a déjà reçu une suite.");
        } else {
          // PPAIP-2: prescribing answers the person's pending request (the oldest one).
          for (const auto& o : r.journeys.orientations_of_person(person->id))
            if (o.status == "pending" && o.programme_id == config->id) orientation = o;
        }

        Prescription p;
        p.person_id = person->id;
        p.programme_id = config->id;
        p.programme_version = config->version;
        p.modality = in.modality;
        p.spip_id = person->spip_id;
        p.lot_id = lot->id;
        p.provider_id = lot->provider_org_id;
        p.cpip_id = a.user.id;
        p.orientation_id = orientation ? orientation->id : 0;
        p.objectives = trim(in.objectives);
        p.constraints = trim(in.constraints);
        p.training_timetable = *timetable;
        p.training_until = in.training_until;
        p.prescribed_at = now;
        auto fired = apply_event(r, clock_, a, *config, p, *person, "prescribe", "", "", now, "");
        if (!fired.ok()) return fired.error();
        if (orientation) {
          orientation->status = "prescribed";
          orientation->prescription_id = p.id;
          r.journeys.update_orientation(*orientation);
        }
        return p.id;
      });
}

Result<PrescriptionView> JourneyService::prescription(const Actor& a, Id prescription_id) {
  // A read of a case is recorded (SEC-2), by the group commit of reads.
  return guarded_audited_read<PrescriptionView>(
      store_, clock_, a, "prescription.read", "prescription", prescription_id,
      [&](Repos& r, AuditedRead& entry) -> Result<PrescriptionView> {
        auto p = visible_case(r, a, prescription_id);
        if (!p.ok()) return p.error();
        const Instant now = clock_.now();
        Names names(r);
        PrescriptionView v;
        v.prescription = *p;
        v.config = programmes_.find(p->programme_id);
        auto person = r.persons.find(p->person_id);
        if (!person) return not_found("Cette personne n’existe pas.");
        v.person = *person;
        v.spip_side = spip_side(a, p->spip_id);
        v.provider_side = provider_side(a, p->provider_id);
        v.judicial_visible = v.spip_side;
        if (!v.judicial_visible) {
          v.person.judicial_status = JudicialStatus::none;
          v.person.sentence_end.reset();
        }
        v.state_label = p->state;
        if (v.config) {
          if (const auto* st = v.config->state(p->state)) v.state_label = st->label;
          for (const auto& m : v.config->modalities)
            if (m.id == p->modality) v.modality_label = m.label;
          for (Role role : roles_on_case(a, *p))
            for (const auto* t : available_transitions(*v.config, p->state, role))
              if (std::find(v.actions.begin(), v.actions.end(), t) == v.actions.end())
                v.actions.push_back(t);
        }
        v.spip = names.org(p->spip_id);
        v.site = names.org(person->site_id);
        v.provider = names.org(p->provider_id);
        if (auto lot = r.contracts.find_lot(p->lot_id)) v.lot = *lot;
        v.cpip = names.user(p->cpip_id);
        if (p->intervenant_id) v.intervenant = names.user(p->intervenant_id);
        if (p->orientation_id) v.orientation = r.journeys.find_orientation(p->orientation_id);
        auto proposals = r.journeys.proposals_of(p->id);
        for (std::size_t i = 0; i < proposals.size(); ++i) {
          ProposalView pv;
          pv.proposal = proposals[i];
          const auto& st = proposals[i].status;
          pv.status_label = st == "validated" ? "Validée"
                            : st == "refused" ? "Refusée"
                                              : "En attente de décision";
          pv.submitted_by_name = names.user_name(proposals[i].submitted_by);
          pv.decided_by_name = names.user_name(proposals[i].decided_by);
          if (v.config) {
            for (const auto& id : proposals[i].actions)
              for (const auto& c : v.config->actions)
                if (c.id == id) pv.action_labels.push_back(c.label);
            if (i > 0) pv.changes = compare_proposals(*v.config, proposals[i - 1], proposals[i]);
          }
          if (st == "submitted") v.pending_proposal = proposals[i];
          v.proposals.push_back(pv);
        }
        auto sessions = r.journeys.sessions_of(p->id);
        v.hours_done = hours_done(sessions);
        v.hours_validated = hours_validated(proposals);
        for (const auto& s : planned_sessions(sessions, now))
          v.hours_planned += s.duration_minutes / 60.0;
        for (const auto& s : sessions) {
          SessionView sv;
          sv.session = s;
          sv.intervenant_name = names.user_name(s.intervenant_id);
          sv.status_label = session_status_label(s);
          if (s.status == "absent" && v.config)
            sv.absence_label = reason_label(*v.config, "absence_reasons", s.absence_reason);
          sv.overlaps_training = s.status == "planned" && overlaps_training(*p, s);
          v.sessions.push_back(sv);
        }
        v.suspensions = r.journeys.suspensions_of(p->id);
        v.deadlines = deadline_views(v.config, r.journeys.deadlines_of(p->id), now);
        const bool may_waive = may_waive_deadlines(a, *p);
        for (auto& d : v.deadlines) {
          d.owner_name = names.org(d.deadline.owner_org_id).name;
          d.can_waive =
              may_waive && (d.state == DeadlineState::pending || d.state == DeadlineState::missed);
        }
        v.events = r.journeys.events_of(p->id);
        if (v.provider_side) {
          for (const auto& m : r.users.members_of(p->provider_id))
            if (is_intervenant(m.role) || m.role == Role::provider_coordinator)
              if (std::none_of(v.intervenants.begin(), v.intervenants.end(),
                               [&](const User& u) { return u.id == m.user_id; }))
                v.intervenants.push_back(names.user(m.user_id));
          v.places = r.orgs.places_of(p->provider_id);
          for (const auto& pl : r.orgs.places_of(person->site_id)) v.places.push_back(pl);
        }
        entry.subject_id = p->id;
        entry.person_id = p->person_id;
        return v;
      });
}

Result<std::vector<PrescriptionSummary>> JourneyService::cases(const Actor& a,
                                                               const std::string& filter) {
  auto spips = actor_spips(a);
  auto providers = actor_providers(a);
  if (spips.empty() && providers.empty())
    return log_denied(store_, clock_, a, "prescription.list", "prescription", 0,
                      forbidden("Votre rôle ne donne pas accès aux prescriptions."));
  return read<std::vector<PrescriptionSummary>>(
      store_, [&](Repos& r) -> Result<std::vector<PrescriptionSummary>> {
        const Instant now = clock_.now();
        Names names(r);
        std::vector<PrescriptionSummary> out;
        auto add = [&](const PrescriptionQuery& q) {
          for (const auto& p : r.journeys.prescriptions(q)) {
            const auto* config = programmes_.find(p.programme_id);
            const auto* st = config ? config->state(p.state) : nullptr;
            const bool closed = st && st->terminal;
            if ((filter == "" || filter == "en-cours") && closed) continue;
            if (filter == "terminees" && !closed) continue;
            // UX-2: an intervenant's own people (the cases assigned to them).
            if (filter == "miennes" && p.intervenant_id != a.user.id) continue;
            if (std::any_of(out.begin(), out.end(), [&](const PrescriptionSummary& s) {
                  return s.prescription.id == p.id;
                }))
              continue;
            auto person = r.persons.find(p.person_id);
            if (person) out.push_back(summarise(r, names, programmes_, p, *person, now));
          }
        };
        for (Id provider : providers) {
          PrescriptionQuery q;
          q.provider_id = provider;
          add(q);
        }
        for (Id spip : spips) {
          PrescriptionQuery q;
          q.spip_id = spip;
          // A CPIP sees their own prescriptions by default; "spip" shows the whole service.
          if (a.has_role(Role::cpip) && filter != "spip" && !a.has_role(Role::spip_manager))
            q.cpip_id = a.user.id;
          add(q);
        }
        // Most urgent first, then the newest.
        std::stable_sort(out.begin(), out.end(),
                         [](const PrescriptionSummary& x, const PrescriptionSummary& y) {
                           if (x.next_due_at.has_value() != y.next_due_at.has_value())
                             return x.next_due_at.has_value();
                           if (x.next_due_at && *x.next_due_at != *y.next_due_at)
                             return *x.next_due_at < *y.next_due_at;
                           return x.prescription.id > y.prescription.id;
                         });
        return out;
      });
}

Result<std::vector<PrescriptionSummary>> JourneyService::validations_waiting(const Actor& a) {
  auto all = cases(a, "en-cours");
  if (!all.ok()) return all.error();
  return read<std::vector<PrescriptionSummary>>(
      store_, [&](Repos& r) -> Result<std::vector<PrescriptionSummary>> {
        std::vector<PrescriptionSummary> out;
        for (const auto& s : *all) {
          if (!spip_side(a, s.prescription.spip_id)) continue;
          auto proposals = r.journeys.proposals_of(s.prescription.id);
          if (std::any_of(proposals.begin(), proposals.end(),
                          [](const Proposal& p) { return p.status == "submitted"; }))
            out.push_back(s);
        }
        return out;
      });
}

Status JourneyService::assign_intervenant(const Actor& a, Id prescription_id, Id user_id) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "prescription.assign", "prescription", prescription_id,
      [&](Repos& r) -> Result<bool> {
        auto p = visible_case(r, a, prescription_id);
        if (!p.ok()) return p.error();
        if (!provider_side(a, p->provider_id))
          return forbidden("Seul le prestataire désigne l’intervenant.");
        const auto* config = programmes_.find(p->programme_id);
        const auto* st = config ? config->state(p->state) : nullptr;
        if (st && st->terminal) return rule_violation("Cette prise en charge est close.");
        bool staff = false;
        for (const auto& m : r.users.memberships_of(user_id))
          if (m.org_id == p->provider_id &&
              (is_intervenant(m.role) || m.role == Role::provider_coordinator))
            staff = true;
        if (!staff)
          return invalid("Choisissez un intervenant de votre structure.",
                         {{"intervenant_id", "Cette personne ne fait pas partie de l’équipe."}});
        p->intervenant_id = user_id;
        r.journeys.update_prescription(*p);
        auto u = r.users.find(user_id);
        add_case_event(r, clock_, a, *p, "intervenant_assigned", "Intervenant désigné",
                       u ? u->full_name : "");
        record(r, clock_, a, "prescription.assign", "prescription", p->id, p->person_id,
               json{{"intervenant_id", user_id}}.dump());
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

Result<Id> JourneyService::submit_proposal(const Actor& a, Id prescription_id, Proposal in) {
  return guarded_transact<Id>(
      store_, clock_, a, "proposal.submit", "prescription", prescription_id,
      [&](Repos& r) -> Result<Id> {
        auto p = visible_case(r, a, prescription_id);
        if (!p.ok()) return p.error();
        if (!provider_side(a, p->provider_id))
          return forbidden("Seul le prestataire propose un programme.");
        const ProgrammeConfig* config = programmes_.find(p->programme_id);
        if (!config) return unavailable("La configuration du programme est introuvable.");
        auto person = r.persons.find(p->person_id);
        if (!person) return not_found("Cette personne n’existe pas.");
        auto proposals = r.journeys.proposals_of(p->id);
        if (std::any_of(proposals.begin(), proposals.end(),
                        [](const Proposal& x) { return x.status == "submitted"; }))
          return conflict("Une proposition attend déjà la décision du CPIP.");
        // First proposal, new version after a refusal, or modification of a running programme
        // (PPAIP-6, 7, 9): the configuration says which is possible from the current state.
        std::string event;
        for (const char* candidate :
             {"submit_proposal", "resubmit_proposal", "propose_modification"}) {
          const Transition* t = config->transition(candidate);
          if (t && std::find(t->from.begin(), t->from.end(), p->state) != t->from.end()) {
            event = candidate;
            break;
          }
        }
        if (event.empty())
          return rule_violation(
              "Une proposition ne peut pas être soumise à ce stade (" +
              (config->state(p->state) ? config->state(p->state)->label : p->state) + ").");
        in.prescription_id = p->id;
        in.kind = event == "propose_modification" ? "modification" : "initial";
        in.content = trim(in.content);
        in.justification = trim(in.justification);
        if (auto s = validate_proposal(*config, p->modality, in); !s.ok()) return s.error();
        in.version = proposals.empty() ? 1 : proposals.back().version + 1;
        in.status = "submitted";
        in.submitted_by = a.user.id;
        in.submitted_at = clock_.now();
        in.decided_by = 0;
        in.decided_at.reset();
        in.decision_comment.clear();
        in.id = r.journeys.insert_proposal(in);
        auto fired = apply_event(
            r, clock_, a, *config, *p, *person, event, "",
            "Version " + std::to_string(in.version) + " — " + french_hours(in.individual_hours),
            clock_.now(), "");
        if (!fired.ok()) return fired.error();
        return in.id;
      });
}

Status JourneyService::decide_proposal(const Actor& a, Id proposal_id, bool validate,
                                       const std::string& comment) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "proposal.decide", "proposal", proposal_id, [&](Repos& r) -> Result<bool> {
        auto proposal = r.journeys.find_proposal(proposal_id);
        if (!proposal) return not_found("Cette proposition n’existe pas.");
        auto p = visible_case(r, a, proposal->prescription_id);
        if (!p.ok()) return p.error();
        if (!spip_side(a, p->spip_id))
          return forbidden("Seul le CPIP valide ou refuse une proposition.");
        if (proposal->status != "submitted")
          return conflict("Cette proposition a déjà reçu une décision.");
        const ProgrammeConfig* config = programmes_.find(p->programme_id);
        if (!config) return unavailable("La configuration du programme est introuvable.");
        auto person = r.persons.find(p->person_id);
        if (!person) return not_found("Cette personne n’existe pas.");
        if (trim(comment).size() > 5000) return invalid("Le commentaire est trop long.");
        const bool modification = proposal->kind == "modification";
        const std::string event =
            validate ? (modification ? "validate_modification" : "validate_proposal")
                     : (modification ? "refuse_modification" : "refuse_proposal");
        proposal->status = validate ? "validated" : "refused";
        proposal->decision_comment = trim(comment);
        proposal->decided_by = a.user.id;
        proposal->decided_at = clock_.now();
        r.journeys.update_proposal(*proposal);
        auto fired = apply_event(r, clock_, a, *config, *p, *person, event, "",
                                 "Version " + std::to_string(proposal->version) +
                                     (comment.empty() ? "" : " — " + trim(comment)),
                                 clock_.now(), "");
        if (!fired.ok()) return fired.error();
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

namespace {

// PPAIP-16: the end of the person's last attended session, individual or workshop.
std::optional<Instant> last_attended_session_end(Repos& r, Id prescription_id) {
  std::optional<Instant> last;
  auto later = [&last](Instant t) {
    if (!last || t > *last) last = t;
  };
  for (const auto& s : r.journeys.sessions_of(prescription_id))
    if (s.status == "present") later(session_end(s));
  for (const auto& part : r.workshops.participations_of(prescription_id))
    for (const auto& att : r.workshops.attendance_of_participant(part.id))
      if (att.present)
        if (auto ws = r.workshops.find_session(att.workshop_session_id))
          later(workshop_session_end(*ws));
  return last;
}

}  // namespace

Result<std::string> JourneyService::fire(const Actor& a, Id prescription_id, const EventInput& in) {
  return guarded_transact<std::string>(
      store_, clock_, a, "prescription." + in.event, "prescription", prescription_id,
      [&](Repos& r) -> Result<std::string> {
        auto p = visible_case(r, a, prescription_id);
        if (!p.ok()) return p.error();
        const ProgrammeConfig* config = programmes_.find(p->programme_id);
        if (!config) return unavailable("La configuration du programme est introuvable.");
        // Events with their own use case (and their own records) are not fired bare.
        const Transition* t = config->transition(in.event);
        if (t && t->own_form) return invalid("Cette action se fait depuis son propre formulaire.");
        auto person = r.persons.find(p->person_id);
        if (!person) return not_found("Cette personne n’existe pas.");
        const Instant now = clock_.now();
        Instant at = now;
        if (in.date) {
          if (date::sys_days(*in.date) > date::sys_days(paris_date(now)))
            return invalid("La date ne peut pas être dans le futur.",
                           {{"date", "La date ne peut pas être dans le futur."}});
          // A declared date earlier than today: the fact happened that day (start of the day,
          // Europe/Paris); today's date keeps the current instant.
          // ATT-2: nor before the case existed (the same day keeps the prescription's instant).
          if (date::sys_days(*in.date) < date::sys_days(paris_date(p->prescribed_at)))
            return invalid("La date ne peut pas précéder la prescription.",
                           {{"date", "La date ne peut pas précéder la prescription du " +
                                         french_long(paris_date(p->prescribed_at)) + "."}});
          if (*in.date != paris_date(now))
            at = std::max(p->prescribed_at,
                          end_of_paris_day(date::sys_days(*in.date) - date::days{1}) +
                              std::chrono::seconds{1});
        }
        if (trim(in.comment).size() > 5000) return invalid("Le commentaire est trop long.");
        std::string extra;
        if (!in.date && t && t->dated_by_last_session)
          if (auto last = last_attended_session_end(r, p->id); last && *last <= now) at = *last;
        if (t && t->notify == "calendar") extra = calendar_text(r.journeys.sessions_of(p->id), now);
        auto fired = apply_event(r, clock_, a, *config, *p, *person, in.event, trim(in.reason),
                                 trim(in.comment), at, extra);
        if (!fired.ok()) return fired.error();
        return fired->transition->done_label;
      });
}

}  // namespace parcours
