// The bilan editor (SPEC PPAIP-16): final or mid-term, four sections written in plain language,
// the activities and hours of the programme, previews of both copies (the person's without the
// Justice ministry branding), and the delivery to the person, which stores both copies in the
// professional file (BEN-4) and meets the bilan deadline. Every rule is ProfessionalFileService's.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "domain/validation.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/paper_views.h"
#include "http/versioning.h"

namespace parcours::http {
namespace {

ProfessionalFileService& files(Web& web) {
  return web.services().files;
}

// "final" (default) or "interim", from ?type= or the form.
std::string kind_of(const Request& req) {
  return form(req, "type") == "interim" || req.get_param_value("type") == "interim" ? "interim"
                                                                                    : "final";
}

std::string bilan_href(Id prescription_id, const std::string& kind) {
  return case_href(prescription_id) + "/bilan?type=" + kind;
}

struct Section {
  const char* name;
  const char* label;
  const char* hint;
  bool required;
};

const Section kSections[] = {
    {"programme_done", "Ce que nous avons fait ensemble",
     "Les entretiens et les ateliers, ce qui a été travaillé, en quelques phrases courtes.", true},
    {"professional_project", "Votre projet professionnel",
     "Le métier ou la formation visés, dans les mots de la personne.", true},
    {"action_plan", "Les prochaines étapes",
     "Des actions concrètes : quoi, avec qui, quand. Une étape par ligne.", true},
    {"recommendations", "Conseils des partenaires (facultatif)",
     "Les recommandations des partenaires, s’il y en a. Sinon, laissez vide.", false}};

std::string section_text(const Bilan& b, const std::string& name) {
  if (name == "programme_done") return b.programme_done;
  if (name == "professional_project") return b.professional_project;
  if (name == "action_plan") return b.action_plan;
  return b.recommendations;
}

nlohmann::json sections(const Bilan& b, const EmbeddedFailure* failure) {
  nlohmann::json out = nlohmann::json::array();
  const nlohmann::json errors = failure ? failure_field_errors(*failure) : nlohmann::json::object();
  for (const auto& s : kSections) {
    std::string value = section_text(b, s.name);
    if (failure && failure->form_id == "bilan") value = failure->values.value(s.name, "");
    out.push_back({{"name", s.name},
                   {"label", s.label},
                   {"hint", s.hint},
                   {"required", s.required},
                   {"value", value},
                   {"paragraphs", paragraphs(value)},
                   {"error", errors.value(s.name, "")}});
  }
  return out;
}

nlohmann::json delivery_form(Web& web, const BilanView& v, Id prescription_id,
                             const EmbeddedFailure* failure) {
  const Bilan& b = v.bilan;
  if (!v.can_deliver || !b.id || b.status == "delivered") return nullptr;
  nlohmann::json f = {{"form_id", "remise"},
                      {"action", "/bilans/" + std::to_string(b.id) + "/remise"},
                      {"kind", b.kind},
                      {"prescription_id", std::to_string(prescription_id)}};
  embed_failure(f, failure);
  const bool failed = f["open"].get<bool>();
  Options modes{{"", "— Choisir —"}};
  for (const char* m : {"hand", "post", "email"}) modes.push_back({m, delivery_mode_label(m)});
  f["modes"] = option_list(modes, value_of(f, "mode"));
  f["date_value"] = failed ? value_of(f, "date") : iso(today(web));
  f["date_error"] = error_of(f, "date");
  f["mode_error"] = error_of(f, "mode");
  return f;
}

nlohmann::json delivered(const Bilan& b) {
  if (b.status != "delivered" || !b.delivered_to_person_on) return nullptr;
  nlohmann::json docs = nlohmann::json::array();
  if (b.cpip_document_id)
    docs.push_back(
        {{"href", document_href(b.cpip_document_id)}, {"label", "Exemplaire du CPIP (PDF)"}});
  if (b.person_document_id)
    docs.push_back({{"href", document_href(b.person_document_id)},
                    {"label", "Exemplaire de la personne (PDF)"}});
  return {{"text", std::string("Remis à la personne le ") + french_long(*b.delivered_to_person_on) +
                       " (" + delivery_mode_label(b.delivery_mode) + ")."},
          {"documents", docs}};
}

// Issue 12: the version the draft form carries — the stored one after a stale save (the
// refusal's detail « version », taken out of the shown problems), the posted one after another
// failure, the loaded draft's otherwise (0: no draft yet).
std::string draft_version(const Bilan& b, std::optional<EmbeddedFailure>& failure) {
  if (!failure || failure->form_id != "bilan") return std::to_string(b.id ? b.version : 0);
  auto& details = failure->error.details;
  auto carried = std::find_if(details.begin(), details.end(),
                              [](const FieldError& d) { return d.field == "version"; });
  if (carried != details.end()) {
    std::string version = carried->message;
    details.erase(carried);
    return version;
  }
  return failure->values.value("version", std::to_string(b.id ? b.version : 0));
}

void show_bilan(Web& web, Response& res, PageCtx& ctx, Id prescription_id, const std::string& kind,
                const EmbeddedFailure* posted) {
  auto v = files(web).bilan(ctx.actor, prescription_id, kind);
  if (!v.ok()) return web.fail(res, ctx, v.error());
  const Bilan& b = v->bilan;
  std::optional<EmbeddedFailure> copy;
  if (posted) copy = *posted;
  const std::string version = draft_version(b, copy);
  const EmbeddedFailure* failure = copy ? &*copy : nullptr;
  nlohmann::json activities = nlohmann::json::array();
  for (const auto& a : v->activities)
    activities.push_back(
        {{"date", a.date}, {"kind", a.kind}, {"duration", a.duration}, {"outcome", a.outcome}});
  const bool sent = b.status == "delivered";
  const std::string other = kind == "final" ? "interim" : "final";
  nlohmann::json view = {
      {"heading", v->kind_label + " — " + person_display_name(v->case_view.person)},
      {"status",
       sent ? badge("Remis", "success") : badge(b.id ? "Brouillon" : "Pas encore rédigé", "info")},
      {"updated", b.id ? "enregistré " + on_instant(b.updated_at) : ""},
      {"case_href", case_href(prescription_id)},
      {"other_href", bilan_href(prescription_id, other)},
      {"other_label", other == "final" ? "Bilan final" : "Bilan à mi-parcours"},
      {"delivered", delivered(b)},
      {"hours_summary", v->hours_summary},
      {"activities", activities},
      {"no_activities", activities.empty()},
      {"editable", v->can_edit && !sent},
      {"action", case_href(prescription_id) + "/bilan"},
      {"kind", kind},
      {"sections", sections(b, failure)},
      {"version", version},
      {"deliver", delivery_form(web, *v, prescription_id, failure)}};
  if (failure) view["error_summary"] = failure_summary(*failure);
  web.render(res, &ctx, v->kind_label, "bilan", view,
             failure ? Web::status_of(failure->error.code) : 200);
}

Bilan typed_bilan(const Request& req) {
  Bilan b;
  // Issue 12: the draft's version when the form was loaded (0: none yet); a form without it
  // (an old page) saves unconditionally, as before.
  const std::string version = form(req, "version");
  b.version = version.empty() ? -1 : std::atoi(version.c_str());
  b.prescription_id = id_param(req);
  b.kind = kind_of(req);
  b.programme_done = form(req, "programme_done");
  b.professional_project = form(req, "professional_project");
  b.action_plan = form(req, "action_plan");
  b.recommendations = form(req, "recommendations");
  return b;
}

void save(Web& web, const Request& req, Response& res, PageCtx& ctx) {
  const Id id = id_param(req);
  const Bilan b = typed_bilan(req);
  auto saved = files(web).save_bilan(ctx.actor, id, b);
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
      return web.fail(res, ctx, saved.error());
    EmbeddedFailure failure{"bilan", saved.error(), form_values(req)};
    return show_bilan(web, res, ctx, id, b.kind, &failure);
  }
  const std::string action = form(req, "action");
  if (action != "apercu-cpip" && action != "apercu-personne")
    return web.redirect(res, bilan_href(id, b.kind), "Brouillon enregistré.");
  // The preview renders what was just saved, without storing it in the file.
  auto pdf =
      files(web).preview_bilan(ctx.actor, id, b.kind, action == "apercu-cpip" ? "cpip" : "person");
  if (!pdf.ok()) return web.fail(res, ctx, pdf.error());
  send_file(res, *pdf, true);
}

void deliver(Web& web, const Request& req, Response& res, PageCtx& ctx) {
  const Id bilan_id = id_param(req);
  const Id case_id = id_field(req, "prescription_id");
  std::vector<FieldError> errs;
  auto on = date_field(req, "date", errs, true);
  const std::string mode = form(req, "mode");
  if (mode.empty()) errs.push_back({"mode", "Choisissez le mode de remise."});
  Status s = errs.empty() ? files(web).deliver_bilan(ctx.actor, bilan_id, *on, mode)
                          : Status(invalid("La remise n’est pas valide.", errs));
  if (s.ok())
    return web.redirect(res, bilan_href(case_id, kind_of(req)),
                        "Remise enregistrée : les deux exemplaires sont dans le dossier "
                        "professionnel et le CPIP en est informé.");
  if (s.error().code == ErrorCode::forbidden || s.error().code == ErrorCode::not_found || !case_id)
    return web.fail(res, ctx, s.error());
  EmbeddedFailure failure{"remise", s.error(), form_values(req)};
  show_bilan(web, res, ctx, case_id, kind_of(req), &failure);
}

}  // namespace

void add_bilan_pages(Web& web) {
  web.page("GET", R"(/prescriptions/(\d+)/bilan)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             show_bilan(web, res, ctx, id_param(req), kind_of(req), nullptr);
           });
  web.page("POST", R"(/prescriptions/(\d+)/bilan)",
           [&web](const Request& req, Response& res, PageCtx& ctx) { save(web, req, res, ctx); });
  web.page(
      "POST", R"(/bilans/(\d+)/remise)",
      [&web](const Request& req, Response& res, PageCtx& ctx) { deliver(web, req, res, ctx); });
}

}  // namespace parcours::http
