// People (BEN-1..3): creation and edition by the SPIP, the audited file, lists (SEC-1, SEC-2).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/journey_internal.h"
#include "app/versions.h"
#include "domain/validation.h"
#include "domain/wording.h"

namespace parcours {

using namespace journey_detail;
using nlohmann::json;

namespace {

json changed_person_fields(const Person& a, const Person& b) {
  json out = json::array();
  auto check = [&out](const char* name, bool differs) {
    if (differs) out.push_back(name);
  };
  check("last_name", a.last_name != b.last_name);
  check("first_name", a.first_name != b.first_name);
  check("birth_date", a.birth_date != b.birth_date);
  check("sex", a.sex != b.sex);
  check("milieu", a.milieu != b.milieu);
  check("site_id", a.site_id != b.site_id);
  check("judicial_status", a.judicial_status != b.judicial_status);
  check("qualification", a.qualification != b.qualification);
  check("referent_cpip_id", a.referent_cpip_id != b.referent_cpip_id);
  check("prison_number", a.prison_number != b.prison_number);
  check("sentence_end", a.sentence_end != b.sentence_end);
  check("id_valid_until", a.id_valid_until != b.id_valid_until);
  check("work_permit_until", a.work_permit_until != b.work_permit_until);
  check("brsa", a.brsa != b.brsa);
  check("cer", a.cer != b.cer);
  check("contact", a.phone != b.phone || a.email != b.email || a.address != b.address);
  check("diagnosis", a.diagnosis.text != b.diagnosis.text ||
                         a.diagnosis.established_on != b.diagnosis.established_on ||
                         a.diagnosis.established_by != b.diagnosis.established_by);
  return out;
}

std::string shown_date(const std::optional<Date>& d) {
  return d ? french_short(*d) : "";
}

// The person's file as its edit form shows it (issue 12: what changed meanwhile).
std::vector<ShownField> person_shown_fields(Repos& r, const Person& p) {
  auto org = [&r](Id id) -> std::string {
    auto o = id ? r.orgs.find(id) : std::nullopt;
    return o ? o->name : "";
  };
  auto user = [&r](Id id) -> std::string {
    auto u = id ? r.users.find(id) : std::nullopt;
    return u ? u->full_name : "";
  };
  auto yes_no = [](bool b) -> std::string { return b ? "oui" : "non"; };
  return {{"last_name", "Nom", p.last_name},
          {"first_name", "Prénom", p.first_name},
          {"birth_date", "Date de naissance", p.birth_date.ok() ? french_short(p.birth_date) : ""},
          {"sex", "Sexe", sex_label(p.sex)},
          {"milieu", "Milieu", milieu_label(p.milieu)},
          {"site_id", "Établissement pénitentiaire ou antenne", org(p.site_id)},
          {"judicial_status", "Statut judiciaire", judicial_status_words(p.judicial_status, p.sex)},
          {"qualification", "Niveau de qualification", qualification_label(p.qualification)},
          {"referent_cpip_id", "CPIP référent", user(p.referent_cpip_id)},
          {"prison_number", "Numéro d’écrou", p.prison_number},
          {"sentence_end", "Date de fin de peine", shown_date(p.sentence_end)},
          {"id_valid_until", "Pièce d’identité valable jusqu’au", shown_date(p.id_valid_until)},
          {"work_permit_until", "Titre de séjour ou autorisation de travail valable jusqu’au",
           shown_date(p.work_permit_until)},
          {"brsa", "Bénéficiaire du RSA", yes_no(p.brsa)},
          {"cer", "Contrat d’engagements réciproques", yes_no(p.cer)},
          {"phone", "Téléphone", p.phone},
          {"email", "Adresse e-mail", p.email},
          {"address", "Adresse postale", p.address},
          {"diagnosis", "Diagnostic socio-professionnel", p.diagnosis.text},
          {"diagnosis_on", "Date du diagnostic", shown_date(p.diagnosis.established_on)},
          {"diagnosis_by", "Auteur du diagnostic", p.diagnosis.established_by}};
}

// The site must be an establishment (MF) or an antenna (MO) of the SPIP; the referent a CPIP
// of the SPIP or of one of its antennas.
Status check_person_links(Repos& r, const Person& p) {
  Validator v;
  auto site = r.orgs.find(p.site_id);
  const OrgKind expected = p.milieu == Milieu::open ? OrgKind::antenna : OrgKind::establishment;
  if (p.site_id && (!site || site->parent_id != p.spip_id || site->kind != expected))
    v.add("site_id", p.milieu == Milieu::open
                         ? "Choisissez une antenne de milieu ouvert de ce SPIP."
                         : "Choisissez un établissement pénitentiaire de ce SPIP.");
  bool referent_ok = false;
  if (p.referent_cpip_id)
    for (const auto& m : r.users.memberships_of(p.referent_cpip_id)) {
      if (m.role != Role::cpip) continue;
      auto org = r.orgs.find(m.org_id);
      if (org && (org->id == p.spip_id || org->parent_id == p.spip_id)) referent_ok = true;
    }
  if (p.referent_cpip_id && !referent_ok)
    v.add("referent_cpip_id", "Le CPIP référent doit être un CPIP de ce SPIP.");
  return v.status("Le dossier de la personne n’est pas valide.");
}

}  // namespace

JourneyService::JourneyService(Store& store, const Clock& clock, const Programmes& programmes)
    : store_(store), clock_(clock), programmes_(programmes) {}

std::vector<Organisation> JourneyService::spips_of(const Actor& a) {
  std::vector<Organisation> out;
  (void)store_.read([&](Repos& r) -> Status {
    for (Id id : actor_spips(a))
      if (auto o = r.orgs.find(id)) out.push_back(*o);
    return {};
  });
  return out;
}

Result<std::vector<User>> JourneyService::cpips_of_spip(const Actor& a, Id spip_id) {
  if (!spip_side(a, spip_id)) return forbidden();
  return read<std::vector<User>>(store_, [&](Repos& r) -> Result<std::vector<User>> {
    std::vector<User> out;
    std::vector<Id> orgs{spip_id};
    for (const auto& c : r.orgs.children(spip_id)) orgs.push_back(c.id);
    for (Id org : orgs)
      for (const auto& m : r.users.members_of(org))
        if (m.role == Role::cpip &&
            std::none_of(out.begin(), out.end(), [&](const User& u) { return u.id == m.user_id; }))
          if (auto u = r.users.find(m.user_id); u && u->active) out.push_back(*u);
    std::sort(out.begin(), out.end(),
              [](const User& x, const User& y) { return x.full_name < y.full_name; });
    return out;
  });
}

Result<std::vector<Organisation>> JourneyService::sites_of_spip(const Actor& a, Id spip_id) {
  if (!spip_side(a, spip_id)) return forbidden();
  return read<std::vector<Organisation>>(
      store_, [&](Repos& r) -> Result<std::vector<Organisation>> {
        std::vector<Organisation> out;
        for (const auto& c : r.orgs.children(spip_id))
          if (c.kind == OrgKind::establishment || c.kind == OrgKind::antenna) out.push_back(c);
        return out;
      });
}

Result<Id> JourneyService::create_person(const Actor& a, Person p) {
  return guarded_transact<Id>(
      store_, clock_, a, "person.create", "person", 0, [&](Repos& r) -> Result<Id> {
        if (!spip_side(a, p.spip_id))
          return forbidden("Seul le SPIP qui suit la personne peut créer son dossier.");
        const Instant now = clock_.now();
        if (auto s = validate_person(p, paris_date(now)); !s.ok()) return s.error();
        if (auto s = check_person_links(r, p); !s.ok()) return s.error();
        p.created_at = now;
        p.id = r.persons.insert(p);
        record(r, clock_, a, "person.create", "person", p.id, p.id,
               json{{"spip_id", p.spip_id}, {"site_id", p.site_id}}.dump());
        return p.id;
      });
}

Status JourneyService::update_person(const Actor& a, const Person& p) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "person.update", "person", p.id, [&](Repos& r) -> Result<bool> {
        auto before = r.persons.find(p.id);
        if (!before) return not_found("Cette personne n’existe pas.");
        if (!spip_side(a, before->spip_id) || p.spip_id != before->spip_id)
          return forbidden("Seul le SPIP qui suit la personne peut modifier son dossier.");
        if (auto s = validate_person(p, paris_date(clock_.now())); !s.ok()) return s.error();
        // Issue 12: a save from a form loaded before someone else's save is refused, with what
        // changed meanwhile; version 0 (API without If-Match nor version) overwrites.
        if (p.version != 0 && p.version != before->version)
          return stale_save(r, "person", p.id, p.version, before->version,
                            person_shown_fields(r, *before));
        if (auto s = check_person_links(r, p); !s.ok()) return s.error();
        Person updated = p;
        updated.created_at = before->created_at;
        if (updated.version == 0) updated.version = before->version;
        r.persons.update(updated);
        record(r, clock_, a, "person.update", "person", p.id, p.id,
               versioned_detail(changed_field_names(person_shown_fields(r, *before),
                                                    person_shown_fields(r, updated)),
                                updated.version + 1,
                                json{{"fields", changed_person_fields(*before, updated)}}.dump()));
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

Result<PersonFile> JourneyService::person_file(const Actor& a, Id person_id) {
  // A read of a person's file is recorded (SEC-2), by the group commit of reads.
  return guarded_audited_read<PersonFile>(
      store_, clock_, a, "person.read", "person", person_id,
      [&](Repos& r, AuditedRead& entry) -> Result<PersonFile> {
        auto person = visible_person(r, a, person_id);
        if (!person.ok()) return person.error();
        const Instant now = clock_.now();
        Names names(r);
        PersonFile f;
        f.person = *person;
        f.spip = names.org(person->spip_id);
        f.site = names.org(person->site_id);
        f.referent = names.user(person->referent_cpip_id);
        const bool spip = spip_side(a, person->spip_id);
        f.judicial_visible = spip;
        f.can_edit = spip;
        f.can_prescribe = spip && a.has_role(Role::cpip);
        PrescriptionQuery q;
        q.person_id = person_id;
        std::vector<Id> visible_cases;
        for (const auto& p : r.journeys.prescriptions(q)) {
          if (!spip && !provider_side(a, p.provider_id)) continue;
          f.cases.push_back(summarise(r, names, programmes_, p, *person, now));
          visible_cases.push_back(p.id);
          // PPAIP-3: no new prescription while a programme runs.
          const ProgrammeConfig* config = programmes_.find(p.programme_id);
          const ProgrammeState* state = config ? config->state(p.state) : nullptr;
          if (!state || !state->terminal) f.can_prescribe = false;
        }
        if (spip) f.orientations = r.journeys.orientations_of_person(person_id);
        for (const auto& e : r.journeys.events_of_person(person_id, 200)) {
          if (!spip && std::find(visible_cases.begin(), visible_cases.end(), e.prescription_id) ==
                           visible_cases.end())
            continue;
          f.timeline.push_back({e.at, e.label, e.detail, e.actor_label, e.prescription_id});
        }
        if (spip) {
          // SEC-2: the changes of the file itself, from the audit trail.
          for (const auto& e : r.audit.for_person(person_id, 100)) {
            if (e.action != "person.create" && e.action != "person.update") continue;
            f.timeline.push_back(
                {e.at,
                 e.action == "person.create" ? "Création du dossier" : "Modification du dossier",
                 "", e.actor_label, 0});
          }
        }
        std::stable_sort(
            f.timeline.begin(), f.timeline.end(),
            [](const TimelineEntry& x, const TimelineEntry& y) { return x.at > y.at; });
        if (!spip) f.person.judicial_status = JudicialStatus::none, f.person.sentence_end.reset();
        entry.person_id = person_id;
        return f;
      });
}

Result<std::vector<PersonSummary>> JourneyService::people(const Actor& a,
                                                          const std::string& search) {
  auto spips = actor_spips(a);
  auto providers = actor_providers(a);
  if (spips.empty() && providers.empty())
    return log_denied(store_, clock_, a, "person.list", "person", 0,
                      forbidden("Votre rôle ne donne pas accès aux dossiers des personnes."));
  return read<std::vector<PersonSummary>>(
      store_, [&](Repos& r) -> Result<std::vector<PersonSummary>> {
        std::vector<PersonSummary> out;
        Names names(r);
        auto add = [&](const PersonQuery& q, std::optional<Id> provider) {
          const std::size_t first = out.size();
          for (const auto& person : r.persons.search(q)) {
            if (std::any_of(out.begin(), out.end(),
                            [&](const PersonSummary& s) { return s.person.id == person.id; }))
              continue;
            PersonSummary s;
            s.person = person;
            s.site_name = names.org(person.site_id).name;
            s.referent_name = names.user_name(person.referent_cpip_id);
            out.push_back(s);
          }
          if (out.size() == first) return;
          // Each person's latest case, for the whole list in one query (never one per row).
          PrescriptionQuery pq;
          for (std::size_t i = first; i < out.size(); ++i)
            pq.person_ids.push_back(out[i].person.id);
          pq.provider_id = provider;
          pq.limit = 1000000;
          std::map<Id, Prescription> latest;  // newest first: the first one of a person stays
          for (auto& p : r.journeys.prescriptions(pq)) latest.emplace(p.person_id, std::move(p));
          for (std::size_t i = first; i < out.size(); ++i) {
            auto it = latest.find(out[i].person.id);
            if (it == latest.end()) continue;
            const Prescription& p = it->second;
            out[i].current_prescription_id = p.id;
            const auto* config = programmes_.find(p.programme_id);
            const auto* st = config ? config->state(p.state) : nullptr;
            out[i].current_state_label = st ? st->label : p.state;
          }
        };
        for (Id spip : spips) {
          PersonQuery q;
          q.spip_id = spip;
          q.search = search;
          add(q, std::nullopt);
        }
        for (Id provider : providers) {
          PersonQuery q;
          q.provider_id = provider;
          q.search = search;
          add(q, provider);
        }
        return out;
      });
}

Result<Id> JourneyService::record_orientation(const Actor& a, Orientation o) {
  return guarded_transact<Id>(
      store_, clock_, a, "orientation.create", "person", o.person_id, [&](Repos& r) -> Result<Id> {
        auto person = visible_person(r, a, o.person_id);
        if (!person.ok()) return person.error();
        if (!spip_side(a, person->spip_id))
          return forbidden("Seul le SPIP enregistre les demandes d’orientation.");
        const ProgrammeConfig* config = programmes_.find(o.programme_id);
        if (!config) return invalid("Ce programme n’existe pas.");
        Validator v;
        if (std::none_of(config->orientation_sources.begin(), config->orientation_sources.end(),
                         [&](const Choice& c) { return c.id == o.source; }))
          v.add("source", "Choisissez l’origine de la demande dans la liste.");
        if (!o.requested_on.ok() ||
            date::sys_days(o.requested_on) > date::sys_days(paris_date(clock_.now())))
          v.add("requested_on", "La date de la demande doit être une date passée ou aujourd’hui.");
        v.max_text("source_detail", o.source_detail, "La précision sur l’origine", 200);
        v.max_text("comment", o.comment, "Le commentaire", 5000);
        if (!v.ok()) return v.status("La demande d’orientation n’est pas valide.").error();
        o.status = "pending";
        o.recorded_by = a.user.id;
        o.recorded_at = clock_.now();
        o.id = r.journeys.insert_orientation(o);
        CaseEvent e;
        e.person_id = o.person_id;
        e.event = "orientation";
        e.label = "Demande d’orientation enregistrée";
        for (const auto& c : config->orientation_sources)
          if (c.id == o.source) e.detail = "Origine : " + c.label;
        e.actor_id = a.user.id;
        e.actor_label = audit_actor_label(a);
        e.at = clock_.now();
        r.journeys.insert_event(e);
        record(r, clock_, a, "orientation.create", "orientation", o.id, o.person_id,
               json{{"source", o.source}}.dump());
        return o.id;
      });
}

Status JourneyService::decline_orientation(const Actor& a, Id orientation_id,
                                           const std::string& comment) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "orientation.decline", "orientation", orientation_id,
      [&](Repos& r) -> Result<bool> {
        auto o = r.journeys.find_orientation(orientation_id);
        if (!o) return not_found("Cette demande d’orientation n’existe pas.");
        auto person = visible_person(r, a, o->person_id);
        if (!person.ok()) return person.error();
        if (!spip_side(a, person->spip_id) || !a.has_role(Role::cpip))
          return forbidden("Seul un CPIP du SPIP décide des suites d’une demande d’orientation.");
        if (o->status != "pending") return conflict("Cette demande a déjà reçu une suite.");
        if (trim(comment).empty())
          return invalid("Indiquez pourquoi la demande n’est pas suivie d’une prescription.",
                         {{"comment", "Le motif est obligatoire."}});
        o->status = "declined";
        o->decision_comment = comment;
        r.journeys.update_orientation(*o);
        CaseEvent e;
        e.person_id = o->person_id;
        e.event = "orientation_declined";
        e.label = "Demande d’orientation non suivie de prescription";
        e.detail = comment;
        e.actor_id = a.user.id;
        e.actor_label = audit_actor_label(a);
        e.at = clock_.now();
        r.journeys.insert_event(e);
        record(r, clock_, a, "orientation.decline", "orientation", o->id, o->person_id);
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

}  // namespace parcours
