// The people of the national dataset (SPEC BEN-1..3) and their cases, one person at a time:
// about 90 % men (96 % in milieu fermé), aged 18 to 65 with a quarter under 26, mostly without
// a diploma or at CAP level, 70 % in milieu fermé; 1.2 PPAIP cases each on average, spread over
// the two years of the contracts, some coming from an orientation request (PPAIP-2).
#include <algorithm>

#include "domain/calendar.h"
#include "storage/national_case.h"
#include "storage/national_names.h"
#include "storage/national_progress.h"
#include "storage/national_workshops.h"
#include "storage/row_util.h"

namespace parcours::storage::national {
namespace {

constexpr const char* kFeaturedCpip = "cpip@demo.parcours.fr";

struct PersonDraft {
  RowId id = 0;
  std::size_t spip = kNone, site = kNone;
  bool closed = true;
  bool female = false;
  std::string first, last;
  Day birth = 0;
  std::string status, qualification;
  UserRef cpip;
  Seconds created = 0;
};

// As the person repository keys names (storage/person_repository.cc): folded the French way,
// letters and digits only.
std::string name_key(const std::string& text) {
  std::string folded = sort_key(text);
  folded.resize(folded.find('\0'));
  std::string key;
  for (char ch : folded) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) key += ch;
  }
  return key;
}

Day years_before(Day d, int years) {
  const Date x = ParisTime::date(d);
  return ParisTime::day(Date{x.year() - date::years{years}, x.month(),
                             x.day() > date::day{28} ? date::day{28} : x.day()});
}

void draw_person(Context& c, Rng& rng, PersonDraft& p, Day first_day) {
  const World& w = c.world;
  const SpipInfo& s = w.spips[p.spip];
  p.closed = !s.establishments.empty() && rng.chance(0.7);
  p.site = p.closed ? s.establishments[s.establishment_table.draw(rng)] : s.mo_antenna;
  p.female = rng.chance(p.closed ? 0.04 : 0.12);
  p.first = rng.pick(p.female ? female_first_names() : male_first_names());
  p.last = rng.pick(last_names());
  // Age today: a quarter under 26 (REP-2), adult at the first prescription (PPAIP-1).
  const int band = static_cast<int>(rng.weighted({0.25, 0.35, 0.22, 0.13, 0.05}));
  static const int kFrom[] = {18, 26, 36, 46, 56}, kTo[] = {25, 35, 45, 55, 65};
  const int age = rng.between(kFrom[band], kTo[band]);
  p.birth = years_before(c.today, age) - static_cast<Day>(rng.between(1, 364));
  p.birth = std::min(p.birth, years_before(first_day, 18) - 1);
  p.status = p.closed ? (rng.chance(0.22) ? "prevenu" : "condamne")
                      : (rng.chance(0.05) ? "prevenu" : "condamne");
  static const char* kLevels[] = {"sans", "3", "4", "5", "6"};
  p.qualification = kLevels[rng.weighted({0.42, 0.30, 0.16, 0.08, 0.04})];
  p.cpip = rng.pick(s.cpips);
}

void write_person(Context& c, Rng& rng, const PersonDraft& p, Day first_day) {
  const SpipInfo& s = c.world.spips[p.spip];
  const bool diploma = p.qualification != "sans";
  const Day diagnosed = first_day - static_cast<Day>(rng.between(5, 60));
  const bool mo = !p.closed;
  const std::string address = mo ? std::to_string(rng.between(1, 150)) + " " +
                                       rng.pick(street_names()) + ", " + s.postcode + " " + s.town
                                 : "";
  char number[16];
  std::snprintf(number, sizeof number, "%06d", rng.between(100000, 999999));
  const bool sentence = p.status == "condamne" && rng.chance(p.closed ? 0.9 : 0.7);
  const bool id_card = rng.chance(0.4);
  const bool brsa = mo && rng.chance(0.12);
  c.sink.persons.row()
      .integer(p.id)
      .text(p.last)
      .text(p.first)
      .text(name_key(p.last))
      .text(name_key(p.first))
      .date(p.birth)
      .text(p.female ? "F" : "M")
      .text(p.closed ? "mf" : "mo")
      .integer(s.id)
      .integer(c.world.sites[p.site].id)
      .text(p.status)
      .text(p.qualification)
      .integer(p.cpip.id)
      .text(p.closed ? number : "")
      .date_or_null(c.today + static_cast<Day>(rng.between(60, 1000)), sentence)
      .date_or_null(c.today + static_cast<Day>(rng.between(100, 3000)), id_card)
      .date_or_null(c.today + static_cast<Day>(rng.between(60, 700)), rng.chance(0.03))
      .boolean(brsa)
      .boolean(brsa && rng.chance(0.5))
      .text(mo ? fictional_phone(p.id) : "")
      .text(mo && rng.chance(0.25) ? email_local(p.first + " " + p.last) + "@demo.parcours.fr" : "")
      .text(address)
      .text(rng.pick(diploma ? diagnoses_with_diploma() : diagnoses_without_diploma()))
      .date(diagnosed)
      .text(p.closed ? "CPU arrivants du " + french_short(ParisTime::date(diagnosed))
                     : p.cpip.name + ", CPIP")
      .integer(p.created);
}

void write_orientation(Context& c, Rng& rng, const PersonDraft& p, Day requested, Seconds recorded,
                       const std::string& status, RowId prescription, const std::string& comment) {
  const auto& sources = c.config.orientation_sources;
  const Choice& source = sources[rng.index(sources.size())];
  c.sink.orientations.row()
      .integer(c.sink.next.orientation++)
      .integer(p.id)
      .text(c.config.id)
      .text(source.id)
      .text(rng.pick(source_details()))
      .text(rng.pick(orientation_comments()))
      .date(requested)
      .text(status)
      .text(comment)
      .id_or_null(prescription)
      .integer(p.cpip.id)
      .integer(recorded);
  c.sink.events.row()
      .integer(c.sink.next.event++)
      .null()
      .integer(p.id)
      .text("orientation")
      .text("Demande d’orientation enregistrée")
      .text("Origine : " + source.label)
      .integer(p.cpip.id)
      .text(p.cpip.name)
      .integer(recorded);
}

void person_event(Context& c, const PersonDraft& p, const char* event, const char* label,
                  const std::string& detail, Seconds at) {
  c.sink.events.row()
      .integer(c.sink.next.event++)
      .null()
      .integer(p.id)
      .text(event)
      .text(label)
      .text(detail)
      .integer(p.cpip.id)
      .text(p.cpip.name)
      .integer(at);
}

Seconds working_instant(Context& c, Rng& rng, Day day, int from, int to) {
  return c.time.at(c.time.working_on_or_after(day),
                   static_cast<int>(rng.between(from / 5, to / 5)) * 5);
}

// The cases of one person, one after the other (never two open at once, PPAIP-3).
void write_cases(Context& c, Rng& rng, PersonDraft& p, Day first_day) {
  const int cases = 1 + static_cast<int>(rng.weighted({0.76, 0.19, 0.05}));
  Day day = first_day;
  const SpipInfo& s = c.world.spips[p.spip];
  const bool alsace =
      s.alsace_moselle || alsace_moselle_departement(c.world.sites[p.site].departement);
  for (int k = 0; k < cases && day < c.today; ++k) {
    CaseInput in;
    in.person_id = p.id;
    in.last_name = p.last;
    in.spip = p.spip;
    in.site = p.site;
    in.closed_milieu = p.closed;
    in.alsace_moselle = alsace;
    in.cpip = p.cpip;
    in.modality = rng.chance(0.86) ? "individual" : rng.chance(0.5) ? "collective" : "both";
    in.training = rng.chance(0.04);
    in.prescribed_at = std::max(p.created + 3600, working_instant(c, rng, day, 540, 1050));
    if (in.prescribed_at >= c.now) break;
    CaseRecord r;
    r.id = c.sink.next.prescription;  // simulate_case takes this id
    if (rng.chance(0.35)) {
      const Day requested = c.time.day_of(in.prescribed_at) - static_cast<Day>(rng.between(3, 25));
      const Seconds recorded =
          std::min(in.prescribed_at - 3600, working_instant(c, rng, requested, 540, 1050));
      in.orientation_id = c.sink.next.orientation;
      write_orientation(c, rng, p, requested, recorded, "prescribed", r.id, "");
    }
    simulate_case(c, rng, in, r);
    write_case(c, rng, in, r);
    if (!r.terminal) return;
    day = c.time.day_of(r.last_activity) + static_cast<Day>(rng.between(20, 240));
  }
  // PPAIP-2: a few requests are declined, a few still await the SPIP's decision.
  const double u = rng.unit();
  if (u < 0.04 && day < c.today - 20) {
    const Seconds recorded = working_instant(c, rng, day, 540, 1050);
    const std::string comment = rng.pick(declined_comments());
    const Seconds decided =
        working_instant(c, rng, day + static_cast<Day>(rng.between(3, 15)), 540, 1050);
    const bool decided_yet = decided < c.now;
    write_orientation(c, rng, p, c.time.day_of(recorded), recorded,
                      decided_yet ? "declined" : "pending", 0, decided_yet ? comment : "");
    if (decided_yet)
      person_event(c, p, "orientation_declined", "Demande d’orientation non suivie de prescription",
                   comment, decided);
  } else if (u < 0.05) {
    const Day requested = c.today - static_cast<Day>(rng.between(1, 20));
    const Seconds recorded =
        std::max(p.created + 3600, working_instant(c, rng, requested, 540, 1050));
    if (recorded < c.now)
      write_orientation(c, rng, p, c.time.day_of(recorded), recorded, "pending", 0, "");
  }
}

}  // namespace

void generate_people(Context& c) {
  const long long n = c.options.people;
  const RowId featured = query_integer(
      c.sql, std::string("SELECT id FROM users WHERE email = '") + kFeaturedCpip + "'");
  c.progress.begin("Personnes", n);
  for (long long i = 0; i < n; ++i) {
    Rng rng(c.options.seed, 2, static_cast<std::uint64_t>(i));
    PersonDraft p;
    p.id = c.sink.next.person++;
    p.spip = c.world.spip_table.draw(rng);
    // The first prescription falls anywhere in the DISP's two years (a few in the very last
    // weeks for the demo CPIP, whose validations and first interviews are then to come).
    const DispInfo& d = c.world.disps[c.world.spips[p.spip].disp];
    Day first_day = static_cast<Day>(rng.between(d.window_start, c.today - 1));
    draw_person(c, rng, p, first_day);
    if (p.cpip.id == featured && rng.chance(0.15)) first_day = c.today - rng.between(3, 20);
    p.created =
        working_instant(c, rng, first_day - static_cast<Day>(rng.between(1, 20)), 540, 1050);
    write_person(c, rng, p, first_day);
    write_cases(c, rng, p, first_day);
    c.sink.writer.maybe_flush();
    if (i % 500 == 0 || i + 1 == n)
      c.progress.advance(
          i + 1,
          "séances : " + french_count(c.sink.sessions.written_rows() +
                                      static_cast<long long>(c.sink.sessions.pending_rows())));
  }
  c.sink.writer.flush();
  c.progress.advance(n, "séances : " + french_count(c.sink.sessions.written_rows()));
  c.progress.end();
}

}  // namespace parcours::storage::national
