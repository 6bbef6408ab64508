// Demo people and cases (seed/demo.h), played through JourneyService on a clock moved by hand
// from weeks ago up to today, so that every record is what real use would have produced.
#include <atomic>
#include <stdexcept>

#include "app/journey.h"
#include "app/workshops.h"
#include "seed/demo.h"

namespace parcours {

namespace {

// Moves by hand; starts weeks before the real today.
class DemoClock final : public Clock {
 public:
  Instant now() const override { return Instant{std::chrono::seconds{t_.load()}}; }
  void set(Instant t) { t_ = t.time_since_epoch().count(); }

 private:
  std::atomic<long long> t_{0};
};

Date plus_days(Date d, int n) {
  return Date{date::sys_days{d} + date::days{n}};
}

// Sessions are held on weekdays: a Saturday or Sunday moves back to the Friday before.
int weekday_offset(Date today, int offset) {
  const auto wd = date::weekday{date::sys_days{plus_days(today, offset)}}.iso_encoding();
  return wd == 6 ? offset - 1 : wd == 7 ? offset - 2 : offset;
}

// Europe/Paris wall clock on a day.
Instant at(Date d, int hour, int minute = 0) {
  Session s;
  s.date = d;
  s.start_minute = hour * 60 + minute;
  return session_start(s);
}

struct Demo {
  Demo(Store& s, DemoClock& c, JourneyService& j, Date t)
      : store(s), clock(c), journeys(j), today(t) {}
  Store& store;
  DemoClock& clock;
  JourneyService& journeys;
  Date today;
  Id spip = 0, prison = 0, antenna = 0, cpip_user = 0, cip_user = 0;
  Actor cpip, cip, coordinator;

  template <typename T>
  T check(Result<T> r, const char* what) {
    if (!r.ok()) throw std::runtime_error(std::string(what) + " : " + r.error().message);
    return std::move(*r);
  }
  void check(Status s, const char* what) {
    if (!s.ok()) throw std::runtime_error(std::string(what) + " : " + s.error().message);
  }
  void when(int day_offset, int hour, int minute = 0) {
    clock.set(at(plus_days(today, day_offset), hour, minute));
  }

  Id person(const std::string& last, const std::string& first, Sex sex, Date birth, Milieu milieu,
            const std::string& qualification, const std::string& diagnosis) {
    Person p;
    p.last_name = last;
    p.first_name = first;
    p.sex = sex;
    p.birth_date = birth;
    p.milieu = milieu;
    p.spip_id = spip;
    p.site_id = milieu == Milieu::open ? antenna : prison;
    p.judicial_status = JudicialStatus::condamne;
    p.qualification = qualification;
    p.referent_cpip_id = cpip_user;
    if (milieu == Milieu::closed) {
      p.prison_number = "DEMO-" + std::to_string(18000 + int(unsigned(birth.day())) * 7);
      p.sentence_end = plus_days(today, 240 + int(unsigned(birth.month())) * 20);
    } else {
      p.address = "12 rue de démonstration, 18000 Bourges";
      p.phone = "01 99 00 18 42";
    }
    p.diagnosis.text = diagnosis;
    p.diagnosis.established_on = plus_days(today, -60);
    p.diagnosis.established_by =
        milieu == Milieu::open ? "Sandrine Leroy, CPIP" : "CPU arrivants de la maison d’arrêt";
    return check(journeys.create_person(cpip, p), "création d’une personne");
  }

  Id prescribe(Id person_id, const std::string& objectives, const std::string& timetable = "",
               const std::string& modality = "individual") {
    PrescriptionInput in;
    in.person_id = person_id;
    in.modality = modality;
    in.objectives = objectives;
    in.training_timetable = timetable;
    in.volunteer = in.needs_support = in.legal_residence = true;
    return check(journeys.prescribe(cpip, in), "prescription");
  }

  Session session(int day_offset, int hour, int minute, int minutes) {
    Session s;
    s.date = plus_days(today, weekday_offset(today, day_offset));
    s.start_minute = hour * 60 + minute;
    s.duration_minutes = minutes;
    s.intervenant_id = cip_user;
    s.place_label = "Salle d’activités — quartier socio-éducatif";
    return s;
  }

  void first_interview(Id id, int day_offset) {
    when(day_offset, 16);
    check(journeys.record_first_interview(cip, id, session(day_offset, 14, 0, 90)),
          "premier entretien");
  }

  Id propose(Id id, double hours, int day_offset) {
    when(day_offset, 11);
    Proposal p;
    p.actions = {"positioning", "project_definition", "cv_letter", "job_training_search"};
    p.individual_hours = hours;
    p.content =
        "Positionnement et bilan des compétences acquises en détention, définition d’un projet "
        "réaliste, rédaction du CV et d’une lettre de motivation, recherche de formation.";
    p.justification = "Projet à construire ; séances d’1 h 30 toutes les semaines environ.";
    p.calendar = "Une séance par semaine, le mardi ou le jeudi matin.";
    return check(journeys.submit_proposal(cip, id, p), "proposition");
  }

  void validate(Id proposal, int day_offset) {
    when(day_offset, 10);
    check(journeys.decide_proposal(cpip, proposal, true, "Programme validé."), "validation");
  }

  // Plans a session (on `planned_on_offset`, or the day before the session if that is
  // earlier) and returns its id.
  Id plan(Id id, int day_offset, int hour, int minutes, int planned_on_offset) {
    when(std::min(planned_on_offset, weekday_offset(today, day_offset) - 1), 8);
    return check(journeys.plan_session(cip, id, session(day_offset, hour, 30, minutes)), "séance")
        .id;
  }

  void attend(Id session_id, int day_offset, bool present, const std::string& reason = "") {
    when(day_offset, 17);
    AttendanceInput in;
    in.present = present;
    in.absence_reason = reason;
    check(journeys.record_attendance(cip, session_id, in), "présence");
  }

  void fire(Id id, const Actor& a, const std::string& event, const std::string& reason,
            int day_offset, int hour) {
    when(day_offset, hour);
    check(journeys.fire(a, id, {event, reason, "", {}}), "action");
  }
};

Actor actor(Store& store, const std::string& email) {
  std::optional<Actor> out;
  auto s = store.read([&](Repos& r) -> Status {
    auto u = r.users.find_by_email(email);
    if (!u) return not_found("Compte de démonstration absent : " + email);
    out = load_actor(r, *u);
    return {};
  });
  if (!s.ok()) throw std::runtime_error(s.error().message);
  return *out;
}

Id org_id(Store& store, const std::string& code) {
  Id id = 0;
  (void)store.read([&](Repos& r) -> Status {
    if (auto o = r.orgs.find_by_code(code)) id = o->id;
    return {};
  });
  if (id == 0) throw std::runtime_error("Organisation de démonstration absente : " + code);
  return id;
}

// WS-1..5: the SPIP du Cher agrees the whole catalogue; a CV workshop of three sessions at the
// maison d’arrêt for four people prescribed a collective PPAIP, list validated, the first
// session held five days ago (one justified absence), its signed sheet not yet uploaded.
void demo_workshop(Demo& d, const Programmes& programmes) {
  WorkshopService workshops(d.store, d.clock, programmes);
  d.when(-20, 9);
  std::vector<std::string> themes;
  for (const auto& t : workshops.catalogue("ppaip")) themes.push_back(t.id);
  d.check(workshops.set_agreed_themes(d.cpip, d.spip, "ppaip", themes), "catalogue d’ateliers");
  struct Someone {
    const char* last;
    const char* first;
    Sex sex;
    int year;
    const char* diagnosis;
  };
  const Someone people[] = {
      {"Roux", "Mélanie", Sex::female, 1990, "Vendeuse en boulangerie. CV à refaire."},
      {"Lambert", "Yanis", Sex::male, 2003, "Jeune sans qualification, souhaite un premier CV."},
      {"Henry", "Josiane", Sex::female, 1971, "Agent d’entretien pendant 20 ans."},
      {"Gauthier", "Kévin", Sex::male, 1996, "Manutentionnaire, intérimaire."}};
  std::vector<Id> cases;
  for (const auto& p : people) {
    d.when(-18, 9);
    Id id = d.person(p.last, p.first, p.sex, Date{date::year{p.year}, date::month{3}, date::day{8}},
                     Milieu::closed, "3", p.diagnosis);
    cases.push_back(d.prescribe(id, "Atelier CV et lettre de motivation.", "", "collective"));
  }
  d.when(-15, 10);
  WorkshopInput in;
  in.spip_id = d.spip;
  in.site_id = d.prison;
  in.theme = "cv_letter";
  in.title = "Rédiger son CV et sa lettre";
  in.description = "Trois séances pour construire un CV et une lettre adaptés au projet.";
  in.intervenant_id = d.cip_user;
  in.external_professionals = "Une conseillère France Travail Justice (séance 3)";
  in.place_label = "Salle polyvalente — quartier socio-éducatif";
  for (int offset : {-5, 2, 9}) {
    WorkshopSession s;
    s.date = plus_days(d.today, weekday_offset(d.today, offset));
    s.start_minute = 9 * 60 + 30;
    s.duration_minutes = 150;
    in.sessions.push_back(s);
  }
  Id w = d.check(workshops.create_workshop(d.cip, in), "atelier");
  std::vector<Id> participants;
  for (Id c : cases)
    participants.push_back(
        d.check(workshops.add_participant(d.cip, w, c), "inscription").participant_id);
  d.check(workshops.submit_list(d.cip, w), "liste d’atelier");
  d.when(-14, 11);
  d.check(workshops.decide_list(d.cpip, w, true, "Liste validée en CPU."),
          "validation de la liste");
  auto view = d.check(workshops.workshop(d.cip, w), "atelier");
  d.when(weekday_offset(d.today, -5), 17);
  std::vector<ParticipantAttendance> rows;
  for (std::size_t i = 0; i < participants.size(); ++i)
    rows.push_back({participants[i], i != 2, i == 2 ? "medical_appointment" : "", {}});
  d.check(workshops.record_attendance(d.cip, view.sessions.front().session.id, rows),
          "émargement d’atelier");
}

}  // namespace

Result<int> load_demo_journeys(Store& store, const Clock& clock, const Programmes& programmes) {
  DemoClock demo_clock;
  JourneyService journeys(store, demo_clock, programmes);
  try {
    Demo d(store, demo_clock, journeys, paris_date(clock.now()));
    d.spip = org_id(store, "SPIP18");
    d.prison = org_id(store, "EP-DEMO-18-MA");
    d.antenna = org_id(store, "ANT-DEMO-18-MO");
    d.cpip = actor(store, "cpip@demo.parcours.fr");
    d.cip = actor(store, "cip@demo.parcours.fr");
    d.coordinator = actor(store, "coordination@demo.parcours.fr");
    d.cpip_user = d.cpip.user.id;
    d.cip_user = d.cip.user.id;
    d.when(-60, 9);
    auto existing = journeys.people(d.cpip, "");
    if (!existing.ok()) return existing.error();
    if (!existing->empty()) return 0;

    // Ended two days ago: the final bilan is due (PPAIP-15, 16).
    d.when(-47, 9);
    Id fabre = d.person("Fabre", "Nathalie", Sex::female,
                        Date{date::year{1979}, date::month{4}, date::day{2}}, Milieu::closed, "4",
                        "Secrétaire médicale pendant 12 ans. Souhaite se reconvertir dans "
                        "l’accueil. Aucune difficulté de lecture ou d’écriture.");
    d.when(-47, 10);
    Id c1 = d.prescribe(fabre, "Préparer une reconversion dans les métiers de l’accueil.");
    d.first_interview(c1, -44);
    d.validate(d.propose(c1, 6, -43), -42);
    Id s1 = d.plan(c1, -40, 9, 180, -41);
    d.attend(s1, -40, true);
    Id s2 = d.plan(c1, -3, 9, 180, -10);
    d.attend(s2, -3, true);
    d.fire(c1, d.cip, "end", "validated_hours_reached", -2, 10);

    // In progress: calendar sent, a justified absence, attendance of yesterday to record.
    d.when(-26, 9);
    Id marchal =
        d.person("Marchal", "Sébastien", Sex::male,
                 Date{date::year{1985}, date::month{11}, date::day{23}}, Milieu::closed, "3",
                 "CAP maçonnerie, expériences dans le bâtiment. Permis B suspendu. "
                 "Projet : chef d’équipe en gros œuvre après la libération.");
    d.when(-26, 10);
    Id c2 = d.prescribe(marchal, "Construire un projet dans le bâtiment avant la sortie.",
                        "mercredi 14:00-17:00");
    d.first_interview(c2, -23);
    d.validate(d.propose(c2, 12, -22), -21);
    Id m1 = d.plan(c2, -20, 9, 90, -21);
    Id m2 = d.plan(c2, -13, 9, 90, -21);
    Id m3 = d.plan(c2, -6, 9, 90, -21);
    Id m4 = d.plan(c2, -1, 9, 90, -21);
    d.fire(c2, d.cip, "send_calendar", "", -21, 15);
    d.attend(m1, -20, true);
    d.attend(m2, -13, true);
    d.attend(m3, -6, false, "illness");
    (void)m4;  // yesterday: attendance still to record
    d.plan(c2, 6, 9, 90, -1);

    // Suspended ten days ago (MO, person unavailable).
    d.when(-31, 9);
    Id perrin = d.person("Perrin", "Julie", Sex::female,
                         Date{date::year{1992}, date::month{7}, date::day{9}}, Milieu::open, "sans",
                         "Sortie du système scolaire à 16 ans. Petits emplois saisonniers. "
                         "Garde de deux enfants à organiser.");
    d.when(-31, 10);
    Id c3 = d.prescribe(perrin, "Lever les freins périphériques et définir un projet.");
    d.first_interview(c3, -28);
    d.validate(d.propose(c3, 15, -27), -26);
    Id p1 = d.plan(c3, -24, 14, 120, -26);
    d.attend(p1, -24, true);
    d.fire(c3, d.cip, "suspend", "person_unavailable", -10, 11);

    // Proposal waiting for the CPIP's decision.
    d.when(-7, 9);
    Id diallo =
        d.person("Diallo", "Karim", Sex::male,
                 Date{date::year{1999}, date::month{2}, date::day{14}}, Milieu::closed, "sans",
                 "Aucun diplôme. A travaillé en restauration rapide. Intéressé par la "
                 "logistique (préparation de commandes).");
    d.when(-7, 10);
    Id c4 = d.prescribe(diallo, "Explorer les métiers de la logistique.");
    d.first_interview(c4, -4);
    d.propose(c4, 10, -3);

    // First interview late (prescribed eight days ago).
    d.when(-8, 9);
    Id girard = d.person("Girard", "Thomas", Sex::male,
                         Date{date::year{1988}, date::month{9}, date::day{30}}, Milieu::closed, "4",
                         "Baccalauréat professionnel commerce. Expérience de vendeur. "
                         "Souhaite reprendre une formation qualifiante.");
    d.when(-8, 10);
    d.prescribe(girard, "Identifier une formation qualifiante accessible à la sortie.");

    // Received two days ago: first interview to hold.
    d.when(-2, 9);
    Id benali =
        d.person("Benali", "Amina", Sex::female,
                 Date{date::year{1994}, date::month{5}, date::day{17}}, Milieu::closed, "sans",
                 "Parcours scolaire interrompu en 3e. Expériences en logistique (cariste "
                 "sans CACES). Souhaite se former à la préparation de commandes.");
    d.when(-2, 10);
    d.prescribe(benali, "Construire un projet professionnel réaliste avant la sortie.");

    // An orientation request to decide (PPAIP-2).
    d.when(-3, 9);
    Id moreau =
        d.person("Moreau", "Lucas", Sex::male,
                 Date{date::year{2004}, date::month{1}, date::day{11}}, Milieu::closed, "sans",
                 "Jeune majeur sans qualification. Demande à être aidé pour trouver une "
                 "formation.");
    Orientation o;
    o.person_id = moreau;
    o.source = "rlfp";
    o.source_detail = "Responsable local de formation de la maison d’arrêt";
    o.comment = "Demande formulée lors de l’entretien d’arrivée.";
    o.requested_on = plus_days(d.today, -3);
    d.when(-3, 11);
    d.check(journeys.record_orientation(d.cpip, o), "orientation");

    // PPAIP-17: two permanences this month at the maison d’arrêt.
    for (int offset : {-12, 2}) {
      Permanence p;
      p.provider_id = org_id(store, "PREST-DEMO-1");
      p.site_id = d.prison;
      p.date = plus_days(d.today, offset);
      p.start_minute = 14 * 60;
      p.duration_minutes = 120;
      p.note = "Permanence au quartier socio-éducatif.";
      d.when(std::min(offset, 0), 8);
      d.check(journeys.record_permanence(d.coordinator, p), "permanence");
    }
    demo_workshop(d, programmes);
    return 11;
  } catch (const std::exception& e) {
    return unavailable(std::string("Données de démonstration des parcours : ") + e.what());
  }
}

}  // namespace parcours
