// Bilans (SPEC PPAIP-16): written by the provider in plain language, with the programme done
// filled from the recorded sessions and workshops; delivered to the person (a copy without any
// Justice ministry wording) and to the CPIP, which meets the configured deadline (5 jours
// ouvrés after the last interview, 10 after the end of a workshop). Both copies are stored in
// the professional file (BEN-4).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/professional_file.h"
#include "app/professional_file_internal.h"
#include "app/versions.h"
#include "app/workshops_internal.h"
#include "domain/calendar.h"
#include "domain/validation.h"

namespace parcours {

using namespace journey_detail;
using namespace file_detail;
using nlohmann::json;

namespace {

struct DatedActivity {
  Instant at{};
  BilanActivity activity;
  bool present = false;
  bool workshop = false;
  int minutes = 0;
};

std::vector<DatedActivity> activities_of(Repos& r, const CaseContext& c, Instant now) {
  std::vector<DatedActivity> out;
  for (const auto& s : r.journeys.sessions_of(c.p.id)) {
    if (s.status == "cancelled" || (s.status == "planned")) continue;
    if (session_start(s) > now) continue;
    const bool present = s.status == "present";
    out.push_back({session_start(s),
                   {french_long(s.date),
                    s.kind == "first_interview" ? "Premier entretien" : "Entretien individuel",
                    french_duration(s.duration_minutes), attended_words(c.person.sex, present)},
                   present,
                   false,
                   s.duration_minutes});
  }
  for (const auto& part : r.workshops.participations_of(c.p.id)) {
    auto w = r.workshops.find_workshop(part.workshop_id);
    if (!w) continue;
    for (const auto& att : r.workshops.attendance_of_participant(part.id)) {
      auto s = r.workshops.find_session(att.workshop_session_id);
      if (!s) continue;
      out.push_back(
          {workshop_session_start(*s),
           {french_long(s->date),
            "Atelier : " + workshop_detail::theme_label(*c.config, *w) + " (séance " +
                std::to_string(s->number) + ")",
            french_duration(s->duration_minutes), attended_words(c.person.sex, att.present)},
           att.present,
           true,
           s->duration_minutes});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& x, const auto& y) { return x.at < y.at; });
  return out;
}

std::string hours_summary(Repos& r, const CaseContext& c, const std::vector<DatedActivity>& acts) {
  int individual = 0, collective = 0;
  for (const auto& a : acts)
    if (a.present) (a.workshop ? collective : individual) += a.minutes;
  std::string out = french_hours(individual / 60.0) + " d’entretiens individuels réalisées";
  const double validated = hours_validated(r.journeys.proposals_of(c.p.id));
  if (validated > 0) out += " sur " + french_hours(validated) + " validées";
  if (collective > 0) out += ", et " + french_hours(collective / 60.0) + " en ateliers collectifs";
  return out;
}

// A first draft of "programme done" in plain words, which the writer completes.
std::string programme_done_draft(const std::vector<DatedActivity>& acts) {
  int interviews = 0, workshops = 0;
  for (const auto& a : acts)
    if (a.present) ++(a.workshop ? workshops : interviews);
  if (acts.empty()) return "";
  std::string out = "Nous nous sommes rencontrés " + std::to_string(interviews) +
                    (interviews > 1 ? " fois" : " fois") + " en entretien individuel";
  if (workshops > 0)
    out += ", et vous avez participé à " + std::to_string(workshops) +
           (workshops > 1 ? " séances" : " séance") + " d’atelier collectif";
  out += ", du " + acts.front().activity.date + " au " + acts.back().activity.date + ".";
  return out;
}

Status valid_kind(const std::string& kind) {
  if (kind == "final" || kind == "interim") return {};
  return invalid("Type de bilan inconnu (final ou mi-parcours).");
}

// The configured event that records the delivery of this kind of bilan.
std::string delivery_event(const ProgrammeConfig& config, const std::string& kind) {
  const std::string id = kind == "interim" ? "interim_bilan" : "final_bilan";
  for (const auto& d : config.documents)
    if (d.id == id) return d.event;
  return "";
}

// The current bilan of that kind: the draft being written, else the last delivered one, else
// a new one (id 0) with its first draft.
Bilan current_bilan(Repos& r, const CaseContext& c, const std::string& kind,
                    const std::vector<DatedActivity>& acts) {
  std::optional<Bilan> last;
  for (const auto& b : r.documents.bilans_of(c.p.id))
    if (b.kind == kind) last = b;
  if (last) return *last;
  Bilan b;
  b.prescription_id = c.p.id;
  b.kind = kind;
  b.programme_done = programme_done_draft(acts);
  return b;
}

BilanDocument bilan_document(Repos& r, const Clock& clock, const CaseContext& c, const Bilan& b,
                             const std::vector<DatedActivity>& acts, const std::string& copy) {
  Names names(r);
  BilanDocument d;
  d.kind_label = bilan_kind_label(b.kind);
  d.header = case_header(r, clock, c.p, d.kind_label);
  d.person_name = person_display_name(c.person);
  d.intervenant_name = names.user_name(c.p.intervenant_id);
  if (copy == "person") {
    // SPEC PPAIP-16: no Justice ministry logo or wording on the person's copy.
    d.header.justice_branding = false;
    d.header.disp_name.clear();
    d.header.spip_name.clear();
    d.header.establishment_name.clear();
    d.header.reference.clear();
    d.header.subtitle = "Accompagnement vers l’emploi et la formation";
    d.copy_label = "Exemplaire de la personne";
  } else {
    d.header.subtitle = c.config->label;
    d.copy_label = "Exemplaire du CPIP référent";
    d.cpip_name = names.user_name(c.p.cpip_id);
  }
  if (!acts.empty())
    d.period = "du " + acts.front().activity.date + " au " + acts.back().activity.date;
  d.hours_summary = hours_summary(r, c, acts);
  d.programme_done = b.programme_done;
  for (const auto& a : acts) d.activities.push_back(a.activity);
  d.professional_project = b.professional_project;
  d.action_plan = b.action_plan;
  d.recommendations = b.recommendations;
  const Id author = b.author_id ? b.author_id : c.p.intervenant_id;
  if (author)
    d.author_line =
        "Rédigé par " + names.user_name(author) + ", " + names.org(c.p.provider_id).name;
  return d;
}

Result<CaseContext> provider_file_case(Repos& r, const Actor& a, const Programmes& programmes,
                                       Id prescription_id) {
  auto c = case_context(r, a, programmes, prescription_id);
  if (!c.ok()) return c.error();
  if (!provider_side(a, c->p.provider_id))
    return forbidden("Seul le prestataire rédige et remet le bilan.");
  return c;
}

}  // namespace

Result<BilanView> ProfessionalFileService::bilan(const Actor& a, Id prescription_id,
                                                 const std::string& kind) {
  if (auto v = valid_kind(kind); !v.ok()) return v.error();
  JourneyService journeys(store_, clock_, programmes_);
  auto case_view = journeys.prescription(a, prescription_id);  // audited read (SEC-2)
  if (!case_view.ok()) return case_view.error();
  return read<BilanView>(store_, [&](Repos& r) -> Result<BilanView> {
    auto c = case_context(r, a, programmes_, prescription_id);
    if (!c.ok()) return c.error();
    auto acts = activities_of(r, *c, clock_.now());
    BilanView v;
    v.bilan = current_bilan(r, *c, kind, acts);
    v.kind_label = bilan_kind_label(kind);
    for (const auto& x : acts) v.activities.push_back(x.activity);
    v.hours_summary = hours_summary(r, *c, acts);
    const bool provider = provider_side(a, c->p.provider_id);
    v.can_edit = provider && v.bilan.status == "draft";
    v.can_deliver =
        v.can_edit && allowed_from(*c->config, delivery_event(*c->config, kind), c->p.state);
    v.case_view = std::move(*case_view);
    return v;
  });
}

namespace {

// The draft as its form shows it (issue 12: what changed meanwhile).
std::vector<ShownField> bilan_shown_fields(const Bilan& b) {
  return {{"programme_done", "Ce que nous avons fait ensemble", b.programme_done},
          {"professional_project", "Votre projet professionnel", b.professional_project},
          {"action_plan", "Les prochaines étapes", b.action_plan},
          {"recommendations", "Conseils des partenaires", b.recommendations}};
}

}  // namespace

Result<Id> ProfessionalFileService::save_bilan(const Actor& a, Id prescription_id,
                                               const Bilan& in) {
  if (auto v = valid_kind(in.kind); !v.ok()) return v.error();
  return guarded_transact<Id>(
      store_, clock_, a, "bilan.save", "prescription", prescription_id,
      [&](Repos& r) -> Result<Id> {
        auto c = provider_file_case(r, a, programmes_, prescription_id);
        if (!c.ok()) return c.error();
        Validator v;
        v.max_text("programme_done", in.programme_done, "Le programme réalisé", 20000);
        v.max_text("professional_project", in.professional_project, "Le projet professionnel",
                   20000);
        v.max_text("action_plan", in.action_plan, "Le plan d’action", 20000);
        v.max_text("recommendations", in.recommendations, "Les recommandations", 20000);
        if (auto s = v.status("Le bilan n’est pas valide."); !s.ok()) return s.error();
        Bilan b = current_bilan(r, *c, in.kind, {});
        if (b.status == "delivered") return conflict("Ce bilan a déjà été remis.");
        // Issue 12: a draft saved meanwhile (or created meanwhile: in.version 0) refuses the
        // save, with what changed; in.version < 0 saves whatever the stored version.
        if (b.id && in.version >= 0 && in.version != b.version)
          return stale_save(r, "bilan", b.id, in.version, b.version, bilan_shown_fields(b));
        const std::vector<ShownField> before = bilan_shown_fields(b);
        const int new_version = b.id ? b.version + 1 : 1;
        b.programme_done = trim(in.programme_done);
        b.professional_project = trim(in.professional_project);
        b.action_plan = trim(in.action_plan);
        b.recommendations = trim(in.recommendations);
        b.author_id = a.user.id;
        b.updated_at = clock_.now();
        if (b.id)
          r.documents.update_bilan(b);
        else
          b.id = r.documents.insert_bilan(b);
        record(r, clock_, a, "bilan.save", "bilan", b.id, c->p.person_id,
               versioned_detail(changed_field_names(before, bilan_shown_fields(b)), new_version,
                                json{{"kind", b.kind}}.dump()));
        return b.id;
      });
}

Result<PdfFile> ProfessionalFileService::preview_bilan(const Actor& a, Id prescription_id,
                                                       const std::string& kind,
                                                       const std::string& copy) {
  if (auto v = valid_kind(kind); !v.ok()) return v.error();
  if (copy != "cpip" && copy != "person") return invalid("Exemplaire inconnu (cpip ou person).");
  return read<PdfFile>(store_, [&](Repos& r) -> Result<PdfFile> {
    auto c = case_context(r, a, programmes_, prescription_id);
    if (!c.ok()) return c.error();
    auto acts = activities_of(r, *c, clock_.now());
    Bilan b = current_bilan(r, *c, kind, acts);
    auto pdf = renderer_.bilan(bilan_document(r, clock_, *c, b, acts, copy));
    PdfFile f;
    f.filename =
        safe_file_name(std::string("apercu ") + bilan_kind_label(kind) + " " + copy, "pdf");
    f.bytes = std::move(pdf.bytes);
    return f;
  });
}

// PPAIP-16: delivery recorded for the day the person received it; the configured event meets
// the deadline on that day and, for the final bilan, closes the case.
Status ProfessionalFileService::deliver_bilan(const Actor& a, Id bilan_id,
                                              Date delivered_to_person_on,
                                              const std::string& mode) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "bilan.deliver", "bilan", bilan_id, [&](Repos& r) -> Result<bool> {
        auto b = r.documents.find_bilan(bilan_id);
        if (!b) return not_found("Ce bilan n’existe pas.");
        auto c = provider_file_case(r, a, programmes_, b->prescription_id);
        if (!c.ok()) return c.error();
        if (b->status == "delivered") return conflict("Ce bilan a déjà été remis.");
        if (auto v = validate_bilan_for_delivery(*b); !v.ok()) return v.error();
        const Instant now = clock_.now();
        const Date today = paris_date(now);
        if (!valid_delivery_mode(mode))
          return invalid("Indiquez comment le bilan a été remis à la personne.",
                         {{"mode", "Choisissez le mode de remise."}});
        if (!delivered_to_person_on.ok() ||
            date::sys_days{delivered_to_person_on} > date::sys_days{today})
          return invalid("La date de remise ne peut pas être dans le futur.",
                         {{"delivered_on", "La date de remise ne peut pas être dans le futur."}});
        // ATT-2: a fact cannot precede the case.
        if (date::sys_days{delivered_to_person_on} < date::sys_days{paris_date(c->p.prescribed_at)})
          return invalid("La date de remise ne peut pas précéder la prescription.",
                         {{"delivered_on",
                           "La date de remise ne peut pas précéder la "
                           "prescription."}});
        const std::string event = delivery_event(*c->config, b->kind);
        auto acts = activities_of(r, *c, now);
        StoredDocument like;
        like.person_id = c->p.person_id;
        like.prescription_id = c->p.id;
        like.kind = b->kind == "interim" ? "bilan_interim" : "bilan_final";
        like.media_type = "application/pdf";
        for (const char* copy : {"cpip", "person"}) {
          like.copy = copy;
          like.title =
              std::string(bilan_kind_label(b->kind)) +
              (like.copy == "cpip" ? " — exemplaire du CPIP" : " — exemplaire de la personne");
          like.filename = safe_file_name(like.title + " " + c->person.last_name, "pdf");
          auto pdf = renderer_.bilan(bilan_document(r, clock_, *c, *b, acts, copy));
          Id id = store_document(r, clock_, a, like, pdf.bytes).document_id;
          (like.copy == "cpip" ? b->cpip_document_id : b->person_document_id) = id;
        }
        b->status = "delivered";
        b->delivered_to_person_on = delivered_to_person_on;
        b->delivery_mode = mode;
        b->delivered_at = now;
        r.documents.update_bilan(*b);
        // Given on day D: met on D (a deadline is due at the end of a day), never after now.
        const Instant at = std::min(now, end_of_paris_day(delivered_to_person_on));
        auto fired = apply_event(
            r, clock_, a, *c->config, c->p, c->person, event, "",
            std::string(delivery_mode_label(mode)) + " le " + french_long(delivered_to_person_on),
            at,
            "Le bilan (exemplaire du CPIP) est dans le dossier professionnel : /documents/" +
                std::to_string(b->cpip_document_id));
        if (!fired.ok()) return fired.error();
        record(r, clock_, a, "bilan.deliver", "bilan", b->id, c->p.person_id,
               json{{"kind", b->kind}, {"mode", mode}}.dump());
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

}  // namespace parcours
