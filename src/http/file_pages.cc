// The professional file of a person (SPEC BEN-4): its documents with version, author, date, size
// and checksum, their download, the upload of a document of a case; the person's consents to
// share with partners and the shares themselves (SEC-3); what a partner organisation received.
// Every right is ProfessionalFileService's; downloads are audited there (SEC-2).
#include <algorithm>

#include "domain/validation.h"
#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/paper_views.h"

namespace parcours::http {
namespace {

ProfessionalFileService& files(Web& web) {
  return web.services().files;
}

std::string file_href(Id person_id) {
  return person_href(person_id) + "/dossier-professionnel";
}

Options partner_options(const ProfessionalFile& f) {
  Options out{{"", "— Choisir l’organisation —"}};
  for (const auto& o : f.partners) out.push_back({std::to_string(o.id), o.name});
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "Personne" : out;
}

nlohmann::json document_rows(const ProfessionalFile& f, const EmbeddedFailure* failure) {
  nlohmann::json rows = nlohmann::json::array();
  const bool can_share = f.can_manage_consent && !f.partners.empty();
  for (const auto& d : f.documents) {
    nlohmann::json row = document_cells(d.document, d.kind_label, d.author_name);
    row["shared_with"] = joined(d.shared_with);
    if (can_share) {
      const std::string id = std::to_string(d.document.id);
      nlohmann::json share = {{"form_id", "partage-" + id},
                              {"action", file_href(f.person.id) + "/documents/" + id + "/partage"},
                              {"title", row["title"]}};
      embed_failure(share, failure);
      share["recipients"] = option_list(partner_options(f), value_of(share, "recipient_org_id"));
      share["error"] = share["open"];
      row["share"] = share;
    }
    rows.push_back(row);
  }
  return rows;
}

nlohmann::json upload_form(Web& web, const ProfessionalFile& f,
                           const std::vector<PrescriptionSummary>& cases,
                           const EmbeddedFailure* failure) {
  if (!f.can_manage_consent || cases.empty()) return nullptr;
  Options opts;
  if (cases.size() > 1) opts.push_back({"", "— Choisir —"});
  for (const auto& c : cases)
    opts.push_back({std::to_string(c.prescription.id),
                    c.programme_label + " — " + c.state_label + " (" + c.provider_name + ")"});
  nlohmann::json u = {{"form_id", "ajout-document"},
                      {"action", file_href(f.person.id) + "/documents"},
                      {"limit", web.upload_limit_text() + " au plus."}};
  embed_failure(u, failure);
  u["cases"] = option_list(opts, value_of(u, "prescription_id"));
  u["title_value"] = value_of(u, "title");
  u["prescription_error"] = error_of(u, "prescription_id");
  u["title_error"] = error_of(u, "title");
  u["file_error"] = error_of(u, "file");
  return u;
}

nlohmann::json consent_rows(const ProfessionalFile& f, const EmbeddedFailure* failure) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& cv : f.consents) {
    const Consent& c = cv.consent;
    nlohmann::json row = {
        {"recipient", cv.recipient_name},
        {"scope", consent_scope_label(c.scope)},
        {"given_on", french_long(c.given_on)},
        {"note", c.note.empty() ? "—" : c.note},
        {"recorded", cv.recorded_by_name + ", " + on_instant(c.recorded_at)},
        {"state", cv.active ? badge("Actif", "success") : badge("Révoqué", "neutral")},
        {"revoked", c.revoked_at ? "Révoqué " + on_instant(*c.revoked_at) +
                                       (c.revoke_reason.empty() ? "" : " : " + c.revoke_reason)
                                 : ""}};
    if (cv.active && f.can_manage_consent) {
      const std::string id = std::to_string(c.id);
      nlohmann::json revoke = {
          {"form_id", "revocation-" + id},
          {"action", file_href(f.person.id) + "/consentements/" + id + "/revocation"}};
      embed_failure(revoke, failure);
      revoke["reason_value"] = value_of(revoke, "reason");
      revoke["reason_error"] = error_of(revoke, "reason");
      row["revoke"] = revoke;
    }
    rows.push_back(row);
  }
  return rows;
}

nlohmann::json consent_form(Web& web, const ProfessionalFile& f, const EmbeddedFailure* failure) {
  if (!f.can_manage_consent || f.partners.empty()) return nullptr;
  nlohmann::json c = {{"form_id", "consentement"},
                      {"action", file_href(f.person.id) + "/consentements"}};
  embed_failure(c, failure);
  const bool failed = c["open"].get<bool>();
  c["recipients"] = option_list(partner_options(f), value_of(c, "recipient_org_id"));
  c["scopes"] =
      option_list({{"bilans", consent_scope_label("bilans")}, {"all", consent_scope_label("all")}},
                  failed ? value_of(c, "scope") : "bilans");
  c["given_on_value"] = failed ? value_of(c, "given_on") : iso(today(web));
  c["note_value"] = value_of(c, "note");
  c["recipient_error"] = error_of(c, "recipient_org_id");
  c["scope_error"] = error_of(c, "scope");
  c["given_on_error"] = error_of(c, "given_on");
  return c;
}

void show_file(Web& web, Response& res, PageCtx& ctx, Id person_id, const EmbeddedFailure* failure,
               int status = 0) {
  auto f = files(web).professional_file(ctx.actor, person_id);
  if (!f.ok()) return web.fail(res, ctx, f.error());
  std::vector<PrescriptionSummary> cases;
  if (f->can_manage_consent)
    if (auto pf = web.services().journeys.person_file(ctx.actor, person_id); pf.ok())
      cases = pf->cases;
  const auto documents = document_rows(*f, failure);
  const auto consents = consent_rows(*f, failure);
  nlohmann::json view = {{"heading", "Dossier professionnel — " + person_display_name(f->person)},
                         {"person_href", person_href(person_id)},
                         {"documents", documents},
                         {"no_documents", documents.empty()},
                         {"can_share", f->can_manage_consent && !f->partners.empty()},
                         {"upload", upload_form(web, *f, cases, failure)},
                         {"consents", consents},
                         {"no_consents", consents.empty()},
                         {"consent_form", consent_form(web, *f, failure)}};
  if (failure) view["error_summary"] = failure_summary(*failure);
  if (!status) status = failure ? Web::status_of(failure->error.code) : 200;
  web.render(res, &ctx, "Dossier professionnel", "professional_file", view, status);
}

// A POST of the file page: done → back with `flash`; refused → the page with the form open
// (403 and 404 on the error page, unless `embed_forbidden`: a share refused for want of consent
// is explained on the page, SEC-3).
void after(Web& web, const Request& req, Response& res, PageCtx& ctx, const Status& s,
           const std::string& form_id, const std::string& flash, const std::string& anchor,
           int status = 0, bool embed_forbidden = false) {
  const Id person = id_param(req);
  if (s.ok()) return web.redirect(res, file_href(person) + anchor, flash);
  if ((s.error().code == ErrorCode::forbidden && !embed_forbidden) ||
      s.error().code == ErrorCode::not_found)
    return web.fail(res, ctx, s.error());
  // A multipart form (the upload) keeps its text fields, never the file.
  const nlohmann::json values =
      req.is_multipart_form_data()
          ? nlohmann::json{{"title", form(req, "title")},
                           {"prescription_id", form(req, "prescription_id")}}
          : form_values(req);
  EmbeddedFailure failure{form_id, s.error(), values};
  show_file(web, res, ctx, person, &failure, status);
}

void file_posts(Web& web) {
  web.page("POST", R"(/personnes/(\d+)/dossier-professionnel/documents)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             auto up = read_upload(web, req, "file");
             if (up.error)
               return after(web, req, res, ctx, *up.error, "ajout-document", "", "", up.status);
             auto id = files(web).upload_document(ctx.actor, id_field(req, "prescription_id"),
                                                  trim(form(req, "title")), up.file.filename,
                                                  up.file.bytes);
             after(web, req, res, ctx, status_only(id), "ajout-document",
                   "Document ajouté au dossier professionnel.", "#documents");
           });
  web.page("POST", R"(/personnes/(\d+)/dossier-professionnel/documents/(\d+)/partage)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             const std::string form_id = "partage-" + std::to_string(id_param(req, 2));
             const Id recipient = id_field(req, "recipient_org_id");
             Status s =
                 recipient
                     ? status_only(files(web).share(ctx.actor, id_param(req, 2), recipient))
                     : Status(invalid(
                           "Choisissez l’organisation destinataire.",
                           {{"recipient_org_id", "Choisissez l’organisation destinataire."}}));
             after(web, req, res, ctx, s, form_id, "Document partagé.", "#documents", 0, true);
           });
  web.page("POST", R"(/personnes/(\d+)/dossier-professionnel/consentements)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             std::vector<FieldError> errs;
             Consent c;
             c.person_id = id_param(req);
             c.recipient_org_id = id_field(req, "recipient_org_id");
             if (!c.recipient_org_id)
               errs.push_back({"recipient_org_id", "Choisissez l’organisation destinataire."});
             c.scope = form(req, "scope");
             if (auto d = date_field(req, "given_on", errs, true)) c.given_on = *d;
             c.note = trim(form(req, "note"));
             Status s = errs.empty() ? status_only(files(web).record_consent(ctx.actor, c))
                                     : Status(invalid("Le consentement n’est pas valide.", errs));
             after(web, req, res, ctx, s, "consentement", "Consentement enregistré.",
                   "#consentements");
           });
  web.page("POST", R"(/personnes/(\d+)/dossier-professionnel/consentements/(\d+)/revocation)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             const std::string form_id = "revocation-" + std::to_string(id_param(req, 2));
             const std::string reason = trim(form(req, "reason"));
             Status s = reason.empty()
                            ? Status(invalid("Indiquez le motif de la révocation.",
                                             {{"reason", "Indiquez le motif de la révocation."}}))
                            : files(web).revoke_consent(ctx.actor, id_param(req, 2), reason);
             after(web, req, res, ctx, s, form_id,
                   "Consentement révoqué : les documents ne sont plus visibles du partenaire.",
                   "#consentements");
           });
}

void document_pages(Web& web) {
  web.page("GET", R"(/documents/(\d+))", [&web](const Request& req, Response& res, PageCtx& ctx) {
    auto f = files(web).download(ctx.actor, id_param(req));
    if (!f.ok()) return web.fail(res, ctx, f.error());
    send_file(res, *f);
  });
  // What partner organisations received, under the person's consent (SEC-3).
  web.page("GET", "/documents/partages", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto list = files(web).shared_with_me(ctx.actor);
    if (!list.ok()) return web.fail(res, ctx, list.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& s : *list)
      rows.push_back({{"cells",
                       {cell(s.document.title.empty() ? s.document.filename : s.document.title,
                             document_href(s.document.id)),
                        cell(s.person_name), cell(s.kind_label),
                        cell("v" + std::to_string(s.document.version)),
                        cell(on_instant(s.share.shared_at)), cell(size_text(s.document.size))}}});
    web.render(res, &ctx, "Documents partagés", "list",
               {{"heading", "Documents partagés avec votre organisation"},
                {"intro",
                 "Les documents que le SPIP ou le prestataire vous ont transmis avec "
                 "le consentement de la personne. Si la personne retire son "
                 "consentement, le document n’est plus accessible."},
                {"caption", count_of(static_cast<long long>(rows.size()), "document", "documents")},
                {"columns",
                 {{{"label", "Document"}},
                  {{"label", "Personne"}},
                  {{"label", "Type"}},
                  {{"label", "Version"}},
                  {{"label", "Partagé"}},
                  {{"label", "Taille"}}}},
                {"rows", rows},
                {"empty", rows.empty()},
                {"empty_text", "Aucun document ne vous a été partagé."},
                {"actions", nlohmann::json::array()}});
  });
}

}  // namespace

void add_file_pages(Web& web) {
  web.page("GET", R"(/personnes/(\d+)/dossier-professionnel)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             show_file(web, res, ctx, id_param(req), nullptr);
           });
  file_posts(web);
  document_pages(web);
}

}  // namespace parcours::http
