// Writes a simulated case (national_case.h) as the application stores it: the prescription,
// its proposals, sessions, suspensions, deadlines (is_open kept in step with met_at and
// waived_at), the timeline, the signed scans of most held sessions and the final bilan.
#include <algorithm>

#include "domain/journey.h"
#include "domain/user.h"
#include "storage/national_case.h"
#include "storage/national_names.h"

namespace parcours::storage::national {
namespace {

std::string actions_json(const std::vector<std::string>& actions) {
  std::string out = "[";
  for (std::size_t i = 0; i < actions.size(); ++i) out += (i ? ",\"" : "\"") + actions[i] + "\"";
  return out + "]";
}

void write_prescription(Context& c, Rng& rng, const CaseInput& in, const CaseRecord& r) {
  const SpipInfo& spip = c.world.spips[in.spip];
  const LotInfo& lot = c.world.lots[spip.lot];
  const Day training_until = c.today + static_cast<Day>(rng.between(30, 200));
  c.sink.prescriptions.row()
      .integer(r.id)
      .integer(in.person_id)
      .text(c.config.id)
      .text(c.config.version)
      .text(r.state)
      .text(in.modality)
      .integer(spip.id)
      .integer(lot.id)
      .integer(c.world.providers[lot.provider].id)
      .integer(in.cpip.id)
      .id_or_null(r.intervenant)
      .id_or_null(in.orientation_id)
      .text(rng.pick(objectives()))
      .text(in.training ? "Suit une formation du Conseil régional le mercredi après-midi : "
                          "séances en dehors de ces heures."
                        : "")
      .text(in.training ? "[{\"weekday\":3,\"start\":840,\"end\":1020}]" : "[]")
      .date_or_null(training_until, in.training)
      .integer(in.prescribed_at)
      .boolean(r.reconvocation_pending)
      .text(r.end_reason)
      .instant_or_null(r.ended_at.value_or(0), r.ended_at.has_value());
}

void write_proposals(Context& c, const CaseRecord& r) {
  for (const auto& p : r.proposals)
    c.sink.proposals.row()
        .integer(c.sink.next.proposal++)
        .integer(r.id)
        .integer(p.version)
        .text(p.kind)
        .text(actions_json(p.actions))
        .text(p.content)
        .text(p.justification)
        .integer(p.centihours)
        .boolean(p.workshops)
        .text(p.workshops_detail)
        .text(p.calendar)
        .text(p.status)
        .text(p.comment)
        .id_or_null(p.submitted_by)
        .integer(p.submitted_at)
        .id_or_null(p.decided_by)
        .instant_or_null(p.decided_at.value_or(0), p.decided_at.has_value());
}

void write_sessions(Context& c, Rng& rng, const CaseInput& in, const CaseRecord& r) {
  const RowId provider = c.world.providers[c.world.lots[c.world.spips[in.spip].lot].provider].id;
  for (const auto& s : r.sessions) {
    c.sink.sessions.row()
        .integer(s.id)
        .integer(r.id)
        .integer(provider)
        .text(s.kind)
        .date(s.day)
        .integer(s.start)
        .integer(s.duration)
        .id_or_null(s.place.id)
        .text(s.place.name)
        .id_or_null(s.intervenant)
        .text(s.status)
        .text(s.absence_reason)
        .boolean(s.justified)
        .text(s.note)
        .id_or_null(s.recorded_by)
        .instant_or_null(s.recorded_at.value_or(0), s.recorded_at.has_value());
    if (s.status != "present" && s.status != "absent") continue;
    // ATT-2: most signed sheets come back within days; recent ones are still on their way.
    if (!rng.chance(s.day > c.today - 21 ? 0.55 : 0.9)) continue;
    const Seconds at =
        c.time.at(c.time.working_days_after(s.day, rng.between(1, 7)), rng.between(108, 204) * 5);
    if (at >= c.now) continue;
    add_scan(c, in.person_id, r.id, 0, s.id, 0,
             "Feuille signée — séance du " + c.time.french_long(s.day), s.intervenant, at);
  }
}

void write_deadlines(Context& c, const CaseRecord& r) {
  for (const auto& d : r.deadlines)
    c.sink.deadlines.row()
        .integer(c.sink.next.deadline++)
        .integer(r.id)
        .integer(d.owner)
        .text(d.rule->id)
        .text(role_name(d.rule->owner_role))
        .boolean(d.rule->conditional)
        .integer(d.started)
        .integer(d.due)
        .instant_or_null(d.met.value_or(0), d.met.has_value())
        .instant_or_null(d.waived.value_or(0), d.waived.has_value())
        .text(d.waiver)
        .instant_or_null(d.paused.value_or(0), d.paused.has_value())
        .boolean(d.open());
}

void write_events(Context& c, const CaseInput& in, const CaseRecord& r) {
  for (const auto& e : r.events)
    c.sink.events.row()
        .integer(c.sink.next.event++)
        .integer(r.id)
        .integer(in.person_id)
        .text(e.event)
        .text(e.label)
        .text(e.detail)
        .id_or_null(e.actor.id)
        .text(e.actor.name)
        .integer(e.at);
}

std::string programme_done(const CaseRecord& r) {
  int minutes = 0, count = 0;
  for (const auto& s : r.sessions)
    if (s.status == "present") {
      minutes += s.duration;
      ++count;
    }
  std::string out = std::to_string(count) + " entretien" + (count > 1 ? "s" : "") + " individuel" +
                    (count > 1 ? "s" : "") + " (" + french_duration(minutes) + ")";
  for (const auto& e : r.events)
    if (e.event == "workshop_registered") out += " et " + e.detail;
  return out +
         " : positionnement, définition du projet, CV et lettre de motivation, recherche "
         "d’offres et de formations.";
}

void write_bilan(Context& c, Rng& rng, const CaseInput& in, const CaseRecord& r) {
  if (!r.bilan) return;
  const BilanRec& b = *r.bilan;
  auto [cpip_copy, person_copy] =
      add_bilan_documents(c, in.person_id, r.id, in.last_name, b.author.id, b.delivered_at);
  c.sink.bilans.row()
      .integer(c.sink.next.bilan++)
      .integer(r.id)
      .text("final")
      .text(programme_done(r))
      .text(rng.pick(professional_projects()))
      .text(rng.pick(action_plans()))
      .text(rng.chance(0.3) ? "Prendre contact avec la Mission locale dès la sortie." : "")
      .text("delivered")
      .integer(b.author.id)
      .integer(b.delivered_at - 3600 * rng.between(1, 48))
      .date(b.delivered_on)
      .text(b.mode)
      .integer(b.delivered_at)
      .integer(cpip_copy)
      .integer(person_copy);
}

}  // namespace

void write_case(Context& c, Rng& rng, const CaseInput& in, const CaseRecord& r) {
  write_prescription(c, rng, in, r);
  write_proposals(c, r);
  write_sessions(c, rng, in, r);
  for (const auto& s : r.suspensions)
    c.sink.suspensions.row()
        .integer(c.sink.next.suspension++)
        .integer(r.id)
        .text(s.reason)
        .text(s.comment)
        .integer(s.from)
        .instant_or_null(s.until.value_or(0), s.until.has_value());
  write_deadlines(c, r);
  write_events(c, in, r);
  write_bilan(c, rng, in, r);
}

}  // namespace parcours::storage::national
