#include "journey_support.h"

#include <stdexcept>

namespace parcours::testing {

Actor actor_of(TestServer& server, const std::string& email) {
  std::optional<Actor> out;
  auto s = server.store().read([&](Repos& r) -> Status {
    auto u = r.users.find_by_email(email);
    if (!u) return not_found("no user " + email);
    out = load_actor(r, *u);
    return {};
  });
  if (!s.ok()) throw std::runtime_error(s.error().message);
  out->remote_addr = "127.0.0.1";
  return *out;
}

Id create_demo_person(TestServer& server, const std::string& last_name,
                      const std::string& first_name, Milieu milieu) {
  Person p;
  p.last_name = last_name;
  p.first_name = first_name;
  p.birth_date = ymd(1994, 5, 17);
  p.sex = Sex::female;
  p.milieu = milieu;
  p.spip_id = server.org_id("SPIP18");
  p.site_id =
      milieu == Milieu::open ? server.org_id("ANT-DEMO-18-MO") : server.org_id("EP-DEMO-18-MA");
  p.judicial_status = JudicialStatus::condamne;
  p.qualification = "sans";
  p.referent_cpip_id = server.user_id("cpip@demo.parcours.fr");
  p.prison_number = "18-2025-0042";
  p.sentence_end = ymd(2027, 3, 14);
  p.diagnosis.text =
      "Parcours scolaire interrompu en 3e. Expériences en logistique (cariste sans CACES). "
      "Souhaite se former aux métiers de la préparation de commandes.";
  p.diagnosis.established_on = ymd(2025, 1, 20);
  p.diagnosis.established_by = "CPU arrivants de la maison d’arrêt";
  auto id = server.journeys().create_person(actor_of(server, "cpip@demo.parcours.fr"), p);
  if (!id.ok()) throw std::runtime_error(id.error().message);
  return *id;
}

PrescriptionInput eligible_prescription(Id person_id, const std::string& modality) {
  PrescriptionInput in;
  in.person_id = person_id;
  in.modality = modality;
  in.objectives = "Construire un projet professionnel réaliste avant la sortie.";
  in.volunteer = true;
  in.needs_support = true;
  in.legal_residence = true;
  return in;
}

Session session_at(Date d, int hour, int minute, int duration_minutes, Id intervenant) {
  Session s;
  s.date = d;
  s.start_minute = hour * 60 + minute;
  s.duration_minutes = duration_minutes;
  s.intervenant_id = intervenant;
  s.place_label = "Salle d’activités — quartier socio-éducatif";
  return s;
}

}  // namespace parcours::testing
