#include "storage/national_workshops.h"

#include <algorithm>

#include "domain/journey.h"
#include "storage/national_names.h"

namespace parcours::storage::national {
namespace {

constexpr int kLatestStartDays = 42;  // a person waits at most six weeks for a workshop

std::string theme_label(const ProgrammeConfig& config, const WorkshopSlot& w) {
  for (const auto& t : config.workshop_themes)
    if (t.id == w.theme) return w.title.empty() ? t.label : t.label + " — " + w.title;
  return w.title;
}

}  // namespace

WorkshopPlanner::WorkshopPlanner(Context& c)
    : c_(c), rng_(c.options.seed, 201), first_participant_(c.sink.next.participant) {}

std::string WorkshopPlanner::words(const WorkshopSlot& w) const {
  return "l’atelier « " + theme_label(c_.config, w) + " »";
}

WorkshopSlot& WorkshopPlanner::create(std::size_t lot, std::size_t spip, std::size_t site,
                                      Day first, const UserRef& cpip) {
  auto w = std::make_unique<WorkshopSlot>();
  const SpipInfo& s = c_.world.spips[spip];
  const SiteInfo& where = c_.world.sites[site];
  w->id = c_.sink.next.workshop++;
  w->lot = lot;
  w->spip = spip;
  w->site = site;
  const auto& themes = c_.config.workshop_themes;
  w->theme = themes[rng_.index(themes.size())].id;
  if (w->theme == "a_la_carte" || rng_.chance(0.2)) w->title = rng_.pick(workshop_titles());
  w->external = rng_.pick(external_professionals());
  w->intervenant = s.intervenants.empty()
                       ? c_.world.providers[c_.world.lots[lot].provider].coordinators.front()
                       : c_.world.staff[rng_.pick(s.intervenants)].user;
  w->place = where.establishment && !where.rooms.empty() ? where.rooms.front() : s.premises;
  w->capacity = rng_.between(4, 6);  // SPEC WS-2: ideally 4 to 6, never more than 6
  w->decider = cpip;
  const int count = 2 + static_cast<int>(rng_.weighted({0.1, 0.3, 0.35, 0.15, 0.1}));
  const int minutes = rng_.chance(0.4) ? 120 : rng_.chance(0.5) ? 150 : 180;
  const int start = rng_.chance(0.6) ? 9 * 60 + 30 : 14 * 60;
  first = c_.time.working_on_or_after(first);
  for (int n = 1; n <= count; ++n) {
    WorkshopSessionSlot ws;
    ws.id = c_.sink.next.workshop_session++;
    ws.number = n;
    ws.day = c_.time.working_on_or_after(first + 7 * (n - 1));
    ws.start = start;
    ws.duration = minutes;
    ws.recorded_at = c_.time.at(ws.day, start + minutes) + rng_.between(30, 240) * 60;
    w->sessions.push_back(ws);
  }
  w->description = std::to_string(count) + " séances de " + french_duration(minutes) +
                   " en groupe de six personnes au plus, au rythme d’une par semaine.";
  w->created_at = c_.time.at(first - static_cast<Day>(rng_.between(12, 25)), 10 * 60);
  auto& list = by_key_[{lot, spip, site}];
  auto pos = std::upper_bound(list.begin(), list.end(), w.get(),
                              [](const WorkshopSlot* a, const WorkshopSlot* b) {
                                return a->sessions.front().day < b->sessions.front().day;
                              });
  WorkshopSlot& out = *w;
  list.insert(pos, w.get());
  all_.push_back(std::move(w));
  return out;
}

WorkshopSlot& WorkshopPlanner::assign(std::size_t lot, std::size_t spip, std::size_t site,
                                      Day earliest, const UserRef& cpip) {
  auto& list = by_key_[{lot, spip, site}];
  for (WorkshopSlot* w : list) {
    const Day first = w->sessions.front().day;
    if (first < earliest || w->members >= w->capacity) continue;
    if (first > earliest + kLatestStartDays) break;
    return *w;
  }
  // A new group one to four weeks after the person is ready.
  return create(lot, spip, site, earliest + static_cast<Day>(rng_.between(7, 28)), cpip);
}

RowId WorkshopPlanner::add_participant(WorkshopSlot& w, RowId prescription, RowId person, RowId by,
                                       Seconds at) {
  Participant p;
  p.id = c_.sink.next.participant++;
  p.workshop = w.id;
  p.prescription = prescription;
  p.person = person;
  p.added_by = by;
  p.added_at = at;
  participants_.push_back(p);
  ++w.members;
  w.last_added = std::max(w.last_added, at);
  return p.id;
}

void WorkshopPlanner::withdraw(RowId participant) {
  participants_[static_cast<std::size_t>(participant - first_participant_)].withdrawn = true;
}

void WorkshopPlanner::attend(const WorkshopSessionSlot& s, RowId participant, bool present,
                             const std::string& reason, bool justified, RowId by) {
  Attendance a;
  a.session = s.id;
  a.participant = participant;
  a.present = present;
  a.reason = reason;
  a.justified = justified;
  a.by = by;
  a.at = s.recorded_at;
  attendance_.push_back(a);
}

// WS-3: the list goes to the SPIP once the last person is registered; the SPIP validates it
// before the first session. A list completed these last days still awaits its decision.
void WorkshopPlanner::write_workshop(const WorkshopSlot& w) {
  const Seconds first_start = c_.time.at(w.sessions.front().day, w.sessions.front().start);
  bool validated = true;
  Seconds decided = std::min(w.last_added + 20 * 3600, first_start - 3600);
  if (decided < w.last_added) decided = w.last_added + (first_start - w.last_added) / 2;
  if (first_start > c_.now && w.last_added + 3 * 86400 > c_.now) validated = false;
  bool ended = true;
  for (const auto& s : w.sessions) ended = ended && s.day < c_.today;
  c_.sink.workshops.row()
      .integer(w.id)
      .text(c_.config.id)
      .integer(c_.world.providers[c_.world.lots[w.lot].provider].id)
      .integer(c_.world.lots[w.lot].id)
      .integer(c_.world.spips[w.spip].id)
      .integer(c_.world.sites[w.site].id)
      .text(w.theme)
      .text(w.title)
      .text(w.description)
      .integer(w.intervenant.id)
      .text(w.external)
      .id_or_null(w.place.id)
      .text(w.place.name)
      .text(validated ? "validated" : "submitted")
      .text(validated ? "Liste validée." : "")
      .id_or_null(validated ? w.decider.id : 0)
      .instant_or_null(decided, validated)
      .text(ended ? "ended" : "planned")
      .integer(w.intervenant.id)
      .integer(w.created_at);
  LotInfo& lot = c_.world.lots[w.lot];
  for (const auto& s : w.sessions) {
    const bool held = s.day < c_.today;
    if (held) lot.collective_minutes += s.duration;
    c_.sink.workshop_sessions.row()
        .integer(s.id)
        .integer(w.id)
        .integer(s.number)
        .date(s.day)
        .integer(s.start)
        .integer(s.duration)
        .text(held ? "held" : "planned")
        .id_or_null(held ? w.intervenant.id : 0)
        .instant_or_null(s.recorded_at, held);
  }
}

// ATT-2: most signed sheets of held sessions are scanned back within days; not all.
void WorkshopPlanner::write_scans(Rng& rng, const WorkshopSlot& w) {
  for (const auto& s : w.sessions) {
    if (s.day >= c_.today) continue;
    const bool recent = s.day > c_.today - 21;
    if (!rng.chance(recent ? 0.5 : 0.88)) continue;
    const Seconds at = c_.time.at(c_.time.working_days_after(s.day, rng.between(1, 6)),
                                  rng.between(9 * 60, 17 * 60));
    if (at >= c_.now) continue;
    add_scan(c_, 0, 0, w.id, 0, s.id,
             "Feuille signée — atelier, séance n° " + std::to_string(s.number) + " du " +
                 c_.time.french_long(s.day),
             w.intervenant.id, at);
  }
}

void WorkshopPlanner::write(Rng& rng) {
  c_.progress.begin("Ateliers", static_cast<long long>(all_.size()));
  long long n = 0;
  for (const auto& w : all_) {
    write_workshop(*w);
    if (++n % 200 == 0) {
      c_.progress.advance(n, "");
      c_.sink.writer.maybe_flush();
    }
  }
  for (const auto& p : participants_) {
    c_.sink.participants.row()
        .integer(p.id)
        .integer(p.workshop)
        .integer(p.prescription)
        .integer(p.person)
        .text(p.withdrawn ? "withdrawn" : "registered")
        .integer(p.added_by)
        .integer(p.added_at);
    c_.sink.writer.maybe_flush();
  }
  for (const auto& a : attendance_) {
    c_.sink.attendance.row()
        .integer(c_.sink.next.attendance++)
        .integer(a.session)
        .integer(a.participant)
        .boolean(a.present)
        .text(a.reason)
        .boolean(a.justified)
        .integer(a.by)
        .integer(a.at);
    c_.sink.writer.maybe_flush();
  }
  for (const auto& w : all_) {
    write_scans(rng, *w);
    c_.sink.writer.maybe_flush();
  }
  c_.sink.writer.flush();
  c_.progress.advance(n, "");
  c_.progress.end();
}

}  // namespace parcours::storage::national
