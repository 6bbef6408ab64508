// Building collective workshops and agreeing their list (SPEC WS-1..3). Attendance and the
// views are in workshop_attendance.cc.
#include "app/workshops.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/journey_internal.h"
#include "app/notifications.h"
#include "app/workshops_internal.h"
#include "domain/validation.h"

namespace parcours {

using namespace journey_detail;
using nlohmann::json;

namespace workshop_detail {

Result<WorkshopContext> workshop_context(Repos& r, const Actor& a, const Programmes& programmes,
                                         Id workshop_id) {
  auto w = r.workshops.find_workshop(workshop_id);
  if (!w) return not_found("Cet atelier n’existe pas.");
  WorkshopContext c;
  c.w = *w;
  c.provider_side = provider_side(a, w->provider_id);
  c.spip_side = spip_side(a, w->spip_id);
  if (!c.provider_side && !c.spip_side)
    return forbidden("Cet atelier est celui d’un autre prestataire ou d’un autre SPIP.");
  c.config = programmes.find(w->programme_id);
  if (!c.config) return unavailable("La configuration du programme est introuvable.");
  c.sessions = r.workshops.sessions_of(w->id);
  c.participants = r.workshops.participants_of(w->id);
  return c;
}

Result<WorkshopContext> provider_workshop(Repos& r, const Actor& a, const Programmes& programmes,
                                          Id workshop_id) {
  auto c = workshop_context(r, a, programmes, workshop_id);
  if (!c.ok()) return c.error();
  if (!c->provider_side) return forbidden("Seul le prestataire de l’atelier peut le modifier.");
  if (c->w.status == "cancelled") return rule_violation("Cet atelier est annulé.");
  return c;
}

std::string theme_label(const ProgrammeConfig& config, const Workshop& w) {
  for (const auto& t : config.workshop_themes)
    if (t.id == w.theme) return w.title.empty() ? t.label : t.label + " — " + w.title;
  return w.title;
}

std::string workshop_words(const ProgrammeConfig& config, const Workshop& w) {
  return "l’atelier « " + theme_label(config, w) + " »";
}

std::vector<Id> workshop_provider_recipients(const Workshop& w) {
  std::vector<Id> out{w.intervenant_id};
  if (w.created_by && w.created_by != w.intervenant_id) out.push_back(w.created_by);
  return out;
}

std::vector<Id> workshop_spip_recipients(Repos& r, const WorkshopContext& c) {
  std::vector<Id> out;
  for (const auto& part : c.participants) {
    if (part.status != "registered") continue;
    auto p = r.journeys.find_prescription(part.prescription_id);
    if (p && std::find(out.begin(), out.end(), p->cpip_id) == out.end()) out.push_back(p->cpip_id);
  }
  return out;
}

}  // namespace workshop_detail

using namespace workshop_detail;

namespace {

// The lot of the provider covering the SPIP (the workshop is invoiced on it), 0 if none.
Id covering_lot(Repos& r, Id provider_id, Id spip_id) {
  for (const auto& lot : r.contracts.lots_of_provider(provider_id))
    if (std::find(lot.spip_ids.begin(), lot.spip_ids.end(), spip_id) != lot.spip_ids.end())
      return lot.id;
  return 0;
}

Status check_staff(Repos& r, Id provider_id, Id user_id) {
  for (const auto& m : r.users.memberships_of(user_id))
    if (m.org_id == provider_id && (is_intervenant(m.role) || m.role == Role::provider_coordinator))
      return {};
  return invalid("L’intervenant doit faire partie de votre structure.",
                 {{"intervenant_id", "Choisissez un intervenant de votre structure."}});
}

Status check_site(Repos& r, Id spip_id, Id site_id) {
  if (site_id == 0) return {};
  for (const auto& c : r.orgs.children(spip_id))
    if (c.id == site_id && (c.kind == OrgKind::establishment || c.kind == OrgKind::antenna))
      return {};
  return invalid("Le site doit être un établissement ou une antenne du SPIP.",
                 {{"site_id", "Choisissez un site du SPIP."}});
}

// WS-1: the theme is one the SPIP agreed for this programme.
Status check_agreed(Repos& r, const Workshop& w) {
  auto agreed = r.workshops.agreed_themes(w.spip_id, w.programme_id);
  if (std::find(agreed.begin(), agreed.end(), w.theme) != agreed.end()) return {};
  return rule_violation(
      "Cette thématique ne fait pas partie du catalogue d’ateliers arrêté avec le SPIP.");
}

Status check_place(Repos& r, Workshop& w) {
  if (w.place_id == 0) return {};
  auto place = r.orgs.find_place(w.place_id);
  if (!place || (place->org_id != w.provider_id && place->org_id != w.site_id))
    return invalid("Choisissez un lieu de votre structure ou du site.",
                   {{"place_id", "Choisissez un lieu de la liste."}});
  if (w.place_label.empty()) w.place_label = place->name;
  return {};
}

// Numbers follow the order of the dates (WS-5: "séance n°").
void renumber(std::vector<WorkshopSession>& sessions) {
  std::stable_sort(sessions.begin(), sessions.end(), [](const auto& x, const auto& y) {
    return std::tie(x.date, x.start_minute) < std::tie(y.date, y.start_minute);
  });
  for (std::size_t i = 0; i < sessions.size(); ++i) sessions[i].number = static_cast<int>(i + 1);
}

Status check_sessions(const ProgrammeConfig& config, const std::vector<WorkshopSession>& sessions,
                      Instant now) {
  for (const auto& s : sessions) {
    if (auto v = validate_workshop_session(s); !v.ok()) return v;
    if (s.status == "planned" && s.id == 0 && workshop_session_start(s) < now)
      return invalid("Une nouvelle séance doit être dans le futur.",
                     {{"date", "Choisissez une date et une heure à venir."}});
  }
  if (sessions.empty())
    return invalid("Ajoutez au moins une séance.", {{"sessions", "Au moins une séance."}});
  return check_workshop_duration(config, sessions);
}

// Rewrites the numbers of stored sessions after an insertion (two passes avoid a transient
// duplicate of the unique (workshop, number) pair); returns the id of the inserted session.
Id store_numbers(Repos& r, std::vector<WorkshopSession>& sessions) {
  for (auto& s : sessions) {
    if (s.id == 0) continue;
    WorkshopSession moved = s;
    moved.number = s.number + 1000;
    r.workshops.update_session(moved);
  }
  Id inserted = 0;
  for (auto& s : sessions) {
    if (s.id == 0)
      inserted = s.id = r.workshops.insert_session(s);
    else
      r.workshops.update_session(s);
  }
  return inserted;
}

Workshop from_input(const WorkshopInput& in) {
  Workshop w;
  w.programme_id = in.programme_id;
  w.spip_id = in.spip_id;
  w.site_id = in.site_id;
  w.theme = in.theme;
  w.title = trim(in.title);
  w.description = trim(in.description);
  w.intervenant_id = in.intervenant_id;
  w.external_professionals = trim(in.external_professionals);
  w.place_id = in.place_id;
  w.place_label = trim(in.place_label);
  return w;
}

// Checks of the workshop's fields against the configuration and the relationships.
Status check_workshop(Repos& r, const ProgrammeConfig& config, Workshop& w) {
  if (auto v = validate_workshop(config, w); !v.ok()) return v;
  if (auto v = check_staff(r, w.provider_id, w.intervenant_id); !v.ok()) return v;
  if (auto v = check_site(r, w.spip_id, w.site_id); !v.ok()) return v;
  if (auto v = check_place(r, w); !v.ok()) return v;
  return check_agreed(r, w);
}

}  // namespace

WorkshopService::WorkshopService(Store& store, const Clock& clock, const Programmes& programmes)
    : store_(store), clock_(clock), programmes_(programmes) {}

std::vector<Choice> WorkshopService::catalogue(const std::string& programme_id) const {
  const ProgrammeConfig* config = programmes_.find(programme_id);
  return config ? config->workshop_themes : std::vector<Choice>{};
}

Result<std::vector<std::string>> WorkshopService::agreed_themes(const Actor& a, Id spip_id,
                                                                const std::string& programme_id) {
  bool provider_for_spip = false;
  return read<std::vector<std::string>>(store_, [&](Repos& r) -> Result<std::vector<std::string>> {
    for (Id provider : actor_providers(a))
      if (covering_lot(r, provider, spip_id)) provider_for_spip = true;
    if (!spip_side(a, spip_id) && !provider_for_spip) return forbidden();
    return r.workshops.agreed_themes(spip_id, programme_id);
  });
}

// WS-1: the SPIP (CPIP or manager) decides which themes of the catalogue it agrees.
Status WorkshopService::set_agreed_themes(const Actor& a, Id spip_id,
                                          const std::string& programme_id,
                                          const std::vector<std::string>& theme_ids) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "workshop.themes", "organisation", spip_id, [&](Repos& r) -> Result<bool> {
        if (!spip_side(a, spip_id))
          return forbidden("Seul le SPIP arrête son catalogue d’ateliers.");
        const ProgrammeConfig* config = programmes_.find(programme_id);
        if (!config) return invalid("Ce programme n’existe pas.");
        for (const auto& id : theme_ids) {
          const auto& all = config->workshop_themes;
          if (std::none_of(all.begin(), all.end(), [&](const Choice& c) { return c.id == id; }))
            return invalid("La thématique « " + id + " » n’est pas au catalogue.");
        }
        r.workshops.set_agreed_themes(spip_id, programme_id, theme_ids, a.user.id, clock_.now());
        record(r, clock_, a, "workshop.themes", "organisation", spip_id, 0,
               json{{"programme", programme_id}, {"themes", theme_ids}}.dump());
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

std::vector<Organisation> WorkshopService::spips_for_workshops(const Actor& a) {
  std::vector<Organisation> out;
  Status s = store_.read([&](Repos& r) -> Status {
    for (Id provider : actor_providers(a))
      for (const auto& lot : r.contracts.lots_of_provider(provider))
        for (Id spip : lot.spip_ids)
          if (std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.id == spip; }))
            if (auto o = r.orgs.find(spip)) out.push_back(*o);
    return {};
  });
  if (!s.ok()) return {};
  return out;
}

Result<Id> WorkshopService::create_workshop(const Actor& a, const WorkshopInput& in) {
  return guarded_transact<Id>(
      store_, clock_, a, "workshop.create", "workshop", 0, [&](Repos& r) -> Result<Id> {
        const ProgrammeConfig* config = in.programme_id.empty() ? programmes_.offering_workshops()
                                                                : programmes_.find(in.programme_id);
        if (!config) return invalid("Ce programme n’existe pas.");
        Workshop w = from_input(in);
        w.programme_id = config->id;
        for (Id provider : actor_providers(a))
          if (Id lot = covering_lot(r, provider, in.spip_id)) {
            w.provider_id = provider;
            w.lot_id = lot;
          }
        if (!w.provider_id)
          return forbidden(
              "Seul un prestataire titulaire d’un lot couvrant ce SPIP crée un atelier.");
        if (auto v = check_workshop(r, *config, w); !v.ok()) return v.error();
        auto sessions = in.sessions;
        for (auto& s : sessions) s.status = "planned";
        if (auto v = check_sessions(*config, sessions, clock_.now()); !v.ok()) return v.error();
        renumber(sessions);
        w.created_by = a.user.id;
        w.created_at = clock_.now();
        w.id = r.workshops.insert_workshop(w);
        for (auto& s : sessions) {
          s.workshop_id = w.id;
          s.id = r.workshops.insert_session(s);
        }
        record(
            r, clock_, a, "workshop.create", "workshop", w.id, 0,
            json{{"spip_id", w.spip_id}, {"theme", w.theme}, {"sessions", sessions.size()}}.dump());
        return w.id;
      });
}

Status WorkshopService::update_workshop(const Actor& a, Id workshop_id, const WorkshopInput& in) {
  auto out = guarded_transact<bool>(store_, clock_, a, "workshop.update", "workshop", workshop_id,
                                    [&](Repos& r) -> Result<bool> {
                                      auto c = provider_workshop(r, a, programmes_, workshop_id);
                                      if (!c.ok()) return c.error();
                                      Workshop w = from_input(in);
                                      w.id = c->w.id;
                                      w.programme_id = c->w.programme_id;
                                      w.provider_id = c->w.provider_id;
                                      w.lot_id = c->w.lot_id;
                                      w.spip_id = c->w.spip_id;  // a workshop stays with its SPIP
                                      w.list_status = c->w.list_status;
                                      w.list_comment = c->w.list_comment;
                                      w.list_decided_by = c->w.list_decided_by;
                                      w.list_decided_at = c->w.list_decided_at;
                                      w.status = c->w.status;
                                      w.created_by = c->w.created_by;
                                      w.created_at = c->w.created_at;
                                      if (auto v = check_workshop(r, *c->config, w); !v.ok())
                                        return v.error();
                                      r.workshops.update_workshop(w);
                                      record(r, clock_, a, "workshop.update", "workshop", w.id);
                                      return true;
                                    });
  if (!out.ok()) return out.error();
  return {};
}

// WS-2: a session is added only while the total stays within the bounds; the calendar is
// agreed with the SPIP (WS-1), so a validated list goes back to the SPIP.
Result<Id> WorkshopService::add_session(const Actor& a, Id workshop_id, WorkshopSession s) {
  return guarded_transact<Id>(
      store_, clock_, a, "workshop.session.add", "workshop", workshop_id,
      [&](Repos& r) -> Result<Id> {
        auto c = provider_workshop(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        s.id = 0;
        s.workshop_id = workshop_id;
        s.status = "planned";
        auto sessions = c->sessions;
        sessions.push_back(s);
        if (auto v = check_sessions(*c->config, sessions, clock_.now()); !v.ok()) return v.error();
        renumber(sessions);
        const Id id = store_numbers(r, sessions);
        if (c->w.list_status == "validated") {
          c->w.list_status = "draft";
          c->w.list_comment = "Calendrier modifié : la liste et le calendrier sont à revalider.";
          r.workshops.update_workshop(c->w);
        }
        record(r, clock_, a, "workshop.session.add", "workshop", workshop_id);
        return id;
      });
}

Status WorkshopService::cancel_session(const Actor& a, Id workshop_session_id) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "workshop.session.cancel", "workshop_session", workshop_session_id,
      [&](Repos& r) -> Result<bool> {
        auto s = r.workshops.find_session(workshop_session_id);
        if (!s) return not_found("Cette séance n’existe pas.");
        auto c = provider_workshop(r, a, programmes_, s->workshop_id);
        if (!c.ok()) return c.error();
        if (s->status != "planned") return conflict("Seule une séance prévue peut être annulée.");
        s->status = "cancelled";
        std::vector<WorkshopSession> remaining;
        for (const auto& x : c->sessions)
          if (x.id != s->id) remaining.push_back(x);
        remaining.push_back(*s);
        if (auto v = check_workshop_duration(*c->config, remaining); !v.ok()) return v.error();
        r.workshops.update_session(*s);
        for (const auto& part : c->participants) {
          if (part.status != "registered") continue;
          auto p = r.journeys.find_prescription(part.prescription_id);
          if (p)
            add_case_event(r, clock_, a, *p, "workshop_session_cancelled",
                           "Séance d’atelier annulée",
                           workshop_words(*c->config, c->w) + ", séance n° " +
                               std::to_string(s->number) + " du " + french_long(s->date));
        }
        record(r, clock_, a, "workshop.session.cancel", "workshop_session", s->id);
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

// WS-3: the person's case must be prescribed by the workshop's SPIP to its provider and cover
// workshops; never more participants than the configured maximum (WS-2).
Result<AddedParticipant> WorkshopService::add_participant(const Actor& a, Id workshop_id,
                                                          Id prescription_id) {
  return guarded_transact<AddedParticipant>(
      store_, clock_, a, "workshop.participant.add", "workshop", workshop_id,
      [&](Repos& r) -> Result<AddedParticipant> {
        auto c = provider_workshop(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        if (c->w.status != "planned") return rule_violation("Cet atelier est terminé.");
        auto p = r.journeys.find_prescription(prescription_id);
        if (!p || p->provider_id != c->w.provider_id || p->spip_id != c->w.spip_id)
          return rule_violation(
              "Chaque participant doit avoir une prescription du SPIP de l’atelier, "
              "adressée à votre structure.");
        if (auto v = check_workshop_prescription(*c->config, p->modality, p->state); !v.ok())
          return v.error();
        for (const auto& part : c->participants)
          if (part.prescription_id == p->id && part.status == "registered")
            return conflict("Cette personne est déjà inscrite à l’atelier.");
        auto size = check_group_size(*c->config, active_participants(c->participants) + 1);
        if (size.verdict == GroupSizeVerdict::refused) return rule_violation(size.message);
        WorkshopParticipant part;
        part.workshop_id = workshop_id;
        part.prescription_id = p->id;
        part.person_id = p->person_id;
        part.added_by = a.user.id;
        part.added_at = clock_.now();
        part.id = r.workshops.insert_participant(part);
        if (c->w.list_status != "draft") {
          c->w.list_status = "draft";
          c->w.list_comment = "Liste modifiée : elle est à soumettre de nouveau au SPIP.";
          r.workshops.update_workshop(c->w);
        }
        add_case_event(r, clock_, a, *p, "workshop_registered", "Inscription à un atelier",
                       workshop_words(*c->config, c->w));
        record(r, clock_, a, "workshop.participant.add", "workshop", workshop_id, p->person_id,
               json{{"prescription_id", p->id}}.dump());
        return AddedParticipant{
            part.id, size.verdict == GroupSizeVerdict::warning ? size.message : std::string()};
      });
}

Status WorkshopService::withdraw_participant(const Actor& a, Id workshop_id, Id participant_id) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "workshop.participant.withdraw", "workshop", workshop_id,
      [&](Repos& r) -> Result<bool> {
        auto c = provider_workshop(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        auto it = std::find_if(c->participants.begin(), c->participants.end(),
                               [&](const auto& p) { return p.id == participant_id; });
        if (it == c->participants.end() || it->status != "registered")
          return not_found("Cette personne n’est pas inscrite à l’atelier.");
        it->status = "withdrawn";
        r.workshops.update_participant(*it);
        if (auto p = r.journeys.find_prescription(it->prescription_id))
          add_case_event(r, clock_, a, *p, "workshop_withdrawn", "Retrait d’un atelier",
                         workshop_words(*c->config, c->w));
        record(r, clock_, a, "workshop.participant.withdraw", "workshop", workshop_id,
               it->person_id);
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

Status WorkshopService::submit_list(const Actor& a, Id workshop_id) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "workshop.list.submit", "workshop", workshop_id,
      [&](Repos& r) -> Result<bool> {
        auto c = provider_workshop(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        if (c->w.list_status != "draft")
          return conflict(c->w.list_status == "submitted"
                              ? "La liste attend déjà la validation du SPIP."
                              : "La liste est déjà validée par le SPIP.");
        if (active_participants(c->participants) == 0)
          return rule_violation("Inscrivez au moins une personne avant de soumettre la liste.");
        c->w.list_status = "submitted";
        c->w.list_comment.clear();
        r.workshops.update_workshop(c->w);
        notify(r, clock_, workshop_spip_recipients(r, *c), "proposal_submitted",
               "Liste d’atelier à valider",
               "La liste des participants de " + workshop_words(*c->config, c->w) +
                   " et son calendrier attendent la validation du SPIP.",
               "/ateliers/" + std::to_string(workshop_id));
        record(r, clock_, a, "workshop.list.submit", "workshop", workshop_id);
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

// WS-3: the SPIP validates the list of the people registered (and the calendar, WS-1).
Status WorkshopService::decide_list(const Actor& a, Id workshop_id, bool validate,
                                    const std::string& comment) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "workshop.list.decide", "workshop", workshop_id,
      [&](Repos& r) -> Result<bool> {
        auto c = workshop_context(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        if (!c->spip_side) return forbidden("Seul le SPIP valide la liste d’un atelier.");
        if (c->w.list_status != "submitted")
          return conflict("Aucune liste n’attend de validation pour cet atelier.");
        if (trim(comment).size() > 2000) return invalid("Le commentaire est trop long.");
        if (!validate && trim(comment).empty())
          return invalid("Indiquez au prestataire ce qui est à revoir.",
                         {{"comment", "Le commentaire est obligatoire pour renvoyer la liste."}});
        c->w.list_status = validate ? "validated" : "draft";
        c->w.list_comment = trim(comment);
        c->w.list_decided_by = a.user.id;
        c->w.list_decided_at = clock_.now();
        r.workshops.update_workshop(c->w);
        notify(r, clock_, workshop_provider_recipients(c->w), "proposal_decided",
               validate ? "Liste d’atelier validée" : "Liste d’atelier à revoir",
               "Le SPIP a " + std::string(validate ? "validé" : "renvoyé") + " la liste de " +
                   workshop_words(*c->config, c->w) +
                   (comment.empty() ? "." : " : « " + trim(comment) + " »."),
               "/ateliers/" + std::to_string(workshop_id));
        record(r, clock_, a, "workshop.list.decide", "workshop", workshop_id, 0,
               json{{"validated", validate}}.dump());
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

}  // namespace parcours
