// The professional file (SPEC BEN-4): stored documents, signed scans (ATT-2), downloads,
// consents and shares (SEC-3). Printed documents: paper_documents.cc; bilans: bilans.cc.
#include "app/professional_file.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/notifications.h"
#include "app/professional_file_internal.h"
#include "app/secrets.h"
#include "app/workshops_internal.h"
#include "domain/validation.h"
#include "domain/wording.h"

namespace parcours {

using namespace journey_detail;
using namespace file_detail;
using nlohmann::json;

namespace file_detail {

std::string checksum_of(const std::string& bytes) {
  return sha256_hex(bytes);
}

PdfFile store_document(Repos& r, const Clock& clock, const Actor& a, StoredDocument like,
                       const std::string& bytes) {
  like.checksum = checksum_of(bytes);
  like.size = static_cast<long long>(bytes.size());
  auto last = r.documents.latest_version(like);
  if (last && last->checksum == like.checksum)
    return PdfFile{last->id, last->version, last->filename, last->media_type, bytes};
  like.version = last ? last->version + 1 : 1;
  like.author_id = a.user.id;
  like.created_at = clock.now();
  like.id = r.documents.insert_document(like, bytes);
  record(r, clock, a, "document.store", "document", like.id, like.person_id,
         json{{"kind", like.kind}, {"version", like.version}, {"checksum", like.checksum}}.dump());
  return PdfFile{like.id, like.version, like.filename, like.media_type, bytes};
}

namespace {

DocumentHeader header_for(Repos& r, const Clock& clock, Id spip_id, Id site_id, Id provider_id,
                          const std::string& title) {
  Names names(r);
  DocumentHeader h;
  h.justice_branding = true;
  const Organisation& spip = names.org(spip_id);
  h.spip_name = spip.name;
  if (spip.parent_id) h.disp_name = names.org(spip.parent_id).name;
  if (site_id) h.establishment_name = names.org(site_id).name;
  const Organisation& provider = names.org(provider_id);
  h.provider_name = provider.name;
  h.provider_contact = provider.address;
  if (!provider.phone.empty())
    h.provider_contact += (h.provider_contact.empty() ? "" : " — ") + ("Tél. " + provider.phone);
  h.title = title;
  h.generated_on = "Édité le " + french_long(paris_date(clock.now()));
  // The edition day, not the second: the same content printed twice a day is one version.
  h.created_at_iso = iso(paris_date(clock.now())) + "T00:00:00";
  return h;
}

}  // namespace

DocumentHeader case_header(Repos& r, const Clock& clock, const Prescription& p,
                           const std::string& title) {
  Id site = 0;
  if (auto person = r.persons.find(p.person_id)) site = person->site_id;
  DocumentHeader h = header_for(r, clock, p.spip_id, site, p.provider_id, title);
  h.reference = "Dossier n° " + std::to_string(p.id);
  return h;
}

DocumentHeader workshop_header(Repos& r, const Clock& clock, const Workshop& w,
                               const std::string& title) {
  DocumentHeader h = header_for(r, clock, w.spip_id, w.site_id, w.provider_id, title);
  h.reference = "Atelier " + record_code('A', w.id);
  return h;
}

SheetCode sheet_code(char letter, Id id) {
  std::string code = record_code(letter, id);
  return {code, mail_settings().base_url + "/emargement/" + code};
}

std::string attended_words(Sex sex, bool present) {
  return present ? agreed(sex, "Présent", "Présente") : agreed(sex, "Absent", "Absente");
}

std::string recorded_words(const ProgrammeConfig& config, const Session& s, Sex sex) {
  if (s.status == "present") return attended_words(sex, true);
  if (s.status != "absent") return "";
  return attended_words(sex, false) + " — " +
         reason_label(config, "absence_reasons", s.absence_reason) +
         (s.absence_justified ? " (justifiée)" : " (non justifiée)");
}

bool document_visible(Repos& r, const Actor& a, const StoredDocument& d) {
  if (d.person_id)
    if (auto person = r.persons.find(d.person_id); person && spip_side(a, person->spip_id))
      return true;
  if (d.prescription_id)
    if (auto p = r.journeys.find_prescription(d.prescription_id))
      if (provider_side(a, p->provider_id) || spip_side(a, p->spip_id)) return true;
  if (d.workshop_id)
    if (auto w = r.workshops.find_workshop(d.workshop_id))
      if (provider_side(a, w->provider_id) || spip_side(a, w->spip_id)) return true;
  return false;
}

}  // namespace file_detail

namespace {

// SEC-3: partners are organisations outside the SPIP–provider pair.
bool partner_kind(OrgKind k) {
  return k == OrgKind::partner || k == OrgKind::plie || k == OrgKind::siae;
}

Status check_upload(const std::string& bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes)
    return invalid(
        "Le fichier dépasse la taille maximale de " + std::to_string(max_bytes / (1024 * 1024)) +
            " Mo.",
        {{"file", "Taille maximale : " + std::to_string(max_bytes / (1024 * 1024)) + " Mo."}});
  auto type = detect_media_type(bytes);
  if (!type.ok()) return type.error();
  return {};
}

std::string extension_of(const std::string& media_type) {
  if (media_type == "image/jpeg") return "jpg";
  if (media_type == "image/png") return "png";
  return "pdf";
}

// An active share of the document to one of the actor's organisations (SEC-3).
bool shared_with_actor(Repos& r, const Actor& a, const StoredDocument& d, Instant now) {
  for (const auto& s : r.documents.shares_of_document(d.id)) {
    if (!a.is_member_of(s.recipient_org_id)) continue;
    auto consent = r.documents.find_consent(s.consent_id);
    if (consent && consent->recipient_org_id == s.recipient_org_id &&
        consent_covers(*consent, d, now))
      return true;
  }
  return false;
}

DocumentView document_view(Repos& r, Names& names, const StoredDocument& d) {
  DocumentView v;
  v.document = d;
  v.kind_label = document_kind_label(d.kind);
  v.author_name = names.user_name(d.author_id);
  for (const auto& s : r.documents.shares_of_document(d.id)) {
    const std::string& name = names.org(s.recipient_org_id).name;
    if (std::find(v.shared_with.begin(), v.shared_with.end(), name) == v.shared_with.end())
      v.shared_with.push_back(name);
  }
  return v;
}

}  // namespace

ProfessionalFileService::ProfessionalFileService(Store& store, const Clock& clock,
                                                 const Programmes& programmes,
                                                 DocumentRenderer& renderer)
    : store_(store), clock_(clock), programmes_(programmes), renderer_(renderer) {}

// ATT-2: the provider opens the session of a printed code (typed or read from the QR code).
Result<CodeTarget> ProfessionalFileService::resolve_code(const Actor& a, const std::string& typed) {
  auto code = decode_record_code(typed);
  if (!code)
    return invalid("Ce code n’est pas valide : vérifiez-le sur la feuille (par exemple E-7KQ4MPX).",
                   {{"code", "Code de la forme E-XXXXXXX ou S-XXXXXXX, lu sur la feuille."}});
  auto out = read<CodeTarget>(store_, [&](Repos& r) -> Result<CodeTarget> {
    const std::string unknown = "Aucune séance ne correspond à ce code.";
    if (code->letter == 'E') {
      auto s = r.journeys.find_session(code->id);
      if (!s) return not_found(unknown);
      auto p = visible_case(r, a, s->prescription_id);
      if (!p.ok()) return p.error();
      if (!provider_side(a, p->provider_id))
        return forbidden("Seul le prestataire enregistre l’émargement.");
      return CodeTarget{"individual", s->id, "/seances/" + std::to_string(s->id) + "/emargement"};
    }
    Id workshop_id = code->id;
    Id session_id = 0;
    if (code->letter == 'S') {
      auto s = r.workshops.find_session(code->id);
      if (!s) return not_found(unknown);
      workshop_id = s->workshop_id;
      session_id = s->id;
    }
    auto w = r.workshops.find_workshop(workshop_id);
    if (!w) return not_found(unknown);
    if (!provider_side(a, w->provider_id))
      return forbidden("Seul le prestataire de l’atelier enregistre l’émargement.");
    if (!session_id) return CodeTarget{"workshop", 0, "/ateliers/" + std::to_string(w->id)};
    return CodeTarget{"workshop", session_id,
                      "/ateliers/seances/" + std::to_string(session_id) + "/emargement"};
  });
  if (!out.ok() && out.error().code == ErrorCode::forbidden)
    return log_denied(store_, clock_, a, "code.resolve", "session", code->id, out.error());
  return out;
}

Result<SessionSheetView> ProfessionalFileService::session_sheet(const Actor& a, Id session_id) {
  Id case_id = 0;
  Status found = store_.read([&](Repos& r) -> Status {
    auto s = r.journeys.find_session(session_id);
    if (!s) return not_found("Cette séance n’existe pas.");
    case_id = s->prescription_id;
    return {};
  });
  if (!found.ok()) return found.error();
  // The case view is the journey's (audited read of the case, SEC-2).
  JourneyService journeys(store_, clock_, programmes_);
  auto v = journeys.prescription(a, case_id);
  if (!v.ok()) return v.error();
  if (!v->provider_side)
    return log_denied(store_, clock_, a, "session.sheet", "session", session_id,
                      forbidden("Seul le prestataire enregistre l’émargement."));
  SessionSheetView out;
  for (const auto& s : v->sessions)
    if (s.session.id == session_id) out.session = s;
  out.case_view = std::move(*v);
  out.code = record_code('E', session_id);
  out.past = session_start(out.session.session) <= clock_.now();
  const ProgrammeState* state = out.case_view.config
                                    ? out.case_view.config->state(out.case_view.prescription.state)
                                    : nullptr;
  out.can_record = out.past && out.session.session.status == "planned" && state && !state->terminal;
  Status scans = store_.read([&](Repos& r) -> Status {
    out.scans = r.documents.scans_of_session(session_id);
    return {};
  });
  if (!scans.ok()) return scans.error();
  return out;
}

// ATT-2: the signed sheet comes back as evidence of the session (basis of invoicing, INV-1).
Result<Id> ProfessionalFileService::upload_scan(const Actor& a, const std::string& kind,
                                                Id session_id, const std::string& filename,
                                                const std::string& bytes) {
  if (auto v = check_upload(bytes, max_upload_bytes); !v.ok()) return v.error();
  const std::string media_type = *detect_media_type(bytes);
  return guarded_transact<Id>(
      store_, clock_, a, "document.scan", kind == "workshop" ? "workshop_session" : "session",
      session_id, [&](Repos& r) -> Result<Id> {
        StoredDocument d;
        d.kind = "scan";
        d.media_type = media_type;
        const Instant now = clock_.now();
        if (kind == "individual") {
          auto s = r.journeys.find_session(session_id);
          if (!s) return not_found("Cette séance n’existe pas.");
          auto p = visible_case(r, a, s->prescription_id);
          if (!p.ok()) return p.error();
          if (!provider_side(a, p->provider_id))
            return forbidden("Seul le prestataire dépose la feuille signée.");
          if (session_start(*s) > now)
            return rule_violation("La séance n’a pas encore eu lieu : rien à signer.");
          d.person_id = p->person_id;
          d.prescription_id = p->id;
          d.session_id = s->id;
          d.title = "Feuille signée — séance du " + french_long(s->date);
        } else if (kind == "workshop") {
          auto s = r.workshops.find_session(session_id);
          if (!s) return not_found("Cette séance n’existe pas.");
          auto w = r.workshops.find_workshop(s->workshop_id);
          if (!w || !provider_side(a, w->provider_id))
            return forbidden("Seul le prestataire de l’atelier dépose la feuille signée.");
          if (workshop_session_start(*s) > now)
            return rule_violation("La séance n’a pas encore eu lieu : rien à signer.");
          d.workshop_id = w->id;
          d.workshop_session_id = s->id;
          d.title = "Feuille signée — atelier, séance n° " + std::to_string(s->number) + " du " +
                    french_long(s->date);
        } else {
          return invalid("Type de séance inconnu.");
        }
        d.filename = safe_file_name(d.title + " " + filename, extension_of(media_type));
        return store_document(r, clock_, a, d, bytes).document_id;
      });
}

Result<Id> ProfessionalFileService::upload_document(const Actor& a, Id prescription_id,
                                                    const std::string& title,
                                                    const std::string& filename,
                                                    const std::string& bytes) {
  if (trim(title).empty() || utf8_length(trim(title)) > 200)
    return invalid("Donnez un titre au document (200 caractères au plus).",
                   {{"title", "Le titre est obligatoire."}});
  if (auto v = check_upload(bytes, max_upload_bytes); !v.ok()) return v.error();
  const std::string media_type = *detect_media_type(bytes);
  return guarded_transact<Id>(store_, clock_, a, "document.upload", "prescription", prescription_id,
                              [&](Repos& r) -> Result<Id> {
                                auto c = case_context(r, a, programmes_, prescription_id);
                                if (!c.ok()) return c.error();
                                StoredDocument d;
                                d.person_id = c->p.person_id;
                                d.prescription_id = c->p.id;
                                d.kind = "upload";
                                d.title = trim(title);
                                d.media_type = media_type;
                                d.filename = safe_file_name(d.title + " " + filename,
                                                            extension_of(media_type));
                                return store_document(r, clock_, a, d, bytes).document_id;
                              });
}

Result<std::vector<UnscannedView>> ProfessionalFileService::unscanned(const Actor& a, int days) {
  auto providers = actor_providers(a);
  if (providers.empty())
    return log_denied(store_, clock_, a, "session.unscanned", "session", 0,
                      forbidden("Cette liste est celle des prestataires."));
  return read<std::vector<UnscannedView>>(
      store_, [&](Repos& r) -> Result<std::vector<UnscannedView>> {
        Names names(r);
        const Date today = paris_date(clock_.now());
        const Date from{date::sys_days{today} - date::days{days}};
        std::vector<UnscannedView> out;
        for (Id provider : providers)
          for (const auto& u : r.documents.unscanned_sessions(provider, from, today, 500)) {
            UnscannedView v;
            v.session = u;
            v.intervenant_name = names.user_name(u.intervenant_id);
            if (u.kind == "individual") {
              v.code = record_code('E', u.session_id);
              v.link = "/seances/" + std::to_string(u.session_id) + "/emargement";
              auto p = r.journeys.find_prescription(u.prescription_id);
              auto person = p ? r.persons.find(p->person_id) : std::nullopt;
              v.label = "Entretien — " + (person ? person_display_name(*person) : "");
            } else {
              v.code = record_code('S', u.session_id);
              v.link = "/ateliers/seances/" + std::to_string(u.session_id) + "/emargement";
              auto w = r.workshops.find_workshop(u.workshop_id);
              const ProgrammeConfig* config = w ? programmes_.find(w->programme_id) : nullptr;
              v.label = "Atelier : " +
                        (config ? workshop_detail::theme_label(*config, *w) : std::string());
            }
            out.push_back(std::move(v));
          }
        return out;
      });
}

Result<ProfessionalFile> ProfessionalFileService::professional_file(const Actor& a, Id person_id) {
  return guarded_audited_read<ProfessionalFile>(
      store_, clock_, a, "professional_file.read", "person", person_id,
      [&](Repos& r, AuditedRead& entry) -> Result<ProfessionalFile> {
        auto person = visible_person(r, a, person_id);
        if (!person.ok()) return person.error();
        Names names(r);
        ProfessionalFile f;
        f.person = *person;
        f.can_manage_consent = true;  // visible_person: SPIP side or provider side
        for (const auto& d : r.documents.documents_of_person(person_id))
          if (document_visible(r, a, d)) f.documents.push_back(document_view(r, names, d));
        const Instant now = clock_.now();
        for (const auto& c : r.documents.consents_of_person(person_id)) {
          ConsentView v{c, names.org(c.recipient_org_id).name, names.user_name(c.recorded_by),
                        !c.revoked_at || *c.revoked_at > now};
          f.consents.push_back(std::move(v));
        }
        for (OrgKind k : {OrgKind::partner, OrgKind::plie, OrgKind::siae})
          for (const auto& o : r.orgs.list(k)) f.partners.push_back(o);
        entry.person_id = person_id;
        return f;
      });
}

Result<PdfFile> ProfessionalFileService::download(const Actor& a, Id document_id) {
  return guarded_audited_read<PdfFile>(
      store_, clock_, a, "document.download", "document", document_id,
      [&](Repos& r, AuditedRead& entry) -> Result<PdfFile> {
        auto d = r.documents.find_document(document_id);
        if (!d) return not_found("Ce document n’existe pas.");
        if (!document_visible(r, a, *d) && !shared_with_actor(r, a, *d, clock_.now()))
          return forbidden("Ce document ne vous est pas accessible.");
        auto bytes = r.documents.content(d->checksum);
        if (!bytes) return not_found("Le contenu de ce document est introuvable.");
        entry.subject_id = d->id;
        entry.person_id = d->person_id;
        return PdfFile{d->id, d->version, d->filename, d->media_type, std::move(*bytes)};
      });
}

// SEC-3: the person's consent, with its date and scope, recorded by the SPIP or the provider.
Result<Id> ProfessionalFileService::record_consent(const Actor& a, Consent c) {
  return guarded_transact<Id>(
      store_, clock_, a, "consent.record", "person", c.person_id, [&](Repos& r) -> Result<Id> {
        auto person = visible_person(r, a, c.person_id);
        if (!person.ok()) return person.error();
        std::vector<FieldError> errors;
        auto org = r.orgs.find(c.recipient_org_id);
        if (!org || !partner_kind(org->kind))
          errors.push_back({"recipient_org_id",
                            "Choisissez un partenaire extérieur au SPIP et au prestataire."});
        if (!valid_consent_scope(c.scope))
          errors.push_back({"scope", "Choisissez la portée du consentement."});
        if (!c.given_on.ok() ||
            date::sys_days{c.given_on} > date::sys_days{paris_date(clock_.now())})
          errors.push_back({"given_on", "La date du consentement ne peut pas être dans le futur."});
        if (utf8_length(c.note) > 1000)
          errors.push_back({"note", "La précision ne doit pas dépasser 1000 caractères."});
        if (!errors.empty()) return invalid("Le consentement n’est pas valide.", errors);
        c.note = trim(c.note);
        c.recorded_by = a.user.id;
        c.recorded_at = clock_.now();
        c.revoked_at.reset();
        c.id = r.documents.insert_consent(c);
        record(r, clock_, a, "consent.record", "consent", c.id, c.person_id,
               json{{"recipient", c.recipient_org_id}, {"scope", c.scope}}.dump());
        return c.id;
      });
}

Status ProfessionalFileService::revoke_consent(const Actor& a, Id consent_id,
                                               const std::string& reason) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "consent.revoke", "consent", consent_id, [&](Repos& r) -> Result<bool> {
        auto c = r.documents.find_consent(consent_id);
        if (!c) return not_found("Ce consentement n’existe pas.");
        auto person = visible_person(r, a, c->person_id);
        if (!person.ok()) return person.error();
        if (c->revoked_at) return conflict("Ce consentement est déjà révoqué.");
        if (trim(reason).empty())
          return invalid("Indiquez le motif de la révocation.",
                         {{"reason", "Le motif est obligatoire."}});
        c->revoked_at = clock_.now();
        c->revoked_by = a.user.id;
        c->revoke_reason = trim(reason);
        r.documents.update_consent(*c);
        record(r, clock_, a, "consent.revoke", "consent", c->id, c->person_id);
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

// SEC-3: a share outside the SPIP–provider pair needs an active consent covering the
// document; refused (and journaled) otherwise.
Result<Id> ProfessionalFileService::share(const Actor& a, Id document_id, Id recipient_org_id) {
  return guarded_transact<Id>(
      store_, clock_, a, "document.share", "document", document_id, [&](Repos& r) -> Result<Id> {
        auto d = r.documents.find_document(document_id);
        if (!d) return not_found("Ce document n’existe pas.");
        if (!document_visible(r, a, *d))
          return forbidden("Ce document ne vous est pas accessible.");
        auto org = r.orgs.find(recipient_org_id);
        if (!org || !partner_kind(org->kind))
          return invalid("Choisissez un partenaire extérieur au SPIP et au prestataire.",
                         {{"recipient_org_id", "Choisissez un partenaire."}});
        if (!d->person_id)
          return rule_violation("Seuls les documents d’une personne se partagent.");
        const Instant now = clock_.now();
        Id consent_id = 0;
        for (const auto& c : r.documents.consents_of_person(d->person_id))
          if (c.recipient_org_id == recipient_org_id && consent_covers(c, *d, now))
            consent_id = c.id;
        if (!consent_id)
          return forbidden(
              "La personne n’a pas donné (ou a révoqué) son consentement au "
              "partage de ce document avec " +
              org->name + ".");
        DocumentShare s{0, d->id, recipient_org_id, consent_id, a.user.id, now};
        s.id = r.documents.insert_share(s);
        record(r, clock_, a, "document.share", "document", d->id, d->person_id,
               json{{"recipient", recipient_org_id}, {"consent", consent_id}}.dump());
        return s.id;
      });
}

Result<std::vector<SharedDocumentView>> ProfessionalFileService::shared_with_me(const Actor& a) {
  std::vector<Id> orgs;
  for (const auto& m : a.memberships) orgs.push_back(m.org.id);
  return read<std::vector<SharedDocumentView>>(
      store_, [&](Repos& r) -> Result<std::vector<SharedDocumentView>> {
        std::vector<SharedDocumentView> out;
        const Instant now = clock_.now();
        for (const auto& s : r.documents.shares_to(orgs, 500)) {
          auto d = r.documents.find_document(s.document_id);
          auto c = r.documents.find_consent(s.consent_id);
          if (!d || !c || !consent_covers(*c, *d, now)) continue;
          auto person = r.persons.find(d->person_id);
          out.push_back(
              {s, *d, person ? person_display_name(*person) : "", document_kind_label(d->kind)});
        }
        return out;
      });
}

}  // namespace parcours
